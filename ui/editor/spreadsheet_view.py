"""A table view with a spreadsheet's keys: Enter moves down (after editing too), Tab across."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QTableView, QWidget


class SpreadsheetView(QTableView):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setTabKeyNavigation(True)

    def step_down(self) -> None:
        cur = self.currentIndex()
        if cur.isValid() and cur.row() + 1 < self.model().rowCount():
            self.setCurrentIndex(cur.siblingAtRow(cur.row() + 1))

    def closeEditor(self, editor, hint):
        Hint = QAbstractItemDelegate.EndEditHint
        if hint == Hint.SubmitModelCache:  # Enter in an editor
            super().closeEditor(editor, Hint.NoHint)
            self.step_down()
            return
        if hint in (Hint.EditNextItem, Hint.EditPreviousItem) and self._at_edge(hint == Hint.EditNextItem):
            super().closeEditor(editor, Hint.NoHint)  # Tab in the last cell: on to the next part,
            QWidget.focusNextPrevChild(self, hint == Hint.EditNextItem)  # not back to the first cell
            return
        super().closeEditor(editor, hint)

    def _at_edge(self, forward: bool) -> bool:
        cur, model = self.currentIndex(), self.model()
        if model is None or not cur.isValid():
            return False
        if forward:
            return cur.row() == model.rowCount() - 1 and cur.column() == model.columnCount() - 1
        return cur.row() == 0 and cur.column() == 0

    def keyboardSearch(self, search: str) -> None:
        """No jumping to a cell that starts with the typed letters (Qt's default on a cell that
        cannot be edited): the next keystroke would then overwrite that other cell."""

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab moves across the cells, and out of the table after its last cell (Shift+Tab: before
        its first), so the keyboard goes through the whole form."""
        if self._at_edge(next):
            return QWidget.focusNextPrevChild(self, next)
        return super().focusNextPrevChild(next)

    def keyPressEvent(self, event):
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and mods & Qt.KeyboardModifier.ControlModifier:
            # Ctrl+Tab leaves the table at once, to the next part of the form (Ctrl+Shift+Tab: back)
            back = key == Qt.Key.Key_Backtab or bool(mods & Qt.KeyboardModifier.ShiftModifier)
            QWidget.focusNextPrevChild(self, not back)
            return
        plain = not mods & ~Qt.KeyboardModifier.KeypadModifier  # Ctrl+Enter is a shortcut's
        if (key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain
                and self.state() != QAbstractItemView.State.EditingState):
            self.step_down()
            return
        super().keyPressEvent(event)
