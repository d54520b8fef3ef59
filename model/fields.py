"""The form's Chinese names for the model's fields and the form's sections: one home, so the
problems panel, the undo menu and the window's column headers say the same words."""
from __future__ import annotations

from enum import StrEnum


class Section(StrEnum):
    """A part of the printed form, where a problem is."""

    HEADER = "header"
    FUNDS = "funds"
    BUDGET = "budget"  # 预算执行率: the 分值 and 得分 of the 年度资金总额 row
    GOAL = "goal"
    INDICATOR = "indicator"
    TOTAL = "total"


SECTION_LABELS = {Section.HEADER: "表头", Section.FUNDS: "项目资金", Section.BUDGET: "预算执行率",
                  Section.GOAL: "年度总体目标", Section.INDICATOR: "绩效指标", Section.TOTAL: "总分"}

# in the order the form shows them
HEADER_LABELS = {"name": "项目名称", "year": "年度", "department": "主管部门",
                 "implementer": "实施单位", "manager": "项目负责人", "phone": "联系电话"}
GOAL_LABELS = {"goal": "预期目标", "achieved": "实际完成情况"}
AMOUNT_LABELS = {"initial_budget": "年初预算数", "annual_budget": "全年预算数", "executed": "全年执行数"}
BUDGET_LABELS = {"budget_weight": "分值", "budget_hand_score": "得分"}
INDICATOR_LABELS = {"level1": "一级指标", "level2": "二级指标", "name": "三级指标",
                    "target": "年度指标值", "actual": "实际完成值", "weight": "分值",
                    "hand_score": "得分", "deviation": "偏差原因分析及改进措施"}

# the department's own fields (部门整体, model/department/)
DEPARTMENT_LABELS = {
    "unit_name": "单位名称", "year": "年度", "supervisor": "主管部门", "contact": "联系人",
    "phone": "联系电话", "final_accounts": "决算数", "carryover": "年末结转和结余",
    "three_public_budget": "三公经费预算数", "three_public_final": "三公经费决算数",
    "budget_weight": "预算执行率分值", "budget_hand_score": "预算执行率得分", **GOAL_LABELS, **AMOUNT_LABELS}

_PROJECT_LABELS = {**HEADER_LABELS, **GOAL_LABELS, **AMOUNT_LABELS,
                   "profile": "评分规则", "district": "地区", "hand_note": "手动得分说明", "notes": "附注"}


def field_label(field: str, section: Section | str | None = None) -> str:
    """The form's name of a field. An indicator's `name` is its 三级指标, not the 项目名称; the
    预算执行率 fields are named in full outside their own section ('预算执行率分值')."""
    if section == Section.INDICATOR or section == Section.TOTAL:
        return INDICATOR_LABELS.get(field, field)
    if field in BUDGET_LABELS:
        short = BUDGET_LABELS[field]
        return short if section == Section.BUDGET else SECTION_LABELS[Section.BUDGET] + short
    return _PROJECT_LABELS.get(field) or INDICATOR_LABELS.get(field, field)
