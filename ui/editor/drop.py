"""Dropping on the editor: a folder opens its overview, a file opens in the editor."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject

from ui.common.windows import windows


class DropOpener(QObject):
    """An event filter, so the editor window takes drops without a branch in its own class."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.DragEnter and event.mimeData().hasUrls():
            event.acceptProposedAction()
            return True
        if event.type() == QEvent.Type.Drop and event.mimeData().hasUrls():
            paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
            event.acceptProposedAction()
            self.open(paths)
            return True
        return False

    def open(self, paths: list[str]) -> None:
        for path in paths:
            if Path(path).is_dir():
                windows().open_folder(path, self.window.interaction)
        files = [p for p in paths if Path(p).is_file()]
        if files and self.window.maybe_save():
            self.window.open_path(files[0])
