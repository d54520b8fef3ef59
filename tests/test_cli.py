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
