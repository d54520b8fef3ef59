"""Project files: round trips, refusals that change nothing, and saves that are never half done."""
from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from model import Project
from model import project_file as pf
from model.project_file import ProjectFileError, load_project, save_project
from tests.helpers import projects, reference_project


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(project=projects())
def test_save_then_load_gives_the_same_project(tmp_path, project):
    path = tmp_path / "p.zpb.json"
    save_project(project, path)
    assert load_project(path) == project


def test_amounts_are_stored_exactly_as_decimal_strings(tmp_path):
    p = reference_project("08")
    save_project(p, tmp_path / "p.json")
    data = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    assert data["project"]["funds"][0]["executed"] == "126.782235"
    assert data["format_version"] == pf.FORMAT_VERSION


@settings(max_examples=200, deadline=None)
@example(raw="{\"project\": \"项目\"}".encode("gbk"))  # a file saved in the Windows code page
@given(raw=st.binary(max_size=300))
def test_random_bytes_never_load_and_never_crash(raw, tmp_path_factory):
    """Bytes from a file, not decoded by the test: load_project itself refuses non-UTF-8."""
    path = tmp_path_factory.getbasetemp() / "random.zpb.json"
    path.write_bytes(raw)
    with pytest.raises(ProjectFileError):
        pf.load_project(path)


def test_a_file_in_another_encoding_is_refused_by_name(tmp_path):
    path = tmp_path / "gbk.zpb.json"
    path.write_bytes(json.dumps({"format": pf.FORMAT, "format_version": 1, "project": {"name": "热线"}},
                                ensure_ascii=False).encode("gbk"))
    with pytest.raises(ProjectFileError, match="不是 UTF-8"):
        load_project(path)


def _nested(children: st.SearchStrategy) -> st.SearchStrategy:
    # a named function: hypothesis reads a lambda's source to see that it recurses, and a
    # lambda over several lines sometimes defeats it (a deprecation warning, an error here)
    return st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)


_json = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
                     _nested, max_leaves=20)


@settings(max_examples=200)
@given(data=_json, wrap=st.booleans())
def test_random_json_never_loads_and_never_crashes(data, wrap):
    doc = {"format": pf.FORMAT, "format_version": 1, "project": data} if wrap else data
    with pytest.raises(ProjectFileError):
        pf.loads(json.dumps(doc))


def test_newer_version_foreign_and_broken_files_are_refused(tmp_path):
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({"format": pf.FORMAT, "format_version": 99, "project": {}}), encoding="utf-8")
    with pytest.raises(ProjectFileError, match="更新版本"):
        load_project(newer)
    foreign = tmp_path / "foreign.json"
    foreign.write_text('{"name": "x"}', encoding="utf-8")
    with pytest.raises(ProjectFileError, match="不是本程序的项目文件"):
        load_project(foreign)
    broken = tmp_path / "broken.json"
    broken.write_bytes(pf.dumps(Project()).encode()[:50])
    with pytest.raises(ProjectFileError, match="JSON"):
        load_project(broken)
    with pytest.raises(ProjectFileError, match="找不到"):
        load_project(tmp_path / "missing.json")


def test_interrupted_save_leaves_the_previous_file_byte_for_byte(tmp_path, monkeypatch):
    path = tmp_path / "p.zpb.json"
    save_project(reference_project("01"), path)
    before = path.read_bytes()

    def crash(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pf.os, "replace", crash)
    with pytest.raises(ProjectFileError, match="无法写入"):
        save_project(reference_project("02"), path)
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["p.zpb.json"]  # no temporary file left behind


def test_save_failing_while_writing_leaves_previous_file(tmp_path, monkeypatch):
    path = tmp_path / "p.zpb.json"
    save_project(reference_project("01"), path)
    before = path.read_bytes()
    monkeypatch.setattr(pf.os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(5, "I/O error")))
    with pytest.raises(ProjectFileError):
        save_project(reference_project("02"), path)
    assert path.read_bytes() == before
