"""A draft 部门整体绩效评价报告 (.docx) in the seed reports' structure, 一、部门概况 … 七、.

Every figure and every arithmetic sentence comes from model.department_text; the prose is what
the clerk typed in the window, or a highlighted 【待填写：…】 where they still have to write.
"""
from __future__ import annotations

import re
from typing import BinaryIO

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from model import Project, plain
from model.department import Department, ReportSection as S
from model.department.evaluation import DepartmentFigures, figures
from model.department.report_text import (TO_WRITE, budget_sentences, carryover_sentence, indicator_verdict,
                                   projects_sentences, score_sentence, variance_sentence)

from exporters.department.layout import share_text
from exporters.docx_writer import _trim
from exporters.properties import set_docx_properties

TITLE_FONT, HEADING_FONT, SUB_FONT, BODY_FONT = "方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312"
BODY_PT, LINE_PT = 16, 28  # 三号 on a 28-point line: how the district's reports are set
_MARK = re.compile(r"(【待填写：[^】]*】)")
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # Word refuses these
CHINESE_NUMBERS = "一二三四五六七八九十"


def _fonts(run, font: str, pt: float, bold: bool = False) -> None:
    run.font.name, run.font.size, run.font.bold = font, Pt(pt), bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


class _Writer:
    def __init__(self) -> None:
        self.doc = Document()
        _trim(self.doc)  # no template thumbnail (a blank page in Explorer's preview), no unused styles
        s = self.doc.sections[0]
        s.page_width, s.page_height = Mm(210), Mm(297)
        s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)

    def para(self, text: str, font: str = BODY_FONT, pt: float = BODY_PT, indent: bool = True,
             align=WD_ALIGN_PARAGRAPH.JUSTIFY, bold: bool = False) -> None:
        p = self.doc.add_paragraph()
        p.alignment = align
        f = p.paragraph_format
        f.space_before = f.space_after = Pt(0)
        f.line_spacing = Pt(LINE_PT)
        if indent:
            f.first_line_indent = Pt(pt * 2)
        for part in _MARK.split(_NOT_XML.sub("", text)):
            if not part:
                continue
            run = p.add_run(part)
            _fonts(run, font, pt, bold)
            if _MARK.fullmatch(part):
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW

    def heading(self, text: str) -> None:
        self.para(text, HEADING_FONT)

    def sub(self, text: str) -> None:
        self.para(text, SUB_FONT)

    def prose(self, dept: Department, section: S, what: str | None = None) -> None:
        text = dept.section_text(section)
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()] or [TO_WRITE.format(what or section.value)]
        for line in lines:
            self.para(line)


def write_department_report(dept: Department, projects: list[Project] | None, target: str | BinaryIO,
                            fig: DepartmentFigures | None = None) -> None:
    """The draft report to a path or a binary stream."""
    fig = fig or figures(dept, projects)
    w = _Writer()
    set_docx_properties(w.doc, f"{dept.unit_name}部门整体绩效评价报告", dept.unit_name)
    for line in (dept.unit_name or TO_WRITE.format("单位名称"), "部门整体绩效评价报告"):
        w.para(line, TITLE_FONT, 22, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    w.para("", indent=False)
    w.heading("一、部门概况")
    w.sub("（一）机构设置及职责工作任务情况")
    w.prose(dept, S.ORGANISATION)
    w.sub("（二）部门整体绩效目标设立情况")
    w.prose(dept, S.GOAL_SETTING, "绩效目标设立依据、目标与职责任务匹配情况、目标合理性")
    if dept.goal.strip():
        w.para(f"部门整体绩效目标：{dept.goal.strip()}")
    w.heading("二、当年预算执行情况")
    for sentence in budget_sentences(dept, fig):
        w.para(sentence)
    w.heading("三、整体绩效目标实现情况")
    if dept.achieved.strip():
        w.para(dept.achieved.strip())
    w.sub("（一）产出完成情况分析")
    w.prose(dept, S.OUTPUTS, "产出数量、产出质量、产出进度、产出成本")
    w.sub("（二）效果实现情况分析")
    w.prose(dept, S.EFFECTS, "社会效益、服务对象满意度")
    if dept.indicators or fig.budget_scored:
        w.sub("（三）绩效指标完成情况")
        _indicators(w, dept, fig)
    w.heading("四、预算管理情况分析")
    for i, section in enumerate((S.FINANCE, S.ASSETS, S.PERFORMANCE)):
        w.sub(f"（{CHINESE_NUMBERS[i]}）{section.value}")
        w.prose(dept, section)
    w.sub("（四）结转结余率")
    w.para(carryover_sentence(dept, fig))
    w.sub("（五）部门预决算差异率")
    w.para(variance_sentence(dept, fig))
    w.heading("五、总体评价结论")
    w.sub("（一）评价得分情况")
    for sentence in projects_sentences(fig):
        w.para(sentence)
    if dept.indicators or fig.budget_scored:
        w.para(score_sentence(dept, fig))
    w.sub("（二）存在的问题及原因分析")
    w.prose(dept, S.ISSUES)
    w.heading("六、措施建议")
    w.prose(dept, S.SUGGESTIONS)
    w.heading("七、其他需要说明的问题")
    w.prose(dept, S.OTHER, "其他需要说明的问题（没有请写“无”）")
    w.doc.save(target)


def _table_frame(table) -> None:
    """Cell padding of 1.5 mm each side and 0.8 mm above and below, so text never touches a rule."""
    tbl_pr = table._tbl.tblPr
    mar = tbl_pr.makeelement(qn("w:tblCellMar"), {})
    for side, mm in (("top", 1.2), ("left", 1.8), ("bottom", 1.2), ("right", 1.8)):
        mar.append(mar.makeelement(qn(f"w:{side}"), {qn("w:w"): str(round(mm * 1440 / 25.4)), qn("w:type"): "dxa"}))
    look = tbl_pr.find(qn("w:tblLook"))  # the schema's order: tblCellMar comes before tblLook
    if look is not None:
        look.addprevious(mar)
    else:
        tbl_pr.append(mar)


def _indicators(w: _Writer, dept: Department, fig: DepartmentFigures) -> None:
    """表1 (指标名称 / 分值 / 得分 / 得分率: the table's own words) and one paragraph per indicator,
    as the 璧山区 report; its header row repeats on every page, rows never split."""
    w.para(score_sentence(dept, fig) + "具体得分情况如表1所示。")
    w.para("表1：指标得分情况", SUB_FONT, 14, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    rows = []
    if fig.budget_scored:
        b = fig.evaluation.budget.value
        share = None if b is None or not dept.budget_weight else b / dept.budget_weight
        rows.append(("预算执行率", dept.budget_weight, b, share, ""))
    for i, ind in enumerate(dept.indicators):
        rows.append((ind.name or ind.level2 or ind.level1, ind.weight, fig.indicators[i].value,
                     fig.share(i, ind.weight), ind.deviation))
    table = w.doc.add_table(rows=1 + len(rows), cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # fixed widths: LibreOffice follows the grid, Word the cells (PITFALLS)
    widths = (70, 25, 25, 30)
    for c, mm in enumerate(widths):
        table.columns[c].width = Mm(mm)
    _table_frame(table)
    cells = [("指标名称", "分值", "得分", "得分率")] + [
        (name, "" if wt is None else plain(wt), "" if v is None else plain(v), share_text(s))
        for name, wt, v, s, _ in rows]
    for r, values in enumerate(cells):
        for c, text in enumerate(values):
            cell = table.cell(r, c)
            cell.width = Mm(widths[c])
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            p = cell.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER if c else WD_ALIGN_PARAGRAPH.LEFT
            _fonts(p.add_run(text), BODY_FONT, 12, bold=r == 0)
        tr_pr = table.rows[r]._tr.get_or_add_trPr()
        tr_pr.append(tr_pr.makeelement(qn("w:cantSplit"), {}))
        if r == 0:
            tr_pr.append(tr_pr.makeelement(qn("w:tblHeader"), {}))
    w.para("", indent=False)  # a line between the table and the text under it
    for i, (name, _, _, share, note) in enumerate(rows, 1):
        w.para(f"{i}. {name}", SUB_FONT)
        if note.strip():
            w.para(note.strip())
        elif share is not None and share < 1:  # below full marks: the report must say why
            w.para(TO_WRITE.format(f"{name}未得满分的原因和改进措施"))
        w.para(indicator_verdict(share))
