"""The Word form: the reference cells exactly, built as an official A4 form that prints the same
in Word, WPS and LibreOffice."""
from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from docx.shared import Mm
from lxml import etree

from exporters.docx_writer import write_docx
from model import Project
from model.text import join_lines
from tests.conftest import REFERENCE_IDS, compare_with_reference
from tests.helpers import example_indicators, reference_project

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _document_xml(project: Project) -> etree._Element:
    buf = io.BytesIO()
    write_docx(project, buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        return etree.fromstring(z.read("word/document.xml"))


@pytest.mark.parametrize("form_id", REFERENCE_IDS)
def test_every_reference_form_exports_to_the_same_cells(form_id, tmp_path):
    out = tmp_path / f"{form_id}.docx"
    write_docx(reference_project(form_id), out)
    assert compare_with_reference(out, form_id) == []


def test_page_is_a4_portrait_with_title_year_and_signature_lines():
    buf = io.BytesIO()
    write_docx(reference_project("01"), buf)
    doc = Document(io.BytesIO(buf.getvalue()))
    s = doc.sections[0]
    assert abs(s.page_width - Mm(210)) < Mm(1) and abs(s.page_height - Mm(297)) < Mm(1)
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "朝阳区项目支出绩效自评表" and texts[1] == "（2022年度）"
    tail = "".join(texts[2:])
    for word in ("填报人", "审核人", "单位负责人", "填报日期", "（单位盖章）"):
        assert word in tail


def test_chinese_fonts_are_set_for_east_asian_text():
    root = _document_xml(reference_project("01"))
    fonts = {f.get(W + "eastAsia") for f in root.iter(W + "rFonts")}
    assert "宋体" in fonts and "黑体" in fonts
    assert all(r.find(W + "rPr/" + W + "rFonts") is not None for r in root.iter(W + "r"))


def test_table_is_fixed_with_widths_on_grid_and_cells_and_borders():
    root = _document_xml(reference_project("01"))
    tbl = root.find(f"{W}body/{W}tbl")
    assert tbl.find(f"{W}tblPr/{W}tblLayout").get(W + "type") == "fixed"
    grid = [int(g.get(W + "w")) for g in tbl.iter(W + "gridCol")]
    assert len(grid) == 9
    for tr in tbl.iter(W + "tr"):
        col = 0
        for tc in tr.findall(W + "tc"):
            span_el = tc.find(f"{W}tcPr/{W}gridSpan")
            span = int(span_el.get(W + "val")) if span_el is not None else 1
            width = tc.find(f"{W}tcPr/{W}tcW")
            assert width.get(W + "type") == "dxa"
            # a cell is as wide as the grid columns it spans (each rounded to a twip)
            assert abs(int(width.get(W + "w")) - sum(grid[col:col + span])) <= span
            col += span
        assert col == 9  # every row covers the 9 grid columns, no more, no less
    borders = tbl.find(f"{W}tblPr/{W}tblBorders")
    assert {b.tag.replace(W, "") for b in borders} == {"top", "left", "bottom", "right", "insideH", "insideV"}
    assert all(b.get(W + "val") == "single" for b in borders)
    assert all(tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in tbl.iter(W + "tr"))


def test_performance_indicator_label_is_vertical_and_merged_down_over_all_indicator_rows():
    p = reference_project("01")
    root = _document_xml(p)
    cells = [tc for tc in root.iter(W + "tc")
             if "".join(t.text for t in tc.iter(W + "t")) == "绩效指标"]
    assert len(cells) == 1
    pr = cells[0].find(W + "tcPr")
    assert pr.find(W + "textDirection").get(W + "val") == "tbRlV"
    assert pr.find(W + "vMerge").get(W + "val") == "restart"
    # tcPr children keep the schema's order
    order = [c.tag.replace(W, "") for c in pr]
    assert order == sorted(order, key=["tcW", "gridSpan", "vMerge", "textDirection", "vAlign"].index)


def test_repeated_second_level_merges_down_and_scores_are_filled():
    p = reference_project("01")
    extra = p.indicators[0].model_copy(update={"name": "指标2：签订第二份合同"})
    p.indicators.insert(1, extra)
    p.indicators[0].weight = p.indicators[1].weight = p.indicators[0].weight / 2
    root = _document_xml(p)
    rows = [["".join(t.text for t in tc.iter(W + "t")) for tc in tr.findall(W + "tc")]
            for tr in root.iter(W + "tr")]
    first = next(i for i, r in enumerate(rows) if len(r) == 9 and r[3].startswith("指标1：签订"))
    assert rows[first][2] == "数量指标" and rows[first + 1][2] == "" and rows[first + 1][1] == ""
    assert rows[first][7] == "5" and rows[-1][0] == "总分" and rows[-1][2] == "100"


def test_texts_are_written_exactly_as_typed():
    p = reference_project("01")
    p.indicators[0].target, p.indicators[0].actual = "≥90%<&>", "１２．５％ “好”"
    p.goal = "第一行\n第二行"
    root = _document_xml(p)
    texts = ["\n".join("".join(t.text or "" for t in para.iter(W + "t")) for para in tc.findall(W + "p"))
             for tc in root.iter(W + "tc")]
    # a short value may be printed on lines broken between words, which read back as typed
    assert "≥90%<&>" in texts and "第一行\n第二行" in texts
    assert "１２．５％ “好”" in [join_lines(t) for t in texts]


def test_a_form_too_long_for_one_page_at_9pt_continues_with_its_header_repeated():
    """No text under 9 pt: a form that does not fit one page is two tables — the project's part
    and the indicator table, whose two header rows Word repeats on every page — rows never split,
    the last rows and the 总分 row kept with the signature lines, 第 N 页 共 M 页 in the footer."""
    from exporters.layout import build_layout, paginate
    short = reference_project("01")
    assert len(paginate(build_layout(short))) == 1
    assert len(_document_xml(short).findall(f"{W}body/{W}tbl")) == 1  # the district's one table
    p = reference_project("01")
    p.indicators = example_indicators(30)
    assert len(paginate(build_layout(p))) > 1
    buf = io.BytesIO()
    write_docx(p, buf)
    with zipfile.ZipFile(buf) as z:
        root = etree.fromstring(z.read("word/document.xml"))
        footers = [etree.fromstring(z.read(n)) for n in z.namelist() if n.startswith("word/footer")]
    top, indicators = root.findall(f"{W}body/{W}tbl")
    sizes = {int(s.get(W + "val")) for s in root.iter(W + "sz") if s.getparent().getparent().find(W + "t") is not None}
    assert min(sizes) >= 18  # 9 pt or more, wherever there is text
    rows = indicators.findall(W + "tr")
    header = [r for r in rows if r.find(f"{W}trPr/{W}tblHeader") is not None]
    assert header == rows[:2]
    assert "".join(header[0].itertext()).startswith("绩效指标一级指标")
    assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for t in (top, indicators) for r in t.findall(W + "tr"))
    kept = [r for r in rows if r.find(f".//{W}keepNext") is not None]
    assert kept == rows[:2] + rows[-3:]  # the header, the last two indicator rows and 总分
    assert "总分" in "".join(rows[-1].itertext())
    words = ["".join(f.itertext()) for f in footers]
    instr = [" ".join(t.text for t in f.iter(W + "instrText")) for f in footers]
    assert any("第" in w and "页 共" in w for w in words) and any("PAGE" in i and "NUMPAGES" in i for i in instr)
