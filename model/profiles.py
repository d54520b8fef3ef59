"""Rule profiles: every number of the scoring rules, as data shipped beside the code."""
from __future__ import annotations

import json
import re
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from typing import Literal

from pydantic import BaseModel, ConfigDict

DEFAULT_PROFILE = "朝阳区"
_DATA = Path(__file__).with_name("profile_data")  # shipped beside the code (and in the frozen build)
_FILES = {"朝阳区": "chaoyang.json", "财预〔2020〕10号": "caiyu2020.json"}


class Tier(BaseModel):
    name: str
    low: Decimal  # percent of 分值, included
    high: Decimal  # percent of 分值, included only for the top tier


class Scale(BaseModel):
    names: list[str]  # how targets write the scale: '优良中低差', '是/否'
    grades: dict[str, Decimal]  # grade -> percent of 分值


class OutcomeBand(BaseModel):
    share: Decimal
    words: list[str]


class RuleProfile(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    description: str = ""
    decimals: int = 0  # scores are rounded half up to this many decimals
    reverse_ratio: bool = False  # reverse indicators scored 分值 × A/B instead of the linear rule
    tiers: list[Tier]
    scales: list[Scale]
    outcomes: list[OutcomeBand]  # checked in order: the first band with a word in the actual wins
    level1_weights: dict[str, Decimal]
    level1_tolerance: Decimal = Decimal(10)  # a 一级 sum this many points off (or more) is a warning
    level1_counts_with: dict[str, str] = {}  # a 一级 of its own counted with another: 成本指标 → 产出指标
    overshoot_percent: Decimal = Decimal(130)
    share_gap_points: Decimal = Decimal(5)
    grade_bands: list[tuple[str, Decimal]]
    # 部门预决算差异率 = |决算数 − base| ÷ base: the seeds disagree on the base (年初 or 全年预算数)
    variance_base: Literal["initial", "annual"] = "initial"
    # whether a NEW form starts with the 预算执行率 item on its 年度资金总额 line (分值 10); a form
    # read from a file keeps what it printed either way
    budget_item: bool = True

    # by identity: lets scoring cache per-profile lookups (fields hold lists, which don't hash)
    __hash__ = object.__hash__

    def tier_for(self, share: Decimal) -> Tier:
        tiers = _tiers_down(self)
        for tier in tiers:
            if share >= tier.low:
                return tier
        return tiers[-1]

    def is_top(self, tier: Tier) -> bool:
        return tier is _tiers_down(self)[0]

    def grade(self, total: Decimal) -> str:
        for name, low in sorted(self.grade_bands, key=lambda b: b[1], reverse=True):
            if total >= low:
                return name
        return self.grade_bands[-1][0]


@lru_cache(maxsize=16)
def _tiers_down(profile: RuleProfile) -> tuple[Tier, ...]:
    """Tiers from the highest down, sorted once per profile object (profiles hash by identity)
    rather than on every qualitative score."""
    return tuple(sorted(profile.tiers, key=lambda t: t.low, reverse=True))


def profile_names() -> list[str]:
    return list(_FILES)


def known_profile(name: str) -> str:
    """The name of a shipped profile, as a file's validator takes it: an unknown one (a newer
    program's, a typo, a path) is refused in Chinese, never taken for the default."""
    if name not in _FILES:
        raise ValueError(f"本程序没有名为“{name[:50]}”的评分规则，可选：{'、'.join(_FILES)}")
    return name


@lru_cache(maxsize=None)
def load_profile(name: str = DEFAULT_PROFILE) -> RuleProfile:
    """A shipped profile by its name; KeyError names the ones there are."""
    if name not in _FILES:
        raise KeyError(f"没有名为“{name}”的评分规则，可选：{'、'.join(_FILES)}")
    text = (_DATA / _FILES[name]).read_text(encoding="utf-8")
    return RuleProfile.model_validate(json.loads(text))


_KEYWORD = "评分规则："  # in an exported file's keywords (Word and Excel document properties)


def profile_keywords(name: str) -> str:
    """The keywords our exports write, naming the rule profile the form was scored with."""
    return f"{_KEYWORD}{name}"


def profile_from_keywords(keywords: str | None) -> str:
    """The rule profile a file's keywords name (profile_keywords); the default otherwise."""
    m = re.search(_KEYWORD[:-1] + r"[:：]\s*(\S+)", keywords or "")
    return m.group(1) if m and m.group(1) in _FILES else DEFAULT_PROFILE
