"""A cell still being typed in, committed before anything reads the model it belongs to."""
from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QWidget


def commit_editing(root: QWidget) -> None:
    """Commit and close every cell editor open under root: a figure typed without Enter or Tab
    is in the project before a save, an export, a print or the question on closing reads it —
    Ctrl+S right after typing saved without it, marked the window saved, and closing lost it."""
    for view in root.findChildren(QAbstractItemView):
        if view.state() != QAbstractItemView.State.EditingState:
            continue
        editor = view.indexWidget(view.currentIndex())
        if editor is None:
            continue
        view.commitData(editor)
        view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
