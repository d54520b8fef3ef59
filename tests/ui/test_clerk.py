"""A clerk's first ten minutes (issue 12): a window that fits the screen, typing that is never
lost, a form that starts from the standard skeleton, help inside, the keyboard alone."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QToolButton

from model import Indicator, Place, Project, check
from ui.editor import funds_table as F
from ui.common import geometry
from ui.editor import indicator_table as T
from ui.common import settings as app_settings
from ui.editor.form_widgets import HEADER_FIELDS
from ui.editor.window import MainWindow

LAPTOP = QRect(0, 0, 1366, 728)  # 1366×768 less a 40-pixel taskbar


@pytest.fixture
def new_window(qtbot, fake):
    """A window as 新建 leaves it, shown and active so the keyboard goes to it."""
    from ui.app import make_app
    make_app()
    w = MainWindow(interaction=fake)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitExposed(w)
    yield w
    w.controller.undo_stack.setClean()
    w.close()


def focused():
    return QApplication.focusWidget()


# --- 1. the window fits the screen -------------------------------------------------------------
def test_on_a_small_screen_the_window_opens_maximized_inside_the_free_area():
    rect, maximized = geometry.initial_geometry(LAPTOP)
    assert maximized and LAPTOP.contains(rect)
    rect, maximized = geometry.initial_geometry(QRect(0, 0, 1920, 1040))
    assert not maximized and rect.size().toTuple() == (1280, 880) and QRect(0, 0, 1920, 1040).contains(rect)
    # a geometry remembered on a bigger screen is shrunk and moved in
    rect, _ = geometry.initial_geometry(LAPTOP, QRect(300, 200, 1800, 1000))
    assert LAPTOP.contains(rect) and rect.width() <= 1366 and rect.height() <= 728


def test_a_window_on_a_simulated_1366x768_screen_is_maximized_and_remembered_per_screen(qtbot, monkeypatch, fake):
    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(LAPTOP))
    w = MainWindow(interaction=fake)
    qtbot.addWidget(w)
    assert w.windowState() & Qt.WindowState.WindowMaximized
    assert LAPTOP.contains(w.geometry())
    assert w.minimumSize().width() <= 1280 and w.minimumSize().height() <= 720 - 80
    w.setWindowState(Qt.WindowState.WindowNoState)
    w.setGeometry(QRect(40, 60, 1100, 600))
    w.close()
    key = geometry.screen_key(w.screen())
    assert app_settings.settings().value(key) is not None
    again = MainWindow(interaction=fake)
    qtbot.addWidget(again)
    assert again.geometry() == QRect(40, 60, 1100, 600)
    assert not again.windowState() & Qt.WindowState.WindowMaximized


def test_at_1280x720_the_upper_part_scrolls_and_the_indicator_rows_stay_in_view(new_window, qtbot):
    w = new_window
    w.setWindowState(Qt.WindowState.WindowNoState)
    w.resize(1280, 720 - 40 - 30)  # taskbar and title bar off the 720
    qtbot.wait(20)
    view = w.indicator_view
    assert view.viewport().height() >= 4 * view.rowHeight(0)  # several rows to type in
    upper = w.form.upper
    inner = upper.widget()
    assert upper.height() < inner.sizeHint().height() or upper.height() >= inner.minimumSizeHint().height()
    if upper.height() < inner.sizeHint().height():  # what does not fit scrolls: nothing is cut off
        assert upper.verticalScrollBar().maximum() > 0
    assert w.geometry().bottom() <= 720


# --- 2. typing after 添加指标 / 插入 lands in the new row ------------------------------------------
@pytest.mark.parametrize("button", ["add", "insert"])
def test_after_adding_a_row_the_keyboard_is_in_its_first_cell_to_fill(new_window, qtbot, button):
    w = new_window
    m, view = w.indicator_model, w.indicator_view
    view.setCurrentIndex(m.index(2, T.TARGET))
    n = m.rowCount()
    qtbot.mouseClick(w.indicators.buttons[button], Qt.MouseButton.LeftButton)
    row = n if button == "add" else 2
    assert m.rowCount() == n + 1
    assert focused() is view and view.currentIndex() == m.index(row, T.NAME)
    qtbot.keyClicks(focused(), "z")  # the first keystroke opens the cell
    qtbot.keyClicks(focused(), "hi")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.wait(5)  # the delegate commits on Enter through a queued call
    assert w.controller.project.indicators[row].name == "zhi"


def test_ctrl_enter_adds_a_row_below_in_the_same_group_and_ctrl_minus_deletes_it(new_window, qtbot):
    w = new_window
    m, view = w.indicator_model, w.indicator_view
    view.setFocus()
    view.setCurrentIndex(m.index(4, T.NAME))  # 效益指标 / 社会效益
    qtbot.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    inds = w.controller.project.indicators
    assert len(inds) == 7 and (inds[5].level1, inds[5].level2) == ("效益指标", "社会效益")
    assert focused() is view and view.currentIndex() == m.index(5, T.NAME)
    assert w.indicators.selected_rows() == [5]  # Ctrl still held does not add to the selection
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert len(w.controller.project.indicators) == 6


# --- 3. 新建 starts from the standard skeleton ------------------------------------------------------
def test_new_starts_from_the_skeleton_with_last_year(new_window, qtbot):
    w = new_window
    w.controller.set_project(Project(name="别的项目"))
    w.actions_["new"].trigger()
    p = w.controller.project
    assert p.year == date.today().year - 1 and w.header.edits["year"].text() == str(date.today().year - 1)
    assert [(i.level1, i.level2, int(i.weight)) for i in p.indicators] == [
        ("产出指标", "数量指标", 15), ("产出指标", "质量指标", 15), ("产出指标", "时效指标", 10),
        ("产出指标", "成本指标", 10), ("效益指标", "社会效益", 30), ("满意度指标", "服务对象满意度指标", 10)]
    assert w.total_bar.detail.full_text().endswith("分值合计 100")  # shown cut when the bar is narrow
    assert "等级 待定" in w.total_bar.total.text()  # not 差 before a figure is typed


def test_other_benefit_rows_are_one_click_beside_add(new_window, qtbot):
    w = new_window
    button = w.indicators.buttons["add"]
    assert isinstance(button, QToolButton) and button.menu() is not None
    names = [a.text() for a in button.menu().actions()]
    assert names == ["效益指标·经济效益", "效益指标·生态效益", "效益指标·可持续影响指标"]
    button.menu().actions()[1].trigger()
    inds = w.controller.project.indicators
    assert (inds[5].level1, inds[5].level2) == ("效益指标", "生态效益") and inds[6].level1 == "满意度指标"
    assert focused() is w.indicator_view and w.indicator_view.currentIndex().row() == 5


# --- 4. problems name the column the clerk sees -------------------------------------------------
def test_every_problem_names_a_column_or_field_the_window_shows():
    shown = set(T.HEADERS) | set(F.HEADERS) | {label for _, label in HEADER_FIELDS} | {"预期目标", "实际完成情况"}
    p = Project(indicators=[Indicator(), Indicator(level1="产出指标", target="≥90%", actual="约九成", weight=10),
                            Indicator(level1="效益指标", name="指标1：x", target="100%", actual="50%", weight=5)])
    p.funds[0].set_typed("executed", "很多")
    problems = check(p)
    assert problems
    for problem in problems:
        label = problem.place.label()
        if "·" in label and problem.place.section in ("indicator", "funds", "header", "budget", "goal"):
            assert label.rsplit("·", 1)[1] in shown, label
    assert Place("indicator", 0, "name").label() == "绩效指标第 1 行·三级指标"
    assert not any("行·项目名称" in pr.place.label() for pr in problems)


def test_the_problems_list_of_a_new_project_names_the_columns(new_window, qtbot):
    w = new_window
    w.actions_["new"].trigger()
    def listed() -> list[str]:
        return [w.problems.item(i).text() for i in range(w.problems.count())]
    qtbot.waitUntil(lambda: any("第 1 行·三级指标" in t for t in listed()), timeout=2000)
    assert not any("行·项目名称" in t for t in listed())



# --- 5. file dialogs start in 文档, then the last folder used -------------------------------------
def test_dialogs_start_in_documents_then_in_the_last_folder(new_window, fake, tmp_path, monkeypatch):
    docs = tmp_path / "文档"
    docs.mkdir()
    monkeypatch.setattr(app_settings, "documents_dir", lambda: docs)
    asked: list[str] = []
    fake.open_file = lambda folder: asked.append(folder)
    fake.save_file = lambda suggested, *a: asked.append(suggested)
    w = new_window
    w.open_file()
    assert asked[-1] == str(docs)
    w.export("docx")
    assert Path(asked[-1]).parent == docs and Path(asked[-1]).suffix == ".docx"
    elsewhere = tmp_path / "项目" / "2025"
    elsewhere.mkdir(parents=True)
    fake.save_file = lambda suggested, *a: asked.append(suggested) or str(elsewhere / "a.zpb.json")
    assert w.save_as()
    fake.save_file = lambda suggested, *a: asked.append(suggested)
    w.controller.set_project(Project(), None)  # a new, unsaved project: the last folder used
    w.export_pdf()
    assert Path(asked[-1]).parent == elsewhere
    w.open_file()
    assert asked[-1] == str(elsewhere)
    assert str(Path.cwd()) not in asked[:2]


# --- 6. help inside the program -----------------------------------------------------------------
def test_the_guide_is_in_the_help_menu_and_the_first_start_says_where_to_begin(qtbot, fake):
    from ui.app import open_window
    from ui.common.guide import FIRST_START_HINT, GuideDialog
    w = open_window(None, fake)
    qtbot.addWidget(w)
    assert w.hint is not None and FIRST_START_HINT in w.hint.findChild(QLabel).text()
    # the menu itself, not QAction.menu(): PySide6 may take that wrapper for the menu's owner
    help_menu = next(m for m in w.menuBar().findChildren(QMenu) if m.title().startswith("帮助"))
    assert w.actions_["guide"] in help_menu.actions()
    assert w.actions_["guide"].shortcut().toString() == "F1"
    w.actions_["guide"].trigger()
    dialog = next(d for d in w.findChildren(GuideDialog))
    text = dialog.text.toPlainText()
    for topic in ("怎样填表", "颜色", "手动得分", "打印", "恢复", "键盘", "Ctrl+Enter", "Tab"):
        assert topic in text
    dialog.close()
    second = open_window(None, fake)  # kept at every start until dismissed (issue 19)
    qtbot.addWidget(second)
    assert second.hint is not None
    second.hint.findChild(QToolButton).click()  # 知道了
    assert second.hint is None
    third = open_window(None, fake)
    qtbot.addWidget(third)
    assert third.hint is None


# --- 7. keyboard alone: Tab follows the printed form ---------------------------------------------
def test_tab_goes_header_funds_goals_indicators(new_window, qtbot):
    w = new_window
    w.header.edits["name"].setFocus()
    seen = [focused()]
    for _ in range(6):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        seen.append(focused())
    assert seen[:6] == [w.header.edits[f] for f, _ in HEADER_FIELDS]
    assert seen[6] is w.funds_view
    fm = w.funds_model
    w.funds_view.setCurrentIndex(fm.index(3, F.SCORE))  # the table's last cell
    qtbot.keyClick(w.funds_view, Qt.Key.Key_Tab)
    assert focused() is w.goal.edits["goal"]
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is w.goal.edits["achieved"]
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is w.indicator_view
    qtbot.keyClick(focused(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is w.goal.edits["achieved"]
    w.funds_view.setFocus()
    w.funds_view.setCurrentIndex(fm.index(0, F.INITIAL))
    qtbot.keyClick(w.funds_view, Qt.Key.Key_Tab)
    assert focused() is w.funds_view and w.funds_view.currentIndex() == fm.index(0, F.BUDGET)


def test_typing_over_a_group_cell_replaces_it_and_tab_in_the_last_cell_leaves_the_table(new_window, qtbot):
    w = new_window
    m, view = w.indicator_model, w.indicator_view
    view.setFocus()
    view.setCurrentIndex(m.index(1, T.LEVEL1))
    qtbot.keyClicks(view, "x")  # opens the drop-down's editor with the key
    qtbot.keyClicks(focused(), "yz")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.wait(5)
    assert w.controller.project.indicators[1].level1 == "xyz"
    last = m.index(m.rowCount() - 1, T.DEVIATION)
    view.setCurrentIndex(last)
    view.edit(last)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.wait(5)
    assert focused() is w.problems and view.currentIndex() == last  # not back to the first cell
    w.funds_view.setFocus()
    qtbot.keyClick(w.funds_view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert focused() is w.goal.edits["goal"]  # Ctrl+Tab: out of a table at once


def test_typing_on_a_computed_cell_does_not_jump_to_another_cell(new_window, qtbot):
    w = new_window
    fm = w.funds_model
    w.funds_view.setFocus()
    w.funds_view.setCurrentIndex(fm.index(2, F.WEIGHT))  # 上年结转资金's 分值: "—", not editable
    before = w.controller.project.model_dump()
    qtbot.keyClicks(w.funds_view, "10")
    qtbot.wait(5)
    assert w.funds_view.currentIndex() == fm.index(2, F.WEIGHT)
    assert w.controller.project.model_dump() == before
