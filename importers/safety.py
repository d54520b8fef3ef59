"""Refuse files that are not what they claim before any parser sees them."""
from __future__ import annotations

import os
import re
import zipfile
import zlib
from pathlib import Path

from model.failures import ClerkError
from model.file_kinds import HEAD_BYTES, foreign_message
from model.files import regular_file_size

from importers.grid import NotAForm

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, for parts over 1 MB
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
# far beyond any real form (one has some 40 rows of 9 columns): refused before a parser builds
# millions of objects from it
MAX_ROWS, MAX_COLS = 2000, 60
MAX_CELLS = 40_000  # a page of 40 rows by 9 columns is some 400; a sheet formatted wide and long stays under
# everything a broken package can raise while being read
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError,
              NotImplementedError, RuntimeError, KeyError, IndexError, OverflowError)


def open_package(path: str | os.PathLike, required_part: str) -> zipfile.ZipFile:
    """An Office file as a zip, checked: size, zip bombs, DTDs and entities, the main part."""
    path = Path(path)
    name = path.name
    try:
        regular_file_size(path, MAX_FILE_BYTES)
    except ClerkError as exc:
        raise NotAForm(str(exc)) from None
    try:
        zf = zipfile.ZipFile(path)
    except PermissionError:
        raise NotAForm(f"无法读取 {name}：没有权限，或文件正被其他程序占用") from None
    except ZIP_ERRORS:  # an old .xls renamed .xlsx, a system's web-page "xls", a PDF …: said as what it is
        raise NotAForm(foreign_message(path, limit=HEAD_BYTES)
                       or f"{name} 已损坏或不是 Word/Excel 文件（无法解压）") from None
    try:
        _check_members(zf, name, required_part)
        refuse_huge_tables(zf, name)
    except BaseException:
        zf.close()
        raise
    return zf


def _check_members(zf: zipfile.ZipFile, name: str, required_part: str) -> None:
    infos = zf.infolist()
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED_BYTES:
        raise NotAForm(f"{name} 解压后过大（{total // 2**20} MB），可能是恶意压缩文件，已拒绝读取")
    for info in infos:
        if info.file_size > 2**20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise NotAForm(f"{name} 中的 {info.filename} 压缩比异常，可能是恶意压缩文件，已拒绝读取")
    names = {i.filename for i in infos}
    if len(names) != len(infos):  # which copy a reader takes is its own choice: Word calls it corrupt
        filenames = [i.filename for i in infos]
        twice = next(n for k, n in enumerate(filenames) if n in filenames[:k])
        raise NotAForm(f"{name} 中有重复的部件（{twice}），Word/Excel 会认为文件已损坏，读到的内容可能与打开时看到的不同；"
                       "请在 Word/Excel/WPS 中打开并另存后再读取")
    if required_part not in names:
        foreign = foreign_message(zf.filename) if zf.filename else None  # an .ods, a .pptx, a zip …
        if foreign:
            raise NotAForm(foreign)
        raise NotAForm(f"{name} 不是{'Word' if 'word/' in required_part else 'Excel'}文档（缺少 {required_part}）")
    for info in infos:
        if info.filename.endswith((".xml", ".rels")):
            try:
                with zf.open(info) as fh:
                    head = fh.read(4096)
            except ZIP_ERRORS as exc:
                raise NotAForm(f"{name} 已损坏（{info.filename} 无法读取）") from exc
            if _DOCTYPE.search(head):
                raise NotAForm(f"{name} 含有 XML 文档类型声明或实体（{info.filename}），出于安全原因已拒绝读取")


def _count(zf: zipfile.ZipFile, part: str, patterns: dict[str, re.Pattern]) -> dict[str, int]:
    """How often each pattern occurs in a part, read in chunks: no parser, little memory."""
    counts = dict.fromkeys(patterns, 0)
    tail = b""
    with zf.open(part) as fh:
        while chunk := fh.read(1 << 20):
            data = tail + chunk
            cut = max(len(data) - 64, 0)  # a tag split across chunks is counted with the next
            head, tail = data[:cut], data[cut:]
            for key, pattern in patterns.items():
                counts[key] += len(pattern.findall(head))
    for key, pattern in patterns.items():
        counts[key] += len(pattern.findall(tail))
    return counts


_DOCX_PARTS = {"rows": re.compile(rb"<w:tr[\s>/]"), "cells": re.compile(rb"<w:tc[\s>/]")}
_XLSX_PARTS = {"rows": re.compile(rb"<(?:\w+:)?row[\s>/]"), "cells": re.compile(rb"<(?:\w+:)?c[\s>/]")}


def refuse_huge_tables(zf: zipfile.ZipFile, name: str) -> None:
    """NotAForm for a document or a sheet with more rows or cells than any real form could have."""
    if "word/document.xml" in zf.namelist():
        parts, patterns, what = ["word/document.xml"], _DOCX_PARTS, "表格"
    else:
        parts = [n for n in zf.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        patterns, what = _XLSX_PARTS, "工作表"
    for part in parts:
        try:
            counts = _count(zf, part, patterns)
        except ZIP_ERRORS as exc:
            raise NotAForm(f"{name} 已损坏（{part} 无法读取）") from exc
        if counts["rows"] > MAX_ROWS or counts["cells"] > MAX_CELLS:
            raise NotAForm(f"{name} 的{what}有 {counts['rows']} 行、{counts['cells']} 个单元格，"
                           f"远超自评表的大小（上限 {MAX_ROWS} 行、{MAX_CELLS} 个单元格），已拒绝读取")
