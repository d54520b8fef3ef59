"""The checks a clerk sees: each error and warning of SCORING.md, with where and why."""
from __future__ import annotations

from decimal import Decimal as D

from model import Indicator, Project, Severity, check
from tests.helpers import reference_project


def problems(p: Project, severity=None):
    return [x for x in check(p) if severity is None or x.severity == severity]


def messages(p: Project, severity=None) -> str:
    return "\n".join(str(x) for x in problems(p, severity))


def test_reference_form_01_has_no_problems():
    assert problems(reference_project("01")) == []


def test_header_and_year_missing_are_errors():
    p = reference_project("01")
    p.name, p.year = "", None
    text = messages(p, Severity.ERROR)
    assert "未填写项目名称" in text and "未填写年度" in text


def test_weights_not_adding_up_to_100():
    p = reference_project("01")
    p.indicators[0].weight = D(5)
    assert "分值合计为 95" in messages(p, Severity.ERROR)


def test_unreadable_number_is_an_error_naming_the_cell_and_text_is_kept():
    p = reference_project("01")
    p.funds[0].set_amount("executed", "约18")
    assert p.funds[0].executed is None and p.funds[0].unreadable == {"executed": "约18"}
    err = [x for x in problems(p, Severity.ERROR) if "约18" in x.message][0]
    assert err.place.label() == "项目资金·年度资金总额·全年执行数"
    p.funds[0].set_amount("executed", "18")
    assert p.funds[0].unreadable == {}


def test_total_not_equal_to_parts():
    p = reference_project("01")
    p.funds[2].set_amount("annual_budget", "2")
    assert "不等于其中各项之和" in messages(p, Severity.ERROR)


def test_below_full_marks_needs_a_deviation_note():
    p = reference_project("01")
    p.indicators[5].actual = "60%"  # 80% target → 7.5 → 8 of 10
    err = [x for x in problems(p, Severity.ERROR) if x.place.field == "deviation"]
    assert err and err[0].place.row == 5
    p.indicators[5].deviation = "宣传不到位，明年加强回访"
    assert not [x for x in problems(p, Severity.ERROR) if x.place.field == "deviation"]


def test_unscorable_indicator_without_hand_score_is_an_error():
    p = reference_project("01")
    p.indicators[1].actual = "很棒"
    assert any(x.place.row == 1 for x in problems(p, Severity.ERROR))
    p.indicators[1].hand_score = D(15)
    assert not any(x.place.row == 1 for x in problems(p, Severity.ERROR))


def test_warnings_hand_score_overspending_achieved_text_and_overshoot():
    p = reference_project("01")
    p.budget_hand_score = D(9)
    p.indicators[1].actual = "良"  # tier 12..15
    p.indicators[1].hand_score = D(10)  # outside
    p.funds[0].executed = D(20)
    p.funds[1].executed = D(20)
    p.indicators[5].actual = "120%"  # 150% of 80%
    text = messages(p, Severity.WARNING)
    assert "手动得分 9 与规则得分 10 不同" in text
    assert "超出该等级的得分范围 12–15" in text
    assert "超过全年预算数" in text
    assert "指标值可能定得偏低" in text


def test_achieved_text_contradicting_the_total():
    p = reference_project("01")  # 实际完成情况 “已完成预期目标”, total 100
    assert "实际完成情况" not in messages(p, Severity.WARNING)
    p.indicators[4].actual = "差"  # 社会效益 30 → 0: total 70
    p.indicators[4].deviation = "未达预期"
    assert "实际完成情况写“已完成”，但总分只有 70" in messages(p, Severity.WARNING)
    p = reference_project("01")
    p.achieved = "未完成预期目标"
    assert "实际完成情况写“未完成”，但总分为 100" in messages(p, Severity.WARNING)


def test_nothing_spent_is_not_money_saved():
    p = reference_project("01")
    for row in p.funds[:2]:
        row.annual_budget, row.executed = D("0.06"), D(0)
    p.indicators[3].target, p.indicators[3].actual = "0.06万元", "0"
    assert "没有花钱不等于节约资金" in messages(p, Severity.WARNING)


def test_indicator_share_far_above_execution_rate():
    p = reference_project("05")
    assert "比预算执行率 75.75% 高出 24.25 个百分点" in messages(p, Severity.WARNING)


def test_problems_about_several_rows_name_the_row():
    """The gap names the row where it is best explained (clicking goes to its 偏差原因); a 一级
    group's weights name the group's rows."""
    p = reference_project("05")
    gap = next(x for x in check(p) if "高出" in x.message)
    assert gap.place.row is not None and gap.place.field == "deviation"
    assert f"第 {gap.place.row + 1} 行的“偏差原因分析及改进措施”" in gap.message
    assert not p.indicators[gap.place.row].deviation.strip()
    q = reference_project("01")
    q.indicators[4].weight, q.indicators[0].weight = D(10), D(30)
    weights = next(x for x in check(q) if "效益指标分值合计" in x.message)
    rows = [i for i, ind in enumerate(q.indicators) if "效益" in ind.level1]
    assert weights.place.row == rows[0] and f"第 {rows[0] + 1}" in weights.message
    assert not [x for x in check(q) + check(p) if x.severity == Severity.WARNING and x.place.section == "indicator"
                and x.place.row is None]


def test_level1_weights_far_from_usual():
    p = reference_project("01")
    p.indicators[4].weight, p.indicators[0].weight = D(10), D(30)  # 产出 70, 效益 10
    assert "效益指标分值合计 10" in messages(p, Severity.WARNING)


def test_errors_come_first():
    p = reference_project("05")
    p.name = ""
    sev = [x.severity for x in check(p)]
    assert sev[0] == Severity.ERROR and sev == sorted(sev, key=lambda s: s != Severity.ERROR)


def test_indicator_place_labels_are_chinese():
    p = Project()
    p.indicators.append(Indicator(target="1份", actual="1份"))
    labels = [x.place.label() for x in check(p)]
    assert any(label.startswith("绩效指标第 1 行") for label in labels)


def test_typed_text_goes_into_any_field_and_numbers_are_read():
    p = Project()
    p.set_typed("year", " 2023 ")
    p.set_typed("budget_hand_score", "９")
    p.funds[0].set_typed("executed", "1,234.5")
    ind = Indicator()
    ind.set_typed("weight", "约10")
    ind.set_typed("name", "指标1：x")
    assert (p.year, p.budget_hand_score, p.funds[0].executed) == (2023, 9, D("1234.5"))
    assert ind.weight is None and ind.unreadable == {"weight": "约10"} and ind.name == "指标1：x"
    p.set_typed("year", "明年")
    assert p.year is None


def test_a_shortfall_rounded_to_full_marks_still_wants_its_reason():
    """88% against ≥90% at 分值 10 scores 10 in the 朝阳区 profile, and an auditor asks why."""
    p = reference_project("01")
    ind = p.indicators[-1]
    ind.target, ind.actual, ind.weight, ind.deviation = "≥90%", "88%", D(10), ""
    errors = [x for x in problems(p, Severity.ERROR) if x.place.field == "deviation"]
    assert len(errors) == 1 and "未达到年度指标值" in errors[0].message
    ind.actual = "90%"  # met: nothing asked
    assert not [x for x in problems(p, Severity.ERROR) if x.place.field == "deviation"]
    ind.target, ind.actual = "≤1000元", "1004元"  # a cost just over its ceiling: 9.96 → 10
    assert [x for x in problems(p, Severity.ERROR) if x.place.field == "deviation"]
    ind.target, ind.actual = "优良中低差", "良"  # 80% of 1 point rounds to 1
    ind.weight = D(1)
    p.indicators[0].weight += 9
    assert [x for x in problems(p, Severity.ERROR) if x.place.field == "deviation"]
    ind.deviation = "个别街道回访不及时，下年度按月回访"
    assert not [x for x in problems(p, Severity.ERROR) if x.place.field == "deviation"]
