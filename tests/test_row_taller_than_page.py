"""A row no A4 page can hold (one 偏差原因 of 3,000 characters) is never split, so its end would be
cut off in print: export and the window's page count say so, naming the row, instead of handing
in a clipped form in silence. A form whose rows each fit a page says nothing."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from exporters.layout import build_layout, rows_cut_off
from model.project_file import save_project
from tests.helpers import example_indicators, reference_project

ROOT = Path(__file__).resolve().parents[1]


def project_with_reason(chars: int, n: int = 14):
    p = reference_project("02")
    p.indicators = example_indicators(n)
    p.indicators[7].deviation = ("受疫情影响部分线下活动改为线上开展" * (chars // 17 + 1))[:chars]
    return p


def test_a_reason_taller_than_a_page_is_said_naming_its_row():
    said = rows_cut_off(build_layout(project_with_reason(3000)))
    assert len(said) == 1 and "绩效指标第 8 行" in said[0] and "截去" in said[0]


def test_rows_that_each_fit_a_page_say_nothing():
    assert rows_cut_off(build_layout(project_with_reason(150, n=40))) == []
    assert rows_cut_off(build_layout(reference_project("02"))) == []


def test_export_says_the_row_would_be_cut_off(tmp_path):
    src = tmp_path / "长原因.zpb.json"
    save_project(project_with_reason(3000), src)
    out = tmp_path / "长原因.pdf"
    run = subprocess.run([sys.executable, str(ROOT / "main.py"), "export", str(src), "--pdf", str(out),
                          "--docx", str(tmp_path / "长原因.docx")],
                         capture_output=True, text=True, timeout=300, env={"QT_QPA_PLATFORM": "offscreen",
                                                                           **_env()})
    assert run.returncode == 0, run.stderr
    assert out.exists()
    assert "长原因.zpb.json：绩效指标第 8 行文字太长" in run.stderr and "截去" in run.stderr


def _env() -> dict[str, str]:
    import os
    return {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}


def test_combined_export_says_which_form_has_a_row_no_page_holds(tmp_path):
    folder = tmp_path / "单位"
    folder.mkdir()
    save_project(project_with_reason(3000), folder / "长原因.zpb.json")
    save_project(reference_project("02"), folder / "普通.zpb.json")
    run = subprocess.run([sys.executable, str(ROOT / "main.py"), "export", str(folder), "--combined",
                          str(tmp_path / "全部.docx")], capture_output=True, text=True, timeout=300,
                         env={"QT_QPA_PLATFORM": "offscreen", **_env()})
    assert run.returncode == 0, run.stderr
    assert "长原因.zpb.json：绩效指标第 8 行文字太长" in run.stderr
    assert "普通.zpb.json：" not in run.stderr


def test_the_department_table_says_its_row_no_page_holds(tmp_path):
    from model.department.file import department_path, save_department
    from tests.department_seeds import jinsong
    dept = jinsong()
    dept.indicators[2].deviation = "受疫情影响部分线下活动改为线上开展" * 180
    save_department(dept, department_path(tmp_path))
    run = subprocess.run([sys.executable, str(ROOT / "main.py"), "department", str(tmp_path), "--docx",
                          str(tmp_path / "部门.docx"), "--xlsx", str(tmp_path / "部门.xlsx")],
                         capture_output=True, text=True, timeout=300, env={"QT_QPA_PLATFORM": "offscreen", **_env()})
    assert run.returncode == 0, run.stderr
    assert "部门.docx：绩效指标第 3 行文字太长" in run.stderr and "部门.xlsx：绩效指标第 3 行文字太长" in run.stderr
    dept.indicators[2].deviation = "原因"
    save_department(dept, department_path(tmp_path))
    again = subprocess.run([sys.executable, str(ROOT / "main.py"), "department", str(tmp_path), "--docx",
                            str(tmp_path / "部门2.docx")], capture_output=True, text=True, timeout=300,
                           env={"QT_QPA_PLATFORM": "offscreen", **_env()})
    assert again.returncode == 0 and "截去" not in again.stderr
