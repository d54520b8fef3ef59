"""ARCHITECTURE.md stays a true map: every path it names exists, every `file.py::name` is defined there."""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAP = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")


def _defined(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef))}


def test_every_path_and_name_on_the_map_exists():
    named = re.findall(r"`([\w./]+/[\w.]*)(?:::(\w+))?`", MAP)
    assert len(named) > 30
    for path, name in named:
        target = ROOT / path.rstrip("/")
        assert target.exists(), f"ARCHITECTURE.md names {path}, which does not exist"
        if name:
            assert name in _defined(target), f"ARCHITECTURE.md names {path}::{name}, not defined there"


def test_the_map_names_every_package_of_every_layer():
    for init in ROOT.glob("*/*/__init__.py"):
        package = init.parent.relative_to(ROOT).as_posix()
        if package.split("/")[0] in {"model", "exporters", "importers", "cli", "ui"} and \
                package not in {"model/profile_data", "model/examples"}:
            assert f"{package}/" in MAP, f"ARCHITECTURE.md does not show {package}/"
