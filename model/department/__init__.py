"""The department's own self-assessment (部门整体绩效): what the clerk types, nothing derived.

A unit reports once a year on itself as a whole: its budget by kind, what it spent and carried
over, its goal and indicators, and the prose of the report. The figures are computed in
`model.department_eval`; this module only holds what is typed.
"""
from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from model.numbers import parse_amount, parse_plain
from model.profiles import DEFAULT_PROFILE, known_profile
from model.project import AMOUNT_FIELDS, Indicator, _Cells


class BudgetKind(StrEnum):
    TOTAL = "合计"
    BASIC = "基本支出"
    PROJECT = "项目支出"
    OTHER = "其他支出"


class BudgetRow(_Cells):
    """One line of the department's budget, in 万元, exact."""

    kind: BudgetKind
    initial_budget: Decimal | None = None  # 年初预算数
    annual_budget: Decimal | None = None  # 全年预算数
    executed: Decimal | None = None  # 全年执行数

    _NUMBER_FIELDS: ClassVar[dict] = {f: parse_amount for f in AMOUNT_FIELDS}


def default_budget() -> list[BudgetRow]:
    return [BudgetRow(kind=k) for k in BudgetKind]


class ReportSection(StrEnum):
    """The report's prose sections, in the seeds' order: what only the clerk can write."""

    ORGANISATION = "机构设置及职责工作任务情况"
    GOAL_SETTING = "部门整体绩效目标设立情况"
    OUTPUTS = "产出完成情况分析"
    EFFECTS = "效果实现情况分析"
    FINANCE = "财务管理"
    ASSETS = "资产管理"
    PERFORMANCE = "绩效管理"
    ISSUES = "存在的问题及原因分析"
    SUGGESTIONS = "措施建议"
    OTHER = "其他需要说明的问题"


MONEY_FIELDS = ("final_accounts", "carryover", "three_public_budget", "three_public_final")
DEPARTMENT_SUFFIX = ".zpbdept.json"
DEPARTMENT_FILE = "部门整体" + DEPARTMENT_SUFFIX  # its name inside a unit's folder


class Department(_Cells):
    """部门整体支出绩效自评: one per unit's folder and year."""

    district: str = "朝阳区"
    year: int | None = Field(default=None, ge=1000, le=9999)
    unit_name: str = ""  # 单位名称
    supervisor: str = ""  # 主管部门
    contact: str = ""  # 联系人
    phone: str = ""  # 联系电话
    budget: list[BudgetRow] = Field(default_factory=default_budget, min_length=4, max_length=4)
    final_accounts: Decimal | None = None  # 决算数
    carryover: Decimal | None = None  # 年末结转和结余
    three_public_budget: Decimal | None = None  # 三公经费预算数 (optional)
    three_public_final: Decimal | None = None  # 三公经费决算数 (optional)
    budget_weight: Decimal | None = None  # 预算执行率 分值, when the table scores it (重庆: 10)
    budget_hand_score: Decimal | None = None
    goal: str = ""  # 年度总体目标·预期目标
    achieved: str = ""  # 实际完成情况
    indicators: list[Indicator] = Field(default_factory=list)
    text: dict[ReportSection, str] = Field(default_factory=dict)  # the report's prose
    profile: str = DEFAULT_PROFILE
    # 部门预决算差异率's base, where the district's rules differ from the profile's: 'initial'
    # (年初预算数) or 'annual' (全年预算数); None follows the profile. Optional in files.
    variance_base: Literal["initial", "annual"] | None = None

    _NUMBER_FIELDS: ClassVar[dict] = {
        **{f: parse_amount for f in MONEY_FIELDS},
        "budget_weight": parse_plain, "budget_hand_score": parse_plain}

    @field_validator("profile")
    @classmethod
    def _known_profile(cls, name: str) -> str:
        return known_profile(name)

    @model_validator(mode="after")
    def _budget_in_order(self) -> Department:
        if [r.kind for r in self.budget] != list(BudgetKind):
            raise ValueError("部门预算必须依次为：" + "、".join(k.value for k in BudgetKind))
        return self

    def row(self, kind: BudgetKind) -> BudgetRow:
        return next(r for r in self.budget if r.kind == kind)

    def amount(self, kind: BudgetKind, field: str) -> Decimal | None:
        """A budget figure; the 合计 left blank is the sum of the parts — None while a part the
        unit has (one with any figure given) leaves this one blank: a sum of some parts printed
        as the 合计 would read as whole (see total_gaps)."""
        value = getattr(self.row(kind), field)
        if value is not None or kind != BudgetKind.TOTAL:
            return value
        parts = [getattr(r, field) for r in self.budget[1:] if getattr(r, field) is not None]
        if not parts or self.total_gaps(field):
            return None
        return sum(parts, Decimal(0))

    def total_gaps(self, field: str) -> list[BudgetKind]:
        """The parts (基本支出, 项目支出, 其他支出) the unit has that leave field blank, where the
        合计's field is blank too: its sum of the parts would be partial."""
        if getattr(self.row(BudgetKind.TOTAL), field) is not None:
            return []
        given = [r for r in self.budget[1:] if any(getattr(r, f) is not None for f in AMOUNT_FIELDS)]
        if not any(getattr(r, field) is not None for r in given):
            return []
        return [r.kind for r in given if getattr(r, field) is None]

    def section_text(self, section: ReportSection) -> str:
        return self.text.get(section, "").strip()

