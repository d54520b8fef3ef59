"""A table view with a spreadsheet's keys: Enter moves down (after editing too), Tab across the
cells that can be typed in (computed ones are skipped), and a current cell that can be seen."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QTableView, QWidget

CURRENT_PEN = 2  # px: the current cell's frame, visible at a glance (Qt's own focus frame is dotted)


class SpreadsheetView(QTableView):
    # typing on a cell that cannot be edited: why (for the status bar), never silently dropped
    readOnlyTyped = Signal(str)

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

    def _editable(self, index: QModelIndex) -> bool:
        return bool(self.model().flags(index) & Qt.ItemFlag.ItemIsEditable)

    def next_editable(self, forward: bool) -> QModelIndex | None:
        """The next (or previous) cell in reading order that can be typed in, or None."""
        cur, model = self.currentIndex(), self.model()
        if model is None or not cur.isValid():
            return None
        cols = model.columnCount()
        step = 1 if forward else -1
        pos = cur.row() * cols + cur.column() + step
        while 0 <= pos < model.rowCount() * cols:
            index = model.index(pos // cols, pos % cols)
            if not self.isColumnHidden(index.column()) and self._editable(index):
                return index
            pos += step
        return None

    def moveCursor(self, action, modifiers):
        """Tab and Shift+Tab go to the next cell that can be typed in: 执行率 and the "—" cells are
        passed over, so the next amount never lands one column off."""
        Move = QAbstractItemView.CursorAction
        if action in (Move.MoveNext, Move.MovePrevious):
            target = self.next_editable(action == Move.MoveNext)
            if target is not None:
                return target
            return self.currentIndex()
        return super().moveCursor(action, modifiers)

    def _at_edge(self, forward: bool) -> bool:
        """No cell to type in beyond the current one: Tab leaves the table."""
        cur, model = self.currentIndex(), self.model()
        if model is None or not cur.isValid():
            return False
        return self.next_editable(forward) is None

    def keyboardSearch(self, search: str) -> None:
        """No jumping to a cell that starts with the typed letters (Qt's default on a cell that
        cannot be edited): the next keystroke would then overwrite that other cell. The clerk is
        told why nothing was typed (the model's why_read_only)."""
        why = getattr(self.model(), "why_read_only", None)
        cur = self.currentIndex()
        if why is not None and cur.isValid() and search.strip():
            reason = why(cur)
            if reason:
                self.readOnlyTyped.emit(reason)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        cur = self.currentIndex()
        if not cur.isValid() or self.state() == QAbstractItemView.State.EditingState:
            return
        rect = self.visualRect(cur)
        if rect.isEmpty():
            return
        painter = QPainter(self.viewport())
        group = QPalette.ColorGroup.Active if self.hasFocus() else QPalette.ColorGroup.Inactive
        color = self.palette().color(group, QPalette.ColorRole.Highlight)
        if not self.hasFocus():
            color.setAlpha(140)
        painter.setPen(QPen(color, CURRENT_PEN))
        painter.drawRect(rect.adjusted(1, 1, -1, -1))
        painter.end()

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
