"""An actual written as a bare share ('0.95', '1') beside a target in per cent ('≥95%', '100%')
is not scored as 0.95% or 1%: an Excel cell of 0.95 without a % format, or a clerk's '1' for all
of it, scored 0 in silence. The row's 得分 is 待定 and its reason asks which was meant."""
from __future__ import annotations

from decimal import Decimal

import openpyxl

from importers import read_form
from model import Project, evaluate, load_profile
from model.project import Indicator
from tests.conftest import FORMS


def _score(target: str, actual: str):
    p = Project(indicators=[Indicator(level1="满意度指标", level2="服务对象满意度指标", name="满意度",
                                      target=target, actual=actual, weight=Decimal(10))])
    return evaluate(p, load_profile(p.profile)).indicators[0]


def test_a_bare_share_beside_a_percent_target_is_pending_and_asks():
    score = _score("≥95%", "0.95")
    assert score.value is None and score.reason == "实际完成值“0.95”没有写“%”，年度指标值是百分数：是 95% 还是 0.95%？请写明"
    assert _score("100%", "1").value is None


def test_figures_that_say_what_they_are_still_score():
    assert _score("≥95%", "96").value == 10  # a figure above one beside per cent is per cent
    assert _score("≥95%", "0.95%").value == 0  # written as per cent: that is what was meant
    assert _score("≤5%", "0").value == 10  # none is none in any unit
    assert _score("≤1%", "0.5").value == 10  # a target of at most one per cent: a figure under one is per cent


def test_an_excel_share_without_a_percent_format_is_not_scored_as_a_hundredth(tmp_path):
    wb = openpyxl.load_workbook(FORMS / "01.xlsx")
    wb.worksheets[0]["F20"] = 0.95  # 满意度's 实际完成值 as a number, General format: Excel shows 0.95
    path = tmp_path / "share.xlsx"
    wb.save(path)
    p = read_form(path)
    assert p.indicators[5].actual == "0.95" and p.indicators[5].target == "80%"
    ev = evaluate(p, load_profile(p.profile))
    assert ev.indicators[5].value is None and not ev.complete  # was 0 of 10: 总分 90 instead of 100
