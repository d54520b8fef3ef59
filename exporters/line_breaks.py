"""Where a printed cell's text may break, and at what size it is set: one home for every output.

Word, LibreOffice and Qt break Chinese anywhere, so a label in a narrow cell comes out as
'年度资/金总额' and a long target as '≥121057.8' / '6平方米'. The writers do not let them choose:

- A label or a short value (年度资金总额, 服务对象满意度指标, ≥121057.86平方米) is cut into words
  (the form's vocabulary, numbers with their units, Latin words) and broken only between words,
  never leaving one character alone, with the fewest lines; the breaks are written as line breaks,
  so every application shows the same lines. A break is only put where at least one neighbour is
  a wide (Chinese) character, so `model.text.join_lines` gives back the text exactly: importers read it so.
- Prose (names, goals, 偏差原因) is wrapped by the application, which never breaks inside a
  number as long as the number fits on a line.
- A cell whose words or numbers do not fit at the table's size is set smaller, down to 9 pt (小五)
  and no further.

Widths are estimated in em of the fonts that stand in for 宋体 (CJK 1 em; digits as DejaVu Sans,
the widest stand-in), plus the quarter em Word and LibreOffice put between Chinese and Latin.
"""
from __future__ import annotations

import re
from functools import lru_cache

from model.text import is_wide

MIN_CELL_PT = 9.0  # 小五: no text of a printed form is set smaller
PT_MM = 25.4 / 72
CELL_PADDING_MM = 2.0  # the Word table's cell margins, 1 mm a side
SAFETY_MM = 1.0  # Excel's and LibreOffice's own cell insets, and font differences
AUTOSPACE_EM = 0.25  # between a Chinese character and a Latin letter or digit

_EM = {".": 0.32, ",": 0.32, ":": 0.36, ";": 0.36, " ": 0.32, "%": 0.95, "‰": 1.0, "-": 0.37, "/": 0.37,
       "(": 0.4, ")": 0.4, "'": 0.3, "i": 0.3, "l": 0.3, "j": 0.3, "f": 0.36, "t": 0.4, "r": 0.42,
       "m": 0.98, "w": 0.82, "M": 0.86, "W": 1.0}
_COMPARATORS = "≥≤＞＜<>=＝≧≦±~～+＋-－"

# Words of the forms' labels and of the indicators' groups, longest first when cut
_VOCABULARY = """
项目 名称 主管 部门 实施 单位 负责人 联系 电话 联系人 资金 万元 年初 全年 预算 预算数 执行 执行数 执行率 情况 分值
得分 得分率 年度 总额 其中 当年 财政 拨款 上年 结转 其他 总体 目标 预期 实际 完成 完成值 绩效 指标 指标值 一级 二级
三级 偏差 原因 分析 改进 措施 总分 决算 决算数 年末 结余 结余率 预决算 差异率 三公 经费 服务 对象 满意度 序号 自评
等级 主要 问题 合计 产出 效益 数量 质量 时效 成本 社会 经济 生态 可持续 影响 基本 支出 人员 公用 环境 群众 居民
辖区 社区 街道 办事处 城市 管理 中心 工作 平均 备注 填报 审核 日期 盖章 标准 达标率 覆盖率 合格率 完成率 及时率
运行 维护 保障 系统 调整 调整后 专户 自筹 整体
"""
_WORDS = frozenset(_VOCABULARY.split())
_LONGEST = max(map(len, _WORDS))
# units a number carries (万元, 平方米, 次/月 …): kept with the number where they fit, never cut
_UNITS = sorted("""万元 亿元 千元 元 平方米 平方公里 平方千米 立方米 公里 千米 厘米 毫米 米 公顷 亩 吨 千克 公斤 克 人次 户次 车次
个月 个 次 人 项 份 件 家 户 天 日 周 月 年 季度 小时 分钟 台 套 辆 所 场 期 篇 本 批 处 条 座 棵 株 级 类 名 位 间 张 册
km m² ㎡ kg t""".split(), key=len, reverse=True)
_UNIT = "(?:" + "|".join(map(re.escape, _UNITS)) + ")"
_NUMBER = rf"[{re.escape(_COMPARATORS)}]*\d+(?:[.,]\d+)*[%‰％]?"
_QUANTITY = re.compile(rf"({_NUMBER})({_UNIT}(?:/{_UNIT})?)?")
_NUMBER_ONLY = re.compile(_NUMBER)
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9_'’.\-]*")
_CLOSING = set("，。、；：！？）》」』】〉,.;:!?)]}%％”’…")
_OPENING = set("（《「『【〈([{“‘")


def char_em(ch: str) -> float:
    if is_wide(ch) or ch in _COMPARATORS and ch not in "+-~<>=":
        return 1.0
    if ch.isdigit():
        return 0.64
    return _EM.get(ch, 0.72 if ch.isupper() else 0.6)


def text_em(text: str) -> float:
    """The text's width in em on one line, with the space Word puts between Chinese and Latin."""
    width = sum(char_em(ch) for ch in text)
    width += AUTOSPACE_EM * sum(1 for a, b in zip(text, text[1:])
                                if is_wide(a) != is_wide(b) and (a.isalnum() or b.isalnum()))
    return width


def room_em(width_mm: float, pt: float) -> float:
    """How many em of text stand on one line of a cell width_mm wide."""
    return (width_mm - CELL_PADDING_MM - SAFETY_MM) / (pt * PT_MM)


def numbers(text: str) -> list[str]:
    """The numbers of a text as they must stand on one line: '≥121057.86', '100.00%'."""
    return _NUMBER_ONLY.findall(text)


# ---- cutting a label into words ----------------------------------------------------------

class _Token(str):
    glued: bool = False  # a unit after its number: keep together where it fits


def _cjk_words(run: str) -> list[str]:
    """Forward longest match on the vocabulary; characters it does not know go in pairs (most
    Chinese words have two)."""
    out: list[str] = []
    unknown = ""
    i = 0
    while i < len(run):
        for n in range(min(_LONGEST, len(run) - i), 1, -1):
            if run[i:i + n] in _WORDS:
                break
        else:
            n = 1
        if n == 1:
            unknown += run[i]
        else:
            out += [unknown[j:j + 2] for j in range(0, len(unknown), 2)]
            unknown = ""
            out.append(run[i:i + n])
        i += n
    out += [unknown[j:j + 2] for j in range(0, len(unknown), 2)]
    return out


def words(text: str) -> list[_Token]:
    """The text cut where a reader would let it break; punctuation stays with its neighbour."""
    raw: list[tuple[str, bool]] = []  # (piece, glued to the piece before)
    i = 0
    while i < len(text):
        ch = text[i]
        m = _QUANTITY.match(text, i) if (ch.isdigit() or ch in _COMPARATORS) else None
        if m and m.group(1) and any(c.isdigit() for c in m.group(1)):
            raw.append((m.group(1), False))
            if m.group(2):
                raw.append((m.group(2), True))
            i = m.end()
            continue
        m = _LATIN.match(text, i)
        if m:
            raw.append((m.group(0), False))
            i = m.end()
            continue
        if is_wide(ch) and ch not in _CLOSING and ch not in _OPENING:
            j = i
            while j < len(text) and is_wide(text[j]) and text[j] not in _CLOSING and text[j] not in _OPENING:
                j += 1
            raw += [(w, False) for w in _cjk_words(text[i:j])]
            i = j
            continue
        raw.append((ch, False))
        i += 1
    # closing punctuation and spaces join the word before, opening punctuation the word after
    merged: list[list] = []
    pending_open = ""
    for piece, glued in raw:
        if piece in _OPENING or (len(piece) == 1 and piece in _OPENING):
            pending_open += piece
            continue
        if merged and not pending_open and (piece[0] in _CLOSING or piece.isspace()):
            merged[-1][0] += piece
            continue
        merged.append([pending_open + piece, glued])
        pending_open = ""
    if pending_open:
        if merged:
            merged[-1][0] += pending_open
        else:
            merged.append([pending_open, False])
    out = []
    for piece, glued in merged:
        t = _Token(piece)
        t.glued = glued
        out.append(t)
    return out


def _breakable(before: str, after: str) -> bool:
    """A break the importers can undo: one neighbour is a wide character (join_lines)."""
    return is_wide(before[-1]) or is_wide(after[0])


def _visible(line: str) -> int:
    return sum(1 for ch in line if not ch.isspace() and ch not in _CLOSING and ch not in _OPENING)


def break_words(text: str, room: float, strict: bool = True) -> list[str] | None:
    """The paragraph's lines, broken between words only, each within room em: the fewest lines,
    no line of a single character, a unit with its number where it fits, full lines first.
    A word alone wider than a line: None when strict, else that word on a line of its own."""
    if text_em(text) <= room:
        return [text]
    toks = words(text)
    if strict and any(text_em(t) > room for t in toks):
        return None
    n = len(toks)
    INF = float("inf")
    best: list[tuple[float, int]] = [(0.0, -1)] + [(INF, -1)] * n  # best[j]: tokens[:j] laid out
    for j in range(1, n + 1):
        if j < n and not _breakable(toks[j - 1], toks[j]):
            continue
        for i in range(j - 1, -1, -1):
            if best[i][0] == INF:
                continue
            line = "".join(toks[i:j])
            width = text_em(line)
            if width > room and not (not strict and j - i == 1):
                break
            cost = best[i][0] + 10000.0
            if _visible(line) <= 1:
                cost += 20000.0
            if j < n:
                if toks[j].glued:
                    cost += 50.0
                cost += (room - width) ** 2
            if cost < best[j][0]:
                best[j] = (cost, i)
    if best[n][0] == INF:
        return None
    lines, j = [], n
    while j > 0:
        i = best[j][1]
        lines.append("".join(toks[i:j]))
        j = i
    return lines[::-1]


# ---- one cell ----------------------------------------------------------------------------

def sizes_down(body_pt: float, sizes: tuple[float, ...]) -> list[float]:
    """The sizes a cell may take: the table's, then smaller ones down to 9 pt (never below the
    table's own, nor below 9 pt unless the table already is)."""
    floor = min(MIN_CELL_PT, body_pt)
    return [body_pt] + [pt for pt in sizes if floor <= pt < body_pt]


@lru_cache(maxsize=65536)
def fit_cell(text: str, width_mm: float, body_pt: float, prose: bool,
             sizes: tuple[float, ...] = (10.0, 9.5, 9.0)) -> tuple[float, str]:
    """(size, text with its line breaks) for a cell: a label's lines broken between words, or
    prose left to wrap, at the largest size down to 9 pt where every word (prose: every number)
    fits on a line. A text that fits nowhere is set at the smallest size, as typed."""
    if not text.strip():
        return body_pt, text
    candidates = sizes_down(body_pt, sizes)
    for pt in candidates:
        room = room_em(width_mm, pt)
        if prose:
            if all(text_em(num) <= room for para in text.split("\n") for num in numbers(para)):
                return pt, text
            continue
        lines: list[str] = []
        for para in text.split("\n"):
            got = break_words(para, room) if para else [para]
            if got is None:
                break
            lines += got
        else:
            return pt, "\n".join(lines)
    smallest = candidates[-1]
    if prose:
        return smallest, text
    lines = []
    for para in text.split("\n"):
        lines += (break_words(para, room_em(width_mm, smallest), strict=False) or [para]) if para else [para]
    return smallest, "\n".join(lines)


def widest_word_mm(text: str, pt: float, bold: bool = False) -> float:
    """The width a cell needs so that no word or number of text is cut (bold digits are wider)."""
    return widest_word_em(text) * (1.1 if bold else 1.0) * pt * PT_MM + CELL_PADDING_MM + SAFETY_MM


@lru_cache(maxsize=65536)
def widest_word_em(text: str) -> float:
    """The widest word or number of text in em. Cached: fitting a long form's columns asks it
    of every cell at every size."""
    return max((text_em(w.strip()) for para in text.split("\n") for w in words(para)), default=0.0)


@lru_cache(maxsize=65536)
def widest_number_em(text: str) -> float:
    """The widest number of prose in em (0 for none), cached as widest_word_em."""
    return max((text_em(n) for para in text.split("\n") for n in numbers(para)), default=0.0)


def widen_for_words(columns_mm: tuple[float, ...], prose: tuple[bool, ...], rows: list[list[str]],
                    pt: float, bold_rows: list[list[str]] | None = None) -> tuple[float, ...]:
    """Column widths where every word and number of the non-prose columns fits a line (a table's
    amounts: '130741.236400' in 全年预算数), the room taken from the prose columns, the total kept."""
    bold_rows = bold_rows or []
    widths = list(columns_mm)
    for i, is_prose in enumerate(prose):
        if is_prose:
            continue
        need = max([widest_word_mm(r[i], pt) for r in rows if i < len(r)]
                   + [widest_word_mm(r[i], pt, bold=True) for r in bold_rows if i < len(r)], default=0.0)
        widths[i] = max(widths[i], need)
    # the prose columns give what they hold beyond their longest line (a unit's name keeps its
    # line), then, if that is not enough, in proportion to their width
    extra = sum(widths) - sum(columns_mm)
    if extra <= 0:
        return tuple(widths)
    longest = [max([text_em(line) * pt * PT_MM + CELL_PADDING_MM + SAFETY_MM
                    for r in rows + bold_rows if i < len(r) for line in r[i].split("\n")], default=0.0)
               for i in range(len(widths))]
    slack = [max(0.0, w - need) if p else 0.0 for w, need, p in zip(widths, longest, prose)]
    if sum(slack) >= extra:
        widths = [w - extra * s / sum(slack) for w, s in zip(widths, slack)]
    else:  # the widest prose column gives first (主要问题 before a unit's name)
        for _ in range(1000):
            if extra <= 0.01:
                break
            i = max((i for i, p in enumerate(prose) if p), key=lambda i: widths[i])
            step = min(extra, 0.5)
            widths[i] -= step
            extra -= step
    return tuple(round(w, 2) for w in widths)
