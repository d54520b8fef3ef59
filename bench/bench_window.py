"""The window's speed: an edit to the repainted 总分 in a 100-indicator project (median, p99),
and the time to a shown window against a bare QMainWindow, both as whole processes.

Runs offscreen unless QT_QPA_PLATFORM says otherwise (xvfb-run with QT_QPA_PLATFORM=xcb for X).
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BARE = """
import time; t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1280, 880); w.show(); app.processEvents()
print(time.perf_counter() - t0)
"""
OURS = """
import sys, time; t0 = time.perf_counter()
sys.path.insert(0, sys.argv[1])
from ui.app import make_app, open_window
app = make_app()
w = open_window(None); w.show(); app.processEvents()
print(time.perf_counter() - t0)
w.recovery.close()
"""


def edit_to_repaint(runs: int = 200) -> None:
    from bench.bench_recompute import hundred_indicators
    from ui import funds_table as F
    from ui.app import make_app
    from ui.controller import ProjectController
    from ui.main_window import MainWindow

    app = make_app()
    w = MainWindow(ProjectController(hundred_indicators()))
    w.show()
    app.processEvents()
    index = w.funds_model.index(0, F.EXECUTED)
    times = []
    for i in range(runs):
        t0 = time.perf_counter()
        w.funds_model.setData(index, "120" if i % 2 else "126.5")
        w.total_bar.repaint()  # synchronous: the new total is painted when this returns
        app.processEvents()  # and every other cell the edit marked for repainting
        times.append(time.perf_counter() - t0)
    assert w.total_bar.total.text().startswith("总分")
    times.sort()
    print(f"edit → repainted total, 100 indicators: median {statistics.median(times) * 1e3:.2f} ms, "
          f"p99 {times[int(runs * 0.99)] * 1e3:.2f} ms over {runs} edits (a frame is 16.7 ms)")
    w.controller.undo_stack.setClean()
    w.close()


def show_time(rounds: int = 5) -> None:
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as tmp:
        env.update(ZPB_DATA_DIR=tmp, ZPB_CONFIG_DIR=tmp)
        bare, ours = [], []
        for _ in range(rounds):
            for script, out, args in ((BARE, bare, []), (OURS, ours, [str(ROOT)])):
                t0 = time.perf_counter()
                done = subprocess.run([sys.executable, "-c", script, *args], env=env,
                                      capture_output=True, text=True, check=True)
                out.append((time.perf_counter() - t0, float(done.stdout.strip().splitlines()[-1])))
    b_wall, o_wall = statistics.median(x[0] for x in bare), statistics.median(x[0] for x in ours)
    b_in, o_in = statistics.median(x[1] for x in bare), statistics.median(x[1] for x in ours)
    print(f"bare QMainWindow shown: process {b_wall * 1e3:.0f} ms (in-script {b_in * 1e3:.0f} ms)")
    print(f"our window shown:       process {o_wall * 1e3:.0f} ms (in-script {o_in * 1e3:.0f} ms)")
    print(f"ratio: {o_wall / b_wall:.2f}x whole process, {o_in / b_in:.2f}x in-script (goal: within 3x)")


if __name__ == "__main__":
    edit_to_repaint()
    show_time()
