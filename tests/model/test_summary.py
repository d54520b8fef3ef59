"""The 汇总表: rows from the unit's entries, the 合计 and the overall rate from the sums."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from model import FundsKind, evaluate
from model.unit.summary import build_summary, main_problem
from model.unit import UnitEntry
from tests.helpers import reference_project
from tests.conftest import REFERENCE_IDS


def _entries() -> list[UnitEntry]:
    return [UnitEntry(Path(f"{i}.zpb.json"), reference_project(i)) for i in REFERENCE_IDS]


def test_rows_and_totals_of_the_reference_forms():
    entries = _entries()
    s = build_summary(entries)
    assert [r.number for r in s.rows] == list(range(1, len(entries) + 1))
    budget = sum(e.project.total_funds.annual_budget or 0 for e in entries)
    executed = sum(e.project.total_funds.executed or 0 for e in entries)
    assert s.totals.annual_budget == budget and s.totals.executed == executed
    assert s.totals.execution_rate == executed / budget
    first = s.rows[0]
    ev = evaluate(entries[0].project)
    assert first.score == ev.total and first.grade == ev.grade
    assert first.texts()[5] == ev.rate_text(FundsKind.TOTAL)
    assert s.total_texts()[1] == "合计" and s.total_texts()[5].endswith("%")
    assert sum(s.totals.grade_counts.values()) == len(entries)
    assert s.grade_line().startswith(f"共 {len(entries)} 个项目：优 ")


def test_main_problem_is_the_first_error_else_the_weakest_indicators_deviation():
    project = reference_project(REFERENCE_IDS[0])
    entry = UnitEntry(Path("x"), project)
    ind = project.indicators[1]
    ind.hand_score = Decimal(0)
    ind.deviation = "受疫情影响，活动延期"
    entry.replace(project)
    assert main_problem(entry) == "受疫情影响，活动延期"
    ind.deviation = ""
    entry.replace(project)
    assert main_problem(entry).startswith("绩效指标第 2 行")  # a missing reason is itself an error
    project.name = ""
    entry.replace(project)
    assert main_problem(entry) == "表头·项目名称：未填写项目名称"


def test_an_unreadable_file_is_a_row_with_its_reason_and_no_figures():
    s = build_summary([UnitEntry(Path("坏.zpb.json"), None, "文件 坏.zpb.json 不是有效的项目文件")])
    row = s.rows[0]
    assert row.name == "坏" and row.score is None and "不是有效" in row.main_problem
    assert s.totals.execution_rate is None and "1 个文件无法读取" in s.grade_line()
    assert s.year_line == ""


def test_main_problem_names_the_execution_rate_when_the_budget_lost_most():
    project = reference_project(REFERENCE_IDS[0])
    for row in project.funds:  # half of every budget spent: the parts still add up
        if row.annual_budget is not None:
            row.set_amount("executed", str(row.annual_budget / 2))
    entry = UnitEntry(Path("x"), project)
    assert main_problem(entry).startswith("预算执行率 50.00%，得分 ")
