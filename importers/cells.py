"""The grid's cells: what the .docx/.xlsx readers produce and every part of the form reader reads."""
from __future__ import annotations

from dataclasses import dataclass

from importers.labels import label_key


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
