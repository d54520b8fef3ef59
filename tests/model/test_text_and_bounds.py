"""Text as clerks paste it and numbers within sane bounds: stored, scored and printed safely."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest

from model import NotANumber, Project, check, evaluate, parse_amount
from model.numbers import parse_plain
from model.project import FundsRow, FundsKind, Indicator
from model.project_file import ProjectFileError, dumps, loads
from model.text import clean_text


def test_word_line_breaks_become_line_breaks_and_unstorable_characters_go():
    assert clean_text("第一行\v第二行\f第三行") == "第一行\n第二行\n第三行"
    assert clean_text("a\x00b\x01c\x1fd\ufffe\uffffe\ud800f\udfff") == "abcdef"
    kept = "制表\t换行\n全角　emoji😀 私用\ue000 U+2028\u2028"
    assert clean_text(kept) == kept
    assert clean_text("回车\r\n换行\r回车") == "回车\n换行\n回车"  # one line break, as Word and Excel read it


def test_the_model_cleans_every_text_however_it_arrives():
    p = Project(name="项目\v名称\x00", goal="目标\ud83d")
    assert p.name == "项目\n名称" and p.goal == "目标"
    p.achieved = "完成\x0b"
    assert p.achieved == "完成\n"
    ind = Indicator(name="指标\x07", deviation="原因\f说明")
    assert ind.name == "指标" and ind.deviation == "原因\n说明"
    ind.set_typed("target", "≥\x0c80%")
    assert ind.target == "≥\n80%"
    data = json.loads(dumps(Project()))
    data["project"]["name"] = "载入\u000b的\u0000"
    assert loads(json.dumps(data)).name == "载入\n的"


@pytest.mark.parametrize("text", ["1e22", "1E-999999999", "1,000,000,000,000,000", "10000000000000.5",
                                  "1000000000001万元", "0.0000000000001", "NaN", "Infinity", "-1e5"])
def test_amounts_beyond_bounds_or_in_exponent_form_are_unreadable(text):
    with pytest.raises(NotANumber):
        parse_amount(text)
    with pytest.raises(NotANumber):
        parse_plain(text)
    row = FundsRow(kind=FundsKind.TOTAL)
    row.set_amount("executed", text)
    assert row.executed is None and row.unreadable["executed"] == text


def test_the_largest_sane_amounts_are_read():
    assert parse_amount("1,000,000,000,000") == Decimal(10) ** 12
    assert parse_amount("0.000000000001") == Decimal("1E-12")
    assert parse_amount("1.500000000000000000") == Decimal("1.5")


@pytest.mark.parametrize("value", ["1e22", "1E-999999999", 1e300, "-1E+30", "12345678901234567890"])
def test_a_project_file_with_absurd_numbers_loads_with_them_unreadable_and_checks_quickly(value):
    data = json.loads(dumps(Project(name="x")))
    data["project"]["funds"][0]["executed"] = value
    data["project"]["budget_weight"] = value
    p = loads(json.dumps(data))
    assert p.funds[0].executed is None and "executed" in p.funds[0].unreadable
    assert p.budget_weight is None and "budget_weight" in p.unreadable
    problems = check(p)
    text = "\n".join(map(str, problems))
    assert "全年执行数" in text and len(text) < 5000


def test_long_digit_runs_in_targets_score_without_decimal_errors():
    for target, actual in (("不低于" + "9" * 60 + "份", "5份"), ("≤0." + "0" * 40 + "1元", "9" * 40 + "元"),
                           ("1" * 30, "2" * 30), ("100%", "9" * 500 + "%")):
        p = Project(indicators=[Indicator(level1="产出指标", name="n", target=target, actual=actual,
                                          weight=Decimal(90))])
        ev = evaluate(p)
        assert ev.indicators[0].value is None and "过大" in ev.indicators[0].reason
        check(p, ev)


def test_an_unknown_rule_profile_is_a_clear_message():
    data = json.loads(dumps(Project()))
    data["project"]["profile"] = "上海市"
    with pytest.raises(ProjectFileError, match="上海市.*评分规则"):
        loads(json.dumps(data))


def test_a_year_of_odd_digits_is_no_year():
    p = Project()
    for text in ("²⁰²²", "٢٠٢٢", "9" * 400, "2022"):
        p.set_typed("year", text)
    assert p.year == 2022
    p.set_typed("year", "²")
    assert p.year is None


def test_hand_scores_outside_0_to_weight_and_negative_weights_are_errors():
    inds = [Indicator(level1="产出指标", name="a", target="1份", actual="1份", weight=Decimal(50),
                      hand_score=Decimal(140), deviation="x"),
            Indicator(level1="产出指标", name="b", target="1份", actual="1份", weight=Decimal(-50)),
            Indicator(level1="效益指标", name="c", target="1份", actual="1份", weight=Decimal(90),
                      hand_score=Decimal(-1), deviation="x")]
    p = Project(name="n", department="d", implementer="i", year=2022, indicators=inds)
    errors = [str(x) for x in check(p) if x.severity.name == "ERROR"]
    assert any("第 1 行·得分" in e and "超过分值 50" in e for e in errors)
    assert any("第 2 行·分值" in e and "负数" in e for e in errors)
    assert any("第 3 行·得分" in e and "负数" in e for e in errors)


@pytest.mark.parametrize("text", ["999999999999.123456", "1234567890.123456", "0.1234567890123456"])
def test_amounts_finer_than_a_spreadsheet_holds_are_unreadable(text):
    """Excel and LibreOffice hold 15 significant digits: 999999999999.123456 printed in the .xlsx
    as 999999999999.123000 — a wrong number on the form. No real amount needs more (一千亿万元
    to the 元 is 14)."""
    with pytest.raises(NotANumber):
        parse_amount(text)
    with pytest.raises(NotANumber):
        parse_plain(text)


@pytest.mark.parametrize("text", ["99999999.999999", "12345678.1234567", "130741.236", "0.000001", "100000000000"])
def test_amounts_within_fifteen_digits_are_read(text):
    assert parse_amount(text) is not None
