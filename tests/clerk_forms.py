"""Forms as a clerk's Word or Excel would hold them, built from a table's rows (the form of
tests/data/forms/*.rows.json) with python-docx and openpyxl directly, never with our exporters:
the inputs a test needs when it wants a form our program did not write, or a variant of one.

The rows say which cells a row has but not how wide each is; `spans` gives the district
layout's widths (9 columns). Cells merged down read as '' in rows and are written as empty,
unmerged cells here: the way a clerk who never merges vertically fills the form.
"""
from __future__ import annotations

from pathlib import Path

import openpyxl
from docx import Document

WIDTH = 9


def spans(row: list[str]) -> list[int]:
    """How many of the 9 columns each cell of a row covers in the district's layout."""
    n = len(row)
    known = {1: [9], 2: [2, 7], 3: [2, 4, 3], 8: [2] + [1] * 7, 9: [1] * 9,
             4: [6, 1, 1, 1] if row[0].strip().replace(" ", "") == "总分" else [2, 2, 2, 3]}
    if n in known:
        return known[n]
    return [1] * (n - 1) + [WIDTH - n + 1]


def _title_and_table(rows: list[list[str]]) -> tuple[list[str], list[list[str]]]:
    i = 0
    while i < len(rows) and len(rows[i]) == 1:
        i += 1
    return [r[0] for r in rows[:i]], rows[i:]


def clerk_docx(rows: list[list[str]], path: Path) -> Path:
    """A Word file: the title lines as paragraphs, then one table of 9 columns."""
    title, table = _title_and_table(rows)
    doc = Document()
    for line in title:
        doc.add_paragraph(line)
    t = doc.add_table(rows=len(table), cols=WIDTH)
    for r, row in enumerate(table):
        c = 0
        for text, span in zip(row, spans(row)):
            cell = t.cell(r, c) if span == 1 else t.cell(r, c).merge(t.cell(r, c + span - 1))
            cell.text = text
            c += span
    doc.save(path)
    return Path(path)


def clerk_xlsx(rows: list[list[str]], path: Path) -> Path:
    """An Excel file: every row, the title lines included, on the first sheet, as text."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for r, row in enumerate(rows, 1):
        c = 1
        for text, span in zip(row, spans(row)):
            ws.cell(r, c).value = text or None
            if span > 1:
                ws.merge_cells(start_row=r, start_column=c, end_row=r, end_column=c + span - 1)
            c += span
    wb.save(path)
    return Path(path)
