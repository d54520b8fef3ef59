"""Hostile inputs found by the red team on numbers, formulas, two figures in a cell and file names."""
from __future__ import annotations

import json

import pytest

from model.project_file import load_project, save_project
from tests.conftest import REFERENCE_IDS
from tests.helpers import cli, reference_project


def _file_with_executed(path, written: str):
    """A project file whose first 全年执行数 is written by hand as written."""
    save_project(reference_project(REFERENCE_IDS[0]), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["project"]["funds"][0]["executed"] = written
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("typed", ["1_000", "0x10", "1e3", "Infinity", "NaN", "+5", "5.", "١٢", "1,000"])
def test_a_project_file_number_python_alone_reads_is_no_number(tmp_path, capsys, typed):
    """Decimal('1_000') is 1000 and Decimal('١٢') is 12: a hand-edited file holding them is not
    read as another number; the cell is kept as written and check names it."""
    path = _file_with_executed(tmp_path / "甲.zpb.json", typed)
    project = load_project(path)
    assert project.funds[0].executed is None and project.funds[0].unreadable == {"executed": typed}
    code, out, err = cli(capsys, "check", path)
    assert code == 1 and f"“{typed}”不是金额" in out and "全年执行数" in out, out


def test_a_number_the_program_writes_reads_back(tmp_path):
    from decimal import Decimal
    project = reference_project(REFERENCE_IDS[0])
    project.funds[0].set_amount("executed", "0.0000001")
    project.indicators[0].set_number("weight", "-0")
    path = tmp_path / "乙.zpb.json"
    save_project(project, path)
    back = load_project(path)
    assert back.funds[0].executed == Decimal("0.0000001") and back.funds[0].unreadable == {}
    assert back == project


def test_a_printed_total_python_alone_reads_is_refused(tmp_path):
    from model.project_file import ProjectFileError
    path = tmp_path / "丙.zpb.json"
    save_project(reference_project(REFERENCE_IDS[0]), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["project"]["printed_total"] = "9_5"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ProjectFileError, match="表上的总分：应为数字"):
        load_project(path)


@pytest.mark.parametrize("typed", ["١٢", "1_000", "٣٠万元"])
def test_digits_of_other_scripts_are_no_amount(typed):
    from model.numbers import NotANumber, parse_amount, parse_plain, parse_quantity
    with pytest.raises(NotANumber):
        parse_amount(typed)
    with pytest.raises(NotANumber):
        parse_plain(typed)
    assert parse_quantity(typed) is None or parse_quantity(typed).value != 12


def _own_export_with(tmp_path, capsys, edit) -> tuple:
    import openpyxl
    from exporters.xlsx_writer import write_xlsx
    path = tmp_path / "甲.xlsx"
    write_xlsx(reference_project(REFERENCE_IDS[0]), path)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    row = next(r for r in range(1, ws.max_row + 1)
               if any(str(ws.cell(r, c).value or "").replace("\n", "") == "年度资金总额" for c in range(1, 6)))
    col = next(c for c in range(1, 10) if str(ws.cell(row - 1, c).value or "") == "全年执行数")
    edit(ws, row, col)
    wb.save(path)
    return path, ws.cell(row, col).coordinate


def test_a_script_formula_in_our_own_export_is_no_blank(tmp_path, capsys):
    """openpyxl saves '=E7*0.9' with no result: read with data_only it is None, which check
    reported as '全年执行数未填'. The cell is named as a formula without its result."""
    def edit(ws, row, col):
        ws.cell(row, col).value = f"={ws.cell(row, col - 1).coordinate}*0.9"
    path, ref = _own_export_with(tmp_path, capsys, edit)
    code, out, err = cli(capsys, "check", path)
    assert code != 0 and "未填" not in out, out
    assert "公式没有保存计算结果" in err and ref in err and "Excel 或 WPS" in err, err
    code, out, err = cli(capsys, "import", path, "-o", tmp_path / "甲.zpb.json")
    assert code != 0 and ref in err and not (tmp_path / "甲.zpb.json").exists()


def test_our_own_export_with_its_formulas_still_reads(tmp_path, capsys):
    path, _ = _own_export_with(tmp_path, capsys, lambda ws, row, col: None)
    code, out, err = cli(capsys, "check", path)
    assert code == 0 and "公式" not in err, (out, err)


def test_a_script_formula_in_a_combined_export_is_named(tmp_path, capsys):
    import openpyxl
    src = tmp_path / "src"
    src.mkdir()
    for i in range(2):
        save_project(reference_project(REFERENCE_IDS[i]), src / f"{i}.zpb.json")
    combined = tmp_path / "all.xlsx"
    assert cli(capsys, "export", src, "--combined", combined)[0] == 0
    assert cli(capsys, "check", combined)[0] == 0
    wb = openpyxl.load_workbook(combined)
    ws = wb.worksheets[2]
    ws["F7"] = "=E7*0.9"
    wb.save(combined)
    code, out, err = cli(capsys, "check", combined)
    assert code != 0 and "F7" in err and "公式没有保存计算结果" in err, (out, err)


def _cached_formula_form(tmp_path, capsys):
    """Our export with '=E7*0.9' in 全年执行数 and 16.2 saved as its result, as Excel saves it."""
    import re
    import zipfile

    def edit(ws, row, col):
        ws.cell(row, col).value = f"={ws.cell(row, col - 1).coordinate}*0.9"
    path, ref = _own_export_with(tmp_path, capsys, edit)
    # what Excel does on saving: the result next to the formula
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    sheet = next(n for n in parts if n.startswith("xl/worksheets/sheet"))
    parts[sheet] = re.sub(rb"(<c r=\"" + ref.encode() + rb"\"[^>]*>)(<f>[^<]*</f>)(<v>\s*</v>|<v/>|)",
                          rb"\1\2<v>16.2</v>", parts[sheet])
    assert b"<v>16.2</v>" in parts[sheet]
    with zipfile.ZipFile(path, "w") as zf:
        for n, data in parts.items():
            zf.writestr(n, data)
    return path, ref


def test_a_formula_with_its_saved_result_is_read_and_said_to_be_one(tmp_path, capsys):
    """A form saved by Excel holds the formula's result: that figure is read, and the reading
    says which cell was a formula."""
    path, ref = _cached_formula_form(tmp_path, capsys)
    from importers.xlsx_reader import read_xlsx_readings
    (reading,) = read_xlsx_readings(path)
    assert str(reading.project.funds[0].executed) == "16.2"
    assert any(ref in x and "公式" in x for x in reading.warnings), reading.warnings
    code, out, err = cli(capsys, "check", path)
    assert ref in out + err and "公式" in out + err, (out, err)


@pytest.mark.parametrize("actual, said", [("88% 92%", "88%、92%"), ("95%\n98%", "95%、98%"), ("1,5次", "“1,5”")])
def test_two_figures_or_a_decimal_comma_in_an_actual_leave_the_score_pending(tmp_path, capsys, actual, said):
    """'88% 92%' scored on 88 and '1,5次' on 1, without a word: the row's 得分 is 待定 and says why,
    in the form read back from Excel and in check."""
    from exporters.xlsx_writer import write_xlsx
    from importers.xlsx_reader import read_xlsx
    from model import evaluate
    project = reference_project(REFERENCE_IDS[0])
    i = next(k for k, ind in enumerate(project.indicators) if "%" in ind.target or "次" in ind.target)
    project.indicators[i].target = "≥90%" if "%" in actual else "≥2次"
    project.indicators[i].actual = actual
    project.indicators[i].hand_score = None
    path = tmp_path / "甲.xlsx"
    write_xlsx(project, path)
    back = read_xlsx(path)
    assert back.indicators[i].actual.split() == actual.split()
    ev = evaluate(back)
    assert ev.indicators[i].rule is None and said in ev.indicators[i].reason, ev.indicators[i].reason
    assert ev.grade == "待定"
    code, out, err = cli(capsys, "check", path)
    assert code == 1 and said in out and "待定" in out, out


def _lines_start_right(err: str) -> bool:
    return all(line.startswith(("提醒：", "错误：")) for line in err.splitlines() if line.strip())


def test_a_file_name_with_a_line_break_starts_no_line_on_stderr(tmp_path, capsys):
    """'提醒：甲' then a line '总分：100.zpb.json 有 1 个错误…': every 提醒 is one line."""
    project = reference_project(REFERENCE_IDS[0])
    project.indicators[0].weight = None  # an error: exported all the same, with a 提醒
    d = tmp_path / "d"
    d.mkdir()
    save_project(project, d / "甲\n总分：100.zpb.json")
    (d / "乙\n总分：100.zpb.json").write_text("{", encoding="utf-8")  # skipped, said
    code, out, err = cli(capsys, "export", d, "--outdir", tmp_path / "o", "--format", "docx")
    assert "仍已导出" in err and _lines_start_right(err), err
    code, out, err = cli(capsys, "summary", d)
    assert err and _lines_start_right(err.replace("共 1 个项目", "提醒：")), err


def test_an_imported_form_s_warnings_name_a_broken_file_name_on_one_line(tmp_path, capsys):
    path, ref = _cached_formula_form(tmp_path, capsys)  # a 提醒 naming the cell
    code, out, err = cli(capsys, "import", path, "-o", tmp_path / "丙\n总分：100.zpb.json")
    assert ref in err and _lines_start_right(err), err
    assert all(not line.startswith("总分：") for line in out.splitlines()), out


def test_an_amount_in_other_digits_is_exported_as_the_text_it_is(tmp_path, capsys):
    """'١٢' kept as unreadable text was written to the .xlsx as the number 12 (Decimal reads it)."""
    import openpyxl
    from exporters.xlsx_writer import write_xlsx
    project = reference_project(REFERENCE_IDS[0])
    project.funds[0].set_amount("executed", "١٢")
    assert project.funds[0].unreadable == {"executed": "١٢"}
    path = tmp_path / "丁.xlsx"
    write_xlsx(project, path)
    values = [c.value for row in openpyxl.load_workbook(path).active.iter_rows() for c in row]
    assert "١٢" in values and 12 not in values
    code, out, err = cli(capsys, "check", path)
    assert code == 1 and "“١٢”不是金额" in out, out


@pytest.mark.parametrize("written, value", [("1E-7", "0.0000001"), ("0E-7", "0"), ("1.2E+3", "1200")])
def test_a_number_an_earlier_version_wrote_reads_back(tmp_path, written, value):
    """Before 0.0000001 was written plainly, a file held str(Decimal): '1E-7', '0E-7', '1.2E+3'.
    Those files are the clerks' own and read as the numbers they were."""
    from decimal import Decimal
    project = load_project(_file_with_executed(tmp_path / "丁.zpb.json", written))
    assert project.funds[0].executed == Decimal(value) and project.funds[0].unreadable == {}
