"""What Excel neither shows nor prints is never read in silence: a hidden row or column holding
text is read and named with its cell; a hidden sheet's form (a template or last year's copy kept
out of sight) is left out when a visible sheet holds the form, and said."""
from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl

from importers import count_forms, read_form, read_readings
from tests.conftest import FORMS


def _workbook(tmp_path: Path, name: str, edit) -> Path:
    wb = openpyxl.load_workbook(FORMS / "01.xlsx")
    edit(wb)
    path = tmp_path / f"{name}.xlsx"
    wb.save(path)
    return path


def test_a_hidden_indicator_row_is_read_and_named(tmp_path):
    def hide(wb):
        wb.worksheets[0].row_dimensions[18].hidden = True  # 成本指标
    [reading] = read_readings(_workbook(tmp_path, "row", hide))
    assert len(reading.project.indicators) == 6
    assert reading.warnings == ["工作表“自评表”的 C18：这一行是隐藏的（屏幕上和打印时都看不到），其中的内容已读取，请核对"]


def test_a_column_of_zero_width_is_named_and_an_empty_hidden_one_is_not(tmp_path):
    def write(wb):
        wb.worksheets[0]["I15"] = "旧的说明"
    path = _workbook(tmp_path, "col", write)
    # as Excel writes a column dragged to no width (openpyxl drops a width of 0), and K hidden, empty
    narrow = tmp_path / "narrow.xlsx"
    with zipfile.ZipFile(path) as zi, zipfile.ZipFile(narrow, "w") as zo:
        for info in zi.infolist():
            data = zi.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<sheetData>", b'<cols><col min="9" max="9" width="0" customWidth="1"/>'
                                    b'<col min="11" max="11" width="9" hidden="1"/></cols><sheetData>', 1)
            zo.writestr(info, data)
    [reading] = read_readings(narrow)
    assert reading.project.indicators[0].deviation == "旧的说明"
    assert reading.warnings == ["工作表“自评表”的 I6：这一列是隐藏的（屏幕上和打印时都看不到），其中的内容已读取，请核对"]


def test_a_hidden_sheet_s_form_is_left_out_beside_a_visible_one(tmp_path):
    def copy(wb):
        old = wb.copy_worksheet(wb.worksheets[0])
        old.title, old.sheet_state = "去年", "hidden"
        old["C3"] = "去年的项目"
    path = _workbook(tmp_path, "sheets", copy)
    assert count_forms(path) == 1
    assert read_form(path).name == read_form(FORMS / "01.xlsx").name  # was: 2 forms, import -o refused
    [reading] = read_readings(path)
    assert reading.warnings == ["工作表“去年”是隐藏的，其中的表未读取（在 Excel 或 WPS 中取消隐藏、单独存为一个文件后可以读取）"]

    def only_hidden(wb):
        wb.create_sheet("说明")["A1"] = "本表供填写"
        wb.worksheets[0].sheet_state = "hidden"
    [reading] = read_readings(_workbook(tmp_path, "hidden", only_hidden))
    assert reading.project.name == read_form(FORMS / "01.xlsx").name
    assert reading.warnings == ["工作表“自评表”是隐藏的（在 Excel 中看不到），其中的表已读取，请核对"]


def test_a_row_struck_out_by_hand_is_read_and_said_once(tmp_path):
    from openpyxl.styles import Font

    def strike(wb):
        ws = wb.worksheets[0]
        for col in "BCDEFG":  # the 时效指标 row, struck out as cancelled
            ws[f"{col}17"].font = Font(strike=True)
    [reading] = read_readings(_workbook(tmp_path, "struck", strike))
    assert len(reading.project.indicators) == 6
    assert reading.warnings == ["工作表“自评表”的 C17：这一行有划了删除线的文字（“时效指标”等 5 格），仍按其内容读取，请核对"]
