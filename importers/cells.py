"""The grid's cells: what the .docx/.xlsx readers produce and every part of the form reader reads."""
from __future__ import annotations

from dataclasses import dataclass

from importers.labels import blank_score, label_key
from importers.reading import Reading


@dataclass(frozen=True)
class Cell:
    col: int  # first grid column the cell covers
    span: int
    text: str
    below: bool = False  # the cell above merged down into this row (its text is the top's, read there)

    @property
    def key(self) -> str:
        return label_key(self.text)

    def covers(self, col: int) -> bool:
        return self.col <= col < self.col + self.span


Row = list[Cell]


def cell_at(row: Row, col: int | None) -> str:
    """The text of the cell of row that covers grid column col ('' when none does)."""
    if col is None:
        return ""
    for cell in row:
        if cell.covers(col):
            return cell.text
    return ""


def merged_down(row: Row, col: int | None) -> bool:
    """Whether the cell of row at grid column col is the one above merged down."""
    return col is not None and any(cell.below for cell in row if cell.covers(col))


def merged_across(row: Row, r: int, cols: dict[str, int], names: dict[str, str], reading: Reading) -> None:
    """One cell merged across two columns a clerk fills (年度指标值 and 实际完成值, 年初预算数 and
    全年预算数) gives each the same text — what the extra merge hid was read as its neighbour's, in
    silence: said, naming the columns. `names`: the columns' fields that hold values, shown."""
    for cell in row:
        if cell.span < 2 or not cell.text.strip() or blank_score(cell.text):
            continue  # '—' across 分值 and 得分 says neither applies
        covered = {col: name for name, col in cols.items() if name in names and cell.covers(col)}
        if len(covered) > 1:
            shown = " ".join(cell.text.split())
            shown = shown if len(shown) <= 20 else shown[:19] + "…"
            reading.warn(r, cell.col, f"一个合并单元格横跨{'、'.join(names[n] for _, n in sorted(covered.items()))}，"
                                      f"这几栏都读作“{shown}”，请核对")
