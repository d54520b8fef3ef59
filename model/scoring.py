"""The scoring rules of SCORING.md as pure functions over a Project and a RuleProfile."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Callable

from model.numbers import (MAX_QUANTITY, Quantity, form_score, in_bounds, normalize, parse_quantity, percent, plain,
                           unclear_figures, round_half_up, score_text)
from model.profiles import RuleProfile, Scale, load_profile
from model.project import FundsKind, FundsRow, Indicator, Project

ZERO, ONE, HUNDRED = Decimal(0), Decimal(1), Decimal(100)
PENDING = "待定"  # the 等级 of a total that is not complete: never a grade of a partial sum


class ScoreKind(StrEnum):
    """Which rule scored a value."""

    BUDGET = "budget"
    QUANTITATIVE = "quantitative"
    QUALITATIVE = "qualitative"
    UNSCORABLE = "unscorable"


class Direction(StrEnum):
    """Which way a quantitative indicator counts: more is better, less is better, or exactly."""

    POSITIVE = "positive"
    REVERSE = "reverse"
    EQUAL = "equal"


class Case(StrEnum):
    """How a quantitative actual compares with its target: picks the rule's formula and reason."""

    EQUAL = "eq"
    NOT_EQUAL = "ne"
    MET_MORE = "met+"
    MET_LESS = "met-"
    SHORT = "short"
    OVER_ZERO = "over0"
    RATIO = "ratio"
    DOUBLE = "double"
    OVER = "over"


@dataclass(frozen=True)
class Score:
    """A score with the rule's value beside it and one Chinese line that says why."""

    value: Decimal | None  # what the form shows: the hand score if set, else the rule's
    rule: Decimal | None  # what the rule gives (None: the rule cannot score it)
    hand: bool
    why: str | Callable[[], str]  # built on demand: most recomputes never show it
    kind: ScoreKind
    tier: tuple[Decimal, Decimal, bool] | None = None  # qualitative: points low, high, high included
    direction: Direction | None = None  # quantitative only
    target: Decimal | None = None  # quantitative A, in the target's unit
    actual: Decimal | None = None  # quantitative B, converted to the target's unit
    # the actual falls short of the target (or misses an ＝ target, or exceeds a ≤ one), whatever
    # the rounded score: its 偏差原因 is due even when rounding gives full marks (SCORING.md)
    shortfall: bool = False

    @property
    def reason(self) -> str:
        """One Chinese line for a tooltip: `80% ≥ 80%：达成，10/10`."""
        return self.why if isinstance(self.why, str) else self.why()

    def tier_scores(self) -> list[Decimal]:
        """The whole scores a clerk may give inside the grade's tier, highest first."""
        if self.tier is None:
            return []
        low, high, high_included = self.tier
        first = low.to_integral_value(rounding=ROUND_CEILING)
        last = high.to_integral_value(rounding=ROUND_FLOOR)
        if not high_included and last == high:
            last -= 1
        return [last - i for i in range(int(last - first) + 1)]

    @property
    def hand_in_tier(self) -> bool | None:
        if not self.hand or self.tier is None or self.value is None:
            return None
        low, high, high_in = self.tier
        return low <= self.value and (self.value <= high if high_in else self.value < high)


@dataclass(frozen=True)
class Evaluation:
    """Everything derived from a project: rates, scores, 总分 and 等级."""

    rates: dict[FundsKind, Decimal | None]
    budget: Score
    indicators: list[Score]
    total: Decimal  # the sum of the scores there are: partial unless `complete`
    complete: bool  # every score is there
    grade: str  # 优/良/中/差 of a complete total, PENDING (待定) otherwise
    weight_sum: Decimal  # the 分值 there are: partial when weights_missing
    weights_missing: int = 0  # 分值 blank or unreadable

    def weight_sum_text(self) -> str:
        """The 分值 合计 as printed: 待定 while a 分值 is blank or unreadable, never a partial sum."""
        return weight_sum_text(self.weight_sum, self.weights_missing)

    def weight_sum_words(self) -> str:
        """The 分值 合计 as a window says it: the sum so far, with what it lacks."""
        return weight_sum_words(self.weight_sum, self.weights_missing)

    def rate_text(self, kind: FundsKind) -> str:
        rate = self.rates[kind]
        return "" if rate is None else percent(rate)

    @property
    def unscored(self) -> int:
        """How many scores (预算执行率 and indicators) are still missing."""
        return sum(s.value is None for s in [self.budget, *self.indicators])

    def total_text(self) -> str:
        """The 总分 as every window and output says it: 待定 while anything is unscored."""
        return total_text(self.total, self.complete)

    def partial_text(self) -> str:
        """What an unfinished total has so far, said as partial (a tooltip, a note): never a 总分."""
        return partial_text(self.total, self.unscored)


def total_text(total: Decimal, complete: bool) -> str:
    """The one wording of a 总分: the score when complete, 待定 otherwise (SCORING.md)."""
    return score_text(total) if complete else PENDING


def weight_sum_text(weight_sum: Decimal, missing: int) -> str:
    return PENDING if missing else plain(weight_sum)


def weight_sum_words(weight_sum: Decimal, missing: int) -> str:
    return plain(weight_sum) + (f"（另有 {missing} 项分值未填或无法读取）" if missing else "")


def partial_text(total: Decimal, unscored: int) -> str:
    rest = f"，另有 {unscored} 项未计分" if unscored else "，尚无可计分的项"
    return f"已计分部分合计 {score_text(total)}{rest}"


def grade_of(total: Decimal, complete: bool, profile: RuleProfile) -> str:
    """The one place that decides a 等级: 待定 while any row is unscored (SCORING.md), so the
    editor, the overview, `check`, the 汇总表 and the department's figures all say the same."""
    return profile.grade(total) if complete else PENDING


def execution_rate(row: FundsRow) -> Decimal | None:
    """全年执行数 ÷ 全年预算数, exact; None without both figures or with a budget of 0."""
    if row.annual_budget is None or row.executed is None or row.annual_budget == 0:
        return None
    return row.executed / row.annual_budget


def _n(value: Decimal) -> str:
    return plain(round_half_up(value, 6))


def _with_hand(rule: Decimal | None, hand: Decimal | None, reason: str | Callable[[], str],
               **kw) -> Score:
    """A hand score counts as the form prints it (12.345678 as 12.35): the printed 得分 then add
    up to the printed 总分; the digits typed stay in the project, and check names the cell."""
    if hand is None:
        return Score(rule, rule, False, reason, **kw)
    counted = form_score(hand)

    def why() -> str:
        rule_text = "无法按规则计分" if rule is None else f"规则得分 {plain(rule)}"
        text = reason if isinstance(reason, str) else reason()
        typed = "" if counted == hand else f"（填写 {plain(hand)}，按两位小数计）"
        return f"手动得分 {plain(counted)}{typed}；{rule_text}：{text}"
    return Score(counted, rule, True, why, **kw)


NO_BUDGET_ITEM = "本表不对预算执行率计分（分值全在绩效指标中）"


def budget_score(project: Project, profile: RuleProfile) -> Score:
    """预算执行率 得分 = 分值 × min(执行率, 1), rounded half up; a 得分 typed that is no number
    counts nothing."""
    score = _budget_score(project, profile)
    return _unread_hand(score, project.unreadable.get("budget_hand_score")) if project.budget_item else score


def _budget_score(project: Project, profile: RuleProfile) -> Score:
    weight, row = project.budget_weight, project.total_funds
    rate = execution_rate(row)
    if not project.budget_item:
        return Score(None, None, False, NO_BUDGET_ITEM, kind=ScoreKind.BUDGET)
    if weight is None:
        return _with_hand(None, project.budget_hand_score, "未填预算执行率分值", kind=ScoreKind.BUDGET)
    if row.annual_budget is None or row.annual_budget == 0:
        why = "全年预算数未填" if row.annual_budget is None else "全年预算数为 0"
        return _with_hand(None, project.budget_hand_score, f"{why}，无法计算执行率", kind=ScoreKind.BUDGET)
    if rate is None:
        return _with_hand(None, project.budget_hand_score, "全年执行数未填，无法计算执行率", kind=ScoreKind.BUDGET)
    share = min(max(rate, ZERO), ONE)
    rule = round_half_up(weight * share, profile.decimals)

    def reason() -> str:
        if rate > ONE:
            return f"执行率 {percent(rate)} 超过 100%：按满分计，{plain(rule)}/{_n(weight)}"
        return (f"执行率 {percent(rate)}：{_n(weight)} × {percent(rate)} = "
                f"{plain(round_half_up(weight * share, 2))}，得 {plain(rule)}/{_n(weight)}")
    return _with_hand(rule, project.budget_hand_score, reason, kind=ScoreKind.BUDGET)


@lru_cache(maxsize=8192)
def _clean(text: str) -> str:
    return re.sub(r"[\s/、,，;；]", "", normalize(text))


def find_scale(target: str, profile: RuleProfile) -> Scale | None:
    """The qualitative scale a target names ('优良中低差', '是/否') or a grade it asks for ('优')."""
    return _scale_index(profile).get(_clean(target))


@lru_cache(maxsize=16)
def _scale_index(profile: RuleProfile) -> dict[str, Scale]:
    """Cleaned scale names, then single grades, to their scale (first listed wins)."""
    index: dict[str, Scale] = {}
    for scale in profile.scales:
        for grade in scale.grades:
            index.setdefault(grade, scale)
    for scale in reversed(profile.scales):
        for name in scale.names:
            index[_clean(name)] = scale
    return index


def grade_share(actual: str, scale: Scale) -> tuple[str, Decimal] | None:
    a = _clean(actual)
    if a in scale.grades:
        return a, scale.grades[a]
    by_length = sorted(scale.grades, key=len, reverse=True)
    for grade in by_length:
        if a.startswith(grade):
            return grade, scale.grades[grade]
    for grade in by_length:
        if grade in a:
            return grade, scale.grades[grade]
    return None


def outcome_share(text: str, profile: RuleProfile) -> tuple[str, Decimal] | None:
    t = _clean(text)
    for band in profile.outcomes:
        for word in band.words:
            if word in t:
                return word, band.share
    return None


def _qualitative(ind: Indicator, weight: Decimal, grade: str, share: Decimal,
                 scale_name: str, profile: RuleProfile) -> Score:
    tier = profile.tier_for(share)
    rule = round_half_up(weight * share / HUNDRED, profile.decimals)
    bounds = (weight * tier.low / HUNDRED, weight * tier.high / HUNDRED, profile.is_top(tier))

    def reason() -> str:
        return (f"“{ind.actual.strip()}”（{scale_name}）：{grade} {plain(share)}%，"
                f"{tier.name}档，{plain(rule)}/{_n(weight)}")
    return _with_hand(rule, ind.hand_score, reason, kind=ScoreKind.QUALITATIVE, tier=bounds,
                      shortfall=share < HUNDRED)


_SHORT_CASES = frozenset({Case.SHORT, Case.NOT_EQUAL, Case.OVER_ZERO, Case.RATIO, Case.DOUBLE, Case.OVER})
_MONEY_UNITS = {"万元": Decimal(10000), "元": ONE}


def _direction(ind: Indicator, target: Quantity) -> Direction:
    if target.op in (">=", ">"):
        return Direction.POSITIVE
    if target.op in ("<=", "<"):
        return Direction.REVERSE
    if target.op == "=":
        return Direction.EQUAL
    return Direction.REVERSE if "成本" in ind.level2 or "成本" in ind.level1 else Direction.POSITIVE


def _quantitative(ind: Indicator, weight: Decimal, a_q: Quantity, profile: RuleProfile) -> Score:
    b_q = parse_quantity(ind.actual)
    for what, text in (("年度指标值", ind.target), ("实际完成值", ind.actual)):
        unclear = unclear_figures(text)
        if unclear:  # the first of two figures, or 1 of '1,5', would be a guess
            return _with_hand(None, ind.hand_score, f"{what}“{text.strip()}”中{unclear}",
                              kind=ScoreKind.UNSCORABLE)
    if b_q is None:
        return _with_hand(None, ind.hand_score, f"实际完成值“{ind.actual.strip()}”中没有数字",
                          kind=ScoreKind.UNSCORABLE)
    if not (in_bounds(a_q.value, MAX_QUANTITY) and in_bounds(b_q.value, MAX_QUANTITY)):
        return _with_hand(None, ind.hand_score, "年度指标值或实际完成值中的数字过大或位数过多",
                          kind=ScoreKind.UNSCORABLE)
    a, b, unit = a_q.value, max(b_q.value, ZERO), a_q.unit
    if unit == "%" and not b_q.unit and 0 < b <= 1 < a:  # '0.95' beside '≥95%': a share of one, or 0.95%?
        return _with_hand(None, ind.hand_score,
                          f"实际完成值“{ind.actual.strip()}”没有写“%”，年度指标值是百分数：是 {_n(b * 100)}% 还是 "
                          f"{_n(b)}%？请写明", kind=ScoreKind.UNSCORABLE)
    if b_q.unit and b_q.unit != unit:
        if unit in _MONEY_UNITS and b_q.unit in _MONEY_UNITS:
            b = b * _MONEY_UNITS[b_q.unit] / _MONEY_UNITS[unit]
        else:
            return _with_hand(None, ind.hand_score,
                              f"单位不一致：年度指标值为“{unit or '无单位'}”，实际完成值为“{b_q.unit}”",
                              kind=ScoreKind.UNSCORABLE)
    direction = _direction(ind, a_q)
    case: Case
    if direction == Direction.EQUAL and a <= 0:
        raw, case = (weight, Case.EQUAL) if b <= 0 else (ZERO, Case.NOT_EQUAL)
    elif direction in (Direction.POSITIVE, Direction.EQUAL):
        raw, case = (weight, Case.MET_MORE) if a <= 0 or b >= a else (weight * b / a, Case.SHORT)
    elif b <= a:
        raw, case = weight, Case.MET_LESS
    elif a <= 0:
        raw, case = ZERO, Case.OVER_ZERO
    elif profile.reverse_ratio:
        raw, case = weight * a / b, Case.RATIO
    elif b >= 2 * a:
        raw, case = ZERO, Case.DOUBLE
    else:
        raw, case = weight * (1 - (b - a) / a), Case.OVER
    rule = round_half_up(raw, profile.decimals)

    def reason() -> str:
        sa, sb = f"{_n(a)}{unit}", f"{_n(b)}{unit}"
        why = {Case.EQUAL: f"{sb} = {sa}", Case.NOT_EQUAL: f"{sb} ≠ {sa}",
               Case.MET_MORE: f"{sb} ≥ {sa}：达成", Case.MET_LESS: f"{sb} ≤ {sa}：达成",
               Case.OVER_ZERO: f"{sb} > {sa}：超出", Case.RATIO: f"{sb} > {sa}：按 {sa}/{sb} 计",
               Case.DOUBLE: f"{sb} ≥ 2 × {sa}：超出一倍及以上"}.get(case)
        if case == Case.SHORT:
            why = f"{sb} < {sa}：完成 {percent(b / a)}"
        elif case == Case.OVER:
            why = f"{sb} > {sa}：超出 {percent((b - a) / a)}"
        return f"{why}，{plain(rule)}/{_n(weight)}"
    return _with_hand(rule, ind.hand_score, reason, kind=ScoreKind.QUANTITATIVE, direction=direction,
                      target=a, actual=b, shortfall=case in _SHORT_CASES)


def _unread_hand(score: Score, typed: str | None) -> Score:
    """A 得分 cell holding text that is no number ('九'): the form prints that text, so the rule's
    score is not what it shows and nothing is counted for it; the 总分 is 待定 until the clerk writes
    a number or clears the cell (as Excel's 总分 formula, which counts the numbers, says too)."""
    if typed is None:
        return score
    return replace(score, value=None, hand=False, why=f"得分“{typed}”不是数字")


def indicator_score(ind: Indicator, profile: RuleProfile) -> Score:
    """Score one indicator from its 年度指标值 and 实际完成值; a 得分 typed that is no number
    counts nothing."""
    return _unread_hand(_indicator_score(ind, profile), ind.unreadable.get("hand_score"))


def _indicator_score(ind: Indicator, profile: RuleProfile) -> Score:
    weight = ind.weight
    if weight is None:
        return _with_hand(None, ind.hand_score, "未填分值", kind=ScoreKind.UNSCORABLE)
    if not ind.target.strip() or not ind.actual.strip():
        missing = "年度指标值" if not ind.target.strip() else "实际完成值"
        return _with_hand(None, ind.hand_score, f"未填{missing}", kind=ScoreKind.UNSCORABLE)
    pending = pending_word(ind.actual)
    if pending:
        actual = ind.actual.strip()
        return _with_hand(None, ind.hand_score,
                          f"实际完成值“{actual}”还不是结果" + ("" if pending == actual else f"（“{pending}”）"),
                          kind=ScoreKind.UNSCORABLE)
    scale = find_scale(ind.target, profile)
    if scale is not None:
        found = grade_share(ind.actual, scale)
        if found is None:
            return _with_hand(None, ind.hand_score,
                              f"实际完成值“{ind.actual.strip()}”不是“{scale.names[0]}”中的等级",
                              kind=ScoreKind.UNSCORABLE)
        return _qualitative(ind, weight, found[0], found[1], scale.names[0], profile)
    target = parse_quantity(ind.target)
    if target is not None:
        return _quantitative(ind, weight, target, profile)
    found = judged_by_actual(ind.target, ind.actual, profile)
    if found is None:
        return _with_hand(None, ind.hand_score,
                          f"无法判断实际完成值“{ind.actual.strip()}”是否达成年度指标值“{ind.target.strip()}”",
                          kind=ScoreKind.UNSCORABLE)
    return _qualitative(ind, weight, found[0], found[1], "完成情况", profile)


_NEGATIONS = ("不", "未", "没有", "没", "无", "非")
# an actual whose outcome is not there yet ('待完成', '完成情况待统计', '正在实施', '预计年底完成',
# '有待提高'): the 完成/提高 in it is no achievement, and its 得分 is 待定 until the clerk says what
# was done; 待 in words where it is no waiting (接待, 对待, 期待, 待遇, 待业, 待办事项 …), 预计 as a noun (达到预计目标)
# and 正在 inside 真正在 are left alone
_PENDING = re.compile(r"(?<![接对期招优款看等善虐厚亏相有])待(?![遇人客业岗]|办事项)[\u4e00-\u9fff]{0,2}|(?<![真公])正在"
                      r"|预计(?!目标|效果|要求|指标|成效|水平|进度|计划|值)|即将|未确?定")
# what is still to improve ('有待提高', '仍需进一步加强'): the outcome itself when it stands first,
# a remark when it follows one ('已完成，仍需进一步加强宣传' is done)
_REMARK = re.compile(r"有待[\u4e00-\u9fff]{0,2}|尚需|仍需|需进一步")
_CLAUSE = re.compile(r"[，,；;。]")
# a target that aims at nothing: the template's or a clerk's stand-in ('XX', '……', '请填写'),
# which an actual restating it does not achieve
_NO_AIM = re.compile(r"[xX×＊*…\.。·\-—－_?？○□]+|请(?:填写|输入).*|tbd|n/?a", re.IGNORECASE)


def pending_word(actual: str) -> str | None:
    """The word by which an actual says its outcome is not known yet, or None."""
    found = _PENDING.search(_clean(actual)) or _REMARK.search(_clean(_CLAUSE.split(normalize(actual), 1)[0]))
    return found.group(0) if found else None


def judged_by_actual(target: str, actual: str, profile: RuleProfile) -> tuple[str, Decimal] | None:
    """A target with no scale and no number ('严格执行相关制度规定', '有效') is judged by its
    actual: an outcome word, a grade, or the target restated (achieved); a restatement under a
    negation ('不符合相关规定') is the lowest outcome band. None: the actual says nothing readable."""
    found = outcome_share(actual, profile)
    if found is not None:
        return found
    t, a = _clean(target), _clean(actual)
    if t and t in a and not _NO_AIM.fullmatch(t):
        if a[: a.index(t)].endswith(_NEGATIONS):
            low = min(profile.outcomes, key=lambda band: band.share)
            return f"未{t}", low.share
        return a, HUNDRED
    return _grade_alone(a, profile)


def _grade_alone(actual: str, profile: RuleProfile) -> tuple[str, Decimal] | None:
    """An actual that is a grade and nothing more: '优', '良好', '较好', '优秀', '中等'."""
    if len(actual) > 4:
        return None
    for scale in profile.scales:
        for grade in sorted(scale.grades, key=len, reverse=True):
            if actual == grade or (actual.startswith(grade)
                                   and actual[len(grade):] in ("等", "级", "秀", "等级", "档")):
                return grade, scale.grades[grade]
    return None


def evaluate(project: Project, profile: RuleProfile | None = None,
             scores: list[Score] | None = None) -> Evaluation:
    """All derived values of a project under its rule profile. `scores`: the indicators' scores
    when the caller already has them (the window after an edit outside the indicators)."""
    profile = profile or load_profile(project.profile)
    budget = budget_score(project, profile)
    if scores is None:
        scores = [indicator_score(ind, profile) for ind in project.indicators]
    scored = [budget] if project.budget_item else []  # a form without the item: its indicators alone
    values = [s.value for s in scored] + [s.value for s in scores]
    total = sum((v for v in values if v is not None), ZERO)
    weights = ([project.budget_weight] if project.budget_item else []) + [i.weight for i in project.indicators]
    complete = all(v is not None for v in values)
    return Evaluation(
        rates={row.kind: execution_rate(row) for row in project.funds},
        budget=budget,
        indicators=scores,
        total=total,
        complete=complete,
        grade=grade_of(total, complete, profile),
        weight_sum=sum((w for w in weights if w is not None), ZERO),
        weights_missing=sum(w is None for w in weights),
    )
