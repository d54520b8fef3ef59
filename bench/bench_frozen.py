"""The frozen bundle against the source: its size, and the time to a shown window (whole
processes, median of several starts). Build it first with packaging/build.sh."""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = Path(os.environ.get("ZPB_FROZEN", ROOT / "dist" / "zpb"))
EXE = ".exe" if sys.platform == "win32" else ""


def start(cmd: list[str], rounds: int = 5) -> float:
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, ZPB_STARTUP_REPORT=str(Path(tmp) / "r.txt"), ZPB_DATA_DIR=tmp,
                   ZPB_CONFIG_DIR=tmp)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        for _ in range(rounds):
            t0 = time.perf_counter()
            subprocess.run(cmd, env=env, check=True, capture_output=True, timeout=120)
            times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    real = [f for f in BUNDLE.rglob("*") if f.is_file() and not f.is_symlink()]  # links: counted once
    size, files = sum(f.stat().st_size for f in real), len(real)
    print(f"bundle {BUNDLE}: {size / 2**20:.1f} MB unpacked in {files} files")
    frozen = start([str(BUNDLE / f"自评表{EXE}")])
    src = start([sys.executable, str(ROOT / "main.py")])
    print(f"window shown and closed: frozen {frozen * 1e3:.0f} ms, source {src * 1e3:.0f} ms "
          f"(ratio {frozen / src:.2f}; goal: not slower than the source)")


if __name__ == "__main__":
    main()
