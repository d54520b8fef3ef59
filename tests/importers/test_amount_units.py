"""Amounts under a header that names another unit than 万元 (千元, 百万元, 亿元, 元) are that unit,
read exactly as 万元 and said — a form in 千元 was read as 万元, every amount ten times too large."""
from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl

from importers import read_readings
from tests.conftest import FORMS
from tests.helpers import form01_edited


def _docx_in(tmp_path: Path, unit: str) -> Path:
    return form01_edited(tmp_path, unit, lambda xml: xml.replace("（万元）", f"（{unit}）"))


def test_a_word_form_in_thousands_of_yuan_is_read_as_wan_yuan(tmp_path):
    for unit, total in (("千元", "1.8"), ("元", "0.0018"), ("百万元", "1800"), ("亿元", "180000")):
        [reading] = read_readings(_docx_in(tmp_path, unit))
        funds = reading.project.funds[0]
        assert (funds.initial_budget, funds.annual_budget, funds.executed) == (Decimal(total),) * 3, unit
        assert f"表上写明金额单位为{unit}，已换算为万元" in reading.inferred


def test_an_excel_form_with_its_unit_in_the_corner_of_the_funds_header(tmp_path):
    wb = openpyxl.load_workbook(FORMS / "01.xlsx")
    ws = wb.worksheets[0]
    ws["A6"] = "项目资金"
    ws["C6"] = "金额单位：千元"
    path = tmp_path / "千元.xlsx"
    wb.save(path)
    [reading] = read_readings(path)
    assert reading.project.funds[0].executed == Decimal("1.8")
    assert reading.project.funds[1].annual_budget == Decimal("1.8")
    # 万元 and 百万元 are not 元
    ws["C6"] = "金额单位：万元"
    wb.save(path)
    [reading] = read_readings(path)
    assert reading.project.funds[0].executed == Decimal(18) and not any("单位" in x for x in reading.inferred)


def test_a_unit_the_funds_header_states_wins_over_another_fields_label(tmp_path):
    """'总投资（亿元）' labels another figure of the header: the amounts under '项目资金（万元）' are
    万元 still — they were read as 亿元, ten thousand times what the form printed."""
    out = tmp_path / "总投资.docx"
    with zipfile.ZipFile(FORMS / "01.docx") as zi, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            data = zi.read(info)
            if info.filename == "word/document.xml":
                assert "<w:t>联系电话</w:t>".encode() in data
                data = data.replace("<w:t>联系电话</w:t>".encode(), "<w:t>总投资（亿元）</w:t>".encode())
            zo.writestr(info, data)
    [reading] = read_readings(out)
    funds = reading.project.funds[0]
    assert (funds.initial_budget, funds.annual_budget, funds.executed) == (Decimal(18),) * 3
    assert not any("亿元" in x for x in reading.inferred)
