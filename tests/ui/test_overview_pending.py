"""The overview's 总分 of an unfinished project is 待定, as its 等级, the editor, `check` and the
汇总表 say (issue 18 item 4): never a partial sum that reads as a total. The partial sum is in the
tooltip, and sorting puts 待定 below every finished total and above unreadable files."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from model.project_file import save_project
from model.scoring import PENDING
from tests.conftest import REFERENCE_IDS
from tests.helpers import reference_project
from ui.overview.table_model import Col
from tests.ui.conftest import shown_overview


@pytest.fixture
def folder(tmp_path) -> Path:
    d = tmp_path / "单位"
    d.mkdir()
    for k, i in enumerate(REFERENCE_IDS[:3]):
        p = reference_project(i)
        if k == 1:
            p.name = "未完的项目"
            for row in p.funds:
                row.annual_budget = None  # no 执行率: the budget row cannot be scored
        save_project(p, d / f"{k + 1:02d}.zpb.json")
    (d / "坏.zpb.json").write_text("{", encoding="utf-8")
    return d


def test_unfinished_total_is_pending_in_overview_editor_and_check(qtbot, fake, folder, capsys):
    from tests.helpers import cli
    w = shown_overview(qtbot, fake, folder)
    rows = {w.proxy.index(r, Col.NAME).data(): r for r in range(w.proxy.rowCount())}
    r = rows["未完的项目"]
    total = w.proxy.index(r, Col.TOTAL)
    assert total.data() == PENDING and w.proxy.index(r, Col.GRADE).data() == PENDING
    assert "未完" not in total.data()
    tip = total.data(Qt.ItemDataRole.ToolTipRole)
    assert "已计分" in tip and "未计分" in tip  # the partial sum is there, said as partial
    # finished totals are numbers; sorted by 总分 descending: finished, then 待定, then unreadable
    w.proxy.sort(Col.TOTAL, Qt.SortOrder.DescendingOrder)
    names = [w.proxy.index(k, Col.NAME).data() for k in range(w.proxy.rowCount())]
    totals = [w.proxy.index(k, Col.TOTAL).data() for k in range(w.proxy.rowCount())]
    assert totals[2] == PENDING and names[2] == "未完的项目", totals
    assert all(t.replace(".", "").isdigit() for t in totals[:2]) and totals[3] == ""
    w.proxy.sort(Col.TOTAL, Qt.SortOrder.AscendingOrder)
    totals = [w.proxy.index(k, Col.TOTAL).data() for k in range(w.proxy.rowCount())]
    assert totals[1] == PENDING, totals
    # the editor's bar and check say 待定 for the 总分 as well
    editor = w.open_entry(w.folder.entries[w.proxy.mapToSource(w.proxy.index(1, 0)).row()])
    bar = editor.total_bar.total.text()
    assert bar.startswith(f"总分 {PENDING}") and f"等级 {PENDING}" in bar, bar
    editor.close()
    code, out, _ = cli(capsys, "check", folder / "02.zpb.json")
    assert f"总分：{PENDING}" in out and f"等级：{PENDING}" in out
    w.close()


def test_unfinished_total_is_pending_in_the_summary_outputs(folder, tmp_path, capsys):
    """The 汇总表's 总分 of an unfinished project says 待定 as its 等级 does (stdout, Word, Excel),
    never blank as if a figure were missing, and is left out of the mean."""
    from docx import Document
    from openpyxl import load_workbook
    from tests.helpers import cli
    docx, xlsx = tmp_path / "汇总.docx", tmp_path / "汇总.xlsx"
    code, out, _ = cli(capsys, "summary", folder, "--docx", docx, "--xlsx", xlsx)
    row = next(line for line in out.splitlines() if "未完的项目" in line).split("\t")
    assert row.count(PENDING) == 2, row  # 总分 and 等级
    cells = [[c.text for c in r.cells] for t in Document(str(docx)).tables for r in t.rows]
    assert next(r for r in cells if "未完的项目" in r).count(PENDING) == 2
    ws = load_workbook(xlsx).worksheets[0]
    values = next([c.value for c in r] for r in ws.iter_rows() if "未完的项目" in [c.value for c in r])
    assert values.count(PENDING) == 2, values


def test_totals_line_is_never_cut_at_a_narrow_window(qtbot, fake, folder):
    """At a 1280×800 laptop's or the minimum width, a long totals line (a filter, 待定, errors,
    unreadable files) wraps between its parts, never cut off at the window's edge nor broken
    inside a part."""
    w = shown_overview(qtbot, fake, folder)
    w.search.setText("项目名称很长的搜索词也许")
    w.search.setText("0")
    qtbot.waitUntil(lambda: "筛选后" in w.totals.text())
    for width in (1000, 760):
        w.resize(width, 600)
        qtbot.waitUntil(lambda: w.totals.width() <= width)
        qtbot.wait(50)
        fm, room = w.totals.fontMetrics(), w.totals.contentsRect()
        lines = w.totals.text().split("\n")
        assert all(fm.horizontalAdvance(line) <= room.width() for line in lines), (room, lines)
        assert fm.lineSpacing() * len(lines) <= room.height() + 2, (room, lines)
        assert "另有 1 个项目尚未完成评分" in lines or any("另有 1 个项目尚未完成评分" in x for x in lines)
    w.close()


def test_the_window_hands_in_no_empty_summary_when_nothing_can_be_read(qtbot, fake, tmp_path):
    """As on the command line: a folder whose only project file is broken gives no 汇总表 or
    combined file of 0 projects; the clerk is told why."""
    from ui.app import make_app
    make_app()
    d = tmp_path / "单位"
    d.mkdir()
    (d / "坏.zpb.json").write_text("{", encoding="utf-8")
    w = shown_overview(qtbot, fake, d)
    for k, export in enumerate((lambda: w.export_summary("docx"), lambda: w.export_summary("xlsx"),
                                lambda: w.export_combined("docx"))):
        fake.next_save = str(tmp_path / f"out{k}.docx")
        export()
        assert fake.errors and "没有可读取的项目文件" in fake.errors[-1][1], fake.errors
        assert not (tmp_path / f"out{k}.docx").exists()
    w.close()
