"""The headless commands: new, check, export, import. Exit codes are a contract with batch scripts."""
from __future__ import annotations

import re
import sys
from pathlib import Path


def version() -> str:
    """From the frozen bundle's VERSION file, the installed metadata, or pyproject.toml."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle and (Path(bundle) / "VERSION").exists():
        return (Path(bundle) / "VERSION").read_text(encoding="utf-8").strip()
    try:
        from importlib.metadata import version as dist_version
        return dist_version("zipingbiao")
    except Exception:  # a source checkout that was not installed
        text = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8")
        found = re.search(r'^version = "([^"]+)"', text, re.M)
        return found.group(1) if found else "?"
