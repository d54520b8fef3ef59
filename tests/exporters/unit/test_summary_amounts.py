"""The 汇总表's amounts in Excel show the decimals they were typed with, as the form's do: in the
General format Excel shows at most 11 digits, so 123456.789012 万元 printed as 123456.789 (and
its 合计 likewise) beside the Word copy's 123456.789012."""
from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from openpyxl import load_workbook

from exporters.unit.summary_xlsx import write_summary_xlsx
from model.unit import UnitEntry
from model.unit.summary import build_summary
from tests.helpers import reference_project

AMOUNTS = ("123456.789012", "53.808", "0.000001", "18")


def test_every_amount_and_sum_shows_its_typed_decimals(tmp_path):
    entries = []
    for i, amount in enumerate(AMOUNTS):
        project = reference_project("01")
        for field in ("initial_budget", "annual_budget", "executed"):
            project.total_funds.set_amount(field, amount)
        entries.append(UnitEntry(Path(f"{i}.zpb.json"), project))
    summary = build_summary(entries)
    write_summary_xlsx(summary, tmp_path / "s.xlsx")
    ws = load_workbook(tmp_path / "s.xlsx")["汇总表"]
    for r, amount in enumerate(AMOUNTS, 4):
        places = len(amount.partition(".")[2])
        for col in (4, 5, 6):  # 年初预算数, 全年预算数, 全年执行数
            cell = ws.cell(r, col)
            assert D(str(cell.value)) == D(amount)
            assert cell.number_format == ("0." + "0" * places if places else "0"), (amount, cell.number_format)
    total = ws.cell(4 + len(AMOUNTS), 5)
    assert str(total.value).startswith("=")
    assert total.number_format == "0.000000"  # 123528.597013: the sum's own decimals, as Word prints it
    assert summary.totals.sums["annual_budget"].value == D("123528.597013")
