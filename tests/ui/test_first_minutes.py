"""The editor's first minutes (issue 19): what a new clerk meets before the first save."""
from __future__ import annotations

from pathlib import Path

from model import Project
from tests.ui.test_window import type_into
from ui.editor import funds_table as F


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
