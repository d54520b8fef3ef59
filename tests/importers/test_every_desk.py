"""Issue 20: a form from another desk is read as it prints, or refused saying what was found —
never read wrong with exit 0. Each class of layout is built with python-docx and openpyxl (both
formats, label variants); what is read, what is refused and what is said are checked."""
from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from importers import NotAForm, UnknownLayout, read_form, read_forms, read_readings
from model import FundsKind, Project, check, evaluate
from model.problems import Severity
from tests.helpers import cli
from tests.importers import builders as B


def write(tmp_path: Path, fmt: str, blocks: list, name: str = "form") -> Path:
    """The blocks (paragraphs and tables) as a .docx, or as one sheet of an .xlsx (a paragraph a
    merged row above the table)."""
    if fmt == "docx":
        return B.write_docx(tmp_path / f"{name}.docx", blocks)
    rows: list[list] = []
    for block in blocks:
        rows += [[(block, 8)]] if isinstance(block, str) else block
    return B.write_xlsx(tmp_path / f"{name}.xlsx", {"自评表": rows})


def reading_of(path: Path):
    readings = read_readings(path)
    assert len(readings) == 1 and not readings[0].refusal, readings[0].refusal
    return readings[0]


def said(reading) -> str:
    return "\n".join(reading.lines(verbose=True))


def indicators(p: Project) -> list[tuple]:
    return [(i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.hand_score) for i in p.indicators]


FORMATS = ["docx", "xlsx"]


# --- budget-system columns: 权重占比, 折算得分, 单项指标得分, 指标分值 as text; funds across --------

@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("labels", [("项目名称", "业务主管部门", "实施（主管）单位", "6.84"),
                                    ("项目名称：", "主管部门（单位）", "单位名称", "6.84万")])
def test_budget_system_layout_reads_its_weights_and_weighted_scores(fmt, labels, tmp_path):
    name, dept, unit, amount = labels
    r = reading_of(write(tmp_path, fmt, [B.budget_system(name_label=name, dept_label=dept, unit_label=unit,
                                                         amount=amount)]))
    p = r.project
    assert (p.name, p.department, p.implementer, p.year) == (
        "食品安全抽检经费", "成安县市场监督管理局", "成安县食品药品检验所", 2023)
    # the funds part across: the labels are no amounts, and 6.84 is read under 年度资金总额
    assert p.total_funds.annual_budget == D("6.84") and p.funds_row(FundsKind.FISCAL).annual_budget == D("6.84")
    assert not any(row.unreadable for row in p.funds)
    # 权重占比 in percent are the 分值; 折算得分 the scores as printed (9.5 a hand score)
    assert [i.weight for i in p.indicators] == [30, 20, 10, 20, 20]
    assert [i.hand_score for i in p.indicators] == [None, None, D("9.5"), None, None]
    assert not p.budget_item and p.printed_total == D("99.5")
    ev = evaluate(p)
    assert (ev.total, ev.weight_sum, ev.complete) == (D("99.5"), 100, True)
    text = said(r)
    assert "权重占比 → 分值" in text and "折算得分 → 得分" in text
    assert "指标分值（格中是文字，不作分值）" in text and "单项指标得分（单项得分，得分取折算得分）" in text
    assert "本表不对预算执行率计分" in text


# --- 湖南's 计分表: 分值 inside the labels, 自评分, sub-headers, label-only rows, footers, 万 ---------

@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("score_label", ["自评分", "自评得分"])
def test_scoring_sheet_with_points_in_labels_and_self_scores(fmt, score_label, tmp_path):
    r = reading_of(write(tmp_path, fmt, [B.hunan_scoring(score_label=score_label)]))
    p = r.project
    assert (p.name, p.department, p.implementer) == ("乡村教师培训", "南县教育局", "南县教师发展中心")
    assert (p.total_funds.initial_budget, p.total_funds.annual_budget, p.total_funds.executed) == (
        D(150), D("125.25"), D("125.25"))  # '150万', '125.25万'
    assert [(i.level2, i.name, i.weight) for i in p.indicators] == [
        ("数量指标（20分）", "培训人数（10分）", 10), ("数量指标（20分）", "培训天数（10分）", 10),
        ("质量指标（10分）", "结业合格率", 10), ("成本指标（10分）", "人均培训成本", 10),
        ("社会效益指标（40分）", "教师教学能力提升", 40), ("服务对象满意度指标（10分）", "参训教师满意度", 10)]
    assert all(i.level1 for i in p.indicators)
    assert p.budget_item and p.budget_weight == 10
    ev = evaluate(p)
    assert (ev.total, ev.weight_sum) == (100, 100)
    text = said(r)
    assert "一、产出指标”：分组标题行" in text
    assert "“时效指标”：只有二级指标标签" in text and "“生态效益指标”：只有二级指标标签" in text
    assert "签章栏" in text and "财政资金管理科室" in text
    assert f"{score_label} → 得分" in text and "分值取自指标名称中的“（N分）”" in text


def test_points_of_a_group_label_over_several_indicators_are_not_split_but_said(tmp_path):
    table = B.hunan_scoring()
    table[8][2], table[9][2] = "培训人数", "培训天数"  # the group's 20 points, no points per row
    r = reading_of(write(tmp_path, "xlsx", [table]))
    assert [i.weight for i in r.project.indicators][:2] == [None, None]
    assert any("数量指标（20分）”下有 2 个三级指标，分值没有拆分" in w for w in r.warnings)


# --- 目标批复表 / 目标审批表 -----------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("title", ["2024年度项目支出绩效目标批复表", "2024年度项目支出绩效目标审批表"])
def test_targets_approval_forms_start_the_year(fmt, title, tmp_path):
    r = reading_of(write(tmp_path, fmt, B.targets_approval(title)))
    p = r.project
    assert (p.name, p.department, p.implementer, p.manager, p.year) == (
        "社区养老服务补贴", "奉节县民政局", "奉节县养老服务中心", "张华", 2024)
    assert p.total_funds.annual_budget == 120  # 当年年度预算, not 项目总预算
    assert [(i.name, i.target, i.actual) for i in p.indicators] == [
        ("补贴人数", "≥800人", ""), ("补贴发放及时率", "100%", ""), ("老人生活保障水平", "明显提高", ""),
        ("老人满意度", "≥90%", "")]
    assert sum(i.weight for i in p.indicators) == 90  # proposed 50/30/10, to confirm
    assert "项目总预算（300）未读：不是当年的预算" in said(r)


# --- 评价内容, 一级 labels mid-block, names in titles, header variants ---------------------------

@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("department_label", ["部门", "业务主管部门"])
def test_evaluation_content_mid_block_level1_and_name_in_title(fmt, department_label, tmp_path):
    r = reading_of(write(tmp_path, fmt, B.evaluation_content(department_label=department_label)))
    p = r.project
    assert (p.name, p.department, p.implementer, p.year) == ("乡村道路养护项目", "裕安区交通运输局", "裕安区公路管理站", 2022)
    assert [(i.level1, i.level2) for i in p.indicators] == [
        ("产出指标", "数量指标"), ("产出指标", "质量指标"), ("产出指标", "时效指标"),
        ("效益指标", "社会效益指标"), ("效益指标", "可持续影响指标"), ("满意度指标", "服务对象满意度指标")]
    assert p.budget_hand_score == D("9.5") and p.printed_total == D("99.5")
    assert evaluate(p).total == D("99.5")
    text = said(r)
    assert "评价内容 → 二级指标" in text and "项目名称取自标题" in text
    assert "一级指标取其下方印出的“产出指标”" in text and "一级指标取其下方印出的“效益指标”" in text


def test_a_generic_title_names_no_project(tmp_path):
    blocks = B.evaluation_content()
    blocks[0] = "部门预算项目支出绩效自评表"
    assert read_form(write(tmp_path, "docx", blocks)).name == ""


# --- the form's own totals: 总分 on the funds line, no budget item, printed 总分 ------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_totals_printed_on_the_funds_line_are_the_forms_not_a_budget_item(fmt, tmp_path):
    r = reading_of(write(tmp_path, fmt, [B.totals_on_funds_line()]))
    p = r.project
    assert not p.budget_item and p.printed_total == 98 and p.budget_hand_score is None
    ev = evaluate(p)
    assert (ev.total, ev.weight_sum, ev.complete) == (98, 100, True)  # not 166, nor 110
    assert [s.value for s in ev.indicators] == [30, 20, 30, 18]
    assert "年度资金总额行的分值 100、得分 98 是全表的合计" in said(r)
    assert not any("总分" in str(x) for x in check(p, ev))  # the rules agree with what it printed


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_form_without_a_budget_item_gets_none(fmt, tmp_path):
    r = reading_of(write(tmp_path, fmt, [B.no_budget_item()]))
    p = r.project
    assert not p.budget_item and p.printed_total == 97
    assert indicators(p)[-1] == ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "87%", 10, 7)
    ev = evaluate(p)
    assert (ev.total, ev.weight_sum, ev.budget.value) == (97, 100, None)
    problems = check(p, ev)
    assert not any("预算执行率" in x.message or x.message.startswith("分值合计为") for x in problems)


def test_a_printed_total_other_than_the_rules_is_a_warning_never_a_replacement(tmp_path):
    table = B.no_budget_item()
    table[-1] = [("总分", 6), "100", "99"]
    p = read_form(write(tmp_path, "docx", [table]))
    ev = evaluate(p)
    assert ev.total == 97 and p.printed_total == 99
    warned = [x for x in check(p, ev) if "原表印的总分为 99" in x.message]
    assert warned and warned[0].severity == Severity.WARNING and "97" in warned[0].message


# --- refused: not recognised well enough, or no form at all ------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_a_printed_weight_total_that_does_not_add_up_is_refused(fmt, tmp_path):
    table = B.no_budget_item()
    table[-1] = [("总分", 6), "120", "97"]
    with pytest.raises(UnknownLayout, match="未识别的表格格式：表上印的分值合计为 120，按识别的栏目读出的分值合计为 110"):
        read_forms(write(tmp_path, fmt, [table]))


def test_a_table_whose_rows_are_mostly_not_in_its_columns_is_refused(tmp_path):
    table = [["项目名称", ("某项目", 7)],
             ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "附表"],
             ["产出指标", "数量指标", "次数", "≥2次", "2次", "90", "90", ""],
             ["", "", "", "", "", "", "", "附1：抽检明细 第1批"],
             ["", "", "", "", "", "", "", "附2：抽检明细 第2批"]]
    with pytest.raises(UnknownLayout, match="2 行的内容不在识别的栏目中，只读到 1 个指标"):
        read_forms(write(tmp_path, "docx", [table]))


@pytest.mark.parametrize("fmt", FORMATS)
def test_text_where_a_number_belongs_is_said_naming_the_cell(fmt, tmp_path):
    table = B.no_budget_item()
    table[7][6] = "四十分"
    r = reading_of(write(tmp_path, fmt, [table]))
    where = "第 1 个表格第 8 行第 7 列" if fmt == "docx" else "工作表“自评表”的 G8"
    assert f"{where}：分值栏写的是“四十分”，不是数字" in r.warnings
    assert r.project.indicators[0].unreadable == {"weight": "四十分"}
    errors = [x for x in check(r.project) if x.severity == Severity.ERROR]
    assert any("“四十分”不是数字" in x.message for x in errors)


@pytest.mark.parametrize("fmt", FORMATS)
def test_budget_tables_and_scoring_sheets_without_targets_are_never_projects(fmt, tmp_path, capsys):
    tables = B.not_forms()
    budget = write(tmp_path, fmt, [tables["预算表"]], "预算表")
    scoring = write(tmp_path, fmt, [tables["计分表"]], "计分表")
    with pytest.raises(NotAForm, match="一级指标"):
        read_forms(budget)
    with pytest.raises(UnknownLayout, match="未识别的表格格式：指标表没有“年度指标值”和“实际完成值”栏"):
        read_forms(scoring)
    for path in (budget, scoring):
        code, out, err = cli(capsys, "import", path, "-o", tmp_path / f"{path.stem}-{fmt}.zpb.json")
        assert code == 1 and not (tmp_path / f"{path.stem}-{fmt}.zpb.json").exists() and path.name in err
        code, out, err = cli(capsys, "check", path)
        assert code != 0 and path.name in err
    code, out, err = cli(capsys, "check", scoring)
    assert code == 1 and "未识别的表格格式" in err


def test_our_own_summary_table_is_never_imported_as_a_project(tmp_path, capsys):
    folder = tmp_path / "单位"
    folder.mkdir()
    assert cli(capsys, "new", folder / "a.zpb.json", "--example")[0] == 0
    assert cli(capsys, "summary", folder, "--docx", tmp_path / "汇总.docx", "--xlsx", tmp_path / "汇总.xlsx")[0] == 0
    for name in ("汇总.docx", "汇总.xlsx"):
        code, out, err = cli(capsys, "import", tmp_path / name, "--outdir", tmp_path / "out")
        assert code == 1 and "汇总" in err and not list((tmp_path / "out").glob("*.json"))


# --- the 20-sheet 申报表 workbook -----------------------------------------------------------

def test_a_twenty_sheet_declaration_workbook_keeps_every_indicator_and_target(tmp_path):
    sheets = {f"项目{k}": B.declaration_sheet(f"项目{k}", str(100 + k)) for k in range(1, 21)}
    # one sheet's 一级 printed mid-block and an indicator named like a column ('计划完成率')
    sheets["项目7"][6] = ["产出指标", "质量指标", "计划完成率", "≥", "95", "%", "20", ""]
    sheets["项目7"][5][0] = ""
    path = B.write_xlsx(tmp_path / "申报.xlsx", sheets)
    readings = read_readings(path)
    assert len(readings) == 20 and not any(r.refusal for r in readings)
    for k, r in enumerate(readings, 1):
        p = r.project
        assert p.name == f"项目{k}" and p.total_funds.annual_budget == 100 + k
        assert len(p.indicators) == 6 and all(i.target for i in p.indicators), (k, indicators(p))
        assert all(i.level1 for i in p.indicators)
    seventh = readings[6].project
    assert [(i.level1, i.name, i.target) for i in seventh.indicators[:2]] == [
        ("产出指标", "保洁面积", "≥121057.86平方米"), ("产出指标", "计划完成率", "≥95%")]


# --- what import, check and the export say and write -----------------------------------------

def test_import_and_check_print_what_was_mapped_left_out_and_warned(tmp_path, capsys):
    table = B.hunan_scoring()
    table[8][5] = "满分"
    path = write(tmp_path, "xlsx", [table], "湖南")
    code, out, err = cli(capsys, "import", path, "-o", tmp_path / "h.zpb.json")
    assert code == 0
    assert "识别的栏目：" in out and "未读取（4 处）" in out and "签章栏" in out
    assert "提醒：h.zpb.json：工作表“自评表”的 F9：得分栏写的是“满分”，不是数字" in err
    code, out, err = cli(capsys, "check", path)
    assert code == 1  # the unreadable score is an error of the form
    assert "读取（按表上的栏目）：" in out and "F9：得分栏写的是“满分”" in out


def test_a_form_without_a_budget_item_exports_and_reads_back_the_same(tmp_path, capsys):
    p = read_form(write(tmp_path, "docx", [B.no_budget_item()]))
    from model.project_file import load_project, save_project
    save_project(p, tmp_path / "nj.zpb.json")
    assert load_project(tmp_path / "nj.zpb.json") == p
    code, _, _ = cli(capsys, "export", tmp_path / "nj.zpb.json", "--outdir", tmp_path / "out")
    assert code == 0
    from tests.form_rows import form_rows
    rows = form_rows(str(tmp_path / "out" / "nj.docx"))
    funds_line = next(r for r in rows if len(r) > 1 and r[1].replace("\n", "") == "年度资金总额")
    assert funds_line[-3:] == ["—", "95.00%", "—"]  # 分值, 执行率, 得分: no budget item
    total = next(r for r in rows if r and r[0] == "总分")
    assert total[1:3] == ["100", "97"]
    for fmt in FORMATS:
        back = read_form(tmp_path / "out" / f"nj.{fmt}")
        assert not back.budget_item and back.printed_total is None
        assert indicators(back) == indicators(p)
        assert evaluate(back).total == 97


def test_a_profile_without_the_budget_item_starts_new_forms_without_it(monkeypatch):
    from model import profiles, skeleton
    base = profiles.load_profile("朝阳区")
    monkeypatch.setattr(profiles, "load_profile", lambda name="朝阳区": base.model_copy(update={"budget_item": False}))
    p = skeleton.skeleton_project()
    assert not p.budget_item and evaluate(p).weight_sum == 100
    assert skeleton.skeleton_project.__module__ == "model.skeleton"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_note_between_indicator_rows_and_a_placeholder_keeping_its_operator(fmt, tmp_path):
    """Targets split into 指标性质 / 指标值 / 度量单位: a note row inside the table does not end it
    (the rows after it and the 合计 are still read), and a template row that keeps only its '≥'
    is a placeholder, not an indicator."""
    table = B.sichuan()
    table.insert(19, [B.UP, ("注：定性指标的指标值填写“达成预期指标”“部分达成”“未达成”等。", 10)])
    table[21] = [B.UP, "", "", "指标2", "≥", "", "", "", "", "", ""]
    r = reading_of(write(tmp_path, fmt, [table]))
    p = r.project
    assert [i.name for i in p.indicators][-1] == "职工满意度" and len(p.indicators) == 5
    assert p.printed_total == 99 and any(n.title == "注" for n in p.notes)
    text = said(r)
    assert "表内的说明文字（作为附注）" in text and "“指标2 ≥”：模板占位行" in text


def test_a_level1_label_lost_in_a_merged_range_is_taken_from_its_level2(tmp_path):
    """A workbook whose 一级 label was typed into the middle of a range merged afterwards keeps
    only the range's first cell (blank): the rows' 二级 say which block they are, and it is said."""
    import openpyxl
    blocks = B.evaluation_content()
    path = B.write_xlsx(tmp_path / "f.xlsx", {"表": [[(blocks[0], 7)]] + blocks[1]})
    wb = openpyxl.load_workbook(path)
    ws = wb["表"]
    ws["A6"], ws["A7"] = None, None
    ws.merge_cells("A6:A8")
    wb.save(path)
    r = reading_of(path)
    assert [i.level1 for i in r.project.indicators][:3] == ["产出指标"] * 3
    assert "工作表“表”第 6 行：没有一级指标，按二级指标“数量指标”取“产出指标”" in r.inferred


@pytest.mark.parametrize("fmt", FORMATS)
def test_scores_out_of_100_in_the_score_column_are_refused(fmt, tmp_path):
    table = B.budget_system()
    table[7][7:9] = ["得分", "折算分"]  # the 0–100 item scores now head 得分
    with pytest.raises(UnknownLayout, match="5 个指标的得分大于分值（得分栏第 8 列"):
        read_forms(write(tmp_path, fmt, [table]))


def test_weights_written_as_shares_of_one_are_points(tmp_path):
    table = B.budget_system()
    for row, share in zip(table[8:13], ("0.3", "0.2", "0.1", "0.2", "0.2")):
        row[6] = share
    table[13][1] = "1"
    r = reading_of(write(tmp_path, "xlsx", [table]))
    assert [i.weight for i in r.project.indicators] == [30, 20, 10, 20, 20]
    assert "权重写作比例（合计为 1），按 ×100 读作分值" in r.inferred


def test_import_says_when_the_printed_total_is_not_what_the_scores_make(tmp_path, capsys):
    path = write(tmp_path, "docx", [B.sichuan()], "川")  # prints 99; its scores make 98
    code, out, err = cli(capsys, "import", path, "-o", tmp_path / "c.zpb.json")
    assert code == 0 and "提醒：c.zpb.json：原表印的总分为 99，按读出的各项得分合计为 98，请核对" in err


def test_a_printed_total_that_is_no_number_is_said_naming_its_cell(tmp_path):
    table = B.no_budget_item()
    table[-1] = [("总分", 6), "100", "九十七"]
    r = reading_of(write(tmp_path, "xlsx", [table]))
    assert "工作表“自评表”的 H12：总分栏写的是“九十七”，不是数字，未读" in r.warnings
    assert r.project.printed_total is None


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_indicator_list_of_many_projects_is_refused_not_read_as_one(fmt, tmp_path, capsys):
    """A 汇总 of several projects' indicators (a 项目名称 column naming a project on each row) is
    no one project's form: its rows are not one project's indicators."""
    rows = [["序号", "项目名称", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]]
    rows += [[str(k), f"项目{k}", "合格率", "≥95%", "96%", "10", "9"] for k in range(1, 13)]
    path = write(tmp_path, fmt, ["项目绩效指标汇总表", rows])
    code, out, err = cli(capsys, "import", path, "-o", tmp_path / "x.zpb.json")
    assert code == 1 and not (tmp_path / "x.zpb.json").exists()
    assert "未识别的表格格式" in err and "12 个项目" in err and "项目1" in err


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_project_name_column_naming_one_project_still_reads(fmt, tmp_path):
    rows = [["项目名称", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]]
    rows += [["乡村教师培训", f"指标{k}", "≥95%", "96%", "30", "30"] for k in range(1, 4)]
    readings = read_readings(write(tmp_path, fmt, ["项目支出绩效自评表", rows]))
    assert not any("个项目" in r.refusal for r in readings)


def _shares_form(weights: tuple, scores: tuple, total: tuple | None) -> list:
    """A form whose 分值 and 得分 are written as shares of one; weights[0] on the funds line."""
    rows = [["项目名称", ("乡村教师培训", 8)],
            ["主管部门", ("区教委", 3), "实施单位", ("区教师进修学校", 4)],
            ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ""],
            [B.UP, "年度资金总额", "150", "150", "120", weights[0], "80%", scores[0], ""],
            ["年度绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"]]
    inds = [("产出指标", "数量指标", "培训人数", "≥100人", "120人"), ("产出指标", "质量指标", "合格率", "≥95%", "96%"),
            ("效益指标", "社会效益指标", "技能提升", "明显", "明显"), ("满意度指标", "满意度指标", "满意度", "≥90%", "85%")]
    for k, ind in enumerate(inds):
        rows.append([B.UP, *ind, weights[k + 1], scores[k + 1], ""])
    if total:
        rows.append([("总分", 6), total[0], total[1], ""])
    return ["项目支出绩效自评表", rows]


@pytest.mark.parametrize("fmt", FORMATS)
def test_scores_written_as_shares_beside_shares_are_read_as_points(fmt, tmp_path):
    r = reading_of(write(tmp_path, fmt, _shares_form(("", "0.3", "0.2", "0.4", "0.1"),
                                                     ("", "0.3", "0.2", "0.36", "0.09"), None)))
    assert [i.weight for i in r.project.indicators] == [D(30), D(20), D(40), D(10)]
    assert r.project.indicators[2].hand_score == D(36)
    assert evaluate(r.project).total == D(95)
    assert "得分写作比例" in said(r)


@pytest.mark.parametrize("fmt", FORMATS)
def test_shares_with_the_budget_share_on_the_funds_line_are_never_read_as_points_of_one(fmt, tmp_path, capsys):
    path = write(tmp_path, fmt, _shares_form(("0.1", "0.3", "0.2", "0.3", "0.1"),
                                             ("0.08", "0.3", "0.2", "0.28", "0.09"), ("1", "0.95")))
    readings = read_readings(path)
    if not readings[0].refusal:
        p = readings[0].project
        assert [i.weight for i in p.indicators] == [D(30), D(20), D(30), D(10)] and p.budget_weight == D(10)
        assert evaluate(p).total == D(95)
    else:
        code, out, err = cli(capsys, "import", path, "-o", tmp_path / "x.zpb.json")
        assert code == 1 and "比例" in err


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_department_whole_form_is_refused_saying_what_it_is_and_where_it_belongs(fmt, tmp_path, capsys):
    rows = [["部门名称", ("区教委", 7)],
            ["年度预算资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            [B.UP, "年度资金总额", "5000", "5200", "5100", "10", "98%", "9.8"],
            ["年度绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            [B.UP, "产出指标", "数量指标", "学校数", "30所", "30所", "50", "50"],
            [B.UP, "效益指标", "社会效益指标", "入学率", "≥99%", "99.5%", "30", "30"],
            [B.UP, "满意度指标", "满意度指标", "家长满意度", "≥90%", "92%", "10", "10"],
            [("总分", 6), "100", "99.8"]]
    path = write(tmp_path, fmt, ["部门整体支出绩效自评表", rows])
    code, out, err = cli(capsys, "import", path, "-o", tmp_path / "x.zpb.json")
    assert code == 1 and not (tmp_path / "x.zpb.json").exists()
    assert "这是部门整体支出绩效自评表（标题“部门整体支出绩效自评表”）" in err
    assert "部门整体绩效" in err and "department 文件夹" in err
    code, _, err = cli(capsys, "check", path)
    assert code == 1 and "这是部门整体支出绩效自评表" in err
