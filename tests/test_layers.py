"""The plain core stays plain: model/ never imports Qt or a file format; exporters/importers no Qt,
except exporters/pdf.py, the program's own print routine, which paints with QtGui (never QtWidgets,
QtPrintSupport or ui/) and which cli/ loads only when a PDF is asked for; and inside each layer the
three documents' rooms lean only on the project's form and what is shared."""
from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# the one module below ui/ that may use Qt, and the Qt modules it may use
QT_PAINTER = Path("exporters") / "pdf.py"
QT_PAINTER_MAY_USE = {"PySide6.QtCore", "PySide6.QtGui"}
FORBIDDEN = {
    "model": {"PySide6", "shiboken6", "docx", "openpyxl", "lxml", "ui", "exporters", "importers"},
    "exporters": {"PySide6", "shiboken6", "ui"},
    "importers": {"PySide6", "shiboken6", "ui"},
    "cli": {"PySide6", "shiboken6", "ui"},
    # benchmarks run with the program's dependencies only: no tests/, no test extras
    "bench": {"tests", "pytest", "hypothesis", "pytestqt"},
}


# inside a layer: a document's room never reaches into another document's room, and no window
# imports another window (they open one another through ui.common.windows, installed by ui.app);
# a widget may serve two windows (部门整体 uses the editor's indicator table)
ROOMS = {
    "model/*.py": {"model.unit", "model.department"},
    "model/unit": {"model.department"},
    "model/department": {"model.unit.summary"},
    "exporters/*.py": {"exporters.unit", "exporters.department"},
    "exporters/unit": {"exporters.department", "model.department"},
    "exporters/department": {"exporters.unit", "model.unit"},
    "ui/common": {"ui.editor", "ui.overview", "ui.department", "ui.app", "ui.actions"},
    "ui/editor": {"ui.overview", "ui.department", "ui.app"},
    "ui/overview": {"ui.editor.window", "ui.department", "ui.app"},
    "ui/department": {"ui.editor.window", "ui.overview", "ui.app", "ui.actions"},
    "ui/actions.py": {"ui.app", "ui.department", "ui.overview.window", "ui.editor.window"},
}


def _modules(path: Path) -> set[str]:
    """Every module path imports, relative imports resolved, `from a import b` as a and a.b."""
    package = list(path.relative_to(ROOT).parent.parts)
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            names |= {module} | {f"{module}.{a.name}" for a in node.names}
    return names


@pytest.mark.parametrize("room", sorted(ROOMS))
def test_each_document_keeps_to_its_room(room):
    files = list(ROOT.glob(room)) if room.endswith(".py") else list((ROOT / room).rglob("*.py"))
    assert files
    for f in files:
        bad = {m for m in _modules(f) for p in ROOMS[room] if m == p or m.startswith(p + ".")}
        assert not bad, f"{f.relative_to(ROOT)} imports {sorted(bad)}"


def test_every_module_says_why_it_exists():
    for package in ("model", "exporters", "importers", "cli", "ui"):
        for f in (ROOT / package).rglob("*.py"):
            doc = ast.get_docstring(ast.parse(f.read_text(encoding="utf-8")))
            assert doc and doc.strip(), f"{f.relative_to(ROOT)} has no first line saying why it exists"


def _imports(path: Path, whole: bool = False) -> set[str]:
    """The modules path imports (function-level imports too): their top-level names, or whole."""
    cut = (lambda name: name) if whole else (lambda name: name.split(".")[0])
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {cut(a.name) for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(cut(node.module))
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_sources_import_nothing_forbidden(package):
    files = list((ROOT / package).rglob("*.py"))
    assert files
    for f in files:
        forbidden = FORBIDDEN[package]
        if f.relative_to(ROOT) == QT_PAINTER:
            qt = {m for m in _imports(f, whole=True) if m.split(".")[0] in ("PySide6", "shiboken6")}
            assert qt <= QT_PAINTER_MAY_USE, f"{QT_PAINTER} imports {qt - QT_PAINTER_MAY_USE}"
            forbidden = forbidden - {"PySide6"}
        bad = _imports(f) & forbidden
        assert not bad, f"{f.relative_to(ROOT)} imports {bad}"


def test_below_ui_the_qt_painter_is_imported_only_where_a_pdf_is_made():
    """No module of model/, exporters/, importers/ or cli/ imports exporters.pdf at its top: only
    inside the function that makes a PDF (exporters.files.render), so the commands load Qt only then."""
    for package in ("model", "exporters", "importers", "cli"):
        for f in (ROOT / package).rglob("*.py"):
            for node in ast.parse(f.read_text(encoding="utf-8")).body:
                if isinstance(node, ast.ImportFrom):
                    painter = node.module == "exporters.pdf" or (node.level == 1 and node.module == "pdf"
                                                                  and f.parent.name == "exporters")
                elif isinstance(node, ast.Import):
                    painter = any(a.name == "exporters.pdf" for a in node.names)
                else:
                    continue
                assert not painter, f"{f.relative_to(ROOT)} imports the Qt painter at its top"


def test_the_commands_load_no_qt_unless_a_pdf_is_written(tmp_path):
    """check and a Word/Excel export run without Qt; --pdf loads QtGui and never QtWidgets."""
    src = tmp_path / "p.zpb.json"
    code = ("import sys, main; code = main.main(sys.argv[1:]); "
            "print(sorted({m.split('.')[0] + ('.' + m.split('.')[1] if '.' in m else '') "
            "for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))}))")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}

    def loaded(*args: str) -> list[str]:
        out = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True,
                             env=env)
        assert out.returncode == 0, out.stderr
        return eval(out.stdout.strip().splitlines()[-1])

    assert loaded("new", str(src), "--example") == []
    assert loaded("check", str(src)) == []
    assert loaded("export", str(src), "--outdir", str(tmp_path), "--format", "docx,xlsx") == []
    with_pdf = loaded("export", str(src), "--pdf", str(tmp_path / "p.pdf"))
    assert "PySide6.QtGui" in with_pdf and "PySide6.QtWidgets" not in with_pdf
    assert (tmp_path / "p.pdf").read_bytes().startswith(b"%PDF-")


def test_importing_and_using_the_model_loads_no_qt_or_format_library():
    code = ("import sys, model; from model.project_file import loads, dumps; "
            "from model.carry_over import next_year; model.evaluate(model.Project()); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "{'PySide6','shiboken6','docx','openpyxl','lxml'}))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_one_enum_style():
    """Named values are StrEnum (IntEnum where Qt wants a column number), never `(str, Enum)`."""
    for package in ("model", "exporters", "importers", "cli", "ui"):
        for f in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ClassDef):
                    bases = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}
                    assert not bases & {"Enum", "IntFlag", "Flag"}, \
                        f"{f.relative_to(ROOT)}: {node.name} derives from {sorted(bases)}, not StrEnum"


def test_one_import_style():
    """Absolute imports everywhere (`from model.scoring import …`): a line means the same module
    wherever it is read or moved to."""
    for package in ("model", "exporters", "importers", "cli", "ui", "bench"):
        for f in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
                assert not (isinstance(node, ast.ImportFrom) and node.level), \
                    f"{f.relative_to(ROOT)}:{node.lineno} imports relatively"


def test_every_package_is_installed():
    """A new document's room (ui/…/, exporters/…/) is in pyproject's package list, or a wheel
    install (not the editable one the tests use) would leave it out."""
    import tomllib
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
                 ["tool"]["setuptools"]["packages"])
    found = {init.parent.relative_to(ROOT).as_posix().replace("/", ".")
             for package in ("model", "exporters", "importers", "cli", "ui")
             for init in (ROOT / package).rglob("__init__.py")}
    assert listed == found
