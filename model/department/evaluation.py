"""The department's figures: rates from its budget, scores of its indicators, its folder's projects.

Indicators are scored by the very rules and profiles of a project's (model.scoring): the
department is scored as a project whose funds are the department's 合计 row.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from model.department import BudgetKind, Department
from model.numbers import round_half_up
from model.profiles import RuleProfile, load_profile
from model.project import FundsKind, Project
from model.unit import ProjectsSum, projects_sum
from model.scoring import (Evaluation, Score, evaluate, grade_of, partial_text, total_text, weight_sum_text,
                           weight_sum_words)

ZERO, HUNDRED = Decimal(0), Decimal(100)
BELOW = Decimal(90)  # projects below this are named in the report with their first problem
VARIANCE_BASE_LABELS = {"initial": "年初预算数", "annual": "全年预算数"}


@dataclass(frozen=True)
class LowProject:
    name: str
    total: Decimal
    reason: str  # the 偏差原因 the clerk wrote; "" where none is written (the report leaves a place)


@dataclass(frozen=True)
class FolderSummary:
    """What the unit's project tables say, for 评价得分情况."""

    count: int
    scored: int  # projects with every score there
    grades: dict[str, int]  # 优/良/中/差 -> how many scored projects
    mean: Decimal | None
    lowest: tuple[str, Decimal] | None
    budget: ProjectsSum  # Σ 全年预算数, and how many projects give it (partial where some do not)
    low: list[LowProject] = field(default_factory=list)

    @property
    def all_full(self) -> bool:
        return self.count > 0 and self.scored == self.count and self.lowest is not None \
            and self.lowest[1] >= HUNDRED


@dataclass(frozen=True)
class DepartmentFigures:
    rates: dict[BudgetKind, Decimal | None]  # 预算执行率 of each row (合计: the department's)
    carryover_rate: Decimal | None  # 结转结余率 = 年末结转和结余 ÷ 全年预算数
    variance_rate: Decimal | None  # 部门预决算差异率 = |决算数 − base| ÷ base
    variance_base: str  # 'initial' or 'annual'
    variance_base_amount: Decimal | None
    evaluation: Evaluation  # the indicators scored as a project's
    budget_scored: bool  # the table gives 预算执行率 a 分值
    total: Decimal  # 总分
    weight_sum: Decimal
    weights_missing: int  # 分值 blank or unreadable: the 合计 is 待定
    complete: bool
    grade: str
    folder: FolderSummary | None

    @property
    def execution_rate(self) -> Decimal | None:
        return self.rates[BudgetKind.TOTAL]

    @property
    def indicators(self) -> list[Score]:
        return self.evaluation.indicators

    @property
    def unscored(self) -> int:
        """How many of the department's scores (预算执行率 where it has a 分值, indicators) are missing."""
        budget = [self.evaluation.budget] if self.budget_scored else []
        return sum(s.value is None for s in [*budget, *self.indicators])

    def total_text(self) -> str:
        return total_text(self.total, self.complete)

    def partial_text(self) -> str:
        return partial_text(self.total, self.unscored)

    def weight_sum_text(self) -> str:
        return weight_sum_text(self.weight_sum, self.weights_missing)

    def weight_sum_words(self) -> str:
        return weight_sum_words(self.weight_sum, self.weights_missing)

    def share(self, i: int, weight: Decimal | None) -> Decimal | None:
        """得分率 of indicator i: 得分 ÷ 权重."""
        value = self.indicators[i].value
        return None if value is None or not weight else value / weight


def as_project(dept: Department) -> Project:
    """The department as a project table: its 合计 row as the funds, its indicators, its goal."""
    project = Project(
        district=dept.district, year=dept.year, name=dept.unit_name or "部门整体",
        department=dept.supervisor or dept.unit_name, implementer=dept.unit_name,
        budget_weight=dept.budget_weight, budget_hand_score=dept.budget_hand_score,
        goal=dept.goal, achieved=dept.achieved, indicators=list(dept.indicators), profile=dept.profile)
    total = project.funds_row(FundsKind.TOTAL)
    for name in ("initial_budget", "annual_budget", "executed"):
        setattr(total, name, dept.amount(BudgetKind.TOTAL, name))
    return project


def folder_year(projects: list[Project]) -> int | None:
    """The year most of the folder's projects report (the latest of equals): the department's."""
    years: dict[int, int] = {}
    for project in projects:
        if project.year is not None:
            years[project.year] = years.get(project.year, 0) + 1
    return max(years, key=lambda y: (years[y], y)) if years else None


def ratio(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    if part is None or whole is None or whole == 0:
        return None
    return part / whole


def figures(dept: Department, projects: list[Project] | None = None,
            profile: RuleProfile | None = None) -> DepartmentFigures:
    """Every computed figure of the department; projects are the unit's folder (None: not known)."""
    profile = profile or load_profile(dept.profile)
    rates = {k: ratio(dept.amount(k, "executed"), dept.amount(k, "annual_budget")) for k in BudgetKind}
    annual = dept.amount(BudgetKind.TOTAL, "annual_budget")
    variance_base = dept.variance_base or profile.variance_base
    base_field = "initial_budget" if variance_base == "initial" else "annual_budget"
    base = dept.amount(BudgetKind.TOTAL, base_field)
    variance = None
    if dept.final_accounts is not None:
        variance = ratio(abs(base - dept.final_accounts) if base is not None else None, base)
    ev = evaluate(as_project(dept), profile)
    scored = dept.budget_weight is not None or dept.budget_hand_score is not None
    values = ([ev.budget.value] if scored else []) + [s.value for s in ev.indicators]
    weights = ([dept.budget_weight] if scored else []) + [i.weight for i in dept.indicators]
    total = sum((v for v in values if v is not None), ZERO)
    complete = bool(values) and all(v is not None for v in values)
    return DepartmentFigures(
        rates=rates, carryover_rate=ratio(dept.carryover, annual), variance_rate=variance,
        variance_base=variance_base, variance_base_amount=base, evaluation=ev,
        budget_scored=scored, total=total,
        weight_sum=sum((w for w in weights if w is not None), ZERO),
        weights_missing=sum(w is None for w in weights),
        complete=complete,
        grade=grade_of(total, complete, profile),
        folder=None if projects is None else summarize(projects))


def summarize(projects: list[Project]) -> FolderSummary:
    """Count, grades, mean and lowest of the folder's projects, and those below 90 with why."""
    grades: dict[str, int] = {}
    scored: list[tuple[str, Decimal]] = []
    low: list[LowProject] = []
    for project in projects:
        profile = load_profile(project.profile)
        ev = evaluate(project, profile)
        if not ev.complete:
            continue
        name = project.name.strip() or "（未填项目名称）"
        scored.append((name, ev.total))
        grades[ev.grade] = grades.get(ev.grade, 0) + 1
        if ev.total < BELOW:
            low.append(LowProject(name, ev.total, first_problem(project, ev)))
    order = [name for name, _ in load_profile().grade_bands]
    grades = {g: grades[g] for g in sorted(grades, key=lambda g: order.index(g) if g in order else 99)}
    mean = round_half_up(sum((s for _, s in scored), ZERO) / len(scored), 2) if scored else None
    lowest = min(scored, key=lambda p: p[1]) if scored else None
    low.sort(key=lambda p: p.total)
    return FolderSummary(len(projects), len(scored), grades, mean, lowest,
                         projects_sum(projects, "annual_budget"), low)


def first_problem(project: Project, ev: Evaluation) -> str:
    """Why a project scored low, in the clerk's words: the first 偏差原因 of an indicator below full
    marks (or short of its target); "" when none is written — never the checker's instructions,
    which are for the window, not for a report that is handed in."""
    for ind, score in zip(project.indicators, ev.indicators):
        if score.value is not None and ind.weight is not None and (score.value < ind.weight or score.shortfall):
            if ind.deviation.strip():
                return " ".join(ind.deviation.split()).rstrip("。；;")
    return ""
