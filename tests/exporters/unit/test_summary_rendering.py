"""The 汇总表 and the combined export as LibreOffice renders and recalculates them."""
from __future__ import annotations

import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from exporters.unit.combined import write_combined
from exporters.unit.summary_docx import write_summary_docx
from exporters.unit.summary_xlsx import write_summary_xlsx
from model.unit.summary import build_summary, mean_text
from model.unit import UnitEntry
from tests.conftest import REFERENCE_IDS
from tests.helpers import reference_project, soffice_convert

pytestmark = pytest.mark.slow


def _entries(times: int = 1) -> list[UnitEntry]:
    return [UnitEntry(Path(f"{k}-{i}.zpb.json"), reference_project(i)) for k in range(times) for i in REFERENCE_IDS]


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text.split("\f")[:-1]


def _page_size(pdf: Path) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    w, h = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    return w, h


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    if not shutil.which("soffice"):
        pytest.fail("LibreOffice is needed: .ci/run installs it")
    base = tmp_path_factory.mktemp("summary")
    src, out, recalc = base / "src", base / "out", base / "recalc"
    for d in (src, out, recalc):
        d.mkdir()
    eight = build_summary(_entries())
    write_summary_xlsx(eight, src / "eight.xlsx")
    write_summary_docx(build_summary(_entries(6)), src / "many.docx")
    write_combined(_entries(), src / "combined.docx")
    soffice_convert([src / "eight.xlsx"], "xlsx", recalc)
    soffice_convert([src / "many.docx", src / "combined.docx"], "pdf", out)
    return {"eight": eight, "recalc": recalc / "eight.xlsx", "many": out / "many.pdf",
            "combined": out / "combined.pdf"}


def test_recalculated_summary_shows_the_models_sums_and_rates(rendered):
    summary = rendered["eight"]
    ws = load_workbook(rendered["recalc"], data_only=True)["汇总表"]
    first, total = 4, 4 + len(summary.rows)
    for r, row in enumerate(summary.rows, first):
        assert round(Decimal(str(ws[f"G{r}"].value)), 10) == round(row.execution_rate, 10)
    t = summary.totals
    assert Decimal(str(ws[f"D{total}"].value)) == t.sums["initial_budget"].value
    assert Decimal(str(ws[f"E{total}"].value)) == t.sums["annual_budget"].value
    assert Decimal(str(ws[f"F{total}"].value)) == t.sums["executed"].value
    assert round(Decimal(str(ws[f"G{total}"].value)), 10) == round(t.execution_rate, 10)
    assert Decimal(str(ws[f"H{total}"].value)) == round(t.mean_score, 2)
    assert ws[f"C{total}"].value == f"{len(summary.rows)}个项目"
    counts = {ws.cell(total + 1, c).value: ws.cell(total + 1, c + 1).value for c in (2, 4, 6, 8)}
    assert counts == t.grade_counts


def test_summary_docx_is_landscape_with_the_header_on_every_page(rendered):
    w, h = _page_size(rendered["many"])
    assert w > h
    pages = _pages(rendered["many"])
    assert len(pages) >= 2
    with_rows = [p for p in pages if "城市管理" in p]  # the reference forms' 实施单位
    assert len(with_rows) >= 2
    assert all("主要问题" in p and "序号" in p for p in with_rows)
    assert any("合计" in p for p in pages) and "填报人" in pages[-1]


def test_combined_docx_is_the_summary_then_one_page_per_form(rendered):
    pages = _pages(rendered["combined"])
    assert len(pages) == 1 + len(REFERENCE_IDS)
    assert "项目绩效自评汇总表" in pages[0]
    for i, page in zip(REFERENCE_IDS, pages[1:]):
        assert "项目支出绩效自评表" in page and "总分" in page


def _words(pdf: Path) -> list[tuple[str, float, float]]:
    """Every word LibreOffice printed with its top and bottom (pdftotext's word boxes)."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [(w, float(y0), float(y1)) for y0, y1, w in
            re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', html)]


def test_the_sheets_count_of_unfinished_projects_and_mean_print_as_the_model_says(tmp_path):
    """The 汇总表 in Excel as printed: '另有 21 个项目尚未完成评分' wrapped to a second line in a
    row of one, printed over the note below it; the mean printed '平均 84.00' beside the Word copy's
    and the command line's '平均 84'."""
    entries = [UnitEntry(Path(f"{k}-{i}.zpb.json"), reference_project(i)) for k in range(3) for i in REFERENCE_IDS]
    for entry in entries[3:]:
        entry.project.indicators[0].actual = ""  # 21 of 24 not yet scored
    for entry in entries[3:6]:  # wide amounts and rates: 主要问题 is left narrow
        for field in ("initial_budget", "annual_budget"):
            entry.project.total_funds.set_amount(field, "0.000001")
        entry.project.total_funds.set_amount("executed", "123456.789012")
    summary = build_summary(entries)
    assert summary.totals.unfinished == 21
    write_summary_xlsx(summary, tmp_path / "s.xlsx")
    soffice_convert([tmp_path / "s.xlsx"], "pdf", tmp_path)
    words = [w for w in _words(tmp_path / "s.pdf")]
    count = next(i for i, (w, _, _) in enumerate(words) if w == "另有")
    said = ""
    for w, _, bottom in words[count:]:
        said += w
        if said.endswith("评分"):
            break
    assert said == "另有21个项目尚未完成评分"
    note_top = next(top for w, top, _ in words if w.startswith("注："))
    assert bottom <= note_top, (bottom, note_top)
    mean = next(words[i + 1][0] for i, (w, _, _) in enumerate(words) if w == "平均")
    assert mean == mean_text(summary.totals.mean_score)
