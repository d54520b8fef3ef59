"""A 分值 with more decimals than the rule profile's scores (7.5 under 朝阳区's whole numbers): full
marks round to 8, a 得分 above its 分值 printed on the form and a 总分 of 101 from 分值 of 100 —
the form cannot be signed so, and check says which row and what to do."""
from __future__ import annotations

from decimal import Decimal as D

from model import evaluate
from model.problems import Severity, check
from tests.helpers import reference_project


def test_a_rule_score_rounded_above_its_weight_is_an_error_naming_the_row():
    p = reference_project("01")  # 朝阳区: whole-number scores; every indicator met
    p.indicators[0].weight, p.indicators[1].weight = D("7.5"), D("17.5")
    ev = evaluate(p)
    assert ev.indicators[0].value == D(8) and ev.weight_sum == D(100)  # the rule as SCORING.md has it
    errors = [str(x) for x in check(p, ev) if x.severity == Severity.ERROR]
    assert any("绩效指标第 1 行·得分" in e and "得分 8 超过分值 7.5" in e for e in errors), errors
    assert any("绩效指标第 2 行·得分" in e and "得分 18 超过分值 17.5" in e for e in errors), errors


def test_whole_weights_and_two_decimal_profiles_are_not_flagged():
    p = reference_project("01")
    assert not [x for x in check(p) if "超过分值" in x.message]
    p.indicators[0].weight, p.indicators[1].weight = D("7.5"), D("17.5")
    p.profile = "财预〔2020〕10号"  # two decimals: 7.5 scores 7.5
    assert not [x for x in check(p) if "超过分值" in x.message]
