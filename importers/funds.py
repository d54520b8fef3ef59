"""The funds part of a form: amount columns and rows by their labels (年初预算数 / 调整后预算数 /
预算执行数 …, 年度资金总额 / 财政资金 / 财政专户管理资金 / 单位资金 …), in 万元 or, when the header
says so, in 元 read exactly as 万元."""
from __future__ import annotations

from dataclasses import dataclass

from model import FundsKind, FundsRow, Project
from model.numbers import NotANumber, parse_amount, plain
from model.text import hidden_controls, join_lines

from importers import labels as L
from importers.cells import cell_at, merged_across
from importers.reading import Reading


def set_amount(row, field: str, text: str, unit: str | None) -> None:
    """An amount as written; a sheet whose header says 元 (千元, 百万元, 亿元) holds 元, read exactly
    as 万元 (unit None: 万元)."""
    text = text.strip()
    if unit and text and not text.endswith(("元", "万")):  # a cell that names its unit says it
        try:
            value = parse_amount(text)
        except NotANumber:
            value = None
        if value is not None:
            row.set_amount(field, value * L.UNITS[unit])
            return
    row.set_amount(field, text or None)


def read_amount(row, field: str, text: str, unit: str | None, reading: Reading | None, r: int, c: int | None) -> None:
    """set_amount, and the reading names the cell where what is written is no amount, or is read
    as a negative one (a full-width '－5' or a stray sign): never a valid-looking number in silence."""
    set_amount(row, field, text, unit)
    if reading is None or c is None:
        return
    if hidden_controls(text):  # '\u202e81' shows as 18: never read as either; _hidden names the cell
        if field in row.unreadable:
            reading.warn(r, c, f"金额栏含有不可见的控制字符，未作为金额读取（去除后为“{row.unreadable[field]}”），请核对后重新填写")
    elif field in row.unreadable:
        reading.warn(r, c, f"金额栏写的是“{row.unreadable[field]}”，不是金额")
    elif (value := getattr(row, field)) is not None and value < 0:
        reading.warn(r, c, f"{SHOWN[field]}写的是“{text.strip()}”，读作负数 {plain(value)} 万元，金额不能为负数，请核对")


SHOWN = {"initial_budget": "年初预算数", "annual_budget": "全年预算数", "executed": "全年执行数",
         "weight": "预算执行率分值", "score": "预算执行率得分"}


def _say(reading, label: str, field: str) -> None:
    text = " ".join(label.split())
    reading.mapped.append(text if L.bare(L.label_key(text)) == SHOWN[field] else f"{text} → {SHOWN[field]}")


@dataclass
class FundsRead:
    """What the funds part printed for the 预算执行率 item: its 分值 and 得分 cells ('' when the
    part has no such column), and where (grid row, column) for messages."""

    weight_column: bool = False
    weight: str = ""
    score: str = ""
    row: int | None = None
    weight_col: int | None = None
    score_col: int | None = None


def read_funds(p: Project, rows: list, h: int, end: int, unit: str | None, reading: Reading | None = None) -> FundsRead:
    """Amounts under the 预算数 header; what the 年度资金总额 row prints as 分值 and 得分."""
    cols: dict[str, int] = {}
    ranks: dict[str, int] = {}
    for cell in rows[h]:  # '调整后预算数' wins over a '年度预算数(万元)' that heads the row labels
        ranked = L.funds_column_rank(cell.key)
        if ranked and ranked[1] < ranks.get(ranked[0], 99):
            cols[ranked[0]], ranks[ranked[0]] = cell.col, ranked[1]
    if reading is not None:
        for field, col in sorted(cols.items(), key=lambda kv: kv[1]):
            _say(reading, cell_at(rows[h], col), field)
    unit = unit or next((u for c in rows[h] if (u := L.amount_unit(c.key))), None)
    out, seen = FundsRead(weight_column="weight" in cols, weight_col=cols.get("weight"),
                          score_col=cols.get("score")), set()
    for r in range(h + 1, end):
        row = rows[r]
        found = next(((c, k) for c in row if (k := L.funds_kind(c.key)) is not None), None)
        if found is None:
            if any(L.bare(c.key) in ("年度总体目标", "预期目标") or L.is_indicator_head({c.key}) for c in row):
                break
            continue
        label, kind = found
        fr = p.funds_row(kind)
        if kind in seen:  # 其他资金, 财政专户管理资金, 单位资金 … add up
            if kind == FundsKind.OTHER:
                _add_other(fr, row, cols, join_lines(label.text).removeprefix("其中："), unit, reading, r)
            continue
        seen.add(kind)
        if L.label_key(label.text) != L.label_key(kind.value):  # "年度资金\n总额", "年度資金總額": the label itself
            fr.label = join_lines(label.text)
        if reading is not None:
            merged_across([c for c in row if c is not label], r, cols, SHOWN, reading)
        for field in ("initial_budget", "annual_budget", "executed"):
            if cols.get(field) is not None and label.covers(cols[field]):
                continue  # the label's own cell, under a header that heads the labels
            read_amount(fr, field, cell_at(row, cols.get(field)), unit, reading, r, cols.get(field))
        if kind == FundsKind.TOTAL:
            out.row = r
            out.weight = cell_at(row, cols.get("weight")).strip()
            out.score = cell_at(row, cols.get("score")).strip()
    return out


def _add_other(fr, row, cols: dict[str, int], label: str, unit: str | None, reading: Reading | None = None,
               r: int = 0) -> None:
    """A second 'other' row (财政专户管理资金, 单位资金 …): its amounts join 其他资金's, and a part
    that holds money is named in the row's label."""
    extra = FundsRow(kind=FundsKind.OTHER)
    for field in ("initial_budget", "annual_budget", "executed"):
        read_amount(extra, field, cell_at(row, cols.get(field)), unit, reading, r, cols.get(field))
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


def find_across(rows: list, start: int, end: int) -> int | None:
    """A funds part laid out across: a row naming two or more kinds of money (年度资金总额 |
    其中：财政资金 | 其他资金) with their amounts in the rows below."""
    for r in range(start, end):
        kinds = [c for c in rows[r] if L.funds_kind(c.key) is not None]
        if len({L.funds_kind(c.key) for c in kinds}) >= 2 and not any(
                L.funds_column(c.key) in ("initial_budget", "annual_budget", "executed") for c in rows[r]):
            return r
    return None


def read_funds_across(p: Project, rows: list, h: int, end: int, unit: str | None,
                      reading: Reading | None = None) -> FundsRead:
    """The amounts under each kind's column: a row labelled 年初预算数 / 全年预算数 / 全年执行数 /
    分值 / 得分 (at its left) gives that figure; an unlabelled row of amounts the year's budget."""
    kinds: dict[FundsKind, int] = {}
    for cell in rows[h]:
        kind = L.funds_kind(cell.key)
        if kind is not None and kind not in kinds:
            kinds[kind] = cell.col
            if L.label_key(cell.text) != L.label_key(kind.value):
                p.funds_row(kind).label = join_lines(cell.text)
    first = min(kinds.values())
    out = FundsRead(row=h)
    if reading is not None:
        reading.mapped.append("项目资金（按列）：" + "、".join(
            " ".join(cell_at(rows[h], c).split()) for c in kinds.values()))
    done: set[str] = set()
    for r in range(h + 1, end):
        row = rows[r]
        label = next((c for c in row if c.key and c.col < first), None)
        field = L.funds_column(label.key) if label is not None else None
        values = {kind: cell_at(row, col).strip() for kind, col in kinds.items()}
        if field is None and label is None and not done:
            field = "annual_budget"  # the one row of amounts under the kinds
        if field is None or field in done or not any(values.values()):
            break
        done.add(field)
        if reading is not None:
            _say(reading, label.text if label is not None else "各栏下的金额", field)
        for kind, text in values.items():
            if field in ("weight", "score"):
                if kind == FundsKind.TOTAL:
                    setattr(out, field, text)
                    out.weight_column = out.weight_column or field == "weight"
                    if field == "weight":
                        out.weight_col = kinds[kind]
                    else:
                        out.score_col = kinds[kind]
                continue
            fr = p.funds_row(kind)
            read_amount(fr, field, text, unit, reading, r, kinds[kind])
    out.row = h + 1
    return out
