"""The 项目绩效自评汇总表 of a unit: one row per project, the 合计, grades counted, mean score.

Plain data that the Word and Excel writers and the window all show, so they agree figure for figure.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from model.fields import AMOUNT_LABELS, HEADER_LABELS
from model.numbers import percent, plain, round_half_up, score_text
from model.scoring import PENDING
from model.unit import RATE_BASIS, SUMMED, Unit, UnitEntry, UnitTotals, unit_totals

TITLE = "项目绩效自评汇总表"
COLUMNS = ("序号", HEADER_LABELS["name"], HEADER_LABELS["implementer"],
           f"{AMOUNT_LABELS['initial_budget']}\n（万元）", f"{AMOUNT_LABELS['annual_budget']}\n（万元）",
           f"{AMOUNT_LABELS['executed']}\n（万元）", "执行率", "自评\n得分", "等级", "主要问题")
TOTAL_LABEL = "合计"
NOTE = f"注：执行率 = 全年执行数 ÷ 全年预算数；{RATE_BASIS}；自评得分与等级按各项目自评表，等级为“{PENDING}”的项目尚未完成评分，不计入等级统计和平均得分。"

# the short neutral statuses of 主要问题 where the clerk has written nothing
UNFINISHED = "未完成评分"
NO_REASON = "未填偏差原因"


@dataclass(frozen=True)
class SummaryRow:
    number: int  # 序号, from 1
    name: str
    implementer: str
    initial_budget: Decimal | None  # of 年度资金总额
    annual_budget: Decimal | None
    executed: Decimal | None
    execution_rate: Decimal | None
    score: Decimal | None  # 总分; None while the project's scoring is unfinished (等级 待定)
    grade: str
    main_problem: str
    path: Path

    def texts(self) -> list[str]:
        """The row as printed, column for column with COLUMNS."""
        return [str(self.number), self.name, self.implementer, amount_text(self.initial_budget),
                amount_text(self.annual_budget), amount_text(self.executed), rate_text(self.execution_rate),
                PENDING if self.score is None else score_text(self.score), self.grade, self.main_problem]


@dataclass(frozen=True)
class Summary:
    """The table as handed in: a row per project that could be read; files that could not be read
    are in `unreadable`, for the command line's stderr and the window, never in the table."""

    title: str
    year_line: str  # '（2024年度）', or blank when the projects' years differ or are missing
    rows: list[SummaryRow]
    totals: UnitTotals  # over the rows
    unreadable: list[UnitEntry] = field(default_factory=list)

    def total_texts(self) -> list[str]:
        t = self.totals
        # a sum that leaves out projects without the figure says so: '150.5\n（另有 1 个项目未填）'
        sums = [t.sums[name].text(sep="\n") for name in SUMMED]
        return ["", TOTAL_LABEL, f"{len(self.rows)}个项目", *sums, t.rate_text(sep="\n"),
                "" if t.mean_score is None else f"平均 {mean_text(t.mean_score)}", "", ""]

    @property
    def readable(self) -> int:
        return len(self.rows)

    def grade_line(self) -> str:
        """'共 12 个项目：优 9 个，良 1 个，中 0 个，差 0 个，另有 2 个项目尚未完成评分；平均得分 95.5（按已完成评分的 10 个项目计）'."""
        t = self.totals
        counts = "，".join(f"{g} {n} 个" for g, n in t.grade_counts.items())
        if t.unfinished:
            counts += f"，另有 {t.unfinished} 个项目尚未完成评分"
        line = f"共 {len(self.rows)} 个项目：{counts}"
        if t.mean_score is not None:
            line += f"；平均得分 {mean_text(t.mean_score)}"
            if t.unfinished:
                line += f"（按已完成评分的 {t.graded} 个项目计）"
        return line

    @property
    def author(self) -> str:
        """The unit the table is of: the rows' 实施单位 when they all share one, else none."""
        names = {" ".join(r.implementer.split()) for r in self.rows if r.implementer.strip()}
        return names.pop() if len(names) == 1 else ""

    def unreadable_lines(self) -> list[str]:
        """Why each left-out file could not be read, for stderr or a message box."""
        return [e.error or f"{e.path.name} 无法读取" for e in self.unreadable]


def amount_text(value: Decimal | None) -> str:
    return "" if value is None else plain(value)


def rate_text(value: Decimal | None) -> str:
    return "" if value is None else percent(value)


def mean_text(value: Decimal) -> str:
    return plain(round_half_up(value, 2))


def main_problem(entry: UnitEntry) -> str:
    """What the clerk wrote about the project's weakest point, or a short neutral status — never
    the program's own instructions (a 汇总表 is handed in and read by the finance bureau).

    Unfinished scoring is 未完成评分; else the 偏差原因 of the indicator that lost most of its
    分值 (or the 执行率 when the budget lost a larger share), 未填偏差原因 where it is due and
    missing; else what the form's notes say under 存在问题."""
    project, ev = entry.project, entry.evaluation
    if project is None or ev is None:
        return ""
    if not ev.complete:
        return UNFINISHED
    weakest, lost = None, Decimal(0)
    for ind, score in zip(project.indicators, ev.indicators):
        if ind.weight is None or score.value is None or ind.weight <= 0:
            continue
        share_lost = (ind.weight - score.value) / ind.weight
        if share_lost > lost:
            weakest, lost = ind, share_lost
    budget, weight = ev.budget.value, project.budget_weight
    if budget is not None and weight and weight > 0 and (weight - budget) / weight > lost:
        rate = ev.rates[project.total_funds.kind]
        return f"预算执行率 {rate_text(rate) or '—'}，得分 {score_text(budget)}（分值 {plain(weight)}）"
    if weakest is not None:
        return one_paragraph(weakest.deviation) or NO_REASON
    short = [ind for ind, score in zip(project.indicators, ev.indicators) if score.shortfall]
    if any(not ind.deviation.strip() for ind in short):
        return NO_REASON
    if short:
        return one_paragraph(short[0].deviation)
    return next((one_paragraph(n.text) for n in project.notes if "问题" in n.title and n.text.strip()), "")


def one_paragraph(text: str) -> str:
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


def summary_row(number: int, entry: UnitEntry) -> SummaryRow:
    p, ev = entry.project, entry.evaluation
    assert p is not None and ev is not None, "unreadable files are not rows"
    total = p.total_funds
    return SummaryRow(number, entry.name, p.implementer.strip(), total.initial_budget, total.annual_budget,
                      total.executed, ev.rates[total.kind], ev.total if ev.complete else None, ev.grade,
                      main_problem(entry), entry.path)


def build_summary(unit: Unit | list[UnitEntry]) -> Summary:
    entries = unit.entries if isinstance(unit, Unit) else list(unit)
    readable = [e for e in entries if e.project is not None]
    years = {e.project.year for e in readable if e.project is not None}
    year = next(iter(years)) if len(years) == 1 else None
    return Summary(TITLE, f"（{year}年度）" if year else "",
                   [summary_row(i, e) for i, e in enumerate(readable, 1)], unit_totals(readable),
                   [e for e in entries if e.project is None])
