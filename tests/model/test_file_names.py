"""Every name the program makes (model.file_names): one that Windows, Linux and macOS all hold."""
from __future__ import annotations

import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from model.file_names import (NAME_BYTES, SHEET_UNITS, distinct_names, is_device_name, name_key, safe_name,
                              sheet_name, utf16_units)

WINDOWS_FORBIDDEN = set('\\/:*?"<>|') | {chr(c) for c in range(32)}


def windows_accepts(name: str) -> bool:
    """What Windows' CreateFile accepts as one component of a path (Microsoft's naming rules)."""
    return (bool(name) and not (set(name) & WINDOWS_FORBIDDEN) and name[-1] not in ". "
            and not is_device_name(name) and utf16_units(name) <= 255)


@pytest.mark.parametrize("text, made", [
    ("CON", "CON_"), ("aux", "aux_"), ("nul.txt", "nul_.txt"), ("COM1", "COM1_"), ("com¹", "com¹_"),
    ("LPT³.zpb", "LPT³_.zpb"), ("PRN .doc", "PRN_.doc"), ("CONIN$", "CONIN$_"),
    (".hidden", "hidden"), ("../../x", "x"), ("..\\..\\y", "y"), ("热线/经费", "热线_经费"),
    ("经费. . ", "经费"), ('热线: "2024"?', "热线 2024"), ("  ", "未命名项目"), ("..", "未命名项目"),
    ("COMPANY", "COMPANY"), ("CONSOLE.txt", "CONSOLE.txt"), ("COM10", "COM10"),
])
def test_names_windows_refuses_are_made_safe(text, made):
    assert safe_name(text) == made
    assert windows_accepts(made)


def test_device_names_with_any_extension():
    for name in ("con", "Con.zpb.json", "AUX.x.y", "nul .txt", "COM²", "lpt9.docx", "CONOUT$"):
        assert is_device_name(name), name
        assert not is_device_name(safe_name(name)), name


def test_length_counts_bytes_and_utf16_units():
    long = safe_name("长" * 100)  # 300 bytes in UTF-8: Linux allows 255 for the whole name
    assert len(long.encode("utf-8")) <= NAME_BYTES and long == "长" * (NAME_BYTES // 3)
    assert len((long + "（12）（导出）.zpb.json").encode("utf-8")) <= 255
    title = sheet_name("12 " + "𠮷" * 40)  # outside the BMP: two UTF-16 units each
    assert utf16_units(title) <= SHEET_UNITS and len(title) < SHEET_UNITS
    assert not title.endswith("\ud842")  # never half a character
    assert title == "12 " + "𠮷" * 14


def test_sheet_titles_excel_accepts():
    for text, made in (("a[1]:b*?/\\c", "a1b_c"), ("'引号'", "引号"), ("History", "History 表"), ("", "表")):
        assert sheet_name(text) == made


def test_distinct_names_fit_with_their_number():
    names = distinct_names(["长" * 100] * 12 + ["Abc", "abc", "ABC"])
    assert len({name_key(n) for n in names}) == len(names)
    assert all(len(n.encode("utf-8")) <= NAME_BYTES for n in names)
    assert names[1].endswith("（2）") and names[11].endswith("（12）")
    assert names[-3:] == ["Abc", "abc（2）", "ABC（3）"]
    titles = distinct_names(["1 " + "𠮷" * 20] * 3, max_bytes=None, max_units=SHEET_UNITS)
    assert all(utf16_units(t) <= SHEET_UNITS for t in titles) and len(set(titles)) == 3


@given(st.text(max_size=400))
def test_any_text_makes_a_name_every_platform_holds(text):
    name = safe_name(text)
    assert windows_accepts(name)
    assert not name.startswith(".") and name.strip() == name
    assert len(name.encode("utf-8")) <= NAME_BYTES
    assert os.path.basename(name) == name and name not in (".", "..")
    assert safe_name(name) == name  # the same name however often it is made
    title = sheet_name(text)
    assert 0 < utf16_units(title) <= SHEET_UNITS and not set(title) & set("[]:*?/\\")
    assert title[0] != "'" and title[-1] != "'"


def test_the_name_works_on_this_disk(tmp_path):
    """The made names are real files here: each written, each read back as itself."""
    for text in ("CON", "nul.txt", "COM¹", ".hidden", "../../x", "长" * 100, "𠮷" * 100, "a\x00b"):
        name = safe_name(text) + "（12）.zpb.json"
        (tmp_path / name).write_text("x", encoding="utf-8")
        assert (tmp_path / name).read_text(encoding="utf-8") == "x"
        assert (tmp_path / name).parent == tmp_path
