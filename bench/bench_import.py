"""Median time to import one filled form in-process (goal: under 50 ms), .docx and .xlsx."""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from importers import read_form  # noqa: E402
from bench.data import FORMS  # noqa: E402


def main(runs: int = 30) -> None:
    for suffix in ("docx", "xlsx"):
        files = sorted(FORMS.glob(f"*.{suffix}"))
        read_form(files[0])  # warm the imports
        times = []
        for _ in range(runs):
            for f in files:
                t0 = time.perf_counter()
                read_form(f)
                times.append(time.perf_counter() - t0)
        times.sort()
        print(f"import .{suffix}: median {statistics.median(times) * 1e3:.1f} ms, "
              f"p99 {times[int(len(times) * 0.99)] * 1e3:.1f} ms over {len(times)} imports")


if __name__ == "__main__":
    main()
