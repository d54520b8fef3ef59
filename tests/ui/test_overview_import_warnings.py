"""Forms imported into a unit's folder from the overview say what their reading could not be sure
of, as `import` does: a hidden row, a revision, text where a number belongs were dropped in silence
(the overview read them with read_forms, which keeps no warnings)."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tests.conftest import FORMS
from tests.ui.conftest import shown_overview


@pytest.fixture
def overview(qtbot, fake, tmp_path):
    from ui.app import make_app
    make_app()
    folder = tmp_path / "单位"
    folder.mkdir()
    w = shown_overview(qtbot, fake, folder)
    yield w
    w.close()


def _hidden_row_form(path: Path) -> Path:
    wb = openpyxl.load_workbook(FORMS / "01.xlsx")
    wb.worksheets[0].row_dimensions[18].hidden = True
    wb.worksheets[0]["G16"] = "十五"
    wb.save(path)
    return path


def test_import_into_the_folder_says_each_warning_naming_file_and_cell(overview, fake, tmp_path):
    fake.next_files = [str(_hidden_row_form(tmp_path / "隐藏.xlsx")), str(FORMS / "02.docx")]
    overview.actions_["import"].trigger()
    assert len(overview.folder.entries) == 2 and not fake.errors
    [message] = fake.infos
    assert message.splitlines() == [
        "已导入 2 个项目。", "读取时的提醒（请打开项目核对）：",
        "隐藏.xlsx：工作表“自评表”的 G16：分值栏写的是“十五”，不是数字",
        "隐藏.xlsx：工作表“自评表”的 C18：这一行是隐藏的（屏幕上和打印时都看不到），其中的内容已读取，请核对"]


def test_a_failure_beside_a_warning_says_both(overview, fake, tmp_path):
    fake.next_files = [str(_hidden_row_form(tmp_path / "隐藏.xlsx")), str(tmp_path / "不存在.docx")]
    overview.actions_["import"].trigger()
    [(title, message)] = fake.errors
    assert "不存在.docx" in message and "隐藏.xlsx：工作表“自评表”的 C18：这一行是隐藏的" in message
    assert message.startswith("已导入 1 个项目。")
