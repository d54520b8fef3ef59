"""Two forms laid side by side on one sheet are refused, saying where: read as one, the form on
the right was dropped in silence (its 项目名称, amounts and indicators never read)."""
from __future__ import annotations

import openpyxl
import pytest

from importers import NotAForm, read_forms
from tests.conftest import FORMS
from tests.helpers import cli


def test_a_second_form_beside_the_first_is_refused_naming_the_row(tmp_path, capsys):
    wb = openpyxl.load_workbook(FORMS / "01.xlsx")
    ws = wb.worksheets[0]
    for r in range(1, ws.max_row + 1):  # the same form again from column K, another project's
        for c in range(1, 10):
            ws.cell(r, c + 10).value = ws.cell(r, c).value
    for m in list(ws.merged_cells.ranges):
        ws.merge_cells(start_row=m.min_row, end_row=m.max_row, start_column=m.min_col + 10, end_column=m.max_col + 10)
    ws["M3"] = "第二个项目"
    path = tmp_path / "并排.xlsx"
    wb.save(path)
    with pytest.raises(NotAForm) as caught:
        read_forms(path)
    assert "工作表“自评表”第 3 行有 2 个“项目名称”（第 1 列和第 11 列起）：并排放着两张表" in str(caught.value)
    code, _, err = cli(capsys, "import", str(path), "-o", str(tmp_path / "p.zpb.json"))
    assert code == 1 and "并排放着两张表" in err and not (tmp_path / "p.zpb.json").exists()
