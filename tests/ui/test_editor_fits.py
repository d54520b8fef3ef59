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
