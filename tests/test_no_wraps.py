"""No number wraps in any cell of the printed form: '100' in 分值, '100.00%' in 执行率, six-decimal
amounts, in the Word and Excel files (rendered by LibreOffice) and the window's PDF, at every
font size the form is fitted to. Read back from the PDFs: a wrapped number comes out as two
words ('10' and '0'), an Excel cell too narrow for its number as '###'."""
from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from exporters.docx_writer import write_docx
from exporters.layout import FONT_SIZES_PT, build_layout, number_cells
from exporters.xlsx_writer import write_xlsx
from model import FundsKind, Project
from tests.helpers import example_indicators, reference_project, soffice_convert

pytestmark = pytest.mark.slow


def _with_amounts(p: Project, budget: str, executed: str) -> Project:
    for row in p.funds[:2]:
        row.initial_budget = row.annual_budget = Decimal(budget)
        row.executed = Decimal(executed)
    return p


def _forms() -> dict[str, Project]:
    """The reference forms, then one form for each font size that forms of 1 to 40 indicators
    are fitted to, with six-decimal amounts and an execution of exactly 100.00%."""
    forms = {f"ref{i}": reference_project(i) for i in ("01", "05", "06", "08")}
    by_size: dict[float, Project] = {}
    for n in range(1, 41):
        p = _with_amounts(reference_project("08"), "126.782235", "126.782235" if n % 2 else "93.478382")
        p.indicators = example_indicators(n)
        by_size.setdefault(build_layout(p).body_pt, p)
    assert len(by_size) >= len(FONT_SIZES_PT) - 2, sorted(by_size)
    forms.update({f"pt{str(pt).replace('.', '_')}": p for pt, p in by_size.items()})
    return forms


def _words(pdf: Path) -> Counter:
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return Counter(re.findall(r"<word [^>]*>([^<]*)</word>", out))


def _numbers(p: Project) -> Counter:
    return Counter(c.text for c in number_cells(build_layout(p)))


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    if not (shutil.which("soffice") and shutil.which("pdftotext")):
        pytest.fail("LibreOffice and poppler-utils are needed: .ci/run installs them")
    from PySide6.QtWidgets import QApplication

    from exporters.files import export
    QApplication.instance() or QApplication([])
    base = tmp_path_factory.mktemp("wraps")
    forms = _forms()
    files = []
    for name, p in forms.items():
        write_docx(p, base / f"{name}.docx")
        write_xlsx(p, base / f"{name}-x.xlsx")
        export(p, base / f"{name}-qt.pdf", "pdf")
        files += [base / f"{name}.docx", base / f"{name}-x.xlsx"]
    soffice_convert(files, "pdf", base)
    return base, forms


@pytest.mark.parametrize("output", ["", "-x", "-qt"], ids=["docx", "xlsx", "qt"])
def test_every_number_stays_on_one_line(pdfs, output):
    base, forms = pdfs
    for name, p in forms.items():
        words = _words(base / f"{name}{output}.pdf")
        want = _numbers(p)
        assert "100" in want and any(t.endswith("%") for t in want)
        missing = {t: n for t, n in want.items() if words[t] < n}
        assert not missing, f"{name}{output}: numbers broken over lines: {missing}"
        assert not any("###" in w for w in words), f"{name}{output}: a number too wide for its cell"
