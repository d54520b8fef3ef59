"""One paint routine for preview, printer and PDF: the exported form's layout on one A4 page."""
from __future__ import annotations

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen

from exporters.layout import FONT_SIZES_PT, PAGE_MARGINS_MM, FormLayout, build_layout
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


def _cell_text(cell) -> str:
    return "\n".join(cell.text) if cell.vertical else cell.text


def _row_heights(page: _Page, layout: FormLayout, font: QFont) -> list[float]:
    metrics = QFontMetricsF(font, page.painter.device())
    line_mm = metrics.lineSpacing() / page.px
    heights = []
    for row in layout.rows:
        need = row.min_height_mm * 0.85
        for cell in row.cells:
            if cell.merge == "continue" or cell.vertical or not cell.text:
                continue
            width = (layout.width_mm(cell.col, cell.span) - 2 * PAD_MM) * page.px
            box = metrics.boundingRect(QRectF(0, 0, width, 1e6), int(Qt.TextFlag.TextWordWrap), cell.text)
            need = max(need, box.height() / page.px + 2 * PAD_MM, line_mm + 2 * PAD_MM)
        heights.append(need)
    return heights


def paint_form(painter: QPainter, project: Project) -> None:
    """Draw the whole form on the painter's current page (A4, portrait, no device margins)."""
    layout = build_layout(project)
    page = _Page(painter)
    left, top = PAGE_MARGINS_MM["left"], PAGE_MARGINS_MM["top"]
    width = 210 - left - PAGE_MARGINS_MM["right"]
    room = 297 - top - PAGE_MARGINS_MM["bottom"] - 36
    for pt in FONT_SIZES_PT:  # the largest size at which the table fits the page
        font = _font(BODY_FAMILIES, pt)
        heights = _row_heights(page, layout, font)
        if sum(heights) <= room:
            break
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
    painter.setFont(font)
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
            inner = box.adjusted(PAD_MM * page.px, PAD_MM * page.px, -PAD_MM * page.px, -PAD_MM * page.px)
            align = Qt.AlignmentFlag.AlignVCenter | (
                Qt.AlignmentFlag.AlignLeft if cell.align == "left" else Qt.AlignmentFlag.AlignHCenter)
            painter.drawText(inner, int(align | Qt.TextFlag.TextWordWrap), _cell_text(cell))
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


