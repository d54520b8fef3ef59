"""Shared by tests: reference forms as projects, and a generator of valid projects."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path

from hypothesis import strategies as st

import main

from bench.data import example_indicators  # noqa: F401  (tests use it from here too)
from importers.grid import parse_grid, rows_from_lists
from model import FundsKind, FundsRow, Indicator, Project, evaluate, profile_names
from tests.conftest import FORMS, reference_rows


def reference_project(form_id: str) -> Project:
    rows = reference_rows(form_id)
    return parse_grid(rows_from_lists(rows[2:]), [rows[0][0], rows[1][0]])


# texts a clerk could type, odd characters included; no control characters (Word drops them)
# and no spaces at either end (a cell's text is read trimmed)
_alphabet = st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn", "Zl", "Zp"))
_text = st.text(_alphabet, max_size=30).map(str.strip)
# a header cell holding only a unit ('元', '万元') is read as the unit of a '单位：元' line, not as
# the header's value (importers/grid.py): a form never names a project, unit or phone so
_header_text = _text.filter(lambda t: t not in ("元", "万元"))
_amount = st.decimals(min_value=0, max_value=Decimal("99999999.999999"), places=6,
                      allow_nan=False, allow_infinity=False).map(lambda d: d.normalize() + 0)
_weight = st.integers(0, 100).map(Decimal)


@st.composite
def projects(draw, max_indicators: int = 30) -> Project:
    funds = []
    for kind in FundsKind:
        funds.append(FundsRow(kind=kind, **{f: draw(st.none() | _amount)
                                          for f in ("initial_budget", "annual_budget", "executed")}))
    inds = draw(st.lists(st.builds(
        Indicator, level1=st.sampled_from(["产出指标", "效益指标", "满意度指标", "成本指标"]),
        level2=_text.filter(bool), name=_text, target=_text, actual=_text,
        weight=st.none() | _weight, hand_score=st.none() | _weight, deviation=_text),
        max_size=max_indicators))
    return Project(year=draw(st.none() | st.integers(2000, 2100)), name=draw(_header_text),
                   department=draw(_header_text), implementer=draw(_header_text), manager=draw(_header_text),
                   phone=draw(_header_text), funds=funds, goal=draw(_text), achieved=draw(_text),
                   indicators=inds, budget_hand_score=draw(st.none() | _weight),
                   profile=draw(st.sampled_from(profile_names())))


def without_rule_hand_scores(project: Project) -> Project:
    """A hand score equal to the rule's is no hand score: the form cannot tell them apart."""
    ev = evaluate(project)
    if project.budget_hand_score is not None and project.budget_hand_score == ev.budget.rule:
        project.budget_hand_score = None
    for ind, score in zip(project.indicators, ev.indicators):
        if ind.hand_score is not None and ind.hand_score == score.rule:
            ind.hand_score = None
    return project


def soffice_convert(files: list[Path], fmt: str, outdir: Path) -> None:
    """Convert files with LibreOffice headless, in its own profile, in one process."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    assert exe, "LibreOffice (soffice) is not installed"
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    try:
        subprocess.run([exe, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                        "--convert-to", fmt, "--outdir", str(outdir), *map(str, files)],
                       check=True, capture_output=True, timeout=300)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def cli(capsys, *args) -> tuple[int, str, str]:
    """main.main run in-process (fast, for many hostile inputs): exit code, stdout, stderr; never
    a traceback or an exception's type name on stderr."""
    try:
        code = main.main([str(a) for a in args])
    except SystemExit as exc:
        code = exc.code
    out = capsys.readouterr()
    assert "Traceback" not in out.err and "Error" not in out.err, out.err
    return code, out.out, out.err


def form01_edited(tmp_path: Path, name: str, edit) -> Path:
    """Reference form 01 as tmp_path/name.docx with its document.xml edited: edit(xml) -> xml,
    which must change it (a Word form's markup as other desks write it)."""
    out = tmp_path / f"{name}.docx"
    with zipfile.ZipFile(FORMS / "01.docx") as zi, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            data = zi.read(info)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                edited = edit(text)
                assert edited != text
                data = edited.encode("utf-8")
            zo.writestr(info, data)
    return out
