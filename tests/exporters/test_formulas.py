"""The sheet's formulas are the model's rules: a sheet LibreOffice recalculates shows the 执行率,
预算执行率 得分 and 总分 that model.evaluate gives, on random amounts, 分值 and rule profiles."""
from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from exporters.xlsx_writer import write_xlsx
from model import FundsKind, Project, evaluate, profile_names
from model.text import join_lines
from tests.helpers import reference_project, soffice_convert

pytestmark = pytest.mark.slow

_amount = st.none() | st.decimals(min_value=0, max_value=Decimal(100000), places=6, allow_nan=False,
                                  allow_infinity=False).map(lambda d: d.normalize() + 0)
_case = st.tuples(_amount, _amount, st.none() | st.integers(0, 40).map(Decimal),
                  st.sampled_from(profile_names()))
# ties the rounding must take upwards (分值 × 执行率 ending in .5), a budget of 0, an overspend
_TIES = [(Decimal(10), Decimal("4.5"), Decimal(10), "朝阳区"), (Decimal(8), Decimal(1), Decimal(20), "朝阳区"),
         (Decimal(8), Decimal("0.1"), Decimal(5), "财预〔2020〕10号"), (Decimal(0), Decimal(3), Decimal(10), "朝阳区"),
         (Decimal(3), Decimal("3.3"), Decimal(10), "朝阳区"), (None, Decimal(1), Decimal(10), "朝阳区")]


def _project(budget, executed, weight, profile) -> Project:
    p = reference_project("01")
    total = p.funds_row(FundsKind.TOTAL)
    total.annual_budget, total.executed = budget, executed
    p.budget_weight, p.budget_hand_score, p.profile = weight, None, profile
    return p


def _cell_right_of(ws, label: str, cols: int):
    anchor = next(c for row in ws.iter_rows() for c in row  # a label may be printed on two lines
                  if isinstance(c.value, str) and join_lines(c.value) == label)
    return ws.cell(anchor.row, anchor.column + cols).value


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(cases=_TIES)
@given(cases=st.lists(_case, min_size=8, max_size=8))
def test_recalculated_sheet_equals_the_model(cases):
    """One LibreOffice run per example recalculates every drawn sheet (it starts slowly)."""
    with tempfile.TemporaryDirectory(prefix="zpb-formulas-") as tmp:
        src, out = Path(tmp, "src"), Path(tmp, "out")
        src.mkdir(), out.mkdir()
        projects = [_project(*c) for c in cases]
        for i, p in enumerate(projects):
            write_xlsx(p, src / f"{i}.xlsx")
        soffice_convert(sorted(src.glob("*.xlsx")), "xlsx", out)
        for i, p in enumerate(projects):
            ev = evaluate(p)
            ws = openpyxl.load_workbook(out / f"{i}.xlsx", data_only=True).active
            rate, score = _cell_right_of(ws, "年度资金总额", 5), _cell_right_of(ws, "年度资金总额", 6)
            shown_rate = "" if rate in (None, "") else f"{Decimal(repr(rate)) * 100:.2f}%"
            assert shown_rate == ev.rate_text(FundsKind.TOTAL), cases[i]
            want = ev.budget.value
            assert (score in (None, "")) == (want is None), cases[i]
            if want is not None:
                assert Decimal(repr(score)) == want, cases[i]
            total = _cell_right_of(ws, "总分", 7)
            if not ev.complete:  # a partial sum is no 总分, in the sheet as in the model
                assert total == ev.grade == "待定", cases[i]
                continue
            assert abs(Decimal(repr(total)) - ev.total) < Decimal("1e-9"), cases[i]
