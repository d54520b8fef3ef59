"""The model's problems as a list; activating one goes to its cell."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from model import Severity

from .controller import ProjectController

PlaceRole = Qt.ItemDataRole.UserRole + 2


class ProblemsPanel(QListWidget):
    goto = Signal(object)  # model.Place

    def __init__(self, controller: ProjectController, parent=None) -> None:
        super().__init__(parent)
        self.c = controller
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.itemActivated.connect(self._go)
        self.itemClicked.connect(self._go)
        controller.evaluated.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.clear()
        if not self.c.problems:
            item = QListWidgetItem("没有问题：表格可以打印、签章。")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.addItem(item)
            return
        for problem in self.c.problems:
            item = QListWidgetItem(f"{'●' if problem.severity == Severity.ERROR else '○'} "
                                   f"{problem.place.label()}：{problem.message}")
            item.setData(PlaceRole, problem.place)
            item.setForeground(QBrush(QColor("#b00020" if problem.severity == Severity.ERROR else "#8a5a00")))
            item.setToolTip(str(problem))
            self.addItem(item)

    def _go(self, item: QListWidgetItem) -> None:
        place = item.data(PlaceRole)
        if place is not None:
            self.goto.emit(place)
