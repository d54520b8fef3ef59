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
    fake.next_save = str(clerk_form)  # typed into the 另存为 dialog, which asked "replace?"
    assert not window.save_as()
    assert clerk_form.read_bytes() == before  # a project file's JSON under a .docx name: never
    assert fake.errors and "签过字的表.docx" in fake.errors[-1][1] and "Word" in fake.errors[-1][1]
    assert window.isWindowModified() or window.example  # still unsaved: nothing pretended


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
