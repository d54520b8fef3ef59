"""The indicator table of a form: its header (one or more rows), its columns by their labels, and
the rows that are indicators (not sub-headers, placeholders, 不适用 rows, group labels alone,
totals, notes or signature lines). Every row and column left out is said, with why."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from model import Indicator
from model.numbers import NotANumber, join_target, parse_plain, plain, to_decimal
from model.text import join_lines

from importers.cells import Row, cell_at, merged_across, merged_down
from importers.labels import (HEADER_FRAGMENTS, bare, blank_score, family, indicator_column, is_footer,
                     is_placeholder, is_total_row, label_key, not_applicable, note_label, points_in_label)
from importers.reading import Reading

FIELDS = ("level1", "level2", "name", "nature", "target", "target_adjusted", "unit", "actual",
          "weight", "score", "deviation")
SHOWN = {"level1": "一级指标", "level2": "二级指标", "name": "三级指标", "nature": "指标性质",
         "target": "年度指标值", "target_adjusted": "调整后指标值", "unit": "度量单位", "actual": "实际完成值",
         "weight": "分值", "score": "得分", "deviation": "偏差原因分析", "explanation": "指标解释（未读）"}


@dataclass
class IndicatorTable:
    indicators: list[Indicator] = field(default_factory=list)
    written_scores: list[str] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # the grid row of each indicator
    columns: dict[str, int] = field(default_factory=dict)
    end: int = 0  # the first row after the table (its total row, notes, or the end)
    printed_weight: str = ""  # 分值 and 得分 printed on the table's total row ('' = none)
    printed_total: str = ""
    unrecognised: int = 0  # rows with text in no column the table reads
    inside_notes: list[int] = field(default_factory=list)  # note rows between indicator rows
    shares: bool = False  # the 权重 were shares of one, read as points


def _is_header_row(row) -> bool:
    keys = [c.key for c in row if c.key]
    return bool(keys) and all(indicator_column(k) or bare(k) in HEADER_FRAGMENTS
                              or bare(k).startswith("绩效指标") for k in keys)


def _candidates(header: list) -> dict[str, list[int]]:
    """Field → every grid column a header cell names it in, the lowest header row first."""
    found: dict[str, list[int]] = {}
    for row in reversed(header):
        for cell in row:
            name = indicator_column(cell.key)
            if name and cell.col not in found.get(name, []):
                found.setdefault(name, []).append(cell.col)
    return found


def columns(header: list) -> dict[str, int]:
    """Field → grid column; the lowest header row names a column most precisely."""
    cols = {name: found[0] for name, found in _candidates(header).items()}
    if "target" not in cols and "target_adjusted" in cols:
        cols["target"] = cols.pop("target_adjusted")
    # the reference forms leave the 得分 and 偏差原因 headers blank: the columns after 分值
    if "weight" in cols:
        taken = set(cols.values())
        after = sorted({c.col for c in header[0] if c.col > cols["weight"] and not c.key} - taken)
        for name in ("score", "deviation"):
            if name not in cols and after:
                cols[name] = after.pop(0)
    return cols


def _row_ends_table(row, cols: dict[str, int], keep_all: bool = False) -> bool:
    """A total row or a note, told by the cells left of the 二级 column (a 二级 named '备注' or
    '合计' is an indicator's); a signature line anywhere in its first cells."""
    edge = cols.get("level2", cols.get("name", 2))
    firsts = [c for c in row if c.key and c.col < edge][:2]
    # our own exports sign under their 总分 row: a row of theirs named like a signature is an indicator
    return any(is_total_row(c.key) or note_label(c.key) for c in firsts) or (not keep_all and is_footer_row(row))


def is_footer_row(row) -> bool:
    return any(is_footer(c.key) for c in [c for c in row if c.key][:3])


def _number_like(text: str) -> bool:
    try:
        return parse_plain(_percent_points(text)) is not None
    except NotANumber:
        return False


def _percent_points(text: str) -> str:
    """A 权重占比 of '10%' is 10 points of the 100."""
    t = text.strip().replace("％", "%")
    return t[:-1] if t.endswith("%") else t


def _text_row(row: Row, cols: dict[str, int]) -> str:
    return " ".join(c.text.strip() for c in row if c.text.strip())


# short cells an export breaks into lines between words (exporters/line_breaks.py)
_SHORT_FIELDS = ("level1", "level2", "nature", "target", "target_adjusted", "unit", "actual")


def read_indicators(rows: list, head: int, reading: Reading, keep_all: bool = False) -> IndicatorTable:
    """The indicators under the header at head; what was left out, inferred and warned of goes
    to reading. keep_all: a form this program wrote holds only what a clerk typed, so no row of
    it is a template's placeholder."""
    header = [rows[head]]
    i = head + 1
    while i < len(rows) and _is_header_row(rows[i]):
        header.append(rows[i])
        i += 1
    table = IndicatorTable(columns=columns(header))
    cols = table.columns
    body_start = i
    while i < len(rows):
        if _row_ends_table(rows[i], cols, keep_all):
            if keep_all or is_footer_row(rows[i]) or any(is_total_row(c.key) for c in rows[i] if c.key) \
                    or not _indicator_follows(rows, i + 1, cols):
                break
            table.inside_notes.append(i)  # a note between indicator rows: the table goes on
        i += 1
    table.end = i
    body = range(body_start, table.end)
    _choose_weight(header, rows, body, cols, reading)
    _say_columns(header, cols, reading)

    level1 = level2 = ""
    last = -2  # the row of the last indicator, or of the last piece of its long text
    printed1: list[bool] = []  # the indicator's 一级 was printed on its own row
    for r in body:
        row = rows[r]
        cell = {name: cell_at(row, cols.get(name)).strip() for name in FIELDS}
        for name in _SHORT_FIELDS:  # printed broken into lines between words: read as typed
            cell[name] = join_lines(cell[name])
        text = _text_row(row, cols)
        # ours: a row under its group's merged 一级 is an indicator, blank as it may be (a second
        # new row of one 二级, nothing typed yet)
        blank_ours = keep_all and not text and merged_down(row, cols.get("level1"))
        if not text and not blank_ours:
            continue
        if r in table.inside_notes:
            reading.leave_out(r, text, "表内的说明文字（作为附注）")
            continue
        if _is_header_row(row) and not cell["target"] and not cell["weight"]:
            reading.leave_out(r, text, "表头（跨页重复或分栏标题）")
            continue
        if _spans_columns(row, cols):  # one cell across the table: a group's title, or a note
            own = [c for c in row if c.text.strip()][0]
            if note_label(own.key) or len(own.key) > 30:
                reading.leave_out(r, text, "表内的说明文字")
                continue
            if family(own.text) and not keep_all:
                level1, level2 = own.text.strip(), ""
            reading.leave_out(r, text, "分组标题行" + ("（作为其下各行的一级指标）" if family(own.text) else ""))
            continue
        if not any(cell[n] for n in FIELDS) and not blank_ours:
            table.unrecognised += 1
            reading.leave_out(r, text, "内容不在任何已识别的栏目中")
            continue
        # a long text continued below its indicator (exporters/layout.py split_tall_rows), the
        # other cells merged down and so read blank: the pieces join again as they were cut
        # (in ours, a piece's row has its figures merged down: a new indicator with only its name
        # typed has them blank, and stays an indicator of its own)
        continued = ("name", "deviation") if keep_all else ("deviation",)
        pieces_row = not keep_all or all(merged_down(row, cols.get(n)) for n in ("target", "actual", "weight")
                                         if n in cols)
        if table.rows and r == last + 1 and pieces_row and not any(cell[n] for n in FIELDS if n not in continued):
            ind, sep = table.indicators[-1], "" if keep_all else "\n"  # ours: cut between characters
            ind.name = sep.join(filter(None, (ind.name, cell["name"])))
            ind.deviation = sep.join(filter(None, (ind.deviation, cell["deviation"])))
            if not keep_all:
                reading.warn(r, cols["deviation"], "这一行只有偏差原因分析，读作上一个指标偏差原因的接续")
            last = r
            continue
        # a blank 一级/二级 is the merged cell above continuing
        if cell["level1"]:
            level1, level2 = cell["level1"], ""
        if cell["level2"]:
            level2 = cell["level2"]
        target = cell["target_adjusted"] or cell["target"]
        if "nature" in cols or "unit" in cols:
            target = join_target(cell["nature"], target, cell["unit"])
        why = ("" if blank_ours else _empty(cell)) if keep_all else _skipped(cell, target)
        if why:
            if not keep_all:
                reading.leave_out(r, text, why)
            continue
        ind = Indicator(level1=level1, level2=level2, name=cell["name"], target=target,
                        actual=cell["actual"], deviation=cell["deviation"])
        if cell["weight"] and not blank_score(cell["weight"]):
            ind.set_number("weight", _percent_points(cell["weight"]))
            if "weight" in ind.unreadable:
                reading.warn(r, cols["weight"], f"分值栏写的是“{cell['weight']}”，不是数字")
            elif ind.weight is not None and ind.weight < 0:
                reading.warn(r, cols["weight"], f"分值写的是“{cell['weight']}”，读作负数，请核对")
        if not keep_all:
            merged_across(row, r, cols, _VALUE_NAMES, reading)
        table.indicators.append(ind)
        table.written_scores.append(cell["score"])
        table.rows.append(r)
        last = r
        printed1.append(bool(cell["level1"]))
    if not keep_all:
        _shares_as_points(table, reading)
        _level1_mid_block(table, printed1, reading)
        if "weight" not in cols:
            _points_from_labels(table, reading)
    _total_row(rows, table)
    if table.shares and table.printed_weight.strip() in ("1", "1.0", "1.00"):
        table.printed_weight = "100"
    return table


_VALUE_NAMES = {"name": "三级指标", "target": "年度指标值", "target_adjusted": "调整后指标值", "actual": "实际完成值",
                "weight": "分值", "score": "得分", "deviation": "偏差原因分析"}


def _indicator_follows(rows, start: int, cols: dict[str, int]) -> bool:
    """An indicator row (a 三级 and its 指标值, 完成值 or 分值) comes before the table's total row."""
    for row in rows[start:]:
        if is_footer_row(row) or any(is_total_row(c.key) for c in row if c.key):
            return False
        name = label_key(cell_at(row, cols.get("name")))
        if name and not is_placeholder(name) and any(
                label_key(cell_at(row, cols.get(n))) for n in ("target", "actual", "weight") if n in cols):
            return True
    return False


def _spans_columns(row: Row, cols: dict[str, int]) -> bool:
    """The row's only text is one cell covering two or more of the columns read."""
    texts = [c for c in row if c.text.strip()]
    if len(texts) != 1:
        return False
    covered = [c for c in cols.values() if texts[0].covers(c)]
    return len(covered) >= 3 or (len(covered) >= 2 and "name" in cols and texts[0].covers(cols["name"])
                                 and any(texts[0].covers(cols[n]) for n in ("target", "actual", "weight")
                                         if n in cols))


def _choose_weight(header, rows, body, cols: dict[str, int], reading: Reading) -> None:
    """Of several columns named like a 分值 (指标分值, 权重占比, 分值), the one that holds numbers:
    a budget system's 指标分值 column may hold descriptions."""
    found = _candidates(header).get("weight", [])
    if not found:
        return

    def numbers(col: int) -> tuple[int, int]:
        texts = [cell_at(rows[r], col).strip() for r in body]
        texts = [t for t in texts if t and not blank_score(t)]
        return sum(_number_like(t) for t in texts), len(texts)

    counted = {col: numbers(col) for col in found}
    best = max(found, key=lambda c: (counted[c][0], -found.index(c)))
    if counted[best][0] == 0 and counted[best][1]:
        cols.pop("weight", None)  # no column of numbers: said as a column of text, not read
        return
    cols["weight"] = best


def _header_text(header, col: int) -> str:
    for row in reversed(header):
        for cell in row:
            if cell.col == col and cell.text.strip():
                return " ".join(cell.text.split())
    return f"第 {col + 1} 列"


def _say_columns(header, cols: dict[str, int], reading: Reading) -> None:
    read = {name: col for name, col in cols.items() if name not in ("item_score", "explanation")}
    for name, col in sorted(read.items(), key=lambda kv: kv[1]):
        text = _header_text(header, col)
        label = SHOWN.get(name, name)
        reading.mapped.append(text if bare(label_key(text)) == label else f"{text} → {label}")
    used = set(read.values())
    unused = []
    for row in header:
        for cell in row:
            if cell.key and cell.col not in used and not any(cell.covers(c) for c in used) \
                    and not bare(cell.key).startswith(("绩效指标", "年度绩效指标")):
                field_name = indicator_column(cell.key)
                why = {"item_score": "单项得分，得分取折算得分" if "score" in cols else "单项得分，未读",
                       "explanation": "说明文字", "weight": "格中是文字，不作分值"}.get(field_name or "", "未读")
                unused.append(f"{' '.join(cell.text.split())}（{why}）")
    if unused:
        reading.mapped.append("未读的栏：" + "、".join(dict.fromkeys(unused)))


def _total_row(rows, table: IndicatorTable) -> None:
    """The 分值 and 得分 a 总分/合计 row under the table prints."""
    if table.end >= len(rows):
        return
    row = rows[table.end]
    if not any(is_total_row(c.key) for c in row if c.key):
        return
    cols = table.columns
    label_cells = [c for c in row if is_total_row(c.key)]
    for name in ("weight", "score"):
        col = cols.get(name)
        if col is None or any(c.covers(col) for c in label_cells):
            continue
        text = cell_at(row, col).strip()
        if name == "weight":
            table.printed_weight = text
        else:
            table.printed_total = text


def _level1_mid_block(table: IndicatorTable, printed: list[bool], reading: Reading) -> None:
    """A 一级 label printed in the middle of its block (the cells around it unmerged) leaves the
    rows above it with the previous block's 一级, or none: those rows whose 二级 belongs to the
    label below take it."""
    inds = table.indicators
    for k, ind in enumerate(inds):
        if printed[k]:
            continue
        below = next((j for j in range(k + 1, len(inds)) if printed[j]), None)
        if below is None:
            continue
        mine, theirs = family(ind.level2), family(inds[below].level1)
        if not ind.level1 and (mine is None or mine == theirs):
            ind.level1 = inds[below].level1
        elif ind.level1 and mine is not None and mine == theirs and family(ind.level1) != mine:
            ind.level1 = inds[below].level1
        else:
            continue
        reading.inferred.append(f"{reading.places.row(table.rows[k])}：一级指标取其下方印出的“{ind.level1}”"
                                "（一级标签印在这一组的中间）")
    for k, ind in enumerate(inds):  # still none (a label lost in a merged range): by its 二级
        named = _LEVEL1_OF.get(family(ind.level2) or "")
        if not ind.level1 and named:
            ind.level1 = named
            reading.inferred.append(f"{reading.places.row(table.rows[k])}：没有一级指标，按二级指标"
                                    f"“{ind.level2}”取“{named}”")


_LEVEL1_OF = {"产出": "产出指标", "效益": "效益指标", "满意度": "满意度指标", "成本": "成本指标"}


def _shares_as_points(table: IndicatorTable, reading: Reading) -> None:
    """权重 written as shares of one (0.3, 0.2 … adding up to 1) are that many hundredths of the
    100 points."""
    weights = [ind.weight for ind in table.indicators]
    if not weights or any(w is None or w > 1 for w in weights):
        return
    if sum((w for w in weights if w is not None), Decimal(0)) != 1:
        return
    for ind in table.indicators:
        ind.weight = (ind.weight or Decimal(0)) * 100
    table.shares = True
    reading.inferred.append("权重写作比例（合计为 1），按 ×100 读作分值")
    scores = [parse_plain_or_none(t) for t in table.written_scores]
    if any(x is not None for x in scores) and all(x is None or x <= 1 for x in scores) and not any(
            x is None and not blank_score(t) for x, t in zip(scores, table.written_scores)):
        table.written_scores = [t if x is None else plain(x * 100) for x, t in zip(scores, table.written_scores)]
        reading.inferred.append("得分写作比例（都不大于 1），同权重按 ×100 读作得分")


def parse_plain_or_none(text: str) -> Decimal | None:
    try:
        return parse_plain(text)
    except NotANumber:
        return None


def _points_from_labels(table: IndicatorTable, reading: Reading) -> None:
    """A 计分表 without a 分值 column prints each indicator's points in its label: the 三级
    ('完成数量（4分）'), or the 二级 ('数量指标（4分）') when the group holds one indicator."""
    inds = table.indicators
    groups: dict[tuple[str, str], list[int]] = {}
    for k, ind in enumerate(inds):
        groups.setdefault((ind.level1, ind.level2), []).append(k)
    for k, ind in enumerate(inds):
        if ind.weight is not None:
            continue
        points = points_in_label(ind.name)
        if points is None and len(groups[(ind.level1, ind.level2)]) == 1:
            points = points_in_label(ind.level2)
        if points is not None:
            ind.weight = to_decimal(points)
        elif points_in_label(ind.level2) is not None:
            reading.warnings.append(
                f"{reading.places.row(table.rows[k])}：二级指标“{ind.level2}”下有 "
                f"{len(groups[(ind.level1, ind.level2)])} 个三级指标，分值没有拆分，请逐项填写")
    if any(ind.weight is not None for ind in inds):
        reading.mapped.append("分值取自指标名称中的“（N分）”")


def _empty(cell: dict[str, str]) -> str:
    return "空行" if not any(cell[n] for n in ("level1", "level2", "name", "target", "actual", "weight")) else ""


def _skipped(cell: dict[str, str], target: str) -> str:
    """Why a row is no indicator ('' when it is one): placeholder rows ('指标2 ……', '/'), 不适用
    rows, rows that only name a group, and template rows that keep only a merged 二级 label."""
    name, actual = label_key(cell["name"]), label_key(cell["actual"])
    if any(not_applicable(label_key(t)) for t in (cell["name"], target, cell["target"], cell["actual"])):
        return "不适用"
    # a template row keeps its 指标性质 ('≥', '定量') when its value and unit are empty
    value = label_key(cell["target_adjusted"] or cell["target"])
    texts = (name, label_key(target) if value or cell["unit"] else value, actual)
    if not any(texts) and blank_score(cell["weight"]):
        if not blank_score(cell["score"]):
            return ""
        if cell["level2"]:
            return "只有二级指标标签，没有指标内容（模板空行）"
        return "只有一级指标标签（分组）" if cell["level1"] else "没有指标名称、指标值和分值"
    marked = any(t and is_placeholder(t) for t in texts)
    if marked and all(is_placeholder(t) for t in texts) and blank_score(cell["weight"]) \
            and blank_score(cell["score"]):
        return "模板占位行"
    return ""
