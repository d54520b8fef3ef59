"""A form always prints whole (issue 18): 40 indicators with 150-character 偏差原因 through Word,
Excel and `export --pdf` (the program's own print routine, run headless in its own process), read
back from the PDFs — LibreOffice's for .docx/.xlsx — page by page: every indicator name, the 总分
row and the signature lines, the indicator header on every page after the first, 第 N 页 共 M 页,
no text under 9 pt. A reference-sized form still prints on one page in all three.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from exporters.layout import build_layout, paginate
from model.project_file import save_project
from tests.helpers import example_indicators, reference_project, soffice_convert

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
REASON = ("受疫情影响部分线下活动改为线上开展，服务对象覆盖面较计划略有下降，"
          "下一年度将提前制定应急方案并加强线上宣传，确保服务质量和覆盖范围达到年度目标。") * 3
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def long_project(n: int = 40):
    p = reference_project("02")
    p.indicators = example_indicators(n)
    for i, ind in enumerate(p.indicators, 1):
        ind.name = f"第{i}项指标保障热线回访"
        ind.deviation = f"（{i}）" + REASON[: 150 - len(f"（{i}）")]
        assert len(ind.deviation) == 150
    return p


def tight_project():
    """Ten indicators whose 120-character reasons fill the fitted 偏差原因 column's lines: 13.6 em
    of room where a line sets 13 Chinese characters."""
    p = long_project(10)
    for ind in p.indicators:
        ind.deviation = ("受疫情及天气影响部分项目延期至次年实施下一步将提前谋划加强统筹确保项目按期完成" * 4)[:120]
    return p


def figures_project():
    """Eight indicators whose 100-character reasons are full of figures (2023年, 95%, 12月): digits
    set wider than half an em, with Word's space between them and the Chinese."""
    p = long_project(8)
    for ind in p.indicators:
        ind.deviation = ("2023年完成率95%，较2022年的88%提高7个百分点；2024年将按月通报进度，确保12月底前完成100%。" * 2)[:100]
    return p


def headless_export(src: Path, **outputs: Path) -> subprocess.CompletedProcess:
    """`zpb export` in a process of its own with no display and no Qt platform chosen: as a batch
    script on a server runs it."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    args = [a for fmt, path in outputs.items() for a in (f"--{fmt}", str(path))]
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "export", str(src), *args],
                          capture_output=True, text=True, env=env, timeout=300)


def pages_text(pdf: Path) -> list[str]:
    """Each page's text without any white space (LibreOffice sets a space between Chinese and digits,
    and a cell's lines break anywhere)."""
    n = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                                                          text=True, check=True).stdout).group(1))
    return [re.sub(r"\s+", "", subprocess.run(["pdftotext", "-f", str(k), "-l", str(k), str(pdf), "-"],
                                              capture_output=True, text=True, check=True).stdout)
            for k in range(1, n + 1)]


def smallest_text_pt(pdf: Path) -> float:
    """The smallest font size of any word as printed, from poppler's word boxes: a box's height is
    its size times the face's ascent and descent, measured on the title (18 pt) of the same file."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    words = [(float(y1) - float(y0), w) for y0, y1, w in
             re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<', out)]
    title = next(h for h, w in words if w.endswith("自评表"))
    return min(h for h, _ in words) / title * 18


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    if not (shutil.which("soffice") and shutil.which("pdftotext")):
        pytest.fail("LibreOffice and poppler-utils are needed: .ci/run installs them")
    base = tmp_path_factory.mktemp("long")
    out = {}
    for name, project in (("long", long_project()), ("normal", reference_project("01")), ("tight", tight_project()),
                          ("figures", figures_project())):
        src = base / f"{name}.zpb.json"
        save_project(project, src)
        files = {fmt: base / f"{name}-{fmt}.{fmt}" for fmt in ("docx", "xlsx", "pdf")}
        run = headless_export(src, **files)
        assert run.returncode == 0, run.stderr
        out[name] = {"project": project, "files": files}
    lo = base / "lo"
    lo.mkdir()
    soffice_convert([out[n]["files"][f] for n in out for f in ("docx", "xlsx")], "pdf", lo)
    for name in out:
        out[name]["pdfs"] = {"Word": lo / f"{name}-docx.pdf", "Excel": lo / f"{name}-xlsx.pdf",
                             "--pdf": out[name]["files"]["pdf"]}
    return out


OUTPUTS = ("Word", "Excel", "--pdf")


@pytest.mark.parametrize("output", OUTPUTS)
def test_a_forty_indicator_form_prints_whole_with_its_header_on_every_page(printed, output):
    project = printed["long"]["project"]
    pages = pages_text(printed["long"]["pdfs"][output])
    layout_pages = len(paginate(build_layout(project)))
    assert len(pages) == layout_pages > 2  # the layout's pages in every output
    whole = "".join(pages)
    for ind in project.indicators:
        assert ind.name in whole, f"{output}: {ind.name} missing"
        assert ind.deviation[:40] in whole or ind.deviation[:20] in whole, f"{output}: {ind.name}'s reason missing"
    for k, text in enumerate(pages, 1):
        if k > 1:
            assert all(w in text for w in ("三级指标", "指标值", "完成值", "分值", "得分")), \
                f"{output}: no header on page {k}"
        assert f"第{k}页共{len(pages)}页" in text, f"{output}: page {k} unnumbered"
    last = pages[-1]
    assert "总分" in last and all(s in last for s in ("填报人", "审核人", "单位负责人", "填报日期", "（单位盖章）"))
    assert project.indicators[-1].name in last  # the 总分 row is never alone on its page
    assert "总分" not in "".join(pages[:-1])


@pytest.mark.parametrize("output", OUTPUTS)
def test_no_text_of_a_long_form_is_under_9_pt(printed, output):
    if output == "Excel":
        # a spreadsheet program scales a sheet to the page width by the width of its default
        # font (Calc without Calibri's metric twin takes a wider face): the file's sizes are read
        sizes = _xlsx_font_sizes(printed["long"]["files"]["xlsx"])
        assert min(sizes) >= 9, sizes
        return
    assert smallest_text_pt(printed["long"]["pdfs"][output]) >= 8.9


def test_the_word_file_sets_no_text_under_9_pt():
    import io

    from exporters.docx_writer import write_docx
    buf = io.BytesIO()
    write_docx(long_project(), buf)
    from lxml import etree
    with zipfile.ZipFile(buf) as z:
        parts = [etree.fromstring(z.read(n)) for n in z.namelist()
                 if n.startswith(("word/document", "word/footer")) and n.endswith(".xml")]
    sizes = {int(sz.get(W + "val")) for part in parts for r in part.iter(W + "r")
             if "".join(t.text or "" for t in r.iter(W + "t")).strip() for sz in r.iter(W + "sz")}
    assert sizes and min(sizes) >= 18, sorted(sizes)  # half-points


def _xlsx_font_sizes(path: Path) -> set[float]:
    from openpyxl import load_workbook
    ws = load_workbook(path).active
    sizes = {c.font.sz for row in ws.iter_rows() for c in row if c.value not in (None, "") and c.font.sz}
    footer = re.findall(r"&(\d+(?:\.\d+)?)", ws.oddFooter.center.text and f"&{ws.oddFooter.center.size}" or "")
    return sizes | {float(s) for s in footer}


@pytest.mark.parametrize("output", OUTPUTS)
def test_a_reference_sized_form_still_prints_on_one_page(printed, output):
    pages = pages_text(printed["normal"]["pdfs"][output])
    assert len(pages) == 1
    assert "总分" in pages[0] and "单位负责人" in pages[0] and "第1页" not in pages[0]


def test_the_pdf_carries_the_export_mark_and_a_batch_replaces_only_its_own(printed, tmp_path):
    """The output rule for PDFs: our unchanged PDF is replaced by a re-run; one changed after us
    (a viewer saving annotations) is kept without --force; never over an input."""
    from exporters.stamp import is_unchanged_export
    src = tmp_path / "p.zpb.json"
    save_project(reference_project("01"), src)
    out = tmp_path / "p.pdf"
    assert headless_export(src, pdf=out).returncode == 0
    assert is_unchanged_export(out) and b"zpb-export:sha256:" in out.read_bytes()
    assert headless_export(src, pdf=out).returncode == 0  # its own export: written again
    out.write_bytes(out.read_bytes() + b"% annotated\n")
    again = headless_export(src, pdf=out)
    assert again.returncode == 1 and "--force" in again.stderr
    assert out.read_bytes().endswith(b"% annotated\n")
    assert headless_export(src, pdf=src).returncode == 1


@pytest.mark.parametrize("name", ["tight", "figures"])
@pytest.mark.parametrize("output", OUTPUTS)
def test_reasons_that_fill_their_lines_print_on_the_layouts_pages_with_the_signatures(printed, output, name):
    """The layout counted 13.6 characters a line where a line sets 13, so each such row was a line
    short: Word printed a third page holding nothing but the signature lines, the program's PDF
    three pages, Excel two — three copies of one form that disagree. Reasons full of figures were
    counted half an em a digit and no space beside them: a one-page form whose signature lines Word
    printed alone on a second page."""
    project = printed[name]["project"]
    pages = pages_text(printed[name]["pdfs"][output])
    assert len(pages) == len(paginate(build_layout(project))), output
    last = pages[-1]
    assert "总分" in last and "填报人" in last and f"第{len(project.indicators)}项指" in last, output  # names wrap
    assert "总分" not in "".join(pages[:-1]), output
