"""Read the cell rows of a filled .xlsx form: merged ranges counted once, merged-down cells blank."""
from __future__ import annotations

import datetime as dt
import os
import re
import warnings
import zipfile
from decimal import Decimal

from model import Project
from model.profiles import profile_from_keywords

from .grid import Cell, NotAForm, Row, parse_grid
from .safety import open_package

MAX_ROWS, MAX_COLS = 2000, 60


def shown(value, number_format: str = "General") -> str:
    """A cell's value as the sheet shows it, for the texts a clerk typed ('80%', '864000')."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    if isinstance(value, (int, float)):
        fmt = number_format or "General"
        m = re.search(r"0(?:\.(0+))?%", fmt)
        if m:
            return f"{value * 100:.{len(m.group(1) or '')}f}%"
        if isinstance(value, float):
            if value.is_integer() and abs(value) < 1e15:
                return str(int(value))
            return format(Decimal(repr(value)), "f")  # shortest digits, never '1e-06'
        return str(value)
    return str(value)


def sheet_rows(ws) -> list[Row]:
    top_of: dict[tuple[int, int], tuple[int, int, int]] = {}
    for rng in sorted(ws.merged_cells.ranges, key=lambda r: r.size["rows"] * r.size["columns"]):
        for r in range(rng.min_row, min(rng.max_row, MAX_ROWS) + 1):
            for c in range(rng.min_col, min(rng.max_col, MAX_COLS) + 1):
                top_of[(r, c)] = (rng.min_row, rng.min_col, rng.max_col - rng.min_col + 1)
    rows: list[Row] = []
    max_row, max_col = min(ws.max_row, MAX_ROWS), min(ws.max_column, MAX_COLS)
    for r in range(1, max_row + 1):
        row: Row = []
        for c in range(1, max_col + 1):
            top = top_of.get((r, c))
            if top is None:
                cell = ws.cell(r, c)
                row.append(Cell(c - 1, 1, shown(cell.value, cell.number_format)))
            elif top[1] == c:  # the first column of a merged range; counted once across
                cell = ws.cell(top[0], top[1])
                text = shown(cell.value, cell.number_format) if top[0] == r else ""
                row.append(Cell(c - 1, top[2], text))
        rows.append(row)
    return rows


def read_xlsx(path: str | os.PathLike) -> Project:
    """The first sheet that holds a 自评表."""
    import openpyxl  # with defusedxml installed, openpyxl parses the XML safely

    with open_package(path, "xl/workbook.xml"):
        pass
    name = os.path.basename(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about features it drops (validation …)
            wb = openpyxl.load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, EOFError) as exc:
        raise NotAForm(f"{name} 已损坏或不是 Excel 工作簿（{type(exc).__name__}）") from exc
    except Exception as exc:  # defusedxml and openpyxl raise many kinds on hostile files
        raise NotAForm(f"{name} 无法读取（{type(exc).__name__}）") from exc
    first_error: NotAForm | None = None
    profile = profile_from_keywords(wb.properties.keywords)
    try:
        for ws in wb.worksheets:
            try:
                return parse_grid(sheet_rows(ws), (), profile)
            except NotAForm as exc:
                first_error = first_error or exc
    finally:
        wb.close()
    raise NotAForm(f"{name}：{first_error or '工作簿中没有工作表'}")
