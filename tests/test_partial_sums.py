"""A sum over a folder's projects that leaves some out says so, in the same words, wherever it is
shown: the overview (tests/ui/test_overview_sums.py), the printed 汇总表 (Word, Excel as
LibreOffice recalculates it, the command line) and the department's check — never a partial sum
printed as if whole, never 0 for a figure nobody gave."""
from __future__ import annotations

import subprocess
from decimal import Decimal as D
from pathlib import Path

import pytest
from openpyxl import load_workbook

from model import FundsKind
from model.department import BudgetKind
from model.department.checks import check_department
from model.department.evaluation import figures
from model.department.report_text import budget_sentences
from model.department.file import department_path, save_department
from model.project_file import save_project
from model.unit import load_unit
from model.unit.summary import build_summary
from tests.department_seeds import department, full_marks_project
from tests.helpers import soffice_convert
from tests.test_cli import run


def _folder(tmp_path: Path) -> Path:
    """Three projects: 全年预算数 10 + 5 given, one left blank; 年初预算数 given by none."""
    folder = tmp_path / "2023"
    folder.mkdir()
    for name, budget in (("甲项目", D(10)), ("乙项目", D(5)), ("丙项目", None)):
        p = full_marks_project(name, D(1))
        row = p.funds_row(FundsKind.TOTAL)
        row.initial_budget, row.annual_budget, row.executed = None, budget, budget
        save_project(p, folder / f"{name}.zpb.json")
    return folder


def test_the_model_says_which_sums_are_partial(tmp_path):
    t = build_summary(load_unit(_folder(tmp_path))).total_texts()
    assert t[3:6] == ["—（均未填）", "15\n（另有 1 个项目未填）", "15\n（另有 1 个项目未填）"]
    # the 执行率 beside them is over the two projects that give both figures, and says so
    assert t[6] == "100.00%\n（按 2 个项目计）"


def test_the_printed_summary_says_its_sums_are_partial(tmp_path):
    folder = _folder(tmp_path)
    docx, xlsx = tmp_path / "汇总.docx", tmp_path / "汇总.xlsx"
    out = run("summary", str(folder), "--docx", str(docx), "--xlsx", str(xlsx))
    assert out.returncode == 0, out.stderr
    total = next(line for line in out.stdout.splitlines() if "\t合计\t" in line)
    cells = total.split("\t")
    assert cells[3] == cells[4] == "15 （另有 1 个项目未填）" and cells[-1] == "—（均未填）"
    assert cells[5] == "100.00% （按 2 个项目计）"

    recalc, pdf = tmp_path / "recalc", tmp_path / "pdf"
    soffice_convert([xlsx], "xlsx", recalc)
    soffice_convert([docx], "pdf", pdf)
    ws = load_workbook(recalc / xlsx.name, data_only=True)["汇总表"]
    row = 4 + 3  # header at 3, three projects
    assert ws[f"B{row}"].value == "合计"
    assert ws[f"D{row}"].value == "—（均未填）"
    # broken into lines where the Word copy breaks them
    assert ["".join(ws[f"{c}{row}"].value.split()) for c in "EF"] == ["15（另有1个项目未填）"] * 2
    assert "".join(ws[f"G{row}"].value.split()) == "100.00%（按2个项目计）"
    text = subprocess.run(["pdftotext", str(pdf / "汇总.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = "".join(text.split())
    assert flat.count("（另有1个项目未填）") == 2 and "—（均未填）" in flat and "100.00%（按2个项目计）" in flat


@pytest.mark.parametrize("filled", [True, False])
def test_a_whole_sum_is_its_number_alone_in_excel_too(tmp_path, filled):
    """Filling the blank in Excel turns the 合计 back into a plain number (the formula is live)."""
    folder = _folder(tmp_path)
    xlsx = tmp_path / "汇总.xlsx"
    assert run("summary", str(folder), "--xlsx", str(xlsx)).returncode == 0
    if filled:
        wb = load_workbook(xlsx)
        ws = wb["汇总表"]
        for r in (4, 5, 6):
            ws[f"D{r}"] = ws[f"E{r}"].value if ws[f"E{r}"].value is not None else 2
            ws[f"E{r}"] = ws[f"D{r}"].value
            ws[f"F{r}"] = ws[f"F{r}"].value if ws[f"F{r}"].value is not None else 2
        wb.save(xlsx)
    soffice_convert([xlsx], "xlsx", tmp_path / "recalc")
    ws = load_workbook(tmp_path / "recalc" / xlsx.name, data_only=True)["汇总表"]
    if filled:
        assert ws["D7"].value == ws["E7"].value == 17
        assert ws["G7"].value == 1  # every project gives both: the rate alone, a number
    else:
        assert ws["D7"].value == "—（均未填）"
        assert "".join(ws["G7"].value.split()) == "100.00%（按2个项目计）"


def test_the_department_check_counts_what_the_folder_sum_adds(tmp_path):
    folder = _folder(tmp_path)
    dept = department(2023, "本单位", annual=D(100), executed=D(100), final=D(100), carryover=D(0),
                      parts={BudgetKind.BASIC: (D(80), D(80)), BudgetKind.PROJECT: (D(20), D(20)),
                             BudgetKind.OTHER: (D(0), D(0))})
    save_department(dept, department_path(folder))
    unit = load_unit(folder)
    said = [p.message for p in check_department(dept, unit.projects) if "文件夹中" in p.message]
    assert said == ["文件夹中 2 个项目的全年预算数合计 15 万元，比项目支出全年预算数 20 万元少 5 万元"
                    "（另有 1 个项目未填全年预算数）"]
    out = run("department", str(folder))
    assert "文件夹中 2 个项目的全年预算数合计 15 万元" in out.stdout
    for p in unit.projects:
        p.total_funds.annual_budget = None
    said = [p.message for p in check_department(dept, unit.projects) if "文件夹中" in p.message]
    assert said == ["文件夹中 3 个项目均未填全年预算数，无法与项目支出全年预算数 20 万元核对"]


def test_a_department_total_left_blank_is_no_sum_of_some_of_its_parts(tmp_path):
    """合计 blank, 基本支出 spent 80 and 项目支出's 全年执行数 blank: 80 is not the department's
    全年执行数 — no 合计, no 预算执行率, and the check says which part is missing (the printed
    table leaves the cell blank, never 80 and 80%)."""
    dept = department(2023, "本单位", final=D(100), carryover=D(0),
                      parts={BudgetKind.BASIC: (D(80), D(80)), BudgetKind.PROJECT: (D(20), None)})
    assert dept.amount(BudgetKind.TOTAL, "annual_budget") == 100  # every part the unit has gives it
    assert dept.amount(BudgetKind.TOTAL, "executed") is None
    first = budget_sentences(dept, figures(dept))[0]  # the report leaves both places to write
    assert "资金总体支出【待填写：全年执行数】" in first and "项目支出【待填写：项目支出全年执行数】" in first
    said = [str(p) for p in check_department(dept)]
    assert "[错误] 部门预算·合计·全年执行数：未填写合计的全年执行数，项目支出的全年执行数也未填，各项之和不全，" \
           "无法计算预算执行率" in said
    folder = tmp_path / "d"
    folder.mkdir()
    save_department(dept, department_path(folder))
    out = run("department", str(folder), "--xlsx", str(tmp_path / "d.xlsx"))
    assert "合计：—" in out.stdout and "各项之和不全" in out.stdout
    ws = load_workbook(tmp_path / "d.xlsx").active
    total = next(r for r in ws.iter_rows() if any(c.value == "合计" for c in r))
    assert [c.value for c in total if isinstance(c.value, (int, float))] == [100]  # 全年预算数 only
