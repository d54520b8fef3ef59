"""A 部门整体 form given where a project's form is read (import, check, the window's open) is
refused, exit 1, saying what it is and where the department's figures go — our own 部门整体
export included — while a project that merely has 部门整体 in its name is read as ever."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from exporters.department.outputs import render_department
from exporters.files import write_output
from importers import NotAForm, read_form
from tests.clerk_forms import clerk_docx, clerk_xlsx
from tests.department_seeds import jinsong
from tests.helpers import cli
from tests.importers import builders as B

FORMS = Path(__file__).resolve().parents[1] / "data" / "forms"


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_our_own_department_export_is_refused_by_import_and_check(tmp_path, fmt, capsys):
    path = tmp_path / f"部门整体.{fmt}"
    write_output(render_department(fmt, jinsong(), [], None), path)
    code, out, err = cli(capsys, "import", path, "--outdir", tmp_path / "out")
    assert code == 1 and not list((tmp_path / "out").glob("*.zpb.json"))
    assert "这是部门整体支出绩效自评表（标题“朝阳区部门整体支出绩效自评表”）" in err
    assert "汇总与导出 → 部门整体绩效" in err and "department 文件夹" in err
    code, _, err = cli(capsys, "check", path)
    assert code == 1 and "这是部门整体支出绩效自评表" in err


def test_a_budget_by_kind_without_a_project_name_is_a_department_form(tmp_path):
    rows = [["单位名称", ("区教委", 7)],
            ["部门预算执行情况（万元）", "", "年初预算数", "全年预算数", "全年执行数", "", "执行率", ""],
            [B.UP, "合计", "5000", "5200", "5100", "", "98%", ""],
            [B.UP, "基本支出", "3000", "3000", "3000", "", "100%", ""],
            [B.UP, "项目支出", "2000", "2200", "2100", "", "95%", ""],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            [B.UP, "产出指标", "数量指标", "学校数", "30所", "30所", "50", "50"],
            [B.UP, "效益指标", "社会效益指标", "入学率", "≥99%", "99.5%", "40", "40"]]
    with pytest.raises(NotAForm, match="这是部门整体支出绩效自评表（表中没有项目名称，预算分基本支出、项目支出）"):
        read_form(B.write_xlsx(tmp_path / "d.xlsx", {"表": rows}))


@pytest.mark.parametrize("write", [clerk_docx, clerk_xlsx])
def test_a_project_named_after_the_department_is_still_a_project(tmp_path, write):
    rows = json.loads((FORMS / "01.rows.json").read_text(encoding="utf-8"))
    rows[2][1] = "部门整体运转保障经费"
    p = read_form(write(rows, tmp_path / f"p.{'docx' if write is clerk_docx else 'xlsx'}"))
    assert p.name == "部门整体运转保障经费" and len(p.indicators) == 6


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_a_goal_that_reads_like_a_department_title_is_no_title(tmp_path, fmt):
    """Only a title above the form's first label names its kind: a 实际完成情况 of '部门整体表'
    (found by the round-trip property test) is the project's text, read back as written."""
    from exporters.docx_writer import write_docx
    from exporters.xlsx_writer import write_xlsx
    from model import Project
    project = Project(goal="朝阳区部门整体支出绩效自评表", achieved="部门整体表")
    path = tmp_path / f"p.{fmt}"
    (write_docx if fmt == "docx" else write_xlsx)(project, path)
    read = read_form(path)
    assert (read.goal, read.achieved) == (project.goal, project.achieved)


@pytest.mark.parametrize("write", [clerk_docx, clerk_xlsx])
@pytest.mark.parametrize("name_cell", [True, False])
def test_a_project_about_department_evaluation_titled_by_its_name_is_a_project(tmp_path, write, name_cell):
    """A project's own title ('…部门整体绩效评价工作经费项目绩效自评表': a project paying for a
    部门整体 evaluation) is a project's form, with or without a 项目名称 cell — not refused as a
    部门整体 form because its name holds the words."""
    name = "委托第三方开展部门整体绩效评价工作经费"
    rows = json.loads((FORMS / "01.rows.json").read_text(encoding="utf-8"))
    rows[0] = [f"{name}项目绩效自评表"]
    if name_cell:
        rows[2][1] = name
    else:
        del rows[2]
    p = read_form(write(rows, tmp_path / f"p.{'docx' if write is clerk_docx else 'xlsx'}"))
    assert p.name == (name if name_cell else name + "项目") and len(p.indicators) == 6
