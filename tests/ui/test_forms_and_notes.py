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
