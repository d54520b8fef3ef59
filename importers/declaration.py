"""A 绩效目标申报表 (targets set at budget time) as the start of the year's 自评表."""
from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

from model import Note, Project, load_profile

DECLARED = "由绩效目标申报表导入"  # the note that says where the project came from
PROPOSED = "分值待确认"


def start_from_declaration(p: Project) -> None:
    """Actuals and scores empty; where the declaration gives no weights, 分值 proposed by the
    profile's 一级 split (产出 50 / 效益 30 / 满意度 10, 成本指标 with 产出) and a note to confirm."""
    for ind in p.indicators:
        ind.actual, ind.hand_score, ind.deviation = "", None, ""
    p.notes.insert(0, Note(title=DECLARED, text="年度指标值和分值（权重）取自申报表；实际完成值、得分待年底填写。"))
    if not p.indicators or any(ind.weight is not None for ind in p.indicators):
        return
    profile = load_profile(p.profile)
    groups: dict[str, list] = {name: [] for name in profile.level1_weights}
    for ind in p.indicators:
        key = _group(ind.level1, profile)
        if key is not None:
            groups[key].append(ind)
    for name, inds in groups.items():
        if not inds:
            continue
        total = Decimal(profile.level1_weights[name])
        each = (total / len(inds)).to_integral_value(rounding=ROUND_FLOOR)
        for k, ind in enumerate(inds):
            ind.weight = each + (1 if k < total - each * len(inds) else 0)
    shown = "、".join(f"{n} {w}" for n, w in profile.level1_weights.items())
    p.notes.append(Note(title=PROPOSED, text=f"申报表没有填写权重，分值按一级指标（{shown}，成本指标计入产出）"
                                              "平均拟定，请逐项确认。"))


def _group(level1: str, profile) -> str | None:
    l1 = level1.strip()
    for name in profile.level1_weights:
        if l1 and (name.startswith(l1[:2]) or l1.startswith(name[:2])):
            return name
    for name, into in profile.level1_counts_with.items():
        if l1 and l1.startswith(name[:2]):
            return into
    return None
