"""Pasting rows from a spreadsheet into the window: the time for 100 and 1,000 rows and the time
per row of each (a linear paste keeps the ratio near 1; the goal is 1,000 rows under 1 s).

Runs offscreen unless QT_QPA_PLATFORM says otherwise. `--rows N …` measures other sizes.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def clipboard_rows(n: int) -> str:
    """Rows as Excel copies them: tab-separated, the last cells numbers, one quoted line break."""
    lines = []
    for i in range(n):
        name = f"\"指标{i}：带\n换行\"" if i % 50 == 0 else f"指标{i}：完成数量"
        lines.append(f"产出指标\t数量指标\t{name}\t≥{i % 90 + 10}份\t{i % 90 + 12}份\t0.1\t\t无偏差")
    return "\n".join(lines) + "\n"


def paste_time(n: int) -> float:
    from ui.editor import indicator_table as T
    from ui.app import make_app
    from ui.editor.controller import ProjectController
    from ui.editor.window import MainWindow

    app = make_app()
    w = MainWindow(ProjectController())
    w.show()
    app.processEvents()
    text = clipboard_rows(n)
    view = w.indicator_view
    view.setCurrentIndex(w.indicator_model.index(0, T.LEVEL1) if w.indicator_model.rowCount() else
                         w.indicator_model.index(-1, -1))
    t0 = time.perf_counter()
    view.paste(text)
    app.processEvents()  # the view lays out and paints the new rows
    while view._size_all.isActive():  # and sizes them to their text on the next pass
        app.processEvents()
    app.processEvents()
    elapsed = time.perf_counter() - t0
    assert w.indicator_model.rowCount() == n, w.indicator_model.rowCount()
    for row in (0, n - 1):  # the rows were sized to their text
        assert view.rowHeight(row) == max(view.sizeHintForRow(row), view.verticalHeader().minimumSectionSize())
    assert w.controller.undo_stack.count() == 1  # one undo step
    w.controller.undo_stack.setClean()
    w.close()
    w.deleteLater()
    app.processEvents()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, nargs="*", default=[100, 1000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.update(ZPB_DATA_DIR=tmp, ZPB_CONFIG_DIR=tmp)
        paste_time(10)  # warm up: imports, fonts
        times = {n: paste_time(n) for n in args.rows}
    for n, t in times.items():
        print(f"paste {n:>5} rows: {t * 1e3:8.1f} ms  ({t / n * 1e3:.3f} ms per row)")
    sizes = sorted(times)
    if len(sizes) >= 2:
        small, big = sizes[0], sizes[-1]
        ratio = (times[big] / big) / (times[small] / small)
        print(f"per-row time, {big} rows vs {small} rows: {ratio:.2f}x (linear: about 1)")
    if 1000 in times:
        print(f"goal: 1,000 rows under 1 s → {'met' if times[1000] < 1 else 'NOT met'}")


if __name__ == "__main__":
    main()
