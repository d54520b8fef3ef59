"""Read numbers the way clerks type them: full-width, with separators, units and operators."""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

# full-width digits and signs, U+2212 minus and the small hyphen people type as a sign
_FULL_WIDTH = str.maketrans(
    "０１２３４５６７８９．，％＋－−﹣＝═﹦⩾⩽＞＜：（）　",
    "0123456789.,%+---===≥≤><:() ",
)

# thousands grouped by commas, or by single spaces on one line ('1 200元/平方米': no 1 and a
# stray 200), as parse_amount reads them
_NUMBER = re.compile(r"[-+]?\d{1,3}(?: \d{3})+(?:\.\d+)?(?!\d)|[-+]?\d+(?:,\d{3})*(?:\.\d+)?|[-+]?\.\d+", re.ASCII)


@lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """Full-width digits, signs and brackets made half-width, trimmed. Thousands separators
    stay: the number pattern reads them ('1,234.5')."""
    s = (text or "").translate(_FULL_WIDTH)
    return s.strip()


def to_decimal(digits: str) -> Decimal:
    """The one door from text to Decimal. Only ASCII digits, one optional '-' or '+', one '.', and
    the separators the callers' patterns admit ('1,234', '1 234'): Decimal() itself also takes
    '1_000', '١٢', 'Infinity', 'NaN' and '1e3', none of which a clerk or this program writes."""
    s = digits.replace(",", "").replace(" ", "")
    if not _PLAIN.fullmatch(s):
        raise NotANumber(digits)
    return Decimal(s)


_PLAIN = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
# a number in the program's own files: as `plain` writes it ('18', '-3', '53.808'), or as earlier
# versions wrote a Decimal (its str: '1E-7', '0E-7', '1.2E+3' — capital E and a sign, never a
# clerk's '1e3'); nothing else
_STORED = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:E[-+][0-9]+)?")


def stored_number(value: object) -> Decimal | None:
    """A number cell's value in a project or department file, or None when it is not one written
    as the program writes it: '1_000', '+5', '5.', '1e3', 'NaN', '0x10' or '١٢' hand-edited into
    a file are kept as the text they are (named by check), never read as another number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        value = repr(value)
    if not isinstance(value, str) or not _STORED.fullmatch(value):
        return None
    return Decimal(value)


# No form holds more than a trillion 万元 or finer than 12 decimals; beyond that a number is a
# typing accident (or a hostile file), and Decimal arithmetic on it would fail or print gigabytes.
MAX_MAGNITUDE = Decimal(10) ** 12
MAX_QUANTITY = Decimal(10) ** 15  # counts in targets ('不少于 1,000,000,000 人次') may be larger
MAX_DECIMALS = 12
_FINEST = Decimal(1).scaleb(-MAX_DECIMALS)


MAX_DIGITS = 15  # what Excel and LibreOffice hold of a number: more would print as another


def in_bounds(value: Decimal, limit: Decimal = MAX_MAGNITUDE) -> bool:
    """A finite number of at most limit in size, at most 12 decimals and 15 significant digits
    (trailing zeros aside): 999999999999.123456 shows as 999999999999.123000 in a spreadsheet."""
    if not value.is_finite() or abs(value) > limit:
        return False
    if len(value.normalize().as_tuple().digits) > MAX_DIGITS:
        return False
    exponent = value.as_tuple().exponent
    return (isinstance(exponent, int) and exponent >= -MAX_DECIMALS) or value == value.quantize(_FINEST)


class NotANumber(ValueError):
    """The text in a number cell cannot be read as a number."""


_DIGIT_GAP = re.compile(r"([0-9]+)(\s+)(?=[0-9])")


def _squeezed(text: str) -> str:
    """The normalized text without whitespace — which between two digits is only a thousands
    separator on one line ('1 234 567', '12 345.6'): two figures in one cell ('18 19', '18' over
    '19') are no number, where dropping the space read them as 1819."""
    s = normalize(text)
    for m in _DIGIT_GAP.finditer(s):
        grouped = (len(m.group(1)) <= 3 and not s[:m.start()].endswith(".") and "\n" not in m.group(2)
                   and re.match(r"[0-9]{3}(?![0-9])", s[m.end():]))
        if not grouped:
            raise NotANumber(text)
    return re.sub(r"\s+", "", s)


def parse_amount(text: str | None) -> Decimal | None:
    """A money cell in 万元: '18', '53.808', '１２．５', '1,234.5', '18万元', '150万', '180000元'.

    Blank gives None; anything else raises NotANumber so the caller keeps the text as typed.
    """
    s = _squeezed(text or "")
    if not s:
        return None
    scale = Decimal(1)
    if s.endswith("万元"):
        s = s[:-2]
    elif s.endswith("万"):  # '150万', '125.25万': 万 alone is the unit too
        s = s[:-1]
    elif s.endswith("元"):
        s = s[:-1]
        scale = Decimal("0.0001")
    if not re.fullmatch(r"[-+]?(\d+(,\d{3})*(\.\d*)?|\.\d+)", s, re.ASCII):
        raise NotANumber(text)
    try:
        value = to_decimal(s.rstrip(".")) * scale
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only decimals
        raise NotANumber(text) from exc
    if not in_bounds(value):
        raise NotANumber(text)
    return unsigned_zero(value)


def parse_plain(text: str | None) -> Decimal | None:
    """A 分值 or 得分 cell: a plain number, full-width allowed; blank gives None."""
    s = _squeezed(text or "")
    if s.endswith("分"):
        s = s[:-1]
    if not s:
        return None
    if not re.fullmatch(r"[-+]?(\d+(,\d{3})*(\.\d*)?|\.\d+)", s, re.ASCII):
        raise NotANumber(text)
    value = to_decimal(s.rstrip("."))
    if not in_bounds(value):
        raise NotANumber(text)
    return unsigned_zero(value)


def unsigned_zero(value: Decimal) -> Decimal:
    """-0 (typed, read from a form, or a rounded tiny negative) is 0: a form never prints '-0'."""
    return value.copy_abs() if value.is_zero() else value


def plain(value: Decimal) -> str:
    """A Decimal as written on the form: no exponent, no trailing zeros ('18', '53.808'), never '-0'."""
    value = unsigned_zero(value)
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    """Half up, as the district rounds; -0.004 rounds to 0.00, never to -0.00."""
    with localcontext() as ctx:  # bounded inputs give ratios of up to 10^27: room for them
        ctx.prec = 60
        return unsigned_zero(value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def percent(rate: Decimal) -> str:
    """A rate as the form prints it: two decimals, half up ('99.64%')."""
    return f"{round_half_up(rate * 100, 2)}%"


SCORE_DECIMALS = 2  # the form prints a 得分 with at most two decimals (FORM.md)


def form_score(score: Decimal) -> Decimal:
    """A score at the form's precision: what it prints, and so what its 总分 adds up."""
    return round_half_up(score, SCORE_DECIMALS)


def score_text(score: Decimal) -> str:
    """Whole scores print as '10', others with at most two decimals ('3.33')."""
    return plain(form_score(score))


# --- quantities in indicator targets and actuals -------------------------------------------

_PREFIX_OPS = [
    ("不低于", ">="), ("不少于", ">="), ("不小于", ">="), ("大于等于", ">="), ("至少", ">="),
    ("不高于", "<="), ("不超过", "<="), ("不多于", "<="), ("不大于", "<="), ("小于等于", "<="),
    ("控制在", "<="), ("低于", "<"), ("少于", "<"), ("高于", ">"), ("大于", ">"), ("超过", ">"),
    ("等于", "="),
    (">=", ">="), ("<=", "<="), ("≥", ">="), ("≧", ">="), ("≤", "<="), ("≦", "<="),
    (">", ">"), ("<", "<"), ("=", "="),
]
_SUFFIX_OPS = [
    ("及以上", ">="), ("以上", ">="), ("及以下", "<="), ("以下", "<="), ("以内", "<="),
    ("之内", "<="),
]
_TAIL_OPS = [("以上", ">="), ("以后", ">="), ("以前", "<="), ("之前", "<="), ("前", "<="), ("以内", "<="),
             ("之内", "<="), ("以下", "<=")]
_TAIL_SPLIT = re.compile("|".join(["及以上", "及以下"] + [w for w, _ in _TAIL_OPS]))
# what follows a number before the unit ends: punctuation and spaces stop it
_UNIT = re.compile(r"[^\d\s,，。;；、()（）\[\]【】]*")


@dataclass(frozen=True)
class Quantity:
    """A number read out of a target or an actual, with its unit and its own direction."""

    value: Decimal
    unit: str
    op: str | None  # '>=', '>', '<=', '<', '=' or None when the text gives none


@lru_cache(maxsize=8192)
def parse_quantity(text: str | None) -> Quantity | None:
    """The first number in the text with its unit and operator; None when there is no number."""
    s = normalize(text or "")
    m = _NUMBER.search(s)
    return _quantity_at(s, m) if m else None


def _quantity_at(s: str, m: re.Match) -> Quantity:
    before = re.sub(r"\s+", "", s[: m.start()])
    op = None
    for word, sym in _PREFIX_OPS:
        if before.endswith(word):
            op = sym
            break
    rest = s[m.end():].lstrip()
    unit = _UNIT.match(rest).group(0) if rest else ""  # type: ignore[union-attr]  # matches ""
    for word, sym in _SUFFIX_OPS:
        if unit.endswith(word):
            unit = unit[: -len(word)]
            op = op or sym
            break
    if op is None:  # '12月31日前完成', '5个工作日以内': the direction can follow a date or a count
        tail = re.split(r"[,，。;；、()（）]", rest, maxsplit=1)[0]
        op = next((sym for word, sym in _TAIL_OPS if word in tail), None)
    unit = _TAIL_SPLIT.split(unit, maxsplit=1)[0].replace("％", "%")
    unit = re.sub(r"(左右|的|完成)$", "", unit)
    unit = re.sub(r"^(年|月|季度|周)(底|末|初)$", r"\1", unit)  # a deadline's 月底 is a month
    return Quantity(to_decimal(m.group(0)), unit, op)


# a comma before digits that do not group by three: '1,5次' is 1.5 written the European way, or
# two figures ('1,5' for 1 and 5), never 1
_COMMA_DECIMAL = re.compile(r"[0-9],(?:[0-9]{1,2}|[0-9]{4,})(?![0-9])")


@lru_cache(maxsize=8192)
def unclear_figures(text: str | None) -> str:
    """Why the number a target or an actual is scored on cannot be told ('' when it can): two
    figures of one unit ('88% 92%', '95%' over '98%') or a decimal comma ('1,5次'). Reading the
    first number of them would score a figure the clerk may not mean."""
    s = normalize(text or "")
    comma = _COMMA_DECIMAL.search(s)
    if comma:
        return f"“{comma.group(0)}”是小数还是两个数字无法确定"
    found = [_quantity_at(s, m) for m in _NUMBER.finditer(s)]
    if not found:
        return ""
    first = found[0]
    others = [q for q in found[1:] if q.unit == first.unit and q.value != first.value]
    if others:
        shown = "、".join(dict.fromkeys(plain(q.value) + q.unit for q in [first] + others))
        return f"有不止一个数字（{shown}），无法确定按哪个计分"
    return ""


# operators a 指标性质 cell holds, as the budget systems write them; 正向/反向 name a direction
_NATURE_OPS = {"正向": "≥", "正向指标": "≥", "反向": "≤", "反向指标": "≤"}


def join_target(nature: str, value: str, unit: str) -> str:
    """A target written in three cells (指标性质 / 指标值 / 度量单位) as the one cell it stands
    for: '≧' '50' '个' → '≧50个'. The clerk's characters are kept; 定性/定量 add nothing, and a
    value that already carries its operator or unit is not given them twice."""
    nature, value, unit = (nature or "").strip(), (value or "").strip(), (unit or "").strip()
    key = re.sub(r"\s+", "", nature)
    op = _NATURE_OPS.get(key, "")
    if not op and key and normalize(key) in {"≥", "≤", ">=", "<=", ">", "<", "=", "≧", "≦"}:
        op = key
    if not value:
        return ""
    quantity = parse_quantity(value)
    if quantity is None or quantity.op is not None:
        op = ""  # '≥' and '≥90' say it once; an operator before words ('= 优') says nothing
    if unit and quantity is not None and not quantity.unit and not value.endswith(unit):
        value += unit
    return op + value
