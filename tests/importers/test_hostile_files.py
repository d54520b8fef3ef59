"""Whatever bytes a clerk (or an adversary) hands to check or import end in exit 0, 1 or 2 with a
message naming the file: broken packages, forms the program cannot read right, tables far too big."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import main
from tests.clerk_forms import clerk_docx, clerk_xlsx
from tests.conftest import FORMS, ROOT, reference_rows
from tests.helpers import cli


def _flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1:]


@pytest.mark.parametrize("name", ["01.docx", "01.xlsx"])
def test_bit_flipped_forms_are_messages(capsys, tmp_path, name):
    data = (FORMS / name).read_bytes()
    codes = set()
    for i, at in enumerate(range(30, len(data), max(1, len(data) // 60))):
        path = tmp_path / f"{i}{Path(name).suffix}"
        path.write_bytes(_flip(data, at))
        code, _, err = cli(capsys, "check", path)
        codes.add(code)
        assert code in (0, 1, 2) and (code != 2 or path.name in err)
    assert 2 in codes


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".docx", ".xlsx", ".zpb.json", ".json", ".txt"]),
       cmd=st.sampled_from(["check", "import"]))
def test_any_bytes_end_in_an_exit_code_and_no_traceback(capsys, tmp_path, data, suffix, cmd):
    path = tmp_path / f"f{suffix}"
    path.write_bytes(data)
    args = [cmd, path] + (["-o", tmp_path / "out.zpb.json", "--force"] if cmd == "import" else [])
    code, _, _ = cli(capsys, *args)
    assert code in (0, 1, 2)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(["01.docx", "02.xlsx"]), cut=st.floats(0, 1),
       patches=st.lists(st.tuples(st.floats(0, 1), st.binary(min_size=1, max_size=8)), max_size=4))
def test_damaged_real_forms_end_in_an_exit_code_and_no_traceback(capsys, tmp_path, name, cut, patches):
    data = bytearray((FORMS / name).read_bytes())
    for where, junk in patches:
        at = int(where * (len(data) - 1))
        data[at:at + len(junk)] = junk
    data = bytes(data[: max(1, int(len(data) * (0.5 + cut / 2)))])
    path = tmp_path / name
    path.write_bytes(data)
    assert cli(capsys, "check", path)[0] in (0, 1, 2)


def _project_json(**changes) -> str:
    data = json.loads((ROOT / "model" / "examples" / "example.zpb.json").read_text(encoding="utf-8"))
    data["project"].update(changes)
    return json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize("changes", [
    {"profile": "xx"}, {"profile": 5}, {"funds": []}, {"indicators": [{"weight": "1e999999"}]},
    {"indicators": [{"weight": {"x": 1}}]}, {"year": "二〇二二"}, {"year": 10 ** 400}, {"unreadable": []},
    {"name": ["a"]}, {"budget_weight": "Infinity"}, {"budget_weight": "-0"}, {"indicators": "x"},
])
def test_project_files_with_wrong_fields_are_messages(capsys, tmp_path, changes):
    path = tmp_path / "p.zpb.json"
    path.write_text(_project_json(**changes), encoding="utf-8")
    assert cli(capsys, "check", path)[0] in (0, 1, 2)


def test_a_batch_goes_on_after_a_bad_file(capsys, tmp_path):
    bad = tmp_path / "bad.zpb.json"
    bad.write_text(_project_json(profile="xx"), encoding="utf-8")
    good = tmp_path / "good.zpb.json"
    good.write_text(_project_json(name="好\v项目\x00"), encoding="utf-8")
    flipped = tmp_path / "flipped.docx"
    flipped.write_bytes(_flip((FORMS / "01.docx").read_bytes(), 2000))
    code, out, err = cli(capsys, "export", bad, flipped, good, "--outdir", tmp_path / "out")
    assert code == 2 and "bad.zpb.json" in err and "评分规则" in err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["good.docx", "good.xlsx"]


@pytest.mark.skipif(os.name == "nt", reason="FIFOs and /dev/zero")
def test_a_fifo_a_device_and_a_folder_as_file_end_quickly(tmp_path):
    fifo = tmp_path / "form.docx"
    os.mkfifo(fifo)
    for cmd in (["check", str(fifo), "/dev/zero", str(tmp_path)],
                ["import", str(fifo), "/dev/zero", "--outdir", str(tmp_path / "out")],
                ["new", str(tmp_path / "n.zpb.json"), "--from", str(fifo)]):
        out = subprocess.run([sys.executable, str(ROOT / "main.py"), *cmd], capture_output=True,
                             text=True, encoding="utf-8", timeout=60)
        assert out.returncode in (1, 2) and "Traceback" not in out.stderr and "form.docx" in out.stderr


def test_two_forms_in_one_file_are_each_checked_and_export_says_how_many(capsys, tmp_path):
    """check reads every form of a file (README); export of one file to one output says how many
    forms it holds and to import them first."""
    rows = reference_rows("01")
    table = [r for r in rows if len(r) != 1]
    path = clerk_docx(rows + table, tmp_path / "两张.docx")
    code, out, _ = cli(capsys, "check", path)
    assert code == 0 and out.count("共 2 张）") == 2 and out.count("总分：") == 2
    code, _, err = cli(capsys, "export", path, "--outdir", tmp_path / "e")
    assert code == 2 and "2 张" in err and "两张.docx" in err and "--outdir" in err
    first = [r for r in table if "总分" not in "".join(r)]  # the first table lacks its 总分 row
    path = clerk_docx(rows[:2] + first + table, tmp_path / "缺总分.docx")
    code, out, _ = cli(capsys, "check", path)
    assert out.count("共 2 张）") == 2
    wb = openpyxl.Workbook()
    for i in range(3):
        ws = wb.active if i == 0 else wb.create_sheet()
        for r, row in enumerate(rows, 1):
            for c, text in enumerate(row, 1):
                ws.cell(r, c).value = text or None
    wb.save(tmp_path / "三张.xlsx")
    code, out, _ = cli(capsys, "check", tmp_path / "三张.xlsx")
    assert code == 0 and out.count("共 3 张）") == 3


def test_formulas_without_saved_results_say_open_and_save_first(capsys, tmp_path):
    path = clerk_xlsx(reference_rows("01"), tmp_path / "公式.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    cell = next(c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value == "18")
    cell.value = "=9+9"  # what another program writes: a formula and no result
    wb.save(path)
    code, _, err = cli(capsys, "check", path)
    assert code == 2 and "Excel 或 WPS" in err and cell.coordinate in err
    ours = tmp_path / "ours.xlsx"
    assert cli(capsys, "export", FORMS / "01.docx", "--xlsx", ours)[0] == 0
    assert cli(capsys, "check", ours)[0] == 0  # our own export's formulas are derived cells


def _package_with(part: str, xml: bytes, base: Path, path: Path) -> Path:
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, xml if info.filename == part else src.read(info))
    return path


def test_tables_far_beyond_a_form_are_refused_before_parsing(capsys, tmp_path):
    row = b"<w:tr>" + b"<w:tc><w:p/></w:tc>" * 3 + b"</w:tr>"
    doc = (b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           b"<w:tbl>" + row * 2500 + b"</w:tbl></w:body></w:document>")
    big_docx = _package_with("word/document.xml", doc, FORMS / "01.docx", tmp_path / "big.docx")
    cells = b"".join(b'<c r="%s%d" t="inlineStr"><is><t>x</t></is></c>' % (col, r)
                     for r in range(1, 3) for col in (b"A", b"B"))
    sheet = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             + b"".join(b'<row r="%d">%s</row>' % (r, cells) for r in range(1, 2600)) + b"</sheetData></worksheet>")
    big_xlsx = _package_with("xl/worksheets/sheet1.xml", sheet, FORMS / "01.xlsx", tmp_path / "big.xlsx")
    for path in (big_docx, big_xlsx):
        code, _, err = cli(capsys, "check", path)
        assert code == 2 and path.name in err and "远超" in err


@pytest.mark.parametrize("name,part", [("01.docx", "word/document.xml"), ("02.xlsx", "xl/worksheets/sheet1.xml")])
def test_a_package_with_a_part_twice_is_refused(capsys, tmp_path, name, part):
    """Two entries of one name (OPC forbids it; Word calls the file corrupt): which one a reader
    takes is its own choice, so what check reads could differ from what Word shows — refused,
    naming the part, instead of read as one of them in silence."""
    other = (FORMS / ("03" + name[2:])).read_bytes()
    source = zipfile.ZipFile(FORMS / name)
    path = tmp_path / f"两份{name[2:]}"
    with zipfile.ZipFile(path, "w") as z:
        for info in source.infolist():
            z.writestr(info.filename, source.read(info))
        with pytest.warns(UserWarning):
            z.writestr(part, zipfile.ZipFile(io.BytesIO(other)).read(part))
    for command in (["check", path], ["import", path, "-o", tmp_path / "p.zpb.json"]):
        code, _, err = cli(capsys, *command)
        assert code in (1, 2) and path.name in err and f"重复的部件（{part}）" in err, err
    assert not (tmp_path / "p.zpb.json").exists()
