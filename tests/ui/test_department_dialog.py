"""文件 → 部门整体: a clerk types the 朝阳区 centre's figures for its folder and sees the report's rates."""
from __future__ import annotations

from docx import Document
from PySide6.QtWidgets import QTableWidgetItem

from model.department import BudgetKind
from model.department.file import department_path, load_department
from model.project_file import save_project
from tests.department_seeds import chaoyang_folder
from tests.ui.conftest import shown_overview


def _type_chaoyang(dialog) -> None:
    for field, text in (("unit_name", "北京市朝阳区城市管理指挥中心"), ("year", "2023"),
                        ("final_accounts", "5453.679982"), ("carryover", "0")):
        dialog.lines[field].setText(text)
    typed = {BudgetKind.TOTAL: ("6333.340658", "5453.679982", "5453.679982"),
             BudgetKind.BASIC: ("", "2949.182808", "2949.182808"),
             BudgetKind.PROJECT: ("", "2,504.497174", "2504.497174万元"),  # as clerks type them
             BudgetKind.OTHER: ("", "0", "0")}
    for r, kind in enumerate(BudgetKind):
        for c, text in enumerate(typed[kind]):
            dialog.budget.setItem(r, c, QTableWidgetItem(text))
    dialog.recompute()


def test_figures_typed_in_the_dialog_give_the_reports_rates_and_are_saved(window, fake, tmp_path, qtbot):
    for i, p in enumerate(chaoyang_folder()):
        save_project(p, tmp_path / f"{i:02d}.zpb.json")
    fake.next_folder = str(tmp_path)
    window.actions_["department"].trigger()
    dialog = window.department_dialog
    assert dialog is not None and dialog.isVisible()
    _type_chaoyang(dialog)
    text = dialog.figures.text()
    assert "预算执行率：<b>100%</b>" in text and "部门预决算差异率：<b>13.89%</b>" in text
    assert "我单位共13个预算项目，所有项目均按绩效目标完成，评价得分均为100分。" in text
    assert [dialog.problems.item(i).text() for i in range(dialog.problems.count())] == ["没有发现问题"]

    dialog.lines["three_public_budget"].setText("十万")  # not a number: kept and reported
    dialog.recompute()
    problems = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert any("“十万”不是数字" in p for p in problems)
    dialog.lines["three_public_budget"].setText("")

    fake.save_answer = "cancel"
    dialog.reject()  # unsaved: asks, and cancel keeps the dialog open
    assert dialog.isVisible()
    assert dialog.save() and fake.errors == []
    saved = load_department(department_path(tmp_path))
    assert saved.row(BudgetKind.PROJECT).annual_budget == saved.row(BudgetKind.PROJECT).executed
    assert str(saved.row(BudgetKind.PROJECT).annual_budget) == "2504.497174"

    fake.next_save = str(tmp_path / "报告.docx")
    dialog.buttons["report"].click()
    paragraphs = [p.text for p in Document(tmp_path / "报告.docx").paragraphs]
    assert "2023年年初预算数6333.340658万元，决算数5453.679982万元，部门预决算差异率13.89%。" in paragraphs
    dialog.reject()  # saved: closes without asking
    assert not dialog.isVisible()


def test_a_broken_department_file_is_a_message_not_a_crash(window, fake, tmp_path):
    department_path(tmp_path).write_text("{not json", encoding="utf-8")
    fake.next_folder = str(tmp_path)
    window.actions_["department"].trigger()
    assert window.department_dialog is None
    assert fake.errors and "部门整体" in fake.errors[0][1]


def test_the_overview_opens_its_own_folders_department(qtbot, fake, tmp_path):
    for i, p in enumerate(chaoyang_folder()):
        save_project(p, tmp_path / f"{i:02d}.zpb.json")
    w = shown_overview(qtbot, fake, tmp_path)
    w.actions_["department"].trigger()  # no folder to choose: the overview's own
    dialog = w.department_dialog
    assert dialog is not None and dialog.folder == tmp_path and len(dialog.projects) == 13
    _type_chaoyang(dialog)
    assert "部门预决算差异率：<b>13.89%</b>" in dialog.figures.text()
    assert dialog.save()
    qtbot.wait(300)  # the folder is watched: the department file is not taken for a project
    assert len(w.folder.entries) == 13
    dialog.reject()
    w.close()


# --- the editor's promises (issue 19) -------------------------------------------------------------

import tempfile  # noqa: E402
from decimal import Decimal as D  # noqa: E402
from pathlib import Path  # noqa: E402

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402

from model import Indicator, profile_names  # noqa: E402
from model.department import MONEY_FIELDS, Department, ReportSection  # noqa: E402
from model.department.file import dumps, loads, save_department  # noqa: E402
from model.project_file import save_project as _save_project  # noqa: E402
from tests.department_seeds import jinsong, jinsong_folder  # noqa: E402


def _dialog(qtbot, fake, folder):
    from ui.app import make_app
    from ui.department.dialog import DepartmentDialog
    make_app()
    dialog = DepartmentDialog(Path(folder), fake)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _jinsong_folder(path, dept=None, projects=3):
    for i, p in enumerate(jinsong_folder()[:projects]):
        _save_project(p, path / f"{i:02d}.zpb.json")
    dept = dept or jinsong()
    save_department(dept, department_path(path))
    return dept


_amount = st.one_of(st.none(), st.decimals(min_value=-10**6, max_value=10**9, places=6, allow_nan=False,
                                           allow_infinity=False))
_words = st.text(max_size=12)


@st.composite
def departments(draw) -> Department:
    """Any department file the program could have written: hidden fields and odd text included."""
    dept = Department(district=draw(_words), year=draw(st.one_of(st.none(), st.integers(1000, 9999))),
                      unit_name=draw(_words), supervisor=draw(_words), contact=draw(_words), phone=draw(_words),
                      profile=draw(st.sampled_from(profile_names())),
                      variance_base=draw(st.sampled_from([None, "initial", "annual"])),
                      goal=draw(_words), achieved=draw(_words))
    for row in dept.budget:
        for name in ("initial_budget", "annual_budget", "executed"):
            setattr(row, name, draw(_amount))
        if draw(st.booleans()):
            row.set_typed("executed", draw(st.sampled_from(["十万", "约5", "1/2"])))
    for name in MONEY_FIELDS:
        setattr(dept, name, draw(_amount))
        if draw(st.integers(0, 5)) == 0:  # typed as no number can be read: kept as typed
            dept.set_typed(name, draw(st.sampled_from(["约五万", "5-6", "见附表"])))
    dept.budget_weight = draw(st.one_of(st.none(), st.integers(0, 20).map(D)))
    dept.budget_hand_score = draw(st.one_of(st.none(), st.decimals(0, 20, places=2)))
    dept.indicators = [Indicator(level1=draw(_words), level2=draw(_words), name=draw(_words), target=draw(_words),
                                 actual=draw(_words), weight=draw(st.one_of(st.none(), st.integers(0, 30).map(D))),
                                 hand_score=draw(st.one_of(st.none(), st.decimals(0, 30, places=1))),
                                 hand_note=draw(_words), deviation=draw(_words))
                       for _ in range(draw(st.integers(0, 4)))]
    for ind in dept.indicators:
        if draw(st.integers(0, 4)) == 0:
            ind.set_number(draw(st.sampled_from(["weight", "hand_score"])), draw(st.sampled_from(["十", "满分"])))
    dept.text = {s: draw(st.text(min_size=1, max_size=20)) for s in draw(st.sets(st.sampled_from(list(ReportSection))))}
    return loads(dumps(dept))  # as a file gives it back


@settings(deadline=None, max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(dept=departments())
def test_any_department_file_opened_and_saved_without_edits_is_itself(qtbot, fake, dept):
    with tempfile.TemporaryDirectory() as tmp:
        path = department_path(tmp)
        save_department(dept, path)
        before = path.read_text(encoding="utf-8")
        dialog = _dialog(qtbot, fake, tmp)
        assert not dialog.is_modified()  # nothing typed: closing does not ask
        assert dialog.save() and fake.errors == []
        assert path.read_text(encoding="utf-8") == before
        dialog.reject()
        assert not dialog.isVisible()


def test_hidden_fields_survive_an_edit_elsewhere(qtbot, fake, tmp_path):
    dept = jinsong()
    dept.budget_hand_score = D(7)
    dept.indicators[0].hand_score, dept.indicators[0].hand_note = D(3), "抽查发现一处未完成"
    dept.district = "北京市朝阳区"
    _jinsong_folder(tmp_path, dept)
    dialog = _dialog(qtbot, fake, tmp_path)
    dialog.lines["contact"].setText("王某")
    assert dialog.is_modified() and dialog.save()
    saved = load_department(department_path(tmp_path))
    assert saved.budget_hand_score == 7 and saved.indicators[0].hand_note == "抽查发现一处未完成"
    assert saved.district == "北京市朝阳区" and saved.contact == "王某"
    assert saved.model_copy(update={"contact": ""}) == dept


def test_a_file_changed_by_a_colleague_is_not_replaced_without_asking(qtbot, fake, tmp_path):
    _jinsong_folder(tmp_path)
    dialog = _dialog(qtbot, fake, tmp_path)
    theirs = jinsong()
    theirs.contact = "同事"
    save_department(theirs, department_path(tmp_path))  # while the dialog is open
    dialog.lines["phone"].setText("12345678")
    fake.file_changed_answer = "cancel"
    assert not dialog.save()
    assert fake.file_changed_asked == [str(department_path(tmp_path))]
    assert load_department(department_path(tmp_path)).contact == "同事"
    fake.file_changed_answer, fake.next_save = "save_as", str(tmp_path / "我的")
    assert dialog.save()
    assert load_department(tmp_path / "我的.zpbdept.json").phone == "12345678"
    assert load_department(department_path(tmp_path)).contact == "同事"  # theirs kept
    assert not dialog.is_modified()
    fake.file_changed_answer = "overwrite"
    dialog.lines["phone"].setText("87654321")
    assert dialog.save() and load_department(department_path(tmp_path)).phone == "87654321"
    dialog.lines["phone"].setText("1")
    assert dialog.save() and len(fake.file_changed_asked) == 3  # our own save is not a change by others


def test_a_department_file_made_by_someone_else_meanwhile_is_asked_about(qtbot, fake, tmp_path):
    dialog = _dialog(qtbot, fake, tmp_path)  # no department file yet
    save_department(jinsong(), department_path(tmp_path))
    dialog.lines["unit_name"].setText("我的单位")
    fake.file_changed_answer = "cancel"
    assert not dialog.save() and fake.file_changed_asked
    assert load_department(department_path(tmp_path)).unit_name == jinsong().unit_name


def test_export_never_writes_over_the_department_file_or_a_project_file(qtbot, fake, tmp_path):
    _jinsong_folder(tmp_path)
    dialog = _dialog(qtbot, fake, tmp_path)
    inputs = [department_path(tmp_path), tmp_path / "00.zpb.json"]
    before = [p.read_bytes() for p in inputs]
    for target in inputs:
        fake.next_save = str(target)
        dialog.buttons["docx"].click()
        assert "不能覆盖" in fake.errors[-1][1] or "扩展名" in fake.errors[-1][1]
    fake.next_save = str(tmp_path / "." / "00.zpb.json")  # another spelling of the same file
    dialog.buttons["report"].click()
    (tmp_path / "其他.zpb.json").write_text("{}", encoding="utf-8")
    fake.next_save = str(tmp_path / "其他.zpb.json")  # a project file made meanwhile: refused as one
    dialog.buttons["xlsx"].click()
    assert ("扩展名" in fake.errors[-1][1] or "不能覆盖" in fake.errors[-1][1]) and (tmp_path / "其他.zpb.json").read_text(encoding="utf-8") == "{}"
    assert [p.read_bytes() for p in inputs] == before and len(fake.errors) == 4
    fake.next_save = str(tmp_path / "自评表")  # no suffix: the format's own
    dialog.buttons["docx"].click()
    assert len(fake.errors) == 4 and (tmp_path / "自评表.docx").stat().st_size > 5000


def test_an_unknown_profile_is_a_message_naming_it(window, fake, tmp_path):
    _jinsong_folder(tmp_path)
    path = department_path(tmp_path)
    for profile in ("北京市", "../../../../etc/passwd"):
        path.write_text(dumps(jinsong()).replace('"profile": "朝阳区"', f'"profile": "{profile}"'), encoding="utf-8")
        fake.next_folder = str(tmp_path)
        window.actions_["department"].trigger()
        assert window.department_dialog is None
        title, message = fake.errors[-1]
        assert title == "无法打开部门整体"
        assert f"评分规则：本程序没有名为“{profile}”的评分规则，可选：朝阳区、财预〔2020〕10号" in message
        assert "Traceback" not in message and "KeyError" not in message


def test_escape_asks_before_discarding(qtbot, fake, tmp_path):
    _jinsong_folder(tmp_path)
    dialog = _dialog(qtbot, fake, tmp_path)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing typed: closes
    assert not dialog.isVisible()
    dialog = _dialog(qtbot, fake, tmp_path)
    dialog.lines["contact"].setText("王某")
    asked = []
    fake.ask_save_changes = lambda name: asked.append(name) or "cancel"
    qtbot.keyClick(dialog.lines["contact"], Qt.Key.Key_Escape)
    assert asked and dialog.isVisible()
    dialog.close()  # the title bar's ×: asks too
    assert len(asked) == 2 and dialog.isVisible()
    fake.ask_save_changes = lambda name: "save"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and load_department(department_path(tmp_path)).contact == "王某"


def test_rows_move_scores_show_in_the_score_column_and_the_total_bar_follows(qtbot, fake, tmp_path):
    dept = jinsong()
    dept.indicators[2].hand_score = D(3)
    _jinsong_folder(tmp_path, dept)
    dialog = _dialog(qtbot, fake, tmp_path)
    model = dialog.table.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert "得分" in headers and "计分结果" not in headers
    score = headers.index("得分")
    assert model.index(2, score).data() == "3（规则 4）" and model.index(0, score).data() == "4"
    assert dialog.total.text() == "总分 99　等级 优"
    dialog.table.setCurrentIndex(model.index(2, 0))
    dialog.indicators.move(-1)
    assert model.index(1, score).data() == "3（规则 4）"
    model.setData(model.index(0, score), "")  # back to the rule: nothing to clear
    model.setData(model.index(1, score), "")
    dialog.recompute()
    assert dialog.total.text() == "总分 100　等级 优"
    model.setData(model.index(0, headers.index("分值")), "")
    dialog.recompute()
    assert "待定" in dialog.total.text()  # a row without 分值: no grade yet, as in the editor
    assert dialog.save()
    saved = load_department(department_path(tmp_path))
    assert [i.name for i in saved.indicators[:3]] == ["处理突发事件次数", "处理突发事件效率", "处理突发事件成效"]


def test_the_year_comes_from_the_folder_and_the_variance_base_is_chosen(qtbot, fake, tmp_path):
    for i, p in enumerate(jinsong_folder()[:3]):
        _save_project(p, tmp_path / f"{i:02d}.zpb.json")
    dialog = _dialog(qtbot, fake, tmp_path)  # no department file yet
    assert dialog.lines["year"].text() == "2023" and not dialog.is_modified()
    for field, text in (("final_accounts", "31385.997668"), ("carryover", "0")):
        dialog.lines[field].setText(text)
    dialog.budget.item(0, 1).setText("31385.997668")
    dialog.budget.item(0, 2).setText("31385.997668")
    dialog.recompute()
    assert "部门预决算差异率：<b>—</b>（以年初预算数为基数）" in dialog.figures.text()
    dialog.variance_base.setCurrentIndex(dialog.variance_base.findData("annual"))
    dialog.recompute()
    assert "部门预决算差异率：<b>0%</b>（以全年预算数为基数）" in dialog.figures.text()
    assert "部门预决算差异率 0%（以全年预算数为基数）" in dialog.detail.text()
    assert dialog.save()
    saved = load_department(department_path(tmp_path))
    assert saved.variance_base == "annual" and saved.year == 2023
    dialog.lines["year"].setText("23")
    dialog.recompute()
    assert "年度“23”不是四位年份" in dialog.problems.item(0).text()


def test_closing_the_window_behind_the_dialog_asks_about_its_figures_first(qtbot, fake, tmp_path):
    _jinsong_folder(tmp_path)
    w = shown_overview(qtbot, fake, tmp_path)
    w.actions_["department"].trigger()
    dialog = w.department_dialog
    dialog.lines["contact"].setText("王某")
    fake.save_answer = "cancel"
    assert not w.close()  # the dialog's cancel keeps both open: nothing typed is lost
    assert w.isVisible() and dialog.isVisible()
    fake.save_answer = "save"
    assert w.close() and not dialog.isVisible()
    assert load_department(department_path(tmp_path)).contact == "王某"


def test_a_problem_clicked_goes_to_its_cell_and_the_folder_has_one_dialog(qtbot, fake, tmp_path):
    dept = jinsong()
    dept.indicators[2].hand_score = D(3)  # below 分值 without a 偏差原因: an error on row 3
    dept.final_accounts = None
    _jinsong_folder(tmp_path, dept)
    w = shown_overview(qtbot, fake, tmp_path)
    w.actions_["department"].trigger()
    dialog = w.department_dialog
    items = [dialog.problems.item(i) for i in range(dialog.problems.count())]
    row3 = next(i for i in items if "绩效指标第 3 行" in i.text())
    dialog.problems.itemClicked.emit(row3)
    assert dialog.tabs.currentIndex() == 1
    current = dialog.table.currentIndex()
    assert current.row() == 2 and dialog.table.model().headerData(current.column(), Qt.Orientation.Horizontal) \
        == "偏差原因分析及改进措施"
    final = next(i for i in items if "决算数" in i.text() and "未填写" in i.text())
    dialog.problems.itemClicked.emit(final)
    assert dialog.tabs.currentIndex() == 0 and dialog.focusWidget() is dialog.lines["final_accounts"]
    w.actions_["department"].trigger()  # again: the same dialog, not a second one on the same file
    assert w.department_dialog is dialog
    dialog.reject()
    w.close()
def test_a_double_clicked_department_file_opens_its_folders_department(qtbot, fake, tmp_path):
    """What the installed file association does (main.py FILE → ui.app.run_window): the
    department file opens the folder's overview with 部门整体 over it, figures and all."""
    from model.department import Department
    from model.department.file import save_department
    from ui.app import is_department_file, make_app, open_department_file
    for i, p in enumerate(chaoyang_folder()):
        save_project(p, tmp_path / f"{i:02d}.zpb.json")
    dept = Department()
    dept.unit_name = "北京市朝阳区城市管理指挥中心"
    save_department(dept, department_path(tmp_path))
    assert is_department_file(department_path(tmp_path)) and not is_department_file(tmp_path / "00.zpb.json")
    make_app()
    overview = open_department_file(department_path(tmp_path), fake)
    qtbot.addWidget(overview)
    dialog = overview.department_dialog
    assert dialog is not None and dialog.isVisible() and fake.errors == []
    assert dialog.folder == tmp_path.resolve() and len(dialog.projects) == 13
    assert dialog.lines["unit_name"].text() == "北京市朝阳区城市管理指挥中心"
    assert overview.isVisible() and tmp_path.name in overview.windowTitle()
    dialog.reject()
    overview.close()
