"""The printed form as rows of cells on a 9-column grid: what every writer draws.

Word, Excel and the Qt print routine all render this one layout, so the three agree cell for
cell with FORM.md and the reference forms.
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Literal

from model import Evaluation, FundsKind, Project, evaluate, load_profile, plain, score_text
from model.profiles import profile_keywords as _profile_keywords
from model.project import AMOUNT_FIELDS

from exporters.line_breaks import CELL_PADDING_MM, SAFETY_MM, fit_cell, text_em, widest_number_em, widest_word_mm

COLUMNS = 9
# column widths in mm on A4 portrait with 12 mm side margins (186 mm in all): the long texts
# (三级指标 in D, goals across C–F, 偏差原因 in I) get the room, but first every number gets
# one line at the largest font: '100' in 分值 (G), '100.00%' in 执行率 (H), amounts such as
# '93.478382' in 全年预算数/全年执行数 (E, F); longer amounts make the font smaller (fit_font).
# The labels' words fit a line: '满意度' in 一级指标 (B), '当年财政' in the funds rows' labels
# and 二级指标 (C); a target such as '≥121057.86' fits 年度指标值/实际完成值 (E, F) at 9 pt.
COLUMN_MM = (6.0, 15.0, 18.0, 40.0, 25.0, 25.0, 10.0, 19.0, 28.0)
PAGE_MARGINS_MM = {"left": 12.0, "right": 12.0, "top": 12.0, "bottom": 10.0}
LINE_SPACING = 1.2  # line height as a multiple of the font size, set exactly
EM_DASH = "—"
SIGNATURES = ("填报人：", "审核人：", "单位负责人：")


def profile_keywords(project: Project) -> str:
    """The file's keywords: they name the rule profile, so an import scores it the same way."""
    return _profile_keywords(project.profile)


class Merge(StrEnum):
    """A cell merged down: the first of the merged cells, or one of those below it."""

    RESTART = "restart"
    CONTINUE = "continue"


class Role(StrEnum):
    """What a cell holds, for writers that write numbers or formulas rather than text."""

    TEXT = "text"
    AMOUNT = "amount"  # key: (FundsKind, amount field)
    RATE = "rate"  # key: FundsKind
    BUDGET_WEIGHT = "budget_weight"
    BUDGET_SCORE = "budget_score"  # key: the BudgetRule when the rule scores it, None when by hand
    WEIGHT = "weight"  # key: indicator index
    SCORE = "score"  # key: indicator index
    WEIGHT_TOTAL = "weight_total"
    TOTAL = "total"


class RowKind(StrEnum):
    HEADER = "header"
    FUNDS = "funds"
    GOAL = "goal"
    INDICATOR_HEAD = "indicator-head"
    INDICATOR = "indicator"
    INDICATOR_MORE = "indicator-more"  # an indicator's long text continued (split_tall_rows)
    TOTAL = "total"


@dataclass(frozen=True)
class BudgetRule:
    """The profile's 预算执行率 rule as a sheet needs it: 分值 × min(max(执行率, 0), 1), rounded
    half up to `decimals` places (model.scoring.budget_score)."""

    decimals: int


@dataclass
class LayoutCell:
    col: int
    span: int
    text: str
    merge: Merge | None = None  # for a cell merged down
    align: Literal["center", "left"] = "center"
    vertical: bool = False  # text set top to bottom (绩效指标)
    role: Role = Role.TEXT
    key: object = None  # the role's subject: (FundsKind, field), an indicator index …
    # prose (a name, a goal, 偏差原因) wraps where the application likes, numbers kept whole;
    # anything else (a label, 一级/二级指标, a target) breaks only between words (line_breaks)
    prose: bool = False

    def __post_init__(self) -> None:
        self.prose = self.prose or self.align == "left"


@dataclass
class LayoutRow:
    cells: list[LayoutCell]
    kind: RowKind
    min_height_mm: float = 6.0


@dataclass
class FormLayout:
    title: str
    year_line: str
    rows: list[LayoutRow]
    body_pt: float  # font size of the table: smaller for long forms so they stay on one page
    evaluation: Evaluation
    signature_lines: list[str] = field(default_factory=list)
    columns_mm: tuple[float, ...] = COLUMN_MM  # the grid: another table (部门整体) brings its own
    # the grid's columns of long texts (三级指标, 偏差原因) and of short ones (指标值, 完成值, 分值,
    # 得分 …), between which a form too long for one page trades width (text_fitted_columns)
    long_columns: tuple[int, int] = (3, 8)
    short_columns: tuple[int, ...] = (4, 5, 6, 7)

    def width_mm(self, col: int, span: int) -> float:
        return sum(self.columns_mm[col: col + span])


# 小五 (9 pt) is the least a signed form is printed at: a form that does not fit one page at 9 pt
# continues on further pages instead (paginate)
FONT_SIZES_PT = (10.5, 10.0, 9.5, 9.0)
TITLE_MM = 19.0  # title and year line above the table
SIGNATURES_MM = 17.0  # the signature lines below it
OUTSIDE_TABLE_MM = TITLE_MM + SIGNATURES_MM
PAGE_NUMBER_MM = 6.0  # a form of several pages gives its bottom margin this much more for 第 N 页 共 M 页
PAGE_NUMBER_PT = 9.0


def page_number_text(page: int | str, pages: int | str) -> str:
    return f"第 {page} 页 共 {pages} 页"

PAGE_BODY_MM = 297.0 - PAGE_MARGINS_MM["top"] - PAGE_MARGINS_MM["bottom"]
KEEP_WITH_TOTAL = 2  # indicator rows kept on the 总分 row's page: the last page never holds only the total


def largest_fitting(fits) -> float:
    """The largest of FONT_SIZES_PT for which fits(pt) holds (the smallest if none does)."""
    return next((pt for pt in FONT_SIZES_PT if fits(pt)), FONT_SIZES_PT[-1])


def fit_font(layout: FormLayout) -> float:
    """The form's font size: the largest at which every number stands on one line in its cell
    and the form takes as few pages as it can at 9 pt (one page for every ordinary form)."""
    def pages_at(pt: float) -> int:
        layout.body_pt = pt
        return page_total(layout) if numbers_fit(layout) else 10**6
    fewest = pages_at(FONT_SIZES_PT[-1])
    layout.body_pt = largest_fitting(lambda pt: pages_at(pt) <= fewest)
    return layout.body_pt


# a number's characters in em as the widest face that stands in for 宋体 sets them: DejaVu Sans,
# which LibreOffice and Qt pick on a machine without 宋体 (宋体 itself: 0.5 em a digit)
_NUMBER_EM = {".": 0.32, ",": 0.32, "%": 0.95, "-": 0.37}
_DIGIT_EM = 0.64
NUMBER_PADDING_MM = 2.0  # the Word table's cell margins (1 mm a side); the printout uses less
_NUMBER = re.compile(r"-?[\d,]*\.?\d+%?")


def number_width_mm(text: str, pt: float) -> float:
    return sum(_NUMBER_EM.get(ch, _DIGIT_EM) for ch in text) * pt * 0.3528


def number_cells(layout: FormLayout) -> list[LayoutCell]:
    """The cells whose text is a number the writers must keep on one line."""
    return [c for r in layout.rows for c in r.cells
            if c.role != Role.TEXT and c.merge != Merge.CONTINUE and _NUMBER.fullmatch(c.text)]


def numbers_fit(layout: FormLayout, pt: float | None = None) -> bool:
    """Every number of the layout on one line at pt (the layout's own size by default)."""
    size = layout.body_pt if pt is None else pt
    return all(number_width_mm(c.text, size) + NUMBER_PADDING_MM <= layout.width_mm(c.col, c.span)
               for c in number_cells(layout))


def cell_text(layout: FormLayout, cell: LayoutCell) -> tuple[float, str]:
    """The cell as every writer sets it: its font size (the table's, or smaller down to 9 pt
    where a word or number would not fit a line) and its text with the line breaks to write."""
    if cell.merge == Merge.CONTINUE or cell.vertical:
        return layout.body_pt, cell.text
    return fit_cell(cell.text, layout.width_mm(cell.col, cell.span), layout.body_pt, cell.prose, FONT_SIZES_PT)


def _number(value, unreadable: dict[str, str], name: str) -> str:
    if name in unreadable:
        return unreadable[name]
    return "" if value is None else plain(value)


def build_layout(project: Project, evaluation: Evaluation | None = None) -> FormLayout:
    ev = evaluation or evaluate(project)
    C = LayoutCell
    rows: list[LayoutRow] = [
        LayoutRow([C(0, 2, "项目名称"), C(2, 7, project.name, align="left")], RowKind.HEADER),
        LayoutRow([C(0, 2, "主管部门"), C(2, 2, project.department, prose=True), C(4, 2, "实施单位"),
                   C(6, 3, project.implementer, prose=True)], RowKind.HEADER),
        LayoutRow([C(0, 2, "项目负责人"), C(2, 2, project.manager, prose=True), C(4, 2, "联系电话"),
                   C(6, 3, project.phone, prose=True)], RowKind.HEADER),
        LayoutRow([C(0, 2, "项目资金\n（万元）", Merge.RESTART), C(2, 1, ""), C(3, 1, "年初预算数"),
                   C(4, 1, "全年预算数"), C(5, 1, "全年执行数"), C(6, 1, "分值"), C(7, 1, "执行率"),
                   C(8, 1, "得分")], RowKind.FUNDS),
    ]
    for row in project.funds:
        total = row.kind == FundsKind.TOTAL
        cells = [C(0, 2, "", Merge.CONTINUE), C(2, 1, row.shown_label)]
        for i, name in enumerate(AMOUNT_FIELDS):
            cells.append(C(3 + i, 1, _number(getattr(row, name), row.unreadable, name),
                           role=Role.AMOUNT, key=(row.kind, name)))
        if total and project.budget_item:
            weight = _number(project.budget_weight, project.unreadable, "budget_weight")
            budget_score = ev.budget.value
            cells.append(C(6, 1, weight, role=Role.BUDGET_WEIGHT))
        else:
            cells.append(C(6, 1, EM_DASH))
        cells.append(C(7, 1, ev.rate_text(row.kind), role=Role.RATE, key=row.kind))
        if total and project.budget_item:
            hand = "budget_hand_score" in project.unreadable
            text = project.unreadable["budget_hand_score"] if hand else (
                "" if budget_score is None else score_text(budget_score))
            by_rule = project.budget_hand_score is None and not hand
            cells.append(C(8, 1, text, role=Role.BUDGET_SCORE,
                           key=BudgetRule(load_profile(project.profile).decimals) if by_rule else None))
        else:
            cells.append(C(8, 1, EM_DASH))
        rows.append(LayoutRow(cells, RowKind.FUNDS))
    rows += [
        LayoutRow([C(0, 2, "年度总体目标", Merge.RESTART), C(2, 4, "预期目标"), C(6, 3, "实际完成情况")], RowKind.GOAL),
        LayoutRow([C(0, 2, "", Merge.CONTINUE), C(2, 4, project.goal, align="left"),
                   C(6, 3, project.achieved, align="left")], RowKind.GOAL, 10.0),
        LayoutRow([C(0, 1, "绩效指标", Merge.RESTART, vertical=True), C(1, 1, "一级指标", Merge.RESTART),
                   C(2, 1, "二级指标", Merge.RESTART), C(3, 1, "三级指标", Merge.RESTART), C(4, 1, "年度"),
                   C(5, 1, "实际"), C(6, 1, "分值", Merge.RESTART), C(7, 1, "得分", Merge.RESTART),
                   C(8, 1, "偏差原因分析及改进措施", Merge.RESTART)], RowKind.INDICATOR_HEAD, 5.5),
        LayoutRow([C(0, 1, "", Merge.CONTINUE), C(1, 1, "", Merge.CONTINUE), C(2, 1, "", Merge.CONTINUE),
                   C(3, 1, "", Merge.CONTINUE), C(4, 1, "指标值"), C(5, 1, "完成值"),
                   C(6, 1, "", Merge.CONTINUE), C(7, 1, "", Merge.CONTINUE), C(8, 1, "", Merge.CONTINUE)],
                  RowKind.INDICATOR_HEAD, 5.5),
    ]
    prev1 = prev2 = None
    for i, (ind, score) in enumerate(zip(project.indicators, ev.indicators)):
        same1 = prev1 is not None and ind.level1.strip() == prev1 and ind.level1.strip() != ""
        same2 = same1 and ind.level2.strip() == prev2 and ind.level2.strip() != ""
        prev1, prev2 = ind.level1.strip(), ind.level2.strip()
        shown = (ind.unreadable["hand_score"] if "hand_score" in ind.unreadable
                 else "" if score.value is None else score_text(score.value))
        rows.append(LayoutRow([
            C(0, 1, "", Merge.CONTINUE),
            C(1, 1, "" if same1 else ind.level1, Merge.CONTINUE if same1 else Merge.RESTART),
            C(2, 1, "" if same2 else ind.level2, Merge.CONTINUE if same2 else Merge.RESTART),
            C(3, 1, ind.name, align="left"),
            C(4, 1, ind.target), C(5, 1, ind.actual),
            C(6, 1, _number(ind.weight, ind.unreadable, "weight"), role=Role.WEIGHT, key=i),
            C(7, 1, shown, role=Role.SCORE, key=i),
            C(8, 1, ind.deviation, align="left"),
        ], RowKind.INDICATOR))
    rows.append(LayoutRow([C(0, 6, "总分"), C(6, 1, ev.weight_sum_text(), role=Role.WEIGHT_TOTAL),
                           # a partial sum is no 总分: 待定 until every row is scored (SCORING.md)
                           C(7, 1, score_text(ev.total) if ev.complete else ev.grade, role=Role.TOTAL),
                           C(8, 1, "")], RowKind.TOTAL))
    year = f"（{project.year}年度）" if project.year else "（　　年度）"
    layout = FormLayout(
        title=f"{project.district}项目支出绩效自评表", year_line=year, rows=rows,
        body_pt=FONT_SIZES_PT[0], evaluation=ev,
        signature_lines=["　　　　　　　　".join(SIGNATURES),
                         "填报日期：　　　　年　　月　　日" + "　" * 12 + "（单位盖章）"],
    )
    if not numbers_fit(layout, FONT_SIZES_PT[-1]):
        # an amount wider than its column at every size (123456.789012): it gets its width first
        # and the texts share the rest, else no size fits and the fitting below gives up
        widen_for_numbers(layout)
    fit_font(layout)
    fit_columns_to_texts(layout)
    widen_for_numbers(layout)
    split_tall_rows(layout)
    return layout


# Excel's tallest row is 409 pt (xlsx_writer gives a row 1.12 × its height): a taller row is cut
# there, as a row taller than a page is cut in print — a row's long text continues in rows below
ROW_MAX_MM = 409 / (72 / 25.4) / 1.12 - 1.0


def page_total(layout: FormLayout) -> int:
    """How many pages the form takes once its tall rows are split (what fitting the font and the
    columns minimises: a long 偏差原因 in a wider column at 9 pt takes fewer pages)."""
    heights = [row_height_mm(layout, r) for r in layout.rows]
    limit = _piece_mm(layout, heights)
    if not any(h > limit and r.kind in _SPLIT_KINDS for r, h in zip(layout.rows, heights)):
        return len(paginate(layout, heights))
    split = replace(layout)
    split_tall_rows(split)
    return len(paginate(split))


_SPLIT_KINDS = (RowKind.INDICATOR, RowKind.GOAL)


def _piece_mm(layout: FormLayout, heights: list[float]) -> float:
    """The height a long text's piece may take: Excel's tallest row, and half of a page below
    the repeated indicator header (no page holds one piece alone)."""
    repeat = sum(heights[i] for i in header_rows(layout))
    return min(ROW_MAX_MM, (PAGE_BODY_MM - PAGE_NUMBER_MM - repeat) / 2 - 2.0)


def split_tall_rows(layout: FormLayout) -> None:
    """An indicator's or the goal's row taller than a piece (_piece_mm: a 偏差原因 of 1,000
    characters) goes on in rows below it: its long texts (left-aligned prose: 三级指标, 偏差原因,
    the goals) are cut between lines into pieces that each fit, the row's other cells merged down
    over the pieces. Word, Excel and the printout then break the pages between the pieces and
    print every character (a row is never split: one taller than a page lost its end). The pieces
    join again without a character added or lost (importers/indicators.py reads our rows back)."""
    heights = [row_height_mm(layout, r) for r in layout.rows]
    limit = _piece_mm(layout, heights)
    rows: list[LayoutRow] = []
    for row, height in zip(layout.rows, heights):
        pieces = _pieces(layout, row, limit) if row.kind in _SPLIT_KINDS and height > limit else {}
        n = max((len(p) for p in pieces.values()), default=1)
        if n == 1:
            rows.append(row)
            continue
        first = [replace(c, text=pieces[c.col][0]) if c.col in pieces
                 else replace(c, merge=c.merge or Merge.RESTART) for c in row.cells]
        rows.append(replace(row, cells=first))
        more = RowKind.INDICATOR_MORE if row.kind == RowKind.INDICATOR else row.kind
        for k in range(1, n):
            cells = [LayoutCell(c.col, c.span, pieces[c.col][k] if k < len(pieces[c.col]) else "", align=c.align)
                     if c.col in pieces else LayoutCell(c.col, c.span, "", Merge.CONTINUE, vertical=c.vertical)
                     for c in row.cells]
            rows.append(LayoutRow(cells, more, row.min_height_mm if row.kind == RowKind.GOAL else 6.0))
    layout.rows = rows


def _pieces(layout: FormLayout, row: LayoutRow, limit_mm: float) -> dict[int, list[str]]:
    """The row's long texts that need more than one piece, by column, each in pieces of lines
    that fit limit_mm."""
    out = {}
    for cell in row.cells:
        if cell.merge is not None or cell.align != "left" or not cell.text:
            continue
        pt, _ = cell_text(layout, cell)
        width = layout.width_mm(cell.col, cell.span)
        lines = int((limit_mm - 1.6) / (pt * 0.3528 * LINE_SPACING))
        text, pieces = cell.text, []
        while line_count(text, width, pt, CELL_PADDING_MM + SAFETY_MM) > lines:
            cut = _cut_at(text, lambda n: line_count(text[:n], width, pt, CELL_PADDING_MM + SAFETY_MM) <= lines)
            pieces.append(text[:cut])
            text = text[cut:]
        if pieces:
            out[cell.col] = pieces + [text]
    return out


def _cut_at(text: str, fits) -> int:
    """The longest head of text that fits, ending between two characters neither of which is a
    space or a line break (a reader trims a cell: the pieces must join back to the text)."""
    low, high = 1, len(text) - 1  # fits(low) holds: a line holds a character
    while low < high:
        mid = (low + high + 1) // 2
        low, high = (mid, high) if fits(mid) else (low, mid - 1)
    cut = low
    while cut > 1 and (text[cut - 1].isspace() or text[cut].isspace()):
        cut -= 1
    return cut


def widen_for_numbers(layout: FormLayout) -> None:
    """A number wider than its column even at the smallest size (98765.123456 万元 in 全年预算数)
    would break inside itself in Word: its column takes the width it needs from the long-text
    columns (三级指标, 偏差原因), which wrap, the table's width kept."""
    smallest = min(FONT_SIZES_PT)
    widths = list(layout.columns_mm)
    for c in number_cells(layout):
        if c.span == 1 and c.col not in layout.long_columns:
            widths[c.col] = max(widths[c.col], math.ceil(widest_word_mm(c.text, smallest) * 10) / 10)
    extra = sum(widths) - sum(layout.columns_mm)
    if extra <= 0:
        return
    # the long-text columns give in proportion to what they hold beyond half their width
    spare = {i: widths[i] / 2 for i in layout.long_columns}
    if sum(spare.values()) < extra:
        return  # no room without cutting the texts: the number is set as small as allowed
    for i, room in spare.items():
        widths[i] = round(widths[i] - extra * room / sum(spare.values()), 1)
    widths[layout.long_columns[-1]] += round(sum(layout.columns_mm) - sum(widths), 1)  # the rounding
    layout.columns_mm = tuple(widths)


# the indicator table's long texts (三级指标, 偏差原因) take the room its short ones (年度指标值,
# 实际完成值, 分值, 得分; amounts, 执行率 and scores above them) do not need; the label columns
# (绩效指标 set vertically, 一级/二级指标 and the funds rows' labels) keep theirs
LONG_TEXT_COLUMNS = FormLayout.long_columns
SHORT_TEXT_COLUMNS = FormLayout.short_columns
SPLIT_STEPS = 24  # how finely the room is shared between the long-text columns


def _cell_need_mm(cell: LayoutCell, pt: float) -> float:
    """The width a cell needs at pt so that nothing of it is cut: every word of a label or value,
    every number of prose."""
    if cell.merge == Merge.CONTINUE or cell.vertical or not cell.text.strip():
        return 0.0
    if cell.prose:
        em = widest_number_em(cell.text)
        return em * pt * 0.3528 + CELL_PADDING_MM + SAFETY_MM if em else 0.0
    return widest_word_mm(cell.text, pt)


def text_fitted_columns(layout: FormLayout, pt: float, district: tuple[float, ...] = COLUMN_MM) -> tuple[float, ...]:
    """Column widths for a form that does not fit one page at the district's: each short-text
    column (一级/二级指标, 指标值, 完成值, 分值, 得分 …) as narrow as its longest unbreakable word
    or number at pt needs (never wider than the district gives it), the room so won shared
    between 三级指标 and 偏差原因 where it takes the fewest millimetres of rows. The total width
    is kept. Pure: the layout is not changed."""
    ncols = len(district)
    fitted = layout.short_columns + layout.long_columns
    widths = [0.0 if i in fitted else district[i] for i in range(ncols)]
    cells = [c for r in layout.rows for c in r.cells]
    for c in cells:  # single columns first
        if c.span == 1 and c.col in fitted:
            widths[c.col] = max(widths[c.col], _cell_need_mm(c, pt))
    # a long-text column keeps at least half the district's width (its header, a short name)
    widths = [max(w, district[i] / 2) if i in layout.long_columns else w for i, w in enumerate(widths)]
    # up to the next 0.1 mm: a width rounded down would cut the word it was measured for
    widths = [min(math.ceil(w * 10 - 1e-9) / 10, d) for w, d in zip(widths, district)]
    for c in cells:  # then a cell over several columns: its last shrunk column gives it what it lacks
        lack = min(_cell_need_mm(c, pt), district[c.col] if c.span == 1 else sum(district[c.col:c.col + c.span])) \
            - sum(widths[c.col:c.col + c.span])
        if lack > 0:
            shrunk = [i for i in range(c.col, c.col + c.span) if widths[i] < district[i]]
            for i in reversed(shrunk):
                give = min(lack, district[i] - widths[i])
                widths[i] += give
                lack -= give
    widths = [math.ceil(w * 10 - 1e-9) / 10 for w in widths]
    room = round(sum(district) - sum(widths), 1)
    if room <= 0:
        return district
    a, b = layout.long_columns
    usual = district[a] / (district[a] + district[b])  # the district's share: the tie-breaker

    def split(share: float) -> tuple[float, ...]:
        trial = list(widths)
        trial[a] = round(trial[a] + room * share, 1)
        trial[b] = round(sum(district) - sum(trial) + trial[b], 1)
        return tuple(trial)

    # the split moves only the two long-text columns: each row's height is the larger of what its
    # other cells need (the same at every split, measured once) and what the cells over a or b
    # need; the sum is row_height_mm's over the rows, in less than a fifth of the time
    fixed = replace(layout, columns_mm=split(0.0), body_pt=pt)
    rows: list[tuple[float, list[LayoutCell]]] = []
    for row in layout.rows:
        base, moving = row.min_height_mm, []
        for c in row.cells:
            if not _sets_height(row, c):
                continue
            if c.col <= a < c.col + c.span or c.col <= b < c.col + c.span:
                moving.append(c)
            else:
                base = max(base, cell_height_mm(fixed, c))
        rows.append((base, moving))

    def total_height(share: float) -> tuple[float, float]:
        probe = replace(layout, columns_mm=split(share), body_pt=pt)
        heights = (max([base] + [cell_height_mm(probe, c) for c in moving]) for base, moving in rows)
        return round(sum(heights), 1), abs(share - usual)

    return split(min((k / SPLIT_STEPS for k in range(SPLIT_STEPS + 1)), key=total_height))


def fit_columns_to_texts(layout: FormLayout) -> None:
    """A form that does not fit one page at the district's widths takes widths fitted to its
    texts (text_fitted_columns) and the largest size at which it then takes fewest pages, where
    that prints it on fewer pages or larger; a form that fits one page keeps the district's."""
    district = layout.columns_mm
    before = (page_total(layout), -layout.body_pt)
    if before[0] == 1:
        return
    district_pt = layout.body_pt
    best: tuple[tuple[int, float], float, tuple[float, ...]] | None = None
    for pt in FONT_SIZES_PT:
        columns = text_fitted_columns(layout, pt, district)
        probe = replace(layout, columns_mm=columns, body_pt=pt)
        if not numbers_fit(probe):
            continue
        score = (page_total(probe), -pt)
        if best is None or score < best[0]:
            best = (score, pt, columns)
    if best is not None and best[0] < before:
        layout.columns_mm, layout.body_pt = best[2], best[1]
    else:
        layout.columns_mm, layout.body_pt = district, district_pt


@functools.lru_cache(maxsize=1 << 16)
def line_count(text: str, width_mm: float, pt: float, padding_mm: float = 2.0) -> int:
    """How many lines text takes in a cell of width_mm at font size pt (wrapping by characters).

    Cached: pagination and fitting columns to a long form ask the same cells again at each size
    and split they try (a third of a batch export's time before)."""
    em_mm = pt * 0.3528
    # a line sets whole characters: 13.6 em of room between Word's cell margins holds 13 Chinese
    # characters, not 13.6 (counted so, a row of 120-character reasons was a line short, and Word
    # printed the signature lines alone on a page the layout did not have)
    per_line = max(1.0, min((width_mm - padding_mm) / em_mm, math.floor((width_mm - CELL_PADDING_MM) / em_mm)))
    lines = 0
    for para in (text or "").split("\n"):
        # digits and Latin as wide as the face that stands in for 宋体 sets them (DejaVu on a desk
        # without 宋体: 0.64 em a digit), with the space Word puts between them and the Chinese
        w = text_em(para)
        lines += max(1, -int(-w // per_line))
    return lines


def row_height_mm(layout: FormLayout, row: LayoutRow) -> float:
    need = row.min_height_mm
    for cell in row.cells:
        if _sets_height(row, cell):
            need = max(need, cell_height_mm(layout, cell))
    return need


def _sets_height(row: LayoutRow, cell: LayoutCell) -> bool:
    """A cell whose lines the row's height must hold (a cell merged down leaves it to its rows,
    but for 一级/二级指标, whose merge is among indicator rows)."""
    return not (cell.merge == Merge.CONTINUE or cell.vertical
                or cell.merge == Merge.RESTART and row.kind != RowKind.INDICATOR)


def cell_height_mm(layout: FormLayout, cell: LayoutCell) -> float:
    """The height the cell's lines take at the size the layout sets it."""
    pt, text = cell_text(layout, cell)
    lines = line_count(text, layout.width_mm(cell.col, cell.span), pt, CELL_PADDING_MM + SAFETY_MM)
    return lines * pt * 0.3528 * LINE_SPACING + 1.6


def header_rows(layout: FormLayout) -> list[int]:
    """The indicator table's header rows: repeated at the top of every page after the first."""
    return [i for i, r in enumerate(layout.rows) if r.kind == RowKind.INDICATOR_HEAD]


def paginate(layout: FormLayout, heights: list[float] | None = None) -> list[list[int]]:
    """The form's pages as the rows each holds (without the header rows repeated above them).

    Every printed output breaks its pages here: Word's, Excel's and the program's own. A row is
    never split; the indicator header stays with the first indicator row, and the last
    KEEP_WITH_TOTAL indicator rows, the 总分 row and the signature lines stand on one page. Pages
    after the first repeat the header rows; every page of a form of several leaves room for its
    page number. heights are the rows' heights in mm (row_height_mm by default).
    """
    if heights is None:
        heights = [row_height_mm(layout, r) for r in layout.rows]
    one = sum(heights) + OUTSIDE_TABLE_MM
    if one <= PAGE_BODY_MM:
        return [list(range(len(layout.rows)))]
    head = header_rows(layout)
    repeat = sum(heights[i] for i in head)
    units = _units(layout)
    room = PAGE_BODY_MM - PAGE_NUMBER_MM
    pages: list[list[int]] = [[]]
    used = TITLE_MM
    for unit, extra in units:
        need = sum(heights[i] for i in unit) + extra
        if pages[-1] and used + need > room:
            pages.append([])
            used = repeat if head and unit[0] > head[-1] else 0.0
        pages[-1] += unit
        used += need
    return pages


def rows_cut_off(layout: FormLayout, heights: list[float] | None = None, before: int = 0,
                 excel: bool = False) -> list[str]:
    """What no page can hold: a row taller than a page (with the repeated header above it) is
    never split, so its end would be cut off in print. Long prose goes on in rows below
    (split_tall_rows): what is left is a row whose other cells (a target of 1,000 characters)
    hold more than a page. Said, naming the row, before anything is
    handed in (export and the window), never clipped in silence. before: indicator rows that are
    no indicator of the form's own (the department table's 预算执行率 row). excel: the .xlsx copy,
    whose rows stop at 409 pt (ROW_MAX_MM), about half a page."""
    if heights is None:
        heights = [row_height_mm(layout, r) for r in layout.rows]
    head = header_rows(layout)
    repeat = sum(heights[i] for i in head)
    room = PAGE_BODY_MM - PAGE_NUMBER_MM
    said = []
    ordinal = -before
    for i, row in enumerate(layout.rows):
        if row.kind == RowKind.INDICATOR:
            ordinal += 1
        limit = room - (repeat if head and i > head[-1] else 0.0)
        where = f"绩效指标第 {ordinal} 行" if row.kind == RowKind.INDICATOR and ordinal > 0 else "表格中有一行"
        if heights[i] > limit:
            said.append(f"{where}文字太长，一页 A4 印不下，打印时超出部分会被截去："
                        "请缩短该行的文字（如年度指标值、实际完成值）")
        elif excel and heights[i] > ROW_MAX_MM:
            said.append(f"{where}文字太长，Excel 的一行最高 409 磅，放不下的部分在 Excel 中看不到、打印时被截去："
                        "请缩短该行的文字（如年度指标值、实际完成值）")
    return said


def last_rows(layout: FormLayout) -> list[int]:
    """The rows that stand on the last page together with the signature lines."""
    return _units(layout)[-1][0]


def _units(layout: FormLayout) -> list[tuple[list[int], float]]:
    """The rows in groups that stand on one page, each with the height printed outside the table
    that comes with it (the signature lines with the last)."""
    rows = layout.rows
    head = header_rows(layout)
    indicators = [i for i, r in enumerate(rows) if r.kind == RowKind.INDICATOR]
    tail_from = indicators[-KEEP_WITH_TOTAL] if len(indicators) >= KEEP_WITH_TOTAL else (
        indicators[0] if indicators else len(rows) - 1)
    # a long text's last piece, not all of it, stands with the 总分 (each piece is most of a page)
    tail_from = max([tail_from] + [i for i, r in enumerate(rows) if r.kind == RowKind.INDICATOR_MORE])
    glue_from = head[0] if head else len(rows)
    glue_to = (indicators[0] if indicators else glue_from) if head else -1
    units: list[tuple[list[int], float]] = []
    i = 0
    while i < len(rows):
        if i >= tail_from or (glue_from <= i and glue_to >= tail_from):
            units.append((list(range(i, len(rows))), SIGNATURES_MM))
            break
        end = glue_to + 1 if i == glue_from else i + 1
        units.append((list(range(i, end)), 0.0))
        i = end
    return units
