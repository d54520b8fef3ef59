"""项目资金 as the printed form shows it: amounts editable, 执行率 and 得分 computed."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSizePolicy, QStyleOptionViewItem

from model import plain
from model.fields import AMOUNT_LABELS

from ui.editor.cells import COMPUTED_BG, ERROR_BG, HAND_COLOR, score_display
from ui.editor.controller import ProjectController
from ui.editor.spreadsheet_view import SpreadsheetView

INITIAL, BUDGET, EXECUTED, WEIGHT, RATE, SCORE = range(6)
HEADERS = [*AMOUNT_LABELS.values(), "分值", "执行率", "得分"]
AMOUNTS = {INITIAL: "initial_budget", BUDGET: "annual_budget", EXECUTED: "executed"}
DASH = "—"
CELL_AIR = 6  # px beside a measured figure: digits touching the grid read badly


class FundsTableModel(QAbstractTableModel):
    def __init__(self, controller: ProjectController) -> None:
        super().__init__(controller)
        self.c = controller
        controller.reset.connect(self._all_changed)
        controller.fieldsChanged.connect(self._fields_changed)
        controller.evaluated.connect(self._computed_changed)

    def _all_changed(self) -> None:
        self.dataChanged.emit(self.index(0, 0), self.index(3, SCORE))

    def _fields_changed(self, kind: str, index) -> None:
        """Only the edited cells and the computed ones repaint: an edit is one keystroke away
        from the next."""
        if kind == "funds" and index is not None:
            self.dataChanged.emit(self.index(index, 0), self.index(index, EXECUTED))
        elif kind == "project":
            self.dataChanged.emit(self.index(0, WEIGHT), self.index(0, WEIGHT))

    def _computed_changed(self) -> None:
        self.dataChanged.emit(self.index(0, RATE), self.index(3, SCORE))

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return self.c.project.funds[section].kind.value

    def flags(self, index):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        col, total = index.column(), index.row() == 0
        if col in AMOUNTS or (total and col in (WEIGHT, SCORE) and self.c.project.budget_item):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def why_read_only(self, index) -> str:
        """Why typing in this cell does nothing: said in the status bar."""
        row, col = index.row(), index.column()
        if col == RATE:
            return "执行率由“全年执行数 ÷ 全年预算数”自动计算，不能输入；请填写这一行的全年预算数和全年执行数"
        if row > 0 and col in (WEIGHT, SCORE):
            return f"只有“年度资金总额”一行有分值和得分；“{self.c.project.funds[row].shown_label.strip()}”的这一格不用填写"
        return ""

    def _target_field(self, row: int, col: int):
        if col in AMOUNTS:
            return ("funds", row), AMOUNTS[col]
        if row == 0 and col == WEIGHT:
            return ("project", None), "budget_weight"
        if row == 0 and col == SCORE:
            return ("project", None), "budget_hand_score"
        return None, None

    def text(self, row: int, col: int) -> str:
        p = self.c.project
        target, field = self._target_field(row, col)
        if target is None:
            return ""
        obj = p if target[0] == "project" else p.funds[row]
        if field in obj.unreadable:
            return obj.unreadable[field]
        value = getattr(obj, field)
        return "" if value is None else plain(value)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        ev, kind = self.c.evaluation, self.c.project.funds[row].kind
        budget = ev.budget
        if role == Qt.ItemDataRole.EditRole:
            return self.text(row, col)
        if role == Qt.ItemDataRole.DisplayRole:
            if col == RATE:
                return ev.rate_text(kind)
            if (row > 0 or not self.c.project.budget_item) and col in (WEIGHT, SCORE):
                return DASH
            if col == SCORE:
                return score_display(budget, self.c.project.unreadable.get("budget_hand_score"))
            return self.text(row, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if row == 0 and col in (WEIGHT, SCORE) and not self.c.project.budget_item:
                return budget.reason
            if row == 0 and col in (SCORE, RATE):
                return budget.reason + ("\n（手动得分：删除内容即恢复按规则计分）" if budget.hand else
                                        "\n（直接输入分数即为手动得分）" if col == SCORE else "")
            if col in AMOUNTS:
                return "单位：万元，可输入如 18、53.808、1,234.5 或 180000元"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            target, field = self._target_field(row, col)
            obj = self.c.project if target and target[0] == "project" else self.c.project.funds[row]
            if field and field in obj.unreadable:
                return QBrush(ERROR_BG)
            if col in (RATE, SCORE) or ((row > 0 or not self.c.project.budget_item) and col == WEIGHT):
                return QBrush(COMPUTED_BG)
        if row == 0 and col == SCORE and budget.hand:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(HAND_COLOR)
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        target, field = self._target_field(index.row(), index.column())
        if role != Qt.ItemDataRole.EditRole or target is None:
            return False
        text = "" if value is None else str(value).strip()
        self.c.set_field(target, field, "" if text == "按规则" else text)
        return True


class FundsTableView(SpreadsheetView):
    def __init__(self, model: FundsTableModel, parent=None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # each column at least as wide as its widest figure (123456.789012 cut to '123456...' reads as
        # another number), the room left shared out evenly; only the cells that change are measured
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._cell_widths: dict[tuple[int, int], int] = {}
        self._needs = [0] * model.columnCount()
        model.dataChanged.connect(lambda top, bottom, *_: self.fit_cells(top.row(), bottom.row(),
                                                                          top.column(), bottom.column()))
        # one line per row: fixed heights, not measured again on every edit
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def fit_cells(self, first: int, last: int, left: int = 0, right: int = SCORE) -> None:
        """Measure the cells rows first…last, columns left…right as the delegate draws them, then
        lay the columns out again; the form part scrolls sideways before a figure is cut."""
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        delegate, model, grid = self.itemDelegate(), self.model(), int(self.showGrid())
        for row in range(first, last + 1):
            for col in range(left, right + 1):
                index = model.index(row, col)
                self._cell_widths[row, col] = delegate.sizeHint(option, index).width() + grid + CELL_AIR
        header = self.horizontalHeader()
        needs = [max([header.sectionSizeHint(col)] + [self._cell_widths.get((r, col), 0) for r in range(4)])
                 for col in range(model.columnCount())]
        if needs != self._needs:
            self._needs = needs
            self.updateGeometry()
        self._lay_out()

    def _lay_out(self) -> None:
        extra = max(0, self.viewport().width() - sum(self._needs))
        cols = len(self._needs)
        for col, need in enumerate(self._needs):
            self.setColumnWidth(col, need + extra // cols + (1 if col < extra % cols else 0))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._lay_out()

    def showEvent(self, event) -> None:
        if not any(self._cell_widths):  # first shown: the font and style are final now
            self.fit_cells(0, 3)
        super().showEvent(event)

    def sizeHint(self):
        """All four rows, always: the table never scrolls inside itself (the form part does)."""
        hint = super().sizeHint()
        height = self.horizontalHeader().sizeHint().height() + sum(self.rowHeight(r) for r in range(4))
        hint.setHeight(height + 2 * self.frameWidth())
        return hint

    def minimumSizeHint(self):
        """Never narrower than the figures: the form part scrolls sideways instead."""
        hint = self.sizeHint()
        hint.setWidth(sum(self._needs) + self.verticalHeader().sizeHint().width() + 2 * self.frameWidth())
        return hint
