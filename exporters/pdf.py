"""The program's own print routine: a form's layout painted with QtGui (never QtWidgets or ui/) on
a printer or PDF, shared by the window (打印, 打印预览, 导出 PDF) and the headless `export --pdf`.

The one Qt module of exporters/ (tests/test_layers.py says so); cli/ imports it only when a PDF is
asked for, so `check` and the other commands never load Qt. The pages are the layout's
(exporters/layout.paginate): the same breaks as the Word and Excel forms.
"""
from __future__ import annotations

import os
import re
import sys
import unicodedata
from collections.abc import Callable
from datetime import datetime, timezone
from functools import lru_cache
from xml.sax.saxutils import escape

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (QFont, QGuiApplication, QPageLayout, QPageSize, QPagedPaintDevice, QPainter,
                           QPdfWriter, QPen, QRawFont, QTextLayout, QTextOption)

from model import Evaluation, Project
from model.text import clean_text

from exporters.layout import (LINE_SPACING, PAGE_MARGINS_MM, PAGE_NUMBER_MM, PAGE_NUMBER_PT, TITLE_MM, FormLayout,
                     LayoutCell, Merge, Role, build_layout, cell_text, header_rows, page_number_text, paginate,
                     row_height_mm)
from exporters.stamp import PDF_MARK_PLACEHOLDER

BODY_FAMILIES = ["SimSun", "宋体", "Noto Serif CJK SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei"]
TITLE_FAMILIES = ["SimHei", "黑体", "Noto Sans CJK SC", "WenQuanYi Micro Hei"]
PAD_MM = 0.8
RESOLUTION = 300


def ensure_gui() -> None:
    """A QGuiApplication for painting: the window's, or one made here for the command line —
    on the offscreen platform where there is no display (a server, a batch script, CI)."""
    if QGuiApplication.instance() is not None:
        return
    if sys.platform != "win32" and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # needs no display; fonts from fontconfig
    global _APP
    _APP = QGuiApplication(["zpb"])


_APP: QGuiApplication | None = None


def a4_layout(landscape: bool = False) -> QPageLayout:
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation, QMarginsF(0, 0, 0, 0),
                       QPageLayout.Unit.Millimeter)


def font(families: list[str], pt: float, bold: bool = False) -> QFont:
    f = QFont()
    f.setFamilies(families)
    f.setPointSizeF(pt)
    f.setBold(bold)
    return f


class Page:
    """Millimetres to device pixels for one paint device."""

    def __init__(self, painter: QPainter) -> None:
        self.painter = painter
        self.px = painter.device().logicalDpiX() / 25.4

    def rect(self, x: float, y: float, w: float, h: float) -> QRectF:
        return QRectF(x * self.px, y * self.px, w * self.px, h * self.px)


def _lines(page: Page, text: str, qfont: QFont, width_mm: float, pt: float) -> list[QTextLayout]:
    """Text wrapped to width, one QTextLayout a paragraph, lines LINE_SPACING × pt apart (as
    the Word table sets them): CJK fonts' own leading would waste a third of the page."""
    step = pt * LINE_SPACING * page.px * 25.4 / 72
    layouts = []
    for para in text.split("\n"):
        tl = QTextLayout(para, qfont, page.painter.device())
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        tl.setTextOption(option)
        tl.beginLayout()
        y = 0.0
        while True:
            line = tl.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width_mm * page.px)
            line.setPosition(QPointF(0, y))
            y += step
        tl.endLayout()
        layouts.append(tl)
    return layouts


def _text_height_mm(layouts: list[QTextLayout], pt: float) -> float:
    lines = sum(max(1, tl.lineCount()) for tl in layouts)
    return lines * pt * LINE_SPACING * 25.4 / 72


def row_heights(page: Page, layout: FormLayout) -> list[float]:
    """Each row's height in mm: the layout's (what Word and Excel are given), or more where this
    face needs more lines; every cell at the size and line breaks the layout gives it (cell_text)."""
    heights = []
    for row in layout.rows:
        need = row_height_mm(layout, row)
        for cell in row.cells:
            if cell.merge == Merge.CONTINUE or cell.vertical or not cell.text:
                continue
            if cell.merge == Merge.RESTART and row.kind != "indicator":
                continue  # a block's label spans rows: its own row need not hold it
            size, text = cell_text(layout, cell)
            width = layout.width_mm(cell.col, cell.span) - 2 * PAD_MM
            lines = _lines(page, text, font(BODY_FAMILIES, size), width, size)
            need = max(need, _text_height_mm(lines, size) + 2 * PAD_MM)
        heights.append(need)
    return heights


def _draw_cell_text(page: Page, layout: FormLayout, cell: LayoutCell, box: QRectF) -> None:
    painter = page.painter
    pt, text = cell_text(layout, cell)  # the size and line breaks the layout chose
    if cell.vertical:
        text = "\n".join(cell.text)  # 绩效指标 top to bottom
    qfont = font(BODY_FAMILIES, pt)
    width = box.width() / page.px - 2 * PAD_MM
    layouts = _lines(page, text, qfont, width, pt)
    height = _text_height_mm(layouts, pt) * page.px
    y = box.top() + max(PAD_MM * page.px, (box.height() - height) / 2)
    step = pt * LINE_SPACING * page.px * 25.4 / 72
    for tl in layouts:
        for i in range(tl.lineCount()):
            line = tl.lineAt(i)
            if cell.align == "left":
                x = box.left() + PAD_MM * page.px
            else:
                x = box.left() + (box.width() - line.naturalTextWidth()) / 2
            line.draw(painter, QPointF(x, y - line.y() + (step - line.height()) / 2))
            y += step
        if tl.lineCount() == 0:
            y += step


def _owners(layout: FormLayout) -> list[dict[int, int]]:
    """For each row, column → the row whose cell there starts the merge that covers it."""
    owners: list[dict[int, int]] = []
    for r, row in enumerate(layout.rows):
        mine: dict[int, int] = {}
        for cell in row.cells:
            mine[cell.col] = owners[r - 1].get(cell.col, r) if cell.merge == Merge.CONTINUE and r else r
        owners.append(mine)
    return owners


def _cell_at(layout: FormLayout, r: int, col: int):
    return next(c for c in layout.rows[r].cells if c.col == col)


def page_count(layout: FormLayout) -> int:
    """How many pages the form takes as this routine prints it (what the window says before printing)."""
    ensure_gui()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = _writer(buffer)
    painter = QPainter(writer)
    try:
        return len(paginate(layout, row_heights(Page(painter), layout)))
    finally:
        painter.end()
        buffer.close()


def paint_layout(painter: QPainter, layout: FormLayout, new_page: Callable[[], object]) -> int:
    """Draw the form from the painter's current page on (A4 portrait, no device margins), calling
    new_page() between its pages; the number of pages drawn."""
    page = Page(painter)
    heights = row_heights(page, layout)
    pages = paginate(layout, heights)
    head = header_rows(layout)
    owners = _owners(layout)
    left, top = PAGE_MARGINS_MM["left"], PAGE_MARGINS_MM["top"]
    width = sum(layout.columns_mm)
    left += (210 - PAGE_MARGINS_MM["left"] - PAGE_MARGINS_MM["right"] - width) / 2
    qfont = font(BODY_FAMILIES, layout.body_pt)
    painter.save()
    try:
        for n, rows in enumerate(pages, 1):
            if n > 1:
                new_page()
            y = top
            if n == 1:
                painter.setFont(font(TITLE_FAMILIES, 18))
                painter.drawText(page.rect(left, top, width, 10), int(Qt.AlignmentFlag.AlignCenter), layout.title)
                painter.setFont(font(BODY_FAMILIES, 12))
                painter.drawText(page.rect(left, top + 10, width, 7), int(Qt.AlignmentFlag.AlignCenter),
                                 layout.year_line)
                y = top + TITLE_MM
            shown = (head if n > 1 and head and rows[0] > head[-1] else []) + rows
            y = _paint_rows(page, layout, shown, [heights[i] for i in shown], owners, left, y, qfont)
            if n == len(pages):
                painter.setFont(font(BODY_FAMILIES, 11))
                y += 6
                for line in layout.signature_lines:
                    painter.drawText(page.rect(left, y, width, 7), int(Qt.AlignmentFlag.AlignLeft), line)
                    y += 9
            if len(pages) > 1:
                painter.setFont(font(BODY_FAMILIES, PAGE_NUMBER_PT))
                bottom = 297 - PAGE_MARGINS_MM["bottom"] - PAGE_NUMBER_MM
                painter.drawText(page.rect(left, bottom + 1, width, PAGE_NUMBER_MM - 1),
                                 int(Qt.AlignmentFlag.AlignCenter), page_number_text(n, len(pages)))
    finally:
        painter.restore()
    return len(pages)


def _paint_rows(page: Page, layout: FormLayout, shown: list[int], heights: list[float],
                owners: list[dict[int, int]], left: float, y0: float, qfont: QFont) -> float:
    """The rows shown on one page: a merge is drawn as one box over its rows on this page, with
    its text (an 一级指标 or a 三级指标 continued from the page before is named again)."""
    painter = page.painter
    tops = [y0]
    for h in heights:
        tops.append(tops[-1] + h)
    painter.setPen(QPen(Qt.GlobalColor.black, 0.25 * page.px))
    painter.setFont(qfont)

    def joins(k: int, col: int) -> bool:
        """The cell at position k, column col continues the box above it on this page."""
        if k == 0:
            return False
        above, here = owners[shown[k - 1]].get(col), owners[shown[k]].get(col)
        return above is not None and above == here and here != shown[k]

    for k, r in enumerate(shown):
        for cell in layout.rows[r].cells:
            if joins(k, cell.col):
                continue
            last = k
            while last + 1 < len(shown) and joins(last + 1, cell.col):
                last += 1
            owner = _cell_at(layout, owners[r][cell.col], cell.col)
            x = left + layout.width_mm(0, cell.col)
            box = page.rect(x, tops[k], layout.width_mm(cell.col, cell.span), tops[last + 1] - tops[k])
            painter.drawRect(box)
            # a merge continued from the page before names its label again, never its figure: a
            # 分值 or 得分 printed twice reads as a second indicator's
            if owner.text and (owners[r][cell.col] == r or owner.role == Role.TEXT):
                _draw_cell_text(page, layout, owner, box)
    return tops[-1]


def _writer(device) -> QPdfWriter:
    writer = QPdfWriter(device)
    writer.setPageLayout(a4_layout())
    writer.setResolution(RESOLUTION)
    return writer


def _xmp(title: str, author: str) -> bytes:
    """The PDF's metadata, with our export mark as its identifier (as dc:identifier in a .docx's
    core properties): exporters/stamp.py fills in the hash once the file is made."""
    now = datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{escape(author)}</rdf:li></rdf:Seq></dc:creator>
<dc:identifier>{PDF_MARK_PLACEHOLDER}</dc:identifier>
<xmp:CreatorTool>项目支出绩效自评表</xmp:CreatorTool>
<xmp:CreateDate>{now}</xmp:CreateDate><xmp:ModifyDate>{now}</xmp:ModifyDate>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>""".encode("utf-8")


@lru_cache(maxsize=8)
def _radical_twins(families: tuple[str, ...]) -> dict[int, int]:
    """Radicals (U+2E80–U+2FDF) that the face draws with an ideograph's own glyph → that ideograph.

    Qt writes a PDF's text layer (its ToUnicode map) from glyph to the lowest character drawn by
    that glyph: with the Noto CJK faces 目 reads back as ⽬ (KANGXI RADICAL EYE), 页 as ⻚, 门 as ⻔
    — a search, a copy or a checker reading the PDF would not find the clerk's words.
    """
    raw = QRawFont.fromFont(font(list(families), 12))
    radicals = range(0x2E80, 0x2FE0)
    by_glyph = {g: cp for cp, g in zip(radicals, raw.glyphIndexesForString("".join(map(chr, radicals)))) if g}
    twins: dict[int, int] = {}
    ideographs = range(0x4E00, 0xA000)
    for cp, g in zip(ideographs, raw.glyphIndexesForString("".join(map(chr, ideographs)))):
        if g in by_glyph:
            twins.setdefault(by_glyph[g], cp)
    return twins


_CMAP = re.compile(rb"begincmap.*?endcmap", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]{4})>")


def fix_text_layer(data: bytes) -> bytes:
    """The PDF with every radical in its text layer read as the ideograph drawn (see _radical_twins);
    each code keeps its length, so no offset of the file moves."""
    twins = {**_radical_twins(tuple(BODY_FAMILIES)), **_radical_twins(tuple(TITLE_FAMILIES))}
    for cp in range(0x2F00, 0x2FE0):  # the Kangxi radicals name their ideograph themselves
        twins.setdefault(cp, ord(unicodedata.normalize("NFKC", chr(cp))))

    def line(text: bytes, sources: int) -> bytes:
        seen = 0

        def swap(m: re.Match) -> bytes:
            nonlocal seen
            seen += 1
            cp = int(m.group(1), 16)
            return b"<%04X>" % twins[cp] if seen > sources and cp in twins else m.group(0)
        return _HEX.sub(swap, text)

    def cmap(m: re.Match) -> bytes:
        out, sources = [], 0
        for text in m.group(0).split(b"\n"):
            if text.endswith(b"beginbfrange"):
                sources = 2
            elif text.endswith(b"beginbfchar"):
                sources = 1
            elif text.startswith(b"end"):
                sources = 0
            out.append(line(text, sources) if sources else text)
        return b"\n".join(out)
    return _CMAP.sub(cmap, data)


def pdf_writer(device, title: str, author: str = "") -> QPdfWriter:
    """A4 portrait at 300 dpi, with the document's title and author and a place for our mark:
    every PDF the program writes is made by one (exporters.files.write_output fills in the mark)."""
    writer = _writer(device)
    writer.setTitle(clean_text(title))
    writer.setCreator("项目支出绩效自评表")
    if author:
        writer.setAuthor(clean_text(author))
    writer.setDocumentXmpMetadata(QByteArray(_xmp(clean_text(title), clean_text(author))))
    return writer


def pdf_bytes(layouts: list[FormLayout], title: str, author: str = "") -> bytes:
    """One PDF of the forms, each starting on a new page, built in memory (a failure leaves no
    file); the caller writes it with exporters.files.write_output, which marks it as ours."""
    ensure_gui()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = pdf_writer(buffer, title, author)
    painter = QPainter(writer)
    try:
        for i, layout in enumerate(layouts):
            if i:
                writer.newPage()
            paint_layout(painter, layout, writer.newPage)
    finally:
        painter.end()
        buffer.close()
    return fix_text_layer(bytes(data.data()))


def form_pdf(project: Project, evaluation: Evaluation | None = None,
             layout: FormLayout | None = None) -> bytes:
    """The project's form as a PDF: what a desk without Office prints and signs."""
    layout = layout or build_layout(project, evaluation)
    return pdf_bytes([layout], f"{project.name} {layout.title}".strip(), project.implementer)


def print_layout(printer: QPagedPaintDevice, layout: FormLayout) -> int:
    """Paint on a QPrinter (the print dialog's or the preview's); the number of pages."""
    printer.setPageLayout(a4_layout())
    if hasattr(printer, "setFullPage"):
        printer.setFullPage(True)
    painter = QPainter(printer)
    try:
        return paint_layout(painter, layout, printer.newPage)
    finally:
        painter.end()
