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
