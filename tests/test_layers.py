"""The plain core stays plain: model/ never imports Qt or a file format; exporters/importers no Qt."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = {
    "model": {"PySide6", "shiboken6", "docx", "openpyxl", "lxml", "ui", "exporters", "importers"},
    "exporters": {"PySide6", "shiboken6", "ui"},
    "importers": {"PySide6", "shiboken6", "ui"},
    "cli": {"PySide6", "shiboken6", "ui"},
    # benchmarks run with the program's dependencies only: no tests/, no test extras
    "bench": {"tests", "pytest", "hypothesis", "pytestqt"},
}


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_sources_import_nothing_forbidden(package):
    files = list((ROOT / package).rglob("*.py"))
    assert files
    for f in files:
        bad = _imports(f) & FORBIDDEN[package]
        assert not bad, f"{f.relative_to(ROOT)} imports {bad}"


def test_importing_and_using_the_model_loads_no_qt_or_format_library():
    code = ("import sys, model; from model.project_file import loads, dumps; "
            "from model.carry_over import next_year; model.evaluate(model.Project()); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "{'PySide6','shiboken6','docx','openpyxl','lxml'}))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
