"""The editor's first minutes (issue 19): what a new clerk meets before the first save."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from model import Project
from tests.ui.test_window import type_into
from ui.editor import funds_table as F
from ui.editor import indicator_table as T


def test_the_window_shows_typed_negative_zero_as_zero(qtbot, fake):
    from ui.app import make_app
    from ui.editor.window import MainWindow
    make_app()
    w = MainWindow(interaction=fake)
    qtbot.addWidget(w)
    w.controller.set_project(Project())
    fm = w.funds_model
    type_into(qtbot, w.funds_view, fm.index(0, F.BUDGET), "-0")
    type_into(qtbot, w.funds_view, fm.index(0, F.EXECUTED), "-0.00")
    assert fm.index(0, F.BUDGET).data() == "0" and fm.index(0, F.EXECUTED).data() == "0"
    assert w.controller.project.total_funds.executed.is_signed() is False
    w.controller.undo_stack.setClean()
    w.close()


def test_the_window_names_old_and_foreign_formats(window, fake, tmp_path):
    """Opened or dropped: an old .xls, a WPS .et, a PDF say what they are and what to do."""
    import shutil
    from tests.conftest import ROOT
    xls = ROOT / "tests" / "data" / "foreign" / "form01.xls"
    for name, what in (("旧表.xls", "旧版 Excel 格式"), ("wps.et", "WPS 表格格式"), ("表.zpb.json", "旧版 Excel 格式")):
        path = Path(shutil.copy(xls, tmp_path / name))
        window.open_path(str(path))
        title, message = fake.errors[-1]
        assert what in message and "另存为" in message and "UTF-8" not in message, message
    (tmp_path / "签章.pdf").write_bytes(b"%PDF-1.7\n")
    window.open_path(str(tmp_path / "签章.pdf"))
    assert "PDF 文件" in fake.errors[-1][1]


@pytest.fixture
def new_window(qtbot, fake):
    """A window as 新建 leaves it, shown and active so the keyboard goes to it."""
    from ui.app import make_app
    from ui.editor.window import MainWindow
    make_app()
    w = MainWindow(interaction=fake)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitExposed(w)
    w.new_file()
    yield w
    w.controller.undo_stack.setClean()
    w.close()


def _tab(qtbot, w, back: bool = False):
    focus = QApplication.focusWidget()
    if back:
        qtbot.keyClick(focus, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    else:
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
    qtbot.wait(5)
    cur = w.funds_view.currentIndex()
    return QApplication.focusWidget(), (cur.row(), cur.column())


def test_tab_passes_over_cells_that_cannot_be_typed_in(new_window, qtbot):
    """执行率 and the "—" cells are skipped: the next amount never lands one column off."""
    w, fm, view = new_window, new_window.funds_model, new_window.funds_view
    view.setFocus()
    view.setCurrentIndex(fm.index(0, F.EXECUTED))
    seen = [_tab(qtbot, w)[1] for _ in range(4)]
    assert seen == [(0, F.WEIGHT), (0, F.SCORE), (1, F.INITIAL), (1, F.BUDGET)]
    view.setCurrentIndex(fm.index(1, F.EXECUTED))
    assert _tab(qtbot, w)[1] == (2, F.INITIAL)  # not 分值, 执行率 or 得分 of row 1 ("—")
    assert _tab(qtbot, w, back=True)[1] == (1, F.EXECUTED)
    view.setCurrentIndex(fm.index(3, F.EXECUTED))  # the last cell to type in: Tab leaves the table
    assert _tab(qtbot, w)[0] is w.goal.edits["goal"]
    # typing amounts with Tab between them, as a clerk does: each lands in its own column
    view.setFocus()
    view.setCurrentIndex(fm.index(1, F.INITIAL))
    for amount in ("1", "2", "3", "4"):
        qtbot.keyClicks(QApplication.focusWidget(), amount)  # the view, then the editor Tab opened
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        qtbot.wait(5)
    row1, row2 = w.controller.project.funds[1], w.controller.project.funds[2]
    assert (row1.initial_budget, row1.annual_budget, row1.executed, row2.initial_budget) == (1, 2, 3, 4)


def test_typing_on_a_computed_cell_says_why_in_the_status_bar(new_window, qtbot):
    w, fm, view = new_window, new_window.funds_model, new_window.funds_view
    view.setFocus()
    view.setCurrentIndex(fm.index(0, F.RATE))
    qtbot.keyClicks(view, "9")
    assert "执行率" in w.statusBar().currentMessage() and "自动计算" in w.statusBar().currentMessage()
    view.setCurrentIndex(fm.index(2, F.SCORE))
    qtbot.keyClicks(view, "5")
    assert "只有“年度资金总额”一行有分值和得分" in w.statusBar().currentMessage()
    assert w.controller.undo_stack.count() == 0  # nothing was typed anywhere


def test_the_current_cell_is_framed_in_the_highlight_colour(new_window, qtbot):
    w, fm, view = new_window, new_window.funds_model, new_window.funds_view
    view.setFocus()
    view.setCurrentIndex(fm.index(1, F.BUDGET))
    view.clearSelection()  # the frame, not the selection's fill, shows where typing goes
    qtbot.wait(5)
    image = view.viewport().grab().toImage()
    rect = view.visualRect(fm.index(1, F.BUDGET))
    highlight = view.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
    for x, y in ((rect.left() + 1, rect.center().y()), (rect.center().x(), rect.top() + 1),
                 (rect.right() - 1, rect.center().y()), (rect.center().x(), rect.bottom() - 1)):
        assert image.pixelColor(x, y) == highlight, (x, y, image.pixelColor(x, y).name())
    assert image.pixelColor(rect.center()) != highlight  # a frame, the text inside stays readable


def test_save_says_saved_in_the_status_bar(new_window, fake, tmp_path):
    w = new_window
    fake.next_save = str(tmp_path / "热线.zpb.json")
    w.header.edits["name"].setText("热线")
    w.actions_["save"].trigger()
    assert (tmp_path / "热线.zpb.json").exists()
    assert w.statusBar().currentMessage().startswith("已保存") and "热线.zpb.json" in w.statusBar().currentMessage()
    w.statusBar().clearMessage()
    w.actions_["save"].trigger()  # Ctrl+S again: said again
    assert w.statusBar().currentMessage().startswith("已保存")


def test_the_example_says_it_is_an_example_until_saved_as_the_clerks(qtbot, fake, tmp_path):
    from ui.app import open_window
    w = open_window(None, fake)
    qtbot.addWidget(w)
    assert w.windowTitle().startswith("【示例】")
    fake.next_save = str(tmp_path / "我的.zpb.json")
    w.actions_["save"].trigger()
    assert "示例" not in w.windowTitle() and "我的.zpb.json" in w.windowTitle()
    w2 = open_window(None, fake)
    qtbot.addWidget(w2)
    w2.new_file()
    assert "示例" not in w2.windowTitle()


def test_new_skeleton_rows_are_to_fill_not_errors_until_reached(new_window, qtbot):
    from model import Place
    from model.fields import Section
    from ui.editor.cells import ERROR_BG
    w, c = new_window, new_window.controller
    rows = list(range(len(c.project.indicators)))
    assert c.pending == rows and rows
    assert not [p for p in c.problems if p.place.section == Section.INDICATOR and p.place.row is not None]
    state = w.total_bar.state.text()
    assert f"{len(rows)} 行待填写" in state and "可以签章" not in state
    w.problems.refresh()
    texts = [w.problems.item(i).text() for i in range(w.problems.count())]
    assert sum("待填写" in t for t in texts) == len(rows)
    m = w.indicator_model
    assert all(m.index(r, T.SCORE).data(Qt.ItemDataRole.BackgroundRole).color() != ERROR_BG for r in rows)
    w.indicator_view.setFocus()
    w.indicator_view.setCurrentIndex(m.index(0, T.NAME))  # the clerk reaches row 1
    assert c.pending == rows[1:]
    assert any(p.place == Place(Section.INDICATOR, 0, "target") or p.place.row == 0 for p in c.problems)
    assert m.index(0, T.SCORE).data(Qt.ItemDataRole.BackgroundRole).color() == ERROR_BG
    c.set_field(("indicator", 3), "target", "≥10个")  # typed in (a paste, a fill): no longer waiting
    assert 3 not in c.pending
    # a project opened from a file shows every problem at once: its blank rows were saved so
    w.controller.set_project(c.project.model_copy(deep=True), Path("x.zpb.json"))
    assert c.pending == []


def test_the_first_start_hint_stays_over_menus_and_messages(qtbot, fake):
    from ui.app import open_window
    w = open_window(None, fake)
    qtbot.addWidget(w)
    w.show()
    hint = w.hint
    assert hint is not None
    w.statusBar().showMessage("文件 → 新建", 1)  # what hovering a menu item does
    w.statusBar().clearMessage()
    qtbot.wait(10)
    assert w.hint is hint and hint.isVisible()


def test_about_shows_version_data_folder_and_help(window, fake):
    from cli import version
    from ui.common.settings import data_dir
    window.actions_["about"].trigger()
    text = fake.infos[-1]
    assert version() in text and str(data_dir()) in text
    assert str(data_dir() / "recovery") in text and "error.log" in text and "F1" in text
