"""The 自评表 of one project: what a clerk types, nothing derived."""
from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field, field_serializer, field_validator, model_validator

from model.numbers import NotANumber, in_bounds, parse_amount, parse_plain, stored_number, unsigned_zero
from model.profiles import DEFAULT_PROFILE, known_profile
from model.text import clean_text


MAX_INDICATORS = 2000  # far beyond any real form (some 20 rows); the window's paste has the same bound


class FundsKind(StrEnum):
    TOTAL = "年度资金总额"
    FISCAL = "其中：当年财政拨款"
    CARRYOVER = "上年结转资金"
    OTHER = "其他资金"


AMOUNT_FIELDS = ("initial_budget", "annual_budget", "executed")


class _Cells(BaseModel):
    """A row whose number cells keep what the clerk typed when it cannot be read."""

    model_config = ConfigDict(validate_assignment=True, extra="forbid")

    # field name -> text as typed, for number cells that could not be read
    unreadable: dict[str, str] = Field(default_factory=dict)

    @field_validator("*", mode="before")
    @classmethod
    def _storable_text(cls, value):
        """Every text as Word and Excel can hold it, whether typed, pasted, imported or loaded."""
        if isinstance(value, str):
            return clean_text(value)
        if isinstance(value, dict):
            return {k: clean_text(v) if isinstance(v, str) else v for k, v in value.items()}
        return value

    @field_validator("*", mode="after")
    @classmethod
    def _no_negative_zero(cls, value):
        """-0 in a file (hand-edited, or an older version's) is 0, as typed -0 is."""
        return unsigned_zero(value) if isinstance(value, Decimal) else value

    @model_validator(mode="before")
    @classmethod
    def _sane_numbers(cls, data):
        """A number cell in a file is read by `stored_number` alone: one beyond sane bounds, or
        written other than as the program writes numbers ('1_000', '1e3', '+5', 'NaN'), is kept
        as unreadable text, which check names with its cell."""
        if not isinstance(data, dict):
            return data
        moved, read = {}, {}
        for field in cls._NUMBER_FIELDS:
            value = data.get(field)
            if value is None or isinstance(value, (list, dict)):
                continue  # a list or object: pydantic's own message names it
            number = stored_number(value)
            if number is None or not in_bounds(number):
                moved[field] = clean_text(str(value))[:100]
            else:
                read[field] = number
        if not moved and not read:
            return data
        unreadable = data.get("unreadable")
        unreadable = dict(unreadable) if isinstance(unreadable, dict) else {}
        if not moved:
            return {**data, **read}
        return {**data, **read, **{f: None for f in moved}, "unreadable": {**unreadable, **moved}}

    @field_serializer("*", mode="wrap", when_used="json")
    def _plain_numbers(self, value, handler):
        """Numbers in files as the form writes them ('0.0000001', never '1E-7', which reads back
        as no number)."""
        return format(value, "f") if isinstance(value, Decimal) else handler(value)

    def set_typed(self, field: str, text: str | None) -> None:
        """Set any field from what was typed: number cells are read (kept when unreadable)."""
        parse = self._NUMBER_FIELDS.get(field)
        if parse is not None:
            self._set_number(field, (text or "").strip() or None, parse)
        elif field == "year":
            digits = (text or "").strip()
            setattr(self, field, int(digits) if digits.isascii() and digits.isdigit() and len(digits) <= 4 else None)
        else:
            setattr(self, field, text or "")

    _NUMBER_FIELDS: ClassVar[dict] = {}

    def _set_number(self, field: str, text: str | Decimal | None, parse) -> None:
        if isinstance(text, Decimal) and not in_bounds(text):
            text = str(text)[:100]  # kept as unreadable text below, like a typed one
        if isinstance(text, Decimal) or text is None:
            value = text
        else:
            try:
                value = parse(text)
            except NotANumber:
                setattr(self, field, None)
                self.unreadable = {**self.unreadable, field: text}
                return
        setattr(self, field, value)
        if field in self.unreadable:
            self.unreadable = {k: v for k, v in self.unreadable.items() if k != field}


class FundsRow(_Cells):
    """One line of 项目资金: amounts in 万元, exact."""

    kind: FundsKind
    label: str = ""  # the label as written on the form ('     上年结转资金'); blank = kind's text
    initial_budget: Decimal | None = None  # 年初预算数
    annual_budget: Decimal | None = None  # 全年预算数
    executed: Decimal | None = None  # 全年执行数

    _NUMBER_FIELDS: ClassVar[dict] = {f: parse_amount for f in AMOUNT_FIELDS}

    def set_amount(self, field: str, text: str | Decimal | None) -> None:
        """Set an amount from what was typed; unreadable text is kept and reported."""
        if field not in AMOUNT_FIELDS:
            raise KeyError(field)
        self._set_number(field, text, parse_amount)

    @property
    def shown_label(self) -> str:
        return self.label or self.kind.value


class Indicator(_Cells):
    """One row of 绩效指标."""

    level1: str = ""  # 一级指标
    level2: str = ""  # 二级指标
    name: str = ""  # 三级指标, as written ('指标1：…')
    target: str = ""  # 年度指标值, as typed
    actual: str = ""  # 实际完成值, as typed
    weight: Decimal | None = None  # 分值
    hand_score: Decimal | None = None  # 得分 set by a person; None = the rule's
    hand_note: str = ""  # why the score was set by hand
    deviation: str = ""  # 偏差原因分析及改进措施

    _NUMBER_FIELDS: ClassVar[dict] = {"weight": parse_plain, "hand_score": parse_plain}

    def set_number(self, field: str, text: str | Decimal | None) -> None:
        if field not in ("weight", "hand_score"):
            raise KeyError(field)
        self._set_number(field, text, parse_plain)


class Note(BaseModel):
    """A block of text a form carries beside the table (评价结论, 存在问题, 改进措施, 备注 …),
    kept so that nothing written on an imported form is lost."""

    model_config = ConfigDict(validate_assignment=True, extra="forbid")

    title: str = ""
    text: str = ""


def default_funds() -> list[FundsRow]:
    return [FundsRow(kind=k) for k in FundsKind]


class Project(_Cells):
    """One project's self-assessment table. Rates, scores, total and 等级 are derived."""

    district: str = "朝阳区"  # the title's district; the rule profile is a separate choice
    year: int | None = Field(default=None, ge=1000, le=9999)
    name: str = ""  # 项目名称
    department: str = ""  # 主管部门
    implementer: str = ""  # 实施单位
    manager: str = ""  # 项目负责人
    phone: str = ""  # 联系电话
    funds: list[FundsRow] = Field(default_factory=default_funds, min_length=4, max_length=4)
    # the form scores 预算执行率 on its 年度资金总额 line; False: a form that has no such item
    # (its indicators hold all 100 points), which is never given one behind the clerk's back
    budget_item: bool = True
    budget_weight: Decimal | None = Decimal(10)  # 预算执行率 分值
    budget_hand_score: Decimal | None = None  # 预算执行率 得分 set by a person
    goal: str = ""  # 预期目标
    achieved: str = ""  # 实际完成情况
    indicators: list[Indicator] = Field(default_factory=list, max_length=MAX_INDICATORS)
    profile: str = DEFAULT_PROFILE  # the rule profile the project is scored with
    notes: list[Note] = Field(default_factory=list)  # text blocks beside the table; optional in files
    # the 总分 a form read from another desk printed: kept to compare with the rules' total, never
    # put in its place (a difference is a warning); optional in files
    printed_total: Decimal | None = None

    _NUMBER_FIELDS: ClassVar[dict] = {"budget_weight": parse_plain, "budget_hand_score": parse_plain}

    @field_validator("profile")
    @classmethod
    def _known_profile(cls, name: str) -> str:
        return known_profile(name)

    @field_validator("printed_total", mode="before")
    @classmethod
    def _stored_total(cls, value):
        if value is None or isinstance(value, Decimal):
            return value
        number = stored_number(value)
        if number is None:
            raise ValueError("应为数字，如 100 或 93.5")
        return number

    @model_validator(mode="after")
    def _funds_in_order(self) -> Project:
        return _check_funds_order(self)

    def set_number(self, field: str, text: str | Decimal | None) -> None:
        if field not in ("budget_weight", "budget_hand_score"):
            raise KeyError(field)
        self._set_number(field, text, parse_plain)

    def funds_row(self, kind: FundsKind) -> FundsRow:
        return next(r for r in self.funds if r.kind == kind)

    @property
    def total_funds(self) -> FundsRow:
        return self.funds_row(FundsKind.TOTAL)


def _check_funds_order(project: Project) -> Project:
    kinds = [r.kind for r in project.funds]
    if kinds != list(FundsKind):
        raise ValueError("项目资金必须依次为：" + "、".join(k.value for k in FundsKind))
    return project

