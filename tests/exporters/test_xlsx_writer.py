"""The Excel form: a live sheet (rates, budget score and totals as formulas) that prints on A4."""
from __future__ import annotations

import io

import openpyxl
import pytest

from exporters.xlsx_writer import write_xlsx
from model import Project
from model.text import join_lines
from tests.conftest import REFERENCE_IDS, form_rows_tool
from tests.helpers import example_indicators, reference_project


def sheet(project: Project):
    buf = io.BytesIO()
    write_xlsx(project, buf)
    return openpyxl.load_workbook(io.BytesIO(buf.getvalue())).active


def find(ws, text: str):
    """The cell holding text, printed on one line or broken between words."""
    return next(c for row in ws.iter_rows() for c in row
                if c.value == text or isinstance(c.value, str) and join_lines(c.value) == text)


@pytest.mark.parametrize("form_id", REFERENCE_IDS)
def test_every_non_formula_cell_is_the_reference_cell(form_id, tmp_path):
    """Before a spreadsheet program computes the formulas, every typed cell already matches."""
    out = tmp_path / "f.xlsx"
    write_xlsx(reference_project(form_id), out)
    tool = form_rows_tool()
    got = tool.form_rows(str(out))
    from tests.conftest import reference_rows
    want = [r for r in reference_rows(form_id) if len(r) != 1]
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert len(g) == len(w)
        for gc, wc in zip(g, w):
            if not str(gc).startswith("="):
                assert tool.norm(gc) == tool.norm(wc) or wc == ""


def test_rates_budget_score_and_totals_are_formulas_over_the_cells():
    ws = sheet(reference_project("02"))
    total_row = find(ws, "年度资金总额").row
    rate = ws.cell(total_row, 8)
    assert rate.value.startswith("=") and "F%d/E%d" % (total_row, total_row) in rate.value
    assert rate.number_format == "0.00%"
    assert "ROUND(G%d*MAX(0,MIN(F%d/E%d,1)),0)" % ((total_row,) * 3) in ws.cell(total_row, 9).value
    total = find(ws, "总分")
    assert "SUM(" in ws.cell(total.row, 8).value and ws.cell(total.row, 7).value.startswith("=IF(COUNT(")
    assert "SUM(" in ws.cell(total.row, 7).value  # the 分值 合计: 待定 while a 分值 is no number
    assert '"待定"' in ws.cell(total.row, 8).value  # while a score is missing


def test_amounts_are_numbers_shown_as_typed():
    ws = sheet(reference_project("08"))
    r = find(ws, "年度资金总额").row
    cell = ws.cell(r, 4)
    assert float(cell.value) == 130.929268 and cell.number_format == "0.000000"
    ws2 = sheet(reference_project("01"))
    assert ws2.cell(find(ws2, "年度资金总额").row, 4).number_format == "0"


def test_hand_budget_score_is_written_as_a_value():
    ws = sheet(reference_project("05"))
    assert ws.cell(find(ws, "年度资金总额").row, 9).value == 9


def test_print_setup_a4_one_page_wide_centred_print_area():
    """A form the layout puts on one page is fitted to one page; a longer one breaks where the
    layout does, its indicator header rows printed again at the top of every page, numbered."""
    from exporters.layout import build_layout, header_rows, paginate
    ws = sheet(reference_project("01"))
    assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.orientation == "portrait"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 1
    assert ws.print_options.horizontalCentered
    assert ws.print_area.startswith("'自评表'!$A$1:$I$")
    assert not ws.print_title_rows and not ws.row_breaks.brk
    long = reference_project("01")
    long.indicators = example_indicators(30)
    ws = sheet(long)
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    layout = build_layout(long)
    pages, head = paginate(layout), header_rows(layout)
    assert ws.print_title_rows == f"${head[0] + 3}:${head[-1] + 3}"  # below the title and year rows
    assert ws.cell(head[0] + 3, 4).value == "三级指标"
    assert [b.id + 1 for b in ws.row_breaks.brk] == [p[0] + 3 for p in pages[1:]]
    assert "第 &P 页 共 &N 页" in ws.oddFooter.center.text


def test_every_cell_of_a_merged_range_has_its_own_border_in_the_file():
    """Excel draws a merged range's borders from each cell's own style, so every cell needs one."""
    import zipfile

    from lxml import etree
    from openpyxl.utils.cell import range_boundaries

    buf = io.BytesIO()
    write_xlsx(reference_project("01"), buf)
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        sheet_xml = etree.fromstring(z.read("xl/worksheets/sheet1.xml"))
        styles = etree.fromstring(z.read("xl/styles.xml"))
    thin = [i for i, b in enumerate(styles.find("m:borders", ns)) if b.find("m:left", ns).get("style") == "thin"]
    xf_border = [int(xf.get("borderId", 0)) for xf in styles.find("m:cellXfs", ns)]
    style_of = {c.get("r"): int(c.get("s", 0)) for c in sheet_xml.iter(f"{{{ns['m']}}}c")}
    ws = sheet(reference_project("01"))
    total_row = find(ws, "总分").row
    checked = 0
    for rng in ws.merged_cells.ranges:
        if rng.min_row <= 2 or rng.min_row > total_row:
            continue  # title and signature lines are outside the table
        c1, r1, c2, r2 = range_boundaries(str(rng))
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                ref = f"{chr(64 + c)}{r}"
                assert xf_border[style_of[ref]] in thin, ref
                checked += 1
    assert checked > 40


def test_wrapped_rows_are_taller():
    ws = sheet(reference_project("01"))
    long_row = find(ws, "指标1：保障政府热线回访工作正常开展，群众诉求及时解决").row
    assert ws.row_dimensions[long_row].height > ws.row_dimensions[find(ws, "项目名称").row].height


def test_vertical_label_and_merges():
    ws = sheet(reference_project("01"))
    label = find(ws, "绩效指标")
    assert label.alignment.text_rotation == 255
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert f"A{label.row}:A{find(ws, '总分').row - 1}" in merged


def test_unreadable_numbers_are_written_as_the_text_typed():
    p = reference_project("01")
    p.indicators[0].set_number("weight", "nan")
    p.indicators[1].set_number("hand_score", "=5")
    p.funds[2].set_amount("executed", "约5")
    ws = sheet(p)
    values = {c.value for row in ws.iter_rows() for c in row}
    assert {"nan", "=5", "约5"} <= values
