"""A template's own instructions left in the cells a clerk fills (四川's '对照年度目标,说明相关任务目标的
完成情况(100字以内)', '结合自评情况,分析存在的问题及原因。(200字以内)', as real published forms carry
them) are no clerk's words: not read as 实际完成情况, 存在问题 or a reason — which export would print
as if written and check would take as filled — but said as left out; labels carrying a word limit
('未完成原因分析(100字以内)') stay labels, and a clerk's own text is read as ever."""
from __future__ import annotations

import pytest

from importers import read_readings
from tests.importers import builders as B

GOAL_HINT = "对照年度目标,说明相关任务目标的完成情况(100字以内)"
REASON_HINT = ("1.预算执行率=预算执行数/调整后预算数,预算执行率未达到90%的需说明原因(100字以内);2.年中发生预算调整的"
               "(追加或调减),应单独说明理由;3.其他资金包括:社会投入资金、银行贷款.")
NOTE_HINTS = {"评价结论": "结合自评情况,说明项目自评总分,说明项目实施取得的成效或成果。(200字以内)",
              "存在问题": "结合自评情况，分析存在的问题及原因。（200字以内）",
              "改进措施": "针对项目自评中发现的问题,提出下一步改进完善的意见及有关政策性建议。(200字以内)"}


def _template_left_in() -> list[list]:
    rows = B.sichuan()
    rows[6] = [B.UP, (B.UP, 2), ("严格执行相关政策，保障工资及时、足额发放。", 3), (GOAL_HINT, 3)]
    rows[9][8] = REASON_HINT
    rows[14][10] = "未完成原因分析(100字以内)"  # a label with a limit: still the column's label
    for k, (title, hint) in enumerate(NOTE_HINTS.items()):
        rows[-4 + k] = [title, (hint, 10)]
    return rows


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_template_instructions_are_left_out_and_said(tmp_path, fmt):
    path = tmp_path / f"川.{fmt}"
    rows = _template_left_in()
    B.write_docx(path, [rows]) if fmt == "docx" else B.write_xlsx(path, {"表": rows})
    [reading] = read_readings(path)
    p = reading.project
    assert p.goal == "严格执行相关政策，保障工资及时、足额发放。"
    assert p.achieved == ""
    texts = [p.achieved, *(n.text for n in p.notes), *(i.deviation for i in p.indicators)]
    assert not any("字以内" in t for t in texts), texts
    assert [i.deviation for i in p.indicators if i.deviation] == ["12月工资次年1月发放"]  # the clerk's reason
    said = [x for x in reading.left_out if "模板的填写说明" in x]
    assert len(said) == 5, reading.left_out  # 完成情况, the 原因 column's note, three text blocks


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_a_clerk_s_own_text_in_those_places_is_read(tmp_path, fmt):
    path = tmp_path / f"川.{fmt}"
    rows = B.sichuan()
    B.write_docx(path, [rows]) if fmt == "docx" else B.write_xlsx(path, {"表": rows})
    [reading] = read_readings(path)
    assert reading.project.achieved == "已按时足额发放。"
    assert "项目自评得分99分，工资足额发放。" in [n.text for n in reading.project.notes]
    assert not any("模板的填写说明" in x for x in reading.left_out)


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_our_own_export_reads_back_what_the_clerk_typed_even_so(tmp_path, fmt):
    """What our export prints is the clerk's (they may have pasted a template's sentence): read
    back as written, never blanked."""
    from exporters.docx_writer import write_docx
    from exporters.xlsx_writer import write_xlsx
    from importers import read_form
    from tests.helpers import reference_project
    project = reference_project("01")
    project.achieved = GOAL_HINT
    path = tmp_path / f"p.{fmt}"
    (write_docx if fmt == "docx" else write_xlsx)(project, path)
    assert read_form(path).achieved == GOAL_HINT
