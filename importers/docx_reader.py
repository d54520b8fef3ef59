"""Read the cell rows of a filled .docx form: grid columns from gridSpan, merged-down cells blank."""
from __future__ import annotations

import os
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from model import Project
from model.profiles import profile_from_keywords

from importers.grid import Cell, NotAForm, Row, form_spans, parse_forms, parse_readings, refuse_many, text_row, written_by_us
from importers.reading import Reading, TablePlaces, accepted
from importers.safety import ZIP_ERRORS, open_package

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_WRAPPERS = {W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag"}


def _children(el: Element, tag: str):
    """Direct children with tag, looking through content controls and custom XML wrappers."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _text(el: Element) -> str:
    paras = []
    for p in el.iter(W + "p"):
        parts = []
        for node in p.iter():
            if node.tag == W + "t":
                parts.append(node.text or "")
            elif node.tag == W + "tab":
                parts.append("\t")
            elif node.tag in (W + "br", W + "cr"):
                parts.append("\n")
        paras.append("".join(parts))
    return "\n".join(paras)


def _val(el: Element | None, name: str, default: str | None = None) -> str | None:
    if el is None:
        return default
    found = el.find(W + name)
    return default if found is None else found.get(W + "val", "")


def _span(pr: Element | None) -> int:
    text = _val(pr, "gridSpan", "1") or "1"
    return min(max(1, int(text)), 64) if text.isdigit() else 1


def table_rows(tbl: Element) -> list[Row]:
    rows: list[Row] = []
    for tr in _children(tbl, W + "tr"):
        before = _val(tr.find(W + "trPr"), "gridBefore", "0") or "0"
        col = min(int(before), 64) if before.isdigit() else 0
        row: Row = []
        for tc in _children(tr, W + "tc"):
            pr = tc.find(W + "tcPr")
            span = _span(pr)
            vmerge = _val(pr, "vMerge")
            text = "" if vmerge is not None and vmerge in ("", "continue") else _text(tc)
            row.append(Cell(col, span, text))
            col += span
        rows.append(row)
    return rows


def read_body(path: str | os.PathLike) -> tuple[Element, str]:
    """The document body, parsed safely from a checked package, and the file's keywords."""
    with open_package(path, "word/document.xml") as zf:
        try:
            root = fromstring(zf.read("word/document.xml"))
            core = fromstring(zf.read("docProps/core.xml")) if "docProps/core.xml" in zf.namelist() else None
        except (ParseError, DefusedXmlException, RecursionError, *ZIP_ERRORS) as exc:
            raise NotAForm(f"{os.path.basename(path)} 已损坏（正文无法解析）") from exc
    keywords = next((el.text or "" for el in core.iter() if el.tag.endswith("}keywords")), "") \
        if core is not None else ""
    body = root.find(W + "body")
    if body is None:
        raise NotAForm(f"{os.path.basename(path)} 没有正文")
    return body, keywords


def _blocks(el: Element):
    """Top-level paragraphs and tables in document order, through wrappers."""
    for child in el:
        if child.tag in (W + "p", W + "tbl"):
            yield child
        elif child.tag in _WRAPPERS:
            yield from _blocks(child)


def read_docx(path: str | os.PathLike) -> Project:
    """The document's one form; ManyForms when it holds several (read_docx_forms reads them all)."""
    forms = read_docx_forms(path)
    refuse_many(os.path.basename(path), len(forms))
    return forms[0]


def read_docx_forms(path: str | os.PathLike) -> list[Project]:
    """Every form in the document, in order: its tables with the paragraphs between them as
    one-cell rows (titles, '单位：元'); tables nested in others when the top level holds none."""
    return [r.project for r in accepted(path, read_docx_readings(path))]


def read_docx_readings(path: str | os.PathLike) -> list[Reading]:
    """Every form in the document with what its reading knows about itself."""
    rows, preamble, profile, own, origins = docx_grid(path)
    return parse_readings(rows, preamble, profile, own, TablePlaces(origins))


def docx_grid(path: str | os.PathLike) -> tuple[list[Row], list[str], str, bool, list]:
    """The document for `parse_forms`: (rows, preamble, profile, written by us, where each row
    comes from: (table number, row number) or None for a paragraph); NotAForm says why not."""
    body, keywords = read_body(path)
    profile, own = profile_from_keywords(keywords), written_by_us(keywords)
    rows: list[Row] = []
    origins: list[tuple[int, int] | None] = []
    tables = 0
    for el in _blocks(body):
        if el.tag == W + "tbl":
            tables += 1
            got = table_rows(el)
            rows += got
            origins += [(tables, k) for k in range(1, len(got) + 1)]
        elif _text(el).strip():
            rows.append(text_row(_text(el)))
            origins.append(None)
    if form_spans(rows):
        return rows, [], profile, own, origins
    top = {id(b) for b in _blocks(body) if b.tag == W + "tbl"}
    for tbl in body.iter(W + "tbl"):
        if id(tbl) not in top and form_spans(table_rows(tbl)):
            got = table_rows(tbl)
            return got, [r[0].text for r in rows if len(r) == 1], profile, own, [(1, k) for k in range(1, len(got) + 1)]
    try:
        parse_forms(rows, (), profile)
    except NotAForm as exc:
        raise NotAForm(f"{os.path.basename(path)}：{exc}") from None
    raise AssertionError("unreachable")  # pragma: no cover
