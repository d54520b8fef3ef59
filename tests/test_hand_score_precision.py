"""A hand 得分 typed with more decimals than the form prints (3.335) counts as printed (3.34):
the printed 得分 add up to the printed 总分 in check, the window's total, Word, Excel, the PDF and
the 汇总表, and check names the cell whose digits were not printed."""
from __future__ import annotations

import subprocess
from decimal import Decimal as D

from docx import Document
from openpyxl import load_workbook

from model import check, evaluate
from model.project_file import save_project
from tests.helpers import reference_project, soffice_convert
from tests.test_cli import run


def _three_hand_scores():
    """Reference form 01 (100 points) with three indicators scored 3.335 by hand: printed
    3.34 three times, so its parts add up to 70.02 (the unrounded 70.005 printed 70.01)."""
    p = reference_project("01")
    for i in (0, 1, 2):
        p.indicators[i].set_number("hand_score", "3.335")
    return p


def test_a_hand_score_counts_as_printed_and_the_grade_follows_it():
    p = _three_hand_scores()
    ev = evaluate(p)
    assert [s.value for s in ev.indicators[:3]] == [D("3.34")] * 3
    assert ev.total == D("70.02") and ev.total_text() == "70.02"
    assert "填写 3.335" in ev.indicators[0].reason
    # 19.995 of 30 prints 20: the total is 90 and the grade 优, not 良 from 89.995
    p = reference_project("01")
    p.indicators[4].set_number("hand_score", "19.995")
    assert p.indicators[4].weight == 30
    ev = evaluate(p)
    assert (ev.total, ev.grade) == (D(90), "优")


def test_check_names_the_cell_whose_digits_are_not_printed():
    p = _three_hand_scores()
    said = [str(x) for x in check(p) if "多于两位小数" in x.message]
    assert said == [f"[提醒] 绩效指标第 {i} 行·得分：得分 3.335 多于两位小数：表上印 3.34，总分也按 3.34 计；"
                    "请改为 3.34" for i in (1, 2, 3)]
    p.indicators[0].set_number("hand_score", "3.34")
    p.indicators[1].set_number("hand_score", "3.3")
    p.indicators[2].set_number("hand_score", "3.330")  # a trailing zero is no lost digit
    assert not [x for x in check(p) if "多于两位小数" in x.message]
    p.set_number("budget_hand_score", "9.999")
    assert [str(x) for x in check(p) if "多于两位小数" in x.message] == [
        "[提醒] 预算执行率·得分：得分 9.999 多于两位小数：表上印 10，总分也按 10 计；请改为 10"]


def test_every_output_prints_parts_that_add_up_to_its_total(tmp_path):
    path = tmp_path / "甲.zpb.json"
    save_project(_three_hand_scores(), path)
    out = run("check", str(path))
    assert "总分：70.02" in out.stdout and "多于两位小数" in out.stdout, out.stdout

    docx, xlsx, pdf = tmp_path / "甲.docx", tmp_path / "甲.xlsx", tmp_path / "甲.pdf"
    out = run("export", str(path), "--docx", str(docx), "--xlsx", str(xlsx), "--pdf", str(pdf))
    assert out.returncode == 0, out.stderr
    texts = [c.text for t in Document(str(docx)).tables for r in t.rows for c in r.cells]
    assert texts.count("3.34") >= 3 and "70.02" in texts and "70.01" not in texts

    soffice_convert([xlsx], "xlsx", tmp_path / "recalc")
    values = [c.value for row in load_workbook(tmp_path / "recalc" / xlsx.name, data_only=True).active.iter_rows()
              for c in row]
    assert 70.02 in values and values.count(3.34) == 3

    text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                  check=True).stdout.split())
    assert "70.02" in text and "70.01" not in text and text.count("3.34") == 3

    out = run("summary", str(path))
    row = next(line for line in out.stdout.splitlines() if line.split("\t")[1:2] == ["甲"] or "\t70." in line)
    assert "\t70.02\t" in row, out.stdout
