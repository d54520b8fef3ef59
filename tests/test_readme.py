"""README's two commands stay true: CI runs README's test command verbatim."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    return re.findall(r"```sh\n(.+?)\n```", (ROOT / "README.md").read_text(encoding="utf-8"))


def test_readme_starts_with_install_and_open_then_install_and_test():
    run_cmd, test_cmd = readme_commands()[:2]
    assert "pip install" in run_cmd and run_cmd.endswith("main.py")
    assert "pip install" in test_cmd and ".[test]" in test_cmd and "pytest" in test_cmd


def test_ci_runs_readme_test_command_verbatim():
    test_cmd = readme_commands()[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_cmd in ci
