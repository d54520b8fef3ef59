"""Text as clerks paste it, made fit for Word and Excel: one home for cleaning and cutting.

Word's manual line break arrives as a vertical tab, a page break as a form feed, a Windows line
end as CR LF; NUL, other C0
controls, U+FFFE/U+FFFF and lone surrogates cannot be stored in XML (or UTF-8) at all. Line breaks
are kept as line breaks, the unstorable characters dropped, and nothing else is changed — but for
invisible format characters (bidi overrides such as U+202E, zero-width spaces): they make a printed
number or name read other than it is ('001' shown as '100'), so they are dropped here, where every
text enters the model and so every output, the window included; `hidden_controls` lets check and
import say where they were.
"""
from __future__ import annotations

import re

# \t and \n stay; \v, \f and \r (CR LF or a lone CR, as Word, Excel and XML read them) become
# one line break; the rest of C0, the two non-characters and unpaired surrogates go
_LINE_BREAKS = str.maketrans({"\v": "\n", "\f": "\n", "\r": "\n"})
# bidi embeddings, overrides and isolates, LRM/RLM/ALM, zero-width space/joiners, word joiner and
# invisible operators, the BOM inside a text: nothing a form's text needs, all able to disguise it
_HIDDEN_CHARS = "\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
_HIDDEN = re.compile(f"[{_HIDDEN_CHARS}]")
_UNSTORABLE = re.compile(f"[\x00-\x08\x0e-\x1f\ufffe\uffff\ud800-\udfff{_HIDDEN_CHARS}]")
_HIDDEN_NAMES = {"\u202e": "从右到左覆盖", "\u202d": "从左到右覆盖", "\u202b": "从右到左嵌入", "\u202a": "从左到右嵌入",
                 "\u200f": "从右到左标记", "\u200e": "从左到右标记", "\u200b": "零宽空格", "\ufeff": "零宽不换行空格"}


def clean_text(text: str) -> str:
    """The text with vertical tabs, form feeds and carriage returns (CR LF once) as line breaks
    and unstorable characters dropped."""
    if text.isprintable() and "\ufffe" not in text and "\uffff" not in text:
        return text  # the common case, without a regex pass
    return _UNSTORABLE.sub("", text.replace("\r\n", "\n").translate(_LINE_BREAKS))


def hidden_controls(text: str) -> list[str]:
    """The invisible format characters in text, named ('U+202E（从右到左覆盖）'), each once."""
    found = dict.fromkeys(_HIDDEN.findall(text or ""))
    return [f"U+{ord(ch):04X}" + (f"（{_HIDDEN_NAMES[ch]}）" if ch in _HIDDEN_NAMES else "") for ch in found]


def hidden_warning(found: list[str]) -> str:
    """What check and import say where a text held invisible format characters."""
    return (f"含有不可见的控制字符 {'、'.join(found)}，会让打印的文字或数字看起来与实际不同（如 001 显示为 100），"
            "读取时已去除，请核对这里的内容")


def cut(text: str, limit: int) -> str:
    """At most limit characters, for metadata fields with a fixed size (a document's title)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


_BREAKS = re.compile("\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


def one_line(text: str, tab: str = "\t") -> str:
    """Text as one printed line: a batch script reads `check`/`summary` line by line (and a
    summary row cell by cell, tab by tab), so a name pasted with a line break (or a hostile
    "\\n总分：100") must not start a line of its own. tab: what a tab becomes."""
    return _HIDDEN.sub("", _BREAKS.sub(" ", text).replace("\t", tab))


def is_wide(ch: str) -> bool:
    """Set a full em wide and breakable on either side when printed: Chinese, full-width forms."""
    return ord(ch) > 0x2E7F


def join_lines(text: str) -> str:
    """A short cell's text (a label, 一级/二级指标, a target) as typed, from its printed lines: a
    break next to a Chinese character disappears (the exporters break only there, so our own
    forms read back exactly), any other becomes a space."""
    def join(m: re.Match) -> str:
        a, b = m.string[m.start() - 1: m.start()], m.string[m.end(): m.end() + 1]
        return "" if not a or not b or is_wide(a) or is_wide(b) else " "
    return re.sub(r"\r\n|[\n\r\v\u2028\u2029]", join, text.strip())
