"""The standard structure a new self-assessment starts from, so a clerk never faces an empty table.

Groups and 二级 names as FORM.md lists them, with the usual 产出 50 / 效益 30 / 满意度 10 split
(SCORING.md's warning) proposed as 分值: the 10 of 预算执行率 makes 100. The clerk changes them.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from model.project import Indicator, Project

# (一级指标, 二级指标, proposed 分值)
STANDARD_ROWS: list[tuple[str, str, int]] = [
    ("产出指标", "数量指标", 15),
    ("产出指标", "质量指标", 15),
    ("产出指标", "时效指标", 10),
    ("产出指标", "成本指标", 10),
    ("效益指标", "社会效益", 30),
    ("满意度指标", "服务对象满意度指标", 10),
]
# 二级 rows a project adds when it has them: offered beside 添加指标, not put in every table
OPTIONAL_ROWS: list[tuple[str, str]] = [
    ("效益指标", "经济效益"),
    ("效益指标", "生态效益"),
    ("效益指标", "可持续影响指标"),
]


def report_year(today: date | None = None) -> int:
    """A self-assessment reports on the year that just ended."""
    return (today or date.today()).year - 1


def standard_indicators() -> list[Indicator]:
    return [Indicator(level1=l1, level2=l2, weight=Decimal(w)) for l1, l2, w in STANDARD_ROWS]


def skeleton_project(today: date | None = None, **fields) -> Project:
    """A new project: last year, the standard indicator rows; fields set the header's others.
    A rule profile without the 预算执行率 item (`budget_item`) starts without it, its 10 points
    with the first 产出 row."""
    from model.profiles import DEFAULT_PROFILE, load_profile
    project = Project(year=report_year(today), indicators=standard_indicators(), **fields)
    if not load_profile(project.profile or DEFAULT_PROFILE).budget_item:
        project.budget_item = False
        first = project.indicators[0]
        first.weight = (first.weight or Decimal(0)) + (project.budget_weight or Decimal(0))
    return project


def optional_row_position(indicators: list[Indicator], level1: str) -> int:
    """Where a new row of group level1 goes: after the group's last row, or, when the table has
    none of the group, where the group stands in the form's order (产出, 效益, 满意度)."""
    last = max((i for i, ind in enumerate(indicators) if ind.level1 == level1), default=None)
    if last is not None:
        return last + 1
    rank = _group_rank(level1)
    return next((i for i, ind in enumerate(indicators) if _group_rank(ind.level1) > rank), len(indicators))


def _group_rank(level1: str) -> int:
    """The reference forms write 满意度 for 满意度指标: a group is known by its keyword."""
    return next((i for i, key in enumerate(("产出", "效益", "满意")) if key in level1), 3)
