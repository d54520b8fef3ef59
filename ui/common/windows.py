"""The one place windows open one another: a project's editor, a folder's overview, 部门整体.

No window imports another window. Each asks `windows()`, and the application (ui/app.py) installs
the opener that knows them all when it is imported; so the import arrows stay one way
(tests/test_import_cycles.py) and a window can be opened from any other.
"""
from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QMainWindow, QWidget

from ui.common.interaction import Interaction


class Opener(Protocol):
    def open_project(self, path: str | Path, interaction: Interaction | None = None) -> QMainWindow:
        """A project file (or a filled form) in an editor window of its own, shown."""

    def open_folder(self, folder: str | Path, interaction: Interaction | None = None) -> QMainWindow:
        """A unit's folder in its overview, shown."""

    def open_department(self, parent: QWidget, folder: str | Path | None = None) -> QWidget | None:
        """The 部门整体 dialog of a folder (asked for when None), or None when none was chosen."""


_opener: Opener | None = None


def install(opener: Opener) -> None:
    global _opener
    _opener = opener


def windows() -> Opener:
    if _opener is None:
        raise RuntimeError("no window opener: ui.app installs it when it is imported")
    return _opener
