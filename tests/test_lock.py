"""Every build installs from packaging/requirements-lock.txt: it must pin each dependency that
pyproject.toml names, at a version pyproject allows (else: `python3 packaging/lock.py`)."""
from __future__ import annotations

import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]


def locked() -> dict[str, Requirement]:
    lines = (ROOT / "packaging" / "requirements-lock.txt").read_text(encoding="utf-8").splitlines()
    reqs = [Requirement(line) for line in lines if line.strip() and not line.startswith("#")]
    return {canonicalize_name(r.name): r for r in reqs}


def test_the_lock_pins_every_dependency_of_pyproject_within_its_range():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]]
    wanted.append(Requirement("pyinstaller>=6.5"))  # the bundle's builder, pinned with the rest
    pins = locked()
    for req in wanted:
        pin = pins.get(canonicalize_name(req.name))
        assert pin is not None, f"{req.name} is not in the lock file: run python3 packaging/lock.py"
        (spec,) = pin.specifier
        assert spec.operator == "==" and req.specifier.contains(spec.version, prereleases=True), \
            f"{pin} is outside pyproject's {req}: run python3 packaging/lock.py"


def test_every_line_of_the_lock_is_an_exact_pin():
    for pin in locked().values():
        assert [s.operator for s in pin.specifier] == ["=="], pin
