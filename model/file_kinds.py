"""What a file given to the program really is, when it is not a form or a project file.

A clerk hands in what the desk has: an old .xls, a WPS .et, a PDF of the signed form, a budget
system's "xls" that is a web page, a scan. Each is named here as what it is — by its content
first (magic bytes, the parts of a package), its extension second — with what to do about it
("请在 Excel 或 WPS 中打开，另存为 .xlsx"), so no reader calls it a broken project file. Plain
Python (zipfile only): check, import, export and the window all say the same words.
"""
from __future__ import annotations

import io
import os
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

_SAVE_XLSX = "请在 Excel 或 WPS 中打开，“另存为” Excel 工作簿（.xlsx）后再读取"
_SAVE_DOCX = "请在 Word 或 WPS 中打开，“另存为” Word 文档（.docx）后再读取"
_NO_TABLE = "程序不能从中读取表格；请使用自评表的 Word（.docx）或 Excel（.xlsx）文件"


@dataclass(frozen=True)
class Foreign:
    """A kind of file the program does not read, and what the clerk can do with it."""

    what: str
    advice: str
    renamed: bool = False  # a kind the program reads, under another kind's extension
    locked: bool = False  # a kind the program reads, behind a password

    def message(self, name: str) -> str:
        sep = " " if self.what[0].isascii() else ""
        if self.locked:  # it may well be a form: never 'not a 自评表', never 'save as .docx'
            return f"{name} {self.what}，程序打不开；{self.advice}"
        if self.renamed:  # it is a form or a project file: never also 'not a 自评表'
            return f"{name} 其实是{self.what}，只是文件扩展名不对；{self.advice}"
        return f"{name} 是{sep}{self.what}，不是自评表（.docx/.xlsx）或项目文件；{self.advice}"


ENCRYPTED = Foreign("设置了打开密码（已加密）", "请在 Word、Excel 或 WPS 中输入密码打开，在“文件 → 信息 → 保护文档（工作簿）"
                    "→ 用密码进行加密”中清除密码并保存后再读取", locked=True)
OLD_WORD = Foreign("旧版 Word 格式（.doc）", _SAVE_DOCX)
OLD_EXCEL = Foreign("旧版 Excel 格式（.xls）", _SAVE_XLSX)
OLD_OFFICE = Foreign("旧版 Office 格式（.doc/.xls）", "请在 Word、Excel 或 WPS 中打开，另存为 .docx 或 .xlsx 后再读取")
WPS_WRITER = Foreign("WPS 文字格式（.wps）", "请在 WPS 中打开，“另存为” Word 文档（.docx）后再读取")
WPS_SHEET = Foreign("WPS 表格格式（.et）", "请在 WPS 中打开，“另存为” Excel 工作簿（.xlsx）后再读取")
SLIDES = Foreign("演示文稿（.ppt/.pptx/.dps）", "自评表须是 Word（.docx）或 Excel（.xlsx）文件")
ODS = Foreign("OpenDocument 表格（.ods）", "请在 WPS、LibreOffice 或 Excel 中打开，“另存为” Excel 工作簿（.xlsx）后再读取")
ODT = Foreign("OpenDocument 文档（.odt）", "请在 WPS、LibreOffice 或 Word 中打开，“另存为” Word 文档（.docx）后再读取")
PDF = Foreign("PDF 文件", _NO_TABLE + "（PDF 可在 WPS 或 Word 中转为 .docx，转换后请核对每一格）")
OFD = Foreign("OFD 版式文件", _NO_TABLE)
RTF = Foreign("RTF 格式", _SAVE_DOCX)
HTML = Foreign("网页格式（HTML）的表格（系统导出的“.xls”常是这种格式）", _SAVE_XLSX)
XML_2003 = Foreign("Excel 2003 XML 表格", _SAVE_XLSX)
CSV = Foreign("CSV 文本表格", _SAVE_XLSX + "（表格须是自评表的格式）")
TEXT = Foreign("纯文本文件", "自评表须是 Word（.docx）、Excel（.xlsx）文件或项目文件（.zpb.json）")
IMAGE = Foreign("图片（扫描件或截图）", "程序不能识别图片中的文字；" + _NO_TABLE[len("程序不能从中读取表格；"):])
ARCHIVE = Foreign("压缩包", "请先解压，再读取其中的自评表")
DOCX_NAMED = Foreign("Word 文档（.docx）", "请把文件名改为以 .docx 结尾后再读取", renamed=True)
EMPTY = Foreign("空文件（0 字节）", "可能是复制或保存时中断；请从原处重新复制，或在原来的程序中重新保存")
XLSX_NAMED = Foreign("Excel 工作簿（.xlsx）", "请把文件名改为以 .xlsx 结尾后再读取", renamed=True)
PROJECT_NAMED = Foreign("本程序的项目文件（.zpb.json）", "请把文件名改为以 .zpb.json 结尾后再读取", renamed=True)

_BY_SUFFIX = {".doc": OLD_WORD, ".dot": OLD_WORD, ".xls": OLD_EXCEL, ".xlt": OLD_EXCEL, ".wps": WPS_WRITER,
              ".wpt": WPS_WRITER, ".et": WPS_SHEET, ".ett": WPS_SHEET, ".dps": SLIDES, ".ppt": SLIDES,
              ".pptx": SLIDES, ".ods": ODS, ".odt": ODT, ".pdf": PDF, ".ofd": OFD, ".rtf": RTF, ".htm": HTML,
              ".html": HTML, ".mht": HTML, ".mhtml": HTML, ".csv": CSV, ".txt": TEXT, ".png": IMAGE,
              ".jpg": IMAGE, ".jpeg": IMAGE, ".bmp": IMAGE, ".gif": IMAGE, ".tif": IMAGE, ".tiff": IMAGE,
              ".zip": ARCHIVE, ".rar": ARCHIVE, ".7z": ARCHIVE}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM", b"II*\x00", b"MM\x00*")
_ODF = {b"application/vnd.oasis.opendocument.spreadsheet": ODS, b"application/vnd.oasis.opendocument.text": ODT,
        b"application/vnd.oasis.opendocument.presentation": SLIDES}
HEAD_BYTES = 1 << 16  # what is read first of a file; an OLE2 file is read on (OLE_BYTES)
OLE_BYTES = 20 * 1024 * 1024  # its directory may stand anywhere, often after its streams
_END_OF_CHAIN = 0xFFFFFFFE


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-le")


def ole_stream_names(data: bytes) -> set[str] | None:
    """The names in an OLE2 compound file's directory, read by its header and FAT chain (the
    directory often stands after the streams, far from the start); None where data holds no
    whole directory (cut short, damaged): the caller then looks for the names anywhere."""
    if len(data) < 512 or not data.startswith(_OLE):
        return None
    shift = int.from_bytes(data[0x1E:0x20], "little")
    if shift not in (9, 12):
        return None
    size = 1 << shift
    difat = [int.from_bytes(data[i:i + 4], "little") for i in range(0x4C, 0x200, 4)]
    fat_sectors = [n for n in difat[:int.from_bytes(data[0x2C:0x30], "little")] if n < _END_OF_CHAIN]

    def sector(n: int) -> bytes:
        start = (n + 1) * size
        return data[start:start + size] if start + size <= len(data) else b""
    fat = b"".join(sector(n) for n in fat_sectors)
    names: set[str] = set()
    n, seen = int.from_bytes(data[0x30:0x34], "little"), 0
    while n != _END_OF_CHAIN:
        block = sector(n)
        if not block or seen > 4096 or 4 * n + 4 > len(fat):
            return None  # a chain that leaves the file, loops or has no FAT entry
        for at in range(0, size, 128):
            entry = block[at:at + 128]
            length = int.from_bytes(entry[0x40:0x42], "little")
            if entry[0x42] in (1, 2, 5) and 2 <= length <= 64:
                names.add(entry[:length - 2].decode("utf-16-le", "replace"))
        n, seen = int.from_bytes(fat[4 * n:4 * n + 4], "little"), seen + 1
    return names or None


def _ole(data: bytes, suffix: str) -> Foreign:
    """An OLE2 compound file: Word, Excel, PowerPoint or WPS 97-2003, told by its streams."""
    by_suffix = _BY_SUFFIX.get(suffix)
    names = ole_stream_names(data)
    if names is None:  # no directory to read: its names where they stand in what was read
        def has(name: str) -> bool:
            return _utf16(name) in data[:HEAD_BYTES]
    else:
        def has(name: str) -> bool:
            return name in names
    if has("EncryptedPackage"):  # a .docx/.xlsx saved with a password: its package inside
        return ENCRYPTED
    if by_suffix in (WPS_WRITER, WPS_SHEET, SLIDES):
        return by_suffix
    if has("WordDocument"):
        return OLD_WORD
    if has("Workbook") or has("Book"):
        return OLD_EXCEL
    if has("PowerPoint Document"):
        return SLIDES
    return by_suffix or OLD_OFFICE


def _zip(data: bytes, suffix: str) -> Foreign | None:
    """A zip package: OOXML under another name, OpenDocument, OFD, or an archive of files."""
    for mimetype, kind in _ODF.items():
        if mimetype in data[:200]:
            return kind
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        return None  # a broken or partial package: the reader's own message says so
    if "word/document.xml" in names:
        return None if suffix == ".docx" else (WPS_WRITER if suffix == ".wps" else DOCX_NAMED)
    if "xl/workbook.xml" in names:
        return None if suffix in (".xlsx", ".xlsm") else (WPS_SHEET if suffix == ".et" else XLSX_NAMED)
    if any(n.startswith("ppt/") for n in names):
        return SLIDES
    if "OFD.xml" in names:
        return OFD
    if suffix in (".docx", ".xlsx", ".xlsm"):
        return None  # a package without its main part: the reader names the missing part
    return ARCHIVE


def _text_kind(data: bytes, suffix: str) -> Foreign | None:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"{\\rtf"):
        return RTF
    if b"urn:schemas-microsoft-com:office:spreadsheet" in data[:4096]:
        return XML_2003
    if head.startswith((b"<!doctype html", b"<html", b"<table")) or b"<html" in head[:1024] \
            or head.startswith(b"mime-version:"):
        return HTML
    if suffix != ".json" and head.startswith(b"{") and b'"zipingbiao-project"' in head[:200]:
        return PROJECT_NAMED  # a project file renamed .docx/.xlsx (UTF-8; Notepad's UTF-16 is rare here)
    return None


def identify(name: str, data: bytes) -> Foreign | None:
    """What the file named name holding data is, when it is a kind the program does not read
    (None: a form, a project file, or something the readers' own messages describe better)."""
    suffix = Path(name).suffix.lower()
    if data.startswith(_OLE):
        return _ole(data, suffix)
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zip(data, suffix)
    if data.startswith(b"%PDF"):
        return PDF
    if data.startswith(_IMAGES):
        return IMAGE
    if data.startswith((b"Rar!", b"7z\xbc\xaf")):
        return ARCHIVE
    text_kind = _text_kind(data, suffix)
    if text_kind is not None:
        return text_kind
    by_suffix = _BY_SUFFIX.get(suffix)
    if by_suffix is not None and by_suffix is not ARCHIVE:
        return by_suffix
    return None


def foreign_message(path: str | os.PathLike, data: bytes | None = None, limit: int = 20 * 1024 * 1024) -> str | None:
    """The clerk's message for a file of a kind the program does not read, or None. Reads the
    file (at most limit bytes) when data is not given; a file that cannot be read is judged by
    its extension."""
    path = Path(path)
    read = data is not None  # data is the file's content: b"" is an empty file
    if data is None:
        data = b""
        try:
            if stat.S_ISREG(os.stat(path).st_mode):  # never open a pipe or a device: it may block
                with open(path, "rb") as fh:
                    data = fh.read(limit)
                    if data.startswith(_OLE) and len(data) == limit < OLE_BYTES:
                        data += fh.read(OLE_BYTES - limit)  # its directory may stand at its end
                read = True
        except (OSError, ValueError):
            pass
    kind = EMPTY if read and not data else identify(path.name, data)
    return None if kind is None else kind.message(path.name)
