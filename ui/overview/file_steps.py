"""The overview's file actions as undoable steps (编辑 → 撤销, Ctrl+Z), as in a file manager.

A rename is undone by renaming back (and redone); a project made by 新建 or 导入 is undone by
moving its file to the trash, only while it is as it was made (nobody typed into it since) and
no window has it open. What cannot be undone is said before anything moves: a QUndoCommand's
undo cannot refuse once the stack has called it, so each step says first why it would not.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QUndoCommand

from model.file_stamp import FileStamp
from model.files import same_file
from model.project_file import file_stem


class Renamed(QUndoCommand):
    def __init__(self, window, old: Path, new: Path) -> None:
        super().__init__(f"重命名 {old.name}")
        self.window, self.old, self.new = window, old, new
        self._done = True  # pushed after the rename itself

    def _refusal(self, here: Path, there: Path) -> str | None:
        if not here.exists():
            return f"{here.name} 已不在文件夹中"
        if self.window.editor_of(here) is not None:
            return f"{here.name} 正在编辑，请先关闭它的窗口"
        if there.exists() and not same_file(there, here):
            return f"文件夹中已有 {there.name}"
        return None

    def undo_refusal(self) -> str | None:
        return self._refusal(self.new, self.old)

    def redo_refusal(self) -> str | None:
        return self._refusal(self.old, self.new)

    def undo(self) -> None:
        _said(self.window, "无法撤销", lambda: self.window.folder.rename(self.new, file_stem(self.old)))

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        _said(self.window, "无法重做", lambda: self.window.folder.rename(self.old, file_stem(self.new)))


class Added(QUndoCommand):
    """Projects made by 新建 or 导入: undone into the trash, and then gone from the stack."""

    def __init__(self, window, paths: list[Path], text: str) -> None:
        super().__init__(text)
        self.window = window
        self.made = [(p, FileStamp.of(p)) for p in paths]

    def undo_refusal(self) -> str | None:
        for path, stamp in self.made:
            if not path.exists():
                continue  # already moved away: nothing of it to undo
            if self.window.editor_of(path) is not None:
                return f"{path.name} 正在编辑，请先关闭它的窗口"
            now = FileStamp.of(path)
            if stamp is None or now is None or now.sha256 != stamp.sha256:
                return f"{path.name} 新建后已经修改过，撤销不会把它移到回收站；不需要时请用“移到回收站”"
        return None

    def redo_refusal(self) -> str | None:
        return "移到回收站的项目不能重做；需要时可以从回收站还原"

    def undo(self) -> None:
        refused = [p.name for p, _s in self.made if p.exists() and not self.window.folder.move_to_trash(p)]
        if refused:
            self.window.interaction.error("无法撤销", "以下文件没有移到回收站（系统没有可用的回收站，或文件正被占用），"
                                          "文件仍在原处：\n" + "\n".join(refused))
        self.setObsolete(True)  # no redo: a file in the trash is restored from the trash

    def redo(self) -> None:
        pass  # pushed after the files were made


def _said(window, title: str, step) -> None:
    """Run a step the stack calls: a failure between the check and the move (a file taken
    meanwhile) is said, never a traceback lost inside Qt."""
    from ui.common.interaction import describe_failure
    try:
        step()
    except Exception as exc:  # noqa: BLE001 - said through the Interaction seam
        window.interaction.error(title, describe_failure(exc))
