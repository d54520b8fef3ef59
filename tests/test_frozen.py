"""The frozen bundle (packaging/build.sh) gives the same results as the source, headless.

CI builds the bundle first and names it in ZPB_FROZEN; elsewhere these tests run when
dist/zpb exists and are skipped otherwise (building takes a while).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FORMS, compare_with_reference, form_rows_tool

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = Path(os.environ.get("ZPB_FROZEN", ROOT / "dist" / "zpb"))
EXE = ".exe" if sys.platform == "win32" else ""

if not (BUNDLE / f"zpb{EXE}").exists():
    if os.environ.get("CI"):
        raise RuntimeError(f"CI builds the bundle before the tests, but {BUNDLE} has none")
    pytest.skip("no frozen bundle (run packaging/build.sh)", allow_module_level=True)


def frozen(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([str(BUNDLE / f"zpb{EXE}"), *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=120, **kw)


def source(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


def test_version_is_the_projects():
    assert frozen("--version").stdout == source("--version").stdout


def test_new_example_and_check_match_the_source(tmp_path):
    a, b = tmp_path / "冻结 示例.zpb.json", tmp_path / "源码示例.zpb.json"
    assert frozen("new", str(a), "--example").returncode == 0
    assert source("new", str(b), "--example").returncode == 0
    assert a.read_bytes() == b.read_bytes()
    fc, sc = frozen("check", str(a)), source("check", str(a))
    assert (fc.returncode, fc.stdout) == (sc.returncode, sc.stdout) and "总分：100" in fc.stdout
    bad = tmp_path / "坏.json"
    bad.write_text("{", encoding="utf-8")
    assert frozen("check", str(bad)).returncode == 2


def test_export_and_import_match_the_source(tmp_path):
    example = tmp_path / "例.zpb.json"
    source("new", str(example), "--example")
    out, src = tmp_path / "frozen out", tmp_path / "src"
    assert frozen("export", str(example), "--outdir", str(out)).returncode == 0
    assert source("export", str(example), "--outdir", str(src)).returncode == 0
    tool = form_rows_tool()
    for suffix in ("docx", "xlsx"):
        assert tool.form_rows(str(out / f"例.{suffix}")) == tool.form_rows(str(src / f"例.{suffix}"))
        fj, sj = tmp_path / f"f-{suffix}.json", tmp_path / f"s-{suffix}.json"
        assert frozen("import", str(out / f"例.{suffix}"), "-o", str(fj)).returncode == 0
        assert source("import", str(out / f"例.{suffix}"), "-o", str(sj)).returncode == 0
        assert fj.read_bytes() == sj.read_bytes()
    assert frozen("import", str(tmp_path / "missing.docx"), "-o", str(tmp_path / "x.json")).returncode == 1


@pytest.mark.parametrize("form", ["05.docx", "08.xlsx"])
def test_reference_forms_round_trip_through_the_bundle(tmp_path, form):
    fj = tmp_path / "f.json"
    assert frozen("import", str(FORMS / form), "-o", str(fj)).returncode == 0
    assert frozen("export", str(fj), "--outdir", str(tmp_path)).returncode == 0
    assert compare_with_reference(tmp_path / "f.docx", form[:2]) == []


def test_the_window_program_starts_on_the_example(tmp_path):
    report = tmp_path / "shown.txt"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ZPB_STARTUP_REPORT=str(report),
               ZPB_DATA_DIR=str(tmp_path), ZPB_CONFIG_DIR=str(tmp_path))
    done = subprocess.run([str(BUNDLE / f"自评表{EXE}")], env=env, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr[-400:]
    assert "自评" in report.read_text(encoding="utf-8") and "接诉即办" in report.read_text(encoding="utf-8")
