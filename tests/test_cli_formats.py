"""Foreign and old formats named as what they are, with what to do, in check, import and export:
real files saved by LibreOffice (tests/data/foreign: the reference form 01 as .doc, .xls, .ods,
.odt), the same under WPS's and wrong names, and the kinds a desk holds (PDF, a web-page "xls",
RTF, CSV, a scan). Before: "不是 UTF-8 编码的项目文件" or "已损坏"."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from model.file_kinds import foreign_message
from tests.conftest import FORMS, ROOT
from tests.helpers import cli

FOREIGN = ROOT / "tests" / "data" / "foreign"


def _files(tmp: Path) -> dict[str, tuple[Path, str, str]]:
    """name → (file, what the message must call it, what it must say to do)."""
    def copy(src: Path, name: str) -> Path:
        return Path(shutil.copy(src, tmp / name))

    def write(name: str, data: bytes) -> Path:
        (tmp / name).write_bytes(data)
        return tmp / name
    doc, xls = FOREIGN / "form01.doc", FOREIGN / "form01.xls"
    # a .docx/.xlsx saved with a password is an OLE2 compound file whose streams hold the package:
    # its header, and a directory of 128-byte entries named in UTF-16 as Office writes them
    entries = b"".join(n.encode("utf-16-le").ljust(64, b"\0") + b"\0" * 64 for n in
                       ("Root Entry", "\x06DataSpaces", "EncryptionInfo", "EncryptedPackage"))
    locked = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + entries
    return {
        "doc": (copy(doc, "旧表.doc"), "旧版 Word 格式", "另存为” Word 文档（.docx）"),
        "xls": (copy(xls, "旧表.xls"), "旧版 Excel 格式", "另存为” Excel 工作簿（.xlsx）"),
        "et": (copy(xls, "wps.et"), "WPS 表格格式", "在 WPS 中打开，“另存为” Excel 工作簿（.xlsx）"),
        "wps": (copy(doc, "wps.wps"), "WPS 文字格式", "在 WPS 中打开，“另存为” Word 文档（.docx）"),
        "ods": (copy(FOREIGN / "form01.ods", "表.ods"), "OpenDocument 表格", ".xlsx"),
        "odt": (copy(FOREIGN / "form01.odt", "表.odt"), "OpenDocument 文档", ".docx"),
        "xls as xlsx": (copy(xls, "改名.xlsx"), "旧版 Excel 格式", ".xlsx"),
        "doc as docx": (copy(doc, "改名.docx"), "旧版 Word 格式", ".docx"),
        "doc as project": (copy(doc, "改名.zpb.json"), "旧版 Word 格式", ".docx"),
        "docx as project": (copy(FORMS / "01.docx", "表格.zpb.json"), "Word 文档（.docx）", "改为以 .docx 结尾"),
        "ods as xlsx": (copy(FOREIGN / "form01.ods", "ods.xlsx"), "OpenDocument 表格", ".xlsx"),
        "pdf": (write("签章版.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), "PDF 文件", "Word（.docx）或 Excel（.xlsx）"),
        "web xls": (write("系统导出.xls", "<html><body><table><tr><td>项目名称</td></tr></table></body></html>"
                          .encode("gb18030")), "网页格式（HTML）", ".xlsx"),
        "rtf": (write("表.rtf", b"{\\rtf1\\ansi ...}"), "RTF 格式", ".docx"),
        "csv": (write("表.csv", "项目名称,热线\n".encode("gb18030")), "CSV 文本表格", ".xlsx"),
        "locked docx": (write("加密.docx", locked), "设置了打开密码", "清除密码并保存后再读取"),
        "locked xlsx": (write("加密.xlsx", locked), "设置了打开密码", "清除密码并保存后再读取"),
        "scan": (write("扫描.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF"), "图片", "Word（.docx）或 Excel（.xlsx）"),
    }


KINDS = ["doc", "xls", "et", "wps", "ods", "odt", "xls as xlsx", "doc as docx", "doc as project", "docx as project",
         "ods as xlsx", "pdf", "web xls", "rtf", "csv", "scan", "locked docx", "locked xlsx"]


@pytest.mark.parametrize("kind", KINDS)
def test_check_import_and_export_name_the_format_and_what_to_do(tmp_path, capsys, kind):
    path, what, todo = _files(tmp_path)[kind]
    for args, exit_code in ((["check", path], 2), (["import", path, "--outdir", tmp_path / "o"], 1),
                            (["export", path, "--outdir", tmp_path / "e"], 2)):
        code, _, err = cli(capsys, *args)
        assert code == exit_code, (args, err)
        assert what in err and todo in err, (args, err)
        assert path.name in err and "UTF-8" not in err and "已损坏" not in err, err
    assert not (tmp_path / "o").exists() or not list((tmp_path / "o").iterdir())


def test_forms_and_project_files_are_not_called_foreign():
    for path in [*FORMS.glob("*.docx"), *FORMS.glob("*.xlsx"), ROOT / "model" / "examples" / "example.zpb.json"]:
        assert foreign_message(path) is None, path


def test_a_project_file_saved_as_utf16_by_notepad_is_read(tmp_path, capsys):
    text = (ROOT / "model" / "examples" / "example.zpb.json").read_text(encoding="utf-8")
    (tmp_path / "记事本.zpb.json").write_bytes(text.encode("utf-16"))  # with its byte-order mark
    code, out, err = cli(capsys, "check", tmp_path / "记事本.zpb.json")
    assert code == 0 and "项目：" in out, err


def test_a_pipe_named_like_an_old_form_is_never_opened(tmp_path, capsys):
    """Naming a pipe's kind must not read from it (a reader would wait forever): judged by its name."""
    import os
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    fifo = tmp_path / "旧表.xls"
    os.mkfifo(fifo)
    assert "旧版 Excel 格式" in (foreign_message(fifo) or "")
    code, _, err = cli(capsys, "check", fifo)
    assert code == 2 and "旧表.xls" in err


def _compound_file(names: list[str], filler_sectors: int) -> bytes:
    """A whole OLE2 compound file (version 4: 4 KB sectors) as Office lays out a large one: the
    FAT, then a stream of filler_sectors sectors, then the directory naming names — after the
    stream, far from the start."""
    size, end, fat_sect = 4096, 0xFFFFFFFE, 0xFFFFFFFD
    assert filler_sectors + 2 <= size // 4  # one FAT sector holds the chains
    directory = filler_sectors + 1

    def u32(n: int) -> bytes:
        return n.to_bytes(4, "little")
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + b"\x3e\x00\x04\x00\xfe\xff"
    header += b"\x0c\x00\x06\x00" + b"\0" * 6  # sector shift 12, mini sector shift 6, reserved
    header += u32(0) + u32(1) + u32(directory) + u32(0) + u32(4096) + u32(end) + u32(0) + u32(end) + u32(0)
    header += u32(0)  # the first DIFAT entry: the FAT is sector 0
    header = (header + b"\xff" * (512 - len(header))).ljust(size, b"\0")
    fat = b"".join(u32(n) for n in [fat_sect, *range(2, filler_sectors + 1), end, end]).ljust(size, b"\xff")
    entries = b""
    for i, name in enumerate(["Root Entry", *names]):
        raw = name.encode("utf-16-le") + b"\0\0"
        entries += raw.ljust(64, b"\0") + len(raw).to_bytes(2, "little") + bytes([5 if i == 0 else 2])
        entries += b"\0" * (128 - 67)
    return header + fat + b"\x00" * (size * filler_sectors) + entries.ljust(size, b"\0")


@pytest.mark.parametrize("names, suffix, what", [
    (["EncryptionInfo", "EncryptedPackage"], ".docx", "设置了打开密码"),
    (["EncryptionInfo", "EncryptedPackage"], ".xlsx", "设置了打开密码"),
    (["WordDocument", "1Table"], ".docx", "旧版 Word 格式"),
    (["Workbook"], ".xlsx", "旧版 Excel 格式")])
def test_an_office_file_whose_directory_stands_after_a_large_stream_is_named_by_it(tmp_path, capsys, names,
                                                                                    suffix, what):
    """A 2 MB form saved with a password (or an old .doc/.xls under a new name) whose directory
    Office wrote after its streams: read by the file's own directory chain, not by looking for
    names in its first 64 KB — it was called an old Office file and told to save as .docx."""
    path = tmp_path / f"大表{suffix}"
    path.write_bytes(_compound_file(names, filler_sectors=500))
    assert path.stat().st_size > 2_000_000
    assert what in (foreign_message(path) or "")
    code, _, err = cli(capsys, "import", path, "--outdir", tmp_path / "o")
    assert code == 1 and what in err, err
