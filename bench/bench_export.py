"""Exporting 40 projects with one `export --outdir` run, against a script that only creates and
saves 40 empty documents with python-docx and openpyxl. Whole processes, side by side."""
from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BASELINE = """
import sys
from pathlib import Path
from docx import Document
from openpyxl import Workbook
out = Path(sys.argv[1])
for i in range(40):
    Document().save(out / f"{i}.docx")
    Workbook().save(out / f"{i}.xlsx")
"""


def timed(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - t0


def main(rounds: int = 3) -> None:
    from model.project_file import save_project
    from bench.data import example_indicators, reference_form

    work = Path(tempfile.mkdtemp(prefix="zpb-bench-"))
    try:
        files = []
        for i in range(40):
            p = reference_form(f"{i % 8 + 1:02d}")
            if i % 4 == 0:
                p.indicators = example_indicators(15)
            files.append(str(work / f"项目{i:02d}.zpb.json"))
            save_project(p, files[-1])
        (work / "base").mkdir()
        ours, base = [], []
        for _ in range(rounds):
            base.append(timed([sys.executable, "-c", BASELINE, str(work / "base")]))
            ours.append(timed([sys.executable, str(ROOT / "main.py"), "export", *files,
                               "--outdir", str(work / "out")]))
        b, o = statistics.median(base), statistics.median(ours)
        print(f"40 empty documents (python-docx + openpyxl): median {b:.2f} s")
        print(f"export 40 projects --outdir (docx + xlsx):   median {o:.2f} s")
        print(f"ratio: {o / b:.2f}x (goal: at most 3x)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
