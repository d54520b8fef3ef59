"""One answer for an unfinished project, everywhere, and only the clerk's words in what is handed in.

A folder holds finished projects, one with no 全年预算数 (its 预算执行率 cannot be scored: 待定),
one whose shortfall has no 偏差原因, and a file that is not a project at all. `check`, the
overview's table, the 汇总表 (stdout, Word, Excel, the combined file) and the department's
figures and report must all say 待定 for the unfinished one and count it apart, leave the broken
file out of every table and count (saying it on stderr and in the window), and carry none of the
program's instructions ("请…", "无法计算…").
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from model.department.file import department_path, save_department
from model.project_file import save_project
from tests.conftest import REFERENCE_IDS
from tests.department_seeds import bishan
from tests.helpers import cli, reference_project, soffice_convert
from ui.overview.table_model import Col
from tests.ui.conftest import shown_overview

BROKEN = "损坏的文件.zpb.json"
UNFINISHED = "政府热线经费（未完）"
SHORT = "监督中心工作经费（偏差）"
# what the checker says to the clerk in the window, and must never be printed or handed in
INSTRUCTIONS = re.compile(r"请填写|请补全|请改正|无法计算|手动填写得分|不是有效的项目文件|低于分值|应为 100")


@pytest.fixture
def folder(tmp_path) -> Path:
    d = tmp_path / "单位"
    d.mkdir()
    ids = REFERENCE_IDS[:4]
    for k, i in enumerate(ids):
        p = reference_project(i)
        if k == 1:
            p.name = UNFINISHED
            p.total_funds.annual_budget = None  # no 执行率, no score: the total is partial
            for row in p.funds[1:]:
                row.annual_budget = None
        if k == 2:
            p.name = SHORT
            ind = p.indicators[-1]
            ind.target, ind.actual, ind.deviation = "≥96%", "95%", ""  # 9.9 → 10, and still short
        save_project(p, d / f"{k + 1:02d}.zpb.json")
    (d / BROKEN).write_text("{ 这不是项目文件", encoding="utf-8")
    dept = bishan()
    dept.indicators[0].hand_score = None  # one of the department's own indicators unscored: 待定 too
    save_department(dept, department_path(d))
    return d


def _docx_text(path: Path) -> str:
    doc = Document(str(path))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def _xlsx_text(path: Path) -> str:
    wb = load_workbook(path)
    return "\n".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
                     if c.value is not None)


def _handed_in(text: str) -> str:
    """The text less the report's marked places (【待填写：…】), which are for the clerk to fill."""
    return re.sub(r"【待填写：[^】]*】", "", text)


def test_one_grade_and_no_instruction_in_any_output(folder, tmp_path, capsys, qtbot, fake):
    n = 4  # readable projects
    # check: 待定 for the unfinished one, a grade for the others; the broken file on stderr
    code, out, err = cli(capsys, "check", folder / "02.zpb.json")
    assert code == 1 and "等级：待定" in out
    code, out, err = cli(capsys, "check", folder / "01.zpb.json")
    assert "等级：优" in out
    code, out, err = cli(capsys, "check", folder / "03.zpb.json")
    assert code == 1 and "等级：优" in out and "未达到年度指标值" in out  # the reason is due

    # the 汇总表 on stdout and in Word and Excel
    outs = {fmt: tmp_path / f"汇总表.{fmt}" for fmt in ("docx", "xlsx")}
    code, out, err = cli(capsys, "summary", folder, "--docx", outs["docx"], "--xlsx", outs["xlsx"])
    assert code == 2 and BROKEN in err  # said, and the batch knows a file could not be read
    rows = [line.split("\t") for line in out.splitlines()[2:2 + n]]
    assert [r[1] for r in rows][1:3] == [UNFINISHED, SHORT]
    by_name = {r[1]: r for r in rows}
    assert by_name[UNFINISHED][6:9] == ["待定", "待定", "未完成评分"]  # no partial score, no grade
    assert by_name[SHORT][7:9] == ["优", "未填偏差原因"]
    assert f"共 {n} 个项目：优 {n - 1} 个，良 0 个，中 0 个，差 0 个，另有 1 个项目尚未完成评分" in out
    assert f"\t{n}个项目\t" in out and "损坏" not in out
    docx_text, xlsx_text = _docx_text(outs["docx"]), _xlsx_text(outs["xlsx"])
    for text in (docx_text, xlsx_text):
        assert "未完成评分" in text and "待定" in text and "损坏" not in text
        assert not INSTRUCTIONS.search(text), INSTRUCTIONS.search(text)
    doc = Document(str(outs["docx"]))
    assert len(doc.tables[0].rows) == 1 + n + 1  # header, the readable projects, 合计
    assert f"另有 1 个项目尚未完成评分" in docx_text

    # Excel counts by formula: LibreOffice recalculates, and the counts agree with the rows
    recalc = tmp_path / "recalc"
    recalc.mkdir()
    soffice_convert([outs["xlsx"]], "xlsx", recalc)
    ws = load_workbook(recalc / "汇总表.xlsx", data_only=True)["汇总表"]
    total = 4 + n
    assert ws[f"C{total}"].value == f"{n}个项目"
    counts = {ws.cell(total + 1, c).value: ws.cell(total + 1, c + 1).value for c in (2, 4, 6, 8)}
    assert counts == {"优": n - 1, "良": 0, "中": 0, "差": 0}
    assert ws.cell(total + 1, 10).value == "另有 1 个项目尚未完成评分"
    chart = load_workbook(recalc / "汇总表.xlsx", data_only=True)["等级与执行率"]
    assert {chart.cell(r, 1).value: chart.cell(r, 2).value for r in range(2, 7)} == \
        {"优": n - 1, "良": 0, "中": 0, "差": 0, "待定": 1}

    # the combined file: the same table, a form per readable project
    combined = tmp_path / "全部.docx"
    code, out, err = cli(capsys, "export", folder, "--combined", combined)
    assert code == 2 and BROKEN in err
    text = _docx_text(combined)
    assert len(Document(str(combined)).tables) == 1 + n and not INSTRUCTIONS.search(text)

    # the department: counts as the 汇总表, its own unfinished total 待定, never 差
    report = tmp_path / "报告.docx"
    table = tmp_path / "部门.xlsx"
    code, out, err = cli(capsys, "department", folder, "--report", report, "--xlsx", table)
    assert BROKEN in err and BROKEN not in out
    assert f"我单位共{n}个预算项目，已完成评分{n - 1}个，另有1个项目尚未完成评分" in out
    assert "等级：待定" in out
    report_text = _docx_text(report)
    assert f"另有1个项目尚未完成评分" in report_text and "等级为“差”" not in report_text
    assert "总得分和等级待定" in report_text
    assert not INSTRUCTIONS.search(_handed_in(report_text)), INSTRUCTIONS.search(_handed_in(report_text))
    assert "待定" in _xlsx_text(table) and not INSTRUCTIONS.search(_xlsx_text(table))

    # the overview's table: the same 待定, the broken file shown as such (the window's business)
    w = shown_overview(qtbot, fake, folder)
    model = w.proxy.sourceModel()
    grades = {model.entry(r).name: model.index(r, Col.GRADE).data() for r in range(model.rowCount())}
    assert grades[UNFINISHED] == "待定" and grades[SHORT] == "优"
    assert "另有 1 个项目尚未完成评分" in w.totals.text() and "1 个无法读取" in w.totals.text()
    # the window's 汇总表: written without the broken file, which the clerk is told about
    fake.next_save = str(tmp_path / "窗口汇总表.xlsx")
    w.export_summary("xlsx")
    assert any(BROKEN in m and "未列入" in m for m in fake.infos)
    assert "损坏" not in _xlsx_text(tmp_path / "窗口汇总表.xlsx")
    w.close()


def test_the_report_names_a_low_project_with_the_clerks_words_or_a_place_to_write(folder, tmp_path, capsys):
    p = reference_project(REFERENCE_IDS[0])
    p.name = "低分项目"
    p.indicators[1].actual = "差"  # 0 of 15: 85, and no reason written
    save_project(p, folder / "05.zpb.json")
    report = tmp_path / "报告.docx"
    cli(capsys, "department", folder, "--report", report)
    text = _docx_text(report)
    assert "低分项目自评85分，原因是【待填写：低分项目得分较低的原因】" in text
    assert "绩效指标第" not in text and not INSTRUCTIONS.search(_handed_in(text))
    p.indicators[1].deviation = "受疫情影响，\n部分活动延期。"
    save_project(p, folder / "05.zpb.json")
    cli(capsys, "department", folder, "--report", report, "--force")
    assert "低分项目自评85分，原因是受疫情影响， 部分活动延期。" in _docx_text(report)
