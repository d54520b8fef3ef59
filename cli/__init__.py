"""The headless commands: new, check, export, import. Exit codes are a contract with batch scripts."""
from __future__ import annotations


def version() -> str:
    try:
        from importlib.metadata import version as dist_version
        return dist_version("zipingbiao")
    except Exception:  # not installed (a source checkout or a frozen build)
        return "0.1.0"
