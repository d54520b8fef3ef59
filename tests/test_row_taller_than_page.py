"""A row no A4 page can hold is never cut off in silence. A long 偏差原因 (3,000 characters)
continues in rows below its indicator, on the next pages, in Word, Excel and the printout alike,
every character printed and read back; a row whose other cells hold more than a page (a target
of 3,000 characters, which is never broken up) is said by export and the window, naming the row.
A form whose rows each fit a page says nothing."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from docx import Document
from openpyxl import load_workbook

from exporters.layout import ROW_MAX_MM, RowKind, build_layout, paginate, row_height_mm, rows_cut_off
from model.project_file import load_project, save_project
from tests.helpers import example_indicators, reference_project

ROOT = Path(__file__).resolve().parents[1]
REASON = "受疫情影响部分线下活动改为线上开展"


def project_with_reason(chars: int, n: int = 14):
    p = reference_project("02")
    p.indicators = example_indicators(n)
    p.indicators[7].deviation = (REASON * (chars // 17 + 1))[:chars]
    return p


def _flat(text: str) -> str:
    return "".join(text.split())


def test_a_reason_taller_than_a_page_continues_in_rows_below_it():
    p = project_with_reason(3000)
    layout = build_layout(p)
    assert rows_cut_off(layout) == []
    heights = [row_height_mm(layout, r) for r in layout.rows]
    assert max(heights) <= ROW_MAX_MM  # Excel's tallest row (409 pt) holds each piece too
    more = [r for r in layout.rows if r.kind == RowKind.INDICATOR_MORE]
    assert len(more) >= 2
    first = next(i for i, r in enumerate(layout.rows) if r.kind == RowKind.INDICATOR and
                 any(c.text.startswith(REASON) and len(c.text) > 100 for c in r.cells))
    pieces = [c.text for r in layout.rows[first:first + 1 + len(more)] for c in r.cells if c.col == 8]
    assert "".join(pieces) == p.indicators[7].deviation  # cut between characters, none added or lost
    assert all(p == p.strip() for p in pieces)  # a reader trims a cell: no piece ends in a space
    # the row's other cells are merged down over its pieces, its score counted once
    assert all(c.text == "" for r in more for c in r.cells if c.col != 8)
    pages = paginate(layout)
    assert 2 < len(pages) <= 5  # two pieces a page, not one


def test_rows_that_each_fit_a_page_say_nothing_and_are_not_split():
    for p in (project_with_reason(150, n=40), reference_project("02")):
        layout = build_layout(p)
        assert rows_cut_off(layout) == []
        assert not [r for r in layout.rows if r.kind == RowKind.INDICATOR_MORE]


def test_a_target_taller_than_a_page_is_said_naming_its_row():
    p = project_with_reason(150)
    p.indicators[7].target = REASON * 180
    said = rows_cut_off(build_layout(p))
    assert len(said) == 1 and "绩效指标第 8 行" in said[0] and "截去" in said[0]


def _env() -> dict[str, str]:
    import os
    return {**{k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}, "QT_QPA_PLATFORM": "offscreen"}


def _main(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          timeout=300, env=_env())


def test_every_output_prints_the_whole_reason_and_reads_it_back(tmp_path):
    p = project_with_reason(3000)
    p.indicators[7].deviation = "原因：\n" + p.indicators[7].deviation[:1500] + " 措施：" + p.indicators[7].deviation[1500:]
    p.goal = "通过对群众诉求及办理情况分析研究，" * 120  # the goal's row goes on below it too
    src = tmp_path / "长原因.zpb.json"
    save_project(p, src)
    docx, xlsx, pdf = tmp_path / "长原因.docx", tmp_path / "长原因.xlsx", tmp_path / "长原因.pdf"
    run = _main("export", str(src), "--docx", str(docx), "--xlsx", str(xlsx), "--pdf", str(pdf))
    assert run.returncode == 0, run.stderr
    assert "截去" not in run.stderr
    whole = _flat(p.indicators[7].deviation)
    text = _flat(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    layout = build_layout(p)
    pieces = [_flat(c.text) for r in layout.rows for c in r.cells if c.col == 8 and len(c.text) > 100]
    assert "".join(pieces) == whole and len(pieces) >= 3
    assert all(piece in text for piece in pieces)  # each piece printed whole, on the pages that follow
    assert int(subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
               .stdout.split("Pages:")[1].split()[0]) >= 3
    cells = [c.text for t in Document(str(docx)).tables for r in t.rows for c in r.cells]
    assert whole in _flat("".join(dict.fromkeys(cells)))
    ws = load_workbook(xlsx).active
    assert max(d.height or 0 for d in ws.row_dimensions.values()) <= 409  # Excel's tallest row
    for form in (docx, xlsx):
        back = tmp_path / f"{form.suffix[1:]}.zpb.json"
        run = _main("import", str(form), "-o", str(back))
        assert run.returncode == 0, run.stderr
        read = load_project(back)
        assert read.indicators == p.indicators and read.goal == p.goal  # one indicator, its text whole


def test_export_says_a_row_no_page_holds(tmp_path):
    p = project_with_reason(150)
    p.indicators[7].target = REASON * 180
    src = tmp_path / "长指标值.zpb.json"
    save_project(p, src)
    run = _main("export", str(src), "--pdf", str(tmp_path / "长.pdf"), "--docx", str(tmp_path / "长.docx"))
    assert run.returncode == 0, run.stderr
    assert "长指标值.zpb.json：绩效指标第 8 行文字太长" in run.stderr and "截去" in run.stderr


def test_combined_export_says_which_form_has_a_row_no_page_holds(tmp_path):
    folder = tmp_path / "单位"
    folder.mkdir()
    p = project_with_reason(150)
    p.indicators[7].target = REASON * 180
    save_project(p, folder / "长指标值.zpb.json")
    save_project(project_with_reason(3000), folder / "长原因.zpb.json")
    save_project(reference_project("02"), folder / "普通.zpb.json")
    run = _main("export", str(folder), "--combined", str(tmp_path / "全部.docx"))
    assert run.returncode == 0, run.stderr
    assert "长指标值.zpb.json：绩效指标第 8 行文字太长" in run.stderr
    assert "普通.zpb.json：" not in run.stderr and "长原因.zpb.json：" not in run.stderr


def test_the_department_table_continues_a_long_reason_and_says_a_row_no_page_holds(tmp_path):
    from model.department.file import department_path, save_department
    from tests.department_seeds import jinsong
    dept = jinsong()
    dept.indicators[2].deviation = REASON * 180
    save_department(dept, department_path(tmp_path))
    docx = tmp_path / "部门.docx"
    run = _main("department", str(tmp_path), "--docx", str(docx), "--xlsx", str(tmp_path / "部门.xlsx"))
    assert run.returncode == 0, run.stderr
    assert "截去" not in run.stderr
    cells = [c.text for t in Document(str(docx)).tables for r in t.rows for c in r.cells]
    assert _flat(REASON * 180) in _flat("".join(dict.fromkeys(cells)))
    dept.indicators[2].target = REASON * 180
    save_department(dept, department_path(tmp_path))
    again = _main("department", str(tmp_path), "--docx", str(tmp_path / "部门2.docx"), "--xlsx",
                  str(tmp_path / "部门2.xlsx"))
    assert again.returncode == 0, again.stderr
    assert "部门2.docx：绩效指标第 3 行文字太长" in again.stderr and "部门2.xlsx：绩效指标第 3 行文字太长" in again.stderr


def test_a_new_indicator_with_only_its_name_typed_is_read_back_as_its_own(tmp_path):
    """Reading our own export joins a long text's pieces again (rows whose other cells are merged
    down from the indicator above). A clerk's new indicator with only its 三级指标 typed so far
    leaves those cells blank but not merged: it stays an indicator, never glued to the name above."""
    from exporters.files import export
    from importers import read_form
    from model.project import Indicator
    p = reference_project("02")
    p.indicators = example_indicators(6)
    above = p.indicators[2]
    p.indicators.insert(3, Indicator(level1=above.level1, level2=above.level2, name="新增指标（未填完）"))
    for fmt in ("docx", "xlsx"):
        export(p, tmp_path / f"草稿.{fmt}", fmt)
        back = read_form(tmp_path / f"草稿.{fmt}")
        assert [i.name for i in back.indicators] == [i.name for i in p.indicators], fmt


def test_a_row_taller_than_an_excel_row_is_said_for_the_xlsx_alone(tmp_path):
    """A 年度指标值 of 200 characters: a row of 146 mm fits a page (Word and the printout print it
    whole) but not an Excel row (409 pt): the .xlsx shows its start alone, and export says so."""
    p = project_with_reason(150)
    p.indicators[7].target = (REASON * 12)[:200]
    layout = build_layout(p)
    assert rows_cut_off(layout) == []
    said = rows_cut_off(layout, excel=True)
    assert len(said) == 1 and "绩效指标第 8 行" in said[0] and "409 磅" in said[0]
    src = tmp_path / "长指标值.zpb.json"
    save_project(p, src)
    run = _main("export", str(src), "--docx", str(tmp_path / "a.docx"), "--pdf", str(tmp_path / "a.pdf"))
    assert run.returncode == 0 and "截去" not in run.stderr, run.stderr
    run = _main("export", str(src), "--xlsx", str(tmp_path / "a.xlsx"))
    assert run.returncode == 0 and "长指标值.zpb.json：绩效指标第 8 行文字太长，Excel 的一行最高 409 磅" in run.stderr
    ws = load_workbook(tmp_path / "a.xlsx").active
    assert max(d.height or 0 for d in ws.row_dimensions.values()) > 409  # what Excel cuts to 409


def test_a_page_that_continues_a_row_names_its_indicator_but_not_its_figures(tmp_path):
    """The pages after the first piece repeat the row's 三级指标 and targets (which indicator goes
    on), never its 分值 and 得分: a 6 printed on each page reads as another indicator's points."""
    src = tmp_path / "长原因.zpb.json"
    save_project(project_with_reason(3000), src)
    pdf = tmp_path / "长原因.pdf"
    assert _main("export", str(src), "--pdf", str(pdf)).returncode == 0

    def page(n: int) -> list[str]:
        return subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout.split()
    first = next(n for n in range(1, 5) if "指标8：保障政" in page(n))
    assert page(first).count("6") >= 2  # where the row starts: its 分值 and 得分
    again = page(first + 1)  # the next page holds the row's pieces alone
    assert "指标8：保障政" in again and "6" not in again
