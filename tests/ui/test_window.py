"""The real window, driven offscreen as a clerk would: type, undo, rows, hand scores, paste, files."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from decimal import Decimal as D
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from model import Indicator
from model.project_file import load_project
from tests.conftest import FORMS
from ui.editor import funds_table as F
from ui.editor import indicator_table as T

ROOT = Path(__file__).resolve().parents[2]


def type_into(qtbot, view, index, text: str) -> None:
    """Open the cell's editor, type the text and press Enter, like a clerk."""
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.focusWidget() if isinstance(view.focusWidget(), (QLineEdit, QComboBox)) else \
        (view.findChildren(QComboBox) or view.findChildren(QLineEdit))[-1]
    line = editor.lineEdit() if isinstance(editor, QComboBox) else editor
    line.selectAll()
    line.setText(text)
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.wait(1)  # the delegate commits on Enter through a queued call


def problem_texts(qtbot, w, wanted: str) -> list[str]:
    """The problems list once it has followed the last edit (it waits for typing to pause)."""
    def listed() -> list[str]:
        return [w.problems.item(i).text() for i in range(w.problems.count())]
    qtbot.waitUntil(lambda: any(wanted in t for t in listed()), timeout=2000)
    return listed()


def total_text(w) -> str:
    return w.total_bar.total.text()


def test_title_holds_the_program_and_the_project(window):
    assert "自评" in window.windowTitle() and "接诉即办" in window.windowTitle()
    assert total_text(window).startswith("总分 100")


def test_typing_executed_amount_updates_rate_score_total_and_undo_restores(qtbot, window):
    fm = window.funds_model
    type_into(qtbot, window.funds_view, fm.index(0, F.EXECUTED), "9")
    assert fm.data(fm.index(0, F.RATE)) == "50.00%"
    assert fm.data(fm.index(0, F.SCORE)) == "5"
    assert total_text(window).startswith("总分 95")
    assert window.isWindowModified()
    assert window.funds_view.currentIndex().row() == 1  # Enter moved down
    window.actions_["undo"].trigger()
    assert fm.data(fm.index(0, F.RATE)) == "100.00%" and total_text(window).startswith("总分 100")
    assert not window.isWindowModified()
    window.actions_["redo"].trigger()
    assert fm.data(fm.index(0, F.RATE)) == "50.00%"


def test_unreadable_amount_is_kept_and_reported(qtbot, window):
    fm = window.funds_model
    type_into(qtbot, window.funds_view, fm.index(0, F.EXECUTED), "约十八")
    assert fm.data(fm.index(0, F.EXECUTED)) == "约十八"
    assert any("约十八" in t for t in problem_texts(qtbot, window, "约十八"))


def test_add_insert_delete_and_move_rows(qtbot, window):
    m, view = window.indicator_model, window.indicator_view
    assert m.rowCount() == 6
    window.actions_["add"].trigger()
    assert m.rowCount() == 7 and view.currentIndex().row() == 6
    type_into(qtbot, view, m.index(6, T.NAME), "指标2：新增的指标")
    assert window.controller.project.indicators[6].name == "指标2：新增的指标"
    view.setCurrentIndex(m.index(0, T.NAME))
    window.indicators.move(1)
    assert window.controller.project.indicators[1].level2 == "数量指标"
    assert view.currentIndex().row() == 1
    view.selectRow(6)
    window.indicators.delete()
    assert m.rowCount() == 6
    window.actions_["undo"].trigger()
    assert m.rowCount() == 7 and m.data(m.index(6, T.NAME)) == "指标2：新增的指标"
    view.setCurrentIndex(m.index(2, T.NAME))
    window.indicators.insert()
    assert m.rowCount() == 8 and window.controller.project.indicators[2].name == ""


def test_hand_score_shows_the_rule_beside_it_and_reverts(qtbot, window):
    m, view = window.indicator_model, window.indicator_view
    row = 1  # 质量指标 优良中低差 / 优, 15 points
    type_into(qtbot, view, m.index(row, T.SCORE), "13")
    assert m.data(m.index(row, T.SCORE)) == "13（规则 15）"
    assert m.data(m.index(row, T.SCORE), Qt.ItemDataRole.FontRole).bold()
    assert "手动得分 13" in m.data(m.index(row, T.SCORE), Qt.ItemDataRole.ToolTipRole)
    assert total_text(window).startswith("总分 98")
    view.setCurrentIndex(m.index(row, T.SCORE))
    window.indicators.revert_score()
    assert m.data(m.index(row, T.SCORE)) == "15" and total_text(window).startswith("总分 100")


def test_a_hand_score_keeps_its_reason(qtbot, window, fake):
    m, view = window.indicator_model, window.indicator_view
    type_into(qtbot, view, m.index(1, T.SCORE), "14")
    view.setCurrentIndex(m.index(1, T.SCORE))
    fake.next_text = "抽查发现一处记录不全"
    window.actions_["hand_note"].trigger()
    assert window.controller.project.indicators[1].hand_note == "抽查发现一处记录不全"
    assert "抽查发现一处记录不全" in m.data(m.index(1, T.SCORE), Qt.ItemDataRole.ToolTipRole)
    window.actions_["undo"].trigger()
    assert window.controller.project.indicators[1].hand_note == ""


def test_qualitative_row_offers_its_tier(qtbot, window):
    m, view = window.indicator_model, window.indicator_view
    view.setCurrentIndex(m.index(1, T.SCORE))
    view.edit(m.index(1, T.SCORE))
    box = view.findChildren(QComboBox)[-1]
    assert [box.itemText(i) for i in range(box.count())] == ["按规则", "15", "14", "13", "12"]


def test_paste_a_block_from_a_spreadsheet_adds_rows_in_one_undo_step(qtbot, window):
    m, view = window.indicator_model, window.indicator_view
    view.setCurrentIndex(m.index(5, T.LEVEL1))
    block = ("满意度\t服务对象满意度指标\t指标1：满意度\t≥90%\t92%\t5\n"
             "效益指标\t社会效益\t\"指标2：带\n换行\"\t高中低\t中\t5\n")
    view.paste(block)
    assert m.rowCount() == 7
    inds = window.controller.project.indicators
    assert inds[5].target == "≥90%" and inds[6].name == "指标2：带\n换行" and inds[6].actual == "中"
    window.actions_["undo"].trigger()
    assert m.rowCount() == 6 and window.controller.project.indicators[5].target == "80%"


def test_copy_out_as_tab_separated(qtbot, window):
    from PySide6.QtGui import QGuiApplication
    m, view = window.indicator_model, window.indicator_view
    view.setCurrentIndex(m.index(0, T.TARGET))
    view.selectionModel().select(m.index(0, T.ACTUAL), view.selectionModel().SelectionFlag.Select)
    view.copy_selection()
    assert QGuiApplication.clipboard().text() == "1份\t1份\n"


def test_save_then_reopen_gives_the_same_project(qtbot, window, fake, tmp_path):
    type_into(qtbot, window.funds_view, window.funds_model.index(0, F.EXECUTED), "17.5")
    fake.next_save = str(tmp_path / "保存 的项目.zpb.json")
    assert window.save()
    assert not window.isWindowModified() and "保存 的项目" in window.windowTitle()
    saved = load_project(fake.next_save)
    assert saved == window.controller.project
    from ui.app import open_window
    again = open_window(fake.next_save, fake)
    qtbot.addWidget(again)
    assert again.controller.project == saved


def test_open_a_filled_word_form(qtbot, window):
    window.open_path(str(FORMS / "05.docx"))
    assert window.controller.project.name == "政府热线团结湖办公区后勤保障"
    assert window.funds_model.data(window.funds_model.index(0, F.SCORE)) == "9（规则 8）"
    assert window.isWindowModified()  # an imported form is not a project file yet


def test_closing_with_unsaved_changes_asks(qtbot, window, fake):
    window.controller.insert_indicators(0, [Indicator()])
    fake.save_answer = "cancel"
    assert not window.close() and window.isVisible()
    fake.save_answer = "discard"
    assert window.close()


def test_problem_click_goes_to_the_cell(qtbot, window):
    m = window.indicator_model
    type_into(qtbot, window.indicator_view, m.index(5, T.ACTUAL), "60%")
    problem_texts(qtbot, window, "偏差原因")
    item = next(window.problems.item(i) for i in range(window.problems.count())
                if "偏差原因" in window.problems.item(i).text())
    window.indicator_view.setCurrentIndex(m.index(0, 0))
    window.problems.itemClicked.emit(item)
    assert window.indicator_view.currentIndex() == m.index(5, T.DEVIATION)


def test_a_crash_leaves_a_recovery_file_that_the_next_start_offers(qtbot, fake, tmp_path):
    script = textwrap.dedent("""
        import os, sys
        sys.path.insert(0, sys.argv[1])
        from ui.app import make_app, open_window
        app = make_app()
        w = open_window(None)
        w.controller.set_field(("project", None), "name", "崩溃前的修改")
        w.controller.insert_indicators(0, [__import__("model").Indicator(name="指标0：新")])
        os._exit(3)  # a crash: no close, no cleanup
    """)
    env = dict(__import__("os").environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", script, str(ROOT)], env=env, capture_output=True, timeout=60)
    assert done.returncode == 3, done.stderr
    from ui.app import open_window
    w = open_window(None, fake)
    qtbot.addWidget(w)
    assert fake.recover_asked and "崩溃前的修改" in fake.recover_asked[0]
    assert w.controller.project.name == "崩溃前的修改"
    assert w.controller.project.indicators[0].name == "指标0：新"
    assert w.isWindowModified()
    fake.recover_asked.clear()
    w2 = open_window(None, fake)  # offered once: the copy is gone after the answer
    qtbot.addWidget(w2)
    assert fake.recover_asked == []


def test_export_pdf_of_a_long_form_gives_the_pages_the_window_announces(qtbot, window, tmp_path):
    """20 indicators no longer fit one page at 9 pt: two A4 pages, as said before printing."""
    from exporters.files import export
    from ui.common.printing import print_facts
    out = tmp_path / "form.pdf"
    window.controller.insert_indicators(6, [Indicator(level1="效益指标", level2="社会效益",
                                                      name=f"指标{i}：保障热线正常运转，群众诉求及时解决",
                                                      target="高中低", actual="高") for i in range(14)])
    export(window.controller.project, out, "pdf")
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    import re
    assert len(re.findall(rb"/Type\s*/Page\b", data)) == print_facts(window.controller.project)[0] == 2
    assert "共 2 页" in window._pages_words()
    box = [float(x) for x in re.search(rb"/MediaBox\s*\[([^\]]+)\]", data).group(1).split()]
    assert abs(box[2] - 595.3) < 2 and abs(box[3] - 841.9) < 2


def test_typing_in_header_and_goal_is_undoable_and_updates_the_title(qtbot, window):
    name = window.header.edits["name"]
    name.setFocus()
    name.selectAll()
    qtbot.keyClicks(name, "Project X")  # QTest types Latin-1 only; Chinese arrives the same way
    assert window.controller.project.name == "Project X" and "Project X" in window.windowTitle()
    window.actions_["undo"].trigger()  # the keystrokes in one field merge into one step
    assert window.controller.project.name.startswith("2021年") and name.text().startswith("2021年")
    window.goal.edits["achieved"].setPlainText("未完成预期目标")
    assert window.controller.project.achieved == "未完成预期目标"
    assert any("未完成" in t for t in problem_texts(qtbot, window, "未完成"))


def test_the_printer_path_paints_the_same_one_page_form(qtbot, window, tmp_path):
    """Print and print preview paint through print_to: a QPrinter writing PDF shows what they get."""
    from PySide6.QtPrintSupport import QPrinter

    from ui.common.printing import print_to
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    print_to(printer, window.controller.project)
    data = (tmp_path / "printed.pdf").read_bytes()
    import re
    assert len(re.findall(rb"/Type\s*/Page\b", data)) == 1


def test_delete_clears_the_selected_cells_in_one_undo_step(qtbot, window):
    m, view = window.indicator_model, window.indicator_view
    view.setCurrentIndex(m.index(0, T.TARGET))
    view.selectionModel().select(m.index(0, T.ACTUAL), view.selectionModel().SelectionFlag.Select)
    count = window.controller.undo_stack.count()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert (m.text(0, T.TARGET), m.text(0, T.ACTUAL)) == ("", "")
    assert window.controller.undo_stack.count() == count + 1
    window.actions_["undo"].trigger()
    assert (m.text(0, T.TARGET), m.text(0, T.ACTUAL)) == ("1份", "1份")
    view.setCurrentIndex(m.index(0, T.SCORE))
    window.indicators.revert_score()  # nothing set by hand: no empty step on the undo stack
    assert window.controller.undo_stack.count() == count + 1


def test_a_broken_file_gets_a_message_and_the_open_project_stays(qtbot, window, fake, tmp_path):
    broken = tmp_path / "坏文件.docx"
    broken.write_bytes(b"PK\x03\x04 not really")
    before = window.controller.project.model_copy(deep=True)
    window.open_path(str(broken))
    assert fake.errors and fake.errors[-1][0] == "无法打开" and "坏文件.docx" in fake.errors[-1][1]
    assert window.controller.project == before
    fake.next_save = str(tmp_path / "没有这个文件夹" / "x.zpb.json")
    assert not window.save_as()
    assert "无法写入" in fake.errors[-1][1]


def test_the_window_says_before_printing_that_a_row_taller_than_a_page_would_be_cut_off(qtbot, window, fake,
                                                                                         tmp_path):
    """One 偏差原因 of 3,000 characters continues on the next pages (more pages, nothing cut); a
    年度指标值 of 3,000 characters, never broken up, leaves a row no page holds: the page count
    names it."""
    assert "截去" not in window._pages_words()
    window.controller.insert_indicators(6, [Indicator(level1="效益指标", level2="社会效益", name="指标：长原因",
                                                      target="≥90%", actual="80%",
                                                      deviation="受疫情影响部分线下活动改为线上开展" * 180)])
    words = window._pages_words()
    assert "截去" not in words and "每页重复指标表头" in words
    window.controller.set_field(("indicator", 6), "target", "受疫情影响部分线下活动改为线上开展" * 180)
    words = window._pages_words()
    assert "绩效指标第 7 行文字太长" in words and "截去" in words
    fake.next_save = str(tmp_path / "长.docx")  # Word prints it as the window does: said there too
    window.export("docx")
    assert "绩效指标第 7 行文字太长" in window.statusBar().currentMessage()
    # and in a dialog, not only five seconds of status bar: the file is about to be handed in
    message = fake.infos[-1]
    assert "打印时" in message and "绩效指标第 7 行文字太长" in message and "长.docx" in message
    fake.next_save = str(tmp_path / "长.pdf")
    before = len(fake.infos)
    window.export_pdf()
    assert len(fake.infos) == before + 1 and "绩效指标第 7 行文字太长" in fake.infos[-1]


def test_a_hand_score_with_more_decimals_counts_as_the_cell_shows_it(qtbot, window):
    """3.335 typed three times shows 3.34 three times and a 总分 of 70.02 (not 70.01, the sum of
    what was typed); the problems name each cell whose digits are not printed."""
    m, view = window.indicator_model, window.indicator_view
    for row in (0, 1, 2):
        type_into(qtbot, view, m.index(row, T.SCORE), "3.335")
        assert m.data(m.index(row, T.SCORE)).startswith("3.34（规则")
    assert total_text(window).startswith("总分 70.02")
    listed = problem_texts(qtbot, window, "多于两位小数")
    assert sum("多于两位小数" in t and "3.335" in t for t in listed) == 3
    assert window.controller.project.indicators[0].hand_score == D("3.335")  # what was typed is kept
