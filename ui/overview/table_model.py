"""The overview's table: one row per project of the folder, sortable and filterable."""
from __future__ import annotations

from decimal import Decimal
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from model.fields import AMOUNT_LABELS, HEADER_LABELS
from model.unit.summary import amount_text, rate_text
from model.unit import UnitEntry

from ui.overview.folder import UnitFolder


class Col(IntEnum):
    NAME = 0
    IMPLEMENTER = 1
    BUDGET = 2
    EXECUTED = 3
    RATE = 4
    TOTAL = 5
    GRADE = 6
    ERRORS = 7
    WARNINGS = 8
    SAVED = 9
    FILE = 10


HEADERS = {Col.NAME: HEADER_LABELS["name"], Col.IMPLEMENTER: HEADER_LABELS["implementer"],
           Col.BUDGET: AMOUNT_LABELS["annual_budget"], Col.EXECUTED: AMOUNT_LABELS["executed"],
           Col.RATE: "执行率", Col.TOTAL: "总分", Col.GRADE: "等级", Col.ERRORS: "错误", Col.WARNINGS: "提醒",
           Col.SAVED: "保存", Col.FILE: "文件"}
SORT_ROLE = Qt.ItemDataRole.UserRole
_NUMERIC = {Col.BUDGET, Col.EXECUTED, Col.RATE, Col.TOTAL, Col.ERRORS, Col.WARNINGS}
_ERROR_BRUSH = QBrush(QColor("#b00020"))


class UnitTableModel(QAbstractTableModel):
    """Reads the folder's entries as they are; the folder announces every change."""

    def __init__(self, folder: UnitFolder) -> None:
        super().__init__(folder)
        self.folder = folder
        folder.inserting.connect(lambda first, n: self.beginInsertRows(QModelIndex(), first, first + n - 1))
        folder.inserted.connect(self.endInsertRows)
        folder.removing.connect(lambda row: self.beginRemoveRows(QModelIndex(), row, row))
        folder.removed.connect(self.endRemoveRows)
        folder.changed.connect(lambda row: self.dataChanged.emit(self.index(row, 0),
                                                                 self.index(row, len(Col) - 1)))

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.folder.entries)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Col)

    def entry(self, row: int) -> UnitEntry:
        return self.folder.entries[row]

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[Col(section)]
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        e = self.folder.entries[index.row()]
        col = Col(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(e, col)
        if role == SORT_ROLE:
            return self._key(e, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in _NUMERIC | {Col.GRADE, Col.SAVED}:
            return int(Qt.AlignmentFlag.AlignRight if col in _NUMERIC and col not in (Col.ERRORS, Col.WARNINGS)
                       else Qt.AlignmentFlag.AlignCenter) | int(Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and (e.project is None or col == Col.ERRORS and e.error_count):
            return _ERROR_BRUSH
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == Col.FILE:
                return str(e.path)
            if e.project is None:
                return e.error
            if col == Col.TOTAL and e.evaluation is not None and not e.evaluation.complete:
                return e.evaluation.partial_text()  # the 总分 is 待定; what there is so far, said as partial
            errors = [str(p) for p in e.problems][:8]
            return "\n".join(errors) or "没有问题"
        return None

    def text(self, row: int, col: Col) -> str:
        """What row's cell shows, without a model index (measuring many rows)."""
        return self._text(self.folder.entries[row], col)

    def _text(self, e: UnitEntry, col: Col) -> str:
        p, ev = e.project, e.evaluation
        if col == Col.NAME:
            return e.name
        if col == Col.FILE:
            return e.path.name
        if col == Col.SAVED:
            return "未保存" if e.path in self.folder.unsaved else "已保存" if e.project is not None else ""
        if col == Col.ERRORS:
            return str(e.error_count) if e.error_count else ""
        if p is None or ev is None:
            return "无法读取" if col == Col.IMPLEMENTER else ""
        funds = p.total_funds
        if col == Col.BUDGET:  # each column's text alone: a view asks for one cell at a time
            return amount_text(funds.annual_budget)
        if col == Col.EXECUTED:
            return amount_text(funds.executed)
        if col == Col.RATE:
            return rate_text(ev.rates[funds.kind])
        if col == Col.TOTAL:
            return ev.total_text()
        if col == Col.GRADE:
            return ev.grade
        if col == Col.WARNINGS:
            return str(e.warning_count) if e.warning_count else ""
        return p.implementer

    def _key(self, e: UnitEntry, col: Col):
        """Numbers sort as numbers, blanks last whichever way; texts as texts."""
        p, ev = e.project, e.evaluation
        if col in (Col.ERRORS, Col.WARNINGS):
            return float(e.error_count if col == Col.ERRORS else e.warning_count)
        if col == Col.TOTAL and ev is not None and not ev.complete:
            return -1.0  # 待定: below every finished total, above the unreadable (blank) rows
        if col in _NUMERIC:
            value: Decimal | None = None
            if p is not None and ev is not None:
                funds = p.total_funds
                value = {Col.BUDGET: funds.annual_budget, Col.EXECUTED: funds.executed,
                         Col.RATE: ev.rates[funds.kind], Col.TOTAL: ev.total}[col]
            return float("-inf") if value is None else float(value)
        return self._text(e, col)


class Filter(IntEnum):
    ALL = 0
    ERRORS = 1
    WARNINGS = 2
    UNSAVED = 3
    UNREADABLE = 4


FILTER_LABELS = {Filter.ALL: "全部项目", Filter.ERRORS: "只看有错误的", Filter.WARNINGS: "只看有提醒的",
                 Filter.UNSAVED: "只看未保存的", Filter.UNREADABLE: "只看无法读取的"}


class OverviewProxy(QSortFilterProxyModel):
    """Sorting by each column's key; a filter by problems and a search in names and files."""

    def __init__(self, source: UnitTableModel) -> None:
        super().__init__(source)
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self.mode = Filter.ALL
        self.search = ""

    def set_mode(self, mode: Filter) -> None:
        self._refilter(lambda: setattr(self, "mode", Filter(mode)))

    def set_search(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "search", text.strip().lower()))

    def _refilter(self, change) -> None:
        # Qt 6.10: invalidateFilter is deprecated; 6.9 (the .deb's Qt) has beginFilterChange
        # but not endFilterChange
        if hasattr(self, "endFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent) -> bool:
        model: UnitTableModel = self.sourceModel()
        e = model.entry(row)
        if self.mode == Filter.ERRORS and not e.error_count:
            return False
        if self.mode == Filter.WARNINGS and not e.warning_count:
            return False
        if self.mode == Filter.UNSAVED and e.path not in model.folder.unsaved:
            return False
        if self.mode == Filter.UNREADABLE and e.project is not None:
            return False
        if self.search:
            implementer = e.project.implementer if e.project else ""
            return any(self.search in t.lower() for t in (e.name, e.path.name, implementer))
        return True
