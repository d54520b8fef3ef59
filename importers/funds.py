"""The funds part of a form: amount columns and rows by their labels (年初预算数 / 调整后预算数 /
预算执行数 …, 年度资金总额 / 财政资金 / 财政专户管理资金 / 单位资金 …), in 万元 or, when the header
says so, in 元 read exactly as 万元."""
from __future__ import annotations

from model import FundsKind, FundsRow, Project
from model.numbers import NotANumber, parse_amount
from model.text import join_lines

from importers import labels as L
from importers.cells import cell_at


def set_amount(row, field: str, text: str, yuan: bool) -> None:
    """An amount as written; a sheet whose header says 元 holds 元, read exactly as 万元."""
    text = text.strip()
    if yuan and text and not text.endswith("元"):
        try:
            value = parse_amount(text)
        except NotANumber:
            value = None
        if value is not None:
            row.set_amount(field, value / 10000)
            return
    row.set_amount(field, text or None)


def read_funds(p: Project, rows: list, h: int, end: int, yuan: bool) -> str:
    """Amounts under the 预算数 header; returns the 得分 written on the 年度资金总额 row."""
    cols: dict[str, int] = {}
    ranks: dict[str, int] = {}
    for cell in rows[h]:  # '调整后预算数' wins over a '年度预算数(万元)' that heads the row labels
        ranked = L.funds_column_rank(cell.key)
        if ranked and ranked[1] < ranks.get(ranked[0], 99):
            cols[ranked[0]], ranks[ranked[0]] = cell.col, ranked[1]
    yuan = yuan or any(L.says_yuan(c.key) for c in rows[h])
    written_score, seen = "", set()
    for row in rows[h + 1: end]:
        found = next(((c, k) for c in row if (k := L.funds_kind(c.key)) is not None), None)
        if found is None:
            if any(L.bare(c.key) in ("年度总体目标", "预期目标") or L.is_indicator_head({c.key}) for c in row):
                break
            continue
        label, kind = found
        fr = p.funds_row(kind)
        if kind in seen:  # 其他资金, 财政专户管理资金, 单位资金 … add up
            if kind == FundsKind.OTHER:
                _add_other(fr, row, cols, join_lines(label.text).removeprefix("其中："), yuan)
            continue
        seen.add(kind)
        if join_lines(label.text) != kind.value:  # '年度资金\n总额' as printed is the label itself
            fr.label = join_lines(label.text)
        for field in ("initial_budget", "annual_budget", "executed"):
            set_amount(fr, field, cell_at(row, cols.get(field)), yuan)
        if kind == FundsKind.TOTAL:
            weight = cell_at(row, cols.get("weight"))
            if not L.blank_score(weight):
                p.set_number("budget_weight", weight.strip())
            written_score = cell_at(row, cols.get("score"))
    return written_score


def _add_other(fr, row, cols: dict[str, int], label: str, yuan: bool) -> None:
    """A second 'other' row (财政专户管理资金, 单位资金 …): its amounts join 其他资金's, and a part
    that holds money is named in the row's label."""
    extra = FundsRow(kind=FundsKind.OTHER)
    for field in ("initial_budget", "annual_budget", "executed"):
        set_amount(extra, field, cell_at(row, cols.get(field)), yuan)
    amounts = [getattr(extra, f) for f in ("initial_budget", "annual_budget", "executed")]
    if not any(amounts):
        return
    had = any(getattr(fr, f) for f in ("initial_budget", "annual_budget", "executed"))
    if not had and fr.label:  # the first part held nothing: name the one that does
        fr.label = ""
    for field, add in zip(("initial_budget", "annual_budget", "executed"), amounts):
        if add is not None:
            mine = getattr(fr, field)
            fr.set_amount(field, add if mine is None else mine + add)
    fr.label = f"{fr.shown_label}、{label}" if had else label
    if fr.label == FundsKind.OTHER.value:
        fr.label = ""
