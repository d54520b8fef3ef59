"""The whole folder in one print job: the 汇总表 on A4 landscape, then each form as exporters/pdf.py draws it."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPen

from exporters.files import write_output
from exporters.layout import PAGE_MARGINS_MM, build_layout, line_count
from exporters.pdf import BODY_FAMILIES, TITLE_FAMILIES, Page, a4_layout, fix_text_layer, paint_layout, pdf_writer
from exporters.pdf import font as pdf_font
from exporters.unit.summary_docx import ALIGN, BODY_PT, SIGNATURE, summary_cell, summary_columns
from model.unit.summary import COLUMNS, NOTE, Summary, build_summary
from model.unit import UnitEntry

Step = Callable[[int, str], bool]
LINE_MM = BODY_PT * 0.3528 * 1.25


def landscape_layout() -> QPageLayout:
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                       QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


def _row_mm(texts: list[str], columns: tuple[float, ...]) -> float:
    return max(line_count(t, mm, BODY_PT) for t, mm in zip(texts, columns)) * LINE_MM + 2.4


def paint_summary(painter: QPainter, summary: Summary, new_page: Callable[[], None]) -> None:
    """The 汇总表 on as many landscape pages as it needs, its header row on each."""
    page = Page(painter)
    left, top = PAGE_MARGINS_MM["left"], PAGE_MARGINS_MM["top"]
    columns = summary_columns(summary)
    width, bottom = sum(columns), 210 - PAGE_MARGINS_MM["bottom"]
    painter.save()
    painter.setPen(QPen(Qt.GlobalColor.black, 0.25 * page.px))
    painter.setFont(pdf_font(TITLE_FAMILIES, 18))
    painter.drawText(page.rect(left, top, width, 10), int(Qt.AlignmentFlag.AlignCenter), summary.title)
    painter.setFont(pdf_font(BODY_FAMILIES, 12))
    painter.drawText(page.rect(left, top + 10, width, 7), int(Qt.AlignmentFlag.AlignCenter), summary.year_line)
    body, bold = pdf_font(BODY_FAMILIES, BODY_PT), pdf_font(BODY_FAMILIES, BODY_PT, bold=True)

    def draw(texts: list[str], y: float, font, aligns) -> float:
        texts = [summary_cell(t, i, columns, header=texts is header) for i, t in enumerate(texts)]
        h = _row_mm(texts, columns)
        painter.setFont(font)
        x = left
        for text, mm, align in zip(texts, columns, aligns):
            box = page.rect(x, y, mm, h)
            painter.drawRect(box)
            flags = (Qt.AlignmentFlag.AlignLeft if align == "left" else Qt.AlignmentFlag.AlignHCenter)
            painter.drawText(box.adjusted(0.8 * page.px, 0, -0.8 * page.px, 0),
                             int(flags | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap), text)
            x += mm
        return y + h

    number = 1

    def page_number() -> None:  # '第 N 页' under each page, as the Word and Excel 汇总表
        painter.setFont(pdf_font(BODY_FAMILIES, 9))
        painter.drawText(page.rect(left, 210 - PAGE_MARGINS_MM["bottom"] + 2, width, 5),
                         int(Qt.AlignmentFlag.AlignCenter), f"第 {number} 页")

    def next_page() -> None:
        nonlocal number
        page_number()
        new_page()
        number += 1

    header = list(COLUMNS)
    centered = ("center",) * len(COLUMNS)
    y = draw(header, top + 19, bold, centered)
    for texts, font in [(r.texts(), body) for r in summary.rows] + [(summary.total_texts(), bold)]:
        if y + _row_mm(texts, columns) > bottom:
            next_page()
            y = draw(header, top, bold, centered)
        y = draw(texts, y, font, ALIGN)
    lines = [(summary.grade_line(), 10.5), (NOTE, 9), ("", 6), (SIGNATURE, 10.5)]  # signed as the Word one
    if y + 26 > bottom:
        next_page()
        y = top
    for text, pt in lines:
        painter.setFont(pdf_font(BODY_FAMILIES, pt))
        box = page.rect(left, y + 1.5, width, 9)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap), text)
        y += 1.5 + line_count(text, width, pt) * pt * 0.3528 * 1.3
    page_number()
    painter.restore()


def _paint(device, painter: QPainter, entries: list[UnitEntry], step: Step | None) -> bool:
    summary = build_summary(entries)
    paint_summary(painter, summary, device.newPage)
    for i, entry in enumerate(e for e in entries if e.project is not None):
        if step is not None and not step(i, entry.name):
            return False
        device.setPageLayout(a4_layout())  # the forms are portrait
        device.newPage()
        paint_layout(painter, build_layout(entry.project, entry.evaluation), device.newPage)
    return True


def paint_all(printer, entries: list[UnitEntry], step: Step | None = None) -> bool:
    """One job on printer; False when cancelled (a printer job already started is aborted)."""
    printer.setFullPage(True)
    printer.setPageLayout(landscape_layout())
    painter = QPainter(printer)
    try:
        ok = _paint(printer, painter, entries, step)
        if not ok and hasattr(printer, "abort"):
            printer.abort()
        return ok
    finally:
        painter.end()


def pdf_all(entries: list[UnitEntry], target: str, step: Step | None = None) -> bool:
    """The same pages as a PDF, built in memory: a cancel leaves no file."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = pdf_writer(buffer, "项目绩效自评汇总表及各项目自评表")
    writer.setPageLayout(landscape_layout())
    painter = QPainter(writer)
    try:
        ok = _paint(writer, painter, entries, step)
    finally:
        painter.end()
        buffer.close()
    if ok:
        write_output(fix_text_layer(bytes(data.data())), target)
    return ok
