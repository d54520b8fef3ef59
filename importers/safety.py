"""Refuse files that are not what they claim before any parser sees them."""
from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

from .grid import NotAForm

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, for parts over 1 MB
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def open_package(path: str | os.PathLike, required_part: str) -> zipfile.ZipFile:
    """An Office file as a zip, checked: size, zip bombs, DTDs and entities, the main part."""
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise NotAForm(f"找不到文件：{path}") from None
    except OSError as exc:
        raise NotAForm(f"无法读取 {name}：{exc.strerror or exc}") from None
    if size > MAX_FILE_BYTES:
        raise NotAForm(f"{name} 超过 20 MB，不像是一张自评表，已拒绝读取")
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise NotAForm(f"{name} 已损坏或不是 Word/Excel 文件（无法解压；旧版 .doc/.xls 请先另存为 .docx/.xlsx）") from None
    except PermissionError:
        raise NotAForm(f"无法读取 {name}：没有权限，或文件正被其他程序占用") from None
    except OSError as exc:
        raise NotAForm(f"无法读取 {name}：{exc.strerror or exc}") from None
    try:
        _check_members(zf, name, required_part)
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
    if required_part not in names:
        raise NotAForm(f"{name} 不是{'Word' if 'word/' in required_part else 'Excel'}文档（缺少 {required_part}）")
    for info in infos:
        if info.filename.endswith((".xml", ".rels")):
            try:
                with zf.open(info) as fh:
                    head = fh.read(4096)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
                raise NotAForm(f"{name} 已损坏（{info.filename} 无法读取）") from exc
            if _DOCTYPE.search(head):
                raise NotAForm(f"{name} 含有 XML 文档类型声明或实体（{info.filename}），出于安全原因已拒绝读取")
