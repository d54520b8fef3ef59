"""Undoable edits: each stores what it needs to put the project back (git-cola's habit)."""
from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from model import Indicator
from model.fields import field_label
_TYPING_ID = 1001


class SetFields(QUndoCommand):
    """One edit of one cell; keystrokes typed into the same cell merge into one command."""

    def __init__(self, controller, target, field: str, before: dict, after: dict, typing: bool) -> None:
        super().__init__(f"修改{field_label(field, target[0])}")
        self.controller, self.target, self.field = controller, target, field
        self.before, self.after, self.typing = before, after, typing

    def id(self) -> int:
        return _TYPING_ID if self.typing else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, SetFields) and other.typing and other.target == self.target
                and other.field == self.field):
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        self.controller._apply_fields(self.target, self.after)

    def undo(self) -> None:
        self.controller._apply_fields(self.target, self.before)


class InsertIndicators(QUndoCommand):
    def __init__(self, controller, index: int, indicators: list[Indicator], text: str) -> None:
        super().__init__(text)
        self.controller, self.index = controller, index
        self.indicators = [i.model_copy(deep=True) for i in indicators]

    def redo(self) -> None:
        self.controller._insert(self.index, [i.model_copy(deep=True) for i in self.indicators])

    def undo(self) -> None:
        self.controller._remove(self.index, len(self.indicators))


class ReplaceIndicators(QUndoCommand):
    """Rows replaced, and added after them, in one change: a paste of 1,000 rows is one step
    and one update of the views, not 8,000 cell edits each scoring the whole project."""

    def __init__(self, controller, index: int, before: list[Indicator], after: list[Indicator],
                 text: str) -> None:
        super().__init__(text)
        self.controller, self.index = controller, index
        # shallow copies suffice: an edit replaces a field (and `unreadable`), never mutates it
        self.before = [i.model_copy() for i in before]
        self.after = after

    def redo(self) -> None:
        self.controller._splice(self.index, len(self.before), [i.model_copy() for i in self.after])

    def undo(self) -> None:
        self.controller._splice(self.index, len(self.after), [i.model_copy() for i in self.before])


class RemoveIndicators(QUndoCommand):
    def __init__(self, controller, rows: list[int]) -> None:
        super().__init__(f"删除 {len(rows)} 个指标")
        self.controller, self.rows = controller, rows
        self.removed: list[tuple[int, Indicator]] = []

    def redo(self) -> None:
        self.removed = []
        for row in reversed(self.rows):
            self.removed.append((row, self.controller._remove(row, 1)[0]))

    def undo(self) -> None:
        for row, ind in reversed(self.removed):
            self.controller._insert(row, [ind])


class MoveIndicator(QUndoCommand):
    def __init__(self, controller, row: int, to: int) -> None:
        super().__init__("移动指标")
        self.controller, self.row, self.to = controller, row, to

    def redo(self) -> None:
        self.controller._move(self.row, self.to)

    def undo(self) -> None:
        self.controller._move(self.to, self.row)


class Marker(QUndoCommand):
    """A step that changes nothing but leaves the document modified (recovered work)."""

