"""The editor window at a clerk's sizes: figures whole, 总分 and 等级 readable, columns readable."""
from __future__ import annotations

from PySide6.QtWidgets import QApplication

from ui.editor import funds_table as F

NARROW = 800  # px: a laptop with the problems list beside the form


def _settle(qtbot, w, width: int) -> None:
    w.resize(width, 800)
    for _ in range(3):
        QApplication.processEvents()
    qtbot.wait(5)


def test_a_long_amount_typed_shows_whole_in_a_narrow_window(qtbot, window):
    c = window.controller
    _settle(qtbot, window, NARROW)
    c.set_field(("funds", 0), "executed", "123456.789012")
    c.set_field(("funds", 1), "annual_budget", "98765.432109")
    view = window.funds_view
    # the layout follows the new figures (a posted layout request) and the form part scrolls sideways
    qtbot.waitUntil(lambda: view.viewport().width() >= sum(view.columnWidth(col) for col in range(6)), timeout=2000)
    assert window.funds_model.index(0, F.EXECUTED).data() == "123456.789012"
    for col in range(window.funds_model.columnCount()):
        # Qt's own measure of the column's widest cell: narrower, and the delegate elides it
        assert view.columnWidth(col) >= view.sizeHintForColumn(col), F.HEADERS[col]
    # a figure going back to short: the columns share the room again (no column left at its old width)
    c.set_field(("funds", 0), "executed", "18")
    QApplication.processEvents()
    assert view.columnWidth(F.EXECUTED) >= view.sizeHintForColumn(F.EXECUTED)


def test_the_total_and_grade_stay_whole_at_800_px_and_the_detail_gives_way(qtbot, window):
    c = window.controller
    c.set_field(("indicator", 1), "actual", "")
    c.set_field(("indicator", 2), "actual", "")  # 总分 待定 with the partial sum: the longest total text
    bar = window.total_bar
    qtbot.waitUntil(lambda: "待定" in bar.total.text(), timeout=2000)
    _settle(qtbot, window, NARROW)
    assert window.width() == NARROW
    qtbot.waitUntil(lambda: bar.total.width() >= bar.total.sizeHint().width(), timeout=2000)
    inside = bar.contentsRect()
    assert inside.contains(bar.total.geometry()) and inside.contains(bar.state.geometry())
    assert bar.state.width() >= bar.state.sizeHint().width()
    assert not bar.total.geometry().intersects(bar.detail.geometry().adjusted(1, 0, 0, 0))
    # the detail is the one cut, and says so; its whole text stays in the tooltip
    full = bar.detail.toolTip()
    assert "分值合计" in full
    assert full.startswith(bar.detail.text().rstrip("…"))
    # the total whole again (short): its room goes back to the detail, which fits at 800 px then
    c.undo_stack.undo()
    c.undo_stack.undo()
    qtbot.waitUntil(lambda: "待定" not in bar.total.text(), timeout=2000)
    qtbot.waitUntil(lambda: bar.detail.text() == bar.detail.toolTip(), timeout=2000)
    assert bar.total.width() >= bar.total.sizeHint().width()


def test_a_500_character_reason_wraps_in_its_column_and_the_indicator_names_stay_readable(qtbot, window):
    from ui.editor import indicator_table as T
    c = window.controller
    reason = "偏差原因" * 125
    c.set_field(("indicator", 0), "deviation", reason)
    view = window.indicator_view
    em = view.fontMetrics().horizontalAdvance("中")
    for width in (NARROW, 1280, 900, 1000, NARROW):  # growing and shrinking: Stretch gave ~27 px at 900
        _settle(qtbot, window, width)
        qtbot.waitUntil(lambda: view.columnWidth(T.NAME) >= 10 * em, timeout=2000)
        for col in (T.TARGET, T.ACTUAL):  # the targets keep their header's width
            assert view.columnWidth(col) >= view.horizontalHeader().sectionSizeHint(col)
        assert view.columnWidth(T.DEVIATION) >= 10 * em
        # the reason wraps in its own column: a tall row, not a column as wide as the text
        assert view.columnWidth(T.DEVIATION) < view.fontMetrics().horizontalAdvance(reason) // 4
        qtbot.waitUntil(lambda: view.rowHeight(0) > 5 * view.fontMetrics().height(), timeout=2000)
    # with room to spare, 三级指标 and 偏差原因 share it rather than keep their minimum
    _settle(qtbot, window, 1600)
    qtbot.waitUntil(lambda: view.columnWidth(T.NAME) > 15 * em, timeout=2000)
    others = sum(view.columnWidth(col) for col in range(8))
    assert others <= view.viewport().width() + 1  # no sideways scrolling when the room is there


def _ink(view, index) -> int:
    """Dark pixels drawn in the part of a cell the clerk can see: its text, if any is in view."""
    rect = view.visualRect(index).intersected(view.viewport().rect())
    if rect.isEmpty():
        return 0
    image = view.viewport().grab(rect).toImage()
    return sum(image.pixelColor(x, y).lightness() < 110 for x in range(image.width()) for y in range(image.height()))


def test_a_row_taller_than_the_table_shows_its_indicator_at_the_top(qtbot, window):
    """A 500-character 偏差原因 makes a row taller than the table: its other cells were centred
    in that height, out of view — a row with no visible name."""
    from ui.editor import indicator_table as T
    c = window.controller
    c.set_field(("indicator", 0), "deviation", "偏差原因" * 125)
    view = window.indicator_view
    _settle(qtbot, window, 1280)
    qtbot.waitUntil(lambda: view.rowHeight(0) > view.viewport().height(), timeout=2000)
    view.scrollToTop()
    QApplication.processEvents()
    for col in (T.LEVEL1, T.LEVEL2, T.NAME, T.TARGET):
        assert _ink(view, window.indicator_model.index(0, col)) > 20, T.HEADERS[col]


def test_a_header_field_too_long_for_its_box_is_shown_from_its_start(qtbot, window):
    """Qt leaves a line edit's cursor at the end of a text set in it: the example's 实施单位 read
    '京市朝阳区城市管理指挥中心' in a narrow window, as if its first character were missing."""
    _settle(qtbot, window, NARROW)
    edit = window.header.edits["implementer"]
    assert edit.fontMetrics().horizontalAdvance(edit.text()) > edit.width() - 8  # too long for its box
    assert edit.cursorPosition() == 0
    window.controller.set_field(("project", None), "implementer", "北京市朝阳区城市管理指挥中心（市民服务热线）")
    assert edit.cursorPosition() == 0  # undone, redone, read from a file: shown from the start too
