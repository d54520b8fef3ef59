"""Write the 项目绩效自评汇总表 as .xlsx: live formulas for rates and totals, print setup, a chart.

Rates, 合计, the overall 执行率, the count per grade and the mean score are formulas, so a clerk who
corrects a figure in Excel sees the totals follow; LibreOffice's recalculation is tested against
model/unit/summary.py.
"""
from __future__ import annotations

from decimal import Decimal
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from model import plain
from model.unit.summary import COLUMNS, Summary

from exporters.unit.summary_docx import COLUMN_MM, SIGNATURE
from exporters.layout import line_count
from exporters.xlsx_writer import BODY_FONT, GB2312, TITLE_FONT, Formula, a4_page_setup

SHEET = "汇总表"
CHART_SHEET = "执行率与得分"
HEADER_ROW = 3
_MM_PER_WIDTH_UNIT = 2.05
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BODY = Font(name=BODY_FONT, size=10, charset=GB2312)
_BOLD = Font(name=BODY_FONT, size=10, bold=True, charset=GB2312)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_ALIGNS = (_CENTER, _LEFT, _LEFT, _CENTER, _CENTER, _CENTER, _CENTER, _CENTER, _LEFT)


def _number(value: Decimal | None):
    return None if value is None else Decimal(plain(value))


def write_summary_sheet(ws, summary: Summary) -> dict[str, str]:
    """Fill ws with the 汇总表; returns the ranges of 项目名称, 执行率 and 自评得分 (for a chart)."""
    ws.title = SHEET
    for i, mm in enumerate(COLUMN_MM, 1):
        ws.column_dimensions[get_column_letter(i)].width = round(mm / _MM_PER_WIDTH_UNIT + 0.7, 2)
    for r, text, font, height in ((1, summary.title, Font(name=TITLE_FONT, size=18, charset=GB2312), 30),
                                  (2, summary.year_line, Font(name=BODY_FONT, size=12, charset=GB2312), 20)):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(COLUMNS))
        c = ws.cell(r, 1, text or None)
        c.font, c.alignment = font, _CENTER
        ws.row_dimensions[r].height = height
    for col, text in enumerate(COLUMNS, 1):
        c = ws.cell(HEADER_ROW, col, text)
        c.font, c.alignment, c.border = _BOLD, _CENTER, _BORDER
    ws.row_dimensions[HEADER_ROW].height = 30
    first = HEADER_ROW + 1
    last = first + len(summary.rows) - 1
    for r, row in enumerate(summary.rows, first):
        values = [row.number, row.name, row.implementer or None, _number(row.annual_budget),
                  _number(row.executed),
                  Formula(f'=IF(AND(ISNUMBER(D{r}),ISNUMBER(E{r})),IF(D{r}<>0,E{r}/D{r},""),"")'),
                  _number(row.score), row.grade or None, row.main_problem or None]
        for col, value in enumerate(values, 1):
            c = ws.cell(r, col, value)
            if isinstance(value, str) and not isinstance(value, Formula) and value.startswith("="):
                c.data_type = "s"  # a name typed as '=…' stays text
            c.font, c.alignment, c.border = _BODY, _ALIGNS[col - 1], _BORDER
        ws.cell(r, 6).number_format = "0.00%"
        ws.row_dimensions[r].height = _height(row.texts())
    total = last + 1
    span = f"{first}:{last}" if summary.rows else None
    cells = ["", "合计", Formula(f'=COUNT(G{first}:G{last})&"个项目"') if span else "0个项目",
             Formula(f"=SUM(D{first}:D{last})") if span else 0,
             Formula(f"=SUM(E{first}:E{last})") if span else 0,
             Formula(f'=IF(D{total}<>0,E{total}/D{total},"")'),
             Formula(f'=IF(COUNT(G{first}:G{last})>0,ROUND(AVERAGE(G{first}:G{last}),2),"")') if span else "",
             "", ""]
    for col, value in enumerate(cells, 1):
        c = ws.cell(total, col, value if value != "" else None)
        c.font, c.alignment, c.border = _BOLD, _ALIGNS[col - 1] if col > 2 else _CENTER, _BORDER
    ws.cell(total, 6).number_format = "0.00%"
    ws.cell(total, 7).number_format = '"平均 "0.00'
    _grade_rows(ws, summary, total + 1, first, last)
    _page_setup(ws, total + 3)
    return {"names": f"B{first}:B{last}", "rates": f"F{first}:F{last}", "scores": f"G{first}:G{last}",
            "first": str(first), "last": str(last)}


def _height(texts: list[str]) -> float:
    """Rows are given their height: LibreOffice and WPS do not grow a row for wrapped text."""
    lines = max(line_count(t, mm, _BODY.sz) for t, mm in zip(texts, COLUMN_MM))
    return round(lines * _BODY.sz * 1.25 + 5, 1)


def _grade_rows(ws, summary: Summary, r: int, first: int, last: int) -> None:
    """等级分布 as COUNTIF formulas, two cells a grade, then the signature line."""
    ws.cell(r, 1, "等级").font = _BOLD
    col = 2
    for grade in summary.totals.grade_counts:
        ws.cell(r, col, grade).font = _BODY
        ws.cell(r, col).alignment = _CENTER
        counted = ws.cell(r, col + 1, Formula(f'=COUNTIF(H{first}:H{last},"{grade}")') if summary.rows else 0)
        counted.font, counted.number_format, counted.alignment = _BODY, '0"个"', _LEFT
        col += 2
        if col > len(COLUMNS) - 1:
            break
    ws.merge_cells(start_row=r + 2, start_column=1, end_row=r + 2, end_column=len(COLUMNS))
    sig = ws.cell(r + 2, 1, SIGNATURE)
    sig.font, sig.alignment = _BODY, _LEFT
    ws.row_dimensions[r + 2].height = 28


def _page_setup(ws, last: int) -> None:
    a4_page_setup(ws, "landscape")
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"  # the header row on every printed page
    ws.print_area = f"A1:I{last}"
    ws.freeze_panes = f"A{HEADER_ROW + 1}"


def add_chart(wb, ws, ranges: dict[str, str]) -> None:
    """A native chart of each project's 自评得分 (bars) and 执行率 (a line on its own axis)."""
    first, last = int(ranges["first"]), int(ranges["last"])
    if last < first:
        return
    names = Reference(ws, min_col=2, min_row=first, max_row=last)
    bars = BarChart()
    bars.title = "各项目自评得分与执行率"
    bars.add_data(Reference(ws, min_col=7, min_row=HEADER_ROW, max_row=last), titles_from_data=True)
    bars.set_categories(names)
    bars.y_axis.title = "自评得分"
    bars.y_axis.scaling.min, bars.y_axis.scaling.max = 0, 100
    line = LineChart()
    line.add_data(Reference(ws, min_col=6, min_row=HEADER_ROW, max_row=last), titles_from_data=True)
    line.y_axis.axId = 200
    line.y_axis.title = "执行率"
    line.y_axis.number_format = "0%"
    line.y_axis.scaling.min, line.y_axis.scaling.max = 0, 1.2
    line.y_axis.crosses = "max"
    for axis in (bars.x_axis, bars.y_axis, line.y_axis):
        axis.delete = False  # openpyxl 3.1 hides axes unless told
    bars += line
    bars.width, bars.height = 25, 15  # cm: within an A4 landscape page
    bars.legend.position = "b"
    sheet = wb.create_sheet(CHART_SHEET, wb.sheetnames.index(ws.title) + 1)
    sheet.add_chart(bars, "A1")
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = sheet.page_setup.fitToHeight = 1
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def write_summary_xlsx(summary: Summary, target: str | BinaryIO) -> None:
    wb = Workbook()
    ranges = write_summary_sheet(wb.active, summary)
    add_chart(wb, wb[SHEET], ranges)
    wb.save(target)
