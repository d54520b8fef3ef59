"""A Word form as Word shows and prints it: what a cell holds besides its text — a tracked
revision, hidden text, a content control's placeholder, a text box over it — is never read as
the clerk's value in silence (a reference form's XML edited as Word writes these)."""
from __future__ import annotations

import re
from pathlib import Path

from importers import read_readings
from tests.conftest import FORMS
from tests.helpers import cli, form01_edited

MANAGER = "<w:r><w:t>郑彬</w:t></w:r>"


_edited = form01_edited


def _manager(markup: str):
    return lambda xml: xml.replace(MANAGER, markup, 1)


def _one(path: Path):
    [reading] = read_readings(path)
    return reading.project, reading.warnings


def test_a_content_control_s_placeholder_is_no_value(tmp_path):
    path = _edited(tmp_path, "placeholder", _manager(
        "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
        "<w:r><w:t>单击或点击此处输入文字。</w:t></w:r></w:sdtContent></w:sdt>"))
    p, warnings = _one(path)
    assert p.manager == ""
    assert warnings == ["第 1 个表格第 5 行第 3 列：内容控件显示的是提示文字“单击或点击此处输入文字。”，不是填写的内容，按空白读取"]
    # a filled content control is the clerk's value
    p, warnings = _one(_edited(tmp_path, "filled", _manager(f"<w:sdt><w:sdtPr/><w:sdtContent>{MANAGER}</w:sdtContent></w:sdt>")))
    assert p.manager == "郑彬" and warnings == []


def test_text_moved_away_or_hidden_is_not_read_and_is_said(tmp_path):
    moved = _edited(tmp_path, "moved", _manager(
        '<w:moveFrom w:id="1" w:author="a"><w:r><w:t>张三</w:t></w:r></w:moveFrom>'
        f'<w:moveTo w:id="2" w:author="a">{MANAGER}</w:moveTo>'))
    p, warnings = _one(moved)
    assert p.manager == "郑彬"  # was '张三郑彬': moved-away text is kept in w:t
    assert warnings == ["第 1 个表格第 5 行第 3 列：有未接受的修订（删去“张三”，加入“郑彬”），按修订后的内容读取，请核对"]
    hidden = _edited(tmp_path, "hidden", _manager(f"<w:r><w:rPr><w:vanish/></w:rPr><w:t>张三</w:t></w:r>{MANAGER}"))
    p, warnings = _one(hidden)
    assert p.manager == "郑彬"
    assert warnings == ["第 1 个表格第 5 行第 3 列：隐藏文字“张三”不显示也不打印，未读取，请核对"]
    shown = _edited(tmp_path, "shown", _manager('<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>郑彬</w:t></w:r>'))
    assert _one(shown) == (_one(FORMS / "01.docx")[0], [])


def test_a_revised_amount_is_read_as_revised_and_named(tmp_path, capsys):
    def revise(xml: str) -> str:  # 全年执行数 of 年度资金总额: 18 struck out, 15 typed with changes tracked
        at = xml.index("年度资金总额")
        runs = [m.start() for m in re.finditer(re.escape("<w:r><w:t>18</w:t></w:r>"), xml[at:])]
        cut = at + runs[2]
        return (xml[:cut] + '<w:del w:id="1" w:author="a"><w:r><w:delText>18</w:delText></w:r></w:del>'
                '<w:ins w:id="2" w:author="a"><w:r><w:t>15</w:t></w:r></w:ins>'
                + xml[cut + len("<w:r><w:t>18</w:t></w:r>"):])
    path = _edited(tmp_path, "revised", revise)
    p, warnings = _one(path)
    assert str(p.funds[0].executed) == "15" and str(p.funds[0].annual_budget) == "18"
    assert warnings == ["第 1 个表格第 7 行第 6 列：有未接受的修订（删去“18”，加入“15”），按修订后的内容读取，请核对"]
    code, _, err = cli(capsys, "import", str(path), "-o", str(tmp_path / "p.zpb.json"))
    assert code == 0 and "第 7 行第 6 列：有未接受的修订（删去“18”，加入“15”）" in err


def test_a_text_box_over_a_cell_is_not_its_text_and_is_read_once_elsewhere(tmp_path):
    def box(text: str) -> str:  # as Word writes a text box: the shape, and a VML picture as fallback
        content = f"<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"
        return ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wps:wsp><wps:txbx>'
                f"{content}</wps:txbx></wps:wsp></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape>"
                f"<v:textbox>{content}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>")
    p, warnings = _one(_edited(tmp_path, "boxed", _manager(MANAGER + box("已盖章"))))
    assert p.manager == "郑彬"  # was '郑彬已盖章已盖章\n已盖章\n已盖章'
    assert warnings == ["第 1 个表格第 5 行第 3 列：单元格上的文本框中写有“已盖章”，文本框不是表格的内容，未读取，请核对"]
    # the year in a text box above the table (a title drawn as a shape) is read, once
    titled = _edited(tmp_path, "titled", lambda xml: xml.replace(
        "<w:body>", f"<w:body><w:p>{box('2023年度')}</w:p>", 1).replace("（2022年度）", "", 1))
    p, warnings = _one(titled)
    assert p.year == 2023 and warnings == []


def test_a_non_breaking_hyphen_stays_in_the_phone_number(tmp_path):
    path = _edited(tmp_path, "hyphen", lambda xml: xml.replace(
        "<w:r><w:t>50981530</w:t></w:r>", "<w:r><w:t>010</w:t><w:noBreakHyphen/><w:t>50981530</w:t></w:r>", 1))
    assert _one(path)[0].phone == "010-50981530"  # was '01050981530'


def test_a_word_formula_field_is_read_as_its_last_result_and_said(tmp_path):
    def field(xml: str) -> str:  # 年度资金总额's 全年预算数 as '=SUM(BELOW)', its result as last updated
        at = xml.index("年度资金总额")
        runs = [m.start() for m in re.finditer(re.escape("<w:r><w:t>18</w:t></w:r>"), xml[at:])]
        cut = at + runs[1]
        return (xml[:cut] + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> =SUM(BELOW) '
                '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>18</w:t></w:r>'
                '<w:r><w:fldChar w:fldCharType="end"/></w:r>' + xml[cut + len("<w:r><w:t>18</w:t></w:r>"):])
    p, warnings = _one(_edited(tmp_path, "field", field))
    assert str(p.funds[0].annual_budget) == "18"
    assert warnings == ["第 1 个表格第 7 行第 5 列：是 Word 的计算域（=SUM(BELOW)），读的是它上次更新时算出的结果（改了数后不会自动更新），"
                        "请核对（在 Word 中选中后按 F9 可更新）"]
    simple = _edited(tmp_path, "simple", _manager('<w:fldSimple w:instr=" MERGEFIELD 负责人 ">' + MANAGER + "</w:fldSimple>"))
    assert _one(simple) == (_one(FORMS / "01.docx")[0], [])  # a mail-merge field is its text


def _rows(xml: str) -> list[re.Match]:
    return list(re.finditer(r"<w:tr>.*?</w:tr>", xml))


def test_a_funds_part_drawn_as_a_table_inside_a_merged_cell_is_read(tmp_path):
    def nest(xml: str) -> str:  # the 项目资金 header and its four rows as a table in one cell across the form
        rows = _rows(xml)
        first, last = rows[5], rows[9]
        grid = "<w:tblGrid>" + '<w:gridCol w:w="1096"/>' * 9 + "</w:tblGrid>"
        return (xml[:first.start()] + '<w:tr><w:tc><w:tcPr><w:gridSpan w:val="9"/></w:tcPr><w:tbl>' + grid
                + xml[first.start():last.end()] + "</w:tbl><w:p/></w:tc></w:tr>" + xml[last.end():])
    p, warnings = _one(_edited(tmp_path, "nested", nest))
    assert p == _one(FORMS / "01.docx")[0] and warnings == []  # its amounts were read as blank


def test_a_table_inside_a_cell_beside_others_is_named(tmp_path):
    inner = ('<w:tbl><w:tblGrid><w:gridCol w:w="500"/></w:tblGrid><w:tr><w:tc><w:p><w:r><w:t>分管领导</w:t></w:r></w:p>'
             "</w:tc></w:tr></w:tbl><w:p/>")
    nested = _edited(tmp_path, "beside", lambda xml: xml.replace(f"<w:p>{MANAGER}</w:p>", f"<w:p>{MANAGER}</w:p>{inner}", 1))
    p, warnings = _one(nested)
    assert p.manager == "郑彬\n分管领导"
    assert warnings == ["第 1 个表格第 5 行第 3 列：单元格中嵌套了表格，其中的内容按文字连在一起读取，请核对"]


def test_a_form_pasted_into_word_as_an_excel_object_is_named_as_that(tmp_path, capsys):
    obj = ('<w:p><w:r><w:object><v:shape id="_x0000_i1025" type="#_x0000_t75"><v:imagedata r:id="rId9" o:title=""/>'
           '</v:shape><o:OLEObject Type="Embed" ProgID="Excel.Sheet.12" ShapeID="_x0000_i1025" DrawAspect="Content" '
           'ObjectID="_1" r:id="rId10"/></w:object></w:r></w:p>')
    path = _edited(tmp_path, "object", lambda xml: re.sub(r"<w:tbl>.*</w:tbl>", obj, xml, flags=re.S))
    code, _, err = cli(capsys, "import", str(path), "-o", str(tmp_path / "p.zpb.json"))
    assert code == 1 and "文档中的表格是嵌入的Excel 工作表对象，不是 Word 表格" in err and "另存为 Excel 工作簿（.xlsx）" in err


def test_funds_rows_whose_header_row_was_deleted_are_named_not_guessed(tmp_path):
    def delete_header(xml: str) -> str:  # the row 项目资金 | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
        row = _rows(xml)[5]
        assert "年初预算数" in row.group(0)
        return xml[:row.start()] + xml[row.end():]
    p, warnings = _one(_edited(tmp_path, "headless", delete_header))
    total = p.funds[0]
    assert (total.initial_budget, total.annual_budget, total.executed) == (None, None, None)  # was 全年预算数 18, a guess
    assert warnings == [f"第 1 个表格第 {r} 行第 3 列：这一行有几个金额，上方却没有“年初预算数、全年预算数、全年执行数”表头，"
                        "不知各是哪一栏，未读取，请核对" for r in (6, 7)]


def test_a_figure_struck_out_by_hand_is_not_read_beside_its_successor(tmp_path):
    def strike(xml: str) -> str:  # 年度资金总额's 全年执行数: 18 struck out, 15 typed beside it, no space
        at = xml.index("年度资金总额")
        runs = [m.start() for m in re.finditer(re.escape("<w:r><w:t>18</w:t></w:r>"), xml[at:])]
        cut = at + runs[2]
        return (xml[:cut] + '<w:r><w:rPr><w:strike/></w:rPr><w:t>18</w:t></w:r><w:r><w:t>15</w:t></w:r>'
                + xml[cut + len("<w:r><w:t>18</w:t></w:r>"):])
    p, warnings = _one(_edited(tmp_path, "struck", strike))
    assert str(p.funds[0].executed) == "15"  # was 1815 万元
    assert warnings == ["第 1 个表格第 7 行第 6 列：划了删除线的文字“18”未读取，请核对"]
    unstruck = _edited(tmp_path, "unstruck", _manager('<w:r><w:rPr><w:strike w:val="false"/></w:rPr><w:t>郑彬</w:t></w:r>'))
    assert _one(unstruck) == (_one(FORMS / "01.docx")[0], [])
