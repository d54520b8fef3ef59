"""The one object widgets talk to: it owns the project, its file and the undo stack.

Every edit goes through a QUndoCommand (ui/editor/commands.py) that calls back into the `_apply…`
methods here; each of them changes the project, then announces what changed so the views
update, and the project is evaluated again (model.evaluate: under a millisecond).
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from importers import accepted, is_form_file, read_readings
from model import Evaluation, Indicator, Problem, Project, check, evaluate, load_profile
from model.failures import ClerkError
from model.fields import Section
from model.file_stamp import FileStamp
from model.files import same_file
from model.scoring import indicator_score
from model.project_file import load_project_noting_hidden, save_project

from ui.editor import commands as cmd


class FileChangedOnDisk(Exception):
    """The project's file was changed by someone else since this window opened or saved it."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"文件 {path} 在打开后已被其他窗口或程序修改")
        self.path = path


class EditTarget(StrEnum):
    """What an edit changes: the project's own fields, a 项目资金 row or an indicator."""

    PROJECT = "project"
    FUNDS = "funds"
    INDICATOR = "indicator"


# an edit's subject: (PROJECT, None), (FUNDS, index) or (INDICATOR, index)
Target = tuple[EditTarget, "int | None"]


class ProjectController(QObject):
    reset = Signal()  # a whole new project (new, open, recover)
    fieldsChanged = Signal(str, object)  # target kind, index: header/goal/funds/indicator fields
    indicatorsInserting = Signal(int, int)  # first, count
    indicatorsInserted = Signal()
    indicatorsRemoving = Signal(int, int)
    indicatorsRemoved = Signal()
    indicatorsMoving = Signal(int, int)  # from, to (the index it will have)
    indicatorsMoved = Signal()
    indicatorsChanged = Signal(int, int)  # first, last: rows whose cells were replaced at once
    evaluated = Signal()  # evaluation and problems are new
    structureChanged = Signal()  # rows added, removed or moved: worth an autosave
    pathChanged = Signal()

    def __init__(self, project: Project | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.project = project or Project()
        self.hidden_on_open: list[str] = []  # where the opened project file's invisible characters were
        self.path: Path | None = None
        self.disk: FileStamp | None = None  # self.path as last read or written here
        self.evaluation: Evaluation = evaluate(self.project)
        self._scored_profile = ""  # the profile self.evaluation was computed under
        self.problems: list[Problem] = []
        # a new project's skeleton rows the clerk has not reached yet (by id): their problems
        # wait, and they are listed as 待填写 rather than as errors (pending: their rows now)
        self.untouched: set[int] = _blank_rows(self.project) if project is not None else set()
        self.pending: list[int] = []
        self._evaluate()

    # --- whole project -------------------------------------------------------------------------
    def set_project(self, project: Project, path: Path | None = None, clean: bool = True) -> None:
        self.project = project
        self.path = path
        # a new project (no file, nothing to recover): its blank rows are the skeleton to fill
        self.untouched = _blank_rows(project) if path is None and clean else set()
        self.stamp_disk()
        self.undo_stack.clear()
        self._evaluate()
        self.reset.emit()
        self.pathChanged.emit()
        if not clean:
            self.undo_stack.resetClean()  # keep it marked modified: recovered work is unsaved
            self.undo_stack.push(cmd.Marker("恢复的内容"))

    def open(self, path: str | Path, choose=None, review=None) -> bool:
        """Open a project file or a filled .docx/.xlsx form (which becomes an unsaved project).
        A file holding several forms asks choose(forms) for the index of the one to open (the
        first without it); a form whose reading has something to say (rows left out, what was
        inferred, warnings) is shown to review(reading) first, which may decline it. False when
        the clerk chose none. A layout not recognised raises UnknownLayout (a NotAForm)."""
        path = Path(path)
        self.hidden_on_open = []
        if is_form_file(path):
            readings = accepted(path, read_readings(path))
            forms = [r.project for r in readings]
            index = choose(forms) if choose is not None and len(forms) > 1 else 0
            if index is None:
                return False
            reading = readings[index]
            if review is not None and (reading.left_out or reading.inferred or reading.warnings) \
                    and not review(reading):
                return False
            self.set_project(forms[index], None, clean=False)
        else:
            project, self.hidden_on_open = load_project_noting_hidden(path)
            self.set_project(project, path)
        return True

    def stamp_disk(self, stamp: FileStamp | None = None) -> None:
        """Remember the file as it is now (or as a crashed window last knew it: stamp)."""
        self.disk = stamp if stamp is not None else (FileStamp.of(self.path) if self.path else None)

    def changed_on_disk(self, target: Path | None = None) -> bool:
        """True when saving to target would drop changes someone else made to our file."""
        target = target or self.path
        if target is None or self.path is None or not same_file(target, self.path):
            return False  # a new name: the save dialog asked before replacing anything there
        if self.disk is None:
            return target.exists()  # we never saw what is there now
        return self.disk.changed(target)

    def save(self, path: str | Path | None = None, overwrite: bool = False) -> None:
        """Save to path (or the project's own file); FileChangedOnDisk unless overwrite."""
        target = Path(path) if path else self.path
        if target is None:
            raise ClerkError("没有文件名")
        if not overwrite and self.changed_on_disk(target):
            raise FileChangedOnDisk(target)
        save_project(self.project, target)
        self.path = target
        self.stamp_disk()
        self.undo_stack.setClean()
        self.pathChanged.emit()

    # --- edits (each one undoable command) -----------------------------------------------------
    def set_field(self, target: Target, field: str, value, typing: bool = False) -> None:
        """Set one field as typed: number cells take text and keep it when unreadable."""
        change = self._change(target, field, value)
        if change is not None:
            self.undo_stack.push(cmd.SetFields(self, target, field, *change, typing))

    def set_fields(self, edits: list[tuple[Target, str, object]], text: str) -> None:
        """Several cells as one undo step (clearing a selection, reverting hand scores);
        nothing at all on the stack when no cell changes."""
        changes = [(t, f, c) for t, f, v in edits if (c := self._change(t, f, v)) is not None]
        if not changes:
            return
        with self.macro(text):
            for target, field, (before, after) in changes:
                self.undo_stack.push(cmd.SetFields(self, target, field, before, after, False))

    def set_note_text(self, index: int, text: str, typing: bool = True) -> None:
        """One note's text as typed (评价结论, 存在问题 … kept from an imported form): undoable."""
        notes = self.project.notes
        if not 0 <= index < len(notes) or notes[index].text == text:
            return
        after = [n.model_copy() for n in notes]
        after[index] = after[index].model_copy(update={"text": text})
        self.undo_stack.push(cmd.SetFields(self, (EditTarget.PROJECT, None), "notes",
                                           {"notes": list(notes)}, {"notes": after}, typing))

    def revert_scores(self, rows: list[int]) -> None:
        """Hand scores of these rows back to the rule, as one step."""
        self.set_fields([((EditTarget.INDICATOR, r), "hand_score", "") for r in rows], "恢复按规则计分")

    @contextmanager
    def macro(self, text: str) -> Iterator[None]:
        """The one place an undo macro opens: it is closed even when an edit inside fails."""
        self.undo_stack.beginMacro(text)
        try:
            yield
        finally:
            self.undo_stack.endMacro()

    def _change(self, target: Target, field: str, value) -> tuple[dict, dict] | None:
        """(before, after) of setting field as typed, or None when it would store the same."""
        obj = self._object(target)
        before = _fields_state(obj, field)
        # a shallow copy suffices: set_typed replaces the field and `unreadable`, never mutates
        # them, so a header keystroke does not copy the whole project with its indicators
        probe = obj.model_copy()
        probe.set_typed(field, None if value is None else str(value))
        after = _fields_state(probe, field)
        return None if before == after else (before, after)

    def insert_indicators(self, index: int, indicators: list[Indicator], text: str = "插入指标") -> None:
        self.undo_stack.push(cmd.InsertIndicators(self, index, indicators, text))

    def remove_indicators(self, rows: list[int]) -> None:
        if rows:
            self.undo_stack.push(cmd.RemoveIndicators(self, sorted(set(rows))))

    def move_indicator(self, row: int, to: int) -> None:
        if 0 <= row < len(self.project.indicators) and 0 <= to < len(self.project.indicators) and row != to:
            self.undo_stack.push(cmd.MoveIndicator(self, row, to))

    def paste_block(self, row: int, col_fields: list[str], block: list[list[str]]) -> None:
        """Paste a block of text cells at row under the given fields, adding rows as needed:
        one undo step, one structural change and one evaluation however many rows it holds."""
        inds = self.project.indicators
        row = min(max(row, 0), len(inds))
        before = inds[row:row + len(block)]
        after = []
        for r, values in enumerate(block):
            ind = before[r].model_copy() if r < len(before) else Indicator()
            for field, value in zip(col_fields, values):
                ind.set_typed(field, value)
            after.append(ind)
        if after != before:
            self.undo_stack.push(cmd.ReplaceIndicators(self, row, before, after, "粘贴"))

    # --- called by the commands ----------------------------------------------------------------
    def _object(self, target: Target):
        kind, index = target
        if kind == EditTarget.PROJECT:
            return self.project
        if kind == EditTarget.FUNDS:
            return self.project.funds[index]
        if kind == EditTarget.INDICATOR:
            return self.project.indicators[index]
        raise ValueError(f"unknown edit target {kind!r}")

    def _apply_fields(self, target: Target, state: dict) -> None:
        obj = self._object(target)
        for name, value in state.items():
            setattr(obj, name, value)
        self.fieldsChanged.emit(target[0], target[1])
        self._evaluate(changed=target)

    # rows change between the views' begin… and end… calls, and the evaluation with them, so a
    # view that asks for a new row's score in between finds it
    def _insert(self, index: int, indicators: list[Indicator]) -> None:
        self.indicatorsInserting.emit(index, len(indicators))
        self.project.indicators[index:index] = indicators
        self._evaluate(announce=False)
        self.indicatorsInserted.emit()
        self._structure()

    def _remove(self, index: int, count: int) -> list[Indicator]:
        self.indicatorsRemoving.emit(index, count)
        removed = self.project.indicators[index:index + count]
        del self.project.indicators[index:index + count]
        self._evaluate(announce=False)
        self.indicatorsRemoved.emit()
        self._structure()
        return removed

    def _splice(self, index: int, count: int, new: list[Indicator]) -> None:
        """count rows at index become new ones: at most one insertion or removal, one repaint
        of the rows in common and one evaluation, so a paste is linear in its rows."""
        inds = self.project.indicators
        common = min(count, len(new))
        if len(new) > count:
            self.indicatorsInserting.emit(index + count, len(new) - count)
        elif len(new) < count:
            self.indicatorsRemoving.emit(index + len(new), count - len(new))
        inds[index:index + count] = new
        self._evaluate(announce=False)
        if len(new) > count:
            self.indicatorsInserted.emit()
        elif len(new) < count:
            self.indicatorsRemoved.emit()
        if common:
            self.indicatorsChanged.emit(index, index + common - 1)
        self._structure()

    def _move(self, row: int, to: int) -> None:
        self.indicatorsMoving.emit(row, to)
        inds = self.project.indicators
        inds.insert(to, inds.pop(row))
        self._evaluate(announce=False)
        self.indicatorsMoved.emit()
        self._structure()

    def _structure(self) -> None:
        self.evaluated.emit()
        self.structureChanged.emit()

    def rescore(self) -> None:
        """Evaluate again after a change made outside the undo stack (a dialog's rule profile)."""
        self._evaluate()

    def _evaluate(self, announce: bool = True, changed: Target | None = None) -> None:
        """Evaluate the project again. After an edit of one cell (changed), only that
        indicator's score is computed again: the others depend on their own row and the
        profile alone, and a keystroke must repaint within a frame with 100 indicators."""
        profile = load_profile(self.project.profile)
        scores = None
        old = self.evaluation.indicators
        if (changed is not None and self._scored_profile == self.project.profile
                and len(old) == len(self.project.indicators)):
            scores = list(old)
            if changed[0] == EditTarget.INDICATOR:
                scores[changed[1]] = indicator_score(self.project.indicators[changed[1]], profile)
        self.evaluation = evaluate(self.project, profile, scores)
        self._scored_profile = self.project.profile
        problems = check(self.project, self.evaluation, profile)
        self.pending = []
        if self.untouched:
            inds = self.project.indicators
            self.pending = [i for i, ind in enumerate(inds) if id(ind) in self.untouched and _blank(ind)]
            self.untouched = {id(inds[i]) for i in self.pending}
            waiting = set(self.pending)
            problems = [p for p in problems if not (p.place.section == Section.INDICATOR and p.place.row in waiting)]
        self.problems = problems
        if announce:
            self.evaluated.emit()

    def await_skeleton(self) -> None:
        """The project was just made from the skeleton (the overview's 新建 saves it at once): its
        blank rows wait to be reached, as after the editor's 新建."""
        self.untouched = _blank_rows(self.project)
        self._evaluate()

    def reach_indicator(self, row: int) -> None:
        """The clerk reached a row: from now on its problems are shown as they are."""
        inds = self.project.indicators
        if 0 <= row < len(inds) and id(inds[row]) in self.untouched:
            self.untouched.discard(id(inds[row]))
            self._evaluate()


def _blank(ind: Indicator) -> bool:
    """A row nothing was typed in beyond the skeleton's groups and 分值."""
    return not (ind.name.strip() or ind.target.strip() or ind.actual.strip() or ind.deviation.strip()
                or ind.hand_score is not None or ind.unreadable)


def _blank_rows(project: Project) -> set[int]:
    return {id(ind) for ind in project.indicators if _blank(ind)}



def _fields_state(obj, field: str) -> dict:
    """What an edit of field can change: the field and the text kept for unreadable numbers."""
    return {field: getattr(obj, field), "unreadable": dict(obj.unreadable)}
