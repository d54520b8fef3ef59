"""The 项目绩效自评汇总表 of a unit: one row per project, the 合计, grades counted, mean score.

Plain data that the Word and Excel writers and the window all show, so they agree figure for figure.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from model.fields import AMOUNT_LABELS, HEADER_LABELS
from model.numbers import percent, plain, round_half_up, score_text
from model.problems import Severity
from model.unit import Unit, UnitEntry, UnitTotals, unit_totals

TITLE = "项目绩效自评汇总表"
COLUMNS = ("序号", HEADER_LABELS["name"], HEADER_LABELS["implementer"],
           f"{AMOUNT_LABELS['annual_budget']}（万元）", f"{AMOUNT_LABELS['executed']}（万元）", "执行率", "自评得分",
           "等级", "主要问题")
TOTAL_LABEL = "合计"


@dataclass(frozen=True)
class SummaryRow:
    number: int  # 序号, from 1
    name: str
    implementer: str
    annual_budget: Decimal | None  # of 年度资金总额
    executed: Decimal | None
    execution_rate: Decimal | None
    score: Decimal | None  # 总分; None when the file cannot be read
    grade: str
    main_problem: str
    path: Path

    def texts(self) -> list[str]:
        """The row as printed, column for column with COLUMNS."""
        return [str(self.number), self.name, self.implementer, amount_text(self.annual_budget),
                amount_text(self.executed), rate_text(self.execution_rate),
                "" if self.score is None else score_text(self.score), self.grade, self.main_problem]


@dataclass(frozen=True)
class Summary:
    title: str
    year_line: str  # '（2024年度）', or blank when the projects' years differ or are missing
    rows: list[SummaryRow]
    totals: UnitTotals

    def total_texts(self) -> list[str]:
        t = self.totals
        return ["", TOTAL_LABEL, f"{self.readable}个项目", amount_text(t.annual_budget),
                amount_text(t.executed), rate_text(t.execution_rate),
                "" if t.mean_score is None else f"平均 {mean_text(t.mean_score)}", "", ""]

    @property
    def readable(self) -> int:
        return self.totals.projects - self.totals.unreadable

    def grade_line(self) -> str:
        """'优 10 个，良 2 个，中 0 个，差 0 个；平均得分 95.5；1 个文件无法读取'."""
        t = self.totals
        parts = ["，".join(f"{g} {n} 个" for g, n in t.grade_counts.items())]
        if t.mean_score is not None:
            parts.append(f"平均得分 {mean_text(t.mean_score)}")
        if t.unreadable:
            parts.append(f"{t.unreadable} 个文件无法读取")
        return f"共 {t.projects} 个项目：" + "；".join(parts)


def amount_text(value: Decimal | None) -> str:
    return "" if value is None else plain(value)


def rate_text(value: Decimal | None) -> str:
    return "" if value is None else percent(value)


def mean_text(value: Decimal) -> str:
    return plain(round_half_up(value, 2))


def main_problem(entry: UnitEntry) -> str:
    """The first error of the form, else the 偏差原因 of the indicator that lost most of its 分值
    (or the 执行率 when the budget score lost a larger share)."""
    if entry.project is None:
        return entry.error or "无法读取"
    for p in entry.problems:
        if p.severity == Severity.ERROR:
            return f"{p.place.label()}：{p.message}"
    assert entry.evaluation is not None
    weakest, lost = None, Decimal(0)
    for ind, score in zip(entry.project.indicators, entry.evaluation.indicators):
        if ind.weight is None or score.value is None or ind.weight <= 0:
            continue
        share_lost = (ind.weight - score.value) / ind.weight
        if share_lost > lost:
            weakest, lost = ind, share_lost
    budget, weight = entry.evaluation.budget.value, entry.project.budget_weight
    if budget is not None and weight and weight > 0 and (weight - budget) / weight > lost:
        rate = entry.evaluation.rates[entry.project.total_funds.kind]
        return f"预算执行率 {rate_text(rate) or '—'}，得分 {score_text(budget)}（分值 {plain(weight)}）"
    if weakest is None:
        return ""
    name = weakest.name.strip() or weakest.level2.strip() or "指标"
    return weakest.deviation.strip() or f"{name}未完全达成，未填写偏差原因"


def summary_row(number: int, entry: UnitEntry) -> SummaryRow:
    p, ev = entry.project, entry.evaluation
    if p is None or ev is None:
        return SummaryRow(number, entry.name, "", None, None, None, None, "", main_problem(entry), entry.path)
    total = p.total_funds
    return SummaryRow(number, entry.name, p.implementer.strip(), total.annual_budget, total.executed,
                      ev.rates[total.kind], ev.total, ev.grade, main_problem(entry), entry.path)


def build_summary(unit: Unit | list[UnitEntry]) -> Summary:
    entries = unit.entries if isinstance(unit, Unit) else list(unit)
    years = {e.project.year for e in entries if e.project is not None}
    year = next(iter(years)) if len(years) == 1 else None
    return Summary(TITLE, f"（{year}年度）" if year else "",
                   [summary_row(i, e) for i, e in enumerate(entries, 1)], unit_totals(entries))
