"""The controller is the only way into the undo stack: macros close, no step is empty, no copy."""
from __future__ import annotations

from pathlib import Path

import pytest

from model import Indicator, Project
from ui.editor.controller import ProjectController

ROOT = Path(__file__).resolve().parents[2]


def _project(n: int = 3) -> Project:
    return Project(name="项目", indicators=[Indicator(name=f"指标{i}", weight=10) for i in range(n)])


def test_a_macro_closes_even_when_an_edit_inside_fails(qtbot):
    c = ProjectController(_project())
    with pytest.raises(IndexError):
        with c.macro("粘贴"):
            c.set_field(("indicator", 0), "target", "≥90%")
            c.set_field(("indicator", 99), "target", "x")
    assert c.undo_stack.canUndo()  # the macro is closed: one step, undoable
    c.undo_stack.undo()
    assert c.project.indicators[0].target == ""
    c.set_field(("project", None), "name", "新名")  # the stack takes new steps again
    assert c.undo_stack.undoText() == "修改项目名称" and c.project.name == "新名"


def test_set_fields_is_one_step_and_none_when_nothing_changes(qtbot):
    c = ProjectController(_project())
    c.set_fields([(("indicator", r), "weight", "") for r in range(3)], "清除单元格")
    assert c.undo_stack.count() == 1 and all(i.weight is None for i in c.project.indicators)
    c.set_fields([(("indicator", r), "weight", "") for r in range(3)], "清除单元格")
    c.revert_scores([0, 1])  # no hand scores: nothing to revert
    assert c.undo_stack.count() == 1
    c.undo_stack.undo()
    assert [i.weight for i in c.project.indicators] == [10, 10, 10]


def test_a_header_keystroke_does_not_copy_the_indicators(qtbot, monkeypatch):
    c = ProjectController(_project(50))

    def refuse(self, memo=None):
        raise AssertionError("an indicator was deep-copied for a header keystroke")
    monkeypatch.setattr(Indicator, "__deepcopy__", refuse)
    c.set_field(("project", None), "name", "项", True)
    c.set_field(("project", None), "name", "项目名", True)
    c.set_field(("project", None), "year", "2025", True)
    assert (c.project.name, c.project.year) == ("项目名", 2025)
    c.undo_stack.undo()
    c.undo_stack.undo()
    assert c.project.name == "项目"


def test_only_the_controller_opens_undo_macros():
    found = [p.relative_to(ROOT).as_posix() for p in (ROOT / "ui").rglob("*.py")
             if "beginMacro" in p.read_text(encoding="utf-8")]
    assert found == ["ui/editor/controller.py"]


def test_scores_kept_between_edits_equal_a_fresh_evaluation(qtbot):
    """The controller recomputes only the edited row's score; the result is the model's own."""
    from model import evaluate
    c = ProjectController(_project(6))
    edits = [(("indicator", 2), "target", "≥90%"), (("indicator", 2), "actual", "80%"),
             (("funds", 0), "annual_budget", "100"), (("funds", 0), "executed", "95"),
             (("indicator", 4), "target", "高中低"), (("indicator", 4), "actual", "中"),
             (("indicator", 4), "hand_score", "7"), (("project", None), "budget_weight", "10"),
             (("project", None), "profile", "财预〔2020〕10号"), (("indicator", 1), "weight", "x")]
    for target, field, value in edits:
        c.set_field(target, field, value)
        assert _seen(c.evaluation) == _seen(evaluate(c.project))
    while c.undo_stack.canUndo():
        c.undo_stack.undo()
        assert _seen(c.evaluation) == _seen(evaluate(c.project))


def _seen(ev) -> tuple:
    """What an evaluation shows (a score's reason is built lazily, so compare its text)."""
    scores = [(s.value, s.rule, s.hand, s.reason, s.kind, s.tier) for s in [ev.budget, *ev.indicators]]
    return scores, ev.total, ev.complete, ev.grade, ev.weight_sum, ev.rates
