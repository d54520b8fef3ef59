"""The 绩效指标 box: its row buttons, the table, and the row operations they and the menu call."""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QToolButton, QVBoxLayout, QWidget

from model import Indicator
from model.skeleton import optional_row_position

from ui.editor.controller import ProjectController
from ui.editor.indicator_table import FIELDS, IndicatorTableModel, IndicatorTableView
from ui.common.interaction import Interaction


class IndicatorPanel(QGroupBox):
    def __init__(self, controller: ProjectController, interaction: Interaction, parent: QWidget | None = None) -> None:
        super().__init__("绩效指标", parent)
        self.c = controller
        self.interaction = interaction
        self.model = IndicatorTableModel(controller)
        self.view = IndicatorTableView(self.model, self)
        self.view.refused.connect(lambda why: self.interaction.error("无法粘贴", why))
        layout = QVBoxLayout(self)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QToolButton] = {}
        # 添加指标's arrow offers the 二级指标 the skeleton leaves out (actions.py gives it its menu)
        for key, text, slot in (("add", "添加指标", self.add), ("insert", "插入", self.insert),
                                ("delete", "删除", self.delete), ("up", "上移", lambda: self.move(-1)),
                                ("down", "下移", lambda: self.move(1)),
                                ("revert", "恢复按规则计分", self.revert_score)):
            button = QToolButton(self)
            button.setText(text)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a click leaves the keyboard in the table
            button.clicked.connect(lambda _c=False, s=slot: s())
            buttons.addWidget(button)
            self.buttons[key] = button
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.view)

    def selected_rows(self) -> list[int]:
        rows = {i.row() for i in self.view.selectionModel().selectedIndexes()}
        cur = self.view.currentIndex()
        if not rows and cur.isValid():
            rows = {cur.row()}
        return sorted(rows)

    def _new_indicator(self, near: int | None) -> Indicator:
        """A new row sits in the group of the row it is added beside."""
        inds = self.c.project.indicators
        if near is not None and 0 <= near < len(inds):
            return Indicator(level1=inds[near].level1, level2=inds[near].level2)
        return Indicator(level1="产出指标", level2="数量指标")

    def add(self) -> None:
        n = len(self.c.project.indicators)
        self.c.insert_indicators(n, [self._new_indicator(n - 1)], "添加指标")
        self._focus_row(n)

    def insert(self) -> None:
        rows = self.selected_rows()
        at = rows[0] if rows else 0
        self.c.insert_indicators(at, [self._new_indicator(at)])
        self._focus_row(at)

    def insert_below(self) -> None:
        """A new row under the current one, in its group (the keyboard's way to add a row)."""
        cur = self.view.currentIndex()
        row = cur.row() if cur.isValid() else len(self.c.project.indicators) - 1
        self.c.insert_indicators(row + 1, [self._new_indicator(row)], "添加指标")
        self._focus_row(row + 1)

    def add_group_row(self, level1: str, level2: str) -> None:
        """A row of a 二级指标 the skeleton leaves out (经济效益 …), placed in its group."""
        at = optional_row_position(self.c.project.indicators, level1)
        self.c.insert_indicators(at, [Indicator(level1=level1, level2=level2)], f"添加{level2}")
        self._focus_row(at)

    def _focus_row(self, row: int) -> None:
        """The new row's first cell to fill (三级指标: the groups are given), ready to type."""
        index = self.model.index(row, FIELDS.index("name"))
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        # ClearAndSelect: with Ctrl still held from the shortcut the view would add to the selection
        self.view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(index)

    def delete(self) -> None:
        self.c.remove_indicators(self.selected_rows())

    def move(self, step: int) -> None:
        rows = self.selected_rows()
        if len(rows) == 1:
            col = max(0, self.view.currentIndex().column())
            self.c.move_indicator(rows[0], rows[0] + step)
            to = min(max(rows[0] + step, 0), self.model.rowCount() - 1)
            self.view.setCurrentIndex(self.model.index(to, col))

    def revert_score(self) -> None:
        inds = self.c.project.indicators
        self.c.revert_scores([r for r in self.selected_rows()
                              if inds[r].hand_score is not None or "hand_score" in inds[r].unreadable])

    def edit_hand_note(self) -> None:
        """Why a score was set by hand: kept with the project, shown in the score's tooltip."""
        rows = self.selected_rows()
        if not rows:
            return
        ind = self.c.project.indicators[rows[0]]
        text = self.interaction.ask_text("手动得分说明", f"第 {rows[0] + 1} 行的得分为什么这样给：", ind.hand_note)
        if text is not None:
            self.c.set_field(("indicator", rows[0]), "hand_note", text.strip())
