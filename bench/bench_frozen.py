"""The frozen bundle against the source: its size, and the time to a shown window (whole
processes, median of several starts). Build it first with packaging/build.sh. When the Windows
bundle built under Wine is there too (packaging/wine/ci.sh: dist/windows/zpb, or
ZPB_FROZEN_WINDOWS), its size (goal: at most 100 MB unpacked) and its start-up under Wine
against the Linux bundle's."""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = Path(os.environ.get("ZPB_FROZEN", ROOT / "dist" / "zpb"))
EXE = ".exe" if sys.platform == "win32" else ""
WINDOWS = Path(os.environ.get("ZPB_FROZEN_WINDOWS", ROOT / "dist" / "windows" / "zpb"))
GOAL_MB = 100


# Qt's offscreen platform on Windows never finishes closing the window: the real one there
QPA = "windows" if sys.platform == "win32" else "offscreen"


def start(cmd: list[str], rounds: int = 5, platform: str = QPA) -> float:
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, ZPB_STARTUP_REPORT=str(Path(tmp) / "r.txt"), ZPB_DATA_DIR=tmp,
                   ZPB_CONFIG_DIR=tmp)
        env["QT_QPA_PLATFORM"] = platform
        for _ in range(rounds):
            t0 = time.perf_counter()
            subprocess.run(cmd, env=env, check=True, capture_output=True, stdin=subprocess.DEVNULL,
                           timeout=180)
            times.append(time.perf_counter() - t0)
    return statistics.median(times)


def size(bundle: Path) -> str:
    real = [f for f in bundle.rglob("*") if f.is_file() and not f.is_symlink()]  # links: counted once
    mb = sum(f.stat().st_size for f in real) / 2**20
    goal = f" (goal: at most {GOAL_MB} MB)" if (bundle / "zpb.exe").exists() else ""  # Windows'
    return f"bundle {bundle}: {mb:.1f} MB unpacked in {len(real)} files{goal}"


def main(windows_only: bool = False) -> None:
    """windows_only (--windows, the Wine stage of CI): the Linux bundle's figures are printed
    already; only its start-up is timed again, for the ratio."""
    if not windows_only:
        print(size(BUNDLE))
    frozen = start([str(BUNDLE / f"自评表{EXE}")])
    if not windows_only:
        src = start([sys.executable, str(ROOT / "main.py")])
        print(f"window shown and closed: frozen {frozen * 1e3:.0f} ms, source {src * 1e3:.0f} ms "
              f"(ratio {frozen / src:.2f}; goal: not slower than the source)")
    if sys.platform != "win32" and (WINDOWS / "自评表.exe").exists() and shutil.which("wine"):
        print(f"Windows {size(WINDOWS)}")
        if not os.environ.get("DISPLAY"):
            print("Windows start-up not timed: Wine needs DISPLAY (an Xvfb) for the windows platform")
            return
        # the real "windows" platform: Qt's offscreen one on Windows never lets the window close
        wine = start(["wine", str(WINDOWS / "自评表.exe")], rounds=3, platform="windows")
        print(f"window shown and closed: Windows bundle under Wine {wine * 1e3:.0f} ms, Linux bundle "
              f"{frozen * 1e3:.0f} ms (ratio {wine / frozen:.2f}; Wine adds its own start-up)")


if __name__ == "__main__":
    main(windows_only="--windows" in sys.argv[1:])
