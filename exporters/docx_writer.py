"""Write a project as the district's .docx form (python-docx, the table built as XML at once).

`cell.merge` walks the whole table on every call; writing `w:gridSpan` and `w:vMerge` directly
is exact and about fifteen times faster for this form.
"""
from __future__ import annotations

import functools
import io
import re
import zipfile
import zlib
from collections.abc import Set as AbstractSet
from typing import BinaryIO
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_HEADER_FOOTER, WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.hdrftr import FooterPart
from docx.shared import Mm, Pt

from model import Evaluation, Project
from model.text import clean_text, cut

from exporters.properties import _now, _text, set_docx_properties
from exporters.layout import (LINE_SPACING, NUMBER_PADDING_MM, PAGE_MARGINS_MM, PAGE_NUMBER_MM, PAGE_NUMBER_PT, FormLayout,
                     LayoutCell, Merge, build_layout, cell_text, header_rows, last_rows, paginate, profile_keywords,
                     row_height_mm)

BODY_FONT, TITLE_FONT = "宋体", "黑体"
_TWIPS_PER_MM = 1440 / 25.4
CORE_PROPERTY_LIMIT = 255  # python-docx refuses longer title, subject and keywords


def _tw(mm: float) -> int:
    return round(mm * _TWIPS_PER_MM)


def _fonts_xml(font: str) -> str:
    return f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>'


def _paragraphs(text: str, align: str, run_pr: str, line_twips: int) -> str:
    jc = "center" if align == "center" else "left"
    ppr = (f'<w:pPr><w:spacing w:before="0" w:after="0" w:line="{line_twips}" w:lineRule="exact"/>'
           f'<w:jc w:val="{jc}"/></w:pPr>')
    out = []
    for line in clean_text(text).split("\n"):
        run = f'<w:r>{run_pr}<w:t xml:space="preserve">{escape(line)}</w:t></w:r>' if line else ""
        out.append(f"<w:p>{ppr}{run}</w:p>")
    return "".join(out)


def run_properties(pt: float) -> str:
    size = round(pt * 2)
    return f'<w:rPr>{_fonts_xml(BODY_FONT)}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'


def _cell_xml(cell: LayoutCell, layout: FormLayout) -> str:
    columns = layout.columns_mm
    pr = [f'<w:tcW w:w="{_tw(sum(columns[cell.col:cell.col + cell.span]))}" w:type="dxa"/>']
    if cell.span > 1:
        pr.append(f'<w:gridSpan w:val="{cell.span}"/>')
    if cell.merge == Merge.RESTART:
        pr.append('<w:vMerge w:val="restart"/>')
    elif cell.merge == Merge.CONTINUE:
        pr.append("<w:vMerge/>")
    if cell.vertical:
        pr.append('<w:textDirection w:val="tbRlV"/>')
    pr.append('<w:vAlign w:val="center"/>')
    pt, text = cell_text(layout, cell)  # the size and line breaks the layout chose
    if cell.merge == Merge.CONTINUE:
        text = ""
    line = round(pt * LINE_SPACING * 20)
    return (f"<w:tc><w:tcPr>{''.join(pr)}</w:tcPr>"
            f"{_paragraphs(text, cell.align, run_properties(pt), line)}</w:tc>")


def table_xml(layout: FormLayout, rows: list[int] | None = None, repeat: AbstractSet[int] = frozenset(),
              keep: AbstractSet[int] = frozenset(), bottom: bool = True) -> str:
    """The layout's rows (all by default) as one table: `repeat` rows are its header rows, which
    Word prints again at the top of every page; `keep` rows stay on the page of the row after
    them. Rows never split across pages. bottom=False leaves off the bottom border (a table
    the next one continues)."""
    out = []
    for i in range(len(layout.rows)) if rows is None else rows:
        row = layout.rows[i]
        height = _tw(row_height_mm(layout, row))
        cells = "".join(_cell_xml(c, layout) for c in row.cells)
        if i in keep:
            cells = cells.replace("<w:pPr>", "<w:pPr><w:keepNext/>")
        header = "<w:tblHeader/>" if i in repeat else ""
        out.append(f'<w:tr><w:trPr><w:cantSplit/>{header}<w:trHeight w:val="{height}" w:hRule="atLeast"/>'
                   f'<w:jc w:val="center"/></w:trPr>{cells}</w:tr>')
    return table_frame_xml(layout.columns_mm, "".join(out), bottom)


def table_frame_xml(columns_mm: tuple[float, ...], rows: str, bottom: bool = True) -> str:
    """A fixed, centred table on a grid of columns_mm with thin borders and 1 mm cell margins
    (NUMBER_PADDING_MM in all: the layout keeps numbers on one line with it)."""
    border = 'w:val="single" w:sz="4" w:space="0" w:color="000000"'
    last = border if bottom else 'w:val="nil"'
    grid = "".join(f'<w:gridCol w:w="{_tw(mm)}"/>' for mm in columns_mm)
    margin = _tw(NUMBER_PADDING_MM / 2)
    return (
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{_tw(sum(columns_mm))}" w:type="dxa"/>'
        f'<w:jc w:val="center"/><w:tblBorders><w:top {border}/><w:left {border}/><w:bottom {last}/>'
        f'<w:right {border}/><w:insideH {border}/><w:insideV {border}/></w:tblBorders>'
        f'<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="{margin}" w:type="dxa"/>'
        f'<w:right w:w="{margin}" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>"
    )


def _set_fonts(style, font: str, pt: float) -> None:
    style.font.name = font
    style.font.size = Pt(pt)
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(slot), font)


def _line(doc, text: str, font: str, pt: float, align=WD_ALIGN_PARAGRAPH.CENTER, before=0, after=0):
    p = doc.add_paragraph()
    p.alignment = align
    p.paragraph_format.space_before, p.paragraph_format.space_after = Pt(before), Pt(after)
    run = p.add_run(clean_text(text))
    run.font.size = Pt(pt)
    run.font.name = font
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    return p


# the styles a form, the 汇总表 and the department table use, the defaults Word falls back to,
# and the list styles the template's numbering.xml names
_KEPT_STYLES = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "Header", "HeaderChar",
                "Footer", "FooterChar", "TableGrid", "ListBullet", "ListBullet2", "ListBullet3",
                "ListNumber", "ListNumber2", "ListNumber3"}
_DROPPED_PARTS = ("stylesWithEffects", "thumbnail")


def _trim(doc) -> None:
    """Leave out what python-docx's default template carries and no form uses: 790 KB of styles
    (164 styles and stylesWithEffects.xml) and a thumbnail, which every export parsed, wrote,
    compressed and hashed again — most of a batch export's time."""
    styles = doc.styles.element
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in _KEPT_STYLES:
            styles.remove(style)
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)
    for rels in (doc.part.rels, doc.part.package.rels):
        for r_id in [r.rId for r in rels.values() if r.reltype.rsplit("/", 1)[-1] in _DROPPED_PARTS]:
            rels.pop(r_id)


@functools.cache
def _template(body_pt: float) -> bytes:
    """The trimmed template with the form's font, made once per size for the whole process."""
    doc = Document()
    _trim(doc)
    _set_fonts(doc.styles["Normal"], BODY_FONT, body_pt)
    doc.styles["Normal"].paragraph_format.space_after = Pt(0)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def new_document(body_pt: float):
    """A document whose Normal style is the form's font, with no space after paragraphs."""
    return Document(io.BytesIO(_template(body_pt)))


def set_page(section, landscape: bool = False) -> None:
    """A4 with the form's margins; the 汇总表 turns the same page sideways."""
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long, short = Mm(297), Mm(210)
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    section.left_margin, section.right_margin = Mm(PAGE_MARGINS_MM["left"]), Mm(PAGE_MARGINS_MM["right"])
    section.top_margin, section.bottom_margin = Mm(PAGE_MARGINS_MM["top"]), Mm(PAGE_MARGINS_MM["bottom"])
    section.header_distance = section.footer_distance = Mm(8)


def add_form(doc, layout: FormLayout, tables: list[bytes] | None = None, section=None) -> None:
    """The form's title, table and signature lines at the end of doc, whose last section it
    fills: one A4 page where it fits (exporters/layout.paginate), else as many as it needs, the
    indicator table's header rows repeated on each, 第 N 页 共 M 页 below, the last indicator
    rows, the 总分 row and the signature lines kept together.

    tables: a document of many forms (the combined export) leaves each form's tables (and lines)
    out of python-docx's tree, a mark in their place and their XML appended here (compressed),
    and puts them in the written document.xml with `put_tables`: a thousand forms' tables held by
    python-docx took a gigabyte. section: doc's last section, given by a caller that adds it after
    others (each doc.sections walks every paragraph of the document)."""
    pages = paginate(layout)
    alone = section is None and len(doc.sections) == 1
    section = section if section is not None else doc.sections[-1]
    lines = [clean_text(t) for t in (layout.title, layout.year_line, *layout.signature_lines)]
    as_text = tables is not None and all(t and _plain_line(t) for t in lines)  # all of it marked
    if not as_text:
        _line(doc, layout.title, TITLE_FONT, 18, after=0)
        _line(doc, layout.year_line, BODY_FONT, 12, after=3)
    body = doc.element.body
    xml = _tables_xml(layout, pages)
    split = len(xml) > 1  # several pages: numbered
    if tables is None:
        for fragment in xml:
            body.insert(len(body) - 1, parse_xml(fragment))
    else:
        body.insert(len(body) - 1, parse_xml(_TABLES_MARK.format(len(tables))))
        if as_text:  # the lines too, as form_package writes them: one paragraph of python-docx's a form
            xml = _with_lines(lines, xml)
        tables.append(zlib.compress(_as_reparsed("".join(xml)).encode("utf-8"), 1))  # a tenth in memory
    _page_numbers(section, split, len(pages), alone=alone)
    if as_text:
        return
    for i, line in enumerate(layout.signature_lines):
        p = _line(doc, line, BODY_FONT, 11, WD_ALIGN_PARAGRAPH.LEFT, before=8 if i == 0 else 4)
        p.paragraph_format.keep_with_next = i + 1 < len(layout.signature_lines)


def _tables_xml(layout: FormLayout, pages: list[list[int]]) -> list[str]:
    """The form's table, or where it takes several pages and has an indicator header, its two
    tables: Word repeats only a table's first rows, so the indicator table is a table of its own
    right below the first (a paragraph of one twip between them keeps them two tables)."""
    head = header_rows(layout)
    if len(pages) == 1 or not head:
        return [table_xml(layout)]
    tail = set(last_rows(layout)) | set(head)  # the 总分 row keeps with the signature lines
    return [table_xml(layout, list(range(head[0])), bottom=False), _SEPARATOR,
            table_xml(layout, list(range(head[0], len(layout.rows))), repeat=set(head), keep=tail)]


def _with_lines(lines: list[str], tables: list[str]) -> list[str]:
    """Title, year line, the tables and the signature lines, the lines as _line writes them."""
    signatures = lines[2:]
    return [_line_xml(lines[0], TITLE_FONT, 18, "center", 0, 0, None),
            _line_xml(lines[1], BODY_FONT, 12, "center", 0, 3, None), *tables,
            *(_line_xml(line, BODY_FONT, 11, "left", 8 if i == 0 else 4, 0, i + 1 < len(signatures))
              for i, line in enumerate(signatures))]


# where add_form left a form's tables out (a paragraph style no document of ours names)
_TABLES_MARK = f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="zpb-tables-{{}}"/></w:pPr></w:p>'
_TABLES_MARKED = re.compile(rb'<w:p><w:pPr><w:pStyle w:val="zpb-tables-(\d+)"/></w:pPr></w:p>')


def put_tables(package: bytes, tables: list[bytes]) -> bytes:
    """The package with the tables add_form left out put in their marks' places, as python-docx
    would have written them (tests/exporters/test_fast_paths.py)."""
    from exporters.package import replace_parts
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        document = z.read("word/document.xml")
    pieces = _TABLES_MARKED.split(document)  # text, a mark's number, text, …
    if sorted(int(k) for k in pieces[1::2]) != list(range(len(tables))):  # each form once: none lost
        raise ValueError("combined document: forms' tables not all in place")

    def body():
        for i, piece in enumerate(pieces):
            yield zlib.decompress(tables[int(piece)]) if i % 2 else piece
    return replace_parts(package, {"word/document.xml": body()})


_SEPARATOR = (f'<w:p {nsdecls("w")}><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
              '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>')


def _field(instr: str, run_pr: str, shown: str = "1") -> str:
    return (f'<w:r>{run_pr}<w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r>{run_pr}<w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
            f'<w:r>{run_pr}<w:fldChar w:fldCharType="separate"/></w:r><w:r>{run_pr}<w:t>{shown}</w:t></w:r>'
            f'<w:r>{run_pr}<w:fldChar w:fldCharType="end"/></w:r>')


def _page_numbers(section, shown: bool, pages: int = 1, alone: bool = True) -> None:
    """第 N 页 共 M 页 in the section's footer, with room for it below the table; none for one
    page. A form in a combined document is numbered on its own (SECTIONPAGES, which Word counts;
    LibreOffice shows the layout's count stored with it) and has a footer of its own even when
    empty (a section without one repeats the footer of the section before); a form alone counts
    the document's pages."""
    section.bottom_margin = Mm(PAGE_MARGINS_MM["bottom"] + (PAGE_NUMBER_MM if shown else 0))
    if not shown and alone:
        return
    paragraph = ""
    if shown:
        section.footer_distance = Mm(PAGE_MARGINS_MM["bottom"])
        sect = section._sectPr
        numbering = sect.find(qn("w:pgNumType"))
        if numbering is None:  # in the schema's place: before cols, docGrid … (Word is strict)
            numbering = sect.makeelement(qn("w:pgNumType"), {})
            later = [sect.find(qn(f"w:{t}")) for t in _AFTER_PGNUMTYPE]
            later = [e for e in later if e is not None]
            if later:
                later[0].addprevious(numbering)
            else:
                sect.append(numbering)
        numbering.set(qn("w:start"), "1")
        run_pr = run_properties(PAGE_NUMBER_PT)
        text = lambda t: f'<w:r>{run_pr}<w:t xml:space="preserve">{t}</w:t></w:r>'  # noqa: E731
        count = _field("NUMPAGES" if alone else "SECTIONPAGES", run_pr, str(pages))
        paragraph = f'{text("第 ")}{_field("PAGE", run_pr)}{text(" 页 共 ")}{count}{text(" 页")}'
    _set_footer(section, f'<w:ftr {nsdecls("w", "r")}><w:p><w:pPr><w:jc w:val="center"/></w:pPr>'
                         f"{paragraph}</w:p></w:ftr>")


_AFTER_PGNUMTYPE = ("cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter",
                    "docGrid", "printerSettings", "sectPrChange")


def _set_footer(section, xml: str) -> None:
    """The section's own footer part, made here: python-docx's section.footer reads a template by
    a path that does not exist in the frozen bundle on Linux."""
    rId = _new_footer(section.part, parse_xml(xml))
    sect = section._sectPr
    for old in sect.findall(qn("w:footerReference")):
        if old.get(qn("w:type")) == "default":
            sect.remove(old)
    sect.add_footerReference(WD_HEADER_FOOTER.PRIMARY, rId)


def own_footer(section) -> None:
    """section.footer.is_linked_to_previous = False: an empty footer of python-docx's default
    template for a section that has none (a new section of a combined document)."""
    if section._sectPr.get_footerReference(WD_HEADER_FOOTER.PRIMARY) is None:
        rId = _new_footer(section.part, parse_xml(FooterPart._default_footer_xml()))
        section._sectPr.add_footerReference(WD_HEADER_FOOTER.PRIMARY, rId)


def _new_footer(document, element) -> str:
    """A footer part related from the document part, named and related as FooterPart.new and
    relate_to would (the first free /word/footerN.xml, the first free rIdN), without their walk
    over every part and relationship of the package at each footer: a combined document of a
    thousand forms adds two thousand."""
    rels = document.rels
    taken = {rel.target_part.partname for rel in rels.values() if not rel.is_external and rel.reltype == RT.FOOTER}
    n = 1
    while f"/word/footer{n}.xml" in taken:
        n += 1
    part = FooterPart(PackURI(f"/word/footer{n}.xml"), CT.WML_FOOTER, element, document.package)
    n = 1
    while f"rId{n}" in rels:
        n += 1
    rels.add_relationship(RT.FOOTER, part, f"rId{n}")
    return f"rId{n}"


def write_docx(project: Project, target: str | BinaryIO, evaluation: Evaluation | None = None,
               layout: FormLayout | None = None) -> None:
    """Write the form to a path or a binary stream: A4 portrait, one page, fonts for Chinese."""
    layout = layout or build_layout(project, evaluation)
    title, author = project.name.strip() or layout.title, project.implementer
    keywords = cut(profile_keywords(project), CORE_PROPERTY_LIMIT)
    data = form_package(layout, title, author, keywords)
    if data is not None:  # the same package, from the parts its shape shares with every form
        if isinstance(target, (str, bytes)) or hasattr(target, "__fspath__"):
            with open(target, "wb") as fh:
                fh.write(data)
        else:
            target.write(data)
        return
    _form_document(layout, title, author, keywords).save(target)


def _form_document(layout: FormLayout, title: str, author: str, keywords: str):
    """The form as python-docx builds it: the way every part of it is defined."""
    doc = new_document(layout.body_pt)
    set_page(doc.sections[0])
    set_docx_properties(doc, title, author)
    doc.core_properties.keywords = keywords
    add_form(doc, layout)
    return doc


# ---- the same package without python-docx's reading and writing of it --------------------------
#
# A form's package differs from every other form's of its shape (its table's font size and its
# page count) in two parts only: the document's body and the core properties. Its shape is made
# once, by _form_document on a form of no rows with marks for the properties; a form is then its
# shape with its body's XML (the strings table_xml and _line_xml make, as python-docx parses and
# writes them again) and its properties put in. tests/exporters/test_fast_paths.py compares the
# two ways part by part.

_TITLE_MARK, _AUTHOR_MARK, _KEYWORDS_MARK = "ZPB-TITLE-MARK", "ZPB-AUTHOR-MARK", "ZPB-KEYWORDS-MARK"
_W_DECL = " " + nsdecls("w")
_MARKS = re.compile(f">({_TITLE_MARK}|{_AUTHOR_MARK}|{_KEYWORDS_MARK})<")
_TIMES = re.compile(r"(<dcterms:(?:created|modified) [^>]*>)([^<]*)(<)")


@functools.lru_cache(maxsize=64)
def _shape(body_pt: float, pages: int) -> tuple[list[tuple[str, bytes]], str, str, str]:
    """(the parts of the shape's package in order, the document's XML before and after its
    body's content, the core properties' XML) for forms at body_pt on `pages` pages."""
    doc = new_document(body_pt)
    set_page(doc.sections[0])
    set_docx_properties(doc, _TITLE_MARK, _AUTHOR_MARK)
    doc.core_properties.keywords = _KEYWORDS_MARK
    section = doc.sections[-1]
    _page_numbers(section, pages > 1, pages, alone=True)
    buf = io.BytesIO()
    doc.save(buf)
    with zipfile.ZipFile(buf) as z:
        parts = [(name, z.read(name)) for name in z.namelist()]
    document = dict(parts)["word/document.xml"].decode("utf-8")
    end = document.rindex("<w:sectPr")
    return parts, document[:end], document[end:], dict(parts)["docProps/core.xml"].decode("utf-8")


def _plain_line(text: str) -> bool:
    """A line _line_xml writes as python-docx's add_run does: no tab, break or edge spaces."""
    return not any(c in text for c in "\t\n\r") and text.strip() == text


def _line_xml(text: str, font: str, pt: float, align: str, before: float, after: float, keep: bool | None) -> str:
    """What _line (and keep_with_next) make, as python-docx writes it."""
    spacing = f'<w:spacing w:before="{round(before * 20)}" w:after="{round(after * 20)}"/>'
    keep_xml = "" if keep is None else "<w:keepNext/>" if keep else '<w:keepNext w:val="0"/>'
    size = round(pt * 2)
    return (f'<w:p><w:pPr>{keep_xml}{spacing}<w:jc w:val="{align}"/></w:pPr><w:r><w:rPr>'
            f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}"/><w:sz w:val="{size}"/></w:rPr>'
            f"<w:t>{escape(text)}</w:t></w:r></w:p>")


def _as_reparsed(xml: str) -> str:
    """A fragment of ours as it reads after python-docx parsed it into the document and wrote it:
    no declaration of w: of its own, line ends as an XML parser normalises them."""
    for tag in ("w:tbl", "w:p"):  # a clerk's text is escaped: '<w:p ' is only ever ours
        xml = xml.replace(f"<{tag}{_W_DECL}>", f"<{tag}>")
    return xml.replace("\r\n", "\n").replace("\r", "\n")


def form_package(layout: FormLayout, title: str, author: str, keywords: str) -> bytes | None:
    """The .docx _form_document(...).save would write, made from its shape; None where a text
    is one the shortcut does not write as python-docx would (then the caller takes the long way)."""
    lines = [clean_text(t) for t in (layout.title, layout.year_line, *layout.signature_lines)]
    values = (_text(title), _text(author), keywords)
    if not all(t and _plain_line(t) for t in lines) or any(clean_text(v) != v or "\r" in v for v in values):
        return None
    pages = paginate(layout)
    tables = _tables_xml(layout, pages)
    parts, before, after, core = _shape(layout.body_pt, len(pages) if len(tables) > 1 else 1)
    document = before + _as_reparsed("".join(_with_lines(lines, tables))) + after
    now = _now().strftime("%Y-%m-%dT%H:%M:%SZ")
    core = _TIMES.sub(lambda m: m.group(1) + now + m.group(3), core)
    # in one pass: a value put in is never read again as a mark (a 项目名称 'ZPB-AUTHOR-MARK')
    put = dict(zip((_TITLE_MARK, _AUTHOR_MARK, _KEYWORDS_MARK), values))
    core = _MARKS.sub(lambda m: f">{escape(put[m.group(1)])}<", core)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            if name == "word/document.xml":
                data = document.encode("utf-8")
            elif name == "docProps/core.xml":
                data = core.encode("utf-8")
            z.writestr(name, data)
    return out.getvalue()
