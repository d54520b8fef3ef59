"""The window on files from other desks: which of several forms to open, and the notes a form
carried beside its table, shown and edited (undoably)."""
from __future__ import annotations

from tests.importers import builders as B


def _two_forms(tmp_path):
    blocks = B.anhui(2022) + B.anhui(2023)
    blocks[5][0] = ["项目名称", ("防汛物资储备", 9)]
    return B.write_docx(tmp_path / "year.docx", blocks)


def test_window_asks_which_form_to_open(window, fake, tmp_path):
    path = _two_forms(tmp_path)
    fake.next_choice = 1
    window.open_path(str(path))
    assert fake.choices_asked == [["1. 水旱灾害防御经费（2022年度）", "2. 防汛物资储备（2023年度）"]]
    assert window.controller.project.name == "防汛物资储备"


def test_cancelling_the_choice_keeps_the_open_project(window, fake, tmp_path):
    before = window.controller.project.name
    fake.next_choice = None
    window.open_path(str(_two_forms(tmp_path)))
    assert window.controller.project.name == before and not fake.errors


def test_notes_are_shown_and_edited_undoably(window, fake, tmp_path, qtbot):
    path = B.write_docx(tmp_path / "sc.docx", [B.sichuan()])
    window.open_path(str(path))
    notes = window.findChild(type(window.form.notes), None) if hasattr(window, "form") else None
    widget = notes or next(w for w in window.findChildren(object) if type(w).__name__ == "NotesWidget")
    assert widget.isVisible()
    assert [e.toPlainText() for e in widget.edits][1] == "项目自评得分99分，工资足额发放。"
    widget.edits[1].setPlainText("自评得分98分。")
    assert window.controller.project.notes[1].text == "自评得分98分。"
    window.controller.undo_stack.undo()
    assert window.controller.project.notes[1].text == "项目自评得分99分，工资足额发放。"
    assert widget.edits[1].toPlainText() == "项目自评得分99分，工资足额发放。"


def test_the_window_shows_what_a_reading_left_out_before_it_opens_the_form(window, fake, tmp_path):
    """Issue 20: a form from another desk is shown as read (left out, inferred, warnings) through
    the Interaction seam first; declining keeps the open project."""
    table = B.no_budget_item()
    table[7][6] = "四十分"
    path = B.write_xlsx(tmp_path / "nj.xlsx", {"自评表": table})
    before = window.controller.project.name
    fake.confirm_answer = False
    window.open_path(str(path))
    assert window.controller.project.name == before and not fake.errors
    shown = fake.confirms[-1]
    assert "“农村饮水安全维修”是按其他格式的表读取的" in shown
    assert "工作表“自评表”的 G8：分值栏写的是“四十分”，不是数字" in shown
    fake.confirm_answer = True
    window.open_path(str(path))
    assert window.controller.project.name == "农村饮水安全维修"
    assert window.controller.project.indicators[0].unreadable == {"weight": "四十分"}


def test_a_layout_not_recognised_is_refused_in_the_window(window, fake, tmp_path):
    path = B.write_docx(tmp_path / "计分表.docx", [B.not_forms()["计分表"]])
    before = window.controller.project.name
    window.open_path(str(path))
    assert window.controller.project.name == before
    assert "未识别的表格格式" in fake.errors[-1][1] and not fake.confirms


def test_the_funds_table_shows_no_budget_item_as_a_dash(window, fake, tmp_path):
    window.open_path(str(B.write_docx(tmp_path / "nj.docx", [B.no_budget_item()])))
    assert "本表不对预算执行率计分" in fake.confirms[-1]
    from ui.editor.funds_table import SCORE, WEIGHT
    model = next(w for w in window.findChildren(object) if type(w).__name__ == "FundsTableModel")
    assert [model.data(model.index(0, c)) for c in (WEIGHT, SCORE)] == ["—", "—"]
    from PySide6.QtCore import Qt
    assert not model.flags(model.index(0, WEIGHT)) & Qt.ItemFlag.ItemIsEditable
