"""Export targets: never half-written, and a file held open by Word gets a message to close it."""
from __future__ import annotations

import os

import pytest

from exporters import files
from exporters.files import ExportError, export
from tests.helpers import reference_project


def test_a_locked_target_asks_to_close_it_and_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "自评 表.docx"
    target.write_bytes(b"old")

    def locked(src, dst):  # what Windows says when Word holds the file
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files.atomic_write.__globals__["os"], "replace", locked)
    with pytest.raises(ExportError, match="正在 Word/Excel/WPS 中打开"):
        export(reference_project("01"), target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["自评 表.docx"]


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ExportError, match=r"\.html"):
        export(reference_project("01"), tmp_path / "x.html")


def test_export_to_a_path_with_chinese_and_spaces(tmp_path):
    folder = tmp_path / "我的 文档" / "绩效 自评"
    folder.mkdir(parents=True)
    for fmt in ("docx", "xlsx"):
        export(reference_project("02"), folder / f"项目 02.{fmt}")
        assert (folder / f"项目 02.{fmt}").stat().st_size > 1000
    assert sorted(os.listdir(folder)) == ["项目 02.docx", "项目 02.xlsx"]
