"""A filled 自评表 read as a grid of cells, found by its labels, turned into a Project.

The .docx and .xlsx readers only turn their file into rows of `Cell`s (a cell merged across
counts once, a cell merged down from above is blank); everything about the layout is here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from model import FundsKind, Indicator, Project, evaluate, load_profile
from model.failures import ClerkError
from model.numbers import NotANumber, parse_plain
from model.profiles import DEFAULT_PROFILE


class NotAForm(ClerkError, ValueError):
    """The file holds no 项目支出绩效自评表; the message is for the clerk."""


class ManyForms(NotAForm):
    """The file holds more than one 自评表: reading only the first would silently drop the rest."""

    def __init__(self, message: str, count: int) -> None:
        super().__init__(message)
        self.count = count


def count_forms(rows: list[Row]) -> int:
    """How many 自评表 the rows hold: each starts with its own 项目名称 row before an indicator head."""
    count, start = 0, 0
    while (top := _find(rows, lambda k: k == "项目名称", start)) is not None:
        head = _find_row(rows, _is_indicator_head, top)
        if head is None:
            break
        count += 1
        start = head + 1
    return count


def refuse_many(name: str, count: int) -> None:
    """ManyForms when a file holds more than one form, naming the file and how many it holds."""
    if count > 1:
        raise ManyForms(f"{name} 中有 {count} 张自评表，请每个文件只放一张表（或把各表分别另存为单独的文件）",
                        count)


@dataclass(frozen=True)
class Cell:
    col: int  # first grid column the cell covers
    span: int
    text: str

    @property
    def key(self) -> str:
        return label_key(self.text)

    def covers(self, col: int) -> bool:
        return self.col <= col < self.col + self.span


Row = list[Cell]



def label_key(text: str) -> str:
    """A label without spaces, with half-width brackets and no colon after it: how labels are
    compared ('项目名称：', '项 目 名 称' and '项目名称' are one label)."""
    s = re.sub(r"\s+", "", text or "")
    return s.replace("：", ":").replace("（", "(").replace("）", ")").rstrip(":")


def rows_from_lists(lists: list[list[str]]) -> list[Row]:
    """Rows as form_rows prints them (no positions): the cell's index stands for its column."""
    return [[Cell(i, 1, t) for i, t in enumerate(r)] for r in lists]


def _blank_score(text: str) -> bool:
    return label_key(text) in ("", "—", "-", "/", "－", "——", "–")


def _cell_at(row: Row, col: int | None) -> str:
    if col is None:
        return ""
    for cell in row:
        if cell.covers(col):
            return cell.text
    return ""


def _find_row(rows: list[Row], pred, start: int = 0) -> int | None:
    """The first row from start whose set of cell labels satisfies pred."""
    for i in range(start, len(rows)):
        if pred({c.key for c in rows[i]}):
            return i
    return None


def _find(rows: list[Row], pred, start: int = 0) -> int | None:
    """The first row from start with a cell whose label satisfies pred."""
    return _find_row(rows, lambda keys: any(pred(k) for k in keys), start)


def _is_funds_head(keys: set[str]) -> bool:
    """The row that names the amount columns: two of 年初预算数, 全年预算数, 全年执行数."""
    labels = ("年初预算", "全年预算", "全年执行", "实际执行")
    return sum(any(k.startswith(label) for k in keys) for label in labels) >= 2


def _is_indicator_head(keys: set[str]) -> bool:
    return any(k.startswith("一级指标") for k in keys) and any(k.startswith("三级指标") for k in keys)


def _label_values(row: Row, labels) -> list[tuple[str, str]]:
    """(label, value) pairs of a header row, left to right. The cell after a label is its value,
    whatever it says; when that cell is blank (a sheet without merges leaves blank cells
    between), the value is the first text before the next label."""
    out, i = [], 0
    while i < len(row):
        key = row[i].key
        if key not in labels:
            i += 1
            continue
        if i + 1 < len(row) and row[i + 1].text.strip():
            out.append((key, row[i + 1].text.strip()))
            i += 2
            continue
        j = i + 1
        while j < len(row) and row[j].key not in labels:
            j += 1
        texts = [c.text.strip() for c in row[i + 1:j] if c.text.strip()]
        out.append((key, texts[0] if texts else ""))
        i = j
    return out


_FUNDS_KINDS = [(FundsKind.TOTAL, "资金总额"), (FundsKind.FISCAL, "财政拨款"),
                (FundsKind.CARRYOVER, "结转"), (FundsKind.CARRYOVER, "结余"), (FundsKind.OTHER, "其他资金")]
_HEADER_FRAGMENTS = {"指标值", "完成值", "年度", "实际", "得分", "分值", "偏差原因分析及改进措施",
                     "偏差原因分析", "一级指标", "二级指标", "三级指标"}


def parse_grid(rows: list[Row], preamble: list[str] | tuple = (), profile_name: str = DEFAULT_PROFILE) -> Project:
    """The first 自评表 in rows; NotAForm when there is none."""
    top = _find(rows, lambda k: k == "项目名称")
    ind_head = _find_row(rows, _is_indicator_head, top or 0)
    if top is None or ind_head is None:
        raise NotAForm("文件中没有找到项目支出绩效自评表（缺少“项目名称”或“一级指标”栏）")
    p = Project(profile=profile_name)
    _title(p, list(preamble) + [c.text for r in rows[:top] for c in r])
    head = rows[top: _find_row(rows, _is_funds_head, top) or ind_head]
    fields = {"项目名称": "name", "主管部门": "department", "实施单位": "implementer",
              "项目负责人": "manager", "联系电话": "phone"}
    for row in head:
        for label, value in _label_values(row, fields):
            if not getattr(p, fields[label]):
                setattr(p, fields[label], value)
    written_budget = _funds(p, rows, top, ind_head)
    _goal(p, rows, top, ind_head)
    written = _indicators(p, rows, ind_head)
    _hand_scores(p, written_budget, written)
    return p


def _title(p: Project, lines: list[str]) -> None:
    for line in lines:
        key = label_key(line)
        m = re.search(r"(\d{4})年", key)
        if m and p.year is None:
            p.year = int(m.group(1))
        m = re.match(r"(.*?)(?:\d{4}年度?)?项目支出绩效自评表", key)
        if m and m.group(1) and not re.search(r"\d", m.group(1)):
            p.district = m.group(1)


def _funds(p: Project, rows: list[Row], top: int, end: int) -> str:
    """Amounts under the 预算数 header; returns the 得分 written on the 年度资金总额 row."""
    h = _find_row(rows, _is_funds_head, top)
    if h is None or h >= end:
        return ""
    cols: dict[str, int] = {}
    for cell in rows[h]:
        k = cell.key
        for name, test in (("initial_budget", "年初预算"), ("annual_budget", "全年预算"),
                           ("executed", "执行数"), ("weight", "分值"), ("score", "得分")):
            if test in k and name not in cols:
                cols[name] = cell.col
        if k.startswith("全年执行") or k.startswith("实际执行"):
            cols["executed"] = cell.col
    written_score = ""
    for row in rows[h + 1: end]:
        kind = next((kind for kind, word in _FUNDS_KINDS if any(word in c.key for c in row)), None)
        if kind is None:
            if any(c.key in ("年度总体目标", "预期目标") for c in row):
                break
            continue
        label = next(c.text for c in row if any(w in c.key for _, w in _FUNDS_KINDS))
        fr = p.funds_row(kind)
        if label.strip() != kind.value:
            fr.label = label.strip()
        for field in ("initial_budget", "annual_budget", "executed"):
            fr.set_amount(field, _cell_at(row, cols.get(field)).strip() or None)
        if kind == FundsKind.TOTAL:
            weight = _cell_at(row, cols.get("weight"))
            if not _blank_score(weight):
                p.set_number("budget_weight", weight.strip())
            written_score = _cell_at(row, cols.get("score"))
    return written_score


def _goal(p: Project, rows: list[Row], top: int, end: int) -> None:
    h = _find(rows, lambda k: k == "预期目标" or k.startswith("预期目标"), top)
    if h is None or h >= end:
        return
    goal_col = next(c.col for c in rows[h] if c.key.startswith("预期目标"))
    done = [c.col for c in rows[h] if c.key.startswith("实际完成")]
    texts_goal, texts_done = [], []
    for row in rows[h + 1: end]:
        if any(c.key.startswith("一级指标") for c in row):
            break
        texts_goal.append(_cell_at(row, goal_col).strip())
        if done:
            texts_done.append(_cell_at(row, done[0]).strip())
    p.goal = "\n".join(t for t in texts_goal if t)
    p.achieved = "\n".join(t for t in texts_done if t)


def _indicator_cols(header: list[Row]) -> dict[str, int]:
    cols: dict[str, int] = {}
    tests = [("level1", lambda k: k.startswith("一级")), ("level2", lambda k: k.startswith("二级")),
             ("name", lambda k: k.startswith("三级")),
             ("target", lambda k: k.startswith("年度") or "指标值" in k),
             ("actual", lambda k: k.startswith("实际") or "完成值" in k),
             ("weight", lambda k: k == "分值" or k.startswith("分值")),
             ("score", lambda k: k.startswith("得分") or k == "实际得分"),
             ("deviation", lambda k: "偏差" in k or "原因" in k)]
    for row in header:
        for cell in row:
            for name, test in tests:
                if name not in cols and cell.key and test(cell.key):
                    cols[name] = cell.col
                    break
    # reference forms leave the 得分 and 偏差原因 headers blank: they are the columns after 分值
    if "weight" in cols:
        after = sorted({c.col for c in header[0] if c.col > cols["weight"]} - set(cols.values()))
        for name in ("score", "deviation"):
            if name not in cols and after:
                cols[name] = after.pop(0)
    return cols


_INDICATOR_FIELDS = ("level1", "level2", "name", "target", "actual", "weight", "score", "deviation")


def _indicators(p: Project, rows: list[Row], h: int) -> list[str]:
    header = [rows[h]]
    i = h + 1
    while i < len(rows) and all(c.key in _HEADER_FRAGMENTS or not c.key for c in rows[i]) \
            and any(c.key for c in rows[i]):
        header.append(rows[i])
        i += 1
    cols = _indicator_cols(header)
    written: list[str] = []
    level1 = level2 = ""
    for row in rows[i:]:
        if any(c.key.startswith("总分") or c.key in ("合计", "总计") for c in row[:2]):
            break
        cell = {name: _cell_at(row, cols.get(name)).strip() for name in _INDICATOR_FIELDS}
        if not any(cell[n] for n in ("level1", "level2", "name", "target", "actual", "weight")):
            continue
        if cell["level1"]:  # a blank 一级/二级 is the merged cell above continuing
            level1, level2 = cell["level1"], ""
        if cell["level2"]:
            level2 = cell["level2"]
        ind = Indicator(level1=level1, level2=level2, name=cell["name"], target=cell["target"],
                        actual=cell["actual"], deviation=cell["deviation"])
        if cell["weight"]:
            ind.set_number("weight", cell["weight"])
        p.indicators.append(ind)
        written.append(cell["score"])
    return written


def _set_written(target, field: str, written: str, rule: Decimal | None) -> None:
    """A written score that the rule does not give becomes a hand score; blank stays computed."""
    if _blank_score(written):
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
