"""The overview of a unit's folder, driven as a clerk would: open, sort, filter, edit, import, trash."""
from __future__ import annotations

import os
import re
import subprocess
import time
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from PySide6.QtCore import Qt

from model.project_file import load_project, save_project
from tests.clerk_forms import clerk_docx, clerk_xlsx
from tests.conftest import REFERENCE_IDS, reference_rows
from tests.helpers import reference_project
from ui.overview.table_model import Col, Filter
from tests.ui.conftest import shown_overview


@pytest.fixture
def folder(tmp_path) -> Path:
    d = tmp_path / "单位"
    d.mkdir()
    for k, i in enumerate(REFERENCE_IDS):
        p = reference_project(i)
        if k == 2:
            p.implementer = ""  # an error: 未填写实施单位
        if k == 5:
            p.indicators[0].hand_score = Decimal(1)
            p.indicators[0].deviation = "延期"
        save_project(p, d / f"{k + 1:02d}.zpb.json")
    (d / "坏.zpb.json").write_text("{", encoding="utf-8")
    return d


@pytest.fixture
def overview(qtbot, fake, folder):
    w = shown_overview(qtbot, fake, folder)
    yield w
    for editor in list(w.editors.values()):
        editor.controller.undo_stack.setClean()
        editor.close()
    w.close()


def column(w, col: Col) -> list[str]:
    return [w.proxy.index(r, col).data() for r in range(w.proxy.rowCount())]


def test_open_sort_and_filter(overview):
    w = overview
    assert w.proxy.rowCount() == len(REFERENCE_IDS) + 1
    assert column(w, Col.FILE)[0] == "01.zpb.json"
    assert "无法读取" in column(w, Col.IMPLEMENTER)
    w.view.sortByColumn(Col.TOTAL, Qt.SortOrder.AscendingOrder)
    totals = [t for t in column(w, Col.TOTAL) if t]
    assert totals == sorted(totals, key=Decimal) and totals[0] != totals[-1]
    assert column(w, Col.FILE)[0] == "坏.zpb.json"  # no score sorts below every score
    w.set_filter(Filter.ERRORS)
    assert sorted(column(w, Col.FILE)) == ["03.zpb.json", "坏.zpb.json"]
    w.set_filter(Filter.UNREADABLE)
    assert column(w, Col.FILE) == ["坏.zpb.json"]
    w.set_filter(Filter.ALL)
    assert "共 9 个项目" in w.totals.text() and "1 个无法读取" in w.totals.text()
    w.search.setText("06")
    assert column(w, Col.FILE) == ["06.zpb.json"]


def test_open_a_project_edit_and_come_back(overview, folder, qtbot):
    w = overview
    entry = w.folder.entries[0]
    w.view.setCurrentIndex(w.proxy.index(0, 0))
    w.actions_["open"].trigger()
    editor = w.editors[entry.path]
    assert editor.controller.project.name == entry.project.name
    editor.controller.set_field(("project", None), "name", "改过的项目名称")
    row = w.folder.row_of(entry.path)
    assert w.model.index(row, Col.SAVED).data() == "未保存"  # at once: the stack is no longer clean
    qtbot.waitUntil(lambda: w.model.index(row, Col.NAME).data() == "改过的项目名称")  # when typing pauses
    assert w.model.index(row, Col.SAVED).data() == "未保存"
    editor.controller.set_field(("funds", 0), "executed", "9")
    qtbot.waitUntil(lambda: w.model.index(row, Col.EXECUTED).data() == "9")
    editor.save()
    assert w.model.index(row, Col.SAVED).data() == "已保存"
    editor.close()
    qtbot.waitUntil(lambda: entry.path not in w.editors)
    assert load_project(entry.path).name == "改过的项目名称"
    assert w.model.index(w.folder.row_of(entry.path), Col.NAME).data() == "改过的项目名称"


def test_closing_the_editor_without_saving_shows_the_file_again(overview, fake, qtbot):
    w = overview
    entry = w.folder.entries[1]
    name = entry.project.name
    editor = w.open_entry(entry)
    editor.controller.set_field(("project", None), "name", "不保存的名字")
    fake.save_answer = "discard"
    editor.close()
    qtbot.waitUntil(lambda: entry.path not in w.editors)
    assert w.model.index(w.folder.row_of(entry.path), Col.NAME).data() == name


def _two_forms_docx(path: Path) -> Path:
    first, second = clerk_docx(reference_rows("01"), path), clerk_docx(reference_rows("02"), path.with_suffix(".b.docx"))
    doc, other = Document(str(first)), Document(str(second))
    doc.add_page_break()
    for element in other.element.body:
        if not element.tag.endswith("sectPr"):
            doc.element.body.insert(len(doc.element.body) - 1, element)
    doc.save(str(path))
    second.unlink()
    return path


def test_import_forms_many_at_once(overview, fake, tmp_path):
    w = overview
    before = len(w.folder.entries)
    fake.next_files = [str(clerk_xlsx(reference_rows("03"), tmp_path / "表三.xlsx")),
                       str(clerk_docx(reference_rows("04"), tmp_path / "表四.docx")),
                       str(tmp_path / "不存在.docx")]
    w.actions_["import"].trigger()
    assert len(w.folder.entries) == before + 2
    assert fake.errors and "不存在.docx" in fake.errors[-1][1]
    names = {e.project.name for e in w.folder.entries[before:]}
    assert names == {reference_project("03").name, reference_project("04").name}
    assert all(e.path.exists() and e.path.parent == w.folder.folder for e in w.folder.entries[before:])


def test_import_a_file_holding_several_forms(overview, fake, tmp_path):
    import importers
    if not hasattr(importers, "read_forms"):
        pytest.skip("importers.read_forms (many forms per file) has not landed yet")
    w = overview
    before = len(w.folder.entries)
    fake.next_files = [str(_two_forms_docx(tmp_path / "两张表.docx"))]
    w.actions_["import"].trigger()
    assert [e.project.name for e in w.folder.entries[before:]] == [reference_project("01").name,
                                                                   reference_project("02").name]


def test_delete_moves_to_the_trash(overview, fake, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    (tmp_path / "xdg").mkdir()
    w = overview
    entry = w.folder.entries[3]
    content = entry.path.read_bytes()
    w.view.selectRow(w.proxy.mapFromSource(w.model.index(3, 0)).row())
    fake.confirm_answer = False
    w.actions_["trash"].trigger()
    assert entry.path.exists()
    fake.confirm_answer = True
    w.actions_["trash"].trigger()
    assert not entry.path.exists() and w.folder.row_of(entry.path) is None
    trashed = tmp_path / "xdg" / "Trash" / "files" / entry.path.name
    assert trashed.read_bytes() == content


def test_rename_and_new_project(overview, fake):
    w = overview
    entry = w.folder.entries[0]
    w.view.selectRow(0)
    fake.next_text = "热线经费"
    w.actions_["rename"].trigger()
    assert entry.path.name == "热线经费.zpb.json" and entry.path.exists()
    fake.next_text = "热线经费"
    w.actions_["new"].trigger()
    new = w.folder.entries[-1]
    assert new.path.name == "热线经费（2）.zpb.json" and load_project(new.path).name == "热线经费"
    assert new.path in w.editors
    editor = w.editors[new.path]  # a new project's skeleton rows: to fill, not errors, as in the editor
    assert editor.controller.pending == list(range(len(editor.controller.project.indicators)))


def test_refusals_are_said_in_chinese_not_as_unexpected_errors(overview, fake):
    w = overview
    entry = w.folder.entries[0]
    w.view.selectRow(0)
    w.actions_["open"].trigger()
    assert entry.path in w.editors
    fake.next_text = "别的名字"
    w.actions_["rename"].trigger()
    assert entry.path.exists()
    title, message = fake.errors[-1]
    assert "正在编辑" in message and "意外" not in message and "ValueError" not in message


def test_files_changed_on_disk_show_up(overview, folder, qtbot):
    w = overview
    p = reference_project("05")
    p.name = "别人加的项目"
    save_project(p, folder / "99.zpb.json")
    qtbot.waitUntil(lambda: w.folder.row_of(folder / "99.zpb.json") is not None, timeout=5000)
    p.name = "别人改的名字"
    save_project(p, folder / "99.zpb.json")
    qtbot.waitUntil(lambda: w.folder.entries[w.folder.row_of(folder / "99.zpb.json")].name == "别人改的名字",
                    timeout=5000)
    (folder / "01.zpb.json").unlink()
    qtbot.waitUntil(lambda: w.folder.row_of(folder / "01.zpb.json") is None, timeout=5000)


def test_a_cancelled_combined_export_writes_nothing(overview, fake, tmp_path, monkeypatch):
    w = overview
    target = tmp_path / "全部.docx"
    fake.next_save = str(target)
    real = type(w).progress_step

    def cancelling(self, title, total):
        dialog, step = real(self, title, total)
        return dialog, lambda done, name: done < 3 and step(done, name)
    monkeypatch.setattr(type(w), "progress_step", cancelling)
    w.export_combined("docx")
    assert not target.exists() and not list(tmp_path.glob(".全部.docx*"))
    monkeypatch.setattr(type(w), "progress_step", real)
    w.export_combined("docx")
    assert len(Document(str(target)).tables) == 1 + len(REFERENCE_IDS)
    fake.next_save = str(w.folder.entries[0].path)
    w.export_summary("xlsx")
    assert "不能被导出文件覆盖" in fake.errors[-1][1]


def test_print_all_is_one_pdf_summary_then_each_form(overview, tmp_path):
    from ui.overview.print_all import pdf_all
    target = tmp_path / "全部.pdf"
    assert pdf_all(overview.folder.entries, str(target))
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+(\d+)", info).group(1) == str(1 + len(REFERENCE_IDS))
    assert not pdf_all(overview.folder.entries, str(tmp_path / "x.pdf"), lambda i, n: i < 2)
    assert not (tmp_path / "x.pdf").exists()


def test_windows_open_one_another_through_the_application(window, folder, fake, qtbot):
    """The editor opens a folder's overview (a dropped folder, 打开文件夹), the overview opens an
    editor and another folder, all through ui.common.windows: no window imports another."""
    from ui.common.windows import windows
    from ui.overview.window import OverviewWindow, _open_windows
    before = len(_open_windows)
    window.drop_opener.open([str(folder)])
    assert len(_open_windows) == before + 1
    overview = _open_windows[-1]
    assert isinstance(overview, OverviewWindow) and overview.interaction is fake
    qtbot.waitUntil(lambda: not overview.folder.loading)
    entry = next(e for e in overview.folder.entries if e.project is not None)
    editor = overview.open_entry(entry)
    assert editor.controller.path == entry.path and editor.isVisible()
    assert overview.open_entry(entry) is editor  # one editor per file
    broken = next(e for e in overview.folder.entries if e.project is None)
    assert overview.open_entry(broken) is None and fake.errors[-1][0] == "无法打开"
    assert type(windows()).__name__ == "AppWindows"
    editor.close()
    overview.close()


def test_totals_follow_the_filter_and_say_so(overview, qtbot):
    w = overview
    everything = w.totals.text()
    assert everything.startswith("共 9 个项目")
    w.set_filter(Filter.ERRORS)
    qtbot.waitUntil(lambda: "筛选后" in w.totals.text())
    assert w.totals.text().startswith("筛选后 2 / 9 个项目（显示“只看有错误的”）：")
    assert "1 个无法读取" in w.totals.text() and "1 个有错误" in w.totals.text()
    w.set_filter(Filter.ALL)
    w.search.setText("06")
    qtbot.waitUntil(lambda: "搜索" in w.totals.text())
    budget = w.proxy.index(0, Col.BUDGET).data()
    assert w.totals.text().startswith("筛选后 1 / 9 个项目（搜索“06”）：")
    assert f"全年预算数合计 {budget} 万元" in w.totals.text()
    assert not w.empty_note.isVisible()


def test_a_filter_with_no_match_says_why_and_shows_all_again(overview, qtbot):
    w = overview
    w.set_filter(Filter.UNSAVED)
    w.search.setText("没有这个项目")
    qtbot.waitUntil(w.empty_note.isVisible)
    assert w.proxy.rowCount() == 0
    note = w.empty_note.text()
    assert "没有符合条件的项目（显示“只看未保存的”，搜索“没有这个项目”）" in note and "9 个项目都不符合" in note
    assert w.totals.text() == "显示 0 / 9 个项目（显示“只看未保存的”，搜索“没有这个项目”）"
    w.empty_note.linkActivated.emit("all")
    assert w.proxy.rowCount() == 9 and w.search.text() == "" and not w.empty_note.isVisible()
    assert w.totals.text().startswith("共 9 个项目")


def test_help_f1_and_one_word_and_key_for_closing(overview, fake, qtbot):
    from PySide6.QtWidgets import QApplication, QMenu
    w = overview
    help_menu = next(m for m in w.menuBar().findChildren(QMenu) if m.title() == "帮助(&H)")
    assert w.actions_["guide"] in help_menu.actions() and w.actions_["guide"].shortcut().toString() == "F1"
    w.actions_["guide"].trigger()
    guide = w.guide_dialog.text.toPlainText()
    for part in ("项目一览", "汇总表", "全部导出为一个 Word 文件", "全部打印", "开始新一年", "部门整体绩效",
                 "部门预决算差异率的基数", "筛选后"):
        assert part in guide, part
    w.guide_dialog.close()
    editor = w.open_entry(w.folder.entries[0])
    for window in (w, editor):  # the same word and key in both: 关闭 this window, 退出 them all
        a = window.actions_
        assert (a["close"].text(), a["close"].shortcut().toString()) == ("关闭(&C)", "Ctrl+W")
        assert (a["quit"].text(), a["quit"].shortcut().toString()) == ("退出(&X)", "Ctrl+Q")
    editor.actions_["close"].trigger()  # closes the editor only
    qtbot.waitUntil(lambda: not w.editors)
    assert w.isVisible()
    editor = w.open_entry(w.folder.entries[1])
    editor.controller.set_field(("project", None), "manager", "改过")
    fake.save_answer = "cancel"
    w.actions_["quit"].trigger()  # every window asks: the editor's cancel keeps both open
    assert w.isVisible() and editor.isVisible()
    fake.save_answer = "discard"
    QApplication.closeAllWindows()
    assert not w.isVisible() and not editor.isVisible()


def test_the_file_column_is_readable(overview, qtbot):
    w = overview
    w.showNormal()
    w.resize(1366, 700)
    qtbot.wait(50)
    name = "2022年第三批功能疏解点位专项资金.zpb.json"
    assert w.view.columnWidth(Col.FILE) >= w.view.fontMetrics().horizontalAdvance(name) - 40
    assert w.view.textElideMode() == Qt.TextElideMode.ElideMiddle  # a longer one keeps its end
    assert w.proxy.index(0, Col.FILE).data(Qt.ItemDataRole.ToolTipRole).endswith("01.zpb.json")


def test_new_and_rename_make_names_every_platform_holds(overview, fake, qtbot):
    """CON, nul.txt, .hidden, ../x and a 100-character name (added twice) in 新建/重命名."""
    from model.file_names import is_device_name
    w = overview
    before = len(w.folder.entries)
    for text in ("CON", "nul.txt", ".hidden", "../../x", "长" * 100, "长" * 100):
        fake.next_text = text
        w.actions_["new"].trigger()
        assert not fake.errors, fake.errors
    made = [e.path for e in w.folder.entries[before:]]
    assert [p.name for p in made[:4]] == ["CON_.zpb.json", "nul_.txt.zpb.json", "hidden.zpb.json", "x.zpb.json"]
    assert made[5].name.endswith("（2）.zpb.json") and all(len(p.name.encode()) <= 255 for p in made)
    assert all(p.parent == w.folder.folder and p.exists() for p in made)
    for editor in list(w.editors.values()):
        editor.close()
    qtbot.waitUntil(lambda: not w.editors)
    row = next(i for i, e in enumerate(w.folder.entries) if e.path == made[2])
    w.view.selectRow(w.proxy.mapFromSource(w.model.index(row, 0)).row())
    fake.next_text = "AUX.old"
    w.actions_["rename"].trigger()
    assert not fake.errors, fake.errors
    assert w.folder.entries[row].path.name == "AUX_.old.zpb.json" and not is_device_name(w.folder.entries[row].path.name)
    fake.next_text = "con_"  # another project's name in another letter case: refused, not replaced
    w.actions_["rename"].trigger()
    assert fake.errors and "CON_.zpb.json" in fake.errors[-1][1]
    assert made[0].exists() and w.folder.entries[row].path.name == "AUX_.old.zpb.json"


def test_export_each_writes_every_readable_project_once_as_our_export(overview, fake, tmp_path):
    """逐个导出: a Word and an Excel form for each readable project, each our unchanged export;
    the folder's stale temporary files (a save killed mid-write) cleaned once for the batch."""
    from openpyxl import load_workbook

    from exporters.stamp import is_unchanged_export
    from model.files import TEMP_PREFIX, TEMP_SUFFIX, _host
    out = tmp_path / "导出"
    out.mkdir()
    stale = out / f"{TEMP_PREFIX}{_host()}-999999-abcd1234{TEMP_SUFFIX}"  # no such process: stale
    stale.write_bytes(b"half")
    os.utime(stale, (time.time() - 3 * 86400,) * 2)  # and old: stale on every system
    fake.next_folder = str(out)
    overview.export_each()
    written = sorted(p.name for p in out.iterdir())
    stems = [f"{k + 1:02d}" for k in range(len(REFERENCE_IDS))]
    assert written == sorted(f"{s}.{fmt}" for s in stems for fmt in ("docx", "xlsx"))
    for path in out.iterdir():
        assert is_unchanged_export(path)
    assert len(Document(str(out / "01.docx")).tables) == 1
    assert load_workbook(out / "01.xlsx").active["A1"].value
