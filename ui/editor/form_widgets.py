"""The header fields, the goal texts and the 总分 bar: plain widgets bound to the controller."""
from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QSizePolicy, QWidget)

from model import Severity, score_text
from model.fields import GOAL_LABELS, HEADER_LABELS
from model.skeleton import report_year

from ui.editor.controller import ProjectController

HEADER_FIELDS = list(HEADER_LABELS.items())


class _ProjectFields(QWidget):
    """Text fields of the project: typing is an undoable edit; the project's changes (undo,
    open) come back under a QSignalBlocker so they never echo as edits."""

    def __init__(self, controller: ProjectController, parent=None) -> None:
        super().__init__(parent)
        self.c = controller
        self.edits: dict = {}
        controller.reset.connect(self.refresh)
        controller.fieldsChanged.connect(self._fields_changed)

    def _typed(self, field: str, text: str) -> None:
        self.c.set_field(("project", None), field, text, True)

    def _fields_changed(self, kind: str, _index) -> None:
        if kind == "project":
            self.refresh()

    def refresh(self) -> None:
        p = self.c.project
        for field, edit in self.edits.items():
            value = getattr(p, field)
            text = "" if value is None else str(value)
            shown = edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()
            if shown != text:
                with QSignalBlocker(edit):
                    if isinstance(edit, QPlainTextEdit):
                        edit.setPlainText(text)
                    else:  # shown from its start: a long 实施单位 read '京市朝阳区…' (Qt keeps the cursor at the end)
                        edit.setText(text)
                        edit.setCursorPosition(0)


class HeaderWidget(_ProjectFields):
    def __init__(self, controller: ProjectController, parent=None) -> None:
        super().__init__(controller, parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, (field, label) in enumerate(HEADER_FIELDS):
            edit = QLineEdit(self)
            edit.setObjectName(field)
            if field == "year":
                edit.setValidator(QIntValidator(1990, 2100, edit))
                edit.setMaximumWidth(80)
                edit.setPlaceholderText(f"如 {report_year()}")
            edit.textEdited.connect(lambda text, f=field: self._typed(f, text))
            self.edits[field] = edit
            row, col = divmod(i, 2)
            grid.addWidget(QLabel(label + "：", self), row, col * 2)
            grid.addWidget(edit, row, col * 2 + 1)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        self.refresh()


class GoalWidget(_ProjectFields):
    """预期目标 and 实际完成情况 side by side, as the form has them."""

    def __init__(self, controller: ProjectController, parent=None) -> None:
        super().__init__(controller, parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for col, (field, label) in enumerate(GOAL_LABELS.items()):
            edit = QPlainTextEdit(self)
            edit.setObjectName(field)
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(58)
            edit.textChanged.connect(lambda f=field, e=edit: self._typed(f, e.toPlainText()))
            self.edits[field] = edit
            grid.addWidget(QLabel(label, self), 0, col)
            grid.addWidget(edit, 1, col)
        self.refresh()


class ElidedLabel(QLabel):
    """A plain-text label that gives way first: cut with '…' when the row is narrow, whole in its
    tooltip, so the labels beside it (总分, 等级) are never the ones clipped."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def setText(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self.updateGeometry()
        self._elide()

    def full_text(self) -> str:
        return self._full

    def sizeHint(self):
        hint = super().sizeHint()
        hint.setWidth(self.fontMetrics().horizontalAdvance(self._full) + 2 * self.margin() + 2)
        return hint

    def minimumSizeHint(self):
        hint = super().minimumSizeHint()
        hint.setWidth(0)
        return hint

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, self.contentsRect().width())
        if shown != self.text():
            QLabel.setText(self, shown)


class TotalBar(QFrame):
    """总分 and 等级, always in view."""

    def __init__(self, controller: ProjectController, parent=None) -> None:
        super().__init__(parent)
        self.c = controller
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        self.total = QLabel(self)
        self.total.setObjectName("total")
        self.total.setStyleSheet("font-size: 20px; font-weight: bold;")
        # 总分 and 等级 (and the state, errors first) keep their whole width; the detail gives way
        self.total.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        self.detail = ElidedLabel(self)
        self.detail.setObjectName("detail")
        self.state = QLabel(self)
        self.state.setObjectName("state")
        self.state.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.total)
        layout.addSpacing(16)
        layout.addWidget(self.detail, 1)
        layout.addWidget(self.state, 0, Qt.AlignmentFlag.AlignRight)
        controller.evaluated.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        ev = self.c.evaluation
        # 总分 and 等级 待定 while a score is missing (the model decides); the sum so far said as partial
        partial = "" if ev.complete else f"<span style='font-size:13px; font-weight:normal'>（{ev.partial_text()}）</span>"
        self.total.setText(f"总分 {ev.total_text()}{partial}　等级 {ev.grade}")
        # rich text: Qt would let it shrink; measured free of the last minimum, which a rich text's
        # size hint counts (a long 待定 total left its width behind once the 总分 was whole)
        self.total.setMinimumWidth(0)
        self.total.setMinimumWidth(self.total.sizeHint().width())
        budget = "—" if ev.budget.value is None else score_text(ev.budget.value)
        shown = f"预算执行率得分 {budget}" if self.c.project.budget_item else "预算执行率不计分"
        self.detail.setText(f"{shown}　分值合计 {ev.weight_sum_words()}")
        errors = sum(p.severity == Severity.ERROR for p in self.c.problems)
        warnings = len(self.c.problems) - errors
        pending = len(self.c.pending)  # a new form's rows not reached yet: never 可以签章 with them
        todo = f"，{pending} 行待填写" if pending else ""
        if errors:
            self.state.setText(f"<span style='color:#b00020'>{errors} 个错误</span>，{warnings} 个提醒{todo}")
        elif pending:
            self.state.setText(f"{pending} 行待填写" + (f"，{warnings} 个提醒" if warnings else ""))
        else:
            self.state.setText("可以签章" + (f"（{warnings} 个提醒）" if warnings else ""))
