"""The 汇总表: rows from the unit's entries, the 合计 and the overall rate from the sums."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from model import FundsKind, evaluate, plain
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
    assert s.totals.sums["annual_budget"].value == budget and s.totals.sums["executed"].value == executed
    assert s.totals.execution_rate == executed / budget
    first = s.rows[0]
    ev = evaluate(entries[0].project)
    assert first.score == ev.total and first.grade == ev.grade
    assert first.texts()[6] == ev.rate_text(FundsKind.TOTAL)
    assert first.texts()[3] == plain(entries[0].project.total_funds.initial_budget)
    assert s.total_texts()[1] == "合计" and s.total_texts()[6].endswith("%")
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
    assert main_problem(entry) == "未填偏差原因"  # a status, never the checker's "请填写…"
    project.name = ""
    entry.replace(project)
    assert main_problem(entry) == "未填偏差原因"  # the form's other errors are the window's business
    ind.hand_score = None
    ind.actual = "（无法判断）"
    entry.replace(project)
    assert not entry.evaluation.complete and main_problem(entry) == "未完成评分"


def test_a_shortfall_that_rounds_to_full_marks_still_wants_its_reason():
    project = reference_project(REFERENCE_IDS[0])
    ind = project.indicators[-1]  # 80% / 95%, 分值 10
    ind.target, ind.actual, ind.deviation = "≥90%", "88%", ""
    entry = UnitEntry(Path("x"), project)
    score = entry.evaluation.indicators[project.indicators.index(ind)]
    assert score.value == ind.weight and score.shortfall
    assert main_problem(entry) == "未填偏差原因"
    ind.deviation = "部分街道\n数据未及时上报"
    entry.replace(project)
    assert main_problem(entry) == "部分街道 数据未及时上报"


def test_an_unreadable_file_is_no_row_and_no_count():
    s = build_summary([UnitEntry(Path("坏.zpb.json"), None, "文件 坏.zpb.json 不是有效的项目文件"),
                       UnitEntry(Path("a.zpb.json"), reference_project(REFERENCE_IDS[0]))])
    assert [r.name for r in s.rows] == [reference_project(REFERENCE_IDS[0]).name.strip()]
    assert s.unreadable_lines() == ["文件 坏.zpb.json 不是有效的项目文件"]
    assert s.grade_line().startswith("共 1 个项目：") and "无法读取" not in s.grade_line()
    assert s.total_texts()[2] == "1个项目" and s.totals.projects == 1
    assert build_summary([]).year_line == ""


def test_main_problem_names_the_execution_rate_when_the_budget_lost_most():
    project = reference_project(REFERENCE_IDS[0])
    for row in project.funds:  # half of every budget spent: the parts still add up
        if row.annual_budget is not None:
            row.set_amount("executed", str(row.annual_budget / 2))
    entry = UnitEntry(Path("x"), project)
    assert main_problem(entry).startswith("预算执行率 50.00%，得分 ")
