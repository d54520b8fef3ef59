"""文件 → 部门整体: a clerk types the 朝阳区 centre's figures for its folder and sees the report's rates."""
from __future__ import annotations

from docx import Document
from PySide6.QtWidgets import QTableWidgetItem

from model.department import BudgetKind
from model.department.file import department_path, load_department
from model.project_file import save_project
from tests.department_seeds import chaoyang_folder


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
    from ui.app import make_app
    from ui.overview.window import OverviewWindow
    for i, p in enumerate(chaoyang_folder()):
        save_project(p, tmp_path / f"{i:02d}.zpb.json")
    make_app()
    w = OverviewWindow(tmp_path, fake)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: not w.folder.loading)
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
