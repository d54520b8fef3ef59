"""Every file and sheet name the program makes from a clerk's text, made the same on every platform.

A project's name becomes a file name (import --outdir, the overview's 新建/重命名, next year's
folder, exports) or an Excel sheet title (combined export). Whatever the text — a device name
Windows refuses (CON, nul.txt, COM¹), a path (../../x), a leading dot that hides the file from
folder commands, a trailing dot or space Windows drops, a reserved character, a name too long for
the disk (255 UTF-8 bytes on Linux/macOS) or for Excel (31 UTF-16 units) — the name made here is
one that Windows, Linux and macOS all hold and show as the same file.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

FALLBACK = "未命名项目"
# a file name's UTF-8 bytes, leaving room for '（12）', '（导出）' and '.zpb.json' within 255
NAME_BYTES = 200
SHEET_UNITS = 31  # Excel: a sheet title has at most 31 characters, counted in UTF-16 units

# what Windows refuses in a file name; Excel refuses []:*?/\ in a sheet title
FILE_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
SHEET_FORBIDDEN = re.compile(r"[\\/:*?\[\]\x00-\x1f\x7f]")
_SEPARATORS = re.compile(r"[\\/]")
# Windows' device names, whatever follows their first dot: digits 0-9 and the superscripts ¹²³,
# which Windows also counts as digits of COM and LPT
_DEVICE = re.compile(r"(CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|CLOCK\$|(COM|LPT)[0-9¹²³])", re.IGNORECASE)
_SHEET_RESERVED = {"history"}  # Excel keeps this title for itself


def utf16_units(text: str) -> int:
    """How Excel and Windows count a text: a character outside the BMP (𠮷) counts 2."""
    return len(text.encode("utf-16-le")) // 2


def is_device_name(name: str) -> bool:
    """A name Windows takes for a device (CON, aux.txt, 'nul .json', COM¹ …)."""
    base = name.split(".", 1)[0].rstrip(" ")
    return bool(_DEVICE.fullmatch(base))


def _cut(text: str, max_bytes: int | None, max_units: int | None) -> str:
    """text cut whole characters at a time to fit both limits, with no dot or space at its end."""
    while text and ((max_bytes is not None and len(text.encode("utf-8")) > max_bytes)
                    or (max_units is not None and utf16_units(text) > max_units)):
        text = text[:-1]
    return text.rstrip(". ")


def _clean(text: str, forbidden: re.Pattern[str]) -> str:
    text = unicodedata.normalize("NFC", text or "")
    text = text.encode("utf-8", "replace").decode("utf-8")  # a lone surrogate cannot be a name
    # invisible format characters (Cf): a right-to-left override shows 'evil.exe.zpb.json' as
    # 'nosj.bpz.exe.live', a zero-width space makes look-alike names and hides a device name
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    # a path's separators join its parts with '_'; parts that only climb ('..', '.') are dropped
    parts = [p for p in _SEPARATORS.split(text) if p.strip(". ")]
    text = "_".join(parts)
    text = forbidden.sub("", text)  # '经费: "2024"' reads as '经费 2024' 
    text = re.sub(r"\s+", " ", text)
    return text.strip().lstrip(". ").rstrip(". ")


def safe_name(text: str, fallback: str = FALLBACK, *, max_bytes: int | None = NAME_BYTES,
              max_units: int | None = None) -> str:
    """A file name (without suffix) for any text, the same on every platform: no reserved
    character, no leading dot (hidden, and skipped by folder commands), no trailing dot or
    space, no Windows device name, within max_bytes of UTF-8 and max_units of UTF-16."""
    name = _cut(_clean(text, FILE_FORBIDDEN), max_bytes, max_units)
    if name and is_device_name(name):
        base, dot, rest = name.partition(".")
        name = _cut(f"{base.rstrip(' ')}_{dot}{rest}", max_bytes, max_units)
    if not name:
        return fallback if fallback == FALLBACK else safe_name(fallback, FALLBACK, max_bytes=max_bytes,
                                                               max_units=max_units)
    return name


def sheet_name(text: str, fallback: str = "表") -> str:
    """An Excel sheet title for any text: none of []:*?/\\, no apostrophe at either end,
    at most 31 UTF-16 units (𠮷 counts 2), never Excel's own 'History'."""
    name = _clean(text, SHEET_FORBIDDEN).strip("'").strip()
    name = _cut(name, None, SHEET_UNITS).strip("'").rstrip(". ")
    if not name or name.casefold() in _SHEET_RESERVED:
        name = _cut(f"{name} {fallback}".strip(), None, SHEET_UNITS) if name else fallback
    return name


def name_key(name: str) -> str:
    """Two names that are one file on Windows or macOS (letter case, composed accents) share a key."""
    return unicodedata.normalize("NFC", name).casefold()


def distinct_name(name: str, taken: set[str], *, max_bytes: int | None = NAME_BYTES,
                  max_units: int | None = None) -> str:
    """name, or '名称（2）', '名称（3）' … — the first whose key is not in taken (keys of
    name_key), cut so that the number still fits the limits; the result's key is added to taken."""
    name = _cut(name, max_bytes, max_units) or name
    candidate, k = name, 1
    while name_key(candidate) in taken:
        k += 1
        suffix = f"（{k}）"
        room_bytes = None if max_bytes is None else max_bytes - len(suffix.encode("utf-8"))
        room_units = None if max_units is None else max_units - utf16_units(suffix)
        candidate = _cut(name, room_bytes, room_units) + suffix
    taken.add(name_key(candidate))
    return candidate


def distinct_names(names: Iterable[str], taken: Iterable[str] = (), *, max_bytes: int | None = NAME_BYTES,
                   max_units: int | None = None) -> list[str]:
    """The names made distinct among themselves and from taken, compared as Windows does."""
    seen = {name_key(n) for n in taken}
    return [distinct_name(n, seen, max_bytes=max_bytes, max_units=max_units) for n in names]
