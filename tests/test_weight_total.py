"""The 分值 合计 printed beside the 总分 is 待定 while a 分值 is blank or unreadable, as the 总分
is while a 得分 is: the sum of the readable ones (90 where a row's 分值 reads '十') was printed as the
form's 分值 合计 — a plausible, partial number — in Word, Excel, the PDF and the 部门整体 table."""
from __future__ import annotations

import subprocess

from docx import Document
from openpyxl import load_workbook

from model import check, evaluate
from model.project_file import save_project
from tests.helpers import reference_project, soffice_convert
from tests.test_cli import run


def _weight_unreadable():
    """Reference form 01 (分值 100) whose first indicator's 分值 reads '十', scored 9 by hand:
    the 总分 is complete, the 分值 合计 is not."""
    p = reference_project("01")
    assert evaluate(p).weight_sum_text() == "100"
    p.indicators[0].set_number("weight", "十")
    p.indicators[0].set_number("hand_score", "9")
    return p


def test_the_weight_total_is_pending_and_said_partial():
    p = _weight_unreadable()
    ev = evaluate(p)
    assert ev.weights_missing == 1 and ev.weight_sum_text() == "待定"
    assert "另有 1 项分值未填或无法读取" in ev.weight_sum_words()
    said = [str(x) for x in check(p, ev) if "分值合计" in x.message]
    assert said and "另有 1 项" in said[0], said
    p.indicators[0].set_number("weight", None)  # blank, not unreadable: the same
    assert evaluate(p).weight_sum_text() == "待定"
    p.indicators[0].set_number("weight", "10")
    assert evaluate(p).weight_sum_text() == "100"


def test_word_excel_and_the_pdf_print_it_pending(tmp_path):
    path = tmp_path / "甲.zpb.json"
    save_project(_weight_unreadable(), path)
    docx, xlsx, pdf = tmp_path / "甲.docx", tmp_path / "甲.xlsx", tmp_path / "甲.pdf"
    out = run("export", str(path), "--docx", str(docx), "--xlsx", str(xlsx), "--pdf", str(pdf))
    assert out.returncode == 0, out.stderr
    total_row = [c.text for c in Document(str(docx)).tables[0].rows[-1].cells]
    assert "待定" in total_row and "90" not in total_row, total_row

    soffice_convert([xlsx], "xlsx", tmp_path / "recalc")
    sheet = load_workbook(tmp_path / "recalc" / xlsx.name, data_only=True).active
    total = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "总分")
    assert "待定" in total and 90 not in total, total

    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    line = next(x for x in text.splitlines() if x.strip().startswith("总分"))
    assert "待定" in line and " 90 " not in f" {line} ", line


def test_the_department_table_prints_it_pending_too():
    from exporters.department.layout import build_department_layout
    from tests.department_seeds import jinsong

    def weight_total(dept) -> str:
        row = build_department_layout(dept).rows[-1]
        assert row.cells[0].text == "总分"
        return row.cells[1].text
    dept = jinsong()
    assert weight_total(dept) not in ("", "待定")
    dept.indicators[0].weight = None
    assert weight_total(dept) == "待定"
