"""A form without the 预算执行率 item, and the 总分 a form printed (issue 20): scored, checked,
saved and carried over as the form has them."""
from __future__ import annotations

import json
from decimal import Decimal as D

from model import Indicator, Project, check, evaluate
from model.carry_over import next_year
from model.numbers import parse_amount
from model.project_file import dumps, loads
from model.problems import Severity


def _project(**kw) -> Project:
    inds = [Indicator(level1="产出指标", level2="数量指标", name="次数", target="≥10次", actual="10次", weight=D(60)),
            Indicator(level1="效益指标", level2="社会效益", name="效果", target="≥90%", actual="81%", weight=D(40), deviation="宣传不足")]
    p = Project(year=2023, name="项目", department="部门", implementer="单位", indicators=inds, **kw)
    p.total_funds.annual_budget, p.total_funds.executed = D(100), D(50)
    return p


def test_without_the_item_the_indicators_alone_make_the_total():
    p = _project(budget_item=False)
    ev = evaluate(p)
    assert (ev.budget.value, ev.budget.rule, ev.total, ev.weight_sum, ev.complete) == (None, None, 96, 100, True)
    assert "不对预算执行率计分" in ev.budget.reason
    assert not any(x.severity == Severity.ERROR for x in check(p, ev))
    with_item = _project()  # the same form with the item: 10 more points, scored 5 at 50%
    assert (evaluate(with_item).total, evaluate(with_item).weight_sum) == (101, 110)


def test_a_weight_sum_off_without_the_item_says_so():
    p = _project(budget_item=False)
    p.indicators[0].weight = D(50)
    assert any("分值合计为 90，应为 100（本表不对预算执行率计分）" in x.message for x in check(p))


def test_the_printed_total_is_compared_never_put_in_the_rules_place():
    p = _project(budget_item=False, printed_total=D(98))
    ev = evaluate(p)
    assert ev.total == 96
    warned = [x for x in check(p, ev) if "原表印的总分为 98" in x.message]
    assert warned and warned[0].severity == Severity.WARNING and "96" in warned[0].message
    p.printed_total = D(96)
    assert not any("原表印的总分" in x.message for x in check(p))


def test_project_files_keep_both_and_leave_them_out_when_default():
    p = _project(budget_item=False, printed_total=D("97.5"))
    assert loads(dumps(p)) == p
    body = json.loads(dumps(_project()))["project"]
    assert "budget_item" not in body and "printed_total" not in body  # older versions read it as before
    older = json.loads(dumps(_project()))
    assert loads(json.dumps(older)).budget_item is True


def test_next_year_keeps_the_item_choice_and_drops_the_printed_total():
    p = next_year(_project(budget_item=False, printed_total=D(98)))
    assert not p.budget_item and p.printed_total is None and p.year == 2024


def test_wan_alone_is_a_unit():
    assert (parse_amount("150万"), parse_amount("125.25万"), parse_amount("１５０ 万")) == (D(150), D("125.25"), D(150))
