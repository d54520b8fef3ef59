"""The window's printer: the form as exporters/pdf.py paints it (the same pages as 导出 PDF and
`export --pdf`), on the print dialog's or the preview's QPrinter."""
from __future__ import annotations

from exporters.layout import build_layout, rows_cut_off
from exporters.pdf import page_count, print_layout
from model import Project


def print_to(printer, project: Project) -> int:
    """Paint the form on printer; the number of pages printed."""
    return print_layout(printer, build_layout(project))


def print_facts(project: Project, excel: bool = False) -> tuple[int, list[str]]:
    """How many A4 pages the form takes, and the rows no page can hold (their end would be cut
    off in print; excel: and rows taller than an Excel row, said when the .xlsx is written) —
    from one layout: said before printing and after an export."""
    layout = build_layout(project)
    return page_count(layout), rows_cut_off(layout, excel=excel)


def write_pdf(project: Project, path: str) -> None:
    """The form as a PDF: the window's 导出 PDF, the same code as `export --pdf`."""
    from exporters.files import export
    export(project, path, "pdf")
