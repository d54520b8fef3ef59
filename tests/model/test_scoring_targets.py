"""SCORING.md (updated): targets judged by their actuals, targets in three cells, 成本指标 as a
一级 indicator, and the 一级-weights warning."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from model import Indicator, Project, Severity, check, load_profile
from model.numbers import join_target
from model.scoring import indicator_score

CY = load_profile("朝阳区")
CZ = load_profile("财预〔2020〕10号")


def score(target, actual, weight="10", level1="", level2="", profile=CY):
    ind = Indicator(level1=level1, level2=level2, target=target, actual=actual)
    ind.set_number("weight", weight)
    return indicator_score(ind, profile)


@pytest.mark.parametrize("target, actual, points", [
    ("严格执行相关制度规定", "达成预期指标", "10"),  # the Anhui form that scored 82 instead of 100
    ("符合相关规定", "符合相关规定", "10"),
    ("有效", "有效", "10"),
    ("得到提高", "得到提高", "10"),
    ("在项目计划完成时间内完成", "按时完成", "10"),
    ("良好", "良好", "10"),
    ("群众生活环境改善", "优", "10"),
    ("群众生活环境改善", "良", "8"),
    ("群众生活环境改善", "较好", "8"),
    ("群众生活环境改善", "基本达成", "7"),
    ("严格执行相关制度规定", "未完成", "3"),
    ("符合相关规定", "不符合相关规定", "3"),
])
def test_target_without_scale_or_number_is_judged_by_its_actual(target, actual, points):
    s = score(target, actual)
    assert s.value == D(points) and s.kind == "qualitative", s.reason


def test_an_actual_that_says_nothing_readable_stays_unscored():
    s = score("严格执行相关制度规定", "见附件")
    assert s.value is None and s.kind == "unscorable"
    assert "见附件" in s.reason


@pytest.mark.parametrize("nature, value, unit, joined", [
    ("≧", "50", "个", "≧50个"), ("≦", "1000", "万元", "≦1000万元"), ("═", "2", "个", "═2个"),
    ("﹦", "100", "%", "﹦100%"), ("＝", "3", "级", "＝3级"), ("=", "100", "%", "=100%"),
    ("≥", "≥90", "%", "≥90%"), ("定性", "优良中低差", "", "优良中低差"),
    ("定量", "100%", "%", "100%"), (" ≥ ", " 20 ", " 次 ", "≥20次"), ("正向", "90", "%", "≥90%"),
    ("反向", "5", "天", "≤5天"), ("≥", "", "%", ""),
])
def test_three_cell_target_joins_to_the_one_cell_target(nature, value, unit, joined):
    assert join_target(nature, value, unit) == joined


@pytest.mark.parametrize("nature, value, unit, actual, points", [
    ("≧", "50", "个", "45个", "9"), ("≦", "1000", "万元", "1200万元", "8"),
    ("═", "100", "%", "100%", "10"), ("﹦", "0", "起", "1起", "0"), ("﹦", "0", "起", "0", "10"),
    ("定性", "优良中低差", "", "良", "8"), ("≤", "114", "万元", "1140000元", "10"),
])
def test_three_cell_target_scores_like_one_cell(nature, value, unit, actual, points):
    one_cell = {"≧": "≥", "≦": "≤", "═": "＝", "﹦": "＝"}.get(nature, nature)
    split = score(join_target(nature, value, unit), actual)
    same = score(join_target(one_cell, value, unit), actual)
    assert split.value == same.value == D(points), split.reason


def test_cost_as_level1_is_reverse_without_operator():
    for l1, l2 in (("成本指标", "经济成本指标"), ("成本指标", "社会成本指标"), ("成本指标", "生态环境成本指标")):
        s = score("100万元", "150万元", level1=l1, level2=l2)
        assert s.direction == "reverse" and s.value == D(5)
    assert score("100万元", "150万元", level1="产出指标", level2="数量指标").direction == "positive"


def _project(weights: dict[str, list[int]]) -> Project:
    p = Project()
    for level1, ws in weights.items():
        for w in ws:
            p.indicators.append(Indicator(level1=level1, level2="x", name="n", target="1", actual="1", weight=D(w)))
    return p


def _level1_warnings(p: Project) -> list[str]:
    return [x.message for x in check(p) if x.severity == Severity.WARNING and "分值合计" in x.message]


@pytest.mark.parametrize("weights, warned", [
    ({"产出指标": [50], "效益指标": [30], "满意度指标": [10]}, []),
    ({"产出指标": [41], "效益指标": [39], "满意度指标": [10]}, []),  # 9 points: fine
    ({"产出指标": [40], "效益指标": [40], "满意度指标": [10]}, ["产出指标", "效益指标"]),  # exactly 10
    ({"产出指标": [40], "成本指标": [10], "效益指标": [30], "满意度指标": [10]}, []),
    ({"产出指标": [30], "成本指标": [10], "效益指标": [40], "满意度指标": [10]}, ["产出指标", "效益指标"]),
])
def test_level1_weights_warning_at_ten_points_with_cost_counted_as_output(weights, warned):
    found = _level1_warnings(_project(weights))
    assert [m.split("分值合计")[0] for m in found] == warned
