"""An Excel cell is read as the sheet shows it, also where its number format shows another number
than it holds: the 万元 trick ('0!.0000' shows 180000 as 18.0000) was read as 180000 万元, ten
thousand times what the clerk printed and signed, in silence. What is shown is read, and said."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl

from importers import read_readings
from importers.xlsx_reader import shown_noting
from tests.conftest import FORMS


def _form(tmp_path: Path, cells: dict[str, tuple[object, str]]) -> Path:
    wb = openpyxl.load_workbook(FORMS / "01.xlsx")
    ws = wb.worksheets[0]
    for ref, (value, fmt) in cells.items():
        ws[ref] = value
        ws[ref].number_format = fmt
    path = tmp_path / "formats.xlsx"
    wb.save(path)
    return path


def test_amounts_shown_in_wan_yuan_by_their_format_are_read_as_shown_and_said(tmp_path):
    path = _form(tmp_path, {"D7": (180000, "0!.0000"), "E7": (180000, '0!.0,"万"'), "F7": (18000, "#,##0.0,")})
    [reading] = read_readings(path)
    total = reading.project.funds[0]
    assert (total.initial_budget, total.annual_budget, total.executed) == (Decimal("18.0000"), Decimal("18.0"), Decimal("18.0"))
    assert reading.warnings == [
        "工作表“自评表”的 D7：单元格中保存的数是 180000，单元格格式（0!.0000）把它显示为 18.0000：按显示的读取，请核对",
        "工作表“自评表”的 E7：单元格中保存的数是 180000，单元格格式（0!.0,\"万\"）把它显示为 18.0万：按显示的读取，请核对",
        "工作表“自评表”的 F7：单元格中保存的数是 18000，单元格格式（#,##0.0,）把它显示为 18.0：按显示的读取，请核对"]


def test_a_unit_the_format_writes_after_the_number_is_read_with_it(tmp_path):
    path = _form(tmp_path, {"F20": (95, '0"%"'), "E8": (18, '0.00"万元"'), "F8": (180000, '#,##0"元"')})
    [reading] = read_readings(path)
    assert reading.project.indicators[5].actual == "95%"  # was '95', where the sheet shows 95%
    fiscal = reading.project.funds[1]
    assert fiscal.annual_budget == Decimal(18) and fiscal.executed == Decimal(18)  # 180000元
    assert reading.warnings == [
        "工作表“自评表”的 F8：单元格中保存的数是 180000，单元格格式（#,##0\"元\"）在它后面写有“元”：按显示的“180000元”读取，请核对"]


def test_formats_that_show_the_number_it_holds_read_as_before():
    for value, fmt in ((18, '"¥"#,##0.00'), (18, "#,##0.00_ "), (18.004, "0.00"), (180000, "#,##0"),
                       (18, "[Red]0.00"), (18, "0.00;[Red]-0.00"), (18, "@"), (18.5, "# ?/?"), (18, '[>=100]0,;0')):
        assert shown_noting(value, fmt) == (str(value), ""), fmt
    assert shown_noting(0.95, "0%") == ("95%", "")


def test_a_date_is_read_as_the_date_it_is():
    import datetime as dt
    assert shown_noting(dt.datetime(2022, 12, 31), "yyyy-mm-dd") == ("2022-12-31", "")  # was '2022-12-31 00:00:00'
    assert shown_noting(dt.datetime(2022, 12, 31, 9, 30), "yyyy-mm-dd h:mm") == ("2022-12-31 09:30:00", "")
