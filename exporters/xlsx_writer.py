"""Write a project as the district's .xlsx form: a live sheet whose rates and totals are formulas."""
from __future__ import annotations

import datetime
import io
import re
from copy import copy
from decimal import Decimal
from typing import BinaryIO
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.styles.named_styles import NamedStyleList
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.packaging.extended import ExtendedProperties
from openpyxl.styles.colors import COLOR_INDEX
from openpyxl.styles.stylesheet import write_stylesheet
from openpyxl.styles.table import TableStyleList
from openpyxl.workbook._writer import WorkbookWriter
from openpyxl.writer.excel import ExcelWriter
from openpyxl.writer.theme import theme_xml
from openpyxl.xml.constants import ARC_APP, ARC_CORE, ARC_ROOT_RELS, ARC_STYLE, ARC_THEME, ARC_WORKBOOK, ARC_WORKBOOK_RELS
from openpyxl.xml.functions import tostring

from model import Evaluation, FundsKind, Project
from model.scoring import PENDING
from model.text import clean_text

from exporters.formulas import Formula, budget_score_formula, rate_formula, total_formula
from exporters.properties import set_xlsx_properties
from exporters.layout import (COLUMNS, PAGE_MARGINS_MM, PAGE_NUMBER_MM, PAGE_NUMBER_PT, BudgetRule, FormLayout, LayoutCell,
                     Merge, Role, build_layout, cell_text, header_rows, page_number_text, paginate,
                     profile_keywords, row_height_mm)

BODY_FONT, TITLE_FONT = "宋体", "黑体"
GB2312 = 134  # the font's character set: Excel and WPS pick the Chinese face with it
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_MM_PER_WIDTH_UNIT = 2.05  # one Excel column-width unit (a digit of the default font) in mm
_PT_PER_MM = 72 / 25.4


def amount_format(value: Decimal) -> str:
    """Show the amount with exactly the decimals it was typed with: 18, 53.808, 93.478382."""
    exp = value.normalize().as_tuple().exponent
    places = -exp if isinstance(exp, int) and exp < 0 else 0
    return "0" if places == 0 else "0." + "0" * places


def write_xlsx(project: Project, target: str | BinaryIO, evaluation: Evaluation | None = None,
               layout: FormLayout | None = None) -> None:
    """Write the form to a path or a binary stream; A4 portrait, one page wide, print area set."""
    wb = Workbook()
    setattr(wb, _HISTORY, ())  # fresh: _cell_styles may copy the style tables kept
    set_xlsx_properties(wb, project.name.strip() or "项目支出绩效自评表", project.implementer)
    wb.properties.keywords = profile_keywords(project)
    wb.active.title = "自评表"
    write_form_sheet(wb.active, project, layout or build_layout(project, evaluation))
    save_workbook(wb, target)


_STYLESHEETS: dict[tuple, bytes] = {}  # a workbook's style tables -> its styles.xml


def _style_tables(wb) -> tuple | None:
    """Everything openpyxl's write_stylesheet reads from wb, as a key (None where wb has
    anything our writers never make: differential styles, colours of its own)."""
    if wb._differential_styles.styles or wb._colors != COLOR_INDEX or wb._table_styles != TableStyleList():
        return None
    named = tuple((s.name, s.builtinId, s.hidden, tuple(s.as_tuple()), s.alignment, s.protection)
                  for s in wb._named_styles)
    return (tuple(wb._fonts), tuple(wb._fills), tuple(wb._borders), tuple(wb._alignments),
            tuple(wb._protections), tuple(wb._number_formats), tuple(tuple(s) for s in wb._cell_styles), named)


class _InMemoryWriter(ExcelWriter):
    """openpyxl's ExcelWriter with each sheet's XML made in memory (its own write_worksheet
    writes it to a temporary file on disk, reads it back into the package and deletes it) and
    the stylesheet made once for every workbook with the same style tables (every form at a size)."""

    def write_data(self):
        """openpyxl 3.1.5's ExcelWriter.write_data for the workbooks we make (no macros, custom
        properties, or theme of their own), the stylesheet's XML kept."""
        wb, archive = self.workbook, self._archive
        if wb.vba_archive is not None or wb.loaded_theme or len(wb.custom_doc_props):
            return super().write_data()
        archive.writestr(ARC_APP, tostring(ExtendedProperties().to_tree()))
        archive.writestr(ARC_CORE, tostring(wb.properties.to_tree()))
        archive.writestr(ARC_THEME, theme_xml)
        self._write_worksheets()
        self._write_chartsheets()
        self._write_images()
        self._write_charts()
        self._write_external_links()
        key = _style_tables(wb)
        styles = _STYLESHEETS.get(key) if key is not None else None
        if styles is None:
            styles = tostring(write_stylesheet(wb))
            if key is not None and len(_STYLESHEETS) < 256:
                _STYLESHEETS[key] = styles
        archive.writestr(ARC_STYLE, styles)
        writer = WorkbookWriter(wb)
        archive.writestr(ARC_ROOT_RELS, writer.write_root_rels())
        archive.writestr(ARC_WORKBOOK, writer.write())
        archive.writestr(ARC_WORKBOOK_RELS, writer.write_rels())
        self.manifest._write(archive, wb)

    def write_worksheet(self, ws):
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        writer = WorksheetWriter(ws, io.BytesIO())  # WorksheetWriter's own `out` for a stream
        writer.write()
        ws._rels = writer._rels
        self._archive.writestr(ws.path[1:], writer.read())
        self.manifest.append(ws)


def save_workbook(wb: Workbook, target: str | BinaryIO) -> None:
    """wb.save(target) (openpyxl's save_workbook) without a temporary file a sheet: the same
    parts (tests/exporters/test_fast_paths.py)."""
    if wb.write_only:  # its sheets are written as they are filled: openpyxl's own way
        wb.save(target)
        return
    archive = ZipFile(target, "w", ZIP_DEFLATED, allowZip64=True)
    wb.properties.modified = datetime.datetime.now(tz=datetime.timezone.utc).replace(tzinfo=None)
    _InMemoryWriter(wb, archive).save()


FIRST_ROW = 3  # below the title and the year line


def write_form_sheet(ws, project: Project, layout: FormLayout) -> None:
    """The form on ws: one sheet of a workbook that may hold others (the combined export)."""
    refs = _refs(layout, FIRST_ROW)
    fill_sheet(ws, layout, lambda cell: _value(cell, refs))


def fill_sheet(ws, layout: FormLayout, value) -> None:
    """Draw a laid-out table on ws: value(cell) gives each cell's (value, number format).

    The project's form and the department's table (its own grid) are both drawn here.
    """
    ncols = len(layout.columns_mm)
    for i, mm in enumerate(layout.columns_mm, 1):
        ws.column_dimensions[get_column_letter(i)].width = round(mm / _MM_PER_WIDTH_UNIT, 2)

    body = Font(name=BODY_FONT, size=layout.body_pt, charset=GB2312)
    _title_row(ws, 1, layout.title, Font(name=TITLE_FONT, size=18, charset=GB2312), 30, ncols)
    _title_row(ws, 2, layout.year_line, Font(name=BODY_FONT, size=12, charset=GB2312), 20, ncols)
    first = FIRST_ROW
    open_merges: dict[int, tuple[int, int]] = {}  # column -> (first row, span) of a merge down
    looks: dict[tuple[int, int], tuple[str, str | None]] = {}  # (row, column) -> style, number format
    style_sets: dict[float, dict[str, str]] = {}  # font size -> the named styles at that size
    for r, row in enumerate(layout.rows, first):
        # Calc and Excel set lines looser than the exact spacing of the Word table
        ws.row_dimensions[r].height = round(row_height_mm(layout, row) * _PT_PER_MM * 1.12, 1)
        for cell in row.cells:
            _close_merge(ws, open_merges, cell, r)
            if cell.merge == Merge.CONTINUE:
                continue
            xc = ws.cell(r, cell.col + 1)
            got, fmt = value(cell)
            pt, shown = cell_text(layout, cell)  # the size and line breaks the layout chose
            if isinstance(got, str) and not isinstance(got, Formula):
                got = clean_text(shown if got == cell.text else got)
            if pt not in style_sets:
                style_sets[pt] = _cell_styles(ws.parent, pt)
            styles = style_sets[pt]
            xc.value = got
            if isinstance(got, str) and not isinstance(got, Formula) and got.startswith("="):
                xc.data_type = "s"  # typed text such as '=100%' stays text, never a formula
            looks[(r, cell.col + 1)] = (
                styles["vertical" if cell.vertical else "left" if cell.align == "left" else "center"], fmt)
            if cell.merge == Merge.RESTART:
                open_merges[cell.col] = (r, cell.span)
            elif cell.span > 1:
                merge(ws, r, cell.col + 1, r, cell.col + cell.span)
    last = first + len(layout.rows) - 1
    for col in list(open_merges):
        _finish(ws, open_merges.pop(col), col, last)
    # styles after merging: a merge copies its first cell's borders to its edges one object at a
    # time; the cells a merge covers get their borders here, by style, like every other cell
    styles = _cell_styles(ws.parent, layout.body_pt)
    arrays = _style_arrays(ws.parent)
    for row in ws.iter_rows(min_row=first, max_row=last, min_col=1, max_col=ncols):
        for c in row:
            if isinstance(c, MergedCell):
                c._style = copy(arrays[styles["border"]])  # what `c.style = name` sets
                continue
            style, fmt = looks.get((c.row, c.column), (styles["center"], None))
            c._style = copy(arrays[style])
            if fmt:  # after the style, which would reset it
                c.number_format = fmt
    _signatures(ws, layout, last + 2, body, ncols)
    _page_setup(ws, last, ncols)
    _pages(ws, layout, first)


def _pages(ws, layout: FormLayout, first: int) -> None:
    """The layout's pages (exporters/layout.paginate) as the sheet's row breaks, the indicator
    header rows as print titles repeated on every page, and 第 N 页 共 M 页 in the footer."""
    pages = paginate(layout)
    if len(pages) == 1:
        # Excel and Calc set lines looser than the layout's exact spacing: what fits one page in
        # Word fits here too by a small scale, never a second page
        ws.page_setup.fitToHeight = 1
        return
    head = header_rows(layout)
    if head:
        ws.print_title_rows = f"{first + head[0]}:{first + head[-1]}"
    for page in pages[1:]:
        ws.row_breaks.append(Break(id=first + page[0] - 1))  # a break after the row above the page
    footer = ws.oddFooter.center
    footer.text = page_number_text("&P", "&N")
    footer.font, footer.size = f"{BODY_FONT},Regular", PAGE_NUMBER_PT
    ws.page_margins.bottom = (PAGE_MARGINS_MM["bottom"] + PAGE_NUMBER_MM) / 25.4
    ws.page_margins.footer = PAGE_MARGINS_MM["bottom"] / 25.4


def _cell_styles(wb, pt: float) -> dict[str, str]:
    """The table's few cell styles, registered once per workbook as named styles.

    Assigning a named style copies its style ids; setting font, alignment and border one by one
    hashes each new object against the workbook's lists, which took half the writer's time.
    """
    names = {key: f"自评表 {pt:g}pt {key}" for key in ("center", "left", "vertical")}
    names["border"] = "自评表 边框"
    registered = wb.named_styles
    if all(name in registered for name in names.values()):
        return names
    # a form's own workbook (write_xlsx) registers the same sizes in the same order as every
    # other form's that took them: its style tables are then the ones kept from the first
    history = getattr(wb, _HISTORY, None)
    kept = _KEPT_TABLES.get(history + (pt,)) if history is not None and KEEP_STYLE_TABLES else None
    if kept is not None:
        _restore_style_tables(wb, kept)
    else:
        for key, horizontal, rotation in (("center", "center", 0), ("left", "left", 0), ("vertical", "center", 255)):
            if names[key] not in registered:
                wb.add_named_style(NamedStyle(
                    names[key], font=Font(name=BODY_FONT, size=pt, charset=GB2312), border=_BORDER,
                    alignment=Alignment(horizontal=horizontal, vertical="center", wrap_text=True,
                                        text_rotation=rotation)))
        if names["border"] not in registered:
            wb.add_named_style(NamedStyle(names["border"], border=_BORDER))
        if history is not None and len(_KEPT_TABLES) < 64:
            _KEPT_TABLES[history + (pt,)] = _style_tables_now(wb)
    if history is not None:
        setattr(wb, _HISTORY, history + (pt,))
    return names


# Registering a named style hashes its font, border and alignment against the workbook's lists
# (a fifth of the Excel writer's time). A workbook write_xlsx makes holds nothing before its
# title rows but what every other holds, so the lists after registering the sizes (10.5, 9 …) in
# an order are the same for every form registering them so: they are kept once and copied.
# tests/exporters/test_fast_paths.py compares the workbooks with those registering each style.
KEEP_STYLE_TABLES = True
_HISTORY = "_zpb_sizes_registered"  # on a workbook of write_xlsx: the sizes registered, in order
_KEPT_TABLES: dict[tuple, dict[str, object]] = {}
_TABLE_LISTS = ("_fonts", "_borders", "_fills", "_protections", "_alignments", "_number_formats")


def _style_tables_now(wb) -> dict[str, object]:
    tables: dict[str, object] = {name: _copy_indexed(getattr(wb, name)) for name in _TABLE_LISTS}
    tables["_named_styles"] = [_unbound(style) for style in wb._named_styles]
    return tables


def _restore_style_tables(wb, kept: dict[str, object]) -> None:
    for name in _TABLE_LISTS:
        setattr(wb, name, _copy_indexed(kept[name]))
    styles = NamedStyleList()
    for style in kept["_named_styles"]:  # type: ignore[attr-defined]
        bound = _unbound(style)
        bound.__dict__["_wb"] = wb  # as bind() leaves it, its ids (_style) already computed
        list.append(styles, bound)
    styles.clean = False  # its index by value is rebuilt if ever asked for
    wb._named_styles = styles


def _copy_indexed(src):
    """A copy of an openpyxl IndexedList: its items and its index by value, nothing hashed again."""
    copy_ = list.__new__(type(src))
    list.extend(copy_, src)
    copy_._dict = dict(src._dict)
    copy_.clean = src.clean
    return copy_


def _unbound(style: NamedStyle) -> NamedStyle:
    """A NamedStyle with the same fields and ids, bound to no workbook."""
    twin = NamedStyle.__new__(NamedStyle)
    twin.__dict__.update(style.__dict__)
    twin.__dict__["_wb"] = None
    twin.__dict__["_style"] = copy(style._style)
    return twin


def _style_arrays(wb) -> dict[str, object]:
    """Each named style's ids, as assigning it by name (`cell.style = name`) copies them to a
    cell: that assignment looks the name up in a list, twice, for every cell."""
    return {style.name: style.as_tuple() for style in wb._named_styles}


def merge(ws, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
    """ws.merge_cells without its border bookkeeping, which we redo by style anyway.

    openpyxl's merge copies the first cell's borders and protection to every covered cell one
    style object at a time: a third of the Excel writer's time. The covered cells get the
    "border" named style after merging, as in fill_sheet; the sheet written is the same
    (tests/exporters/test_xlsx_writer.py compares it with openpyxl's own merge).
    """
    mcr = MergedCellRange.__new__(MergedCellRange)
    CellRange.__init__(mcr, min_col=first_col, min_row=first_row, max_col=last_col, max_row=last_row)
    mcr.ws, mcr.start_cell = ws, ws.cell(first_row, first_col)
    ws.merged_cells.add(mcr)
    for r in range(first_row, last_row + 1):
        for c in range(first_col, last_col + 1):
            if (r, c) != (first_row, first_col):
                ws._cells[r, c] = MergedCell(ws, r, c)


def _title_row(ws, r: int, text: str, font: Font, height: float, ncols: int) -> None:
    merge(ws, r, 1, r, ncols)
    cell = ws.cell(r, 1, clean_text(text))
    cell.font, cell.alignment = font, Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[r].height = height


def _close_merge(ws, open_merges, cell: LayoutCell, r: int) -> None:
    """A merge down ends at the first row where a cell covering its column does not continue it."""
    if cell.merge == Merge.CONTINUE:
        return
    for col in [c for c in open_merges if cell.col <= c < cell.col + cell.span]:
        _finish(ws, open_merges.pop(col), col, r - 1)


def _finish(ws, start: tuple[int, int], col: int, end_row: int) -> None:
    first_row, span = start
    if end_row > first_row or span > 1:
        merge(ws, first_row, col + 1, end_row, col + span)


def _refs(layout: FormLayout, first: int) -> dict:
    """Sheet addresses of the cells formulas refer to."""
    refs: dict = {"scores": [], "weights": []}
    for r, row in enumerate(layout.rows, first):
        for cell in row.cells:
            addr = f"{get_column_letter(cell.col + 1)}{r}"
            if cell.role == Role.AMOUNT:
                refs[cell.key] = addr
            elif cell.role == Role.SCORE:
                refs["scores"].append(addr)
            elif cell.role == Role.WEIGHT:
                refs["weights"].append(addr)
            elif cell.role in (Role.BUDGET_WEIGHT, Role.BUDGET_SCORE):
                refs[cell.role] = addr  # absent on a form without the 预算执行率 item
                refs.setdefault(f"{cell.role.value}s", []).append(addr)
    return refs


def _number_or_text(text: str):
    """A score or 分值 as a number the sheet can add up; anything else stays the text typed."""
    return Decimal(text) if re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", text) else text  # never "١٢": Decimal reads it as 12


def _value(cell: LayoutCell, refs: dict):
    role = cell.role
    if role == Role.AMOUNT:
        value = _number_or_text(cell.text)
        if not isinstance(value, Decimal):
            return (cell.text or None), None  # blank, or unreadable text kept as typed
        return value, amount_format(value)  # the layout's plain text: no exponent in the XML
    if role == Role.RATE:
        return rate_formula(refs[(cell.key, "annual_budget")], refs[(cell.key, "executed")]), "0.00%"
    if role == Role.BUDGET_SCORE and isinstance(cell.key, BudgetRule):
        return budget_score_formula(cell.key, refs[(FundsKind.TOTAL, "annual_budget")],
                                    refs[(FundsKind.TOTAL, "executed")], refs["budget_weight"]), "General"
    if role == Role.WEIGHT_TOTAL:
        return total_formula(refs.get("budget_weights", []) + refs["weights"], PENDING), "General"
    if role == Role.TOTAL:
        return total_formula(refs.get("budget_scores", []) + refs["scores"], PENDING), "General"
    if role in (Role.WEIGHT, Role.SCORE, Role.BUDGET_WEIGHT, Role.BUDGET_SCORE):
        return (_number_or_text(cell.text) if cell.text else None), "General"
    return (cell.text or None), None


def _signatures(ws, layout: FormLayout, r: int, font: Font, ncols: int) -> None:
    for i, line in enumerate(layout.signature_lines):
        merge(ws, r + i, 1, r + i, ncols)
        cell = ws.cell(r + i, 1, clean_text(line))
        cell.font, cell.alignment = font, Alignment(horizontal="left", vertical="bottom")
        ws.row_dimensions[r + i].height = 26


def _page_setup(ws, last: int, ncols: int = COLUMNS) -> None:
    a4_page_setup(ws, "portrait")
    ws.print_area = f"A1:{get_column_letter(ncols)}{last + 3}"


def a4_page_setup(ws, orientation: str) -> None:
    """A4, one page wide, centred, with the form's margins: every sheet we write prints so."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = orientation
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    m = PAGE_MARGINS_MM
    ws.page_margins.left, ws.page_margins.right = m["left"] / 25.4, m["right"] / 25.4
    ws.page_margins.top, ws.page_margins.bottom = m["top"] / 25.4, m["bottom"] / 25.4
