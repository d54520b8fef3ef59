"""model.failures words every failure for the clerk, and blames the file only when it is the file."""
from __future__ import annotations

import subprocess
import sys

from model.failures import describe
from tests.conftest import FORMS, ROOT


def test_a_missing_library_is_said_to_be_the_program_not_a_broken_file():
    message = describe(ModuleNotFoundError("No module named 'docx'", name="docx"), "表.docx", "读取")
    assert "安装不完整" in message and "docx" in message
    assert "损坏" not in message


def test_import_without_defusedxml_says_the_installation_is_incomplete(tmp_path):
    """As a Python without the readers' XML library runs it (seen: the form was called broken)."""
    (tmp_path / "defusedxml").mkdir()
    (tmp_path / "defusedxml" / "__init__.py").write_text(
        "raise ModuleNotFoundError('blocked', name='defusedxml')\n", encoding="utf-8")
    run = subprocess.run([sys.executable, str(ROOT / "main.py"), "import", str(FORMS / "01.docx"),
                          "-o", str(tmp_path / "out.zpb.json")], capture_output=True, text=True,
                         encoding="utf-8", env={"PYTHONPATH": str(tmp_path), "PATH": ""}, cwd=tmp_path)
    assert run.returncode == 1
    assert "安装不完整" in run.stderr and "损坏" not in run.stderr, run.stderr
