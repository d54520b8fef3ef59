"""Starting this year's table from last year's form from another desk says what its reading could
not be sure of, in the window (文件 → 从去年的表新建) and in `new --from`, as import and open do —
a hidden row carried into this year's table was said nowhere."""
from __future__ import annotations

from pathlib import Path

import openpyxl

from tests.conftest import FORMS
from tests.helpers import cli

HIDDEN = "工作表“自评表”的 C18：这一行是隐藏的（屏幕上和打印时都看不到），其中的内容已读取，请核对"


def _last_year(tmp_path: Path) -> Path:
    wb = openpyxl.load_workbook(FORMS / "01.xlsx")
    wb.worksheets[0].row_dimensions[18].hidden = True
    path = tmp_path / "去年.xlsx"
    wb.save(path)
    return path


def test_the_window_says_the_reading_s_warnings(window, fake, tmp_path):
    fake.next_open = str(_last_year(tmp_path))
    window.new_from_last_year()
    assert window.controller.project.year == 2023 and len(window.controller.project.indicators) == 6
    assert fake.infos == [f"去年.xlsx 读取时的提醒，请核对：\n\n{HIDDEN}"]
    fake.infos.clear()
    fake.next_open = str(FORMS / "02.xlsx")  # nothing to say: nothing said
    window.new_from_last_year()
    assert fake.infos == []


def test_new_from_says_them_on_stderr(tmp_path, capsys):
    last = _last_year(tmp_path)
    code, out, err = cli(capsys, "new", str(tmp_path / "今年.zpb.json"), "--from", str(last))
    assert code == 0 and f"提醒：{last}：{HIDDEN}" in err.splitlines()
