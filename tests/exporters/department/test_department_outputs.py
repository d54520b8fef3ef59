"""The department's table (.docx/.xlsx) and report draft, read back with the libraries."""
from __future__ import annotations

import io
import re
import subprocess
from decimal import Decimal as D

import pytest
from docx import Document
from openpyxl import load_workbook

from exporters.department.table_docx import write_department_docx
from exporters.department.report import write_department_report
from exporters.department.table_xlsx import write_department_xlsx
from model.department import ReportSection
from tests.department_seeds import bishan, chaoyang_center, chaoyang_folder, jinsong, jinsong_folder
from tests.helpers import soffice_convert


def _docx_cells(dept) -> list[list[str]]:
    buf = io.BytesIO()
    write_department_docx(dept, buf)
    doc = Document(io.BytesIO(buf.getvalue()))
    assert doc.sections[0].page_width.mm == pytest.approx(210, abs=0.5)
    rows = []
    for tr in doc.tables[0]._tbl.tr_lst:  # the cells the form really has, merged ones once
        rows.append(["".join(t.text or "" for t in tc.iter() if t.tag.endswith("}t")) for tc in tr.tc_lst])
    return rows


def test_bishan_table_prints_weights_scores_shares_total_and_grade():
    rows = _docx_cells(bishan())
    flat = ["|".join(r) for r in rows]
    assert any(r.startswith("|||促进城市综合管理工作|||15|13.5|90%|") for r in flat)
    assert any(r.startswith("|||城区环境卫生质量提高率|||16|16|100%|") for r in flat)
    assert flat[-1] == "总分|100|98.5|等级|优"
    assert any("174.669079" in r and "0.352331" in r for r in flat)
    assert any("部门预决算差异率|19.94%（基数：年初预算数）|结转结余率|0.20%" in r for r in flat)


def test_xlsx_holds_numbers_a_sheet_can_add_and_prints_on_a4():
    buf = io.BytesIO()
    write_department_xlsx(jinsong(), buf)
    ws = load_workbook(io.BytesIO(buf.getvalue())).active
    values = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert "部门整体支出绩效自评表" in values[0] and "（2023年度）" in values
    weights = [c.value for c in ws["G"] if isinstance(c.value, (int, float))]  # 分值: 26 rows, then 总分
    scores = [c.value for c in ws["H"] if isinstance(c.value, (int, float))]
    assert weights[-27:-1] == [4] * 12 + [3, 3, 4, 4, 3] + [4] * 8 + [3] and weights[-1] == 100
    assert sum(weights[-27:-1]) == 100 and scores[-1] == 100
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4) and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_area.startswith("'部门整体自评表'!$A$1:$J$")


def _report_text(dept, projects) -> list[str]:
    buf = io.BytesIO()
    write_department_report(dept, projects, buf)
    return [p.text for p in Document(io.BytesIO(buf.getvalue())).paragraphs]


def test_report_follows_the_seeds_structure_with_the_programs_sentences():
    dept = chaoyang_center()
    dept.text[ReportSection.ISSUES] = "1.绩效管理意识还需要进一步增强。\n2.绩效目标设定的科学性、时效性有待加强。"
    text = _report_text(dept, chaoyang_folder())
    heads = [t for t in text if re.match(r"^[一二三四五六七]、", t)]
    assert heads == ["一、部门概况", "二、当年预算执行情况", "三、整体绩效目标实现情况", "四、预算管理情况分析",
                     "五、总体评价结论", "六、措施建议", "七、其他需要说明的问题"]
    assert "2023年年初预算数6333.340658万元，决算数5453.679982万元，部门预决算差异率13.89%。" in text
    assert "我单位共13个预算项目，所有项目均按绩效目标完成，评价得分均为100分。" in text
    assert "2023年我单位无结转结余资金。" in text
    assert "2.绩效目标设定的科学性、时效性有待加强。" in text  # the clerk's prose, line by line
    assert "【待填写：机构设置及职责工作任务情况】" in text  # what is still to write, marked


def test_report_places_to_write_are_highlighted_and_low_projects_named():
    buf = io.BytesIO()
    write_department_report(jinsong(), jinsong_folder(), buf)
    doc = Document(io.BytesIO(buf.getvalue()))
    marked = [r for p in doc.paragraphs for r in p.runs if r.text.startswith("【待填写")]
    assert marked and all(r.font.highlight_color is not None for r in marked)
    text = [p.text for p in doc.paragraphs]
    assert "有1个项目得分低于90分：2022年第三批功能疏解点位专项资金自评0分，原因是违建点位未达到销账标准。" in text
    assert "北京市朝阳区人民政府劲松街道办事处2023年度部门整体支出绩效自评总得分100分，等级为“优”。" in text


@pytest.mark.slow
def test_tables_render_on_the_layouts_a4_pages(tmp_path):
    """碧山's table on one page; 劲松's 26 indicators do not fit one at 9 pt: two pages in Word and
    Excel alike, the header on the second, numbered, the 总分 and signature lines on the last."""
    from exporters.department.layout import build_department_layout
    from exporters.layout import paginate
    pages = {}
    for name, dept in (("jinsong", jinsong()), ("bishan", bishan())):
        pages[name] = len(paginate(build_department_layout(dept)))
        write_department_docx(dept, tmp_path / f"{name}.docx")
        write_department_xlsx(dept, tmp_path / f"{name}-x.xlsx")
    assert pages == {"jinsong": 2, "bishan": 1}
    soffice_convert(sorted(tmp_path.glob("*.*")), "pdf", tmp_path)
    for pdf in sorted(tmp_path.glob("*.pdf")):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        n = pages[pdf.stem.removesuffix("-x")]
        assert re.search(rf"Pages:\s+{n}\b", info), pdf.name
        if n > 1:
            second = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(pdf), "-"], capture_output=True,
                                    text=True).stdout.replace(" ", "")
            assert "三级指标" in second and "第2页共2页" in second, pdf.name
        size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
        assert abs(float(size.group(1)) - 595) < 3 and abs(float(size.group(2)) - 842) < 3
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "单位负责人" in text and "总分" in text


def test_report_asks_for_a_reason_only_where_an_indicator_lost_points():
    dept = bishan()
    dept.indicators[3].deviation = ""
    text = _report_text(dept, [])
    assert "重庆市璧山区智慧城市管理中心2021年度部门整体支出绩效自评总得分98.5分，等级为“优”。具体得分情况如表1所示。" in text
    assert text.count("根据评价标准，该指标得分为分值的100%。") == 7
    assert "【待填写：促进城市综合管理工作未得满分的原因和改进措施】" in text
    assert not [t for t in text if "受理城市管理问题结案率" in t and "待填写" in t]


def test_the_variance_base_the_file_chose_is_the_tables_and_the_reports():
    """劲松 reports its 差异率 on the 全年预算数: chosen in its department file, the table prints
    0.00% and the report says on which base (the profile's 年初 leaves it to be filled)."""
    dept = jinsong()
    # the printed row names its base, also where the rate is left to be filled (no 年初预算数)
    assert any("部门预决算差异率|（基数：年初预算数）|结转结余率|0.00%" in "|".join(r) for r in _docx_cells(dept))
    dept.variance_base = "annual"
    assert any("部门预决算差异率|0.00%（基数：全年预算数）|结转结余率|0.00%" in "|".join(r) for r in _docx_cells(dept))
    buf = io.BytesIO()
    write_department_xlsx(dept, buf)
    values = [c.value for row in load_workbook(io.BytesIO(buf.getvalue())).active.iter_rows() for c in row]
    assert "0.00%\n（基数：\n全年预算数）" in values
    assert "2023年全年预算数31385.997668万元，决算数31385.997668万元，部门预决算差异率0%。" in _report_text(
        dept, jinsong_folder())

def test_report_table_1_repeats_its_header_on_every_page_in_the_forms_word(tmp_path):
    """40 indicators run 表1 over pages: its header row repeats, no row splits, and it says 分值
    (the department table's word), never 权重; LibreOffice prints the header on each page."""
    from model import Indicator
    dept = bishan()
    dept.indicators = [Indicator(level1="产出指标", level2="数量指标", name=f"第{i}项工作完成数", target="≥1项",
                                 actual="1项", weight=D(2) if i < 40 else D(22)) for i in range(1, 41)]
    dept.budget_weight = None
    path = tmp_path / "报告.docx"
    write_department_report(dept, [], path)
    table = Document(str(path)).tables[0]
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    assert [c.text for c in table.rows[0].cells] == ["指标名称", "分值", "得分", "得分率"]
    assert table.rows[0]._tr.trPr.find(f"{w}tblHeader") is not None
    assert all(r._tr.trPr.find(f"{w}cantSplit") is not None for r in table.rows)
    assert table._tbl.tblPr.find(f"{w}tblCellMar") is not None
    soffice_convert([path], "pdf", tmp_path)
    pages = subprocess.run(["pdftotext", "-layout", str(tmp_path / "报告.pdf"), "-"], capture_output=True,
                           text=True, check=True).stdout.split("\f")
    with_rows = [p for p in pages if re.search(r"第\s*\d+\s*项工作完成数\s+\d+\s+\d+\s+100%", p)]  # rows
    assert len(with_rows) >= 2 and all(re.search(r"指标名称\s+分值\s+得分\s+得分率", p) for p in with_rows)
    assert "权重" not in "".join(pages)


@pytest.mark.slow
def test_a_department_with_long_reasons_takes_widths_fitted_to_its_texts(tmp_path):
    """劲松's 26 indicators with a 120-character reason each printed on 7 pages at the district's
    widths, the reasons in a 29 mm column beside wide 指标值/完成值 ones: the department's table is
    fitted as the project's is (三级指标 and 偏差原因 take what the short columns do not need), and
    Word and Excel print it on the layout's pages, the 总分 with the signature lines."""
    from dataclasses import replace

    from exporters.department.layout import DEPARTMENT_COLUMNS_MM, build_department_layout
    from exporters.layout import fit_font, paginate
    dept = jinsong()
    for ind in dept.indicators:
        ind.deviation = ("受疫情及天气影响部分项目延期至次年实施，下一步将提前谋划、加强统筹，确保项目按期完成。" * 4)[:120]
    layout = build_department_layout(dept)
    district = replace(layout, columns_mm=DEPARTMENT_COLUMNS_MM)
    fit_font(district)
    pages = len(paginate(layout))
    assert pages + 2 <= len(paginate(district)), (pages, len(paginate(district)))
    assert abs(sum(layout.columns_mm) - sum(DEPARTMENT_COLUMNS_MM)) < 0.05
    assert layout.columns_mm[9] > DEPARTMENT_COLUMNS_MM[9]
    write_department_docx(dept, tmp_path / "jinsong.docx")
    write_department_xlsx(dept, tmp_path / "jinsong-x.xlsx")
    soffice_convert(sorted(tmp_path.glob("*.*")), "pdf", tmp_path)
    for pdf in sorted(tmp_path.glob("*.pdf")):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert re.search(rf"Pages:\s+{pages}\b", info), (pdf.name, info)
        last = subprocess.run(["pdftotext", "-f", str(pages), "-l", str(pages), str(pdf), "-"],
                              capture_output=True, text=True).stdout
        assert "总分" in last and "单位负责人" in last, pdf.name
