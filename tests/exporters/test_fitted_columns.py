"""A form that does not fit one page at the district's column widths takes widths fitted to its
texts (issue 18): 指标值/完成值/分值/得分 as narrow as their longest word or number, 三级指标 and
偏差原因 taking the room, so a 40-indicator form with 150-character reasons takes markedly fewer
pages, every text still whole in its cell; a form that fits one page keeps the district's widths.
Word and Excel draw the same widths."""
from __future__ import annotations

import io
import zipfile
from dataclasses import replace

import pytest
from lxml import etree
from openpyxl import load_workbook

from exporters.docx_writer import write_docx
from exporters.layout import (
    COLUMN_MM, FONT_SIZES_PT, LONG_TEXT_COLUMNS, Merge, build_layout, cell_text, fit_font, numbers_fit,
    paginate, rows_cut_off, text_fitted_columns,
)
from exporters.line_breaks import MIN_CELL_PT, numbers, room_em, text_em, words
from exporters.xlsx_writer import write_xlsx
from tests.helpers import example_indicators, reference_project
from tests.test_long_forms import long_project

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def district_pages(layout) -> int:
    """How many pages the form takes at the district's widths (at its best size there)."""
    district = replace(layout, columns_mm=COLUMN_MM)
    fit_font(district)
    return len(paginate(district))


def ordinary(n: int):
    p = reference_project("02")
    p.indicators = example_indicators(n)
    return p


def assert_every_text_whole(layout) -> None:
    """Every word of a label or value on one line of its cell, every number of prose on one line,
    nothing under 9 pt."""
    for row in layout.rows:
        for cell in row.cells:
            if cell.merge == Merge.CONTINUE or cell.vertical or not cell.text.strip():
                continue
            pt, text = cell_text(layout, cell)
            assert pt >= MIN_CELL_PT
            room = room_em(layout.width_mm(cell.col, cell.span), pt)
            pieces = ([n for para in text.split("\n") for n in numbers(para)] if cell.prose
                      else [w.strip() for line in text.split("\n") for w in words(line)])
            for piece in pieces:
                assert text_em(piece) <= room + 1e-9, (cell.text, piece, layout.columns_mm)


def test_a_forty_indicator_form_with_long_reasons_takes_markedly_fewer_pages():
    layout = build_layout(long_project(40))
    before, after = district_pages(layout), len(paginate(layout))
    assert before >= 12  # 14 at the district's widths when this was written
    assert after * 2 <= before, (before, after)
    assert layout.columns_mm != COLUMN_MM
    assert layout.body_pt >= MIN_CELL_PT
    assert_every_text_whole(layout)
    # the room went to the reasons, the short columns gave it
    assert layout.columns_mm[8] > COLUMN_MM[8] * 2
    assert all(layout.columns_mm[i] < COLUMN_MM[i] for i in (4, 5, 7))


@pytest.mark.parametrize("make, most", [(lambda: long_project(14), 3), (lambda: ordinary(12), 1)])
def test_longer_forms_take_fewer_pages_with_every_text_whole(make, most):
    layout = build_layout(make())
    assert len(paginate(layout)) <= most < district_pages(layout)
    assert_every_text_whole(layout)


@pytest.mark.parametrize("form_id", [f"{i:02d}" for i in range(1, 9)])
def test_a_form_that_fits_one_page_keeps_the_districts_widths(form_id):
    layout = build_layout(reference_project(form_id))
    assert len(paginate(layout)) == 1
    assert layout.columns_mm == COLUMN_MM
    assert layout.body_pt == FONT_SIZES_PT[0]


def test_the_fitted_widths_keep_the_tables_width_and_leave_the_layout_alone():
    layout = build_layout(long_project(40))
    district = replace(layout, columns_mm=COLUMN_MM)
    for pt in FONT_SIZES_PT:
        widths = text_fitted_columns(district, pt)
        assert abs(sum(widths) - sum(COLUMN_MM)) < 0.05
        assert widths[:3] == COLUMN_MM[:3]  # 绩效指标, 一级/二级指标 and the funds labels keep theirs
        assert all(widths[i] >= COLUMN_MM[i] / 2 for i in LONG_TEXT_COLUMNS)
    assert district.columns_mm == COLUMN_MM


def test_word_and_excel_draw_the_fitted_widths():
    project = long_project(40)
    layout = build_layout(project)
    docx, xlsx = io.BytesIO(), io.BytesIO()
    write_docx(project, docx)
    write_xlsx(project, xlsx)
    root = etree.fromstring(zipfile.ZipFile(docx).read("word/document.xml"))
    tables = root.iter(f"{W}tbl")
    want = [round(mm * 1440 / 25.4) for mm in layout.columns_mm]
    grids = [[int(g.get(f"{W}w")) for g in t.iter(f"{W}gridCol")] for t in tables]
    assert len(grids) == 2  # the top part and the indicator table, on the one grid
    for grid in grids:
        assert all(abs(g - w) <= 1 for g, w in zip(grid, want, strict=True)), (grid, want)
    ws = load_workbook(xlsx).active
    excel = [ws.column_dimensions[chr(ord("A") + i)].width for i in range(9)]
    ratios = [w / mm for w, mm in zip(excel, layout.columns_mm)]
    assert max(ratios) - min(ratios) < 0.02 * max(ratios), (excel, layout.columns_mm)


def test_a_huge_amount_does_not_undo_the_fitted_widths_of_a_long_form():
    """An amount too wide for 全年预算数 at any size (123456.789012 万元, 12 亿元 to the 分) took the
    fitting away altogether: the form fell back to the district's widths at 10.5 pt, twice the
    pages, and 150-character reasons in rows taller than a page, cut off in print. The amount
    gets its width first; the texts share the rest."""
    project = long_project(40)
    for row in project.funds[:2]:
        for field in ("initial_budget", "annual_budget"):
            row.set_amount(field, "123456.789012")
    huge = build_layout(project)
    assert rows_cut_off(huge) == []
    # 21 pages at the district's widths, 8 fitted (5 without the amount: its column stays wide)
    assert len(paginate(huge)) * 2 <= district_pages(huge), (len(paginate(huge)), district_pages(huge))
    assert numbers_fit(huge, MIN_CELL_PT)
    assert_every_text_whole(huge)
