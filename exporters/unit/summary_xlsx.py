"""Write the 项目绩效自评汇总表 as .xlsx: live formulas for rates and totals, print setup, a chart.

Rates, 合计, the overall 执行率, the count per grade and the mean score are formulas, so a clerk who
corrects a figure in Excel sees the totals follow; LibreOffice's recalculation is tested against
model/summary.py.
"""
from __future__ import annotations

from decimal import Decimal
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from model import plain
from model.profiles import load_profile
from model.scoring import PENDING
from model.unit import NONE_FILLED, missing_note, rate_basis_note
from model.unit.summary import COLUMNS, NOTE, Summary

from exporters.unit.summary_docx import ALIGN, SIGNATURE, summary_cell, summary_columns
from exporters.layout import line_count
from exporters.properties import set_xlsx_properties
from exporters.xlsx_writer import BODY_FONT, GB2312, TITLE_FONT, Formula, a4_page_setup, amount_format, save_workbook

SHEET = "汇总表"
CHART_SHEET = "等级与执行率"
HEADER_ROW = 3
_MM_PER_WIDTH_UNIT = 2.05
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BODY = Font(name=BODY_FONT, size=10, charset=GB2312)
_BOLD = Font(name=BODY_FONT, size=10, bold=True, charset=GB2312)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_RIGHT = Alignment(horizontal="right", vertical="center", wrap_text=True)
# as the Word table, but amounts to the right as Excel shows numbers
_ALIGNS = tuple(_RIGHT if i in (3, 4, 5) else {"center": _CENTER, "left": _LEFT}[a] for i, a in enumerate(ALIGN))
PAGE_FOOTER = "第 &P 页 共 &N 页"


def _number(value: Decimal | None):
    return None if value is None else Decimal(plain(value))


def write_summary_sheet(ws, summary: Summary) -> dict[str, str]:
    """Fill ws with the 汇总表; returns the ranges of 执行率, 等级 and the rows (for the charts)."""
    ws.title = SHEET
    width = len(COLUMNS)
    columns = summary_columns(summary)
    for i, mm in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(i)].width = round(mm / _MM_PER_WIDTH_UNIT + 0.7, 2)
    for r, text, font, height in ((1, summary.title, Font(name=TITLE_FONT, size=18, charset=GB2312), 30),
                                  (2, summary.year_line, Font(name=BODY_FONT, size=12, charset=GB2312), 20)):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        c = ws.cell(r, 1, text or None)
        c.font, c.alignment = font, _CENTER
        ws.row_dimensions[r].height = height
    for col, text in enumerate(COLUMNS, 1):
        c = ws.cell(HEADER_ROW, col, summary_cell(text, col - 1, columns, header=True))
        c.font, c.alignment, c.border = _BOLD, _CENTER, _BORDER
    ws.row_dimensions[HEADER_ROW].height = 30
    first = HEADER_ROW + 1
    last = first + len(summary.rows) - 1
    for r, row in enumerate(summary.rows, first):
        values = [row.number, row.name, row.implementer or None, _number(row.initial_budget),
                  _number(row.annual_budget), _number(row.executed),
                  Formula(f'=IF(AND(ISNUMBER(E{r}),ISNUMBER(F{r})),IF(E{r}<>0,F{r}/E{r},""),"")'),
                  PENDING if row.score is None else _number(row.score), row.grade or None, row.main_problem or None]
        for col, value in enumerate(values, 1):
            c = ws.cell(r, col, value)
            if isinstance(value, str) and not isinstance(value, Formula) and value.startswith("="):
                c.data_type = "s"  # a name typed as '=…' stays text
            c.font, c.alignment, c.border = _BODY, _ALIGNS[col - 1], _BORDER
            if col in (4, 5, 6) and value is not None:
                c.number_format = amount_format(value)  # General shows 11 digits: 123456.789
        ws.cell(r, 7).number_format = "0.00%"
        ws.row_dimensions[r].height = _height(row.texts(), columns)
    total = last + 1
    span = bool(summary.rows)
    both = f"ISNUMBER(E{first}:E{last})*ISNUMBER(F{first}:F{last})"  # the rate's basis: RATE_BASIS
    cells = ["", "合计", Formula(f'=COUNTA(B{first}:B{last})&"个项目"') if span else "0个项目",
             *(Formula(_sum_formula(f"{c}{first}:{c}{last}", lambda t, i=i: summary_cell(t, i, columns)))
               if span else "—" for i, c in enumerate("DEF", 3)),
             Formula(_rate_formula(both, f"E{first}:E{last}", f"F{first}:F{last}",
                                   lambda t: summary_cell(t, 6, columns))) if span else "",
             Formula(f'=IF(COUNT(H{first}:H{last})>0,ROUND(AVERAGE(H{first}:H{last}),2),"")') if span else "",
             "", ""]
    for col, value in enumerate(cells, 1):
        c = ws.cell(total, col, value if value != "" else None)
        c.font, c.alignment, c.border = _BOLD, _ALIGNS[col - 1] if col > 2 else _CENTER, _BORDER
    ws.cell(total, 7).number_format = "0.00%"
    for col, name in ((4, "initial_budget"), (5, "annual_budget"), (6, "executed")):
        summed = summary.totals.sums[name]
        if summed.filled:  # the sum as the Word copy prints it (130950.15568, not …155680)
            ws.cell(total, col).number_format = amount_format(summed.value)
    ws.cell(total, 8).number_format = '"平均 "General'  # 平均 84, 平均 97.5: as the Word copy and the model
    ws.cell(total, 3).alignment = _CENTER
    ws.row_dimensions[total].height = _height(summary.total_texts(), columns)
    end = _grade_rows(ws, summary, total + 1, first, last)
    _page_setup(ws, end)
    return {"rates": f"G{first}:G{last}", "grades": f"I{first}:I{last}",
            "first": str(first), "last": str(last)}


def _sum_formula(cells: str, lay) -> str:
    """The 合计 of an amount column as the model's ProjectsSum prints it, live: the sum alone when
    every row gives the figure, with '（另有 N 个项目未填）' under it when some leave it blank (then
    text), '—（均未填）' when none gives it — a partial sum never reads as the whole. lay(text) breaks
    the note where the Word copy does (LibreOffice would leave the closing bracket alone)."""
    count, blank = f"COUNT({cells})", f"(ROWS({cells})-COUNT({cells}))"
    note = lay(missing_note(7)).replace("\n", '"&CHAR(10)&"').replace("7", f'"&{blank}&"')  # the only digit
    return (f'=IF({count}=0,"—{NONE_FILLED}",IF({count}<ROWS({cells}),'
            f'SUM({cells})&CHAR(10)&"{note}",SUM({cells})))')


def _rate_formula(both: str, budget: str, executed: str, lay) -> str:
    """The 合计 执行率 live, as the model's UnitTotals.rate_text prints it: over the projects that
    give both figures, with '（按 N 个项目计）' under it when that is not every row (then text)."""
    counted, rate = f"SUMPRODUCT({both})", f"SUMPRODUCT({both}*{executed})/SUMPRODUCT({both}*{budget})"
    note = lay(rate_basis_note(7)).replace("\n", '"&CHAR(10)&"').replace("7", f'"&{counted}&"')  # the only digit
    return (f'=IFERROR(IF({counted}<ROWS({budget}),TEXT({rate},"0.00%")&CHAR(10)&"{note}",{rate}),"")')


def _height(texts: list[str], columns: tuple[float, ...]) -> float:
    """Rows are given their height: LibreOffice and WPS do not grow a row for wrapped text."""
    lines = max(line_count(t, mm, _BODY.sz) for t, mm in zip(texts, columns))
    return round(lines * _BODY.sz * 1.25 + 5, 1)


def _grade_rows(ws, summary: Summary, r: int, first: int, last: int) -> int:
    """等级分布 as COUNTIF formulas, two cells a grade, the unfinished ones apart, the note and the
    signature line; returns the last row."""
    label = ws.cell(r, 1, "等级")
    label.font, label.alignment = _BOLD, _CENTER
    col = 2
    grades = list(summary.totals.grade_counts)
    for grade in grades[:4]:
        ws.cell(r, col, grade).font = _BODY
        ws.cell(r, col).alignment = _CENTER
        counted = ws.cell(r, col + 1, Formula(f'=COUNTIF(I{first}:I{last},"{grade}")') if summary.rows else 0)
        counted.font, counted.number_format, counted.alignment = _BODY, '0"个"', _LEFT
        col += 2
    pending = f'COUNTIF(I{first}:I{last},"{PENDING}")'
    apart = ws.cell(r, len(COLUMNS), Formula(f'=IF({pending}>0,"另有 "&{pending}&" 个项目尚未完成评分","")')
                    if summary.rows else None)
    apart.font, apart.alignment = _BODY, _LEFT
    # the row is as high as that count's words wrap in 主要问题 (as many projects as the table has
    # at most): a row of one line showed their second line over the note below it
    widest = ["" for _ in COLUMNS[:-1]] + [f"另有 {len(summary.rows)} 个项目尚未完成评分"]
    ws.row_dimensions[r].height = _height(widest, summary_columns(summary))
    ws.merge_cells(start_row=r + 1, start_column=1, end_row=r + 1, end_column=len(COLUMNS))
    note = ws.cell(r + 1, 1, NOTE)
    note.font, note.alignment = Font(name=BODY_FONT, size=9, charset=GB2312), _LEFT
    ws.row_dimensions[r + 1].height = 16
    ws.merge_cells(start_row=r + 3, start_column=1, end_row=r + 3, end_column=len(COLUMNS))
    sig = ws.cell(r + 3, 1, SIGNATURE)
    sig.font, sig.alignment = _BODY, _LEFT
    ws.row_dimensions[r + 3].height = 28
    return r + 3


def _page_setup(ws, last: int) -> None:
    a4_page_setup(ws, "landscape")
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"  # the header row on every printed page
    ws.print_area = f"A1:{get_column_letter(len(COLUMNS))}{last}"
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.oddFooter.center.text = PAGE_FOOTER
    ws.oddFooter.center.size = 9
    # the footer sits inside the bottom margin: LibreOffice drops one that does not fit there
    ws.page_margins.bottom, ws.page_margins.footer = 16 / 25.4, 6 / 25.4


# rate bands of the second chart: label, low (included), high (excluded)
RATE_BANDS = (("100%及以上", 1, None), ("95%–100%", 0.95, 1), ("90%–95%", 0.9, 0.95),
              ("80%–90%", 0.8, 0.9), ("80%以下", None, 0.8))


def add_chart(wb, ws, ranges: dict[str, str]) -> None:
    """Two bar charts that read as well with 200 projects as with 5: projects per 等级 (the
    unfinished ones as 待定) and projects per 执行率 band, from a small table of COUNTIF formulas."""
    first, last = int(ranges["first"]), int(ranges["last"])
    if last < first:
        return
    sheet = wb.create_sheet(CHART_SHEET, wb.sheetnames.index(ws.title) + 1)
    src = f"'{ws.title}'!"
    grades = [name for name, _ in load_profile().grade_bands] + [PENDING]
    rows: list[tuple[str, str, str]] = [("等级", "项目数", "")]
    rows += [(g, f'=COUNTIF({src}{ranges["grades"]},"{g}")', "") for g in grades]
    rows += [("", "", ""), ("执行率", "项目数", "")]
    rate = f"{src}{ranges['rates']}"
    for label, low, high in RATE_BANDS:
        crit = ([f'">={low}"'] if low is not None else []) + ([f'"<{high}"'] if high is not None else [])
        rows.append((label, "=COUNTIFS(" + ",".join(f"{rate},{c}" for c in crit) + ")", ""))
    for r, (a, b, _) in enumerate(rows, 1):
        sheet.cell(r, 1, a or None).font = _BOLD if b == "项目数" else _BODY
        cell = sheet.cell(r, 2, Formula(b) if b.startswith("=") else (b or None))
        cell.font, cell.number_format = _BOLD if b == "项目数" else _BODY, "0"
    sheet.column_dimensions["A"].width = 14
    grade_rows = (2, 1 + len(grades))
    band_rows = (grade_rows[1] + 3, grade_rows[1] + 2 + len(RATE_BANDS))
    for (low, high), title, anchor in ((grade_rows, "各等级项目数", "D1"), (band_rows, "各执行率区间项目数", "D22")):
        chart = BarChart()
        chart.type = "col"
        chart.title = title
        chart.add_data(Reference(sheet, min_col=2, min_row=low, max_row=high), titles_from_data=False)
        chart.set_categories(Reference(sheet, min_col=1, min_row=low, max_row=high))
        chart.legend = None
        chart.y_axis.title = "项目数"
        chart.y_axis.scaling.min = 0
        chart.y_axis.majorGridlines = None
        chart.y_axis.number_format = "0"
        chart.dataLabels = DataLabelList(showVal=True, showCatName=False, showSerName=False,
                                         showLegendKey=False, showPercent=False)
        for axis in (chart.x_axis, chart.y_axis):
            axis.delete = False  # openpyxl 3.1 hides axes unless told
        chart.width, chart.height = 16, 9.5  # cm: both fit an A4 landscape page beside the table
        sheet.add_chart(chart, anchor)
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = sheet.page_setup.fitToHeight = 1
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def write_summary_xlsx(summary: Summary, target: str | BinaryIO) -> None:
    wb = Workbook()
    set_xlsx_properties(wb, summary.title + summary.year_line, summary.author)
    ranges = write_summary_sheet(wb.active, summary)
    add_chart(wb, wb[SHEET], ranges)
    save_workbook(wb, target)
