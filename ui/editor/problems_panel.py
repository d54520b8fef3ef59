"""The model's problems as a list; activating one goes to its cell."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from model import Place, Severity
from model.fields import Section

from ui.editor.controller import ProjectController

PlaceRole = Qt.ItemDataRole.UserRole + 2
SETTLE_MS = 150  # the list follows typing once it pauses: relaying out sixty wrapped items on
# every keystroke cost more than the rest of the edit, and the 总分 must repaint within a frame


class ProblemsPanel(QListWidget):
    goto = Signal(object)  # model.Place

    def __init__(self, controller: ProjectController, parent=None) -> None:
        super().__init__(parent)
        self.c = controller
        self._shown: list | None = None  # the problems last listed: most edits change none
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.itemActivated.connect(self._go)
        self.itemClicked.connect(self._go)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.refresh)
        controller.evaluated.connect(self._settle.start)
        controller.reset.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Items are rewritten in place, and only where the problem changed: a keystroke changes
        one or two of maybe sixty, and rebuilding the list cost more than the rest of the edit."""
        shown = self._listed()
        if self._shown == shown:
            return
        old = self._shown or []
        self._shown = shown
        if not shown:
            self.clear()
            item = QListWidgetItem("没有问题：表格可以打印、签章。")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.addItem(item)
            return
        if not old:
            self.clear()
        while self.count() > len(shown):
            self.takeItem(self.count() - 1)
        for row, problem in enumerate(shown):
            if row < len(old) and row < self.count() and old[row] == problem:
                continue
            item = self.item(row) if row < self.count() else None
            if item is None:
                item = QListWidgetItem()
                self.addItem(item)
            if isinstance(problem, Place):  # a skeleton row not reached yet
                text = f"{problem.label()}：待填写（{self._group(problem.row)}）"
                item.setText(f"◌ {text}")
                item.setData(PlaceRole, problem)
                item.setForeground(QBrush(QColor("#5f6368")))
                item.setToolTip(f"{text}：填到这一行时再检查")
            else:
                item.setText(f"{'●' if problem.severity == Severity.ERROR else '○'} "
                             f"{problem.place.label()}：{problem.message}")
                item.setData(PlaceRole, problem.place)
                item.setForeground(QBrush(QColor("#b00020" if problem.severity == Severity.ERROR else "#8a5a00")))
                item.setToolTip(str(problem))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)

    def _listed(self) -> list:
        """The problems, then a new form's rows still to fill (their place: clicking goes there)."""
        return [*self.c.problems, *(Place(Section.INDICATOR, row, "name") for row in self.c.pending)]

    def _group(self, row: int | None) -> str:
        inds = self.c.project.indicators
        if row is None or not 0 <= row < len(inds):
            return ""
        return "·".join(x for x in (inds[row].level1, inds[row].level2) if x)

    def _go(self, item: QListWidgetItem) -> None:
        place = item.data(PlaceRole)
        if place is not None:
            self.goto.emit(place)
