"""`department DIR`: figures printed like check, outputs written like export, inputs never replaced."""
from __future__ import annotations

from model.department.file import department_path, save_department
from model.project_file import save_project
from tests.department_seeds import chaoyang_center, chaoyang_folder, jinsong
from tests.test_cli import run


def _folder(tmp_path, dept, projects):
    for i, p in enumerate(projects):
        save_project(p, tmp_path / f"{i:02d}.zpb.json")
    save_department(dept, department_path(tmp_path))
    return tmp_path


def test_department_prints_the_figures_and_writes_three_outputs(tmp_path):
    (tmp_path / "unit").mkdir()
    folder = _folder(tmp_path / "unit", chaoyang_center(), chaoyang_folder())
    out = tmp_path / "out"
    out.mkdir()
    r = run("department", str(folder), "--docx", str(out / "t.docx"), "--xlsx", str(out / "t.xlsx"),
            "--report", str(out / "报告.docx"))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "部门预决算差异率：13.89%（以年初预算数为基数）" in r.stdout
    assert "  合计：100%" in r.stdout and "结转结余率：0%" in r.stdout
    assert "我单位共13个预算项目，所有项目均按绩效目标完成，评价得分均为100分。" in r.stdout
    assert "问题：无" in r.stdout
    assert all((out / n).stat().st_size > 5000 for n in ("t.docx", "t.xlsx", "报告.docx"))
    assert run("department", str(folder), "--docx", str(out / "t.docx")).returncode == 0  # its own export
    from docx import Document
    edited = Document(out / "t.docx")
    edited.add_paragraph("填表人改过")  # as Word saves a clerk's change: no longer our export
    edited.save(out / "t.docx")
    again = run("department", str(folder), "--docx", str(out / "t.docx"))
    assert again.returncode == 1 and "已存在" in again.stderr and "--force" in again.stderr
    assert run("department", str(folder), "--docx", str(out / "t.docx"), "--force").returncode == 0


def test_department_never_writes_over_its_inputs_and_reports_problems(tmp_path):
    folder = _folder(tmp_path, jinsong(), chaoyang_folder())
    before = department_path(folder).read_bytes()
    r = run("department", str(folder), "--xlsx", str(folder / "00.zpb.json"))
    assert r.returncode == 1
    assert department_path(folder).read_bytes() == before
    assert "比项目支出全年预算数 26424.899076 万元少 23920.401902 万元" in r.stdout


def test_department_without_its_file_or_folder_exits_2(tmp_path):
    r = run("department", str(tmp_path))
    assert r.returncode == 2 and "部门整体" in r.stderr
    assert run("department", str(tmp_path / "none")).returncode == 2


def test_department_prints_the_base_the_file_chose(tmp_path):
    dept = jinsong()
    dept.variance_base = "annual"
    r = run("department", str(_folder(tmp_path, dept, [])))
    assert "部门预决算差异率：0%（以全年预算数为基数，部门整体文件指定）" in r.stdout


def test_an_unknown_profile_is_a_chinese_error_and_exit_2(tmp_path):
    for profile in ("北京市", "../../../../etc/passwd"):
        (tmp_path / profile.replace("/", "_")).mkdir()
        folder = _folder(tmp_path / profile.replace("/", "_"), jinsong(), [])
        path = department_path(folder)
        path.write_text(path.read_text(encoding="utf-8").replace('"profile": "朝阳区"', f'"profile": "{profile}"'),
                        encoding="utf-8")
        r = run("department", str(folder), "--docx", str(tmp_path / "t.docx"))
        assert r.returncode == 2, r.stderr
        assert f"没有名为“{profile}”的评分规则，可选：朝阳区、财预〔2020〕10号" in r.stderr
        assert "Traceback" not in r.stderr + r.stdout and "KeyError" not in r.stderr
        assert not (tmp_path / "t.docx").exists()
