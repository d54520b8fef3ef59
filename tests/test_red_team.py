"""More hostile inputs of the classes of issue 9, tried as an adversary would: each ends in exit
0/1/2 with a message naming the file, nothing a clerk owns is replaced, nothing hangs."""
from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest

from tests.conftest import FORMS, ROOT
from tests.helpers import cli

EXAMPLE = ROOT / "model" / "examples" / "example.zpb.json"


def _bytes(folder: Path, name: str, data: bytes) -> Path:
    (folder / name).write_bytes(data)
    return folder / name


def _project(tmp_path: Path, file_name: str = "p.zpb.json", raw: str | None = None, **changes) -> Path:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["project"].update(changes)
    path = tmp_path / file_name
    path.write_text(raw if raw is not None else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _zip_with(base: Path, path: Path, part: str, body: bytes) -> Path:
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, body if info.filename == part else src.read(info))
    return path


_DOC = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>%s</w:body></w:document>'

PROJECT_FILES = {
    "year of 5000 digits": lambda t: _project(t, raw=EXAMPLE.read_text(encoding="utf-8").replace(
        '"year": 2022', '"year": ' + "9" * 5000)),
    "year 99999": lambda t: _project(t, year=99999),
    "2001 indicators": lambda t: _project(t, indicators=[{}] * 2001),
    "name is a number": lambda t: _project(t, name=12),
    "weight true": lambda t: _project(t, budget_weight=True),
    "weight NaN": lambda t: _project(t, budget_weight="NaN"),
    "weight -Infinity": lambda t: _project(t, budget_hand_score="-Infinity"),
    "deep JSON": lambda t: _project(t, raw="[" * 100000 + "]" * 100000),
    "empty file": lambda t: _project(t, raw=""),
    "BOM and CRLF": lambda t: _project(t, raw="\ufeff" + EXAMPLE.read_text(encoding="utf-8").replace("\n", "\r\n")),
    "a .docx named .zpb.json": lambda t: _bytes(t, "p.zpb.json", (FORMS / "01.docx").read_bytes()),
    "a project named .docx": lambda t: _bytes(t, "p.docx", EXAMPLE.read_bytes()),
    "funds out of order": lambda t: _project(t, funds=list(reversed(json.loads(EXAMPLE.read_text(encoding="utf-8"))["project"]["funds"]))),
    "unreadable not a dict": lambda t: _project(t, unreadable=["x"]),
    "surrogate escapes in JSON": lambda t: _project(t, raw=EXAMPLE.read_text(encoding="utf-8").replace(
        '"goal": "', '"goal": "\\ud800\\u0000\\u000b')),
    "huge amount text": lambda t: _project(t, budget_weight="1" * 3000),
    "gridSpan huge": lambda t: _zip_with(FORMS / "01.docx", t / "g.docx", "word/document.xml", _DOC % (
        b'<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="999999999"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>')),
    "gridBefore negative": lambda t: _zip_with(FORMS / "01.docx", t / "g.docx", "word/document.xml", _DOC % (
        b'<w:tbl><w:tr><w:trPr><w:gridBefore w:val="-5"/></w:trPr><w:tc><w:p/></w:tc></w:tr></w:tbl>')),
    "sdt nested 5000 deep": lambda t: _zip_with(FORMS / "01.docx", t / "s.docx", "word/document.xml", _DOC % (
        b"<w:sdt><w:sdtContent>" * 5000 + b"<w:p/>" + b"</w:sdtContent></w:sdt>" * 5000)),
    "no body": lambda t: _zip_with(FORMS / "01.docx", t / "b.docx", "word/document.xml",
                                   b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'),
    "entity in core.xml": lambda t: _zip_with(FORMS / "01.docx", t / "e.docx", "docProps/core.xml",
                                              b'<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'),
    "xlsx sheet missing": lambda t: _zip_with(FORMS / "01.xlsx", t / "m.xlsx", "xl/worksheets/sheet1.xml", b""),
    "xlsx shared strings broken": lambda t: _zip_with(FORMS / "01.xlsx", t / "s.xlsx", "xl/workbook.xml", b"<x"),
    "xlsx cell ref huge column": lambda t: _zip_with(FORMS / "01.xlsx", t / "c.xlsx", "xl/worksheets/sheet1.xml", (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>')),
    "zip truncated in half": lambda t: _bytes(t, "h.docx", (FORMS / "01.docx").read_bytes()[:20000]),
    "zip with encrypted flag": lambda t: _bytes(t, "x.docx", 
        (FORMS / "01.docx").read_bytes().replace(b"PK\x01\x02\x14\x00\x00\x00", b"PK\x01\x02\x14\x00\x01\x00", 1)),
    "legacy .doc": lambda t: _bytes(t, "old.doc", b"\xd0\xcf\x11\xe0" + b"\0" * 600),
    "a symlink loop": lambda t: (os.symlink(t / "b.zpb.json", t / "a.zpb.json"), os.symlink(t / "a.zpb.json", t / "b.zpb.json"))
    and t / "a.zpb.json",
}


@pytest.mark.parametrize("case", sorted(PROJECT_FILES))
def test_hostile_inputs_to_check_and_import_and_export(capsys, tmp_path, case):
    path = PROJECT_FILES[case](tmp_path)
    for args in (["check", path], ["import", path, "--outdir", tmp_path / "imp"],
                 ["export", path, "--outdir", tmp_path / "exp"]):
        code, _, err = cli(capsys, *args)
        assert code in (0, 1, 2), (case, args)
        assert code != 2 or path.name in err, (case, args, err)


def test_outputs_into_odd_places_are_messages(capsys, tmp_path):
    project = _project(tmp_path)
    kept = project.read_bytes()
    for args in (["export", project, "--outdir", project],  # a file as the output folder
                 ["export", project, "--docx", tmp_path / "p.zpb.json" / "x.docx"],  # under a file
                 ["export", project, "--docx", tmp_path / ("长" * 200 + ".docx")],  # name too long
                 ["import", FORMS / "01.docx", "-o", tmp_path],  # a folder as the output
                 ["new", project / "x.zpb.json"]):
        code, _, err = cli(capsys, *args)
        assert code in (1, 2) and err, args
    assert project.read_bytes() == kept


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="POSIX permissions, not as root")
def test_a_read_only_folder_is_a_message(capsys, tmp_path):
    project = _project(tmp_path)
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o555)
    try:
        code, _, err = cli(capsys, "export", project, "--outdir", out)
        assert code == 1 and "ro" in err
    finally:
        out.chmod(0o755)
