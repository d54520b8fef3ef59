"""The report's arithmetic sentences, in the seed reports' own phrasing.

Every figure a clerk would otherwise compute by hand and retype into Word is written here; a
figure that is missing becomes a marked place to write, never a guess.
"""
from __future__ import annotations

from decimal import Decimal

from model.department import BudgetKind, Department
from model.department.evaluation import VARIANCE_BASE_LABELS, DepartmentFigures
from model.numbers import plain, round_half_up

TO_WRITE = "【待填写：{}】"  # a place the clerk still has to write; the report shows it highlighted


def rate_words(rate: Decimal | None) -> str:
    """A rate as the reports write it: '100%', '13.89%', '0.2%' (two decimals at most, half up)."""
    return TO_WRITE.format("比率") if rate is None else f"{plain(round_half_up(rate * 100, 2))}%"


def money(value: Decimal | None, what: str) -> str:
    return TO_WRITE.format(what) if value is None else f"{plain(value)}万元"


def score_words(value: Decimal) -> str:
    return plain(round_half_up(value, 2))


def _year(dept: Department) -> str:
    return f"{dept.year}年" if dept.year else "　　年"


def budget_sentences(dept: Department, fig: DepartmentFigures) -> list[str]:
    """二、当年预算执行情况: budget by kind, spending by kind, 预算执行率 (as the 朝阳区 reports)."""
    a = lambda kind, f: dept.amount(kind, f)  # noqa: E731
    # a kind of spending the unit does not have (neither column given) is not named; a kind with
    # 0 in one column and nothing in the other is 0 in both: nothing to write in by hand
    parts = [k for k in (BudgetKind.BASIC, BudgetKind.PROJECT, BudgetKind.OTHER)
             if any(a(k, f) is not None for f in ("annual_budget", "executed"))]

    def figure(kind: BudgetKind, field: str, what: str) -> str:
        other = a(kind, "executed" if field == "annual_budget" else "annual_budget")
        value = a(kind, field)
        return money(Decimal(0) if value is None and other == 0 else value, what)
    budget = "，".join(f"{k.value}预算数{figure(k, 'annual_budget', k.value + '预算数')}" for k in parts)
    spent = "，".join(f"{k.value}{figure(k, 'executed', k.value + '全年执行数')}" for k in parts)
    first = (f"{_year(dept)}全年预算数{money(a(BudgetKind.TOTAL, 'annual_budget'), '全年预算数')}"
             f"{'，其中，' + budget if budget else ''}。资金总体支出{money(a(BudgetKind.TOTAL, 'executed'), '全年执行数')}"
             f"{'，其中，' + spent if spent else ''}。预算执行率为{rate_words(fig.execution_rate)}。")
    out = [first]
    initial = a(BudgetKind.TOTAL, "initial_budget")
    if initial is not None or dept.final_accounts is not None or dept.carryover:
        out.append(f"{_year(dept)}年初预算数{money(initial, '年初预算数')}，全年预算数"
                   f"{money(a(BudgetKind.TOTAL, 'annual_budget'), '全年预算数')}；决算数"
                   f"{money(dept.final_accounts, '决算数')}，年末结转和结余{money(dept.carryover, '年末结转和结余')}。")
    out += three_public_sentences(dept)
    return out


def three_public_sentences(dept: Department) -> list[str]:
    """“三公”经费: none spent is said in words (无“三公”经费支出), never as a place to fill."""
    budget, final = dept.three_public_budget, dept.three_public_final
    if budget is None and final is None:
        return []
    if not final and not budget:  # 0, or 0 and not given
        return ["无“三公”经费支出。"]
    if final == 0:
        return [f"“三公”经费预算数{money(budget, '三公经费预算数')}，全年无“三公”经费支出。"]
    return [f"“三公”经费预算数{money(budget, '三公经费预算数')}，决算数{money(final, '三公经费决算数')}。"]


def carryover_sentence(dept: Department, fig: DepartmentFigures) -> str:
    """（四）结转结余率."""
    if dept.carryover == 0:
        return f"{_year(dept)}我单位无结转结余资金。"
    return (f"{_year(dept)}年末结转和结余{money(dept.carryover, '年末结转和结余')}，"
            f"结转结余率为{rate_words(fig.carryover_rate)}。")


def variance_sentence(dept: Department, fig: DepartmentFigures) -> str:
    """（五）部门预决算差异率, on the profile's base."""
    label = VARIANCE_BASE_LABELS[fig.variance_base]
    return (f"{_year(dept)}{label}{money(fig.variance_base_amount, label)}，决算数"
            f"{money(dept.final_accounts, '决算数')}，部门预决算差异率{rate_words(fig.variance_rate)}。")


def projects_sentences(fig: DepartmentFigures) -> list[str]:
    """（一）评价得分情况 from the folder's project tables."""
    folder = fig.folder
    if folder is None or folder.count == 0:
        return [TO_WRITE.format("本单位预算项目的个数和自评得分情况（文件夹中没有可读取的项目文件）")]
    if folder.all_full:
        return [f"我单位共{folder.count}个预算项目，所有项目均按绩效目标完成，评价得分均为100分。"]
    text = f"我单位共{folder.count}个预算项目"
    if folder.scored < folder.count:
        text += f"，已完成评分{folder.scored}个，另有{folder.count - folder.scored}个项目尚未完成评分"
    if folder.scored and folder.lowest is not None and folder.mean is not None:
        grades = "、".join(f"{g}{n}个" for g, n in folder.grades.items())
        name, low = folder.lowest
        text += (f"；已评分项目中{grades}，平均得分{score_words(folder.mean)}分，"
                 f"最低得分{score_words(low)}分（{name}）")
    out = [text + "。"]
    if folder.low:
        items = "；".join(f"{p.name}自评{score_words(p.total)}分，原因是"
                         f"{p.reason or TO_WRITE.format(p.name + '得分较低的原因')}" for p in folder.low)
        out.append(f"有{len(folder.low)}个项目得分低于90分：{items}。")
    return out


def score_sentence(dept: Department, fig: DepartmentFigures) -> str:
    """The department's own 总分 and 等级 (as the 璧山区 report writes it)."""
    if not dept.indicators and not fig.budget_scored:
        return TO_WRITE.format("部门整体绩效自评得分（未录入部门整体绩效指标）")
    if not fig.complete:  # a partial sum is no 总分, and its grade is 待定, never 差
        return f"{dept.unit_name}{_year(dept)}度部门整体支出绩效自评尚有指标未完成评分，总得分和等级{fig.grade}。"
    return (f"{dept.unit_name}{_year(dept)}度部门整体支出绩效自评总得分{score_words(fig.total)}分，"
            f"等级为“{fig.grade}”。")


def indicator_verdict(share: Decimal | None) -> str:
    """The 璧山区 report's closing line for each indicator."""
    if share is None:
        return TO_WRITE.format("该指标的得分")
    return f"根据评价标准，该指标得分为分值的{rate_words(share)}。"
