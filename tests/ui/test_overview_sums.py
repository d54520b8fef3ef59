"""The overview's money totals say what they add up: — where no project gives the figure, and
how many left it blank where the sum is partial."""
from __future__ import annotations

from pathlib import Path

from model import FundsKind, Project
from model.unit import UnitEntry, unit_totals
from ui.overview.window import _sum_text


def _entry(budget: str | None, executed: str | None) -> UnitEntry:
    p = Project(year=2024, name="项目")
    row = p.funds_row(FundsKind.TOTAL)
    row.set_amount("annual_budget", budget)
    row.set_amount("executed", executed)
    return UnitEntry(Path("x.zpb.json"), p)


def test_sum_of_none_is_a_dash_and_a_partial_sum_says_so():
    t = unit_totals([_entry(None, "3"), _entry(None, None)])
    assert _sum_text("全年预算数", t, "annual_budget") == "全年预算数合计 —（均未填）"
    assert _sum_text("全年执行数", t, "executed") == "全年执行数合计 3 万元（另有 1 个项目未填）"
    whole = unit_totals([_entry("10", "9"), _entry("5", "5")])
    assert _sum_text("全年预算数", whole, "annual_budget") == "全年预算数合计 15 万元"
