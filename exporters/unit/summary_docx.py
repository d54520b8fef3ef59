"""Write the 项目绩效自评汇总表 as .docx: A4 landscape, its header row repeated on every page."""
from __future__ import annotations

from typing import BinaryIO

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from model.unit.summary import COLUMNS, NOTE, Summary

from exporters.docx_writer import (BODY_FONT, TITLE_FONT, _fonts_xml, _line, _paragraphs, _tw, new_document,
                          set_page, table_frame_xml)
from exporters.layout import PAGE_MARGINS_MM
from exporters.properties import set_docx_properties
from exporters.line_breaks import fit_cell, widen_for_words

# widths in mm across A4 landscape less the side margins (273 mm): names and problems get the room
# (an amount like 2034.243804 and a rate like 100.00% stay on one line in the fallback fonts too)
COLUMN_MM = (9.0, 46.0, 34.0, 27.0, 27.0, 27.0, 18.0, 14.0, 11.0, 60.0)
BODY_PT = 9.0
ALIGN = ("center", "left", "left", "center", "center", "center", "center", "center", "center", "left")
SIGNATURE = "填报单位（盖章）：" + "　" * 10 + "填报人：" + "　" * 6 + "审核人：" + "　" * 6 + "填报日期：　　年　　月　　日"

assert abs(sum(COLUMN_MM) - (297 - PAGE_MARGINS_MM["left"] - PAGE_MARGINS_MM["right"])) < 0.01
WIDTHS_PT = 10.0  # the Excel copy's size, the larger: the columns fit both


def summary_columns(summary: Summary) -> tuple[float, ...]:
    """COLUMN_MM with every amount, rate and score on one line (the 合计 row's in bold): a number
    column widens as needed, the names and problems give the room."""
    return widen_for_words(COLUMN_MM, tuple(a == "left" for a in ALIGN), [r.texts() for r in summary.rows],
                           WIDTHS_PT, [summary.total_texts()])


def summary_cell(text: str, col: int, columns: tuple[float, ...], header: bool = False) -> str:
    """A cell's text as every output writes it: a heading or number broken only between words
    (全年预算数/（万元）), names and problems left to wrap."""
    return fit_cell(text, columns[col], BODY_PT, ALIGN[col] == "left" and not header)[1]


def _row(texts: list[str], run_pr: str, columns: tuple[float, ...], header: bool = False, aligns=ALIGN) -> str:
    line = round(BODY_PT * 1.2 * 20)
    cells = []
    for col, (text, mm, align) in enumerate(zip(texts, columns, aligns)):
        text = summary_cell(text, col, columns, header)
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
    columns = summary_columns(summary)
    rows = [_row(list(COLUMNS), bold_pr, columns, header=True, aligns=("center",) * len(COLUMNS))]
    rows += [_row(r.texts(), run_pr, columns) for r in summary.rows]
    # the 合计 row keeps with the lines below it: the signature never stands alone on a page
    rows.append(_row(summary.total_texts(), bold_pr, columns).replace("<w:pPr>", "<w:pPr><w:keepNext/>"))
    return table_frame_xml(columns, "".join(rows))


def add_summary(doc, summary: Summary, alone: bool = True) -> None:
    """The 汇总表 at the end of doc, whose last section is turned to landscape; `alone`: the
    document holds nothing else (its pages are counted 共 M 页)."""
    set_page(doc.sections[-1], landscape=True)
    _line(doc, summary.title, TITLE_FONT, 18)
    _line(doc, summary.year_line or " ", BODY_FONT, 12, after=3)
    doc.element.body.insert(len(doc.element.body) - 1, parse_xml(summary_table_xml(summary)))
    for i, text in enumerate((summary.grade_line(), NOTE)):
        line = _line(doc, text, BODY_FONT, 10.5 if i == 0 else 9, WD_ALIGN_PARAGRAPH.LEFT, before=6 if i == 0 else 2)
        line.paragraph_format.keep_with_next = True
    _line(doc, SIGNATURE, BODY_FONT, 10.5, WD_ALIGN_PARAGRAPH.LEFT, before=12)
    page_numbers(doc.sections[-1], of_all=alone)


def page_numbers(section, of_all: bool = True) -> None:
    """'第 N 页 共 M 页' centred in the section's footer ('第 N 页' in a combined file, where the
    forms that follow are numbered on their own; LibreOffice does not count SECTIONPAGES)."""
    section.footer.is_linked_to_previous = False
    sect_pr = section._sectPr
    if sect_pr.find(qn("w:pgNumType")) is None:
        sect_pr.append(parse_xml(f'<w:pgNumType {nsdecls("w")} w:start="1"/>'))
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    size = round(BODY_PT * 2)
    run_pr = f'<w:rPr>{_fonts_xml(BODY_FONT)}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'

    def text(t: str) -> str:
        return f'<w:r {nsdecls("w")}>{run_pr}<w:t xml:space="preserve">{t}</w:t></w:r>'

    def field(code: str) -> list[str]:
        return [f'<w:r {nsdecls("w")}>{run_pr}<w:fldChar w:fldCharType="begin"/></w:r>',
                f'<w:r {nsdecls("w")}>{run_pr}<w:instrText xml:space="preserve"> {code} </w:instrText></w:r>',
                f'<w:r {nsdecls("w")}>{run_pr}<w:fldChar w:fldCharType="separate"/></w:r>',
                text("1"), f'<w:r {nsdecls("w")}>{run_pr}<w:fldChar w:fldCharType="end"/></w:r>']
    runs = [text("第 "), *field("PAGE"), text(" 页")]
    if of_all:
        runs += [text(" 共 "), *field("NUMPAGES"), text(" 页")]
    for xml in runs:
        p._p.append(parse_xml(xml))


def write_summary_docx(summary: Summary, target: str | BinaryIO) -> None:
    doc = new_document(BODY_PT)
    set_docx_properties(doc, summary.title + summary.year_line, summary.author)
    add_summary(doc, summary)
    doc.save(target)
