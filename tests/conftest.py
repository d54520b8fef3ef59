from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the same examples every time (a landing is never decided by the dice); a developer's
# run draws new ones, and hypothesis keeps any failure it finds in .hypothesis/ to replay.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ZPB_SHARED", ROOT.parent / "shared"))
FORMS = SHARED / "reference" / "forms"
REFERENCE_IDS = sorted(p.name[:2] for p in FORMS.glob("*.rows.json"))

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def reference_rows(form_id: str) -> list[list[str]]:
    return json.loads((FORMS / f"{form_id}.rows.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session", autouse=True)
def _have_reference_forms():
    """Here and in CI the forms lie beside the repository; only a run that says it has none
    (ZPB_NO_REFERENCE=1, the Windows workflow) goes without them."""
    if not os.environ.get("ZPB_NO_REFERENCE"):
        assert REFERENCE_IDS, f"reference forms not found under {FORMS}"


def form_rows_tool():
    """shared/tools/form_rows.py as a module: the district's own reading of a form's cells."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("form_rows", SHARED / "tools" / "form_rows.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def compare_with_reference(path, form_id: str, values: bool = False) -> list[str]:
    """The rows that differ, as form_rows --compare would print them (empty: all match)."""
    tool = form_rows_tool()
    want = [r for r in reference_rows(form_id) if len(r) != 1]
    got = tool.comparable(tool.form_rows(str(path), values))
    want = tool.comparable(want)
    return [f"row {i + 1}: want {w} got {g}" for i, (w, g) in
            enumerate(zip(want + [None] * len(got), got + [None] * len(want)))
            if (w is not None or g is not None) and w != g]
