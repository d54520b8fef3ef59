"""Filled forms read as a grid of cells, found by their labels, turned into Projects.

The .docx and .xlsx readers only turn their file into rows of `Cell`s (a cell merged across
counts once, a cell merged down from above is blank); everything about the layouts is here, in
`labels.py` (the vocabulary) and in `indicators.py` (the indicator table).
"""
from __future__ import annotations

import re
from decimal import Decimal

from model import FundsKind, Note, Project, evaluate, load_profile
from model.numbers import NotANumber, parse_amount, parse_plain, plain
from model.profiles import DEFAULT_PROFILE
from model.text import hidden_controls, hidden_warning

from importers import labels as L
from importers.errors import ManyForms, NotAForm, refuse_many  # noqa: F401  (their home was here)
from importers.funds import FundsRead, find_across, read_funds, read_funds_across, set_amount
from importers.indicators import read_indicators
from importers.cells import Cell, Row, cell_at
from importers.labels import label_key
from importers.reading import Places, Reading, UnknownLayout, refusal_error




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
    """Every form in rows, in order; NotAForm (saying what is missing) when there is none, and
    UnknownLayout when a form's layout is not recognised well enough to be read right."""
    readings = parse_readings(rows, preamble, profile_name, own)
    error = refusal_error("", readings)
    if error is not None:
        raise UnknownLayout(str(error).lstrip("：")) from None
    return [r.project for r in readings]


def parse_readings(rows: list[Row], preamble: list[str] | tuple = (), profile_name: str = DEFAULT_PROFILE,
                   own: bool = False, places: Places | None = None) -> list[Reading]:
    """Every form in rows, in order, each with what its reading knows about itself (a refused
    form's Reading says why in `refusal`); NotAForm (saying what is missing) when there is none.
    own: the file is one of our exports (every indicator row is real, even one named '不适用')."""
    spans = form_spans(rows)
    if not spans:
        raise NotAForm(_missing(rows))
    rows = [list(r) for r in rows]  # template hints are blanked below, the caller's rows kept
    out: list[Reading] = []
    lines_from = 0  # the rows after the previous form's table hold this one's title
    for start, head, end in spans:
        lines = (list(preamble) if not out else []) + [
            c.text for r in rows[lines_from:start] for c in r if c.text.strip()]
        reading = Reading(project=Project(profile=profile_name), places=places or Places())
        top = lines_from
        if not own:  # our own export holds what the clerk typed, whatever it says
            _template_hints(rows, top if not out else start, end, reading)
        # a cover stands before the first form; above a later one are the last one's footers
        lines_from = _parse_one(rows, start, head, end, lines, reading, own, above=None if out else lines_from)
        if reading.project.year is None and out:
            reading.project.year = out[-1].project.year
        _hidden(rows, top if not out else start, end, reading)  # each cell once
        out.append(reading)
    return out


def _template_hints(rows: list[Row], first: int, end: int, reading: Reading) -> None:
    """A template's instructions left in the cells a clerk fills ('结合自评情况,分析存在的问题及原因。
    (200字以内)') are blanked before the form is read — never the clerk's 实际完成情况, note or
    reason, printed as written and taken as filled — and said as left out."""
    for r in range(first, end):
        for i, cell in enumerate(rows[r]):
            if L.is_template_hint(cell.text):
                rows[r][i] = Cell(cell.col, cell.span, "")
                reading.leave_out(r, cell.text, "模板的填写说明，不是填写的内容")


def _hidden(rows: list[Row], first: int, end: int, reading: Reading) -> None:
    """Cells whose text holds invisible format characters (a bidi override that shows 001 as
    100): the model drops them (model.text.clean_text); the reading names each cell."""
    for r in range(first, end):
        for cell in rows[r]:
            found = hidden_controls(cell.text)
            if found:
                reading.warn(r, cell.col, hidden_warning(found))


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
               reading: Reading, own: bool = False, above: int | None = None) -> int:
    """One form into reading.project; returns the row where its indicator table ends. Rows from
    `above` to start are what stands above the form (its title, or a cover table)."""
    p = reading.project
    funds_head = _find_row(rows, L.is_funds_head, start, head)
    across = find_across(rows, start, head) if funds_head is None else None
    _title(p, lines)
    if p.year is None:  # a title row inside the table, above its first label
        _title(p, [c.text for r in rows[start:head] for c in r if "表" in c.key
                   or re.fullmatch(r"\(?\d{4}年度?\)?", c.key)])
    # the unit the funds table's own header names wins ('项目资金（万元）'); else one the title or the
    # header states ('单位：元') — never one that labels another figure ('总投资（亿元）') over it
    funds_row = funds_head if funds_head is not None else across
    stated = next((u for c in rows[funds_row] if (u := L.stated_unit(c.key))), None) if funds_row is not None else None
    unit = (None if stated == "万元" else stated) if stated else next(
        (u for t in lines[-3:] if (u := L.amount_unit(label_key(t)))), None) or next(
        (u for r in rows[start:head] for c in r if len(c.key) < 20 and (u := L.amount_unit(c.key))), None)
    if unit:
        reading.inferred.append(f"表上写明金额单位为{unit}，已换算为万元")
    goal_head = _goal_head(rows, start, head)
    header_end = min(x for x in (funds_head, across, goal_head, head) if x is not None)
    _header(p, rows[start:header_end], funds_head is None and across is None, unit, reading, own)
    if not own and above is not None:
        _cover(p, rows, above, start, reading)
    # a title inside the table stands above its first header label (a goal's text is no title)
    first_label = next((i for i in range(start, head) if any(L.header_field(c.key) for c in rows[i])), head)
    _department_form(p, lines + [c.text for r in rows[start:first_label] for c in r if "表" in c.key],
                     rows[start:head], reading)
    if not p.name:
        titles = lines + [c.text for r in rows[start:head] for c in r if "表" in c.key]
        _name_from_title(p, titles, reading)
        if not p.name and not own:
            whole = next((t.strip() for t in titles if "部门整体" in label_key(t)), "")
            reading.warnings.append("表中没有找到项目名称" + (f"；标题“{whole}”是部门整体的表，按项目表读取" if whole else "")
                                    + "，请核对后填写项目名称")
    if funds_head is None and across is None:
        _amounts_without_header(rows, start, goal_head or head, reading)
    if funds_head is not None:
        funds = read_funds(p, rows, funds_head, head, unit, reading)
    elif across is not None:
        funds = read_funds_across(p, rows, across, goal_head if goal_head and goal_head > across else head,
                                  unit, reading)
    else:
        funds = FundsRead()
    if goal_head is not None:
        _goal(p, rows, goal_head, head, own)
    _notes(p, rows[start:head])
    table = read_indicators(rows[:end], head, reading, keep_all=own)
    _notes(p, [rows[r] for r in table.inside_notes])
    _notes(p, rows[table.end:end])
    for r in range(table.end, end):  # what the table's last lines hold besides notes
        text = " ".join(c.text.strip() for c in rows[r] if c.text.strip())
        if text and any(L.is_footer(c.key) for c in rows[r] if c.key):
            reading.leave_out(r, text, "签章栏")
    p.indicators = table.indicators
    declared = _is_declaration(lines, table.columns)
    _budget_weight(p, funds, reading)
    if not own:
        _budget_item(p, funds, table, declared, reading)
    elif funds.weight_column and funds.weight.strip() == "—":  # our export of a form without the item
        p.budget_item = False
    _hand_scores(p, funds, table, reading)
    if not own:
        _shares_beside_budget(p, table, reading)
        _printed_totals(p, table, reading)
        _recognised(p, table, declared, reading)
        _many_projects(rows, head, table, reading)
        _side_by_side(rows, start, head, reading)
        _scores_within_weights(p, table, reading)
        _printed_total_differs(p, reading)
    if declared:
        from importers.declaration import start_from_declaration
        start_from_declaration(p)
    return table.end


def _cover(p: Project, rows: list[Row], first: int, start: int, reading: Reading) -> None:
    """Header fields in a table above the form's own (a cover: 项目名称, 项目负责人 …), never dropped
    in silence. A cover naming another project than the form is said, and none of its values is
    read; one naming the same project (or none) fills what the form leaves blank, saying so, and
    a value that differs from the form's is said (the form's is kept)."""
    found: list[tuple[int, str, str, str]] = []  # (row, field, label, value)
    for r in range(first, start):
        if any(L.is_footer(c.key) and not L.header_field(c.key) for c in rows[r] if c.key):
            continue  # a signature line ('填表人：', '单位负责人（签章）')
        for label, value in _pairs(rows[r]):
            field = L.header_field(label)
            if field and field != "year" and value.strip() and not _is_any_label(label_key(value)):
                found.append((r, field, label, " ".join(value.split())))
    if not found:
        return
    same = lambda a, b: "".join(a.split()) == "".join(b.split())  # noqa: E731
    name = next(((r, v) for r, f, _, v in found if f == "name"), None)
    if name is not None and p.name.strip() and not same(name[1], p.name):
        labels = "、".join(dict.fromkeys(label for _, _, label, _ in found))
        reading.warnings.append(
            f"{reading.places.row(name[0])}：表格上方的项目名称“{name[1]}”与表中的项目名称“{p.name.strip()}”"
            f"不同，不是同一个项目：按表中的读取，上方的{labels}未读取，请核对")
        for r in dict.fromkeys(r for r, *_ in found):
            reading.leave_out(r, " ".join(c.text for c in rows[r] if c.text.strip()), "另一个项目的表头（项目名称不同）")
        return
    for r, field, label, value in found:
        shown = _FIELD_NAMES.get(field, label)
        current = str(getattr(p, field) or "")
        if not current.strip():
            setattr(p, field, value)
            reading.inferred.append(f"{shown}“{value}”取自表格上方（{reading.places.row(r)}）")
        elif not same(current, value):
            reading.warnings.append(f"{reading.places.row(r)}：表格上方的{shown}“{value}”与表中的“{current.strip()}”"
                                    f"不同，按表中的读取，请核对")


def department_form(evidence: str) -> str:
    """What a 部门整体 form given as a project's is told: what it is, and where it belongs."""
    return (f"这是部门整体支出绩效自评表（{evidence}），不是项目支出绩效自评表，不能读成项目文件：部门整体的表"
            "请在项目一览的“汇总与导出 → 部门整体绩效”中填写（存为该文件夹的 部门整体.zpbdept.json），"
            "再用“department 文件夹”计算、检查和导出")


def _department_form(p: Project, titles: list[str], rows: list[Row], reading: Reading) -> None:
    """A 部门整体 form (its title says so, or, with no 项目名称, its budget is by kind: 基本支出 and
    项目支出 rows) is another kind of form: refused, saying what it is and where it belongs —
    never read as a project with its unit's name and the department's budget."""
    title = next((t.strip() for t in titles if _department_title(t, p.name) and ("绩效" in t or "表" in t)), "")
    kinds = {L.bare(c.key) for r in rows for c in r}
    if title:
        reading.refuse(department_form(f"标题“{' '.join(title.split())}”"), foreign=True)
    elif not p.name.strip() and {"基本支出", "项目支出"} <= kinds:
        reading.refuse(department_form("表中没有项目名称，预算分基本支出、项目支出"), foreign=True)


def _department_title(title: str, name: str) -> bool:
    """A title naming a 部门整体 form: 部门整体 in it, outside the project's name, and no 项目 after
    it ('…部门整体绩效评价工作经费项目绩效自评表' is a project's title, its name holding the words)."""
    key = label_key(title)
    if name.strip():
        key = key.replace(label_key(name), "")
    at = key.find("部门整体")
    return at >= 0 and "项目" not in key[at:]


def _name_from_title(p: Project, lines: list[str], reading: Reading) -> None:
    """A form with no 项目名称 cell names its project in its title: '…项目绩效自评表',
    '…项目支出绩效目标表' (a year or a district before the name is not part of it)."""
    for line in reversed(lines):
        key = label_key(line)
        m = re.search(r"(.*?项目)(?:支出)?绩效(?:自评表|目标表|目标申报表|自评结果表|评价表|目标批复表|目标审批表)", key)
        if not m:
            continue
        name = re.sub(r"^.*?\d{4}年度?", "", m.group(1))
        if len(name) > 2 and not re.fullmatch(r"(.{0,8}[区县市省州旗盟])?(部门预算|部门|预算|本级|专项)?项目", name):
            p.name = name
            reading.inferred.append(f"项目名称取自标题“{line.strip()}”")
            return


def _budget_item(p: Project, funds: FundsRead, table, declared: bool, reading: Reading) -> None:
    """Whether the form scores 预算执行率 on its 年度资金总额 line, as it prints: a form whose
    indicators hold all 100 points has no such item; a funds line whose 分值 is the whole 100
    prints the form's own totals (分值 100, 得分 98), not the item's."""
    weights = [ind.weight for ind in p.indicators]
    indicators = sum((w for w in weights if w is not None), Decimal(0)) if all(
        w is not None for w in weights) and weights else None
    weight = _plain_or_none(funds.weight)
    if indicators is None or declared:
        return
    printed = _plain_or_none(table.printed_weight)
    if weight is not None and weight == 100 and indicators == 100:
        p.budget_item, p.budget_weight = False, Decimal(10)  # the 100 was the form's, not the item's
        funds.score, written = "", funds.score
        score = _plain_or_none(written)
        if score is not None:
            p.printed_total = score
        reading.inferred.append(f"年度资金总额行的分值 100、得分 {written or '（空）'} 是全表的合计（各指标分值合计已为 100）："
                                "读作表上印的总分，本表不对预算执行率计分")
    elif weight is None and (indicators == 100 if printed is None else printed == indicators):
        p.budget_item = False
        reading.inferred.append(f"各指标分值合计为 {plain(indicators)}"
                                f"{'' if printed is None else '，与表上印的分值合计相同'}，表中没有预算执行率的分值："
                                "本表不对预算执行率计分")
    elif weight is None:
        reading.inferred.append(f"表中没有预算执行率的分值：按 {plain(p.budget_weight or Decimal(0))} 分计"
                                f"（各指标分值合计为 {plain(indicators)}）")


def _budget_weight(p: Project, funds: FundsRead, reading: Reading) -> None:
    """The 预算执行率 分值 the funds line prints (text kept as typed, and said)."""
    if L.blank_score(funds.weight):
        return
    p.set_number("budget_weight", funds.weight.strip().rstrip("%％"))
    if "budget_weight" in p.unreadable:
        reading.warn(funds.row or 0, funds.weight_col or 0, f"预算执行率分值写的是“{funds.weight}”，不是数字")


def _plain_or_none(text: str) -> Decimal | None:
    if L.blank_score(text):
        return None
    try:
        return parse_plain(text.strip().rstrip("%％"))
    except NotANumber:
        return None


def _printed_totals(p: Project, table, reading: Reading) -> None:
    """The 总分 the table's total row prints is kept (a difference from the rules is a warning);
    a printed 分值合计 that the read 分值 do not add up to means the table was not read right."""
    printed_weight = _plain_or_none(table.printed_weight)
    total = _plain_or_none(table.printed_total)
    for text, value, name in ((table.printed_weight, printed_weight, "weight"), (table.printed_total, total, "score")):
        if value is None and not L.blank_score(text):
            what = "分值合计" if name == "weight" else "总分"
            reading.warn(table.end, table.columns.get(name, 0), f"{what}栏写的是“{text}”，不是数字，未读")
    if total is not None:
        p.printed_total = total
        reading.mapped.append(f"总分行 → 原表印的总分 {plain(total)}")
    weights = ([p.budget_weight] if p.budget_item else []) + [ind.weight for ind in p.indicators]
    if printed_weight is not None and all(w is not None for w in weights):
        got = sum((w for w in weights if w is not None), Decimal(0))
        if got != printed_weight:
            reading.refuse(f"表上印的分值合计为 {plain(printed_weight)}，按识别的栏目读出的分值合计为 {plain(got)}"
                           f"（{len(p.indicators)} 个指标{'，含预算执行率' if p.budget_item else ''}），说明有行或栏没有读对")


def _scores_within_weights(p: Project, table, reading: Reading) -> None:
    """Written scores above their 分值 on most rows are no scores of this form's points (a
    0–100 score of each item, say): refused rather than read as hand scores."""
    pairs = [(ind.hand_score, ind.weight) for ind in p.indicators
             if ind.hand_score is not None and ind.weight is not None]
    over = [1 for hand, weight in pairs if hand > weight]
    if len(pairs) >= 2 and len(over) * 2 > len(pairs):
        col = table.columns.get("score")
        reading.refuse(f"{len(over)} 个指标的得分大于分值（得分栏{'' if col is None else '第 ' + str(col + 1) + ' 列'}"
                       "的数不是按本表分值计的得分，例如百分制的单项得分）")


def _printed_total_differs(p: Project, reading: Reading) -> None:
    """Said at reading (check says it again from the project): the 总分 the form printed is not
    what its scores, as read, make — a clerk's sum or a row not read."""
    if p.printed_total is not None and not reading.refusal:
        ev = evaluate(p, load_profile(p.profile))
        if not ev.complete:
            reading.warnings.append(f"原表印的总分为 {plain(p.printed_total)}，本表还有未计分的项目")
        elif ev.total != p.printed_total:
            reading.warnings.append(f"原表印的总分为 {plain(p.printed_total)}，按读出的各项得分合计为 "
                                    f"{plain(ev.total)}，请核对")


def _recognised(p: Project, table, declared: bool, reading: Reading) -> None:
    """Refuse what is not recognised well enough: no 指标值 or 完成值 column (a 计分表 or a
    scoring framework), no indicator at all, or more rows unread than read."""
    cols = table.columns
    found = "、".join(dict.fromkeys(x.split(" → ")[-1] for x in reading.mapped if "：" not in x))
    if "target" not in cols and "actual" not in cols:
        reading.refuse(f"指标表没有“年度指标值”和“实际完成值”栏（找到的栏目：{found or '无'}），"
                       "不是项目支出绩效自评表或目标表")
    elif not p.indicators:
        reading.refuse(f"指标表中没有读到指标（找到的栏目：{found or '无'}）")
    elif table.unrecognised > len(p.indicators):
        reading.refuse(f"指标表中 {table.unrecognised} 行的内容不在识别的栏目中，只读到 {len(p.indicators)} 个指标"
                       f"（找到的栏目：{found}）")
    elif "weight" not in cols and not declared and all(ind.weight is None for ind in p.indicators):
        reading.warnings.append("指标表没有分值栏，各指标的分值需要逐项填写")


def _shares_beside_budget(p: Project, table, reading: Reading) -> None:
    """分值 written as shares of one with the 预算执行率's share on the funds line (0.1 + 0.3 + …
    = 1): not points, and not read as such."""
    weights = [ind.weight for ind in p.indicators] + ([p.budget_weight] if p.budget_item is not False else [])
    if table.shares or not weights or any(w is None or w > 1 for w in weights):
        return
    total = sum((w for w in weights if w is not None), Decimal(0))
    reading.refuse(f"分值栏写的是比例（含预算执行率合计为 {plain(total)}），不是分值；请把分值改为按 100 分计后再导入")


def _many_projects(rows: list[Row], head: int, table, reading: Reading) -> None:
    """Refuse an indicator table whose rows name several projects (a 项目名称 column in its header
    holding different names): a 汇总 of many projects, not one project's indicators."""
    for cell in rows[head]:
        if L.bare(cell.key) not in ("项目名称", "项目"):
            continue
        names = list(dict.fromkeys(t for r in table.rows if (t := cell_at(rows[r], cell.col).strip())))
        if len(names) > 1:
            shown = "、".join(names[:3]) + ("…" if len(names) > 3 else "")
            reading.refuse(f"指标表的“{cell.text.strip()}”栏列出 {len(names)} 个项目（{shown}），"
                           "是多个项目的汇总表，不是一个项目的自评表")
            return


def _side_by_side(rows: list[Row], start: int, head: int, reading: Reading) -> None:
    """Refuse two forms laid side by side (a sheet with a second form from its column K on, a
    table of two forms' columns): read as one, the one on the right was dropped in silence."""
    for r, labels in ((start, ("项目名称",)), (head, ("一级指标", "三级指标", "指标名称"))):
        for label in labels:
            at = [c.col for c in rows[r] if L.bare(c.key) == label]
            if len(at) > 1:
                reading.refuse(f"{reading.places.row(r)}有 {len(at)} 个“{label}”（第 {at[0] + 1} 列和第 {at[1] + 1} 列起）："
                               "并排放着两张表，或一张表分成了左右两半，不能按一张表读取；请把每张表放在单独的工作表中"
                               "（或上下排列）后再读取")
                return


def _is_declaration(lines: list[str], cols: dict[str, int]) -> bool:
    """A 绩效目标申报表: named so in its title, or an indicator table with no 完成值 column."""
    title = "".join(label_key(t) for t in lines[-4:])
    return any(w in title for w in ("申报表", "目标表", "批复表", "审批表")) or ("actual" not in cols and "target" in cols
                                                     and "score" not in cols)


def _title(p: Project, lines: list[str]) -> None:
    """Year and district from the lines above the table: a year line ('（2022年度）') or a title
    first, the nearest first; any other line naming a year after that."""
    keys = [label_key(line) for line in reversed(lines)]
    titled = [k for k in keys if re.fullmatch(r"\(?[0-9]{4}年度?\)?", k) or "表" in k]
    for key in titled + keys:
        m = re.search(r"([0-9]{4})年", key)
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
    is_label = lambda c: L.header_field(c.key) or L.bare(c.key) in L.AMOUNT_LABELS + L.OTHER_AMOUNT_LABELS  # noqa: E731
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


def _bare_amounts(row: Row) -> bool:
    """A funds row without its header: a label of a kind of money (年度资金总额, 财政拨款 …), then
    two or more amounts (and rates) and no other text ('年度资金总额 | 18 | 18 | 18 | 100%')."""
    texts = [c for c in row if c.text.strip() and not L.blank_score(c.text)]
    if not texts or L.funds_kind(texts[0].key) is None:
        return False
    amounts = 0
    for cell in texts[1:]:
        try:
            if cell.text.strip().endswith(("%", "％")):  # its 执行率
                parse_plain(cell.text.strip()[:-1])
            else:
                amounts += parse_amount(cell.text) is not None
        except NotANumber:
            return False
    return amounts >= 2


def _amounts_without_header(rows: list[Row], start: int, end: int, reading: Reading) -> None:
    """A funds row (年度资金总额, 财政拨款 …) holding several amounts with no header above naming
    their columns (年初预算数, 全年预算数, 全年执行数 — the header row deleted): which is which is not
    known, and none is read; said, naming the row."""
    for r in range(start, end):
        if _bare_amounts(rows[r]):
            label = next(c for c in rows[r] if c.text.strip())
            reading.warn(r, label.col, "这一行有几个金额，上方却没有“年初预算数、全年预算数、全年执行数”表头，"
                                       "不知各是哪一栏，未读取，请核对")


def _header(p: Project, rows: list[Row], amounts: bool, unit: str | None, reading: Reading | None = None,
            own: bool = False) -> None:
    for row in rows:
        for label, value in _pairs(row):
            if value and not own and _is_any_label(label_key(value)):
                continue  # a label beside a label ('年度资金总额 | 其中：财政资金'): no value
            if reading is not None and label in L.OTHER_AMOUNT_LABELS and value:
                reading.mapped.append(f"{label}（{value}）未读：不是当年的预算")
            _say_header(label, value, amounts, reading)
            field = L.header_field(label)
            if field == "year":
                m = re.search(r"[0-9]{4}", value)
                if m and p.year is None:
                    p.year = int(m.group(0))
            elif field and value and not getattr(p, field) and value not in ("元", "万元"):
                setattr(p, field, value)
            elif amounts and label in L.AMOUNT_LABELS and value and not _bare_amounts(row):
                row_unit = unit or L.amount_unit(label)
                for kind in (FundsKind.TOTAL,):
                    if p.funds_row(kind).annual_budget is None:
                        set_amount(p.funds_row(kind), "annual_budget", value, row_unit)


_GOAL = ("预期目标", "年度目标", "项目年度目标", "年初设定目标", "年初绩效目标", "全年(调整)绩效目标",
         "总体目标", "年度总体目标内容", "目标内容", "年度绩效目标")
_DONE = ("实际完成情况", "年度目标完成情况", "全年目标实际完成情况", "目标完成情况", "全年实际完成情况",
         "实际完成")


def _goal_head(rows: list[Row], start: int, end: int) -> int | None:
    """The row that names the goal columns (预期目标 …); a header row's value never counts."""
    return _find_row(rows, lambda keys: any(L.bare(k) in _GOAL for k in keys)
                     and not any(L.header_field(k) for k in keys), start, end)


def _goal(p: Project, rows: list[Row], h: int, end: int, own: bool = False) -> None:
    """The goal and what was achieved, each in the rows under its label: lines of another desk's
    form, pieces of one long text in our own export (exporters/layout.py split_tall_rows), which
    join again as they were cut."""
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
    sep = "" if own else "\n"
    p.goal = sep.join(t for t in texts_goal if t)
    p.achieved = sep.join(t for t in texts_done if t)


_FIELD_NAMES = {"name": "项目名称", "department": "主管部门", "implementer": "实施单位", "manager": "项目负责人",
                "phone": "联系电话", "year": "年度"}


def _say_header(label: str, value: str, amounts: bool, reading: Reading | None) -> None:
    if reading is None or not value:
        return
    field = L.header_field(label)
    target = _FIELD_NAMES.get(field or "") or ("全年预算数" if amounts and label in L.AMOUNT_LABELS else None)
    if target:
        reading.mapped.append(label if label == target else f"{label} → {target}")


def _is_any_label(key: str) -> bool:
    """A cell that is a header, amount or funds label, never a value."""
    return bool(L.header_field(key) or L.bare(key) in L.AMOUNT_LABELS or L.bare(key) in L.OTHER_AMOUNT_LABELS
                or (L.funds_kind(key) is not None and not re.search(r"\d", key)))


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


def _set_written(target, field: str, written: str, rule: Decimal | None) -> bool:
    """A written score that the rule does not give becomes a hand score; blank stays computed.
    False when the text is no number (kept as typed, and said)."""
    if L.blank_score(written):
        return True
    try:
        value = parse_plain(written)
    except NotANumber:
        target.set_number(field, written.strip())
        return False
    if value is not None and value != rule:
        target.set_number(field, value)
    return True


def _hand_scores(p: Project, funds: FundsRead, table, reading: Reading) -> None:
    ev = evaluate(p, load_profile(p.profile))
    if p.budget_item and not _set_written(p, "budget_hand_score", funds.score, ev.budget.rule):
        reading.warn(funds.row or 0, funds.score_col or 0, f"预算执行率得分写的是“{funds.score}”，不是数字")
    for k, (ind, score, text) in enumerate(zip(p.indicators, ev.indicators, table.written_scores)):
        if not _set_written(ind, "hand_score", text, score.rule):
            reading.warn(table.rows[k], table.columns.get("score", 0), f"得分栏写的是“{text.strip()}”，不是数字")
        elif ind.hand_score is not None and ind.hand_score < 0:
            reading.warn(table.rows[k], table.columns.get("score", 0), f"得分写的是“{text.strip()}”，读作负数，请核对")
