"""Forms at and beyond the size limits (importers/safety.py): how long a read takes and how much
memory it holds, against a real form. A refusal must cost about what a real form does.

Run: python -m bench.bench_oversize
"""
from __future__ import annotations

import json
import tempfile
import time
import tracemalloc
from pathlib import Path

import openpyxl

from bench.data import FORMS
from importers import read_form
from importers.safety import MAX_CELLS


def _sheet(path: Path, rows: int, cols: int) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    form = json.loads((FORMS / "01.rows.json").read_text(encoding="utf-8"))
    for r, row in enumerate(form, 1):
        for c, text in enumerate(row, 1):
            ws.cell(r, c).value = text or None
    for r in range(len(form) + 1, rows + 1):
        for c in range(1, cols + 1):
            ws.cell(r, c).value = "填充文字"
    wb.save(path)
    return path


def _read(path: Path) -> str:
    try:
        read_form(path)
        return "read"
    except Exception as exc:  # a refusal is the expected outcome beyond the limits
        return f"refused ({type(exc).__name__})"


def _measure(path: Path) -> tuple[float, float, str]:
    """Seconds (a plain run) and peak MB of Python objects (a second, traced run)."""
    t = time.perf_counter()
    outcome = _read(path)
    seconds = time.perf_counter() - t
    tracemalloc.start()
    _read(path)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return seconds, peak, outcome


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cases = [("real form 01.xlsx", FORMS / "01.xlsx"),
                 (f"just under the limit (~{MAX_CELLS // 1000}k cells)", _sheet(folder / "under.xlsx", 1990, 20)),
                 ("2,000 rows × 60 columns (120k cells)", _sheet(folder / "over.xlsx", 1999, 60))]
        base = None
        for label, path in cases:
            seconds, peak, outcome = _measure(path)
            base = base or seconds
            print(f"{label:42} {seconds:6.2f} s  peak {peak:7.1f} MB  {outcome:24} ×{seconds / base:.0f}")


if __name__ == "__main__":
    main()
