"""Any text a clerk can type or paste exports to both formats, and failures are our own error."""
from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import pytest
from defusedxml.ElementTree import fromstring
from hypothesis import given, settings
from hypothesis import strategies as st

from exporters.files import ExportError, export, render
from importers import read_form
from model import Indicator, Project
from model.text import clean_text

# everything, surrogates and controls included: what the clipboard can hold
_any_text = st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=40)


def _parts_parse(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            if name.endswith((".xml", ".rels")):
                fromstring(zf.read(name))


@settings(max_examples=40)
@given(name=_any_text, target=_any_text, deviation=_any_text, goal=_any_text)
def test_any_pasted_text_exports_to_word_and_excel(name, target, deviation, goal):
    p = Project(name=name, goal=goal, indicators=[
        Indicator(level1="产出指标", name=name, target=target, actual=target, weight=Decimal(90),
                  deviation=deviation)])
    for fmt in ("docx", "xlsx"):
        _parts_parse(render(p, fmt))


def test_text_that_slipped_past_the_model_is_cleaned_at_export(tmp_path):
    p = Project(name="项目")
    object.__setattr__(p, "name", "项目\v名称\x00\ud800" + "长" * 300)  # as if never validated
    object.__setattr__(p, "goal", "目标\x0b第二行\x1f")
    for fmt in ("docx", "xlsx"):
        export(p, tmp_path / f"p.{fmt}")
        back = read_form(tmp_path / f"p.{fmt}")
        assert back.name == "项目\n名称" + "长" * 300 and back.goal == "目标\n第二行"
    with zipfile.ZipFile(tmp_path / "p.docx") as zf:
        title = fromstring(zf.read("docProps/core.xml")).find("{http://purl.org/dc/elements/1.1/}title").text
    assert len(title) <= 255


def test_a_long_project_name_exports_to_word():
    p = Project(name="名" * 1000)
    _parts_parse(render(p, "docx"))


def test_any_failure_of_an_export_is_an_export_error_naming_the_project(monkeypatch):
    import exporters.docx_writer as writer

    def broken(*args, **kwargs):
        raise ValueError("python-docx refused something")
    monkeypatch.setattr(writer, "write_docx", broken)
    with pytest.raises(ExportError, match="某项目"):
        render(Project(name="某项目"), "docx")


def test_clean_text_is_idempotent_and_changes_nothing_storable():
    text = "正常文字\n\t第二行，　全角 ①②③ 😀"
    assert clean_text(text) == text and clean_text(clean_text("\v\x00")) == "\n"
