"""Read the cell rows of a filled .docx form: grid columns from gridSpan, merged-down cells blank."""
from __future__ import annotations

import os
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from model import Project
from model.profiles import profile_from_keywords

from importers.grid import Cell, NotAForm, Row, form_spans, parse_forms, parse_readings, refuse_many, text_row, written_by_us
from importers.reading import Reading, TablePlaces, accepted, say_in_forms
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


MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_OFF = ("0", "false", "off")


def _flat(el: Element, tag: str) -> str:
    """The characters of el's tag elements, for naming what was left out."""
    return "".join(node.text or "" for node in el.iter(tag))


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 20 else text[:19] + "…"


def _on(run: Element, prop: str) -> bool:
    """Whether the run's own formatting turns prop on ('<w:vanish/>', not '<w:vanish w:val="0"/>')."""
    found = run.find(f"{W}rPr/{W}{prop}")
    return found is not None and found.get(W + "val", "true") not in _OFF


def _text(el: Element, said: list[str] | None = None, cell: bool = True) -> str:
    """The text Word shows and prints: paragraphs as lines, tabs and breaks kept. What Word does
    not show as the cell's text is left out, and said in `said`: text deleted or moved away with
    tracked changes (only the result of a revision is read, and the revision is named), text
    formatted hidden or struck out, a content control's placeholder ('单击或点击此处输入文字。'), a text box
    floating over a cell (a paragraph's text box, a title say, is read; Word keeps each box twice,
    the shape and a fallback picture, and only the shape is read)."""
    said = [] if said is None else said
    paras: list[list[str]] = []
    revised: list[str] = []

    stack: list[tuple[Element, list[str]]] = [(el, [])]  # no recursion: a hostile file nests deep
    while stack:
        node, parts = stack.pop()
        tag = node.tag
        if tag == W + "p":
            parts = []
            paras.append(parts)
        elif tag in (W + "del", W + "moveFrom"):
            gone = _flat(node, W + "delText") + _flat(node, W + "t")
            if gone.strip():
                revised.append(f"删去“{_shown(gone)}”")
            continue
        elif tag in (W + "ins", W + "moveTo"):
            added = _flat(node, W + "t")
            if added.strip():
                revised.append(f"加入“{_shown(added)}”")
        elif tag == MC + "Fallback":
            continue  # the same content again, for programs that do not know the choice
        elif tag == W + "txbxContent" and cell:
            boxed = _flat(node, W + "t")
            if boxed.strip():
                said.append(f"单元格上的文本框中写有“{_shown(boxed)}”，文本框不是表格的内容，未读取，请核对")
            continue
        elif tag == W + "sdt" and node.find(f"{W}sdtPr/{W}showingPlcHdr") is not None:
            shown = _flat(node, W + "t")
            if shown.strip():
                said.append(f"内容控件显示的是提示文字“{_shown(shown)}”，不是填写的内容，按空白读取")
            continue
        elif tag == W + "r":
            if _on(node, "vanish"):
                hidden = _flat(node, W + "t")
                if hidden.strip():
                    said.append(f"隐藏文字“{_shown(hidden)}”不显示也不打印，未读取，请核对")
                continue
            if _on(node, "strike") or _on(node, "dstrike"):  # a figure struck out by hand, its successor beside it
                struck = _flat(node, W + "t")
                if struck.strip():
                    said.append(f"划了删除线的文字“{_shown(struck)}”未读取，请核对")
                    continue
        elif tag in (W + "instrText", W + "fldSimple"):
            code = " ".join(((node.text if tag == W + "instrText" else node.get(W + "instr")) or "").split())
            if code.startswith("="):  # a table formula ('= SUM(ABOVE)'): its result as last updated
                said.append(f"是 Word 的计算域（{code}），读的是它上次更新时算出的结果（改了数后不会自动更新），"
                            "请核对（在 Word 中选中后按 F9 可更新）")
        elif tag == W + "t":
            parts.append(node.text or "")
        elif tag == W + "tab":
            parts.append("\t")
        elif tag in (W + "br", W + "cr"):
            parts.append("\n")
        elif tag == W + "noBreakHyphen":
            parts.append("-")
        stack.extend((child, parts) for child in reversed(node))

    if revised:
        said.append(f"有未接受的修订（{'，'.join(dict.fromkeys(revised))}），按修订后的内容读取，请核对")
    return "\n".join("".join(parts) for parts in paras)


def _val(el: Element | None, name: str, default: str | None = None) -> str | None:
    if el is None:
        return default
    found = el.find(W + name)
    return default if found is None else found.get(W + "val", "")


def _span(pr: Element | None) -> int:
    text = _val(pr, "gridSpan", "1") or "1"
    return min(max(1, int(text)), 64) if text.isdigit() else 1


def table_rows(tbl: Element, said: list[tuple[int, int, str]] | None = None,
               where: list[int] | None = None, offset: int = 0, depth: int = 0) -> list[Row]:
    """The table's rows of cells; what a cell holds that Word does not show as its text is said
    in `said` as (row, grid column, message). A row that is one cell holding a table (a funds part
    drawn as a table in a merged cell) is that table's rows, at the cell's columns; `where` gets
    the table's own row number (from 1) of each row."""
    rows: list[Row] = []
    for number, tr in enumerate(_children(tbl, W + "tr"), 1):
        before = _val(tr.find(W + "trPr"), "gridBefore", "0") or "0"
        col = offset + (min(int(before), 64) if before.isdigit() else 0)
        cells = list(_children(tr, W + "tc"))
        inner = _inner_table(cells) if depth < 4 else None
        if inner is not None:
            start = col + sum(_span(tc.find(W + "tcPr")) for tc in cells[:cells.index(inner[0])])
            found: list[tuple[int, int, str]] = []
            got = table_rows(inner[1], found, None, start, depth + 1)
            if said is not None:
                said += [(len(rows) + r, c, m) for r, c, m in found]
            rows += got
            if where is not None:
                where += [number] * len(got)
            continue
        row: Row = []
        for tc in cells:
            pr = tc.find(W + "tcPr")
            span = _span(pr)
            vmerge = _val(pr, "vMerge")
            noted: list[str] = []
            below = vmerge is not None and vmerge in ("", "continue")
            text = "" if below else _text(tc, noted)
            if any(child.tag == W + "tbl" for child in tc):
                noted.append("单元格中嵌套了表格，其中的内容按文字连在一起读取，请核对")
            if said is not None:
                said += [(len(rows), col, message) for message in noted]
            row.append(Cell(col, span, text, below))
            col += span
        rows.append(row)
        if where is not None:
            where.append(number)
    return rows


def _inner_table(cells: list[Element]) -> tuple[Element, Element] | None:
    """(cell, table) when the row's one cell with content holds a table and nothing else."""
    if not any(child.tag == W + "tbl" for tc in cells for child in tc):
        return None
    full = [tc for tc in cells if _text(tc).strip()]
    if len(full) != 1:
        return None
    tables = [child for child in full[0] if child.tag == W + "tbl"]
    rest = [child for child in full[0] if child.tag == W + "p"]
    if len(tables) != 1 or any(_text(p).strip() for p in rest):
        return None
    return full[0], tables[0]


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
    said: list[tuple[int, int, str]] = []
    rows, preamble, profile, own, origins = docx_grid(path, said)
    readings = parse_readings(rows, preamble, profile, own, TablePlaces(origins))
    say_in_forms(readings, [s for s, _, _ in form_spans(rows)], said)
    return readings


def docx_grid(path: str | os.PathLike, said: list[tuple[int, int, str]] | None = None
              ) -> tuple[list[Row], list[str], str, bool, list]:
    """The document for `parse_forms`: (rows, preamble, profile, written by us, where each row
    comes from: (table number, row number) or None for a paragraph); NotAForm says why not.
    `said` gets (grid row, column, message) for what a cell holds that Word does not show."""
    body, keywords = read_body(path)
    profile, own = profile_from_keywords(keywords), written_by_us(keywords)
    rows: list[Row] = []
    origins: list[tuple[int, int] | None] = []
    found: list[tuple[int, int, str]] = []
    tables = 0
    for el in _blocks(body):
        if el.tag == W + "tbl":
            tables += 1
            in_table: list[tuple[int, int, str]] = []
            numbers: list[int] = []
            got = table_rows(el, in_table, numbers)
            found += [(len(rows) + r, c, m) for r, c, m in in_table]
            rows += got
            origins += [(tables, k) for k in numbers]
        else:
            in_paragraph: list[str] = []
            if (text := _text(el, in_paragraph, cell=False)).strip() or in_paragraph:
                found += [(len(rows), 0, m) for m in in_paragraph]
                rows.append(text_row(text))
                origins.append(None)
    if form_spans(rows):
        if said is not None:
            said += found
        return rows, [], profile, own, origins
    top = {id(b) for b in _blocks(body) if b.tag == W + "tbl"}
    for tbl in body.iter(W + "tbl"):
        if id(tbl) not in top and form_spans(table_rows(tbl)):
            got = table_rows(tbl, said)
            return got, [r[0].text for r in rows if len(r) == 1], profile, own, [(1, k) for k in range(1, len(got) + 1)]
    sheet = _embedded_sheet(body)
    if sheet:  # the form pasted into Word as an Excel (or WPS) object: a picture, its cells inside
        raise NotAForm(f"{os.path.basename(path)}：文档中的表格是嵌入的{sheet}对象，不是 Word 表格，程序读不到其中的单元格；"
                       "请在 Word 中双击它打开，把工作表另存为 Excel 工作簿（.xlsx）后再读取")
    try:
        parse_forms(rows, (), profile)
    except NotAForm as exc:
        raise NotAForm(f"{os.path.basename(path)}：{exc}") from None
    raise AssertionError("unreachable")  # pragma: no cover


_OLE_OBJECT = "{urn:schemas-microsoft-com:office:office}OLEObject"
_SHEETS = {"Excel.Sheet": "Excel 工作表", "ET.": "WPS 表格", "Ket.": "WPS 表格"}


def _embedded_sheet(body: Element) -> str:
    """What kind of spreadsheet object the document embeds ('' when none)."""
    for obj in body.iter(_OLE_OBJECT):
        prog = obj.get("ProgID") or ""
        for prefix, name in _SHEETS.items():
            if prog.startswith(prefix):
                return name
    return ""
