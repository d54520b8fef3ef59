"""How sure a form's reading is: which labels were mapped to what, which rows and columns were
left out and why, what could not be read where a number belongs, and — when the layout is not
recognised well enough — why the form is refused rather than read wrong."""
from __future__ import annotations

import os

from dataclasses import dataclass, field

from model import Project

from importers.errors import NotAForm

UNKNOWN = "未识别的表格格式"


class Places:
    """Names of the grid's rows and cells as the clerk finds them in the file; the readers of
    each format say how ('工作表“自评表”的 C12', '第 2 个表格第 5 行第 3 列')."""

    def row(self, r: int) -> str:
        return f"第 {r + 1} 行"

    def cell(self, r: int, c: int) -> str:
        return f"第 {r + 1} 行第 {c + 1} 列"


class SheetPlaces(Places):
    def __init__(self, sheet: str) -> None:
        self.sheet = sheet

    def row(self, r: int) -> str:
        return f"工作表“{self.sheet}”第 {r + 1} 行"

    def cell(self, r: int, c: int) -> str:
        from openpyxl.utils import get_column_letter
        return f"工作表“{self.sheet}”的 {get_column_letter(c + 1)}{r + 1}"


class TablePlaces(Places):
    """A document's rows: (table number, row in it) for each grid row, None for a paragraph."""

    def __init__(self, origins: list[tuple[int, int] | None]) -> None:
        self.origins = origins

    def row(self, r: int) -> str:
        o = self.origins[r] if r < len(self.origins) else None
        return f"第 {o[0]} 个表格第 {o[1]} 行" if o else f"表格外第 {r + 1} 段"

    def cell(self, r: int, c: int) -> str:
        return f"{self.row(r)}第 {c + 1} 列"


class UnknownLayout(NotAForm):
    """A table that looks like a form, but whose layout is not recognised well enough to read
    it right: refused, saying what was found."""


@dataclass
class Reading:
    """One form as read, with what the reading knows about itself."""

    project: Project
    places: Places = field(default_factory=Places)
    mapped: list[str] = field(default_factory=list)  # '三级指标 → 三级指标', '权重占比 → 分值'
    left_out: list[str] = field(default_factory=list)  # '第 14 行“指标2 ……”：模板占位行'
    inferred: list[str] = field(default_factory=list)  # what the layout implied, not a cell said
    warnings: list[str] = field(default_factory=list)  # text where a number belongs, totals …
    refusal: str = ""  # why the layout is not recognised well enough ('' = read)
    foreign: bool = False  # refusal names another kind of form (部门整体), not an unknown layout

    def leave_out(self, r: int, text: str, why: str) -> None:
        shown = " ".join(text.split())
        shown = shown if len(shown) <= 24 else shown[:23] + "…"
        self.left_out.append(f"{self.places.row(r)}{'“' + shown + '”' if shown else ''}：{why}")

    def warn(self, r: int, c: int, message: str) -> None:
        self.warnings.append(f"{self.places.cell(r, c)}：{message}")

    def refuse(self, why: str, foreign: bool = False) -> None:
        if not self.refusal:
            self.refusal, self.foreign = why, foreign

    def lines(self, verbose: bool = True) -> list[str]:
        """What import and check print: the mapping, what was left out, the warnings."""
        out = []
        if verbose and self.mapped:
            out.append("识别的栏目：" + "；".join(self.mapped))
        if verbose and self.left_out:
            out.append(f"未读取（{len(self.left_out)} 处）：")
            out += [f"  {x}" for x in self.left_out]
        if verbose:
            out += [f"推断：{x}" for x in self.inferred]
        out += [f"提醒：{w}" for w in self.warnings]
        return out


def refusal_error(name: str, readings: list[Reading]) -> UnknownLayout | None:
    """The error that refuses a file when one of its forms' layouts is not recognised."""
    bad = [(k, r) for k, r in enumerate(readings, 1) if r.refusal]
    if not bad:
        return None
    k, r = bad[0]
    which = f"第 {k} 张表" if len(readings) > 1 else ""
    what = r.refusal if r.foreign else f"{UNKNOWN}：{r.refusal}"
    return UnknownLayout(f"{name}{('：' + which) if which else ''}：{what}")


def accepted(path: str | os.PathLike, readings: list[Reading]) -> list[Reading]:
    """The readings, or UnknownLayout (a NotAForm) naming the file when one form is refused."""
    error = refusal_error(os.path.basename(path), readings)
    if error is not None:
        raise error
    return readings


def say_in_forms(readings: list[Reading], starts: list[int], said: list[tuple[int, int, str]]) -> None:
    """Warnings a file's reader found cell by cell ((grid row, column, message): hidden text, a
    revision, a hidden row …), each on the reading of the form its row belongs to (a row above
    the first form, on the first)."""
    for r, c, message in said:
        k = max((i for i, s in enumerate(starts[:len(readings)]) if s <= r), default=0)
        if readings:
            readings[k].warn(r, c, message)
