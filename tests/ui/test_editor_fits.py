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
