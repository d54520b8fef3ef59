from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from hypothesis import settings

# One profile here and in CI: the same examples every run (a landing is never decided by the
# dice), and no deadline — a loaded machine must not fail a test that reads or writes files.
settings.register_profile("zpb", derandomize=True, print_blob=True, deadline=None)
settings.load_profile("zpb")

ROOT = Path(__file__).resolve().parents[1]
# the eight reference forms (public data: the district's filled forms, as .docx, .xlsx and the
# rows of their tables), kept in the repository so that a fresh clone runs every test
FORMS = ROOT / "tests" / "data" / "forms"
REFERENCE_IDS = sorted(p.name[:2] for p in FORMS.glob("*.rows.json"))
assert REFERENCE_IDS, f"reference forms not found under {FORMS}"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def reference_rows(form_id: str) -> list[list[str]]:
    return json.loads((FORMS / f"{form_id}.rows.json").read_text(encoding="utf-8"))


def form_rows_tool():
    """The district's reading of a form's cells (tests/form_rows.py) as a module."""
    from tests import form_rows
    return form_rows


def compare_with_reference(path, form_id: str, values: bool = False) -> list[str]:
    """The rows that differ, as form_rows --compare would print them (empty: all match)."""
    tool = form_rows_tool()
    want = [r for r in reference_rows(form_id) if len(r) != 1]
    got = tool.comparable(tool.form_rows(str(path), values))
    want = tool.comparable(want)
    return [f"row {i + 1}: want {w} got {g}" for i, (w, g) in
            enumerate(zip(want + [None] * len(got), got + [None] * len(want)))
            if (w is not None or g is not None) and w != g]
