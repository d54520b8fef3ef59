"""Our mark on every exported .docx/.xlsx/.pdf: how a later run knows a file is its own, unchanged export.

The mark is the document's identifier property (`dc:identifier` in docProps/core.xml):
`zpb-export:sha256:<hex>`, the hash of every other part of the package. An export we wrote and
nobody changed carries a mark that matches its content, and may be written again (a batch
re-run). A form a clerk filled in Word/Excel/WPS — even one that started as our export — no
longer matches (those programs rewrite the parts when they save), so it is not replaced
without `--force`.

A PDF carries the same mark as the identifier of its XMP metadata (`<dc:identifier>`, written by
exporters/pdf.py with zeros for the hash): the hash of the file with those zeros in place, so
any change to the file — a viewer saving annotations, a program rewriting it — breaks it.
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


PDF_MARK_PLACEHOLDER = PREFIX + "0" * 64
_PDF_MARK = re.compile(rb"<dc:identifier>" + re.escape(PREFIX.encode()) + rb"([0-9a-f]{64})</dc:identifier>")


def stamp_pdf(data: bytes) -> bytes:
    """The PDF with its placeholder mark filled in (same length: no offset in it moves)."""
    found = _PDF_MARK.search(data)
    if found is None or data.count(PDF_MARK_PLACEHOLDER.encode()) != 1:
        raise ValueError("PDF without its placeholder mark")  # made without exporters.pdf.pdf_writer
    digest = hashlib.sha256(data).hexdigest().encode()
    return data[:found.start(1)] + digest + data[found.end(1):]


def is_unchanged_pdf(data: bytes) -> bool:
    found = _PDF_MARK.search(data)
    if found is None:
        return False
    blank = data[:found.start(1)] + b"0" * 64 + data[found.end(1):]
    return hashlib.sha256(blank).hexdigest().encode() == found.group(1)


def _digest(zf: zipfile.ZipFile) -> str:
    return digest_of((info.filename, zf.read(info)) for info in sorted(zf.infolist(), key=lambda i: i.filename))


def digest_of(parts) -> str:
    """The hash the mark carries: every (name, content) part but the core properties, by name."""
    h = hashlib.sha256()
    for name, body in parts:
        if name == CORE:
            continue
        h.update(name.encode("utf-8") + b"\0")
        h.update(body + b"\0")
    return h.hexdigest()


def marked_core(core: bytes, digest: str) -> bytes:
    """The core properties with the mark of a package whose parts hash to digest."""
    mark = f'<dc:identifier xmlns:dc="{_DC}">{PREFIX}{digest}</dc:identifier>'.encode()
    core = _IDENTIFIER.sub(b"", core)
    return re.sub(rb"(</(?:\w+:)?coreProperties>)", mark + rb"\1", core, count=1)


def stamp(data: bytes) -> bytes:
    """The package with our mark in its core properties."""
    src = zipfile.ZipFile(io.BytesIO(data))
    digest = _digest(src)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == CORE:
                body = marked_core(body, digest)
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
        with open(path, "rb") as f:
            if f.read(5) == b"%PDF-":
                f.seek(0)
                return is_unchanged_pdf(f.read())
        with zipfile.ZipFile(path) as zf:
            if sum(i.file_size for i in zf.infolist()) > 50 * 2**20:
                return False
            mark = mark_of(zf)
            return mark is not None and mark == PREFIX + _digest(zf)
    except Exception:  # anything unreadable is not ours: it is left alone
        return False
