"""One paint routine for preview, printer and PDF: the exported form's layout on one A4 page."""
from __future__ import annotations

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen, QTextLayout,
                           QTextOption)

from exporters.layout import (LINE_SPACING, PAGE_MARGINS_MM, FormLayout, build_layout, cell_text, largest_fitting,
                              numbers_fit)
from model import Project

BODY_FAMILIES = ["SimSun", "宋体", "Noto Serif CJK SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei"]
TITLE_FAMILIES = ["SimHei", "黑体", "Noto Sans CJK SC", "WenQuanYi Micro Hei"]
PAD_MM = 0.8


def a4_layout() -> QPageLayout:
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                       QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


def _font(families: list[str], pt: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(families)
    font.setPointSizeF(pt)
    font.setBold(bold)
    return font


class _Page:
    """Millimetres to device pixels for one paint device."""

    def __init__(self, painter: QPainter) -> None:
        self.painter = painter
        self.px = painter.device().logicalDpiX() / 25.4

    def rect(self, x: float, y: float, w: float, h: float) -> QRectF:
        return QRectF(x * self.px, y * self.px, w * self.px, h * self.px)


def _lines(page: _Page, text: str, font: QFont, width_mm: float, pt: float) -> list[QTextLayout]:
    """Text wrapped to width, one QTextLayout a paragraph, lines LINE_SPACING × pt apart (as
    the Word table sets them): CJK fonts' own leading would waste a third of the page."""
    step = pt * LINE_SPACING * page.px * 25.4 / 72
    layouts = []
    for para in text.split("\n"):
        tl = QTextLayout(para, font, page.painter.device())
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


def _text_height_mm(page: _Page, layouts: list[QTextLayout], pt: float) -> float:
    lines = sum(max(1, tl.lineCount()) for tl in layouts)
    return lines * pt * LINE_SPACING * 25.4 / 72


def _row_heights(page: _Page, layout: FormLayout, pt: float) -> list[float]:
    """Each row's height at table size pt, every cell at the size and line breaks the layout
    gives it (cell_text)."""
    layout.body_pt = pt
    heights = []
    for row in layout.rows:
        need = row.min_height_mm * 0.85
        for cell in row.cells:
            if cell.merge == "continue" or cell.vertical or not cell.text:
                continue
            size, text = cell_text(layout, cell)
            width = layout.width_mm(cell.col, cell.span) - 2 * PAD_MM
            lines = _lines(page, text, _font(BODY_FAMILIES, size), width, size)
            need = max(need, _text_height_mm(page, lines, size) + 2 * PAD_MM)
        heights.append(need)
    return heights


def _draw_cell_text(page: _Page, layout: FormLayout, cell, box: QRectF) -> None:
    painter = page.painter
    pt, text = cell_text(layout, cell)
    font = _font(BODY_FAMILIES, pt)
    if cell.vertical:
        text = "\n".join(cell.text)  # 绩效指标 top to bottom
    width = box.width() / page.px - 2 * PAD_MM
    layouts = _lines(page, text, font, width, pt)
    height = _text_height_mm(page, layouts, pt) * page.px
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


def paint_form(painter: QPainter, project: Project) -> None:
    """Draw the whole form on the painter's current page (A4, portrait, no device margins)."""
    layout = build_layout(project)
    page = _Page(painter)
    left, top = PAGE_MARGINS_MM["left"], PAGE_MARGINS_MM["top"]
    width = 210 - left - PAGE_MARGINS_MM["right"]
    room = 297 - top - PAGE_MARGINS_MM["bottom"] - 36
    pt = largest_fitting(lambda size: numbers_fit(layout, size) and
                         sum(_row_heights(page, layout, size)) <= room)
    heights = _row_heights(page, layout, pt)
    painter.save()
    painter.setFont(_font(TITLE_FAMILIES, 18))
    painter.drawText(page.rect(left, top, width, 10), int(Qt.AlignmentFlag.AlignCenter), layout.title)
    painter.setFont(_font(BODY_FAMILIES, 12))
    painter.drawText(page.rect(left, top + 10, width, 7), int(Qt.AlignmentFlag.AlignCenter), layout.year_line)
    y0 = top + 19
    tops = [y0]
    for h in heights:
        tops.append(tops[-1] + h)
    painter.setPen(QPen(Qt.GlobalColor.black, 0.25 * page.px))
    for r, row in enumerate(layout.rows):
        for cell in row.cells:
            if cell.merge == "continue":
                continue
            last = r
            if cell.merge == "restart":
                while last + 1 < len(layout.rows) and any(
                        c.col == cell.col and c.merge == "continue" for c in layout.rows[last + 1].cells):
                    last += 1
            x = left + layout.width_mm(0, cell.col)
            w = layout.width_mm(cell.col, cell.span)
            box = page.rect(x, tops[r], w, tops[last + 1] - tops[r])
            painter.drawRect(box)
            _draw_cell_text(page, layout, cell, box)
    painter.setFont(_font(BODY_FAMILIES, 11))
    y = tops[-1] + 6
    for line in layout.signature_lines:
        painter.drawText(page.rect(left, y, width, 7), int(Qt.AlignmentFlag.AlignLeft), line)
        y += 9
    painter.restore()


def write_pdf(project: Project, path: str) -> None:
    """A PDF of the form without Office: what a desk without Word prints."""
    writer = QPdfWriter(path)
    writer.setPageLayout(a4_layout())
    writer.setResolution(300)
    writer.setTitle(f"{project.name} 项目支出绩效自评表")
    painter = QPainter(writer)
    try:
        paint_form(painter, project)
    finally:
        painter.end()


def print_to(printer, project: Project) -> None:
    """Paint on a QPrinter (the print dialog's or the preview's)."""
    printer.setPageLayout(a4_layout())
    printer.setFullPage(True)
    painter = QPainter(printer)
    try:
        paint_form(painter, project)
    finally:
        painter.end()


