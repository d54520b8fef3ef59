"""The editor's first minutes (issue 19): what a new clerk meets before the first save."""
from __future__ import annotations

from model import Project
from tests.ui.test_window import type_into
from ui import funds_table as F


def test_the_window_shows_typed_negative_zero_as_zero(qtbot, fake):
    from ui.app import make_app
    from ui.main_window import MainWindow
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
