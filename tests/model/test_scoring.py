"""Each rule of SCORING.md and its edges, under both shipped profiles."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from model import FundsKind, Indicator, Project, evaluate, load_profile
from model.scoring import budget_score, indicator_score

CY = load_profile("朝阳区")
CZ = load_profile("财预〔2020〕10号")


def budget(annual, executed, hand=None, weight="10"):
    p = Project()
    p.total_funds.set_amount("annual_budget", annual)
    p.total_funds.set_amount("executed", executed)
    p.set_number("budget_weight", weight)
    if hand is not None:
        p.set_number("budget_hand_score", hand)
    return p


@pytest.mark.parametrize("annual, executed, chaoyang, caiyu", [
    ("18", "18", "10", "10.00"), ("54", "53.808", "10", "9.96"), ("87.87", "84.246", "10", "9.59"),
    ("23.99", "18.173141", "8", "7.58"), ("0.06", "0", "0", "0.00"), ("3", "1", "3", "3.33"),
])
def test_budget_score_under_both_profiles(annual, executed, chaoyang, caiyu):
    p = budget(annual, executed)
    assert budget_score(p, CY).value == D(chaoyang)
    assert budget_score(p, CZ).value == D(caiyu)


def test_overspent_budget_shows_true_rate_and_full_marks():
    p = budget("10", "12")
    ev = evaluate(p)
    assert ev.rate_text(FundsKind.TOTAL) == "120.00%"
    assert ev.budget.value == 10 and "超过 100%" in ev.budget.reason


@pytest.mark.parametrize("annual", [None, "0"])
def test_missing_or_zero_budget_gives_no_rate_and_no_score(annual):
    p = budget(annual, "5")
    ev = evaluate(p)
    assert ev.rates[FundsKind.TOTAL] is None and ev.rate_text(FundsKind.TOTAL) == ""
    assert ev.budget.value is None and "全年预算数" in ev.budget.reason
    assert not ev.complete


def test_budget_hand_score_wins_and_keeps_the_rule_beside_it():
    s = budget_score(budget("23.99", "18.173141", hand="9"), CY)
    assert (s.value, s.rule, s.hand) == (D(9), D(8), True)
    assert "规则得分 8" in s.reason


def score(target, actual, weight="10", level2="", profile=CY, hand=None):
    ind = Indicator(level2=level2, target=target, actual=actual)
    ind.set_number("weight", weight)
    if hand is not None:
        ind.set_number("hand_score", hand)
    return indicator_score(ind, profile)


@pytest.mark.parametrize("target, actual, expected", [
    ("1份", "1份", "10"), ("80%", "95%", "10"), ("≥90%", "45%", "5"), ("2", "1", "5"),
    ("864000", "864000", "10"), ("3项", "2项", "7"), ("0", "0", "10"), ("10个", "-3个", "0"),
    (">90%", "90%", "10"),
])
def test_positive_indicators(target, actual, expected):
    assert score(target, actual).value == D(expected)


def test_positive_score_has_no_bonus_above_target():
    assert score("80%", "200%").value == 10


@pytest.mark.parametrize("target, actual, level2, expected", [
    ("18万元", "18万元", "成本指标", "10"), ("18万元", "9万元", "成本指标", "10"),
    ("100万元", "125万元", "成本指标", "8"), ("100万元", "150万元", "成本指标", "5"),
    ("100万元", "200万元", "成本指标", "0"), ("100万元", "300万元", "成本指标", "0"),
    ("≤1000万元", "1100万元", "", "9"), ("<5天", "6天", "时效指标", "8"),
    ("18万元", "180000元", "成本指标", "10"), ("1万元", "12500元", "项目成本", "8"),
])
def test_reverse_indicators(target, actual, level2, expected):
    s = score(target, actual, level2=level2)
    assert s.direction == "reverse" and s.value == D(expected)


def test_reverse_ratio_is_a_profile_parameter():
    ratio = CY.model_copy(update={"reverse_ratio": True})
    assert score("100万元", "125万元", level2="成本指标", profile=ratio).value == 8  # 10×100/125
    assert score("100万元", "300万元", level2="成本指标", profile=ratio).value == 3  # 3.33 → 3
    assert score("100万元", "300万元", level2="成本指标").value == 0


@pytest.mark.parametrize("target, actual, expected", [
    ("＝100%", "100%", "10"), ("=100%", "90%", "9"), ("=100%", "120%", "10"),
    ("＝0", "0", "10"), ("＝0", "2", "0"),
])
def test_equal_indicators(target, actual, expected):
    s = score(target, actual)
    assert s.direction == "equal" and s.value == D(expected)


def test_a_deadline_is_met_early():
    assert score("12月31日前", "11月", level2="时效指标").value == 10
    assert score("10月底前", "12月", level2="时效指标").value == 8  # two months late: 10 × (1 − 2/10)


def test_target_operator_overrides_the_cost_default():
    assert score("≥10万元", "5万元", level2="成本指标").direction == "positive"


@pytest.mark.parametrize("target, actual", [("10个", "10份"), ("80%", "8万元"), ("5天", "5次")])
def test_unit_mismatch_is_not_guessed(target, actual):
    s = score(target, actual)
    assert s.value is None and s.kind == "unscorable" and "单位不一致" in s.reason


@pytest.mark.parametrize("target, actual, share", [
    ("优良中低差", "优", 100), ("优良中低差", "良", 80), ("优良中低差", "中", 60),
    ("优良中低差", "低", 30), ("优良中低差", "差", 0), ("优良中低差", "良好", 80),
    ("高中低", "高", 100), ("高中低", "中", 70), ("高中低", "低", 30),
    ("好中差", "好", 100), ("好较好一般差", "较好", 80), ("好较好一般差", "一般", 60),
    ("好中差", "差", 0), ("是否", "是", 100), ("是/否", "否", 0),
    ("达成预期指标", "达成预期指标", 100), ("效果明显", "效果明显", 100), ("按时完成", "已按时完成", 100),
    ("合格", "合格", 100), ("达成预期指标", "基本达成", 70), ("达成预期指标", "部分达成", 70),
    ("达成预期指标", "未达成", 30), ("按时完成", "未完成", 30), ("合格", "不合格", 30),
])
def test_every_qualitative_scale(target, actual, share):
    s = score(target, actual, weight="20")
    assert s.kind == "qualitative" and s.value == D(20) * share / 100


@pytest.mark.parametrize("target, actual", [("优良中低差", "很棒"), ("随便写写", "见附件"), ("", "1"),
                                            ("10份", "大约")])
def test_unreadable_targets_get_no_score_until_a_hand_score(target, actual):
    assert score(target, actual).value is None
    s = score(target, actual, hand="7")
    assert s.value == 7 and s.hand and s.rule is None


def test_hand_score_inside_and_outside_the_tier():
    inside = score("优良中低差", "良", weight="10", hand="9")  # 良 80% → tier 8..10
    outside = score("优良中低差", "良", weight="10", hand="6")
    assert inside.hand_in_tier is True and outside.hand_in_tier is False
    top_edge = score("优良中低差", "中", weight="10", hand="8")  # 中 60% → tier 6..8, 8 excluded
    assert top_edge.hand_in_tier is False


def test_rounding_half_up_in_both_profiles():
    # 10 × 2.5/10... 10 × 0.25 = 2.5 → 3 (朝阳区); 10 × 1/3 = 3.333… → 3.33 (两位小数)
    assert score("4份", "1份").value == 3
    assert score("3份", "1份", profile=CZ).value == D("3.33")
    assert score("8份", "1份", profile=CZ).value == D("1.25")
    assert score("800份", "1份", profile=CZ).value == D("0.01")  # 0.0125 → 0.01


def test_total_adds_rounded_scores_and_grades():
    p = Project()
    p.total_funds.set_amount("annual_budget", "100")
    p.total_funds.set_amount("executed", "100")
    for t, a in [("3份", "1份"), ("3份", "1份"), ("3份", "1份")]:
        ind = Indicator(target=t, actual=a)
        ind.set_number("weight", "30")
        p.indicators.append(ind)
    ev = evaluate(p, CY)
    assert ev.total == 10 + 3 * 10 and ev.grade == "差"
    ev2 = evaluate(p, CZ)
    assert ev2.total == D("10.00") + 3 * D("10.00")


@pytest.mark.parametrize("total, grade", [(90, "优"), (89, "良"), (80, "良"), (79, "中"), (60, "中"), (59, "差")])
def test_grade_bands(total, grade):
    assert CY.grade(D(total)) == grade


def test_every_score_says_why_in_one_line():
    p = Project()
    p.total_funds.set_amount("annual_budget", "54")
    p.total_funds.set_amount("executed", "53.808")
    p.indicators.append(Indicator(target="80%", actual="80%", weight=D(10)))
    ev = evaluate(p)
    assert ev.indicators[0].reason == "80% ≥ 80%：达成，10/10"
    assert "\n" not in ev.budget.reason and "99.64%" in ev.budget.reason


def test_the_scores_a_clerk_may_give_inside_a_tier():
    assert score("优良中低差", "良", weight="15").tier_scores() == [15, 14, 13, 12]
    assert score("优良中低差", "中", weight="10").tier_scores() == [7, 6]  # 6 ≤ s < 8
    assert score("1份", "1份").tier_scores() == []


def _scored(target: str, actual: str, level2: str = "时效指标"):
    return indicator_score(Indicator(level1="产出指标", level2=level2, name="指标1：x", target=target,
                                     actual=actual, weight=D(10)), CY)


@pytest.mark.parametrize("target, actual", [
    ("按时完成", "待完成"), ("按时完成", "尚待完成"), ("有效", "完成情况待统计"), ("按时完成", "完成时间待定"),
    ("达到预期", "待达成"), ("合格", "待验收合格"), ("按时完成", "预计明年完成"), ("按时完成", "正在完成中"),
    ("按时完成", "即将完成"), ("得到提高", "有待提高"), ("优良中低差", "良（待复核）"), ("≥100份", "预计120份"),
    ("待定", "待定"), ("尚未确定", "尚未确定"),
])
def test_an_actual_whose_outcome_is_not_there_yet_is_no_achievement(target, actual):
    """'待完成' holds 完成 and scored full marks, as did '预计明年完成' and a 待定 target restated:
    a plausible 总分 for work not done. Its 得分 is 待定 until the clerk writes what was done or
    sets a score."""
    score = _scored(target, actual)
    assert score.value is None and score.rule is None, score.reason
    assert actual in score.reason and "还不是结果" in score.reason
    hand = indicator_score(Indicator(level1="产出指标", level2="时效指标", name="x", target=target, actual=actual,
                                     weight=D(10), hand_score=D(6)), CY)
    assert hand.value == 6 and hand.hand


@pytest.mark.parametrize("target, actual, points", [
    ("≥1000人次", "接待群众1200人次", "10"), ("有效", "有效", "10"), ("按计划完成", "按计划完成", "10"),
    ("≤30分钟", "平均等待20分钟", "10"), ("落实", "待遇落实到位", "10"), ("无", "无", "10"),
    ("≥150人", "帮助待业人员就业200人", "10"), ("≥20人", "安置待岗职工30人", "10"),
    ("按时完成", "待办事项全部按时完成", "10"),
])
def test_words_that_only_look_pending_still_score(target, actual, points):
    assert _scored(target, actual).value == D(points)


@pytest.mark.parametrize("placeholder", ["XX", "×××", "……", "请填写", "TBD"])
def test_a_placeholder_target_restated_is_no_achievement(placeholder):
    """A template's stand-in left in both cells scored 100% as 'the actual restates the target'."""
    assert _scored(placeholder, placeholder).value is None


@pytest.mark.parametrize("target, actual, points", [
    ("达到预期", "达到预计目标", "10"), ("效果明显", "达到预计效果，效果明显", "10"),
    ("按时完成", "已完成，仍需进一步加强宣传", "10"), ("按时完成", "按时完成；尚需巩固", "10"),
    ("按时完成", "已完成，有待提高", "10"), ("有效", "真正在基层发挥作用，有效", "10"),
])
def test_an_achieved_actual_with_a_remark_or_a_noun_of_expectation_still_scores(target, actual, points):
    """'达到预计目标' (reached the expected goal) and '已完成，仍需进一步加强宣传' (done; a remark
    after it on what to improve) state an outcome: they were 待定, and the form's 总分 with them."""
    assert _scored(target, actual).value == D(points), _scored(target, actual).reason


@pytest.mark.parametrize("target, actual", [("按时完成", "尚需完成验收"), ("有效", "仍需进一步观察效果"),
                                            ("按时完成", "预计年底完成")])
def test_a_remark_that_is_the_whole_outcome_is_still_pending(target, actual):
    assert _scored(target, actual).value is None


def test_a_score_cell_holding_no_number_counts_no_score():
    """'九' typed in a 得分 cell (and '十' in 预算执行率's) is printed as typed, while the 总分 added
    the rule's 10 in its place: the Word form said 总分 100 beside 九, and Excel's own 总分 formula
    said 待定. Such a row is unscored until the clerk writes a number or clears the cell, and the
    cell is named once."""
    from model.problems import Severity, check
    from tests.helpers import reference_project
    p = reference_project("01")
    assert evaluate(p).total_text() == "100"
    p.indicators[0].set_number("hand_score", "九")
    ev = evaluate(p)
    assert ev.indicators[0].value is None and not ev.complete and ev.total_text() == "待定"
    said = [str(x) for x in check(p, ev) if x.severity == Severity.ERROR]
    assert len([s for s in said if "九" in s]) == 1, said
    p.indicators[0].set_number("hand_score", "9")
    p.set_number("budget_hand_score", "十")
    ev = evaluate(p)
    assert ev.budget.value is None and ev.total_text() == "待定"
    said = [str(x) for x in check(p, ev) if x.severity == Severity.ERROR]
    assert len([s for s in said if "十" in s]) == 1, said
    p.set_number("budget_hand_score", None)
    assert evaluate(p).total_text() == "99"
