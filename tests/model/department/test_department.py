"""The department's figures and sentences against what the three seed reports print."""
from __future__ import annotations

import re
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model import Severity, load_profile
from model.department import BudgetKind, Department, ReportSection
from model.department.checks import check_department
from model.department.evaluation import figures
from model.department.file import department_path, dumps, load_department, loads, save_department
from model.department.report_text import (budget_sentences, carryover_sentence, indicator_verdict, projects_sentences,
                                   rate_words, score_sentence, variance_sentence)
from model.project_file import ProjectFileError
from tests.department_seeds import (BISHAN_TABLE, bishan, chaoyang_center, chaoyang_folder, jinsong,
                                    jinsong_folder)

ANNUAL_BASE = load_profile("朝阳区").model_copy(update={"variance_base": "annual"})


def test_chaoyang_center_report_sentences_are_the_programs():
    dept, projects = chaoyang_center(), chaoyang_folder()
    fig = figures(dept, projects)
    assert budget_sentences(dept, fig)[0] == (
        "2023年全年预算数5453.679982万元，其中，基本支出预算数2949.182808万元，项目支出预算数2504.497174万元，"
        "其他支出预算数0万元。资金总体支出5453.679982万元，其中，基本支出2949.182808万元，项目支出2504.497174万元，"
        "其他支出0万元。预算执行率为100%。")
    assert variance_sentence(dept, fig) == "2023年年初预算数6333.340658万元，决算数5453.679982万元，部门预决算差异率13.89%。"
    assert carryover_sentence(dept, fig) == "2023年我单位无结转结余资金。"
    assert projects_sentences(fig) == ["我单位共13个预算项目，所有项目均按绩效目标完成，评价得分均为100分。"]
    assert rate_words(fig.variance_rate) == "13.89%" and fig.execution_rate == 1
    assert fig.carryover_rate == 0
    assert check_department(dept, projects) == []  # the projects add up to 项目支出 exactly


def test_jinsong_with_the_reports_typo_is_caught_and_with_the_right_figure_reads_as_printed():
    dept = jinsong(project_executed=D("31385.997668"))  # as the report prints 项目支出
    problems = [str(p) for p in check_department(dept)]
    assert any("合计 31385.997668 万元不等于" in p and "相差 -4961.098592 万元" in p for p in problems)
    assert any("项目支出全年执行数 31385.997668 万元超过全年预算数 26424.899076 万元（多 4961.098592 万元）" in p
               for p in problems)
    dept = jinsong()
    fig = figures(dept, jinsong_folder(), ANNUAL_BASE)
    assert budget_sentences(dept, fig)[0] == (
        "2023年全年预算数31385.997668万元，其中，基本支出预算数4961.098592万元，项目支出预算数26424.899076万元，"
        "其他支出预算数0万元。资金总体支出31385.997668万元，其中，基本支出4961.098592万元，项目支出26424.899076万元，"
        "其他支出0万元。预算执行率为100%。")
    # the sub-district reports its 预决算差异率 on the 全年预算数 (a profile parameter): 0
    assert variance_sentence(dept, fig) == "2023年全年预算数31385.997668万元，决算数31385.997668万元，部门预决算差异率0%。"
    assert fig.variance_rate == 0
    assert fig.weight_sum == 100 and fig.complete and fig.total == 100 and fig.grade == "优"
    assert score_sentence(dept, fig) == "北京市朝阳区人民政府劲松街道办事处2023年度部门整体支出绩效自评总得分100分，等级为“优”。"
    low = projects_sentences(fig)
    assert low[0].startswith("我单位共106个预算项目；已评分项目中优105个、差1个，")
    assert low[1] == "有1个项目得分低于90分：2022年第三批功能疏解点位专项资金自评0分，原因是违建点位未达到销账标准。"
    assert fig.folder.lowest == ("2022年第三批功能疏解点位专项资金", 0)


def test_jinsong_projects_not_adding_up_to_project_spending_are_reported_by_how_much():
    problems = [str(p) for p in check_department(jinsong(), jinsong_folder())]
    assert any("106 个项目的全年预算数合计 10550 万元，比项目支出全年预算数 26424.899076 万元少 15874.899076 万元" in p
               for p in problems)


def test_bishan_table_and_carryover_from_its_figures():
    dept = bishan()
    fig = figures(dept)
    assert fig.total == D("98.5") and fig.grade == "优" and fig.weight_sum == 100
    shares = [rate_words(fig.share(i, D(w))) for i, (_, w, _) in enumerate(BISHAN_TABLE)]
    # the report's 表1 prints 10 for 16/16: it is 100
    assert shares == ["100%", "100%", "100%", "90%", "100%", "100%", "100%", "100%"]
    assert indicator_verdict(fig.share(3, D(15))) == "根据评价标准，该指标得分为分值的90%。"
    assert score_sentence(dept, fig) == "重庆市璧山区智慧城市管理中心2021年度部门整体支出绩效自评总得分98.5分，等级为“优”。"
    # 调整后预算 175.02141 − 决算 174.669079 = 结转和结余 0.352331: consistent, no warning
    assert D("175.02141") - D("174.669079") == dept.carryover
    assert not [p for p in check_department(dept) if p.place.field == "carryover"]
    assert carryover_sentence(dept, fig) == "2021年年末结转和结余0.352331万元，结转结余率为0.2%。"
    assert rate_words(fig.execution_rate) == "99.8%"
    assert rate_words(fig.variance_rate) == "19.94%"  # |218.18161 − 174.669079| ÷ 218.18161
    assert "2021年年初预算数218.18161万元，全年预算数175.02141万元；决算数174.669079万元，年末结转和结余0.352331万元。" \
        in budget_sentences(dept, fig)


def test_execution_rate_scored_when_the_table_gives_it_a_weight():
    """The 重庆 融媒体 table: 执行率 76%, 权重 10, 得分 7.6 (two decimals)."""
    dept = Department(year=2021, unit_name="融媒体中心", profile="财预〔2020〕10号", budget_weight=D(10))
    total = dept.row(BudgetKind.TOTAL)
    total.annual_budget, total.executed = D(100), D(76)
    fig = figures(dept)
    assert fig.evaluation.budget.value == D("7.6") and fig.total == D("7.6")
    assert any("分值合计为 10" in str(p) for p in check_department(dept))


def test_missing_figures_and_a_carryover_that_does_not_add_up():
    dept = Department()
    messages = [str(p) for p in check_department(dept)]
    for text in ("未填写单位名称", "未填写年度", "未填写全年预算数", "未填写全年执行数", "未填写年初预算数",
                 "未填写决算数", "未填写年末结转和结余"):
        assert any(text in m for m in messages), text
    assert all(p.severity == Severity.ERROR for p in check_department(dept))
    dept = bishan()
    dept.carryover = D("0.35")
    assert any("全年预算数减全年执行数为 0.352331 万元" in str(p) for p in check_department(dept))
    dept.set_typed("final_accounts", "一百")
    assert dept.final_accounts is None and any("“一百”不是数字" in str(p) for p in check_department(dept))


def test_sentences_leave_marked_places_for_what_is_missing():
    dept = Department(year=2024)
    fig = figures(dept, [])
    assert "【待填写：全年预算数】" in budget_sentences(dept, fig)[0]
    assert "【待填写：" in variance_sentence(dept, fig)
    assert projects_sentences(fig)[0].startswith("【待填写：")


def test_department_file_round_trip_atomic_and_validated(tmp_path):
    dept = jinsong()
    dept.text[ReportSection.ISSUES] = "1.预算编制的合理性需要提高。"
    path = department_path(tmp_path)
    save_department(dept, path)
    again = load_department(path)
    assert again == dept and again.row(BudgetKind.PROJECT).annual_budget == D("26424.899076")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left
    assert loads(dumps(dept)) == dept
    text = dumps(dept).replace('"format_version": 1', '"format_version": 9')
    with pytest.raises(ProjectFileError, match="更新版本"):
        loads(text)
    with pytest.raises(ProjectFileError, match="不是本程序的部门整体文件"):
        loads('{"format": "zipingbiao-project", "format_version": 1}')
    broken = dumps(dept).replace('"基本支出"', '"奖金"')
    with pytest.raises(ProjectFileError, match="内容有误"):
        loads(broken)


_typed = st.one_of(st.none(), st.sampled_from(["0", "18", "53.808", "1,234.5", "180000元", "-3", "十万", " ", "0.000001"]),
                   st.text(max_size=8))


@settings(deadline=None, max_examples=60)
@given(cells=st.lists(_typed, min_size=17, max_size=17), year=st.one_of(st.none(), st.integers(1990, 2100)))
def test_whatever_is_typed_the_figures_sentences_and_file_hold(cells, year):
    """Any text in any figure: no crash, no 'None' in a sentence, the file gives it back."""
    dept = Department(year=year, unit_name="某单位")
    it = iter(cells)
    for row in dept.budget:
        for name in ("initial_budget", "annual_budget", "executed"):
            row.set_typed(name, next(it))
    for name in ("final_accounts", "carryover", "three_public_budget", "three_public_final", "budget_weight"):
        dept.set_typed(name, next(it))
    fig = figures(dept, [])
    sentences = budget_sentences(dept, fig) + [carryover_sentence(dept, fig), variance_sentence(dept, fig),
                                               score_sentence(dept, fig)] + projects_sentences(fig)
    assert not [s for s in sentences if "None" in s]
    problems = check_department(dept, [])
    assert all(p.message and p.place.label() for p in problems)
    if fig.execution_rate is not None:
        assert fig.execution_rate == dept.amount(BudgetKind.TOTAL, "executed") / dept.amount(BudgetKind.TOTAL, "annual_budget")
    assert loads(dumps(dept)) == dept


def test_the_variance_base_is_the_department_files_choice_and_jinsong_gives_0(tmp_path):
    """劲松 reports its 差异率 on the 全年预算数 while 朝阳区's profile says 年初: the file decides."""
    dept = jinsong()
    assert dept.variance_base is None and figures(dept).variance_base == "initial"
    assert '"variance_base"' not in dumps(dept)  # left out: an older program reads the file
    dept.variance_base = "annual"
    fig = figures(dept, jinsong_folder())
    assert fig.variance_base == "annual" and fig.variance_rate == 0
    assert rate_words(fig.variance_rate) == "0%"
    assert variance_sentence(dept, fig) == "2023年全年预算数31385.997668万元，决算数31385.997668万元，部门预决算差异率0%。"
    save_department(dept, department_path(tmp_path))
    assert load_department(department_path(tmp_path)).variance_base == "annual"
    dept.variance_base = "initial"  # chosen against the profile: 年初 not filled, said so
    assert figures(dept).variance_rate is None
    assert any("年初预算数" in p.message and "部门预决算差异率" in p.message for p in check_department(dept))
    with pytest.raises(ProjectFileError, match="部门预决算差异率的基数：不是可选的值"):
        loads(dumps(jinsong()).replace('"profile": "朝阳区"', '"profile": "朝阳区", "variance_base": "决算"'))


@pytest.mark.parametrize("profile", ["北京市", "../../../../etc/passwd", ""])
def test_an_unknown_profile_is_refused_with_its_name_never_read_as_chaoyang(profile):
    text = dumps(jinsong()).replace('"profile": "朝阳区"', f'"profile": "{profile}"')
    with pytest.raises(ProjectFileError, match=f"评分规则：本程序没有名为“{re.escape(profile)}”的评分规则"):
        loads(text, "文件 部门整体.zpbdept.json ")
    with pytest.raises(ValueError):
        Department(profile=profile)
