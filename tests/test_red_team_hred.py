"""Hostile inputs found by the red team of issues 18 and 19, each said as what it is."""
from __future__ import annotations

import os

import pytest

from tests.helpers import cli


@pytest.mark.parametrize("name", ["空.zpb.json", "空.xlsx", "空.docx", "空.zpbdept.json"])
def test_an_empty_file_is_said_to_be_empty(tmp_path, capsys, name):
    """A 0-byte file (a copy or save cut short) is 空文件, not 'JSON 格式错误' or 'cannot unzip'."""
    path = tmp_path / name
    path.write_bytes(b"")
    for args in (["check", path], ["export", path, "--docx", tmp_path / "out.docx"]):
        code, out, err = cli(capsys, *args)
        assert code == 2 and "空文件" in err and name in err, err
        assert not (tmp_path / "out.docx").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_pipe_is_not_called_empty(tmp_path, capsys):
    pipe = tmp_path / "管道.xls"
    os.mkfifo(pipe)
    code, out, err = cli(capsys, "check", pipe)
    assert code == 2 and "空文件" not in err and "旧版 Excel" in err


@pytest.mark.parametrize("text, made", [("\u202eevil.exe", "evil.exe"), ("热线\u200b经费", "热线经费"),
                                        ("nul\u200b", "nul_"), ("\u2066项目\u2069", "项目"), ("\ufeffCON", "CON_")])
def test_invisible_and_bidi_characters_never_reach_a_name(text, made):
    """A right-to-left override (U+202E) shows 'evil.exe.zpb.json' as 'nosj.bpz.exe.live' in
    Explorer; zero-width characters make two names that look alike and hide a device name. Names
    made from a clerk's text hold none of them (Unicode category Cf)."""
    from model.file_names import safe_name, sheet_name
    assert safe_name(text) == made
    assert "\u202e" not in sheet_name(text) and "\u200b" not in sheet_name(text)


def test_import_outdir_makes_no_bidi_file_name(tmp_path, capsys):
    from model.project_file import save_project
    from tests.conftest import REFERENCE_IDS
    from tests.helpers import reference_project
    src = tmp_path / "src"
    src.mkdir()
    for i, name in enumerate(["\u202e项目.exe", "另一个项目"]):
        p = reference_project(REFERENCE_IDS[i])
        p.name = name
        save_project(p, src / f"{i}.zpb.json")
    cli(capsys, "export", src, "--combined", tmp_path / "all.xlsx")
    out = tmp_path / "out"
    code, _, err = cli(capsys, "import", tmp_path / "all.xlsx", "--outdir", out)
    assert code == 0, err
    assert sorted(f.name for f in out.iterdir()) == ["另一个项目.zpb.json", "项目.exe.zpb.json"]
