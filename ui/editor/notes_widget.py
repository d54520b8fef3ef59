"""附注: the text blocks an imported form carried beside its table (评价结论, 存在问题, 改进措施,
备注 …), shown and edited, one box each; hidden when the project has none."""
from __future__ import annotations

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QGroupBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ui.editor.controller import ProjectController


class NotesWidget(QGroupBox):
    def __init__(self, controller: ProjectController, parent: QWidget | None = None) -> None:
        super().__init__("附注（导入的表中表格以外的内容）", parent)
        self.c = controller
        self.edits: list[QPlainTextEdit] = []
        self._titles: list[str] = []
        QVBoxLayout(self)
        controller.reset.connect(self.refresh)
        controller.fieldsChanged.connect(lambda kind, _i: self.refresh() if kind == "project" else None)
        self.refresh()

    def refresh(self) -> None:
        notes = self.c.project.notes
        self.setVisible(bool(notes))
        if [n.title for n in notes] != self._titles:
            self._rebuild()
        for edit, note in zip(self.edits, notes):
            if edit.toPlainText() != note.text:
                with QSignalBlocker(edit):
                    edit.setPlainText(note.text)

    def _rebuild(self) -> None:
        layout = self.layout()
        while layout.count():
            item = layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.edits, self._titles = [], [n.title for n in self.c.project.notes]
        for i, note in enumerate(self.c.project.notes):
            layout.addWidget(QLabel(note.title + "：", self))
            edit = QPlainTextEdit(self)
            edit.setObjectName(f"note{i}")
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(48)
            edit.setPlainText(note.text)
            edit.textChanged.connect(lambda i=i, e=edit: self.c.set_note_text(i, e.toPlainText()))
            layout.addWidget(edit)
            self.edits.append(edit)
