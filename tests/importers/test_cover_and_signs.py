"""What stands above a form (a cover table with its own 项目名称, 项目负责人 …) and amounts written
with a sign (a full-width '－5') are never dropped or read in silence: the reading names them."""
from __future__ import annotations

import json
from decimal import Decimal as D
from pathlib import Path

import pytest

from importers import read_readings
from model.project_file import load_project
from tests.clerk_forms import spans
from tests.helpers import cli
from tests.importers import builders as B

FORMS = Path(__file__).resolve().parents[1] / "data" / "forms"
NAME = "2021年市民服务热线“接诉即办”工作经费"  # form 01's 项目名称


def _form(edit=None) -> tuple[list[str], list[list]]:
    """Form 01 as a clerk's file holds it: its title lines, and its table as builder rows."""
    rows = json.loads((FORMS / "01.rows.json").read_text(encoding="utf-8"))
    if edit:
        edit(rows)
    title = [r[0] for r in rows[:2]]
    table = [[(t, s) if s > 1 else t for t, s in zip(r, spans(r))] for r in rows[2:]]
    return title, table


def _write(path: Path, cover: list[list], edit=None) -> Path:
    title, table = _form(edit)
    if path.suffix == ".docx":
        return B.write_docx(path, ([cover] if cover else []) + title + [table])
    return B.write_xlsx(path, {"自评表": cover + [[""]] + [[line] for line in title] + table})


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_a_cover_naming_another_project_is_said_and_none_of_its_values_read(tmp_path, suffix, capsys):
    path = _write(tmp_path / f"封面{suffix}", [["项目名称", "另一个项目"], ["项目负责人", "李四"]])
    code, out, err = cli(capsys, "import", path, "--outdir", tmp_path / "out")
    assert code == 0
    assert "表格上方的项目名称“另一个项目”" in err and f"与表中的项目名称“{NAME}”不同" in err
    assert "项目名称、项目负责人未读取" in err
    assert out.count("另一个项目的表头（项目名称不同）") == 2  # both rows named as left out
    p = load_project(tmp_path / "out" / f"封面.zpb.json")
    assert p.name == NAME and p.manager == "郑彬"


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_a_cover_of_the_same_project_fills_blanks_and_says_where_it_differs(tmp_path, suffix):
    def no_manager(rows):
        rows[4][1] = ""  # 项目负责人 left blank in the form
        rows[3][1] = "区城管委"  # 主管部门 as the form prints it

    path = _write(tmp_path / f"封面{suffix}", [["项目名称", NAME], ["项目负责人", "李四"],
                                               ["主管部门", "北京市朝阳区城市管理指挥中心"]], no_manager)
    [reading] = read_readings(path)
    p = reading.project
    assert p.manager == "李四" and p.department == "区城管委"
    assert any("项目负责人“李四”取自表格上方" in x for x in reading.inferred)
    said = [w for w in reading.warnings if "表格上方的主管部门" in w]
    assert len(said) == 1 and "与表中的“区城管委”不同，按表中的读取" in said[0]


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_a_negative_amount_is_read_but_named(tmp_path, suffix, capsys):
    def minus(rows):
        rows[6][4] = "－5"  # 年度资金总额·全年执行数, a full-width minus
        rows[7][4] = "—3"  # an em dash is no sign: not read

    path = _write(tmp_path / f"负数{suffix}", [], minus)
    code, _, err = cli(capsys, "import", path, "--outdir", tmp_path / "out")
    assert code == 0
    where = "工作表“自评表”的 F" if suffix == ".xlsx" else "第 1 个表格第 5 行第 6 列"
    assert f"{where}" in err and "全年执行数写的是“－5”，读作负数 -5 万元" in err
    assert "“—3”，不是金额" in err
    p = load_project(tmp_path / "out" / "负数.zpb.json")
    assert p.total_funds.executed == D(-5)
    code, out, _ = cli(capsys, "check", tmp_path / "out" / "负数.zpb.json")
    assert code == 1 and "年度资金总额·全年执行数：金额不能为负数" in out


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_two_figures_in_one_amount_cell_are_named_not_joined(tmp_path, suffix):
    """A 全年执行数 cell holding two lines ('18' over '19': a figure and its correction) was read
    as 1819 万元 with exit 0; it is text where an amount belongs, named with its cell."""
    def two_lines(rows):
        rows[6][4] = "18\n19"

    [reading] = read_readings(_write(tmp_path / f"两行{suffix}", [], two_lines))
    assert reading.project.total_funds.executed is None
    assert any("“18 19”，不是金额" in w or "“18\n19”，不是金额" in w for w in reading.warnings), reading.warnings
