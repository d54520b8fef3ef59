"""Cells pasted from Excel, WPS or Word, read into rows: bounded, so no clipboard can hang the window.

Excel and WPS copy tab-separated cells, quoting a cell that holds a line break. A clipboard far
beyond any real form (thousands of rows, a multi-megabyte cell) is refused with a message before
any of it reaches the project.
"""
from __future__ import annotations

import csv
import io

MAX_ROWS = 2000  # no real form has more than a few dozen indicators
MAX_CELL = 100_000  # characters in one cell: Python's csv limit is 131,072
MAX_TEXT = 20 * 1024 * 1024


class PasteRefused(ValueError):
    """The clipboard is not cells a form could hold; the message says why, in Chinese."""


def parse_block(text: str, max_rows: int = MAX_ROWS) -> list[list[str]]:
    """Tab-separated cells as Excel and WPS copy them (quoted cells may hold line breaks)."""
    if len(text) > MAX_TEXT:
        raise PasteRefused(f"剪贴板内容过大（{len(text) // (1024 * 1024)} MB），不像是表格中的指标，没有粘贴")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    if not text:
        return []
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text), delimiter="\t")
    try:
        for row in reader:
            if len(rows) == max_rows:
                raise PasteRefused(f"剪贴板中的内容超过 {max_rows} 行，不像是一张自评表的指标，没有粘贴")
            if any(len(cell) > MAX_CELL for cell in row):
                raise PasteRefused(f"剪贴板第 {len(rows) + 1} 行有一格超过 {MAX_CELL:,} 个字，没有粘贴")
            rows.append(row)
    except csv.Error as exc:  # a cell past csv's own limit, or a broken quote
        raise PasteRefused(f"剪贴板第 {reader.line_num} 行无法按表格读取（单元格过长或引号不成对），没有粘贴") from exc
    return rows
