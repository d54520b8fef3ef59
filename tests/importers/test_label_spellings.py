"""Labels as other desks type them: traditional characters (a traditional input method, WPS's
简繁转换) and an invisible character pasted inside a label are the same label — the value beside
'項目負責人' was dropped in silence, and a form all in traditional labels refused as no form."""
from __future__ import annotations

from pathlib import Path

from importers import read_readings
from tests.conftest import FORMS
from tests.helpers import form01_edited

TRADITIONAL = {"项目名称": "項目名稱", "主管部门": "主管部門", "实施单位": "實施單位", "项目负责人": "項目負責人",
               "联系电话": "聯繫電話", "项目资金": "項目資金", "年初预算数": "年初預算數", "全年预算数": "全年預算數",
               "全年执行数": "全年執行數", "执行率": "執行率", "年度资金总额": "年度資金總額", "其中：当年财政拨款": "其中：當年財政撥款",
               "上年结转资金": "上年結轉資金", "其他资金": "其他資金", "年度总体目标": "年度總體目標",
               "预期目标": "預期目標", "实际完成情况": "實際完成情況", "一级指标": "一級指標", "二级指标": "二級指標",
               "三级指标": "三級指標", "指标值": "指標值", "完成值": "完成值", "实际": "實際", "总分": "總分"}


def _edited(tmp_path: Path, name: str, changes: dict[str, str]) -> Path:
    """Form 01 with the labels changes names written otherwise."""
    def relabel(text: str) -> str:
        for old, new in changes.items():
            assert f">{old}" in text, old
            text = text.replace(f">{old}", f">{new}")
        return text
    return form01_edited(tmp_path, name, relabel)


def _reference():
    [reading] = read_readings(FORMS / "01.docx")
    return reading.project


def test_a_form_in_traditional_labels_reads_as_the_reference(tmp_path):
    [reading] = read_readings(_edited(tmp_path, "traditional", TRADITIONAL))
    assert reading.project == _reference()
    [reading] = read_readings(_edited(tmp_path, "one", {"项目负责人": "項目負責人"}))
    assert reading.project.manager == "郑彬"


def test_an_invisible_character_inside_a_label_is_no_part_of_it(tmp_path):
    [reading] = read_readings(_edited(tmp_path, "zwsp", {"项目负责人": "项目\u200b负责人"}))
    assert reading.project.manager == "郑彬"  # the warning said the character was removed, yet the label was not known
    assert any("U+200B" in w for w in reading.warnings)
