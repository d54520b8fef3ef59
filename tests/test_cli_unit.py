"""A unit's folder on the command line: summary, export --combined, export DIR, new NEWDIR --from OLDDIR."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from cli.unit import STDOUT_ORDER
from model import evaluate
from model.project_file import load_project, save_project
from model.unit.summary import build_summary
from model.unit import load_unit
from tests.conftest import REFERENCE_IDS
from tests.helpers import reference_project
from tests.test_cli import run


@pytest.fixture
def folder(tmp_path) -> Path:
    d = tmp_path / "2022"
    d.mkdir()
    for i in REFERENCE_IDS:
        save_project(reference_project(i), d / f"2022年{i}.zpb.json")
    return d


def test_summary_prints_the_table_and_writes_docx_and_xlsx(folder, tmp_path):
    out = run("summary", str(folder), "--docx", str(tmp_path / "s.docx"), "--xlsx", str(tmp_path / "s.xlsx"))
    assert out.returncode == 0, out.stderr
    summary = build_summary(load_unit(folder))
    totals = summary.total_texts()
    assert "\t".join(totals[i] for i in STDOUT_ORDER) in out.stdout
    assert summary.grade_line() in out.stdout
    doc = Document(str(tmp_path / "s.docx"))
    section = doc.sections[0]
    assert section.page_width > section.page_height  # landscape
    header = doc.tables[0].rows[0]._tr
    assert header.trPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") is not None
    assert len(doc.tables[0].rows) == len(REFERENCE_IDS) + 2
    wb = load_workbook(tmp_path / "s.xlsx")
    ws = wb["汇总表"]
    last = 3 + len(REFERENCE_IDS)
    assert f"SUM(E4:E{last})" in ws[f"E{last + 1}"].value  # live: says when some rows leave it blank
    assert "SUMPRODUCT(ISNUMBER(E4" in ws[f"G{last + 1}"].value  # over the rows with both figures
    assert ws.print_title_rows == "$3:$3" and ws.page_setup.orientation == "landscape"
    assert len(wb["等级与执行率"]._charts) == 2  # projects per 等级 and per 执行率 band


def test_summary_exit_codes(folder, tmp_path):
    target = tmp_path / "s.docx"
    target.write_bytes(b"a clerk's file")
    out = run("summary", str(folder), "--docx", str(target))
    assert out.returncode == 1 and "已存在" in out.stderr and target.read_bytes() == b"a clerk's file"
    assert run("summary", str(folder), "--docx", str(target), "--force").returncode == 0
    (folder / "坏.zpb.json").write_text("{", encoding="utf-8")
    out = run("summary", str(folder))
    # said on stderr, never a row of the table, nor a count beside its rows
    assert out.returncode == 2 and "坏.zpb.json" in out.stderr and "坏" not in out.stdout
    assert f"共 {len(REFERENCE_IDS)} 个项目" in out.stdout
    input_file = folder / f"2022年{REFERENCE_IDS[0]}.zpb.json"
    before = input_file.read_bytes()
    out = run("summary", str(input_file), "--xlsx", str(input_file), "--force")
    assert out.returncode == 1 and input_file.read_bytes() == before
    assert run("summary", str(tmp_path / "empty-nothing")).returncode == 2


def test_export_combined_docx_has_the_summary_then_a_page_per_project(folder, tmp_path):
    target = tmp_path / "全部.docx"
    out = run("export", str(folder), "--combined", str(target))
    assert out.returncode == 0, out.stderr
    doc = Document(str(target))
    landscape = [s.page_width > s.page_height for s in doc.sections]
    assert landscape == [True] + [False] * len(REFERENCE_IDS)
    assert len(doc.tables) == 1 + len(REFERENCE_IDS)
    assert doc.tables[1].cell(0, 2).text == reference_project(REFERENCE_IDS[0]).name


def test_export_combined_xlsx_has_a_sheet_per_project(folder, tmp_path):
    target = tmp_path / "全部.xlsx"
    assert run("export", str(folder), "--combined", str(target)).returncode == 0
    wb = load_workbook(target)
    assert wb.sheetnames[:2] == ["汇总表", "等级与执行率"]
    assert len(wb.sheetnames) == 2 + len(REFERENCE_IDS)
    assert wb.sheetnames[2].startswith("1 ") and wb.worksheets[2]["C3"].value == reference_project(REFERENCE_IDS[0]).name
    assert run("export", str(folder), "--combined", str(tmp_path / "x.pdf")).returncode == 2


def test_export_a_folder_writes_every_project_in_order(folder, tmp_path):
    for i in REFERENCE_IDS:  # 16 projects: enough to run on several processes
        save_project(reference_project(i), folder / f"2022年x{i}.zpb.json")
    out = run("export", str(folder), "--outdir", str(tmp_path / "out"))
    assert out.returncode == 0, out.stderr
    written = [line.split(" ", 1)[1] for line in out.stdout.splitlines()]
    names = sorted(p.name for p in folder.glob("*.zpb.json"))
    assert [Path(w).name for w in written] == [n.replace(".zpb.json", f".{f}") for n in names for f in ("docx", "xlsx")]
    with zipfile.ZipFile(tmp_path / "out" / names[-1].replace(".zpb.json", ".xlsx")) as z:
        assert z.testzip() is None


def test_new_folder_from_last_years_folder(folder, tmp_path):
    (folder / "坏.zpb.json").write_text("{", encoding="utf-8")
    new = tmp_path / "2023"
    out = run("new", str(new), "--from", str(folder))
    assert out.returncode == 1 and "坏.zpb.json" in out.stderr  # the broken one said, the others written
    names = sorted(p.name for p in new.iterdir())
    assert names == [f"2023年{i}.zpb.json" for i in REFERENCE_IDS]
    p = load_project(new / names[0])
    assert p.year == 2023 and p.total_funds.executed is None and all(not i.actual for i in p.indicators)
    assert p.name == reference_project(REFERENCE_IDS[0]).name
    again = run("new", str(new), "--from", str(folder))
    assert again.returncode == 1 and "已存在" in again.stderr
    assert evaluate(load_project(new / names[0])).total < 100
