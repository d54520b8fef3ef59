"""Forms from other desks (四川, 安徽, the budget system's 绩效目标申报表 …), built in their own
layouts with python-docx/openpyxl: every imported cell, and the scores."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from importers import ManyForms, NotAForm, count_forms, read_form, read_forms, start_from
from model import FundsKind, Project, Severity, check, evaluate
from tests.importers import builders as B


def _indicators(p: Project) -> list[tuple]:
    return [(i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.hand_score, i.deviation)
            for i in p.indicators]


def _amounts(p: Project, kind: FundsKind) -> tuple:
    r = p.funds_row(kind)
    return r.initial_budget, r.annual_budget, r.executed


SICHUAN_INDICATORS = [
    ("产出指标", "数量指标", "发放（缴纳）覆盖率", "＝100%", "100%", D(30), None, ""),
    ("产出指标", "时效指标", "发放及时性", "≧12次", "11次", D(20), None, "12月工资次年1月发放"),
    ("效益指标", "社会效益指标", "足额保障率（参保率）", "﹦100%", "100%", D(20), None, ""),
    ("效益指标", "可持续影响指标", "制度执行", "严格执行相关制度规定", "达成预期指标", D(10), None, ""),
    ("满意度指标", "服务对象满意度指标", "职工满意度", "≥90%", "95%", D(10), None, ""),
]


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
@pytest.mark.parametrize("colon, yuan, extra_col", [("", False, False), ("：", True, True), (":", False, True)])
def test_sichuan_layout(fmt, colon, yuan, extra_col, tmp_path):
    table = B.sichuan(colon=colon, yuan=yuan, extra_col=extra_col)
    path = (B.write_docx(tmp_path / "f.docx", [table]) if fmt == "docx"
            else B.write_xlsx(tmp_path / "f.xlsx", {"自评表": table}))
    p = read_form(path)
    assert (p.name, p.department, p.implementer, p.year) == (
        "51000021R000000019951-工资性支出", "青神县发展和改革局本级", "青神县发展和改革局", 2023)
    # 年初预算 / 调整后预算数 / 预算执行数, in 万元 whatever the header said
    assert _amounts(p, FundsKind.TOTAL) == (D("238.93"), D("251.89"), D("251.89"))
    assert _amounts(p, FundsKind.FISCAL) == (D("238.93"), D("251.89"), D("251.89"))
    assert _amounts(p, FundsKind.OTHER) == (0, 0, 0)  # 财政专户管理资金, 单位资金 and 其他资金 together
    assert p.funds_row(FundsKind.TOTAL).label == "总额"
    assert p.budget_weight == 10 and p.budget_hand_score is None
    assert p.goal == "严格执行相关政策，保障工资及时、足额发放。" and p.achieved == "已按时足额发放。"
    assert _indicators(p) == SICHUAN_INDICATORS  # the '指标2' placeholder and 合计 are no indicators
    assert [(n.title, n.text) for n in p.notes] == [
        ("项目实施内容及过程概述", "按月发放工资，按时缴纳社保。"), ("评价结论", "项目自评得分99分，工资足额发放。"),
        ("存在问题", "个别月份发放略有延迟。"), ("改进措施", "提前做好用款计划。")]
    ev = evaluate(p)
    assert [s.value for s in ev.indicators] == [30, 18, 20, 10, 10]
    assert (ev.budget.value, ev.total, ev.grade) == (10, 98, "优")


def test_sichuan_other_parts_with_money_add_up_into_other_funds(tmp_path):
    table = B.sichuan()
    table[11] = [B.UP, "财政专户管理资金", "10", "10", "8", "80.00%", "/", "/", ""]
    table[12] = [B.UP, "单位资金", "5", "5", "5", "100.00%", "/", "/", ""]
    p = read_form(B.write_docx(tmp_path / "f.docx", [table]))
    assert _amounts(p, FundsKind.OTHER) == (D(15), D(15), D(13))
    assert p.funds_row(FundsKind.OTHER).label == "财政专户管理资金、单位资金"


def test_anhui_layout_markers_placeholders_and_written_scores(tmp_path):
    p = read_form(B.write_docx(tmp_path / "a.docx", B.anhui()))
    assert (p.name, p.department, p.implementer, p.year) == ("水旱灾害防御经费", "天长市水利局", "天长市水利局", 2022)
    assert _amounts(p, FundsKind.TOTAL) == (D(880), D(880), D(880))
    assert _amounts(p, FundsKind.FISCAL) == (D(880), D(880), D(880))
    assert p.funds_row(FundsKind.FISCAL).label == "其中：本年财政拨款"
    assert (p.goal, p.achieved) == ("完成年度防汛工作，完成中型灌区节水改造项目。", "完成年度目标。")
    names = [i.name for i in p.indicators]
    assert names == ["指标1：完成中型灌区节水改造项目数量", "指标2：完成农业综合水价改革项目", "指标1：工程质量合格",
                     "指标1：年度资金支付完成率100%", "指标1：资金执行在预算范围内", "指标1：全市安全度汛",
                     "指标1：保护全市人口财产不受损失", "指标1：已建工程良性运行", "指标1：服务对象满意度"]
    assert p.indicators[0].level1 == "产出指标（50分）" and p.indicators[5].level1 == "效益指标（30分）"
    assert [i.level2 for i in p.indicators][:5] == ["数量指标", "数量指标", "质量指标", "时效指标", "成本指标"]
    assert [i.weight for i in p.indicators] == [D(10)] * 9
    # the written 9 differs from the rule's 10: kept as the unit's hand score
    assert [i.hand_score for i in p.indicators] == [None] * 6 + [D(9)] + [None] * 2
    assert [n.title for n in p.notes] == ["注"] and p.notes[0].text.startswith("1.一级指标分值统一设置为")
    ev = evaluate(p)
    assert [s.rule for s in ev.indicators] == [D(10)] * 9  # 有效/有效, 得到保障/达成预期指标 …
    assert ev.total == 99
    assert not [x for x in check(p) if "分值合计" in x.message]  # 50/30/10 with the (50分) labels


def test_many_forms_in_one_document_each_with_its_title(tmp_path):
    blocks = B.anhui(2022) + B.anhui(2023)
    second = blocks[5]
    second[0] = ["项目名称", ("防汛物资储备", 9)]
    path = B.write_docx(tmp_path / "year.docx", blocks)
    forms = read_forms(path)
    assert [(p.name, p.year) for p in forms] == [("水旱灾害防御经费", 2022), ("防汛物资储备", 2023)]
    assert all(len(p.indicators) == 9 for p in forms)
    assert count_forms(path) == 2
    with pytest.raises(ManyForms, match="2 张"):
        read_form(path)  # one form asked for, two there: say so, never drop the second


def test_a_workbook_with_one_declaration_per_sheet(tmp_path):
    sheets = {f"项目{k}": B.declaration_sheet(f"项目{k}", amount=str(100 + k)) for k in range(1, 21)}
    path = B.write_xlsx(tmp_path / "budget.xlsx", sheets)
    forms = read_forms(path)
    assert [p.name for p in forms] == [f"项目{k}" for k in range(1, 21)]
    assert count_forms(path) == 20
    p = forms[0]
    assert (p.implementer, p.department, p.year) == ("北京市朝阳区劲松街道办事处", "北京市朝阳区人民政府劲松街道办事处", 2024)
    assert _amounts(p, FundsKind.TOTAL) == (None, D(101), None)
    assert p.goal == "保洁面积达到121057.86平方米，绿化养护达到三级标准。"
    assert _indicators(p) == [
        ("产出指标", "数量指标", "保洁面积", "≥121057.86平方米", "", D(20), None, ""),
        ("产出指标", "质量指标", "保洁率", "＝100%", "", D(20), None, ""),
        ("产出指标", "时效指标", "保洁次数", "≥2次/日", "", D(10), None, ""),
        ("效益指标", "社会效益指标", "环境改善情况", "优良中低差", "", D(30), None, ""),
        ("满意度指标", "服务对象满意度指标", "辖区居民满意度", "≥90%", "", D(5), None, ""),
        ("成本指标", "经济成本指标", "绿化保洁成本", "≤5360031元", "", D(5), None, ""),
    ]  # the 不适用 row and the 备注 line are gone
    assert not [x for x in check(p) if "分值待确认" in x.message]
    assert "备注" in [n.title for n in p.notes]


@pytest.mark.parametrize("colon, unit_label", [("：", "申请单位"), ("", "实施单位"), (":", "项目单位")])
def test_declaration_without_weights_proposes_the_usual_split(colon, unit_label, tmp_path):
    path = B.write_xlsx(tmp_path / "d.xlsx", {"S": B.declaration_sheet(
        "基本事业费", amount="5360031", weights=False, yuan=True, colon=colon, unit_label=unit_label)})
    p = read_form(path)
    assert p.implementer == "北京市朝阳区劲松街道办事处"
    assert p.total_funds.annual_budget == D("536.0031")  # 元 in the label, exactly 万元
    # 产出 50 over 保洁面积/保洁率/保洁次数 and the 成本指标; 效益 30; 满意度 10
    assert [i.weight for i in p.indicators] == [D(13), D(13), D(12), D(30), D(10), D(12)]
    assert any(n.title == "分值待确认" for n in p.notes)


def test_new_from_a_declaration_keeps_its_year_targets_and_budget(tmp_path):
    path = B.write_xlsx(tmp_path / "d.xlsx", {"S": B.declaration_sheet("基本事业费")})
    p = start_from(path)
    assert p.year == 2024 and p.total_funds.annual_budget == D(120)
    assert [i.target for i in p.indicators][0] == "≥121057.86平方米"
    assert all(i.actual == "" for i in p.indicators)


def test_jinsong_style_declaration_with_activity_columns(tmp_path):
    """The 年度绩效指标 table of a department report: 活动/任务 columns, 绩效指标性质/值/度量单位."""
    table = [
        ["项目名称", ("街道综合管理", 8)],
        ["实施单位", ("劲松街道办事处", 8)],
        ["活动", "任务", "一级指标", "二级指标", "三级指标", "绩效指标性质", "绩效指标值", "绩效度量单位", "权重"],
        ["04-综合工作", "处理突发事件", "产出指标", "数量指标", "处理突发事件次数", "≥", "20", "次", "4"],
        [B.UP, B.UP, B.UP, "质量指标", "处理突发事件成效", "定性", "优良中低差", "", "4"],
        [B.UP, B.UP, "成本指标", "经济成本指标", "处理突发事件成本", "≤", "1000", "万元", "4"],
    ]
    p = read_form(B.write_docx(tmp_path / "j.docx", ["2023年度项目支出绩效目标申报表", table]))
    assert [(i.level1, i.level2, i.target, i.weight) for i in p.indicators] == [
        ("产出指标", "数量指标", "≥20次", D(4)), ("产出指标", "质量指标", "优良中低差", D(4)),
        ("成本指标", "经济成本指标", "≤1000万元", D(4))]


def test_header_in_paragraphs_above_the_table(tmp_path):
    table = [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
             ["产出指标", "数量指标", "指标1：培训场次", "≥12场", "12场", "50", "", ""],
             ["效益指标", "社会效益", "指标1：群众知晓率", "有效", "有效", "30", "", ""],
             ["满意度指标", "服务对象满意度指标", "指标1：满意度", "≥85%", "90%", "10", "", ""],
             [("总分", 5), "90", ("", 2)]]
    path = B.write_docx(tmp_path / "p.docx", ["2023年度项目支出绩效自评表", "项目名称：社区培训项目",
                                              "主管部门：区民政局", "实施单位：某街道办事处", table])
    p = read_form(path)
    assert (p.name, p.department, p.implementer, p.year) == ("社区培训项目", "区民政局", "某街道办事处", 2023)
    assert [s.value for s in evaluate(p).indicators] == [50, 30, 10]


@pytest.mark.parametrize("rows, missing", [
    ([["项目名称", "x"], ["主管部门", "y"]], "一级指标"),
    ([["项目名称", "x"], ["一级指标", "年度指标值"], ["产出指标", "1"]], "三级指标"),
    ([["随便", "写写"]], "项目名称"),
])
def test_a_form_that_cannot_be_read_says_what_is_missing(rows, missing, tmp_path):
    with pytest.raises(NotAForm, match=missing):
        read_forms(B.write_xlsx(tmp_path / "x.xlsx", {"S": rows}))
    assert count_forms(tmp_path / "x.xlsx") == 0


def test_department_overall_table_with_indicator_names_only_is_refused(tmp_path):
    """部门整体 (重庆): 指标名称 / 计量单位 / 指标性质 / 年初指标值 / 调整指标值 / 全年完成值 / 权重 / 得分 —
    another kind of form than a project's: refused, saying what it is, never a nameless project."""
    with pytest.raises(NotAForm, match="这是部门整体支出绩效自评表（标题“部门整体绩效自评表”）.*部门整体绩效"):
        read_form(B.write_xlsx(tmp_path / "cq.xlsx", {"S": B.chongqing_department()}))


def test_cli_import_writes_one_project_per_form_and_refuses_one_output(tmp_path, capsys):
    from cli.commands import run
    from model.project_file import load_project
    sheets = {"甲": B.declaration_sheet("基本事业费"), "乙": B.declaration_sheet("基本事业费"),
              "丙": B.declaration_sheet("CON"), "丁": B.declaration_sheet("绿化/保洁:2024*")}
    path = B.write_xlsx(tmp_path / "预算.xlsx", sheets)
    assert run(["import", str(path), "-o", str(tmp_path / "one.zpb.json")]) == 1
    assert "有 4 张表" in capsys.readouterr().err and not (tmp_path / "one.zpb.json").exists()
    assert run(["import", str(path), "--outdir", str(tmp_path / "out")]) == 0
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == sorted(["基本事业费.zpb.json", "基本事业费（2）.zpb.json", "CON_.zpb.json",
                            "绿化_保洁2024.zpb.json"])  # model.file_names: a device name, a path
    assert load_project(tmp_path / "out" / "基本事业费（2）.zpb.json").name == "基本事业费"


def test_cli_new_from_a_declaration(tmp_path):
    from cli.commands import run
    from model.project_file import load_project
    path = B.write_xlsx(tmp_path / "d.xlsx", {"S": B.declaration_sheet("基本事业费", weights=False)})
    assert run(["new", str(tmp_path / "p.zpb.json"), "--from", str(path)]) == 0
    p = load_project(tmp_path / "p.zpb.json")
    assert (p.name, p.year, p.total_funds.annual_budget) == ("基本事业费", 2024, D(120))
    assert sum(i.weight for i in p.indicators) == 90


def test_department_scoring_framework_without_targets_is_refused_saying_what_was_found(tmp_path):
    """部门整体 scoring framework (安徽 寿县): 指标分值 / 指标解释 / 评分标准 / 自评得分, no targets — a
    计分表, not a project's form: refused (issue 20), never a project of hand scores with exit 0."""
    table = [
        [("2023年度部门整体支出绩效评价自评表", 8)],
        ["单位", ("寿县某局", 7)],
        ["序号", "一级指标", "二级指标", "三级指标", "指标分值", "指标解释", "指标说明及评分标准", "自评得分"],
        ["1", "规划（15分）", "基础信息（3分）", "基础信息完整性", "3", "是否真实、完整", "1、真实（1分）", "3"],
        ["2", B.UP, "工作计划（6分）", "年度工作计划完整性", "3", "是否完整可行", "完整可行（3分）", "2"],
    ]
    with pytest.raises(NotAForm, match="这是部门整体支出绩效自评表（标题“2023年度部门整体支出绩效评价自评表”）"):
        read_form(B.write_docx(tmp_path / "sx.docx", [table]))
    table[0] = [("2023年度绩效评价自评表", 8)]  # untitled as 部门整体: still no project's form
    with pytest.raises(NotAForm, match="未识别的表格格式：指标表没有“年度指标值”和“实际完成值”栏.*三级指标"):
        read_form(B.write_docx(tmp_path / "sx.docx", [table]))


def test_budget_system_declaration_with_funds_rows_and_goal_below(tmp_path):
    """The Beijing 项目支出绩效目标申报表: 主管部门及代码, 年度资金总额 beside its label, 年度目标 below."""
    rows = [
        [("项目支出绩效目标申报表", 6)],
        [("（2024年度）", 6)],
        ["项 目 名 称：", ("老旧小区保洁", 5)],
        ["主管部门及代码", ("[101]朝阳区劲松街道", 2), "实施单位", ("劲松街道办事处", 2)],
        ["项目资金（万元）", "年度资金总额", ("536.0031", 4)],
        [B.UP, "其中：财政拨款", ("536.0031", 4)],
        [B.UP, "其他资金", ("", 4)],
        ["总体目标", ("年度目标", 5)],
        [B.UP, ("目标1：保洁面积121057.86平方米。", 5)],
        ["绩效指标", "一级指标", "二级指标", "三级指标", ("指标值", 2)],
        [B.UP, "产出指标", "数量指标", "指标1：保洁面积", ("≥121057.86平方米", 2)],
        [B.UP, "效益指标", "社会效益指标", "指标1：环境改善", ("明显改善", 2)],
        [B.UP, "满意度指标", "服务对象满意度指标", "指标1：满意度", ("≥90%", 2)],
    ]
    p = read_form(B.write_xlsx(tmp_path / "bj.xlsx", {"项目1": rows}))
    assert (p.name, p.department, p.implementer, p.year) == ("老旧小区保洁", "[101]朝阳区劲松街道", "劲松街道办事处", 2024)
    assert p.total_funds.annual_budget == D("536.0031") and p.goal == "目标1：保洁面积121057.86平方米。"
    assert [(i.target, i.actual, i.weight) for i in p.indicators] == [
        ("≥121057.86平方米", "", D(50)), ("明显改善", "", D(30)), ("≥90%", "", D(10))]
    assert any(n.title == "分值待确认" for n in p.notes)


def test_notes_are_saved_and_files_without_them_still_load(tmp_path):
    from model import Note
    from model.project_file import dumps, loads
    p = Project(name="x")
    assert '"notes"' not in dumps(p)  # an older program reads a file with no notes as before
    assert loads(dumps(p)) == p
    p.notes.append(Note(title="评价结论", text="完成。"))
    assert loads(dumps(p)).notes == [Note(title="评价结论", text="完成。")]


def test_hebei_layout_with_empty_placeholder_rows(tmp_path):
    """河北 (central template): 指标1名称 without a colon, '指标2' rows and '……' rows left empty."""
    rows = [
        ["项目名称", ("暖通改造经费", 7)],
        ["主管部门", ("廊坊市发改委", 3), "实施单位", ("廊坊市食品工程学校", 3)],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [B.UP, "年度资金总额", "43.2", "43.2", "37.24", "10", "86%", "9"],
        [B.UP, "其中：当年财政拨款", "43.2", "43.2", "37.24", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ["产出指标", "数量指标", "指标1工程资金金额", "43.2", "37.24", "10", "9", "剩余3%尾款未付。"],
        [B.UP, B.UP, "指标2", "", "", "", "", ""],
        [B.UP, B.UP, "……", "", "", "", "", ""],
        [B.UP, "生态效益指标", "指标1", "指标2", "……", "", "", ""],
        ["满意度指标", "服务对象满意度指标", "指标1学生满意度", "100", "100", "10", "10", "0"],
    ]
    p = read_form(B.write_docx(tmp_path / "hb.docx", ["项目支出绩效自评表", "2019年度）", rows]))
    assert (p.name, p.department, p.implementer, p.year) == ("暖通改造经费", "廊坊市发改委", "廊坊市食品工程学校", 2019)
    assert [(i.name, i.target, i.actual, i.weight, i.hand_score) for i in p.indicators] == [
        ("指标1工程资金金额", "43.2", "37.24", D(10), None), ("指标1学生满意度", "100", "100", D(10), None)]
    assert p.budget_hand_score is None and evaluate(p).budget.value == 9  # 86.20% → 9: the rule's


def test_check_reads_and_checks_each_form_of_a_file_of_several(tmp_path, capsys):
    """README: check reads several forms in one file — each is scored and checked on its own."""
    from cli.commands import run
    sheets = {"甲": B.declaration_sheet("甲项目"), "乙": B.declaration_sheet("乙项目", weights=False)}
    path = B.write_xlsx(tmp_path / "预算.xlsx", sheets)
    code = run(["check", str(path)])
    out = capsys.readouterr().out
    assert f"== {path}（第 1 张表，共 2 张）" in out and f"== {path}（第 2 张表，共 2 张）" in out
    first, second = out.split("（第 2 张表")
    assert "项目：甲项目" in first and "项目：乙项目" in second and "乙项目" not in first
    assert first.count("总分：") == 1 and second.count("总分：") == 1
    assert code == 1  # a declaration starts a year: nothing achieved yet is an error of the form
