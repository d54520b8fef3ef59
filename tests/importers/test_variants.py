"""Other units' forms of the same layout, built the way other tools and clerks build them:
labels with colons and spaces, the title and year elsewhere, cells merged differently,
numbers stored as numbers. The parser must find the table by its labels, not by positions."""
from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest
from docx import Document

from importers import read_form
from model import evaluate, plain
from tests.clerk_forms import clerk_docx, clerk_xlsx
from tests.conftest import REFERENCE_IDS, reference_rows
from tests.helpers import reference_project

INDICATORS = [
    ("产出指标", "数量指标", "指标1：培训场次", "≥12场", "12场", "10"),
    ("", "", "指标2：参训人数", "不少于300人", "280人", "10"),
    ("", "质量指标", "指标1：培训合格率", "≥90%", "95%", "15"),
    ("", "时效指标", "指标1：完成时间", "按时完成", "按时完成", "10"),
    ("", "成本指标", "指标1：项目成本", "≤30万元", "0万元", "5"),
    ("效益指标", "社会效益指标", "指标1：群众知晓率", "高中低", "中", "30"),
    ("满意度指标", "服务对象满意度指标", "指标1：参训人员满意度", "≥85%", "90%", "10"),
]


def _docx(path) -> None:
    """A form made with Word's own merge (python-docx cell.merge), labels written loosely."""
    doc = Document()
    doc.add_paragraph("朝阳区2023年度项目支出绩效自评表")
    t = doc.add_table(rows=13 + len(INDICATORS), cols=9)
    cell = lambda r, c: t.cell(r, c)  # noqa: E731
    def put(r, c, text, to=None):
        target = cell(r, c) if to is None else cell(r, c).merge(cell(*to))
        target.text = text
    put(0, 0, "项 目 名 称：", (0, 1)); put(0, 2, "社区培训项目", (0, 8))
    put(1, 0, "主管部门：", (1, 1)); put(1, 2, "区民政局", (1, 3)); put(1, 4, "实施单位：", (1, 5)); put(1, 6, "某街道办事处", (1, 8))
    put(2, 0, "项目负责人", (2, 1)); put(2, 2, "王五", (2, 3)); put(2, 4, "联系电话", (2, 5)); put(2, 6, "010-12345678", (2, 8))
    put(3, 0, "项目资金(万元)", (7, 1))
    for c, text in zip(range(3, 9), ["年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率", "得分"]):
        put(3, c, text)
    rows = [("年度资金总额", "30", "30", "0", "10", "0.00%", "0"), ("其中：当年财政拨款", "30", "30", "0", "—", "", "—"),
            ("上年结余资金", "", "", "", "—", "", "—"), ("其他资金", "", "", "", "—", "", "—")]
    for i, values in enumerate(rows):
        for c, text in enumerate(values, 2):
            put(4 + i, c, text)
    put(8, 0, "年度总体目标", (9, 1)); put(8, 2, "预期目标", (8, 5)); put(8, 6, "实际完成情况", (8, 8))
    put(9, 2, "开展社区培训12场", (9, 5)); put(9, 6, "受疫情影响未开展", (9, 8))
    put(10, 0, "绩效指标", (11 + len(INDICATORS), 0))
    for c, text in zip(range(1, 9), ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]):
        put(10, c, text)
    for i, (l1, l2, name, target, actual, weight) in enumerate(INDICATORS):
        for c, text in enumerate((l1, l2, name, target, actual, weight), 1):
            put(11 + i, c, text)
    cell(11, 2).merge(cell(12, 2))  # 数量指标 merged down over its two indicators
    cell(11, 2).text = "数量指标"
    last = 11 + len(INDICATORS)
    put(last, 1, "总 分", (last, 5)); put(last, 6, "100")
    doc.save(path)


def _xlsx(path) -> None:
    """Numbers stored as numbers, a percentage as 0.9 with a % format, the title on one row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["朝阳区项目支出绩效自评表（2023年度）"])
    ws.append(["项目名称", None, "社区培训项目"])
    ws.append(["主管部门", None, "区民政局", None, "实施单位", None, "某街道办事处"])
    ws.append(["项目负责人", None, "王五", None, "联系电话", None, 1012345678])
    ws.append(["项目资金（万元）", None, None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
    ws.append([None, None, "年度资金总额", 30, 30, 18.5, 10, None, 9])
    ws.append([None, None, "其中：当年财政拨款", 30, 30, 18.5, "—", None, "—"])
    ws.append([None, None, "上年结转资金", None, None, None, "—", None, "—"])
    ws.append([None, None, "其他资金", None, None, None, "—", None, "—"])
    ws.append(["年度总体目标", None, "预期目标", None, None, None, "实际完成情况"])
    ws.append([None, None, "开展社区培训12场", None, None, None, "已完成"])
    ws.append(["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"])
    start = ws.max_row + 1
    for l1, l2, name, target, actual, weight in INDICATORS:
        ws.append([None, l1 or None, l2 or None, name, target, actual, int(weight)])
    ws.cell(start + 2, 5).value, ws.cell(start + 2, 6).value = 0.9, 0.95
    ws.cell(start + 2, 5).number_format = ws.cell(start + 2, 6).number_format = "0%"
    ws.append(["总分", None, None, None, None, None, 100])
    for rng in ("A2:B2", "C2:I2", "A5:B9", "A10:B11", "C10:F10", "G10:I10", "C11:F11", "G11:I11",
                f"A12:A{ws.max_row - 1}", f"B{start}:B{start + 4}", f"C{start}:C{start + 1}",
                f"A{ws.max_row}:F{ws.max_row}"):
        ws.merge_cells(rng)
    wb.save(path)


def _check(p, executed: str, achieved: str) -> None:
    assert (p.year, p.district, p.name) == (2023, "朝阳区", "社区培训项目")
    assert (p.department, p.implementer, p.manager) == ("区民政局", "某街道办事处", "王五")
    assert p.funds[0].annual_budget == 30 and p.funds[0].executed == Decimal(executed)
    assert p.goal == "开展社区培训12场" and p.achieved == achieved
    assert [(i.level1, i.level2, i.name) for i in p.indicators] == [
        ("产出指标", "数量指标", "指标1：培训场次"), ("产出指标", "数量指标", "指标2：参训人数"),
        ("产出指标", "质量指标", "指标1：培训合格率"), ("产出指标", "时效指标", "指标1：完成时间"),
        ("产出指标", "成本指标", "指标1：项目成本"), ("效益指标", "社会效益指标", "指标1：群众知晓率"),
        ("满意度指标", "服务对象满意度指标", "指标1：参训人员满意度")]
    assert [plain(i.weight) for i in p.indicators] == ["10", "10", "15", "10", "5", "30", "10"]


def test_a_word_form_merged_with_words_own_tools(tmp_path):
    _docx(tmp_path / "form.docx")
    p = read_form(tmp_path / "form.docx")
    _check(p, "0", "受疫情影响未开展")
    assert p.phone == "010-12345678" and p.indicators[2].target == "≥90%"
    ev = evaluate(p)
    assert ev.rate_text(p.funds[0].kind) == "0.00%" and ev.budget.value == 0 and not ev.budget.hand
    assert [plain(s.value) for s in ev.indicators] == ["10", "9", "15", "10", "5", "21", "10"]
    assert any("没有花钱不等于节约资金" in str(x) for x in __import__("model").check(p))


def test_an_excel_form_with_numbers_as_numbers(tmp_path):
    _xlsx(tmp_path / "form.xlsx")
    p = read_form(tmp_path / "form.xlsx")
    _check(p, "18.5", "已完成")
    assert p.phone == "1012345678"
    assert (p.indicators[2].target, p.indicators[2].actual) == ("90%", "95%")
    ev = evaluate(p)
    assert ev.rate_text(p.funds[0].kind) == "61.67%"
    assert ev.budget.rule == 6 and ev.budget.value == 9 and ev.budget.hand  # the unit wrote 9


@pytest.mark.parametrize("build", [clerk_docx, clerk_xlsx], ids=["docx", "xlsx"])
@pytest.mark.parametrize("form_id", REFERENCE_IDS)
def test_reference_rows_typed_into_a_plain_table_read_as_the_reference(tmp_path, form_id, build):
    """The same rows without any cell merged down (a clerk who never merges vertically) and,
    in Excel, every number stored as text: the table is found and read the same."""
    path = build(reference_rows(form_id), tmp_path / f"{form_id}.{build.__name__[-4:]}")
    assert read_form(path) == reference_project(form_id)
