"""Our mark on every exported .docx/.xlsx: how a later run knows a file is its own, unchanged export.

The mark is the document's identifier property (`dc:identifier` in docProps/core.xml):
`zpb-export:sha256:<hex>`, the hash of every other part of the package. An export we wrote and
nobody changed carries a mark that matches its content, and may be written again (a batch
re-run). A form a clerk filled in Word/Excel/WPS — even one that started as our export — no
longer matches (those programs rewrite the parts when they save), so it is not replaced
without `--force`.
"""
from __future__ import annotations

import hashlib
import io
import os
import re
import zipfile

from model.files import regular_file_size

PREFIX = "zpb-export:sha256:"
CORE = "docProps/core.xml"
_IDENTIFIER = re.compile(rb"<dc:identifier[^>]*>([^<]*)</dc:identifier>")
_DC = "http://purl.org/dc/elements/1.1/"


def _digest(zf: zipfile.ZipFile) -> str:
    h = hashlib.sha256()
    for info in sorted(zf.infolist(), key=lambda i: i.filename):
        if info.filename == CORE:
            continue
        h.update(info.filename.encode("utf-8") + b"\0")
        h.update(zf.read(info) + b"\0")
    return h.hexdigest()


def stamp(data: bytes) -> bytes:
    """The package with our mark in its core properties."""
    src = zipfile.ZipFile(io.BytesIO(data))
    mark = f'<dc:identifier xmlns:dc="{_DC}">{PREFIX}{_digest(src)}</dc:identifier>'.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == CORE:
                body = _IDENTIFIER.sub(b"", body)
                body = re.sub(rb"(</(?:\w+:)?coreProperties>)", mark + rb"\1", body, count=1)
            dst.writestr(info, body)
    return out.getvalue()


def mark_of(zf: zipfile.ZipFile) -> str | None:
    """The mark a package carries, if any."""
    if CORE not in zf.namelist():
        return None
    m = _IDENTIFIER.search(zf.read(CORE))
    return m.group(1).decode("utf-8", "replace") if m and m.group(1).startswith(PREFIX.encode()) else None


def is_unchanged_export(path: str | os.PathLike) -> bool:
    """True for a file we exported that nobody has changed since; False for anything else."""
    try:
        regular_file_size(path, 20 * 2**20)  # never open a pipe or a device
        with zipfile.ZipFile(path) as zf:
            if sum(i.file_size for i in zf.infolist()) > 50 * 2**20:
                return False
            mark = mark_of(zf)
            return mark is not None and mark == PREFIX + _digest(zf)
    except Exception:  # anything unreadable is not ours: it is left alone
        return False
