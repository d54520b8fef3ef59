"""A unit's year in one file: the 汇总表 first, then every project's form (each still one A4 page).

The per-project pages are drawn by the same writers as single exports (docx_writer.add_form,
xlsx_writer.write_form_sheet). Files are built in memory and written atomically, so a cancelled
or failed export leaves nothing half-written.
"""
from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path

from model.file_names import SHEET_UNITS, distinct_name, name_key, sheet_name
from model.project import Project
from model.unit.summary import Summary, build_summary
from model.unit import Unit, UnitEntry

from exporters.files import ExportError, write_output
from exporters.layout import build_layout
from exporters.properties import set_docx_properties, set_xlsx_properties

# called before each project with (how many done, the project's name); False cancels
Progress = Callable[[int, str], bool]
COMBINED_FORMATS = ("docx", "xlsx")


class Cancelled(Exception):
    """The clerk cancelled; nothing was written."""


def _readable(entries: list[UnitEntry]) -> list[tuple[UnitEntry, Project]]:
    return [(e, e.project) for e in entries if e.project is not None]


def _step(progress: Progress | None, done: int, name: str) -> None:
    if progress is not None and progress(done, name) is False:
        raise Cancelled


def combined_docx(entries: list[UnitEntry], summary: Summary | None = None,
                  progress: Progress | None = None, marks: bool = True) -> bytes:
    """The 汇总表 on A4 landscape, then each readable project's form on its own portrait page.
    The forms' tables are put in after python-docx has written the rest (docx_writer.add_form's
    marks); marks=False keeps them in python-docx's tree, as the test of the marks does."""
    from docx.enum.section import WD_SECTION

    from exporters.docx_writer import add_form, new_document, own_footer, put_tables, set_page
    from exporters.unit.summary_docx import add_summary

    summary = summary or build_summary(entries)
    doc = new_document(10.5)
    set_docx_properties(doc, summary.title + summary.year_line, summary.author)
    add_summary(doc, summary, alone=False)
    tables: list[bytes] | None = [] if marks else None
    for i, (entry, project) in enumerate(_readable(entries)):
        _step(progress, i, entry.name)
        section = doc.add_section(WD_SECTION.NEW_PAGE)
        own_footer(section)  # the 汇总表's page numbers are its own
        set_page(section)
        add_form(doc, build_layout(project, entry.evaluation), tables, section)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue() if tables is None else put_tables(buf.getvalue(), tables)


def sheet_title(number: int, name: str, taken: set[str]) -> str:
    """'3 政府热线经费': a title Excel accepts (model.file_names.sheet_name: 31 UTF-16 units,
    none of []:*?/\\), each title once; taken holds name_key()s."""
    title = distinct_name(sheet_name(f"{number} {name}"), taken, max_bytes=None, max_units=SHEET_UNITS)
    return title


def combined_xlsx(entries: list[UnitEntry], summary: Summary | None = None,
                  progress: Progress | None = None) -> bytes:
    """The 汇总表 sheet (with its chart) and a sheet per readable project, numbered as in the 汇总表."""
    from openpyxl import Workbook

    from exporters.unit.summary_xlsx import SHEET, add_chart, write_summary_sheet
    from exporters.xlsx_writer import save_workbook, write_form_sheet

    summary = summary or build_summary(entries)
    wb = Workbook()
    set_xlsx_properties(wb, summary.title + summary.year_line, summary.author)
    ranges = write_summary_sheet(wb.active, summary)
    add_chart(wb, wb[SHEET], ranges)
    taken = {name_key(t) for t in wb.sheetnames}
    for i, (entry, project) in enumerate(_readable(entries)):  # numbered as the 汇总表's rows
        _step(progress, i, entry.name)
        ws = wb.create_sheet(sheet_title(i + 1, entry.name, taken))
        write_form_sheet(ws, project, build_layout(project, entry.evaluation))
    buf = io.BytesIO()
    save_workbook(wb, buf)
    return buf.getvalue()


def write_combined(unit: Unit | list[UnitEntry], target: str | os.PathLike,
                   progress: Progress | None = None) -> None:
    """One .docx or .xlsx for the whole unit; the format comes from target's suffix."""
    entries = unit.entries if isinstance(unit, Unit) else list(unit)
    fmt = Path(target).suffix.lower().lstrip(".")
    if fmt not in COMBINED_FORMATS:
        raise ExportError(f"合并导出只能是 .docx 或 .xlsx（收到 {Path(target).name}）")
    data = (combined_docx if fmt == "docx" else combined_xlsx)(entries, None, progress)
    write_output(data, target)
