"""The command-line contract: subcommands, their output and exit codes, run as a clerk's script would."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from model.project_file import load_project

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8")


def test_new_example_then_check_is_clean(tmp_path):
    path = tmp_path / "示例 项目.zpb.json"
    assert run("new", str(path), "--example").returncode == 0
    out = run("check", str(path))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "100.00%" in out.stdout and "总分：100" in out.stdout and "等级：优" in out.stdout
    assert "1份 ≥ 1份：达成，10/10" in out.stdout
    assert load_project(path).name == "2021年市民服务热线“接诉即办”工作经费"


def test_new_empty_project_has_errors_exit_1(tmp_path):
    path = tmp_path / "new.zpb.json"
    assert run("new", str(path)).returncode == 0
    out = run("check", str(path))
    assert out.returncode == 1 and "未填写项目名称" in out.stdout


def test_new_refuses_to_overwrite(tmp_path):
    path = tmp_path / "p.json"
    path.write_text("keep", encoding="utf-8")
    assert run("new", str(path)).returncode == 1
    assert path.read_text(encoding="utf-8") == "keep"


def test_unreadable_file_exit_2_with_message_not_traceback(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\x00\xffnot json")
    good = tmp_path / "good.json"
    run("new", str(good), "--example")
    out = run("check", str(good), str(bad), str(tmp_path / "missing.json"))
    assert out.returncode == 2
    assert "Traceback" not in out.stderr and "错误" in out.stderr
    assert "总分：100" in out.stdout  # the readable file is still reported


def test_form_with_errors_exit_1(tmp_path):
    path = tmp_path / "p.json"
    run("new", str(path), "--example")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["project"]["indicators"][0]["weight"] = "5"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = run("check", str(path))
    assert out.returncode == 1 and "分值合计为 95" in out.stdout


def test_help_is_chinese_and_version_prints():
    out = run("check", "--help")
    assert out.returncode == 0 and "退出码" in out.stdout
    assert run("--version").stdout.strip().startswith("zpb ")
    assert run("check").returncode == 2


# --- export and import -------------------------------------------------------------------------

from tests.conftest import FORMS, compare_with_reference  # noqa: E402


def test_import_then_export_reproduces_the_reference_cells(tmp_path):
    for suffix in ("docx", "xlsx"):
        out = run("import", str(FORMS / f"05.{suffix}"), "-o", str(tmp_path / f"05{suffix}.json"))
        assert out.returncode == 0, out.stderr
        out = run("export", str(tmp_path / f"05{suffix}.json"), "--docx", str(tmp_path / f"05{suffix}.docx"),
                  "--xlsx", str(tmp_path / f"05{suffix}.xlsx"))
        assert out.returncode == 0, out.stderr
        assert compare_with_reference(tmp_path / f"05{suffix}.docx", "05") == []
        assert (tmp_path / f"05{suffix}.xlsx").stat().st_size > 0


def test_export_several_to_outdir_with_format(tmp_path):
    files = []
    for name in ("甲 项目", "乙项目"):
        files.append(str(tmp_path / f"{name}.zpb.json"))
        run("new", files[-1], "--example")
    out = run("export", *files, "--outdir", str(tmp_path / "输出"), "--format", "docx")
    assert out.returncode == 0, out.stderr
    assert sorted(p.name for p in (tmp_path / "输出").iterdir()) == ["乙项目.docx", "甲 项目.docx"]
    assert run("export", *files, "--docx", str(tmp_path / "x.docx")).returncode == 2


def test_export_to_an_unwritable_target_names_it_and_writes_the_other(tmp_path):
    src = tmp_path / "p.zpb.json"
    run("new", str(src), "--example")
    out = run("export", str(src), "--docx", str(tmp_path / "没有这个文件夹" / "x.docx"),
              "--xlsx", str(tmp_path / "x.xlsx"))
    assert out.returncode == 1 and "没有这个文件夹" in out.stderr and "Traceback" not in out.stderr
    assert (tmp_path / "x.xlsx").exists()
    assert not list((tmp_path).glob("*.tmp")) and not list(tmp_path.glob(".x.*"))


def test_export_of_a_form_with_errors_warns_but_writes(tmp_path):
    src = tmp_path / "p.zpb.json"
    run("new", str(src))
    out = run("export", str(src), "--outdir", str(tmp_path))
    assert out.returncode == 0 and "提醒" in out.stderr
    assert (tmp_path / "p.docx").exists() and (tmp_path / "p.xlsx").exists()


def test_import_refusals_exit_1_and_write_nothing(tmp_path):
    (tmp_path / "bad.docx").write_bytes(b"PK\x03\x04broken")
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    for bad in ("bad.docx", "notes.txt", "missing.xlsx"):
        out = run("import", str(tmp_path / bad), "-o", str(tmp_path / "out.json"))
        assert out.returncode == 1 and "错误" in out.stderr and "Traceback" not in out.stderr
        assert not (tmp_path / "out.json").exists()
    assert run("import", str(FORMS / "01.docx")).returncode == 2  # -o or --outdir is required


def test_import_many_to_outdir_and_new_from_last_year(tmp_path):
    out = run("import", str(FORMS / "01.docx"), str(FORMS / "02.xlsx"), "--outdir", str(tmp_path))
    assert out.returncode == 0
    assert (tmp_path / "01.zpb.json").exists() and (tmp_path / "02.zpb.json").exists()
    assert run("new", str(tmp_path / "2023.zpb.json"), "--from", str(FORMS / "03.xlsx")).returncode == 0
    p = load_project(tmp_path / "2023.zpb.json")
    assert p.year == 2023 and p.name == "政府热线经费" and p.funds[0].executed is None
    assert all(i.actual == "" for i in p.indicators)


def test_export_with_an_unknown_format_is_a_usage_error(tmp_path):
    src = tmp_path / "p.zpb.json"
    run("new", str(src), "--example")
    out = run("export", str(src), "--outdir", str(tmp_path), "--format", "html")
    assert out.returncode == 2 and "--format" in out.stderr and out.stdout == ""
    assert not (tmp_path / "p.docx").exists()


def test_new_skeleton_writes_the_standard_rows_and_last_year(tmp_path):
    from datetime import date
    path = tmp_path / "框架.zpb.json"
    assert run("new", str(path), "--skeleton").returncode == 0
    p = load_project(path)
    assert p.year == date.today().year - 1
    assert [i.level2 for i in p.indicators][:2] == ["数量指标", "质量指标"]
    assert sum(i.weight for i in p.indicators) + p.budget_weight == 100
    empty = tmp_path / "空.zpb.json"
    assert run("new", str(empty)).returncode == 0  # without the option: empty, as before
    assert load_project(empty).indicators == [] and load_project(empty).year is None
