"""A project file holding invisible format characters (a right-to-left override that shows '001' as
'100') opens without them, and the window says where they were, as check does."""
from __future__ import annotations

from model.project_file import save_project
from tests.helpers import reference_project
from tests.test_hidden_controls import _file_with_hidden_text


def test_the_window_says_where_opening_dropped_them(window, fake, tmp_path):
    path = _file_with_hidden_text(tmp_path)
    window.open_path(str(path))
    assert window.controller.project.name == "热线经费001"
    assert len(fake.infos) == 1, fake.infos
    assert "项目名称：含有不可见的控制字符" in fake.infos[0]
    assert "绩效指标第 1 行·实际完成值" in fake.infos[0]
    assert "\u202e" not in fake.infos[0]


def test_a_file_without_them_opens_without_a_word(window, fake, tmp_path):
    clean = tmp_path / "clean.zpb.json"
    save_project(reference_project("01"), clean)
    window.open_path(str(clean))
    assert fake.infos == [] and fake.errors == []
