"""Opens every window of the program on the screen the environment gives (an offscreen screen
of a set size, QT_SCALE_FACTOR) and prints, as JSON, where each window and what the clerk needs
of it lie against the screen's available area. Run by tests/ui/test_geometry.py in a process
of its own per screen: Qt reads the screen once per process."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget


def rect(widget: QWidget) -> list[int]:
    r = QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())
    return [r.x(), r.y(), r.width(), r.height()]


def frame(window: QWidget) -> list[int]:
    g = window.frameGeometry()
    return [g.x(), g.y(), g.width(), g.height()]


def main(folder: str) -> None:
    from tests.ui.conftest import FakeInteraction
    from ui.app import make_app
    app = make_app()
    fake = FakeInteraction()
    out: dict = {"available": None, "windows": {}}
    screen = app.primaryScreen().availableGeometry()
    out["available"] = [screen.x(), screen.y(), screen.width(), screen.height()]

    def probe(name: str, window: QWidget, needed: list[QWidget], dialog: bool) -> None:
        window.show()
        for _ in range(3):
            app.processEvents()
        out["windows"][name] = {"frame": frame(window), "dialog": dialog,
                                "maximized": window.isMaximized(),
                                "needed": {n.objectName() or type(n).__name__ + str(i): [n.isVisible(), rect(n)]
                                           for i, n in enumerate(needed)}}

    from ui.app import open_window
    editor = open_window(None, fake)
    probe("editor", editor, [editor.form.total_bar, editor.statusBar(), editor.problems], False)

    from ui.overview.window import OverviewWindow
    overview = OverviewWindow(folder, fake)
    while overview.folder.loading:
        app.processEvents()
    probe("overview", overview, [overview.totals, overview.statusBar(), overview.view], False)

    from ui.department.dialog import DepartmentDialog
    dept = DepartmentDialog(Path(folder), fake, overview)
    probe("department", dept, [dept.total, *dept.buttons.values(), dept.problems], True)
    dept.tabs.setCurrentIndex(1)
    probe("department_indicators", dept, [dept.table, *dept.indicators.buttons.values(), *dept.buttons.values()],
          True)

    from ui.common.settings_dialog import SettingsDialog
    settings = SettingsDialog(editor)
    probe("settings", settings, settings.findChildren(QDialogButtonBox), True)

    from PySide6.QtPrintSupport import QPrintPreviewDialog
    shown: list[QPrintPreviewDialog] = []
    QPrintPreviewDialog.exec = lambda self: shown.append(self) or 0  # what print_preview opens, not run modal
    editor.print_preview()
    probe("print_preview", shown[0], [], True)

    from ui.common.guide import GuideDialog
    guide = GuideDialog(editor)
    probe("guide", guide, guide.findChildren(QDialogButtonBox), True)
    print(json.dumps(out))
    dept.reject()
    editor.controller.undo_stack.setClean()


if __name__ == "__main__":
    main(sys.argv[1])
