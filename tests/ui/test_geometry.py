"""Every window fits the screen's available area, centred, with what the clerk needs on screen:
a 1366×768 laptop less its taskbar (1366×700), 1280×720, and 1920×1080 at 150 % (QT_SCALE_FACTOR)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from model.department.file import department_path, save_department
from model.project_file import save_project
from tests.department_seeds import jinsong, jinsong_folder

ROOT = Path(__file__).resolve().parents[2]
SCREENS = {"1366x700": (1366, 700, "1"), "1280x720": (1280, 720, "1"), "1920x1080@150%": (1920, 1080, "1.5")}


def inside(outer: list[int], inner: list[int]) -> bool:
    x, y, w, h = outer
    a, b, c, d = inner
    return x <= a and y <= b and a + c <= x + w and b + d <= y + h


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    path = tmp_path_factory.mktemp("unit")
    for i, p in enumerate(jinsong_folder()[:30]):
        save_project(p, path / f"{i:02d}.zpb.json")
    save_department(jinsong(), department_path(path))
    return path


@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_window_fits_the_screen_centred(screen, folder, tmp_path):
    width, height, scale = SCREENS[screen]
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "probe", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "QT_SCALE_FACTOR": scale,
           "ZPB_DATA_DIR": str(tmp_path / "data"), "ZPB_CONFIG_DIR": str(tmp_path / "config")}
    r = subprocess.run([sys.executable, "-m", "tests.ui.geometry_probe", str(folder)], cwd=ROOT, env=env,
                       capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    found = json.loads(r.stdout.strip().splitlines()[-1])
    available = found["available"]
    assert available[2:] == [round(width / float(scale)), round(height / float(scale))]  # the logical screen
    assert set(found["windows"]) == {"editor", "overview", "department", "department_indicators", "settings",
                                     "print_preview", "guide"}
    for name, w in found["windows"].items():
        assert inside(available, w["frame"]), (name, w["frame"], available)
        for part, (visible, where) in w["needed"].items():
            assert visible and inside(available, where) and inside(w["frame"], where), (name, part, where)
        if w["dialog"] or not w["maximized"]:  # centred (a maximized window fills the area)
            x, y, fw, fh = w["frame"]
            assert abs((x + fw / 2) - (available[0] + available[2] / 2)) <= 2, (name, w["frame"])
            assert abs((y + fh / 2) - (available[1] + available[3] / 2)) <= 12, (name, w["frame"])
