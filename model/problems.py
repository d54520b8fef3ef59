"""The checks of SCORING.md: what keeps a form from being signed, and what is worth a look."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from model.numbers import form_score, percent, plain, score_text
from model.profiles import RuleProfile, load_profile
from model.fields import SECTION_LABELS, Section, field_label
from model.project import AMOUNT_FIELDS, FundsKind, Project
from model.scoring import Direction, Evaluation, ScoreKind, evaluate

HUNDRED = Decimal(100)


class Severity(StrEnum):
    ERROR = "错误"
    WARNING = "提醒"


@dataclass(frozen=True)
class Place:
    """Where a problem is: a section of the form, a row in it, a field of the row."""

    section: StrEnum  # a Section; the department's table adds its own (DepartmentSection)
    row: int | None = None  # funds: index of the FundsKind; indicator: index in the list
    field: str | None = None

    def label(self) -> str:
        if self.section == Section.INDICATOR and self.row is not None:
            where = f"绩效指标第 {self.row + 1} 行"
        elif self.section == Section.FUNDS and self.row is not None:
            where = f"项目资金·{list(FundsKind)[self.row].value}"
        else:
            where = SECTION_LABELS[Section(self.section)]
        return f"{where}·{field_label(self.field, self.section)}" if self.field else where


@dataclass(frozen=True)
class Problem:
    severity: Severity
    place: Place
    message: str

    def __str__(self) -> str:
        return f"[{self.severity.value}] {self.place.label()}：{self.message}"


def check(project: Project, evaluation: Evaluation | None = None,
          profile: RuleProfile | None = None) -> list[Problem]:
    """Every problem of the project, errors first, each once."""
    profile = profile or load_profile(project.profile)
    ev = evaluation or evaluate(project, profile)
    out: list[Problem] = []
    err = lambda place, msg: out.append(Problem(Severity.ERROR, place, msg))  # noqa: E731
    warn = lambda place, msg: out.append(Problem(Severity.WARNING, place, msg))  # noqa: E731

    for field in ("name", "department", "implementer"):
        if not getattr(project, field).strip():
            err(Place(Section.HEADER, field=field), f"未填写{field_label(field)}")
    if project.year is None:
        err(Place(Section.HEADER, field="year"), "未填写年度")

    _unreadable(project, err)
    _score_bounds(project, err, warn)
    _rounded_over_weight(project, ev, profile, err)
    _funds(project, err, warn)
    _budget(project, ev, err, warn)
    if ev.weight_sum != HUNDRED:
        err(Place(Section.TOTAL, field="weight"),
            f"分值合计为 {ev.weight_sum_words()}，应为 100"
            + ("（含预算执行率的分值）" if project.budget_item else "（本表不对预算执行率计分）"))
    _printed_total(project, ev, warn)
    _indicators(project, ev, profile, err, warn)
    _level1_weights(project, profile, warn)
    _achieved(project, ev, warn)
    _share_gap(project, ev, profile, warn)
    out.sort(key=lambda p: p.severity != Severity.ERROR)
    return out


def not_a_number(text: str) -> str:
    return f"“{text}”不是数字"


def not_an_amount(text: str) -> str:
    return f"“{text}”不是金额，请填写万元数，如 18 或 53.808"


def _unreadable(project: Project, err) -> None:
    for field, text in project.unreadable.items():
        err(Place(Section.BUDGET, field=field), not_a_number(text))
    for i, row in enumerate(project.funds):
        for field, text in row.unreadable.items():
            err(Place(Section.FUNDS, i, field), not_an_amount(text))
    for i, ind in enumerate(project.indicators):
        for field, text in ind.unreadable.items():
            err(Place(Section.INDICATOR, i, field), not_a_number(text))


def _score_bounds(project: Project, err, warn) -> None:
    """A 分值 is never negative, and a hand 得分 lies within 0…分值: a form outside them cannot be
    signed, whatever its total (a negative 分值 could balance another row's excess). A hand 得分
    with more decimals than the form prints counts as printed: the clerk is told which cell."""
    rows = [(Place(Section.BUDGET, field="budget_weight"), Place(Section.BUDGET, field="budget_hand_score"),
             project.budget_weight, project.budget_hand_score)] if project.budget_item else []
    rows += [(Place(Section.INDICATOR, i, "weight"), Place(Section.INDICATOR, i, "hand_score"), ind.weight,
              ind.hand_score)
             for i, ind in enumerate(project.indicators)]
    for weight_place, score_place, weight, hand in rows:
        if weight is not None and weight < 0:
            err(weight_place, f"分值 {plain(weight)} 不能为负数")
        if hand is None:
            continue
        if hand != form_score(hand):
            warn(score_place, f"得分 {plain(hand)} 多于两位小数：表上印 {score_text(hand)}，总分也按 "
                              f"{score_text(hand)} 计；请改为 {score_text(hand)}")
        if hand < 0:
            err(score_place, f"得分 {plain(hand)} 不能为负数")
        elif weight is not None and weight >= 0 and hand > weight:
            err(score_place, f"得分 {plain(hand)} 超过分值 {plain(weight)}")


def _rounded_over_weight(project: Project, ev: Evaluation, profile: RuleProfile, err) -> None:
    """A 分值 with more decimals than the profile's scores (7.5 under whole numbers) rounds full
    marks above itself (8): a 得分 over its 分值 on the printed form, a 总分 over 100."""
    rows = [(Place(Section.BUDGET, field="budget_hand_score"), ev.budget, project.budget_weight)] \
        if project.budget_item else []
    rows += [(Place(Section.INDICATOR, i, "hand_score"), score, ind.weight)
             for i, (ind, score) in enumerate(zip(project.indicators, ev.indicators))]
    for place, score, weight in rows:
        if score.hand or score.value is None or weight is None or weight < 0 or score.value <= weight:
            continue
        rounding = "整数" if profile.decimals == 0 else f"{profile.decimals} 位小数"
        err(place, f"得分 {plain(score.value)} 超过分值 {plain(weight)}（{profile.name}的得分取{rounding}，"
                   "按规则算出的得分进位后超过了分值）；请把分值改为整数，或改用保留两位小数的评分规则")


def _funds(project: Project, err, warn) -> None:
    total, parts = project.funds[0], project.funds[1:]
    for field in AMOUNT_FIELDS:
        given = [getattr(r, field) for r in parts if getattr(r, field) is not None]
        if not given:
            continue
        whole = getattr(total, field)
        if whole is None or whole != sum(given, Decimal(0)):
            err(Place(Section.FUNDS, 0, field),
                f"年度资金总额（{'未填' if whole is None else plain(whole)}）不等于其中各项之和"
                f"（{plain(sum(given, Decimal(0)))}）")
    for i, row in enumerate(project.funds):
        for field in AMOUNT_FIELDS:
            value = getattr(row, field)
            if value is not None and value < 0:
                err(Place(Section.FUNDS, i, field), "金额不能为负数")
            elif value is not None and value != value.quantize(Decimal("0.000001")):
                warn(Place(Section.FUNDS, i, field), "金额以万元计最多六位小数（精确到分）")
        if (row.executed is not None and row.annual_budget is not None
                and row.executed > row.annual_budget):
            warn(Place(Section.FUNDS, i, "executed"),
                 f"全年执行数 {plain(row.executed)} 超过全年预算数 {plain(row.annual_budget)}")


def _budget(project: Project, ev: Evaluation, err, warn) -> None:
    score, row = ev.budget, project.total_funds
    place = Place(Section.BUDGET, field="budget_hand_score")
    if not project.budget_item:
        pass
    elif score.value is None:
        if "budget_hand_score" not in project.unreadable:  # else named as no number
            err(place, f"{score.reason}，预算执行率得分无法计算；请补全金额或手动填写得分")
    elif score.hand and score.rule is not None and score.value != score.rule:
        warn(place, f"手动得分 {plain(score.value)} 与规则得分 {plain(score.rule)} 不同")
    rate = ev.rates[FundsKind.TOTAL]
    if rate is not None and rate > 1:
        warn(Place(Section.FUNDS, 0, "executed"), f"执行率 {percent(rate)} 超过 100%，按满分计")
    if row.annual_budget == 0:
        warn(Place(Section.FUNDS, 0, "annual_budget"), "全年预算数为 0，不计算执行率")


def _printed_total(project: Project, ev: Evaluation, warn) -> None:
    """A form read from another desk keeps the 总分 it printed; where the rules add up to another,
    the clerk is told, and the printed one is never put in the rules' place."""
    printed = project.printed_total
    if printed is None or (ev.complete and ev.total == printed):
        return
    now = f"按本表各项得分合计为 {plain(ev.total)}" if ev.complete else "本表还有未计分的项目"
    warn(Place(Section.TOTAL), f"原表印的总分为 {plain(printed)}，{now}，请核对")


def _indicators(project: Project, ev: Evaluation, profile: RuleProfile, err, warn) -> None:
    below_full = any(s.value is not None and w is not None and s.value < w
                     for s, w in zip(([ev.budget] if project.budget_item else []) + ev.indicators,
                                     ([project.budget_weight] if project.budget_item else [])
                                     + [i.weight for i in project.indicators]))
    for i, (ind, score) in enumerate(zip(project.indicators, ev.indicators)):
        if not (ind.level1.strip() and ind.name.strip()):
            warn(Place(Section.INDICATOR, i, "level1" if not ind.level1.strip() else "name"),
                 "一级指标或三级指标未填写")
        if score.value is None:
            if "hand_score" not in ind.unreadable:  # else named as no number
                err(Place(Section.INDICATOR, i, "hand_score"), f"{score.reason}，无法计分；请改正或手动填写得分")
            continue
        if not ind.deviation.strip() and ind.weight is not None:
            if score.value < ind.weight:
                err(Place(Section.INDICATOR, i, "deviation"),
                    f"得分 {plain(score.value)} 低于分值 {plain(ind.weight)}，请填写偏差原因分析及改进措施")
            elif score.shortfall:
                err(Place(Section.INDICATOR, i, "deviation"),
                    "实际完成值未达到年度指标值（得分四舍五入后为满分），请填写偏差原因分析及改进措施")
        if score.hand and score.rule is not None:
            if score.kind == ScoreKind.QUALITATIVE and score.hand_in_tier is False and score.tier:
                low, high, _ = score.tier
                warn(Place(Section.INDICATOR, i, "hand_score"),
                     f"手动得分 {plain(score.value)} 超出该等级的得分范围 {plain(low)}–{plain(high)}")
            elif score.kind == ScoreKind.QUANTITATIVE and score.value != score.rule:
                warn(Place(Section.INDICATOR, i, "hand_score"),
                     f"手动得分 {plain(score.value)} 与规则得分 {plain(score.rule)} 不同")
        if score.direction == Direction.REVERSE and score.actual == 0 and below_full:
            warn(Place(Section.INDICATOR, i, "actual"),
                 "成本指标实际为 0，而其他指标未得满分：没有花钱不等于节约资金，请核实得分")
        if (score.direction == Direction.POSITIVE and score.target and score.actual is not None
                and score.actual * HUNDRED >= score.target * profile.overshoot_percent):
            warn(Place(Section.INDICATOR, i, "actual"),
                 f"实际完成值达到年度指标值的 {percent(score.actual / score.target)}，"
                 "指标值可能定得偏低，请在偏差原因中说明")


def _level1_name(name: str, known: list[str]) -> str:
    n = name.strip()
    return next((k for k in known if k.startswith(n) or n.startswith(k)), n) if n else n


def _level1_weights(project: Project, profile: RuleProfile, warn) -> None:
    known = list(profile.level1_weights)
    sums: dict[str, Decimal] = {}
    rows: dict[str, list[int]] = {}
    for i, ind in enumerate(project.indicators):  # a 一级 成本指标 counts with 产出 (profile.level1_counts_with)
        key = _level1_name(ind.level1, known)
        key = next((into for name, into in profile.level1_counts_with.items()
                    if key.startswith(name) or (key and name.startswith(key))), key)
        sums[key] = sums.get(key, Decimal(0)) + (ind.weight or 0)
        rows.setdefault(key, []).append(i)
    if not project.indicators:
        return
    for name, usual in profile.level1_weights.items():
        got = sums.get(name, Decimal(0))
        if abs(got - usual) >= profile.level1_tolerance:  # 10 points or more
            where = rows.get(name)  # the group's rows, named; its first is where a click goes
            place = Place(Section.INDICATOR, where[0], "weight") if where else Place(Section.INDICATOR)
            which = f"（第 {row_list(where)} 行）" if where else "（表中没有这一组的行）"
            warn(place, f"{name}分值合计 {plain(got)}{which}，与通常的 {plain(usual)} 相差较大")


def _achieved(project: Project, ev: Evaluation, warn) -> None:
    text = project.achieved
    if not ev.complete:
        return
    if "已完成" in text and "未完成" not in text and ev.total < 90:
        warn(Place(Section.GOAL, field="achieved"), f"实际完成情况写“已完成”，但总分只有 {plain(ev.total)}")
    elif "未完成" in text and ev.total >= 90:
        warn(Place(Section.GOAL, field="achieved"), f"实际完成情况写“未完成”，但总分为 {plain(ev.total)}")


def _share_gap(project: Project, ev: Evaluation, profile: RuleProfile, warn) -> None:
    rate = ev.rates[FundsKind.TOTAL]
    pairs = [(s.value, i.weight) for s, i in zip(ev.indicators, project.indicators)
             if s.value is not None and i.weight]
    if rate is None or not pairs:
        return
    share = sum((v for v, _ in pairs), Decimal(0)) / sum((w for _, w in pairs), Decimal(0))
    gap = (share - min(rate, Decimal(1))) * HUNDRED
    if gap > profile.share_gap_points:
        row = _explaining_row(project, ev)
        warn(Place(Section.INDICATOR, row, "deviation"),
             f"指标得分率 {percent(share)} 比预算执行率 {percent(rate)} 高出 {plain(gap.quantize(Decimal('0.01')))} 个百分点，"
             f"建议在第 {row + 1} 行的“偏差原因分析及改进措施”中说明")


def _explaining_row(project: Project, ev: Evaluation) -> int:
    """Where the gap is best explained: the first row scored in full whose 偏差原因 is empty,
    else the first with an empty 偏差原因, else the first row."""
    inds = list(zip(project.indicators, ev.indicators))
    full = [i for i, (ind, s) in enumerate(inds) if not ind.deviation.strip()
            and s.value is not None and ind.weight and s.value >= ind.weight]
    empty = [i for i, (ind, _) in enumerate(inds) if not ind.deviation.strip()]
    return (full or empty or [0])[0]


def row_list(rows: list[int]) -> str:
    """Rows as a clerk reads them: '1–4、7' (numbered from 1)."""
    runs: list[list[int]] = []
    for r in rows:
        if runs and r == runs[-1][-1] + 1:
            runs[-1].append(r)
        else:
            runs.append([r])
    return "、".join(str(run[0] + 1) if len(run) == 1 else f"{run[0] + 1}–{run[-1] + 1}" for run in runs)
