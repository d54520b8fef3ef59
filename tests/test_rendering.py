"""What a clerk prints: exported files rendered by LibreOffice (installed by .ci/run).

One LibreOffice run converts every file of a kind, so this module costs a few seconds.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from exporters.docx_writer import write_docx
from exporters.xlsx_writer import write_xlsx
from model import FundsKind, evaluate, plain, score_text
from tests.conftest import REFERENCE_IDS, compare_with_reference, form_rows_tool
from tests.helpers import example_indicators, reference_project, soffice_convert

pytestmark = pytest.mark.slow

LONG = {"15": 15, "20": 20}


def _projects():
    out = {fid: reference_project(fid) for fid in REFERENCE_IDS}
    for name, n in LONG.items():
        p = reference_project("02")
        p.indicators = example_indicators(n)
        out[f"long{name}"] = p
    return out


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    if not (shutil.which("soffice") and shutil.which("pdfinfo")):
        pytest.fail("LibreOffice and poppler-utils are needed: .ci/run installs them")
    base = tmp_path_factory.mktemp("render")
    src, pdf, recalc = base / "src", base / "pdf", base / "recalc"
    for d in (src, pdf, recalc):
        d.mkdir()
    projects = _projects()
    for name, p in projects.items():
        write_docx(p, src / f"{name}.docx")
        write_xlsx(p, src / f"{name}.xlsx")
    docs = sorted(src.glob("*.docx"))
    sheets = sorted(src.glob("*.xlsx"))
    soffice_convert(docs, "pdf", pdf)
    soffice_convert(sheets, "xlsx", recalc)
    xpdf = base / "xpdf"
    xpdf.mkdir()
    soffice_convert(sheets, "pdf", xpdf)
    return {"projects": projects, "pdf": pdf, "recalc": recalc, "xpdf": xpdf}


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def assert_one_a4_portrait_page(path: Path) -> None:
    info = pdf_info(path)
    assert int(info["Pages"]) == 1, f"{path.name}: {info['Pages']} pages"
    w, h = map(float, re.findall(r"[\d.]+", info["Page size"])[:2])
    assert abs(w - 595.3) < 2 and abs(h - 841.9) < 2, info["Page size"]


@pytest.mark.parametrize("name", REFERENCE_IDS)
def test_docx_prints_on_one_a4_portrait_page(rendered, name):
    assert_one_a4_portrait_page(rendered["pdf"] / f"{name}.pdf")


@pytest.mark.parametrize("name", REFERENCE_IDS)
def test_xlsx_prints_on_one_a4_portrait_page(rendered, name):
    assert_one_a4_portrait_page(rendered["xpdf"] / f"{name}.pdf")


@pytest.mark.parametrize("name", [f"long{n}" for n in LONG])
def test_a_long_form_prints_on_the_layouts_pages_in_word_and_excel(rendered, name):
    """15 and 20 indicators do not fit one page at 9 pt: Word and Excel print the layout's pages."""
    from exporters.layout import build_layout, paginate
    pages = len(paginate(build_layout(rendered["projects"][name])))
    assert pages > 1
    for kind in ("pdf", "xpdf"):
        assert int(pdf_info(rendered[kind] / f"{name}.pdf")["Pages"]) == pages, kind


def test_pdf_uses_a_chinese_font(rendered):
    out = subprocess.run(["pdffonts", str(rendered["pdf"] / "01.pdf")], capture_output=True,
                         text=True, check=True).stdout
    assert re.search(r"CJK|Song|Hei|Ming|WenQuanYi|Droid", out), out


@pytest.mark.parametrize("form_id", REFERENCE_IDS)
def test_recalculated_xlsx_matches_the_reference(rendered, form_id):
    assert compare_with_reference(rendered["recalc"] / f"{form_id}.xlsx", form_id, values=True) == []


@pytest.mark.parametrize("name", REFERENCE_IDS + [f"long{n}" for n in LONG])
def test_recalculated_xlsx_shows_the_models_numbers(rendered, name):
    project = rendered["projects"][name]
    ev = evaluate(project)
    rows = form_rows_tool().form_rows(str(rendered["recalc"] / f"{name}.xlsx"), True)
    # a label may be printed on lines broken between words ('年度资金\n总额')
    funds = {"".join(r[1].split()): r for r in rows
             if len(r) == 8 and "".join(r[1].split()) in [k.value for k in FundsKind]}
    for kind in FundsKind:
        assert funds[kind.value][6] == ev.rate_text(kind)
    assert funds[FundsKind.TOTAL.value][7] == score_text(ev.budget.value)
    assert rows[-1][0] == "总分"
    assert rows[-1][1] == plain(ev.weight_sum) and rows[-1][2] == score_text(ev.total)
    scores = [r[7] for r in rows if len(r) == 9 and r[3].startswith("指标")]
    assert scores == [score_text(s.value) for s in ev.indicators]
