"""The standard skeleton a new project starts from."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from model import Indicator, check, evaluate
from model.skeleton import OPTIONAL_ROWS, optional_row_position, report_year, skeleton_project


def test_the_year_is_the_one_that_just_ended():
    assert report_year(date(2026, 1, 5)) == 2025
    assert report_year(date(2026, 12, 31)) == 2025
    assert skeleton_project(date(2024, 3, 1)).year == 2023


def test_the_skeleton_has_the_standard_groups_and_the_50_30_10_split():
    p = skeleton_project(date(2025, 2, 1), name="项目")
    rows = [(i.level1, i.level2) for i in p.indicators]
    assert rows == [("产出指标", "数量指标"), ("产出指标", "质量指标"), ("产出指标", "时效指标"),
                    ("产出指标", "成本指标"), ("效益指标", "社会效益"), ("满意度指标", "服务对象满意度指标")]
    by_group: dict[str, Decimal] = {}
    for ind in p.indicators:
        by_group[ind.level1] = by_group.get(ind.level1, Decimal(0)) + ind.weight
    assert by_group == {"产出指标": 50, "效益指标": 30, "满意度指标": 10}
    assert evaluate(p).weight_sum == 100  # with the 10 of 预算执行率
    assert not any("分值合计" in pr.message for pr in check(p))  # neither the total nor a group's
    assert skeleton_project().indicators[0] is not skeleton_project().indicators[0]


def test_an_optional_row_goes_after_its_group_or_where_the_group_belongs():
    inds = skeleton_project().indicators
    assert ("效益指标", "经济效益") in OPTIONAL_ROWS
    assert optional_row_position(inds, "效益指标") == 5
    no_benefit = [i for i in inds if i.level1 != "效益指标"]
    assert optional_row_position(no_benefit, "效益指标") == 4  # before 满意度
    written = [Indicator(level1="产出指标"), Indicator(level1="满意度")]  # the reference forms' spelling
    assert optional_row_position(written, "效益指标") == 1
    assert optional_row_position([], "效益指标") == 0
