"""A line break written as CR LF (a budget system's .xlsx stores it as '_x000D_' + LF, a project
file edited on Windows) is one line break in the model: the Word form printed it as a line end
inside its paragraph, and the form read back had a blank line the clerk never typed."""
from __future__ import annotations

import openpyxl

from exporters.docx_writer import write_docx
from importers import read_form
from model import Project
from tests.helpers import reference_project


def test_crlf_typed_in_a_sheet_reads_back_from_word_as_typed(tmp_path):
    from exporters.xlsx_writer import write_xlsx
    source = tmp_path / "系统导出.xlsx"
    write_xlsx(reference_project("01"), source)
    wb = openpyxl.load_workbook(source)
    cell = next(c for row in wb.active.iter_rows() for c in row if c.value == "保障政府热线回访工作正常开展" and c.column > 2)
    cell.value = "第一段\r\n第二段\r第三段"
    wb.save(source)
    project = read_form(source)
    assert project.goal == "第一段\n第二段\n第三段"
    write_docx(project, tmp_path / "表.docx")
    assert read_form(tmp_path / "表.docx").goal == "第一段\n第二段\n第三段"


def test_the_model_keeps_one_line_break_for_crlf():
    assert Project(name="甲\r\n乙", goal="a\rb\n\nc").name == "甲\n乙"
    assert Project(goal="a\rb\n\nc").goal == "a\nb\n\nc"
