"""Write packaging/requirements-lock.txt: the exact versions every build installs from (Linux
in .ci/run, the Windows bundle under Wine in packaging/wine/, .github/workflows/windows.yml).

Resolves pyproject's dependencies, its [test] extra and PyInstaller once for this machine and
once for Windows (win_amd64, CPython 3.11); a package only Windows needs gets a marker. pip reads
markers for the running machine even with --platform, so Windows-only dependencies of what we
use are named here by hand (WINDOWS_ONLY). Run: python3 packaging/lock.py
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "packaging" / "requirements-lock.txt"
WANTED = [".[test]", "pyinstaller>=6.5", "setuptools>=68"]  # setuptools: pyproject's build backend
WINDOWS_ONLY = ["colorama", "pefile", "pywin32-ctypes"]  # pytest's and PyInstaller's on win32
WINDOWS = ["--platform", "win_amd64", "--python-version", "3.11", "--implementation", "cp",
           "--only-binary=:all:"]


def resolve(extra: list[str], names: list[str]) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--dry-run", "--ignore-installed",
                        "--target", str(Path(tmp) / "t"), "--report", str(report), *extra, *names],
                       cwd=ROOT, check=True)
        items = json.loads(report.read_text(encoding="utf-8"))["install"]
    return {i["metadata"]["name"].lower().replace("_", "-"): i["metadata"]["version"] for i in items
            if i["metadata"]["name"] != "zipingbiao"}


def main() -> None:
    here = resolve([], WANTED)
    windows = resolve(WINDOWS, WANTED + WINDOWS_ONLY)
    lines = []
    for name in sorted(here.keys() | windows.keys()):
        if name in here and name in windows and here[name] != windows[name]:
            sys.exit(f"{name}: {here[name]} here but {windows[name]} on Windows; pin it in pyproject.toml")
        version = here.get(name) or windows[name]
        marker = "" if name in here and name in windows else \
            ' ; sys_platform == "win32"' if name in windows else ' ; sys_platform != "win32"'
        lines.append(f"{name}=={version}{marker}")
    head = (LOCK.read_text(encoding="utf-8").split("\n\n")[0] + "\n\n") if LOCK.exists() else ""
    LOCK.write_text(head + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{LOCK}: {len(lines)} packages")


if __name__ == "__main__":
    main()
