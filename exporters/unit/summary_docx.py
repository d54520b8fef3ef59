"""Write the 项目绩效自评汇总表 as .docx: A4 landscape, its header row repeated on every page."""
from __future__ import annotations

from typing import BinaryIO

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml

from model.unit.summary import COLUMNS, Summary
from model.text import clean_text, cut

from exporters.docx_writer import (BODY_FONT, CORE_PROPERTY_LIMIT, TITLE_FONT, _line, _paragraphs, _tw, new_document,
                          set_page, table_frame_xml)
from exporters.layout import PAGE_MARGINS_MM

# widths in mm across A4 landscape less the side margins (273 mm): names and problems get the room
COLUMN_MM = (10.0, 58.0, 48.0, 24.0, 24.0, 17.0, 20.0, 10.0, 62.0)
BODY_PT = 9.0
ALIGN = ("center", "left", "left", "center", "center", "center", "center", "center", "left")
SIGNATURE = "填报单位（盖章）：" + "　" * 10 + "填报人：" + "　" * 6 + "审核人：" + "　" * 6 + "填报日期：　　年　　月　　日"

assert abs(sum(COLUMN_MM) - (297 - PAGE_MARGINS_MM["left"] - PAGE_MARGINS_MM["right"])) < 0.01


def _row(texts: list[str], run_pr: str, header: bool = False, aligns=ALIGN) -> str:
    line = round(BODY_PT * 1.2 * 20)
    cells = []
    for text, mm, align in zip(texts, COLUMN_MM, aligns):
        cells.append(f'<w:tc><w:tcPr><w:tcW w:w="{_tw(mm)}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
                     f"{_paragraphs(text, align, run_pr, line)}</w:tc>")
    repeat = "<w:tblHeader/>" if header else ""
    return (f'<w:tr><w:trPr><w:cantSplit/>{repeat}<w:trHeight w:val="{_tw(6.4)}" w:hRule="atLeast"/>'
            f'<w:jc w:val="center"/></w:trPr>{"".join(cells)}</w:tr>')


def summary_table_xml(summary: Summary) -> str:
    size = round(BODY_PT * 2)
    fonts = f'<w:rFonts w:ascii="{BODY_FONT}" w:hAnsi="{BODY_FONT}" w:eastAsia="{BODY_FONT}" w:cs="{BODY_FONT}"/>'
    run_pr = f'<w:rPr>{fonts}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
    bold_pr = f'<w:rPr>{fonts}<w:b/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
    rows = [_row(list(COLUMNS), bold_pr, header=True, aligns=("center",) * len(COLUMNS))]
    rows += [_row(r.texts(), run_pr) for r in summary.rows]
    # the 合计 row keeps with the lines below it: the signature never stands alone on a page
    rows.append(_row(summary.total_texts(), bold_pr).replace("<w:pPr>", "<w:pPr><w:keepNext/>"))
    return table_frame_xml(COLUMN_MM, "".join(rows))


def add_summary(doc, summary: Summary) -> None:
    """The 汇总表 at the end of doc, whose last section is turned to landscape."""
    set_page(doc.sections[-1], landscape=True)
    _line(doc, summary.title, TITLE_FONT, 18)
    _line(doc, summary.year_line or " ", BODY_FONT, 12, after=3)
    doc.element.body.insert(len(doc.element.body) - 1, parse_xml(summary_table_xml(summary)))
    grades = _line(doc, summary.grade_line(), BODY_FONT, 10.5, WD_ALIGN_PARAGRAPH.LEFT, before=6)
    grades.paragraph_format.keep_with_next = True
    _line(doc, SIGNATURE, BODY_FONT, 10.5, WD_ALIGN_PARAGRAPH.LEFT, before=12)


def write_summary_docx(summary: Summary, target: str | BinaryIO) -> None:
    doc = new_document(BODY_PT)
    doc.core_properties.title = cut(clean_text(summary.title), CORE_PROPERTY_LIMIT)
    add_summary(doc, summary)
    doc.save(target)
