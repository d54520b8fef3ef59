"""A table view with a spreadsheet's keys: Enter moves down (after editing too), Tab across."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QTableView


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
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:  # Enter in an editor
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self.step_down()
            return
        super().closeEditor(editor, hint)

    def keyPressEvent(self, event):
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and self.state() != QAbstractItemView.State.EditingState):
            self.step_down()
            return
        super().keyPressEvent(event)
