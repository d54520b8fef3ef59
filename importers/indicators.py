"""The indicator table of a form: its header (one or more rows), its columns by their labels, and
the rows that are indicators (not sub-headers, placeholders, 不适用 rows, totals or notes)."""
from __future__ import annotations

from dataclasses import dataclass, field

from model import Indicator
from model.numbers import join_target
from model.text import join_lines

from importers.cells import cell_at
from importers.labels import (HEADER_FRAGMENTS, bare, blank_score, indicator_column, is_placeholder,
                     is_total_row, label_key, not_applicable, note_label)

FIELDS = ("level1", "level2", "name", "nature", "target", "target_adjusted", "unit", "actual",
          "weight", "score", "deviation")


@dataclass
class IndicatorTable:
    indicators: list[Indicator] = field(default_factory=list)
    written_scores: list[str] = field(default_factory=list)
    columns: dict[str, int] = field(default_factory=dict)
    end: int = 0  # the first row after the table (its total row, notes, or the end)


def _is_header_row(row) -> bool:
    keys = [c.key for c in row if c.key]
    return bool(keys) and all(indicator_column(k) or bare(k) in HEADER_FRAGMENTS
                              or bare(k).startswith("绩效指标") for k in keys)


def columns(header: list) -> dict[str, int]:
    """Field → grid column; the lowest header row names a column most precisely."""
    cols: dict[str, int] = {}
    for row in reversed(header):
        for cell in row:
            name = indicator_column(cell.key)
            if name and name not in cols:
                cols[name] = cell.col
    if "target" not in cols and "target_adjusted" in cols:
        cols["target"] = cols.pop("target_adjusted")
    # the reference forms leave the 得分 and 偏差原因 headers blank: the columns after 分值
    if "weight" in cols:
        taken = set(cols.values())
        after = sorted({c.col for c in header[0] if c.col > cols["weight"]} - taken)
        for name in ("score", "deviation"):
            if name not in cols and after:
                cols[name] = after.pop(0)
    return cols


def _row_ends_table(row, cols: dict[str, int]) -> bool:
    """A total row or a note, told by the cells left of the 二级 column (a 二级 named '备注' or
    '合计' is an indicator's)."""
    edge = cols.get("level2", cols.get("name", 2))
    firsts = [c for c in row if c.key and c.col < edge][:2]
    return any(is_total_row(c.key) or note_label(c.key) for c in firsts)


# short cells an export breaks into lines between words (exporters/line_breaks.py)
_SHORT_FIELDS = ("level1", "level2", "nature", "target", "target_adjusted", "unit", "actual")


def read_indicators(rows: list, head: int, keep_all: bool = False) -> IndicatorTable:
    """The indicators under the header at head. keep_all: a form this program wrote holds only
    what a clerk typed, so no row of it is a template's placeholder."""
    header = [rows[head]]
    i = head + 1
    while i < len(rows) and _is_header_row(rows[i]):
        header.append(rows[i])
        i += 1
    table = IndicatorTable(columns=columns(header))
    cols = table.columns
    level1 = level2 = ""
    while i < len(rows):
        row = rows[i]
        if _row_ends_table(row, cols):
            break
        i += 1
        cell = {name: cell_at(row, cols.get(name)).strip() for name in FIELDS}
        for name in _SHORT_FIELDS:  # printed broken into lines between words: read as typed
            cell[name] = join_lines(cell[name])
        if _is_header_row(row) and not cell["target"] and not cell["weight"]:
            continue  # a header repeated on the next page
        # a blank 一级/二级 is the merged cell above continuing
        if cell["level1"]:
            level1, level2 = cell["level1"], ""
        if cell["level2"]:
            level2 = cell["level2"]
        target = cell["target_adjusted"] or cell["target"]
        if "nature" in cols or "unit" in cols:
            target = join_target(cell["nature"], target, cell["unit"])
        if (_empty(cell) if keep_all else _skipped(cell, target)):
            continue
        ind = Indicator(level1=level1, level2=level2, name=cell["name"], target=target,
                        actual=cell["actual"], deviation=cell["deviation"])
        if cell["weight"] and not blank_score(cell["weight"]):
            ind.set_number("weight", cell["weight"])
        table.indicators.append(ind)
        table.written_scores.append(cell["score"])
    table.end = i
    return table


def _empty(cell: dict[str, str]) -> bool:
    return not any(cell[n] for n in ("level1", "level2", "name", "target", "actual", "weight"))


def _skipped(cell: dict[str, str], target: str) -> bool:
    """Placeholder rows ('指标2 ……', '/'), 不适用 rows, and rows that only name a group."""
    name, actual = label_key(cell["name"]), label_key(cell["actual"])
    if any(not_applicable(label_key(t)) for t in (cell["name"], target, cell["actual"])):
        return True
    texts = (name, label_key(target), actual)
    if not any(texts) and blank_score(cell["weight"]):
        # a group label alone ('(产出指标)(50分)') or an empty row; a row with a 二级 but nothing
        # else written is still an indicator row to fill in (a form this program wrote)
        return not cell["level2"] or bool(cell["level1"] and not cell["name"] and not cell["score"]
                                          and "(" in label_key(cell["level1"]))
    marked = any(t and is_placeholder(t) for t in texts)
    return marked and all(is_placeholder(t) for t in texts) and blank_score(cell["weight"]) \
        and blank_score(cell["score"])
