"""-0 is 0 wherever a number is shown or printed: typed, in a file, read from a form, or a tiny
negative rounded — the check, the Word and Excel forms, the 汇总表 and the window."""
from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from model import FundsKind, Project
from model.numbers import parse_amount, parse_plain, percent, plain, round_half_up, score_text
from model.project_file import loads
from tests.conftest import ROOT
from tests.helpers import cli

EXAMPLE = ROOT / "model" / "examples" / "example.zpb.json"
NEGATIVE_ZERO = re.compile(r"(?<![\d.])-0(?:\.0+)?(?![.\d])|-0\.00%")


@pytest.mark.parametrize("typed", ["-0", "-0.00", "－０", "-0万元", "-0元", "−0.0"])
def test_typed_negative_zero_is_zero(typed):
    for value in (parse_amount(typed), parse_plain(typed.removesuffix("万元").removesuffix("元"))):
        assert value == 0 and not value.is_signed()
        assert plain(value) == "0"


def test_rounded_tiny_negatives_print_as_zero():
    assert plain(Decimal("-0")) == "0" and plain(Decimal("-0.000")) == "0"
    assert score_text(Decimal("-0.001")) == "0"
    assert percent(Decimal("-0.0000001")) == "0.00%"
    assert not round_half_up(Decimal("-0.004"), 2).is_signed()
    assert plain(Decimal("-1.5")) == "-1.5"  # a real negative stays what it is


def _negative_zero_project(path: Path, rows: slice = slice(1, None)) -> Path:
    """A project file as a hand edit (or an older version) leaves it: -0 amounts and scores."""
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    body = data["project"]
    for row in body["funds"][rows]:
        row.update(initial_budget="-0", annual_budget="-0.00", executed="-0")
    body["budget_hand_score"] = "-0"
    body["indicators"][0]["hand_score"] = "-0"
    body["indicators"][0]["hand_note"] = "未完成"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_file_holding_negative_zero_reads_as_zero(tmp_path):
    p = loads(_negative_zero_project(tmp_path / "p.zpb.json").read_text(encoding="utf-8"))
    values = [p.budget_hand_score, p.indicators[0].hand_score]
    values += [getattr(r, f) for r in p.funds[1:] for f in ("initial_budget", "annual_budget", "executed")]
    assert all(v == 0 and not v.is_signed() for v in values)


def _docx_texts(path: Path) -> list[str]:
    doc = Document(str(path))
    return [c.text for t in doc.tables for row in t.rows for c in row.cells] + [p.text for p in doc.paragraphs]


def _xlsx_values(path: Path) -> list:
    wb = load_workbook(path)
    return [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]


def test_check_export_and_summary_never_print_negative_zero(tmp_path, capsys):
    folder = tmp_path / "单位"
    folder.mkdir()
    project = _negative_zero_project(folder / "p.zpb.json")
    _negative_zero_project(folder / "q.zpb.json", slice(None))  # its 汇总表 row: budget and spending -0
    code, out, _ = cli(capsys, "check", project)
    assert "：0（" in out or "：0\n" in out
    assert not NEGATIVE_ZERO.search(out), out
    cli(capsys, "export", project, "--outdir", tmp_path / "e")
    cli(capsys, "summary", folder, "--docx", tmp_path / "s.docx", "--xlsx", tmp_path / "s.xlsx")
    code, out, _ = cli(capsys, "summary", folder)
    assert not NEGATIVE_ZERO.search(out)
    for docx in (tmp_path / "e" / "p.docx", tmp_path / "s.docx"):
        texts = _docx_texts(docx)
        assert "0" in texts and not [t for t in texts if NEGATIVE_ZERO.search(t)], docx
    for xlsx in (tmp_path / "e" / "p.xlsx", tmp_path / "s.xlsx"):
        values = _xlsx_values(xlsx)
        assert not [v for v in values if isinstance(v, str) and NEGATIVE_ZERO.search(v)]
        assert not [v for v in values if isinstance(v, (int, float, Decimal)) and v == 0 and str(v).startswith("-")]


def test_a_form_read_with_negative_zero_exports_zero(tmp_path, capsys):
    """A Word form whose clerk typed -0 (a hand score, amounts) reads and prints as 0."""
    from tests.clerk_forms import clerk_docx
    from tests.conftest import reference_rows
    rows = [list(r) for r in reference_rows("01")]
    for r in rows:
        if len(r) > 3 and r[1].strip() == "其他资金":
            r[2:5] = ["-0", "-0", "-0.0"]
    form = clerk_docx(rows, tmp_path / "表.docx")
    code, _, err = cli(capsys, "import", form, "-o", tmp_path / "p.zpb.json")
    assert code == 0, err
    p = loads((tmp_path / "p.zpb.json").read_text(encoding="utf-8"))
    other = p.funds_row(FundsKind.OTHER)
    assert other.executed == 0 and not other.executed.is_signed()
    assert '"-0' not in (tmp_path / "p.zpb.json").read_text(encoding="utf-8")
