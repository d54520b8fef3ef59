from __future__ import annotations

from decimal import Decimal

import pytest

from model.numbers import NotANumber, parse_amount, parse_quantity, percent, plain, score_text


@pytest.mark.parametrize("typed, value", [
    ("18", "18"), ("53.808", "53.808"), ("93.478382", "93.478382"), ("１２．５", "12.5"),
    ("1,234.5", "1234.5"), (" 18 万元", "18"), ("180000元", "18"), ("１８万元", "18"), ("0", "0"),
])
def test_amounts_as_clerks_type_them(typed, value):
    assert parse_amount(typed) == Decimal(value)


def test_amount_keeps_every_decimal_without_float():
    assert str(parse_amount("53.808")) == "53.808"
    assert plain(parse_amount("130.929268")) == "130.929268"


@pytest.mark.parametrize("typed", ["约18", "18..5", "十八", "1,23", "18%", "abc"])
def test_unreadable_amounts_raise(typed):
    with pytest.raises(NotANumber):
        parse_amount(typed)


def test_blank_amount_is_none():
    assert parse_amount("  ") is None and parse_amount(None) is None


@pytest.mark.parametrize("value, shown", [
    ("1", "100.00%"), ("0.996444", "99.64%"), ("0.75755", "75.76%"), ("0.33335", "33.34%"),
    ("0.33333", "33.33%"), ("0", "0.00%"), ("1.05", "105.00%"),
])
def test_percent_two_decimals_half_up(value, shown):
    assert percent(Decimal(value)) == shown


def test_plain_and_score_text():
    assert plain(Decimal("18.000")) == "18" and plain(Decimal("1E+2")) == "100"
    assert score_text(Decimal("3.3333")) == "3.33" and score_text(Decimal("9.995")) == "10"


@pytest.mark.parametrize("typed, value, unit, op", [
    ("1份", "1", "份", None), ("≥90%", "90", "%", ">="), ("≤1000万元", "1000", "万元", "<="),
    ("＝100%", "100", "%", "="), ("864000", "864000", "", None), ("不低于95%", "95", "%", ">="),
    ("不超过5天", "5", "天", "<="), ("90%以上", "90", "%", ">="), ("１２．５％", "12.5", "%", None),
    ("<3次", "3", "次", "<"), ("12月31日前", "12", "月", "<="), ("5个工作日以内完成", "5", "个工作日", "<="),
    ("12月底前完成", "12", "月", "<="),
])
def test_quantities_in_targets(typed, value, unit, op):
    q = parse_quantity(typed)
    assert (q.value, q.unit, q.op) == (Decimal(value), unit, op)


def test_no_number_no_quantity():
    assert parse_quantity("优良中低差") is None


@pytest.mark.parametrize("typed", ["18 19", "18\n19", "1.5 234", "1234 567", "10 0", "18\u300019"])
def test_two_numbers_in_one_cell_are_no_number(typed):
    """Whitespace between digits is a thousands separator only where it groups by three ('1 234
    567'): two figures in one cell ('18 19', a cell of two lines) were read as 1819."""
    from model.numbers import parse_plain
    with pytest.raises(NotANumber):
        parse_amount(typed)
    with pytest.raises(NotANumber):
        parse_plain(typed)


@pytest.mark.parametrize("typed, value", [("1 234 567", "1234567"), ("12 345.6", "12345.6"), ("180 000元", "18"),
                                          (" 18 万元 ", "18"), ("- 5", "-5")])
def test_spaces_that_group_thousands_or_pad_are_read(typed, value):
    assert parse_amount(typed) == Decimal(value)


@pytest.mark.parametrize("typed, value, unit", [("≤1 200元/平方米", "1200", "元/平方米"), ("≥ 1 000 人", "1000", "人"),
                                                ("12 345.5万元", "12345.5", "万元"), ("1 2345人", "1", "")])
def test_quantities_grouped_by_spaces_are_one_number(typed, value, unit):
    """'≤1 200元/平方米' was read as 1 with no unit: its actual '1 500元/平方米' then met the cap
    (1 ≤ 1) and scored full marks."""
    q = parse_quantity(typed)
    assert q is not None and (q.value, q.unit) == (Decimal(value), unit)


def test_a_cap_written_with_grouped_thousands_is_scored_on_its_numbers():
    from model import evaluate
    from tests.helpers import reference_project
    p = reference_project("01")
    ind = p.indicators[0]
    ind.target, ind.actual = "≤1 200元/平方米", "1 500元/平方米"
    score = evaluate(p).indicators[0]
    assert score.value is not None and score.value < ind.weight  # over the cap: not full marks
