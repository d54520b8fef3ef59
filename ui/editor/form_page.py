"""The form as the window shows it, top to bottom like the printed page: 总分 bar, header, funds,
goals (scrolling on a small screen), and the indicator table taking the rest of the height."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGroupBox, QScrollArea, QSplitter, QVBoxLayout, QWidget

from ui.editor.controller import ProjectController
from ui.editor.form_widgets import GoalWidget, HeaderWidget, TotalBar
from ui.editor.funds_table import AMOUNTS, FundsTableModel, FundsTableView
from ui.editor.funds_table import SCORE as FUNDS_SCORE
from ui.editor.indicator_panel import IndicatorPanel
from ui.editor.indicator_table import FIELDS, SCORE
from ui.common.interaction import Interaction
from ui.editor.notes_widget import NotesWidget


TABLE_MIN_HEIGHT = 220  # the indicator table keeps six rows or so; the upper part scrolls


class FormPage(QWidget):
    def __init__(self, controller: ProjectController, interaction: Interaction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        c = controller
        outer = QVBoxLayout(self)
        self.total_bar = TotalBar(c, self)
        outer.addWidget(self.total_bar)
        # the upper part and the indicator table share the height as the clerk drags the handle
        self.splitter = splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.upper = QScrollArea(splitter)
        self.upper.setWidgetResizable(True)
        self.upper.setFrameShape(QFrame.Shape.NoFrame)
        upper = QWidget(self.upper)
        v = QVBoxLayout(upper)
        v.setContentsMargins(0, 0, 0, 0)
        self.header = HeaderWidget(c, upper)
        v.addWidget(_group("基本信息", self.header))
        self.funds_model = FundsTableModel(c)
        self.funds_view = FundsTableView(self.funds_model, upper)
        v.addWidget(_group("项目资金（万元）", self.funds_view))
        self.goal = GoalWidget(c, upper)
        v.addWidget(_group("年度总体目标", self.goal))
        self.notes = NotesWidget(c, upper)
        v.addWidget(self.notes)
        self.upper.setWidget(upper)
        self.indicators = IndicatorPanel(c, interaction, self)
        splitter.addWidget(self.upper)
        splitter.addWidget(self.indicators)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        outer.addWidget(splitter, 1)
        self._split_by_hand = False
        splitter.splitterMoved.connect(self._moved_by_hand)

    def _moved_by_hand(self, *_args) -> None:
        self._split_by_hand = True

    def tab_chain(self) -> list[QWidget]:
        """Tab follows the printed form: header → funds → goals → indicators."""
        return [*self.header.edits.values(), self.funds_view, *self.goal.edits.values(), self.indicators.view]

    def resizeEvent(self, event) -> None:
        """Until the clerk drags the handle, the upper part gets the height it needs and the
        indicator table keeps its room; what does not fit of the upper part scrolls."""
        super().resizeEvent(event)
        if self._split_by_hand:
            return
        total = self.splitter.height() - self.splitter.handleWidth()
        if total > 0:
            table = max(TABLE_MIN_HEIGHT, total * 35 // 100)
            upper = max(0, min(self.upper.widget().sizeHint().height() + 2, total - table))
            self.splitter.setSizes([upper, total - upper])

    def goto(self, place) -> None:
        """Focus the cell or field a problem names."""
        if place.section == "indicator":
            row = place.row if place.row is not None else 0
            col = FIELDS.index(place.field) if place.field in FIELDS else SCORE
            if row < self.indicators.model.rowCount():
                self.indicators.view.setFocus()
                self.indicators.view.setCurrentIndex(self.indicators.model.index(row, col))
        elif place.section in ("funds", "budget"):
            col = {v: k for k, v in AMOUNTS.items()}.get(place.field, FUNDS_SCORE)
            self.funds_view.setFocus()
            self.funds_view.setCurrentIndex(self.funds_model.index(place.row or 0, col))
        elif place.section == "header" and place.field in self.header.edits:
            self.header.edits[place.field].setFocus()
        elif place.section == "goal":
            self.goal.edits.get(place.field or "achieved", self.goal.edits["achieved"]).setFocus()


def _group(title: str, widget: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(6, 4, 6, 6)
    layout.addWidget(widget)
    return box
