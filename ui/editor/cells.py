"""What the two tables share: the colours of a cell, how a score is shown, the drop-down editor."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate

from model import score_text

HAND_COLOR = QColor("#1f5fbf")  # a score set by hand: blue and bold
TODO_BG = QColor("#fff6d6")  # a new form's skeleton row not reached yet: to fill, not an error
ERROR_BG = QColor("#fde2e1")  # an unreadable number, or a row that cannot be scored
COMPUTED_BG = QColor("#f3f6f9")  # computed by the program (执行率, 得分)
ReasonRole = Qt.ItemDataRole.UserRole + 1  # the cell's model.Score, for tooltips and choices

LEVEL1_CHOICES = ["产出指标", "效益指标", "满意度指标", "成本指标"]
LEVEL2_CHOICES = {
    "产出": ["数量指标", "质量指标", "时效指标", "成本指标"],
    "效益": ["社会效益", "经济效益", "生态效益", "可持续影响指标"],
    "满意": ["服务对象满意度指标"],
    "成本": ["经济成本指标", "社会成本指标", "生态环境成本指标"],
}


def level2_choices(level1: str) -> list[str]:
    for key, values in LEVEL2_CHOICES.items():
        if key in level1:
            return values
    return sum(LEVEL2_CHOICES.values(), [])


def score_display(score, unreadable: str | None = None) -> str:
    """A score as the window shows it: a hand score carries the rule's value beside it."""
    if unreadable is not None:
        return unreadable
    if score.value is None:
        return "—"
    shown = score_text(score.value)
    if score.hand and score.rule is not None and score.rule != score.value:
        return f"{shown}（规则 {score_text(score.rule)}）"
    return f"{shown} ✎" if score.hand else shown


def score_choices(index) -> list[str]:
    """得分's drop-down: back to the rule, or a score inside the grade's tier (qualitative rows)."""
    score = index.data(ReasonRole)
    items = ["按规则"]
    if score is not None:
        items += [score_text(v) for v in score.tier_scores()]
    return items


class ChoiceDelegate(QStyledItemDelegate):
    """An editable drop-down: 一级/二级 names offered, free text taken."""

    def __init__(self, choices, parent=None) -> None:
        super().__init__(parent)
        self.choices = choices  # a list, or a function of the index giving one

    def createEditor(self, parent, option, index):
        box = QComboBox(parent)
        box.setEditable(True)
        box.addItems(self.choices(index) if callable(self.choices) else self.choices)
        return box

    def setEditorData(self, editor, index):
        editor.setCurrentText(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.lineEdit().selectAll()  # typing over a cell replaces it, as in the other cells

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentText())
