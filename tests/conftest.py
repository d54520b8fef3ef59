from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

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
    assert REFERENCE_IDS, f"reference forms not found under {FORMS}"
