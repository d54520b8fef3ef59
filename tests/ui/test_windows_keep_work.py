"""Every window keeps work as the editor does: a red team's findings, each one held here.

A clerk's filled form, a project file, a department's figures: no window writes over one it
did not make, or loses what was typed, without asking.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from model import Project
from model.project_file import load_project, save_project

FORM = Path(__file__).resolve().parents[1] / "data" / "forms" / "01.docx"


@pytest.fixture
def clerk_form(tmp_path) -> Path:
    """A form a clerk filled in Word: no mark of ours."""
    path = tmp_path / "签过字的表.docx"
    shutil.copyfile(FORM, path)
    return path


# --- the editor: Save As and export -----------------------------------------------------------

def test_save_as_onto_a_clerks_docx_is_refused_and_the_form_kept(window, fake, clerk_form):
    before = clerk_form.read_bytes()
    window.controller.set_field(("indicator", 0), "actual", "已完成")  # typing to be kept
    assert window.isWindowModified()
    fake.next_save = str(clerk_form)  # typed into the 另存为 dialog, which asked "replace?"
    assert not window.save_as()
    assert clerk_form.read_bytes() == before  # a project file's JSON under a .docx name: never
    assert fake.errors and "签过字的表.docx" in fake.errors[-1][1] and "Word" in fake.errors[-1][1]
    assert window.isWindowModified() and window.controller.path != clerk_form  # still unsaved: nothing pretended


def test_save_as_a_bare_name_becomes_a_project_file_and_asks_before_replacing_one(window, fake, tmp_path):
    fake.next_save = str(tmp_path / "甲")
    assert window.save_as()
    assert window.controller.path == tmp_path / "甲.zpb.json"
    assert load_project(tmp_path / "甲.zpb.json").name == window.controller.project.name
    assert not (tmp_path / "甲").exists()

    other = tmp_path / "乙.zpb.json"  # another project: the dialog asked about 乙, not 乙.zpb.json
    save_project(Project(name="别的项目"), other)
    fake.next_save = str(tmp_path / "乙")
    fake.confirm_answer = False
    assert not window.save_as()
    assert load_project(other).name == "别的项目" and fake.confirms and "乙.zpb.json" in fake.confirms[-1]


def test_export_word_under_the_projects_own_name_or_an_excel_name_is_refused(window, fake, tmp_path):
    own = tmp_path / "项目.zpb.json"
    fake.next_save = str(own)
    assert window.save_as()
    saved = own.read_bytes()
    fake.next_save = str(own)  # 导出 Word typed onto the project file itself
    window.export("docx")
    assert own.read_bytes() == saved
    assert fake.errors and "项目.zpb.json" in fake.errors[-1][1]
    fake.errors.clear()
    book = tmp_path / "表.xlsx"
    fake.next_save = str(book)  # Word bytes under an Excel name: Excel would not open it
    window.export("docx")
    assert not book.exists() and fake.errors and "表.xlsx" in fake.errors[-1][1]
    fake.errors.clear()
    fake.next_save = str(tmp_path / "表")  # no suffix: the format's
    window.export("docx")
    assert fake.errors == [] and (tmp_path / "表.docx").exists()


def test_export_pdf_never_over_the_project_file(window, fake, tmp_path):
    own = tmp_path / "项目.zpb.json"
    fake.next_save = str(own)
    assert window.save_as()
    saved = own.read_bytes()
    fake.next_save = str(own)
    window.export_pdf()
    assert own.read_bytes() == saved and fake.errors


# --- the overview: 逐个导出 into a folder holding the clerks' forms -------------------------------

def test_export_each_never_replaces_a_form_the_clerk_changed(qtbot, fake, tmp_path, clerk_form):
    from ui.app import make_app
    from ui.overview.window import OverviewWindow
    unit = tmp_path / "单位"
    unit.mkdir()
    save_project(Project(name="甲"), unit / "甲.zpb.json")
    save_project(Project(name="乙"), unit / "乙.zpb.json")
    out = tmp_path / "导出"
    out.mkdir()
    signed = out / "甲.docx"
    shutil.copyfile(clerk_form, signed)  # last year's export, signed and edited in Word since
    before = signed.read_bytes()
    make_app()
    w = OverviewWindow(unit, fake)
    qtbot.addWidget(w)
    w.folder.load_all()
    fake.next_folder = str(out)
    w.export_each()
    assert signed.read_bytes() == before
    assert {p.name for p in out.iterdir()} == {"甲.docx", "甲.xlsx", "乙.docx", "乙.xlsx"}
    assert fake.errors and "甲.docx" in fake.errors[-1][1] and "未覆盖" in fake.errors[-1][1]
    fake.errors.clear()
    w.export_each()  # run again: our own unchanged exports are replaced, the clerk's still kept
    assert signed.read_bytes() == before and len(fake.errors) == 1
    w.close()


# --- 部门整体: its figures survive a crash, as the editor's work does ------------------------------

def _department_folder(folder: Path) -> Path:
    from model.department.file import department_path, save_department
    from tests.department_seeds import jinsong, jinsong_folder
    folder.mkdir(exist_ok=True)
    for i, p in enumerate(jinsong_folder()[:2]):
        save_project(p, folder / f"{i:02d}.zpb.json")
    save_department(jinsong(), department_path(folder))
    return folder


from tests.ui.test_department_dialog import _dialog as _department  # noqa: E402


def _overview(qtbot, fake, folder):
    """The unit's overview on folder, its projects read."""
    from ui.app import make_app
    from ui.overview.window import OverviewWindow
    make_app()
    w = OverviewWindow(folder, fake)
    qtbot.addWidget(w)
    w.folder.load_all()
    return w


def _crash(dialog) -> None:
    """The process dies: the copy stays, its lock is free, nothing asks or cleans up."""
    from ui.department.dialog import DEPARTMENT_COPIES
    from ui.editor.recovery import RecoveryStore
    dialog._autosave_soon.stop()
    dialog.recovery.lock.unlock()
    dialog.recovery = RecoveryStore(dialog.recovery.folder / "gone", DEPARTMENT_COPIES)
    dialog._saved = "closing: not asked"
    dialog.is_modified = lambda: False
    dialog.reject()


def test_department_figures_typed_and_crashed_are_offered_back_and_saved(qtbot, fake, tmp_path):
    from model.department.file import department_path, load_department
    folder = _department_folder(tmp_path / "单位")
    on_disk = department_path(folder).read_bytes()
    dialog = _department(qtbot, fake, folder)
    dialog.lines["contact"].setText("王某")
    dialog.sections[next(iter(dialog.sections))].setPlainText("一段写了半小时的报告文字")
    dialog.recompute()
    qtbot.waitUntil(lambda: dialog.recovery.copy.exists(), timeout=5000)  # autosaved while typing
    _crash(dialog)
    assert department_path(folder).read_bytes() == on_disk

    again = _department(qtbot, fake, folder)
    assert fake.recover_asked and "单位" in fake.recover_asked[-1]
    assert again.lines["contact"].text() == "王某" and again.is_modified() and again.isWindowModified()
    assert next(iter(again.sections.values())).toPlainText() == "一段写了半小时的报告文字"
    assert department_path(folder).read_bytes() == on_disk  # offered, not written over the file
    fake.recover_asked.clear()
    _crash(again)  # a second crash before saving: still there
    third = _department(qtbot, fake, folder)
    assert len(fake.recover_asked) == 1 and third.lines["contact"].text() == "王某"
    assert third.save() and load_department(department_path(folder)).contact == "王某"
    assert not third.isWindowModified()
    third.reject()
    fake.recover_asked.clear()
    _department(qtbot, fake, folder).reject()
    assert fake.recover_asked == []  # saved: nothing left to offer


def test_a_declined_department_copy_goes_and_another_folders_copy_waits_for_it(qtbot, fake, tmp_path):
    first = _department_folder(tmp_path / "甲单位")
    second = _department_folder(tmp_path / "乙单位")
    dialog = _department(qtbot, fake, first)
    dialog.lines["phone"].setText("111")
    dialog.autosave()
    _crash(dialog)
    other = _department(qtbot, fake, second)
    assert fake.recover_asked == []  # 甲's figures are not offered as 乙's
    other.reject()
    fake.recover_answer = False
    declined = _department(qtbot, fake, first)
    assert len(fake.recover_asked) == 1 and declined.lines["phone"].text() != "111"
    declined.reject()
    _department(qtbot, fake, first).reject()
    assert len(fake.recover_asked) == 1


def test_a_project_editors_start_never_offers_a_department_copy(qtbot, fake, tmp_path):
    from ui.app import make_app, open_window
    folder = _department_folder(tmp_path / "单位")
    dialog = _department(qtbot, fake, folder)
    dialog.lines["phone"].setText("111")
    dialog.autosave()
    _crash(dialog)
    make_app()
    w = open_window(None, fake)
    qtbot.addWidget(w)
    assert fake.recover_asked == []  # not offered as a project's work
    assert len(fake.infos) == 1 and str(folder) in fake.infos[0] and "部门整体" in fake.infos[0]  # but said where
    w.close()
    again = _department(qtbot, fake, folder)  # still there for its own dialog
    assert len(fake.recover_asked) == 1 and again.lines["phone"].text() == "111"
    again._saved = ""
    again.is_modified = lambda: False


def test_autosave_failing_on_a_full_disk_is_said_and_typing_goes_on(qtbot, fake, tmp_path, monkeypatch):
    import errno

    import ui.editor.recovery as recovery
    folder = _department_folder(tmp_path / "单位")
    dialog = _department(qtbot, fake, folder)

    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(recovery, "atomic_write", full)
    dialog.lines["phone"].setText("111")
    dialog.autosave()
    assert "自动保存失败" in dialog.windowTitle()
    assert dialog.is_modified() and dialog.lines["phone"].text() == "111"
    monkeypatch.undo()
    fake.save_answer = "discard"
    dialog.reject()


# --- kill -9: a child process types, says "typed", and is killed six seconds later ---------------

KILLED_HEAD = """
import sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from ui.app import make_app, open_folder_start, open_window

class Clerk:  # declines an earlier run's copies, says yes, names the overview's 新建
    def ask_recover(self, description):
        return False
    def info(self, *a):
        pass
    def confirm(self, *a):
        return True
    def ask_text(self, *a):
        return "新建后就崩溃的项目"

app = make_app()
"""
KILLED_TAIL = """
print("typed", flush=True)
while True:
    app.processEvents()
    time.sleep(0.01)
"""


def killed_after_typing(typing: str, path: Path) -> None:
    """Run typing (a script's middle, on sys.argv[2] = path) in a child window process, then kill -9 it
    six seconds after its last keystroke (a copy every three seconds: room for a slow machine)."""
    import os
    import signal
    import subprocess
    import sys
    import time
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with subprocess.Popen([sys.executable, "-c", KILLED_HEAD + typing + KILLED_TAIL, str(root), str(path)],
                          env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as child:
        assert child.stdout.readline().strip() == b"typed", child.stderr.read().decode(errors="replace")
        time.sleep(6)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)


KILLED_DEPARTMENT = """
from ui.department.dialog import DepartmentDialog
d = DepartmentDialog(Path(sys.argv[2]), Clerk())
d.show()
for i in range(40):  # the clerk types, pausing now and then as clerks do
    d.lines["contact"].setText(f"第{i}次")
    end = time.monotonic() + 0.05
    while time.monotonic() < end:
        app.processEvents()
"""


@pytest.mark.skipif(__import__("os").name == "nt", reason="kill -9 is POSIX")
def test_department_dialog_killed_with_kill_9_loses_seconds_at_most(qtbot, fake, tmp_path):
    folder = _department_folder(tmp_path / "单位")
    killed_after_typing(KILLED_DEPARTMENT, folder)
    dialog = _department(qtbot, fake, folder)
    assert len(fake.recover_asked) == 1
    assert dialog.lines["contact"].text() == "第39次"
    fake.save_answer = "discard"
    dialog.reject()


# --- the overview's 汇总表, combined file and PDF: the names typed into their save dialogs -------

@pytest.mark.parametrize("action, fmt", [("export_summary", "docx"), ("export_summary", "xlsx"),
                                         ("export_combined", "docx"), ("export_pdf_all", None)])
def test_overview_exports_never_over_the_department_file_or_under_another_kinds_name(
        qtbot, fake, tmp_path, action, fmt):
    from model.department.file import department_path
    folder = _department_folder(tmp_path / "单位")
    dept = department_path(folder)
    before = dept.read_bytes()
    w = _overview(qtbot, fake, folder)
    run = getattr(w, action)
    wrong = {"docx": "汇总.xlsx", "xlsx": "汇总.docx", None: "汇总.docx"}[fmt]
    for name in (dept.name, wrong):
        fake.next_save = str(folder / name)
        run(fmt) if fmt else run()
        assert fake.errors and name in fake.errors[-1][1]
    assert dept.read_bytes() == before and not (folder / wrong).exists()
    fake.errors.clear()
    fake.next_save = str(folder / "汇总")  # no suffix: the format's
    run(fmt) if fmt else run()
    assert fake.errors == [] and (folder / f"汇总.{fmt or 'pdf'}").exists()
    w.close()


# --- a start on a folder or a department file offers what crashed editors left ---------------------

@pytest.mark.parametrize("department", [False, True])
def test_starting_on_a_folder_offers_the_work_a_crashed_editor_left(qtbot, fake, tmp_path, department):
    from model.department.file import department_path
    from tests.ui.test_window_trust import crashed_copy
    from ui.app import make_app, open_department_file, open_folder_start
    folder = _department_folder(tmp_path / "单位")
    original = folder / "00.zpb.json"
    work = load_project(original)
    work.name = "崩溃前改的名字"
    crashed_copy(work, original)  # the clerk edited 00 from the overview; the program died
    make_app()
    overview = (open_department_file(department_path(folder), fake) if department
                else open_folder_start(folder, fake))
    qtbot.addWidget(overview)
    assert len(fake.recover_asked) == 1 and "崩溃前改的名字" in fake.recover_asked[0]
    [editor] = overview.recovered_windows
    assert editor.isVisible() and editor.controller.path == original
    assert editor.controller.project.name == "崩溃前改的名字" and editor.isWindowModified()
    assert (getattr(overview, "department_dialog", None) is not None) == department
    fake.save_answer = "save"
    assert editor.close()
    assert load_project(original).name == "崩溃前改的名字"
    fake.recover_asked.clear()
    if department:
        overview.department_dialog.reject()
    overview.close()
    again = open_folder_start(folder, fake)
    qtbot.addWidget(again)
    assert fake.recover_asked == [] and again.recovered_windows == []  # saved: nothing left
    again.close()


# --- 部门整体's undo: every cell of the budget, never a change out of sight -----------------------

def test_ctrl_z_on_the_budget_undoes_the_budget_not_a_hidden_indicator_edit(qtbot, fake, tmp_path):
    from PySide6.QtGui import QKeySequence
    folder = _department_folder(tmp_path / "单位")
    dialog = _department(qtbot, fake, folder)
    assert QKeySequence(QKeySequence.StandardKey.Undo) in dialog.undo_action.shortcuts()
    assert QKeySequence("Ctrl+Y") in dialog.redo_action.shortcuts()
    undo, redo = dialog.undo_action.trigger, dialog.redo_action.trigger  # Ctrl+Z, Ctrl+Y
    indicator = dialog.rows.project.indicators[0].name
    budget = dialog.budget.item(0, 1).text()
    dialog.tabs.setCurrentIndex(1)
    dialog.rows.set_field(("indicator", 0), "name", "改过的指标名")
    dialog.tabs.setCurrentIndex(0)
    dialog.budget.setCurrentCell(0, 1)
    dialog.budget.item(0, 1).setText("999")  # typed into the cell's editor and committed
    undo()
    assert dialog.budget.item(0, 1).text() == budget
    assert dialog.rows.project.indicators[0].name == "改过的指标名"  # not undone out of sight
    undo()
    assert dialog.rows.project.indicators[0].name == indicator and dialog.tabs.currentIndex() == 1
    redo()
    assert dialog.rows.project.indicators[0].name == "改过的指标名" and dialog.tabs.currentIndex() == 1
    redo()
    assert dialog.budget.item(0, 1).text() == "999" and dialog.tabs.currentIndex() == 0
    assert dialog.budget.currentRow() == 0 and dialog.budget.currentColumn() == 1
    dialog.recompute()
    assert str(dialog.dept.budget[0].annual_budget) == "999"
    undo()
    undo()
    dialog.recompute()
    assert not dialog.is_modified()  # every edit undone: as read, closing does not ask
    dialog.reject()
    assert not dialog.isVisible()


# --- 部门整体 open while the folder's projects change: never a report of the folder as it was ---------

def test_department_report_counts_the_projects_saved_while_the_dialog_was_open(qtbot, fake, tmp_path):
    from docx import Document

    from tests.department_seeds import jinsong_folder
    folder = _department_folder(tmp_path / "单位")  # two projects
    dialog = _department(qtbot, fake, folder)
    assert "共2个预算项目" in dialog.figures.text()
    late = jinsong_folder()[2]
    save_project(late, folder / "02.zpb.json")  # the overview's 新建, an editor's 保存, a colleague's copy
    fake.next_save = str(tmp_path / "报告.docx")
    dialog.buttons["report"].click()
    text = "\n".join(p.text for p in Document(tmp_path / "报告.docx").paragraphs)
    assert "共3个预算项目" in text and "共2个预算项目" not in text
    assert "共3个预算项目" in dialog.figures.text()  # what the dialog shows follows too
    (folder / "02.zpb.json").unlink()
    dialog.activateWindow()
    dialog.refresh_projects()  # coming back to the dialog: the folder read again when it changed
    assert "共2个预算项目" in dialog.figures.text()
    fake.save_answer = "discard"
    dialog.reject()


# --- the overview and an editor it did not open, on one file --------------------------------------

def test_a_file_open_in_another_editor_is_not_renamed_trashed_or_opened_twice(qtbot, window, fake, tmp_path):
    folder = _department_folder(tmp_path / "单位")
    path = folder / "00.zpb.json"
    window.open_path(str(path))  # 文件 → 打开 in the editor, not from the overview
    window.controller.set_field(("project", None), "implementer", "没保存的修改")
    w = _overview(qtbot, fake, folder)
    row = w.proxy.mapFromSource(w.model.index(w.folder.row_of(path), 0)).row()
    w.view.selectRow(row)
    fake.next_text = "改了名"
    w.rename_selected()
    assert path.exists() and not (folder / "改了名.zpb.json").exists()
    assert fake.errors and "正在编辑" in fake.errors[-1][1]
    w.delete_selected()
    assert path.exists() and "正在编辑" in fake.errors[-1][1]
    assert w.open_entry(w.folder.entries[w.folder.row_of(path)]) is window  # not a second window on it
    fake.save_answer = "save"
    window.save()
    assert load_project(path).implementer == "没保存的修改"  # its save went to the file the folder lists
    w.close()


def test_department_save_as_asks_before_replacing_the_longer_name_it_made(qtbot, fake, tmp_path):
    from model.department.file import department_path, load_department, save_department
    from tests.department_seeds import jinsong
    folder = _department_folder(tmp_path / "单位")
    mine = folder / "我的.zpbdept.json"
    other = jinsong()
    other.contact = "另一份"
    save_department(other, mine)
    dialog = _department(qtbot, fake, folder)
    theirs = jinsong()
    theirs.contact = "同事"
    save_department(theirs, department_path(folder))  # changed meanwhile: 另存为 offered
    dialog.lines["phone"].setText("12345678")
    fake.file_changed_answer, fake.next_save = "save_as", str(folder / "我的")  # the dialog asked about 我的
    fake.confirm_answer = False
    assert not dialog.save()
    assert load_department(mine).contact == "另一份" and fake.confirms and "我的.zpbdept.json" in fake.confirms[-1]
    fake.confirm_answer = True
    assert dialog.save() and load_department(mine).phone == "12345678"
    dialog.reject()


# --- the editor: a kill -9 loses seconds of typing, not up to half a minute --------------------------

KILLED_EDITOR = """
w = open_window(sys.argv[2], Clerk())
w.show()
w.controller.set_field(("project", None), "implementer", "崩溃前刚输入的实施单位", typing=True)
"""


@pytest.mark.skipif(__import__("os").name == "nt", reason="kill -9 is POSIX")
def test_editor_killed_seconds_after_typing_offers_what_was_typed(qtbot, fake, tmp_path):
    from tests.ui.test_window_trust import start
    path = tmp_path / "项目.zpb.json"
    save_project(Project(name="项目"), path)
    killed_after_typing(KILLED_EDITOR, path)  # the clerk reads what they typed; then the power goes
    w = start(qtbot, fake)
    assert len(fake.recover_asked) == 1 and "项目.zpb.json" in fake.recover_asked[0]
    assert w.controller.project.implementer == "崩溃前刚输入的实施单位"
    assert load_project(path).implementer == ""
    w.controller.undo_stack.setClean()
    w.close()


# --- an editor the overview opened goes on to another file: the row is the file again -------------

@pytest.mark.parametrize("how", ["new", "open", "save_as"])
def test_the_row_is_the_file_again_when_its_editor_moves_on(qtbot, fake, tmp_path, how):
    from model.unit.summary import build_summary
    from ui.overview.table_model import Col
    folder = _department_folder(tmp_path / "单位")
    path = folder / "00.zpb.json"
    on_disk = load_project(path).funds[0].executed
    w = _overview(qtbot, fake, folder)
    editor = w.open_entry(w.folder.entries[w.folder.row_of(path)])
    editor.controller.set_field(("funds", 0), "executed", "99999")
    editor.follow_overview()
    row = w.folder.row_of(path)
    assert w.model.index(row, Col.EXECUTED).data() == "99999"  # the row follows the typing
    fake.save_answer = "discard"
    if how == "new":
        editor.new_file()  # 文件 → 新建, the edits discarded
    elif how == "open":
        other = tmp_path / "别处.zpb.json"
        save_project(Project(name="别处的项目"), other)
        fake.next_open = str(other)
        editor.open_file()
    else:
        fake.next_save = str(tmp_path / "另一个.zpb.json")  # saved elsewhere: 00 keeps what it had
        assert editor.save_as()
    entry = w.folder.entries[w.folder.row_of(path)]
    assert entry.project.funds[0].executed == on_disk and path not in w.folder.unsaved
    assert w.model.index(row, Col.EXECUTED).data() != "99999"
    summary = "\n".join(str(r) for r in build_summary(w.folder.entries).rows)
    assert "99999" not in summary  # the 汇总表 handed in is of the files, never of discarded typing
    assert w.open_entry(entry) is not editor  # the row opens its own file again
    if how == "new":  # and the first editor, back on the file, is not the row's: the new one is
        w.editors[path].close()
        qtbot.waitUntil(lambda: path not in w.editors)
        fake.next_open = str(path)
        editor.open_file()
        editor.controller.set_field(("funds", 0), "executed", "55555")
        editor.follow_overview()
        assert w.editors[path] is editor and w.folder.entries[w.folder.row_of(path)].project.funds[0].executed == 55555
        editor.close()  # discarded: the row is the file again, not stuck 未保存
        qtbot.waitUntil(lambda: path not in w.editors)
        assert path not in w.folder.unsaved
        assert w.folder.entries[w.folder.row_of(path)].project.funds[0].executed == on_disk
    for each in list(w.editors.values()) + ([] if how == "new" else [editor]):
        each.controller.undo_stack.setClean()
        each.close()
    w.close()


def test_save_as_never_over_a_department_file_or_another_programs_json(window, fake, tmp_path):
    from model.department.file import department_path
    folder = _department_folder(tmp_path / "单位")
    dept = department_path(folder)
    settings = tmp_path / "settings.json"
    settings.write_text('{"theme": "dark"}', encoding="utf-8")
    for target in (dept, settings):
        before = target.read_bytes()
        fake.next_save = str(target)  # the dialog asked "replace?" about a file that holds no project
        assert not window.save_as()
        assert target.read_bytes() == before and str(target.name) in fake.errors[-1][1]
    fake.errors.clear()
    fake.next_save = str(folder / "00.zpb.json")  # another project: the dialog's question is the clerk's word
    assert window.save_as() and fake.errors == []


def test_export_suggests_a_name_that_is_not_a_clerks_form(window, fake, tmp_path, clerk_form):
    fake.next_save = str(tmp_path / "签过字的表.zpb.json")  # imported from 签过字的表.docx, saved beside it
    assert window.save_as()
    asked = []
    fake.save_file = lambda suggested, *_a: asked.append(suggested) or None
    window.export("docx")
    window.export("xlsx")
    assert Path(asked[0]).name == "签过字的表（导出）.docx"  # never the form itself as the default
    assert Path(asked[1]).name == "签过字的表.xlsx"  # nothing there: the plain name


def test_a_report_the_clerk_wrote_in_is_not_the_default_of_the_next_draft(qtbot, fake, tmp_path):
    from docx import Document
    folder = _department_folder(tmp_path / "单位")
    dialog = _department(qtbot, fake, folder)
    report = folder / "部门整体绩效评价报告.docx"
    asked = []
    fake.save_file = lambda suggested, *_a: asked.append(suggested) or str(report)
    dialog.buttons["report"].click()
    assert Path(asked[-1]) == report and report.exists()
    dialog.buttons["report"].click()  # our own draft, unchanged: offered again as it is
    assert Path(asked[-1]) == report
    doc = Document(str(report))
    doc.add_paragraph("经过一个下午写好的问题分析")  # the clerk fills the 【待填写】 parts in Word
    doc.save(str(report))
    fake.save_file = lambda suggested, *_a: asked.append(suggested) or None
    dialog.buttons["report"].click()
    assert Path(asked[-1]).name == "部门整体绩效评价报告（导出）.docx"
    fake.save_answer = "discard"
    dialog.reject()


def test_a_summary_of_unsaved_typing_is_asked_about_first(qtbot, fake, tmp_path):
    from openpyxl import load_workbook

    folder = _department_folder(tmp_path / "单位")
    path = folder / "00.zpb.json"
    w = _overview(qtbot, fake, folder)
    editor = w.open_entry(w.folder.entries[w.folder.row_of(path)])
    editor.controller.set_field(("funds", 0), "executed", "77777")
    editor.follow_overview()
    out = tmp_path / "汇总表.xlsx"
    fake.next_save = str(out)
    fake.confirm_answer = False
    w.export_summary("xlsx")
    assert not out.exists() and fake.confirms and "未保存" in fake.confirms[-1]
    fake.confirm_answer = True
    w.export_summary("xlsx")
    assert out.exists()
    values = [c.value for row in load_workbook(out).active.iter_rows() for c in row]
    assert 77777 in values or "77777" in values  # as the window shows it, the clerk having agreed
    editor.save()
    fake.confirms.clear()
    w.export_summary("xlsx")  # saved: nothing to ask
    assert fake.confirms == []
    editor.close()
    w.close()


def test_the_rule_profile_and_the_variance_base_chosen_are_undone_as_every_edit(qtbot, fake, tmp_path):
    from model import profile_names
    folder = _department_folder(tmp_path / "单位")
    dialog = _department(qtbot, fake, folder)
    first = dialog.profile.currentText()
    other = next(n for n in profile_names() if n != first)
    base = dialog.variance_base.currentData()
    dialog.profile.setCurrentText(other)  # chosen in the box
    assert dialog.rows.project.profile == other
    dialog.variance_base.setCurrentIndex(dialog.variance_base.findData("annual"))
    dialog.recompute()
    assert dialog.dept.profile == other and dialog.dept.variance_base == "annual"
    dialog.tabs.setCurrentIndex(1)
    dialog.undo_action.trigger()
    assert dialog.variance_base.currentData() == base and dialog.tabs.currentIndex() == 0
    dialog.undo_action.trigger()
    assert dialog.profile.currentText() == first and dialog.rows.project.profile == first
    dialog.recompute()
    assert not dialog.is_modified()
    dialog.redo_action.trigger()
    dialog.recompute()
    assert dialog.dept.profile == other and dialog.is_modified()
    fake.save_answer = "discard"
    dialog.reject()


# --- a cell still being typed in when the clerk saves or closes ------------------------------------

def _typing_in(view, index, text: str) -> None:
    """The clerk typed into a cell and has not pressed Enter or Tab yet."""
    from PySide6.QtWidgets import QLineEdit
    view.setCurrentIndex(index)
    view.edit(index)
    [editor] = [e for e in view.viewport().findChildren(QLineEdit) if e.isVisible()]
    editor.setText(text)


def test_ctrl_s_right_after_typing_in_a_cell_saves_that_cell(qtbot, fake, tmp_path):
    from tests.ui.test_window_trust import start
    from model import Indicator
    from ui.editor.indicator_table import FIELDS
    path = tmp_path / "项目.zpb.json"
    save_project(Project(name="项目", indicators=[Indicator(name="原来的指标")]), path)
    w = start(qtbot, fake, str(path))
    w.show()
    _typing_in(w.funds_view, w.funds_model.index(0, 2), "123")
    w.actions_["save"].trigger()
    assert str(load_project(path).funds[0].executed) == "123" and not w.isWindowModified()
    _typing_in(w.indicator_view, w.indicator_model.index(0, FIELDS.index("name")), "不保存就关的指标")
    fake.save_answer = "cancel"
    assert not w.close()  # closing asks: the cell typed in is unsaved work
    assert w.isVisible() and w.controller.project.indicators[0].name == "不保存就关的指标"
    w.controller.undo_stack.setClean()
    w.close()


def test_the_department_saves_and_asks_about_a_budget_cell_still_being_typed_in(qtbot, fake, tmp_path):
    from model.department.file import department_path, load_department
    folder = _department_folder(tmp_path / "单位")
    dialog = _department(qtbot, fake, folder)
    _typing_in(dialog.budget, dialog.budget.model().index(0, 0), "555")
    assert dialog.save()
    assert str(load_department(department_path(folder)).budget[0].initial_budget) == "555"
    _typing_in(dialog.budget, dialog.budget.model().index(1, 0), "666")
    fake.save_answer = "cancel"
    dialog.reject()
    assert dialog.isVisible()  # asked: the cell typed in is unsaved
    fake.save_answer = "discard"
    dialog.reject()


# --- what held: a full disk and a folder that refuses writing, in every window ----------------------

@pytest.fixture
def full_disk(monkeypatch):
    """The disk fills while a save writes: every atomic write fails at its fsync."""
    import errno

    import model.files as files

    def full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    class Disk:
        @staticmethod
        def fill() -> None:
            monkeypatch.setattr(files.os, "fsync", full)

        @staticmethod
        def free() -> None:
            monkeypatch.undo()
    return Disk


def _no_temps(folder: Path) -> bool:
    return not [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


def test_a_full_disk_loses_nothing_in_the_editor(qtbot, fake, tmp_path, full_disk):
    from tests.ui.test_window_trust import start
    path = tmp_path / "项目.zpb.json"
    save_project(Project(name="原来的"), path)
    before = path.read_bytes()
    w = start(qtbot, fake, str(path))
    w.controller.set_field(("project", None), "name", "新的名字")
    full_disk.fill()
    assert not w.save()
    assert path.read_bytes() == before and w.isWindowModified() and _no_temps(tmp_path)
    title, message = fake.errors[-1]
    assert title == "无法保存" and "磁盘已满" in message and "项目.zpb.json" in message
    w.autosave()  # the recovery copy cannot be written either: said, typing goes on
    assert "自动保存失败" in w.statusBar().currentMessage()
    full_disk.free()
    assert w.save() and load_project(path).name == "新的名字"
    w.close()


def test_a_full_disk_loses_nothing_in_the_department_dialog_or_the_overview(qtbot, fake, tmp_path, full_disk):
    from model.department.file import department_path
    folder = _department_folder(tmp_path / "单位")
    dept = department_path(folder).read_bytes()
    dialog = _department(qtbot, fake, folder)
    dialog.lines["phone"].setText("12345678")
    full_disk.fill()
    assert not dialog.save()
    assert department_path(folder).read_bytes() == dept and dialog.is_modified()
    assert "磁盘已满" in fake.errors[-1][1]
    fake.save_answer = "save"
    dialog.reject()  # the save on closing fails: the dialog stays with its figures
    assert dialog.isVisible() and dialog.lines["phone"].text() == "12345678"
    fake.errors.clear()
    w = _overview(qtbot, fake, folder)
    names = sorted(p.name for p in folder.iterdir())
    fake.next_text = "新项目"
    w.new_project()
    fake.next_save = str(tmp_path / "汇总表.docx")
    w.export_summary("docx")
    assert [t for t, _m in fake.errors] == ["无法新建项目", "无法导出汇总表"]
    assert all("磁盘已满" in m for _t, m in fake.errors)
    assert sorted(p.name for p in folder.iterdir()) == names and _no_temps(tmp_path)
    full_disk.free()
    fake.save_answer = "discard"
    dialog.reject()
    w.close()


def test_saving_a_file_renamed_meanwhile_writes_it_back_and_says_so(qtbot, fake, tmp_path):
    from tests.ui.test_window_trust import start
    path = tmp_path / "项目.zpb.json"
    save_project(Project(name="项目"), path)
    w = start(qtbot, fake, str(path))
    path.rename(tmp_path / "改名的项目.zpb.json")  # Explorer, while the window is open
    w.controller.set_field(("project", None), "name", "改过")
    assert w.save()
    assert load_project(path).name == "改过"  # nothing lost: written where the window said it would
    assert fake.infos and "改了名" in fake.infos[-1] and str(path) in fake.infos[-1]
    fake.infos.clear()
    w.controller.set_field(("project", None), "name", "再改")
    assert w.save() and fake.infos == []  # there now: saved as usual
    w.close()


KILLED_OVERVIEW = """
overview = open_folder_start(sys.argv[2], Clerk())
overview.folder.load_all()
entry = overview.folder.entries[0]
editor = overview.open_entry(entry)
editor.controller.set_field(("project", None), "implementer", "从一览打开后输入的", typing=True)
overview.new_project()  # the overview's 新建: saved at once, then typed in
new = overview.editors[overview.folder.entries[-1].path]
new.controller.set_field(("project", None), "department", "新项目的主管部门", typing=True)
"""


@pytest.mark.skipif(__import__("os").name == "nt", reason="kill -9 is POSIX")
def test_the_overview_killed_with_kill_9_and_started_again_on_its_folder_loses_nothing(qtbot, fake, tmp_path):
    from ui.app import make_app, open_folder_start
    folder = _department_folder(tmp_path / "单位")
    killed_after_typing(KILLED_OVERVIEW, folder)
    make_app()
    overview = open_folder_start(folder, fake)
    qtbot.addWidget(overview)
    assert len(fake.recover_asked) == 2
    got = {e.controller.path.name: e.controller.project for e in overview.recovered_windows}
    assert got["00.zpb.json"].implementer == "从一览打开后输入的"
    assert got["新建后就崩溃的项目.zpb.json"].department == "新项目的主管部门"
    for editor in overview.recovered_windows:
        editor.controller.undo_stack.setClean()
        editor.close()
    overview.close()


def test_one_department_dialog_per_folder_whichever_window_asks(qtbot, window, fake, tmp_path):
    folder = _department_folder(tmp_path / "单位")
    w = _overview(qtbot, fake, folder)
    w.actions_["department"].trigger()
    dialog = w.department_dialog
    fake.next_folder = str(folder)
    window.actions_["department"].trigger()  # the editor's 文件 → 部门整体 on the same folder
    assert window.department_dialog is dialog
    dialog.reject()
    w.close()


# --- the overview's own edits: undone as a file manager undoes them --------------------------------

def test_rename_new_and_import_in_the_overview_are_undone(qtbot, fake, tmp_path, monkeypatch):
    from tests.clerk_forms import clerk_docx
    from tests.conftest import reference_rows
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    (tmp_path / "xdg").mkdir()
    folder = _department_folder(tmp_path / "单位")
    w = _overview(qtbot, fake, folder)
    undo, redo = w.actions_["undo"], w.actions_["redo"]
    assert not undo.isEnabled()
    old = folder / "00.zpb.json"
    content = old.read_bytes()
    w.view.selectRow(w.proxy.mapFromSource(w.model.index(w.folder.row_of(old), 0)).row())
    fake.next_text = "改名后"
    w.rename_selected()
    assert not old.exists() and undo.isEnabled() and "重命名" in undo.text()
    undo.trigger()
    assert old.read_bytes() == content and not (folder / "改名后.zpb.json").exists()
    assert w.folder.row_of(old) is not None
    redo.trigger()
    assert (folder / "改名后.zpb.json").exists() and not old.exists()
    undo.trigger()

    fake.next_text = "新的项目"
    w.new_project()
    made = folder / "新的项目.zpb.json"
    assert made.exists() and made in w.editors
    undo.trigger()  # still open in its editor: said, not moved
    assert made.exists() and "正在编辑" in fake.errors[-1][1]
    w.editors[made].controller.undo_stack.setClean()
    w.editors[made].close()
    qtbot.waitUntil(lambda: made not in w.editors)
    undo.trigger()
    assert not made.exists() and w.folder.row_of(made) is None
    assert (tmp_path / "xdg" / "Trash" / "files" / made.name).exists()  # in the trash: restorable
    assert not redo.isEnabled()  # a file in the trash is restored from the trash

    form = clerk_docx(reference_rows("01"), tmp_path / "表.docx")
    w.import_paths([str(form)])
    imported = [e.path for e in w.folder.entries if e.path.name not in {"00.zpb.json", "01.zpb.json"}]
    assert len(imported) == 1
    imported[0].write_text(imported[0].read_text(encoding="utf-8").replace("}", "} ", 1), encoding="utf-8")
    fake.errors.clear()
    undo.trigger()  # typed into since it was imported: never trashed by an undo
    assert imported[0].exists() and "修改过" in fake.errors[-1][1]
    w.close()


# --- a window nobody typed in, its file changed by another program ---------------------------------

def test_an_untouched_editor_reads_its_file_again_before_exporting(qtbot, fake, tmp_path):
    from docx import Document

    from tests.ui.test_window_trust import start
    path = tmp_path / "项目.zpb.json"
    save_project(Project(name="上午的名字"), path)
    w = start(qtbot, fake, str(path))
    save_project(Project(name="同事下午改的名字"), path)  # a colleague on the shared folder
    out = tmp_path / "交上去的.docx"
    fake.next_save = str(out)
    w.export("docx")
    assert "同事下午改的名字" in "\n".join(c.text for t in Document(str(out)).tables for r in t.rows for c in r.cells)
    assert w.controller.project.name == "同事下午改的名字" and fake.infos and "重新读取" in fake.infos[-1]
    w.controller.set_field(("project", None), "implementer", "我正在输入")
    save_project(Project(name="又改了"), path)
    w.reload_if_changed()  # typed into: never replaced; the save asks, as before
    assert w.controller.project.implementer == "我正在输入" and w.controller.project.name == "同事下午改的名字"
    w.controller.undo_stack.setClean()
    w.close()


def test_the_department_never_exports_figures_older_than_its_file_without_saying_so(qtbot, fake, tmp_path):
    from model.department.file import department_path, save_department
    from tests.department_seeds import jinsong
    folder = _department_folder(tmp_path / "单位")
    dialog = _department(qtbot, fake, folder)
    theirs = jinsong()
    theirs.final_accounts = 1  # a colleague's save, after this dialog read the file
    save_department(theirs, department_path(folder))
    out = tmp_path / "自评表.docx"
    fake.next_save = str(out)
    dialog.buttons["docx"].click()
    assert not out.exists() and "重新打开" in fake.errors[-1][1]
    dialog.lines["phone"].setText("12345678")  # the clerk's own figures: exported if they say so
    fake.confirm_answer = False
    dialog.buttons["docx"].click()
    assert not out.exists() and "不含对方的修改" in fake.confirms[-1]
    fake.confirm_answer = True
    dialog.buttons["docx"].click()
    assert out.exists()
    fake.save_answer = "discard"
    dialog.reject()
