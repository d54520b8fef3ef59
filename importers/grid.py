"""Filled forms read as a grid of cells, found by their labels, turned into Projects.

The .docx and .xlsx readers only turn their file into rows of `Cell`s (a cell merged across
counts once, a cell merged down from above is blank); everything about the layouts is here, in
`labels.py` (the vocabulary) and in `indicators.py` (the indicator table).
"""
from __future__ import annotations

import re
from decimal import Decimal

from model import FundsKind, Note, Project, evaluate, load_profile
from model.numbers import NotANumber, parse_plain
from model.profiles import DEFAULT_PROFILE

from importers import labels as L
from importers.errors import ManyForms, NotAForm, refuse_many  # noqa: F401  (their home was here)
from importers.funds import read_funds, set_amount
from importers.indicators import read_indicators
from importers.cells import Cell, Row, cell_at
from importers.labels import label_key




def written_by_us(keywords: str | None) -> bool:
    """Our own exports name their rule profile in the file's keywords."""
    return "评分规则" in (keywords or "")


def rows_from_lists(lists: list[list[str]]) -> list[Row]:
    """Rows as form_rows prints them (no positions): the cell's index stands for its column."""
    return [[Cell(i, 1, t) for i, t in enumerate(r)] for r in lists]


def text_row(text: str) -> Row:
    """A paragraph between tables, as a one-cell row: titles and '单位：元' lines."""
    return [Cell(0, 1, text)]


def _find_row(rows: list[Row], pred, start: int = 0, end: int | None = None) -> int | None:
    """The first row in [start, end) whose set of cell labels satisfies pred."""
    for i in range(start, len(rows) if end is None else min(end, len(rows))):
        if pred({c.key for c in rows[i]}):
            return i
    return None


def _is_anchor(row: Row) -> bool:
    """A row that starts a form: 项目名称 as its first cell, at the left edge."""
    first = next((c for c in row if c.key), None)
    return first is not None and first.col <= 1 and (
        L.bare(first.key) == "项目名称" or first.key.startswith("项目名称:"))


def form_spans(rows: list[Row]) -> list[tuple[int, int, int]]:
    """(start, indicator header, end) of every form in the rows, in order. A form starts at its
    项目名称 row (at the top when it has none) and needs an indicator table; a second indicator
    header with no 项目名称 before it is the same table continued (a page break, a sub-table)."""
    anchors = [i for i, r in enumerate(rows) if _is_anchor(r)]
    forms: dict[int, int] = {}  # start -> first indicator header
    for i, r in enumerate(rows):
        if L.is_indicator_head({c.key for c in r}):
            start = max((a for a in anchors if a < i), default=0)
            forms.setdefault(start, i)
    starts = sorted(forms)
    return [(s, forms[s], starts[k + 1] if k + 1 < len(starts) else len(rows))
            for k, s in enumerate(starts)]


def count_forms(rows: list[Row]) -> int:
    """How many forms the rows hold (what `parse_forms` would return), without reading them."""
    return len(form_spans(rows))


def parse_forms(rows: list[Row], preamble: list[str] | tuple = (),
                profile_name: str = DEFAULT_PROFILE, own: bool = False) -> list[Project]:
    """Every form in rows, in order; NotAForm (saying what is missing) when there is none.
    own: the file is one of our exports (every indicator row is real, even one named '不适用')."""
    spans = form_spans(rows)
    if not spans:
        raise NotAForm(_missing(rows))
    out: list[Project] = []
    lines_from = 0  # the rows after the previous form's table hold this one's title
    for start, head, end in spans:
        lines = (list(preamble) if not out else []) + [
            c.text for r in rows[lines_from:start] for c in r if c.text.strip()]
        p, lines_from = _parse_one(rows, start, head, end, lines, profile_name, own)
        if p.year is None and out:
            p.year = out[-1].year
        out.append(p)
    return out


def parse_grid(rows: list[Row], preamble: list[str] | tuple = (), profile_name: str = DEFAULT_PROFILE) -> Project:
    """The first form in rows; NotAForm when there is none."""
    return parse_forms(rows, preamble, profile_name)[0]


def _missing(rows: list[Row]) -> str:
    keys = {L.bare(c.key) for r in rows for c in r}
    if not any(_is_anchor(r) for r in rows) and not keys & {"一级指标", "三级指标", "指标名称"}:
        return "文件中没有找到项目支出绩效自评表（缺少“项目名称”和“一级指标/三级指标”表头）"
    if not keys & {"一级指标", "指标名称"}:
        return "文件中没有找到绩效指标表（缺少“一级指标”栏）"
    return "文件中没有找到绩效指标表（缺少“三级指标”或“指标名称”栏）"


def _parse_one(rows: list[Row], start: int, head: int, end: int, lines: list[str],
               profile_name: str, own: bool = False) -> tuple[Project, int]:
    """One form, and the row where its indicator table ends."""
    p = Project(profile=profile_name)
    funds_head = _find_row(rows, L.is_funds_head, start, head)
    _title(p, lines)
    if p.year is None:  # a title row inside the table, above its first label
        _title(p, [c.text for r in rows[start:head] for c in r if "表" in c.key
                   or re.fullmatch(r"\(?\d{4}年度?\)?", c.key)])
    yuan = any(L.says_yuan(label_key(t)) for t in lines[-3:]) or any(
        L.says_yuan(c.key) for r in rows[start:head] for c in r if len(c.key) < 20)
    goal_head = _goal_head(rows, start, head)
    header_end = min(x for x in (funds_head, goal_head, head) if x is not None)
    _header(p, rows[start:header_end], funds_head is None, yuan)
    written_budget = read_funds(p, rows, funds_head, head, yuan) if funds_head is not None else ""
    if goal_head is not None:
        _goal(p, rows, goal_head, head)
    _notes(p, rows[start:head])
    table = read_indicators(rows[:end], head, keep_all=own)
    _notes(p, rows[table.end:end])
    p.indicators = table.indicators
    _hand_scores(p, written_budget, table.written_scores)
    if _is_declaration(lines, table.columns):
        from importers.declaration import start_from_declaration
        start_from_declaration(p)
    return p, table.end


def _is_declaration(lines: list[str], cols: dict[str, int]) -> bool:
    """A 绩效目标申报表: named so in its title, or an indicator table with no 完成值 column."""
    title = "".join(label_key(t) for t in lines[-4:])
    return "申报表" in title or "目标表" in title or ("actual" not in cols and "target" in cols
                                                     and "score" not in cols)


def _title(p: Project, lines: list[str]) -> None:
    """Year and district from the lines above the table: a year line ('（2022年度）') or a title
    first, the nearest first; any other line naming a year after that."""
    keys = [label_key(line) for line in reversed(lines)]
    titled = [k for k in keys if re.fullmatch(r"\(?\d{4}年度?\)?", k) or "表" in k]
    for key in titled + keys:
        m = re.search(r"(\d{4})年", key)
        if m and p.year is None:
            p.year = int(m.group(1))
    for key in keys:
        m = re.match(r"(.*?)(?:\d{4}年度?)?项目支出绩效自评表", key)
        if m and m.group(1) and not re.search(r"\d", m.group(1)) and len(m.group(1)) <= 8 \
                and m.group(1).endswith(("区", "县", "市", "省", "州", "旗", "盟")):
            p.district = m.group(1)
            break


def _pairs(row: Row) -> list[tuple[str, str]]:
    """(label, value) pairs of a header row, left to right. The cell after a label is its value;
    when that cell is blank (a sheet without merges), the first text before the next label;
    a label may also carry its value in its own cell ('项目名称：社区培训')."""
    out, i = [], 0
    is_label = lambda c: L.header_field(c.key) or L.bare(c.key) in L.AMOUNT_LABELS  # noqa: E731
    while i < len(row):
        cell = row[i]
        text = cell.text.replace("：", ":")
        inline = next((lab for lab in L.INLINE_LABELS + L.AMOUNT_LABELS
                       if label_key(text.split(":", 1)[0]) == lab and ":" in text
                       and text.split(":", 1)[1].strip()), None)
        if inline:
            out.append((inline, text.split(":", 1)[1].strip()))
            i += 1
            continue
        if not is_label(cell):
            i += 1
            continue
        if i + 1 < len(row) and row[i + 1].text.strip():  # the next cell, whatever it says
            out.append((L.bare(cell.key), row[i + 1].text.strip()))
            i += 2
            continue
        j = i + 1
        while j < len(row) and not row[j].text.strip() and not is_label(row[j]):
            j += 1
        value = row[j].text.strip() if j < len(row) and not is_label(row[j]) else ""
        out.append((L.bare(cell.key), value))
        i = j + 1 if value else j
    return out


def _header(p: Project, rows: list[Row], amounts: bool, yuan: bool) -> None:
    for row in rows:
        for label, value in _pairs(row):
            field = L.header_field(label)
            if field == "year":
                m = re.search(r"\d{4}", value)
                if m and p.year is None:
                    p.year = int(m.group(0))
            elif field and value and not getattr(p, field) and value not in ("元", "万元"):
                setattr(p, field, value)
            elif amounts and label in L.AMOUNT_LABELS and value:
                row_yuan = yuan or L.says_yuan(label)
                for kind in (FundsKind.TOTAL,):
                    if p.funds_row(kind).annual_budget is None:
                        set_amount(p.funds_row(kind), "annual_budget", value, row_yuan)


_GOAL = ("预期目标", "年度目标", "项目年度目标", "年初设定目标", "年初绩效目标", "全年(调整)绩效目标",
         "总体目标", "年度总体目标内容", "目标内容", "年度绩效目标")
_DONE = ("实际完成情况", "年度目标完成情况", "全年目标实际完成情况", "目标完成情况", "全年实际完成情况",
         "实际完成")


def _goal_head(rows: list[Row], start: int, end: int) -> int | None:
    """The row that names the goal columns (预期目标 …); a header row's value never counts."""
    return _find_row(rows, lambda keys: any(L.bare(k) in _GOAL for k in keys)
                     and not any(L.header_field(k) for k in keys), start, end)


def _goal(p: Project, rows: list[Row], h: int, end: int) -> None:
    goal_cols = [c.col for c in rows[h] if L.bare(c.key) in _GOAL]
    done = [c.col for c in rows[h] if L.bare(c.key) in _DONE]
    beside = [c for c in rows[h] if c.col > goal_cols[-1] and c.text.strip()]
    if not done and beside and not _a_label(beside[0].key):  # '年度绩效目标 | <the goal>'
        p.goal = "\n".join(c.text.strip() for c in beside)
        return
    texts_goal, texts_done = [], []
    # a block's label stands left of the goal's text (a goal that reads '项目资金' is still a goal),
    # unless the goal's own column is the left edge
    left = goal_cols[0] if goal_cols[0] > 0 else goal_cols[0] + 1
    for row in rows[h + 1: end]:
        keys = {c.key for c in row}
        if L.is_funds_head(keys) or L.is_indicator_head(keys) or any(
                L.note_label(c.key) or L.funds_kind(c.key) == FundsKind.TOTAL or
                L.bare(c.key) in ("项目资金", "预算执行情况", "绩效指标", "年度绩效指标")
                for c in row[:2] if c.col < left):
            break
        texts_goal.append(cell_at(row, goal_cols[-1]).strip())
        if done:
            texts_done.append(cell_at(row, done[0]).strip())
    p.goal = "\n".join(t for t in texts_goal if t)
    p.achieved = "\n".join(t for t in texts_done if t)


def _a_label(key: str) -> bool:
    """A short cell that names a column or a block, not text a clerk wrote."""
    k = L.bare(key)
    return len(k) <= 12 and bool(L.indicator_column(k) or k in _GOAL + _DONE or L.note_label(k)
                                 or k.endswith(("完成情况", "目标")))


def _notes(p: Project, rows: list[Row]) -> None:
    """Text blocks (评价结论, 存在问题, 备注 …) as notes: a label cell and the text beside it or,
    for a note under the table ('注：1.…'), the text in the label's own cell."""
    for row in rows:
        cells = [c for c in row if c.text.strip()]
        if not cells or cells[0].col > 1:  # a block's label stands at the left edge
            continue
        label = L.note_label(cells[0].key)
        if label is None:
            continue
        rest = [c.text.strip() for c in cells[1:] if not _a_label(c.key)]
        own = cells[0].text.strip()
        own = own.split("：", 1)[1] if "：" in own[:8] else own.split(":", 1)[1] if ":" in own[:8] else ""
        text = "\n".join(t for t in [own.strip()] + rest if t)
        if text:
            p.notes.append(Note(title=label, text=text))


def _set_written(target, field: str, written: str, rule: Decimal | None) -> None:
    """A written score that the rule does not give becomes a hand score; blank stays computed."""
    if L.blank_score(written):
        return
    try:
        value = parse_plain(written)
    except NotANumber:
        target.set_number(field, written.strip())
        return
    if value is not None and value != rule:
        target.set_number(field, value)


def _hand_scores(p: Project, budget_written: str, written: list[str]) -> None:
    ev = evaluate(p, load_profile(p.profile))
    _set_written(p, "budget_hand_score", budget_written, ev.budget.rule)
    for ind, score, text in zip(p.indicators, ev.indicators, written):
        _set_written(ind, "hand_score", text, score.rule)
