"""The 绩效指标 table: a Qt model over the controller's indicators, and its spreadsheet view."""
from __future__ import annotations

import csv
import io

from PySide6.QtCore import (QAbstractTableModel, QItemSelection, QItemSelectionModel, QModelIndex, Qt,
                            QTimer, Signal)
from PySide6.QtGui import QBrush, QFont, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView

from model import plain, score_text
from model.fields import INDICATOR_LABELS

from ui.editor.cells import (COMPUTED_BG, ERROR_BG, TODO_BG, HAND_COLOR, LEVEL1_CHOICES, ChoiceDelegate, ReasonRole,
                    level2_choices, score_choices, score_display)
from ui.editor.controller import ProjectController
from ui.editor.paste import PasteRefused, parse_block
from ui.editor.spreadsheet_view import SpreadsheetView

# column constants, Plover-style
LEVEL1, LEVEL2, NAME, TARGET, ACTUAL, WEIGHT, SCORE, DEVIATION = range(8)
FIELDS = ["level1", "level2", "name", "target", "actual", "weight", "hand_score", "deviation"]
HEADERS = [INDICATOR_LABELS[f] for f in FIELDS]
_EDITABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
_R = Qt.ItemDataRole
_ROLES = {_R.DisplayRole, _R.EditRole, _R.ToolTipRole, _R.ForegroundRole, _R.FontRole,
          _R.BackgroundRole, _R.TextAlignmentRole, ReasonRole}
_DISPLAY, _EDIT, _TOOLTIP, _FOREGROUND, _FONT, _BACKGROUND, _ALIGN = (
    _R.DisplayRole, _R.EditRole, _R.ToolTipRole, _R.ForegroundRole, _R.FontRole, _R.BackgroundRole,
    _R.TextAlignmentRole)
# texts from the top of their cell: a row made tall by a long 偏差原因 (taller than the table) shows
# its indicator where the clerk sees it, not centred in the height, out of view
_CENTER = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
NAME_MIN_EM, DEVIATION_MIN_EM = 10, 10  # characters of 三级指标 / 偏差原因 a line keeps, however narrow


class IndicatorTableModel(QAbstractTableModel):
    def __init__(self, controller: ProjectController) -> None:
        super().__init__(controller)
        self.c = controller
        self._shown: list[tuple] = []  # the scores last shown, to repaint only what changed
        controller.reset.connect(self._reset)
        controller.indicatorsInserting.connect(self._inserting)
        controller.indicatorsInserted.connect(self.endInsertRows)
        controller.indicatorsRemoving.connect(self._removing)
        controller.indicatorsRemoved.connect(self.endRemoveRows)
        controller.indicatorsMoving.connect(self._moving)
        controller.indicatorsMoved.connect(self.endMoveRows)
        controller.fieldsChanged.connect(self._fields_changed)
        controller.indicatorsChanged.connect(self._rows_changed)
        controller.evaluated.connect(self._evaluated)
        self._pending: set[int] = set(controller.pending)

    def _reset(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    def _inserting(self, first: int, count: int) -> None:
        self.beginInsertRows(QModelIndex(), first, first + count - 1)

    def _removing(self, first: int, count: int) -> None:
        self.beginRemoveRows(QModelIndex(), first, first + count - 1)

    def _moving(self, row: int, to: int) -> None:
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), to + 1 if to > row else to)

    def _fields_changed(self, kind: str, index) -> None:
        if kind == "indicator" and index is not None and index < self.rowCount():
            self.dataChanged.emit(self.index(index, 0), self.index(index, DEVIATION))

    def _rows_changed(self, first: int, last: int) -> None:
        self.dataChanged.emit(self.index(first, 0), self.index(last, DEVIATION))

    def _evaluated(self) -> None:
        """Repaint only the score cells whose score changed: an edit touches one or two."""
        scores = self.c.evaluation.indicators
        shown = [(s.value, s.rule, s.hand) for s in scores]
        if len(shown) != len(self._shown):
            self._shown, self._pending = shown, set(self.c.pending)
            return  # rows were inserted or removed: the view repaints them anyway
        for row, (old, new) in enumerate(zip(self._shown, shown)):
            if old != new:
                self.dataChanged.emit(self.index(row, SCORE), self.index(row, SCORE))
        pending = set(self.c.pending)
        for row in self._pending - pending:  # reached: its cells show what is missing now
            self.dataChanged.emit(self.index(row, 0), self.index(row, DEVIATION))
        self._pending = pending
        self._shown = shown

    # --- Qt model API --------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.c.project.indicators)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(FIELDS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section] if orientation == Qt.Orientation.Horizontal else str(section + 1)
        return None

    def flags(self, index):
        return _EDITABLE

    def text(self, row: int, col: int) -> str:
        """The cell as typed (what is copied and edited)."""
        ind = self.c.project.indicators[row]
        field = FIELDS[col]
        if field in ind.unreadable:
            return ind.unreadable[field]
        value = getattr(ind, field)
        if col == SCORE:
            return "" if value is None else plain(value)
        if col == WEIGHT:
            return "" if value is None else plain(value)
        return value

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        # asked ~8 times per cell when rows are sized: the cheap answers come first
        if role not in _ROLES or not index.isValid():
            return None
        row, col = index.row(), index.column()
        if role == _EDIT or (role == _DISPLAY and col != SCORE):
            return self.text(row, col)
        if role == _ALIGN:
            return _CENTER if col in (TARGET, ACTUAL, WEIGHT, SCORE) else _LEFT
        ind = self.c.project.indicators[row]
        if role == ReasonRole:
            return self.c.evaluation.indicators[row]
        pending = row in self.c.pending  # a new form's row not reached yet: to fill, not wrong
        if col != SCORE:
            if role == _BACKGROUND and FIELDS[col] in ind.unreadable:
                return QBrush(ERROR_BG)
            if role == _BACKGROUND and pending and col in (NAME, TARGET, ACTUAL):
                return QBrush(TODO_BG)
            if role == _TOOLTIP:
                return self.text(row, col) or None
            return None
        score = self.c.evaluation.indicators[row]
        if role == _DISPLAY:
            return score_display(score, ind.unreadable.get("hand_score"))
        if role == _TOOLTIP:
            tip = score.reason
            if score.tier is not None:
                low, high, _ = score.tier
                tip += f"\n该等级可手动给分范围：{score_text(low)}–{score_text(high)}"
            if ind.hand_note:
                tip += f"\n手动得分说明：{ind.hand_note}"
            return tip + ("\n（手动得分：删除内容即恢复按规则计分）" if score.hand else
                          "\n（直接输入分数即为手动得分）")
        if role == _FOREGROUND and score.hand:
            return QBrush(HAND_COLOR)
        if role == _FONT and score.hand:
            font = QFont()
            font.setBold(True)
            return font
        if role == _BACKGROUND:
            if "hand_score" in ind.unreadable or (score.value is None and not pending):
                return QBrush(ERROR_BG)
            return QBrush(COMPUTED_BG)
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        text = "" if value is None else str(value)
        if index.column() == SCORE and text.strip() in ("按规则", "规则"):
            text = ""
        self.c.set_field(("indicator", index.row()), FIELDS[index.column()], text.strip()
                         if index.column() in (WEIGHT, SCORE) else text)
        return True


class IndicatorTableView(SpreadsheetView):
    """Spreadsheet habits: Enter moves down, Tab across; blocks copy out and paste in."""

    pasted = Signal()
    refused = Signal(str)  # a paste refused: why, for the clerk

    def __init__(self, model: IndicatorTableModel, parent=None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        for col, width in zip(range(8), (90, 135, 260, 90, 90, 50, 115, 200)):
            self.setColumnWidth(col, width)
        # 三级指标 and 偏差原因 share the room the other columns leave, each kept readable (a long
        # 偏差原因 wraps in its own column; Stretch squeezed both to ~40 px at 800); narrower, it scrolls
        em = self.fontMetrics().horizontalAdvance("中")
        self.shared_minimum = {NAME: NAME_MIN_EM * em, DEVIATION: DEVIATION_MIN_EM * em}
        header.sectionResized.connect(self._other_column_resized)
        self.setItemDelegateForColumn(LEVEL1, ChoiceDelegate(LEVEL1_CHOICES, self))
        self.setItemDelegateForColumn(LEVEL2, ChoiceDelegate(
            lambda idx: level2_choices(idx.siblingAtColumn(LEVEL1).data() or ""), self))
        self.setItemDelegateForColumn(SCORE, ChoiceDelegate(score_choices, self))
        # wrapped texts set a row's height; sized when its texts change, not on every repaint;
        # sizing every row (a paste, a reset, a column width change) waits for the event loop,
        # so the stretched columns settling after 1,000 new rows cost one pass, not six
        self._size_all = QTimer(self)
        self._size_all.setSingleShot(True)
        self._size_all.setInterval(0)
        self._size_all.timeout.connect(self.resizeRowsToContents)
        model.modelReset.connect(self._resize_all)
        model.rowsInserted.connect(self._rows_inserted)
        model.c.fieldsChanged.connect(self._fields_changed)
        model.c.indicatorsChanged.connect(lambda first, last: self._rows_inserted(None, first, last))
        header.sectionResized.connect(self._resize_all)

    def share_room(self) -> None:
        """三级指标 and 偏差原因 take the width left by the other columns, half each, never less
        than their minimum."""
        others = sum(self.columnWidth(col) for col in range(len(FIELDS)) if col not in self.shared_minimum)
        room = max(0, self.viewport().width() - others)
        for col, minimum in self.shared_minimum.items():
            width = max(minimum, room // len(self.shared_minimum))
            if self.columnWidth(col) != width:
                self.setColumnWidth(col, width)

    def _other_column_resized(self, col: int, _old: int, _new: int) -> None:
        if col not in self.shared_minimum:
            self.share_room()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.share_room()

    def _fields_changed(self, kind: str, index) -> None:
        if kind == "indicator" and index is not None and index < self.model().rowCount():
            self.resizeRowToContents(index)

    def _rows_inserted(self, _parent, first: int, last: int) -> None:
        if last - first > 50:  # a paste: all rows in one pass
            self._resize_all()
            return
        for row in range(first, last + 1):
            self.resizeRowToContents(row)

    def _resize_all(self, *_args) -> None:
        self._size_all.start()

    def keyPressEvent(self, event):
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        elif event.key() == Qt.Key.Key_Delete and self.state() != QAbstractItemView.State.EditingState:
            self.clear_selection_cells()
        else:
            super().keyPressEvent(event)

    def clear_selection_cells(self) -> None:
        """Delete clears the selected cells, as one undo step."""
        indexes = self.selectedIndexes()
        if not indexes:
            return
        self.model().c.set_fields([(("indicator", i.row()), FIELDS[i.column()], "") for i in indexes],
                                  "清除单元格")

    def copy_selection(self) -> None:
        indexes = self.selectedIndexes() or ([self.currentIndex()] if self.currentIndex().isValid() else [])
        if not indexes:
            return
        rows = sorted({i.row() for i in indexes})
        cols = sorted({i.column() for i in indexes})
        model: IndicatorTableModel = self.model()
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="\t", lineterminator="\n")
        for r in rows:
            writer.writerow([model.text(r, c) for c in cols])
        QGuiApplication.clipboard().setText(buf.getvalue())

    def paste(self, text: str | None = None) -> None:
        """The clipboard's cells from the current cell on, as one undo step; the pasted block is
        selected after, as in Excel. A clipboard no form could hold is refused with a message."""
        text = QGuiApplication.clipboard().text() if text is None else text
        try:
            block = parse_block(text)
        except PasteRefused as exc:
            self.refused.emit(str(exc))
            return
        if not block:
            return
        cur = self.currentIndex()
        row = cur.row() if cur.isValid() else self.model().rowCount()
        col = cur.column() if cur.isValid() else 0
        fields = FIELDS[col: col + max(len(r) for r in block)]
        self.model().c.paste_block(row, fields, [r[: len(fields)] for r in block])
        model = self.model()
        last = min(row + len(block), model.rowCount()) - 1
        if last >= row and fields:
            self.setCurrentIndex(model.index(row, col))
            self.selectionModel().select(
                QItemSelection(model.index(row, col), model.index(last, col + len(fields) - 1)),
                QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.pasted.emit()
