"""What keeps the department's table from being signed, and what is worth a look."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from model.department import MONEY_FIELDS, BudgetKind, Department
from model.department.evaluation import VARIANCE_BASE_LABELS, DepartmentFigures, as_project, figures
from model.fields import DEPARTMENT_LABELS as FIELD_LABELS
from model.numbers import plain
from model.fields import Section
from model.problems import Place, Problem, Severity, check, not_a_number, not_an_amount
from model.profiles import load_profile
from model.project import AMOUNT_FIELDS, Project

ZERO = Decimal(0)


class DepartmentSection(StrEnum):
    """Parts of the department's table (the indicators share the project's Section.INDICATOR)."""

    DEPARTMENT = "department"  # its own fields
    BUDGET = "department-budget"  # a row of its budget
    FOLDER = "folder"  # the unit's project folder


@dataclass(frozen=True)
class DepartmentPlace(Place):
    """A place in the department's table."""

    def label(self) -> str:
        if self.section == DepartmentSection.BUDGET and self.row is not None:
            where = f"部门预算·{list(BudgetKind)[self.row].value}"
            return f"{where}·{FIELD_LABELS[self.field]}" if self.field in FIELD_LABELS else where
        if self.section == DepartmentSection.FOLDER:
            return "项目文件夹"
        if self.section == DepartmentSection.DEPARTMENT:
            return f"部门整体·{FIELD_LABELS[self.field]}" if self.field in FIELD_LABELS else "部门整体"
        return super().label()


def check_department(dept: Department, projects: list[Project] | None = None,
                     fig: DepartmentFigures | None = None) -> list[Problem]:
    """Every problem of the department's figures and indicators, errors first."""
    profile = load_profile(dept.profile)
    fig = fig or figures(dept, projects, profile)
    out: list[Problem] = []
    err = lambda place, msg: out.append(Problem(Severity.ERROR, place, msg))  # noqa: E731
    warn = lambda place, msg: out.append(Problem(Severity.WARNING, place, msg))  # noqa: E731
    P = DepartmentPlace

    if not dept.unit_name.strip():
        err(P(DepartmentSection.DEPARTMENT, field="unit_name"), "未填写单位名称")
    if dept.year is None:
        err(P(DepartmentSection.DEPARTMENT, field="year"), "未填写年度")
    for name, text in dept.unreadable.items():
        err(P(DepartmentSection.DEPARTMENT, field=name), not_a_number(text))
    for i, row in enumerate(dept.budget):
        for name, text in row.unreadable.items():
            err(P(DepartmentSection.BUDGET, i, name), not_an_amount(text))
    _missing(dept, fig, err)
    _budget_rows(dept, err, warn)
    _carryover(dept, warn)
    if fig.folder is not None and fig.folder.count:
        _folder_budget(dept, fig, warn)
    _indicators(dept, fig, err, out)
    out.sort(key=lambda p: p.severity != Severity.ERROR)
    return out


def _missing(dept: Department, fig: DepartmentFigures, err) -> None:
    total = list(BudgetKind).index(BudgetKind.TOTAL)
    needs = {"annual_budget": "预算执行率、结转结余率", "executed": "预算执行率"}
    needs[f"{'initial' if fig.variance_base == 'initial' else 'annual'}_budget"] = "部门预决算差异率"
    for name, why in needs.items():
        if dept.amount(BudgetKind.TOTAL, name) is None and name not in dept.row(BudgetKind.TOTAL).unreadable:
            gaps = dept.total_gaps(name)
            if gaps:  # the parts' sum would leave some out: no 合计 of it
                err(P_budget(total, name), f"未填写合计的{FIELD_LABELS[name]}，{'、'.join(k.value for k in gaps)}的"
                                           f"{FIELD_LABELS[name]}也未填，各项之和不全，无法计算{why}")
            else:
                err(P_budget(total, name), f"未填写{FIELD_LABELS[name]}，无法计算{why}")
    for name, why in (("final_accounts", "部门预决算差异率"), ("carryover", "结转结余率")):
        if getattr(dept, name) is None and name not in dept.unreadable:
            err(DepartmentPlace(DepartmentSection.DEPARTMENT, field=name), f"未填写{FIELD_LABELS[name]}，无法计算{why}（没有请填 0）")
    if fig.variance_base_amount == 0:
        err(P_budget(total, f"{fig.variance_base}_budget"),
            f"{VARIANCE_BASE_LABELS[fig.variance_base]}为 0，无法计算部门预决算差异率")


def P_budget(row: int, name: str) -> DepartmentPlace:
    return DepartmentPlace(DepartmentSection.BUDGET, row, name)


def _budget_rows(dept: Department, err, warn) -> None:
    whole, parts = dept.budget[0], dept.budget[1:]
    for name in AMOUNT_FIELDS:
        given = [getattr(r, name) for r in parts if getattr(r, name) is not None]
        value = getattr(whole, name)
        if given and value is not None and value != sum(given, ZERO):
            err(P_budget(0, name), f"合计 {plain(value)} 万元不等于基本支出、项目支出、其他支出之和 "
                                   f"{plain(sum(given, ZERO))} 万元（相差 {plain(value - sum(given, ZERO))} 万元）")
    for i, row in enumerate(dept.budget):
        for name in AMOUNT_FIELDS:
            value = getattr(row, name)
            if value is not None and value < 0:
                err(P_budget(i, name), "金额不能为负数")
        budget, executed = dept.amount(row.kind, "annual_budget"), dept.amount(row.kind, "executed")
        if budget is not None and executed is not None and executed > budget:
            warn(P_budget(i, "executed"), f"{row.kind.value}全年执行数 {plain(executed)} 万元超过全年预算数 "
                                          f"{plain(budget)} 万元（多 {plain(executed - budget)} 万元）")
    for name in MONEY_FIELDS:
        value = getattr(dept, name)
        if value is not None and value < 0:
            err(DepartmentPlace(DepartmentSection.DEPARTMENT, field=name), "金额不能为负数")


def _carryover(dept: Department, warn) -> None:
    budget = dept.amount(BudgetKind.TOTAL, "annual_budget")
    executed = dept.amount(BudgetKind.TOTAL, "executed")
    if budget is None or executed is None or dept.carryover is None or executed > budget:
        return
    if budget - executed != dept.carryover:
        warn(DepartmentPlace(DepartmentSection.DEPARTMENT, field="carryover"),
             f"全年预算数减全年执行数为 {plain(budget - executed)} 万元，与年末结转和结余 "
             f"{plain(dept.carryover)} 万元不一致，请核对")


def _folder_budget(dept: Department, fig: DepartmentFigures, warn) -> None:
    folder = fig.folder
    project_budget = dept.amount(BudgetKind.PROJECT, "annual_budget")
    row = list(BudgetKind).index(BudgetKind.PROJECT)
    if project_budget is None or folder is None:
        return
    budget, label = folder.budget, FIELD_LABELS["annual_budget"]
    if not budget.filled:
        warn(P_budget(row, "annual_budget"),
             f"文件夹中 {budget.of} 个项目均未填{label}，无法与项目支出{label} {plain(project_budget)} 万元核对")
        return
    # the folder's sum as every output says it: partial, naming how many left it blank
    missing = f"（另有 {budget.missing} 个项目未填{label}）" if budget.missing else ""
    diff = budget.value - project_budget
    if diff != 0:
        more = "多" if diff > 0 else "少"
        warn(P_budget(row, "annual_budget"),
             f"文件夹中 {budget.filled} 个项目的{label}合计 {plain(budget.value)} 万元，比项目支出"
             f"{label} {plain(project_budget)} 万元{more} {plain(abs(diff))} 万元{missing}")
    elif missing:
        warn(P_budget(row, "annual_budget"), f"已填的 {budget.filled} 个项目{label}合计与项目支出一致{missing}")


def _indicators(dept: Department, fig: DepartmentFigures, err, out: list[Problem]) -> None:
    """The project rules' indicator checks, minus what a department's table does not have."""
    if not dept.indicators and not fig.budget_scored:
        return
    for p in check(as_project(dept), fig.evaluation, load_profile(dept.profile)):
        if p.place.section == Section.INDICATOR and p.place.row is not None and p.place.field != "level1":
            out.append(p)
        elif p.place.section == Section.TOTAL:
            out.append(p)
        elif p.place.section == Section.BUDGET and fig.budget_scored and "得分" in p.message:
            out.append(Problem(p.severity, DepartmentPlace(DepartmentSection.DEPARTMENT, field="budget_hand_score"), p.message))
