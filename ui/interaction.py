"""Every question the program asks the clerk, in one place that tests replace (git-cola's seam)."""
from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

PROJECT_FILTER = "项目文件 (*.zpb.json *.json)"
OPEN_FILTER = "自评表 (*.zpb.json *.json *.docx *.xlsx);;项目文件 (*.zpb.json *.json);;Word/Excel 自评表 (*.docx *.xlsx)"


class Interaction:
    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def error(self, title: str, message: str) -> None:
        QMessageBox.critical(self.parent, title, message)

    def info(self, title: str, message: str) -> None:
        QMessageBox.information(self.parent, title, message)

    def ask_save_changes(self, name: str) -> str:
        """'save', 'discard' or 'cancel'."""
        box = QMessageBox(QMessageBox.Icon.Warning, "保存修改", f"“{name}”有未保存的修改，是否保存？",
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self.parent)
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        return {QMessageBox.StandardButton.Save: "save",
                QMessageBox.StandardButton.Discard: "discard"}.get(QMessageBox.StandardButton(answer), "cancel")

    def ask_recover(self, description: str) -> bool:
        answer = QMessageBox.question(
            self.parent, "恢复未保存的内容",
            f"程序上次没有正常关闭，找到了自动保存的内容：\n{description}\n\n是否恢复？（选“否”将丢弃这份内容）",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
        return answer == QMessageBox.StandardButton.Yes

    def ask_text(self, title: str, label: str, text: str) -> str | None:
        from PySide6.QtWidgets import QInputDialog
        value, ok = QInputDialog.getText(self.parent, title, label, text=text)
        return value if ok else None

    def open_file(self, folder: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self.parent, "打开", folder, OPEN_FILTER)
        return path or None

    def save_file(self, suggested: str, file_filter: str = PROJECT_FILTER, title: str = "另存为") -> str | None:
        path, _ = QFileDialog.getSaveFileName(self.parent, title, suggested, file_filter)
        return path or None
