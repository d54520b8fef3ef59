"""Text as clerks paste it, made fit for Word and Excel: one home for cleaning and cutting.

Word's manual line break arrives as a vertical tab, a page break as a form feed; NUL, other C0
controls, U+FFFE/U+FFFF and lone surrogates cannot be stored in XML (or UTF-8) at all. Line breaks
are kept as line breaks, the unstorable characters dropped, and nothing else is changed.
"""
from __future__ import annotations

import re

# \t \n \r stay; \v and \f become line breaks; the rest of C0, the two non-characters and
# unpaired surrogates go
_LINE_BREAKS = str.maketrans({"\v": "\n", "\f": "\n"})
_UNSTORABLE = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean_text(text: str) -> str:
    """The text with vertical tabs and form feeds as line breaks and unstorable characters dropped."""
    if text.isprintable() and "\ufffe" not in text and "\uffff" not in text:
        return text  # the common case, without a regex pass
    return _UNSTORABLE.sub("", text.translate(_LINE_BREAKS))


def cut(text: str, limit: int) -> str:
    """At most limit characters, for metadata fields with a fixed size (a document's title)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


_BREAKS = re.compile("\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


def one_line(text: str, tab: str = "\t") -> str:
    """Text as one printed line: a batch script reads `check`/`summary` line by line (and a
    summary row cell by cell, tab by tab), so a name pasted with a line break (or a hostile
    "\\n总分：100") must not start a line of its own. tab: what a tab becomes."""
    return _BREAKS.sub(" ", text).replace("\t", tab)


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
