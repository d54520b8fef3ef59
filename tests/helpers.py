"""Shared by tests: reference forms as projects, and a generator of valid projects."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from importers.grid import parse_grid, rows_from_lists
from model import FundsKind, FundsRow, Indicator, Project
from tests.conftest import reference_rows


def reference_project(form_id: str) -> Project:
    rows = reference_rows(form_id)
    return parse_grid(rows_from_lists(rows[2:]), [rows[0][0], rows[1][0]])


# texts a clerk could type, odd characters included (but no control characters: Word drops them)
_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)
_amount = st.decimals(min_value=0, max_value=Decimal("99999999.999999"), places=6,
                      allow_nan=False, allow_infinity=False).map(lambda d: d.normalize() + 0)
_weight = st.integers(0, 100).map(Decimal)


@st.composite
def projects(draw, max_indicators: int = 30) -> Project:
    funds = []
    for kind in FundsKind:
        funds.append(FundsRow(kind=kind, **{f: draw(st.none() | _amount)
                                          for f in ("initial_budget", "annual_budget", "executed")}))
    inds = draw(st.lists(st.builds(
        Indicator, level1=st.sampled_from(["产出指标", "效益指标", "满意度指标", "成本指标"]),
        level2=_text, name=_text, target=_text, actual=_text, weight=st.none() | _weight,
        hand_score=st.none() | _weight, deviation=_text), max_size=max_indicators))
    return Project(year=draw(st.none() | st.integers(2000, 2100)), name=draw(_text),
                   department=draw(_text), implementer=draw(_text), manager=draw(_text),
                   phone=draw(_text), funds=funds, goal=draw(_text), achieved=draw(_text),
                   indicators=inds, budget_hand_score=draw(st.none() | _weight))
