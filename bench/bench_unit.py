"""A unit's folder of N projects (default 1,000): the overview, the 汇总表, exporting all, editing one.

Prints each figure beside its goal and a baseline, as ratios:
- overview: first rows and all rows shown, against reading the same files with json.loads only;
- 汇总表: `summary DIR --docx --xlsx` as a whole process;
- export: `export DIR --outdir` (docx + xlsx each) on every core against one core, with the
  peak memory of any one process (ru_maxrss of the children), and against writing as many empty
  documents in one process: by the wall clock and by CPU time (the load others put on a shared
  machine moves the first, not the second);
- writers: one project's Excel and Word form against an empty workbook/document;
- editing: one edit of a project opened from the overview, against the same project alone.

    QT_QPA_PLATFORM=offscreen python bench/bench_unit.py [N] [--export-n M]
"""
from __future__ import annotations

import argparse
import io
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def make_folder(folder: Path, n: int) -> None:
    from bench.data import FORMS, example_indicators, reference_form
    from model.project_file import save_project
    ids = sorted(f.name[:2] for f in FORMS.glob("*.docx"))
    base = [reference_form(i) for i in ids]
    long = reference_form(ids[1])
    long.indicators = example_indicators(15)
    base.append(long)
    for k in range(n):
        p = base[k % len(base)].model_copy(deep=True)
        p.name = f"{p.name}（{k + 1}）"
        save_project(p, folder / f"项目{k + 1:04d}.zpb.json")


def bench_overview(folder: Path) -> None:
    from PySide6.QtWidgets import QApplication
    from ui.app import make_app
    from ui.overview.window import OverviewWindow
    make_app()
    t0 = time.perf_counter()
    for p in sorted(folder.glob("*.zpb.json")):
        json.loads(p.read_text(encoding="utf-8"))
    plain = time.perf_counter() - t0
    t0 = time.perf_counter()
    w = OverviewWindow(folder)
    w.show()
    first = None
    while w.folder.loading:
        QApplication.processEvents()
        if first is None and w.proxy.rowCount():
            w.view.viewport().repaint()
            first = time.perf_counter() - t0
    QApplication.processEvents()
    w.view.viewport().repaint()
    every = time.perf_counter() - t0
    n = len(w.folder.entries)
    print(f"overview of {n}: first rows {first:.3f} s (goal 0.5 s, {first / 0.5:.2f}x of it); "
          f"all rows {every:.2f} s (goal 3 s, {every / 3:.2f}x); json.loads alone {plain:.2f} s "
          f"(all rows {every / plain:.1f}x of it)")
    bench_edit(w)
    w.close()


def bench_edit(w) -> None:
    """One keystroke-sized edit: a project opened from the overview against the same alone."""
    from ui.editor.controller import ProjectController

    def edits(controller) -> float:
        times = []
        for k in range(40):
            t0 = time.perf_counter()
            controller.set_field(("project", None), "achieved", f"已完成{k}", typing=True)
            times.append(time.perf_counter() - t0)
        return statistics.median(times) * 1000
    entry = w.folder.entries[0]
    editor = w.open_entry(entry)
    in_folder = edits(editor.controller)
    editor.controller.undo_stack.setClean()
    editor.close()
    from ui.editor.window import MainWindow
    alone = MainWindow(ProjectController())  # the same editor window, opened by itself
    alone.controller.open(str(entry.path))
    alone.show()
    by_itself = edits(alone.controller)
    alone.controller.undo_stack.setClean()
    alone.close()
    print(f"one edit: {in_folder:.2f} ms opened from the {len(w.folder.entries)}-project overview, "
          f"{by_itself:.2f} ms alone (ratio {in_folder / by_itself:.2f})")


EMPTY_DOCUMENTS = """
import sys
from pathlib import Path
from docx import Document
from openpyxl import Workbook
out = Path(sys.argv[1])
for i in range(int(sys.argv[2])):
    Document().save(out / f"{i}.docx")
    Workbook().save(out / f"{i}.xlsx")
"""


def timed(cmd: list[str]) -> tuple[float, float, float]:
    """Wall seconds, the largest resident memory (MB) of any child process so far, and the CPU
    seconds of the command's processes (its workers included): on a machine others load, the
    CPU time says the program's own cost where the wall clock says the load."""
    cpu0 = _children_cpu()
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    wall = time.perf_counter() - t0
    return wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, _children_cpu() - cpu0


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bench_cli(folder: Path, work: Path, export_n: int) -> None:
    main = str(ROOT / "main.py")
    wall, _, _ = timed([sys.executable, main, "summary", str(folder), "--docx", str(work / "s.docx"),
                     "--xlsx", str(work / "s.xlsx"), "--force"])
    print(f"汇总表 of {len(list(folder.glob('*.zpb.json')))} (docx + xlsx, whole process): {wall:.2f} s "
          f"(goal 5 s, {wall / 5:.2f}x)")
    sub = work / "export-in"
    sub.mkdir()
    for p in sorted(folder.glob("*.zpb.json"))[:export_n]:
        shutil.copy(p, sub / p.name)
    serial = ("import sys; sys.path.insert(0, %r); import cli.parallel as p; p.PARALLEL_FROM = 10**9; "
              "from cli.commands import run; sys.exit(run(sys.argv[1:]))" % str(ROOT))
    one, mem_one, one_cpu = timed([sys.executable, "-c", serial, "export", str(sub), "--outdir", str(work / "o1")])
    every, mem, every_cpu = timed([sys.executable, main, "export", str(sub), "--outdir", str(work / "o2")])
    (work / "empty").mkdir()
    empty, _, empty_cpu = timed([sys.executable, "-c", EMPTY_DOCUMENTS, str(work / "empty"), str(export_n)])
    scale = 1000 / export_n
    print(f"export {export_n} (docx + xlsx each): one core {one:.1f} s, every core {every:.1f} s "
          f"(speed-up {one / every:.2f}x); for 1,000 that is {every * scale:.0f} s (goal 30 s, "
          f"{every * scale / 30:.2f}x); peak memory of any process {mem:.0f} MB (goal < 300 MB)")
    print(f"export on every core against {export_n} empty python-docx + openpyxl documents written "
          f"in one process ({empty:.1f} s): {every / empty:.2f}x (goal at most 0.75x)")
    print(f"  CPU: {one_cpu / export_n * 1000:.1f} ms a project on one core, {every_cpu / export_n * 1000:.1f} ms "
          f"on every core (all its processes), against {empty_cpu / export_n * 1000:.1f} ms a pair of empty "
          f"documents: {every_cpu / empty_cpu:.2f}x, shared by {_cores()} cores {every_cpu / empty_cpu / _cores():.2f}x "
          f"(what the wall clock gives on cores nobody else uses); load average {os.getloadavg()[0]:.1f}")


def _cores() -> int:
    from cli.parallel import workers
    return workers()


def bench_writers() -> None:
    """Each writer on one project against saving an empty document of its library."""
    from docx import Document
    from openpyxl import Workbook
    from exporters.docx_writer import write_docx
    from exporters.xlsx_writer import write_xlsx
    from bench.data import reference_form

    project = reference_form("02")

    def ms(fn) -> float:
        t0 = time.perf_counter()
        for _ in range(20):
            fn(io.BytesIO())
        return (time.perf_counter() - t0) / 20 * 1000
    xlsx, empty_x = ms(lambda b: write_xlsx(project, b)), ms(lambda b: Workbook().save(b))
    docx, empty_d = ms(lambda b: write_docx(project, b)), ms(lambda b: Document().save(b))
    print(f"Excel writer {xlsx:.1f} ms a project ({xlsx / empty_x:.1f}x an empty workbook); "
          f"Word writer {docx:.1f} ms ({docx / empty_d:.1f}x an empty document)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", nargs="?", type=int, default=1000)
    ap.add_argument("--export-n", type=int, default=200, help="projects exported (scaled to 1,000)")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="zpb-bench-unit-"))
    try:
        folder = work / "unit"
        folder.mkdir()
        make_folder(folder, args.n)
        bench_overview(folder)
        bench_cli(folder, work, min(args.export_n, args.n))
        bench_writers()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
