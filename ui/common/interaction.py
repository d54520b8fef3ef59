"""Every question the program asks the clerk, in one place that tests replace (git-cola's seam)."""
from __future__ import annotations

import traceback
from functools import wraps

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from model.failures import EXPECTED, describe

PROJECT_FILTER = "项目文件 (*.zpb.json *.json)"
OPEN_FILTER = "自评表 (*.zpb.json *.json *.docx *.xlsx);;项目文件 (*.zpb.json *.json);;Word/Excel 自评表 (*.docx *.xlsx)"


def describe_failure(exc: BaseException) -> str:
    """A Chinese message for any failure of a file action (model.failures words the expected
    ones, as the command line does); unexpected ones are also logged."""
    if isinstance(exc, EXPECTED):
        return describe(exc, getattr(exc, "filename", None), "读写")
    log = _log_failure(exc)
    if type(exc).__name__ == "IllegalCharacterError" or "XML compatible" in str(exc):
        return ("内容中有 Word/Excel 无法保存的字符（控制字符、NUL 或残缺的文字编码，常见于从其他程序"
                "粘贴的文字），操作没有完成；窗口中的内容没有丢失。")
    detail = str(exc).splitlines()[0][:200] if str(exc) else ""
    detail = detail.encode("utf-8", "replace").decode("utf-8")
    return (f"出现意外错误，操作没有完成；窗口中的内容没有丢失。\n"
            f"错误：{type(exc).__name__}{('：' + detail) if detail else ''}"
            + (f"\n详细信息已记录在 {log}" if log else ""))


def guarded(title: str):
    """Any failure of a file action (reading, writing, exporting) ends in one Chinese message
    through the Interaction seam, never a crash or a failure seen only in a log."""
    def wrap(fn):
        @wraps(fn)
        def run(self, *args, **kwargs):
            try:
                return fn(self, *args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - the one place every failure is shown
                self.interaction.error(title, describe_failure(exc))
                return None
        return run
    return wrap


def _log_failure(exc: BaseException) -> str | None:
    from ui.common.settings import data_dir
    log = data_dir() / "error.log"
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with open(log, "a", encoding="utf-8", errors="backslashreplace") as fh:
            fh.write("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)) + "\n")
    except OSError:
        return None
    return str(log)


def close_dialogs(window: QWidget) -> bool:
    """Close the window's open dialogs (部门整体 asks about its unsaved figures first); False when
    one stays open: the window must not close and take it down with it."""
    from PySide6.QtWidgets import QDialog
    for dialog in window.findChildren(QDialog):
        if dialog.isVisible() and not dialog.close():
            return False
    return True


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

    def ask_file_changed(self, path: str) -> str:
        """The project's file changed since it was opened: 'overwrite', 'save_as' or 'cancel'."""
        box = QMessageBox(QMessageBox.Icon.Warning, "文件已被修改",
                          f"{path}\n\n这个文件在打开后已被其他窗口或程序修改。直接保存会覆盖对方的修改。",
                          QMessageBox.StandardButton.NoButton, self.parent)
        overwrite = box.addButton("覆盖保存", QMessageBox.ButtonRole.DestructiveRole)
        save_as = box.addButton("另存为…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(save_as)
        box.exec()
        clicked = box.clickedButton()
        return "overwrite" if clicked is overwrite else "save_as" if clicked is save_as else "cancel"

    def ask_recover(self, description: str) -> bool:
        answer = QMessageBox.question(
            self.parent, "恢复未保存的内容",
            f"程序上次没有正常关闭，找到了自动保存的内容：\n{description}\n\n是否恢复？（选“否”将丢弃这份内容）",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
        return answer == QMessageBox.StandardButton.Yes

    def choose(self, title: str, label: str, items: list[str]) -> int | None:
        """The index of the item the clerk picks, None when cancelled."""
        from PySide6.QtWidgets import QInputDialog
        item, ok = QInputDialog.getItem(self.parent, title, label, items, 0, False)
        return items.index(item) if ok and item in items else None

    def ask_text(self, title: str, label: str, text: str) -> str | None:
        from PySide6.QtWidgets import QInputDialog
        value, ok = QInputDialog.getText(self.parent, title, label, text=text)
        return value if ok else None

    def open_file(self, folder: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self.parent, "打开", folder, OPEN_FILTER)
        return path or None

    def choose_folder(self, folder: str, title: str = "选择本单位的项目文件夹") -> str | None:
        path = QFileDialog.getExistingDirectory(self.parent, title, folder)
        return path or None

    def save_file(self, suggested: str, file_filter: str = PROJECT_FILTER, title: str = "另存为") -> str | None:
        path, _ = QFileDialog.getSaveFileName(self.parent, title, suggested, file_filter)
        return path or None

    def open_files(self, folder: str) -> list[str]:
        paths, _ = QFileDialog.getOpenFileNames(self.parent, "导入表格", folder, OPEN_FILTER)
        return list(paths)

    def confirm(self, title: str, message: str) -> bool:
        answer = QMessageBox.question(self.parent, title, message,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes
