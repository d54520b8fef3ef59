"""Hostile inputs found by the red team of issues 18 and 19, each said as what it is."""
from __future__ import annotations

import os

import pytest

from tests.helpers import cli


@pytest.mark.parametrize("name", ["空.zpb.json", "空.xlsx", "空.docx", "空.zpbdept.json"])
def test_an_empty_file_is_said_to_be_empty(tmp_path, capsys, name):
    """A 0-byte file (a copy or save cut short) is 空文件, not 'JSON 格式错误' or 'cannot unzip'."""
    path = tmp_path / name
    path.write_bytes(b"")
    for args in (["check", path], ["export", path, "--docx", tmp_path / "out.docx"]):
        code, out, err = cli(capsys, *args)
        assert code == 2 and "空文件" in err and name in err, err
        assert not (tmp_path / "out.docx").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_pipe_is_not_called_empty(tmp_path, capsys):
    pipe = tmp_path / "管道.xls"
    os.mkfifo(pipe)
    code, out, err = cli(capsys, "check", pipe)
    assert code == 2 and "空文件" not in err and "旧版 Excel" in err


@pytest.mark.parametrize("text, made", [("\u202eevil.exe", "evil.exe"), ("热线\u200b经费", "热线经费"),
                                        ("nul\u200b", "nul_"), ("\u2066项目\u2069", "项目"), ("\ufeffCON", "CON_")])
def test_invisible_and_bidi_characters_never_reach_a_name(text, made):
    """A right-to-left override (U+202E) shows 'evil.exe.zpb.json' as 'nosj.bpz.exe.live' in
    Explorer; zero-width characters make two names that look alike and hide a device name. Names
    made from a clerk's text hold none of them (Unicode category Cf)."""
    from model.file_names import safe_name, sheet_name
    assert safe_name(text) == made
    assert "\u202e" not in sheet_name(text) and "\u200b" not in sheet_name(text)


def test_import_outdir_makes_no_bidi_file_name(tmp_path, capsys):
    from model.project_file import save_project
    from tests.conftest import REFERENCE_IDS
    from tests.helpers import reference_project
    src = tmp_path / "src"
    src.mkdir()
    for i, name in enumerate(["\u202e项目.exe", "另一个项目"]):
        p = reference_project(REFERENCE_IDS[i])
        p.name = name
        save_project(p, src / f"{i}.zpb.json")
    cli(capsys, "export", src, "--combined", tmp_path / "all.xlsx")
    out = tmp_path / "out"
    code, _, err = cli(capsys, "import", tmp_path / "all.xlsx", "--outdir", out)
    assert code == 0, err
    assert sorted(f.name for f in out.iterdir()) == ["另一个项目.zpb.json", "项目.exe.zpb.json"]


def test_a_form_or_project_file_under_the_wrong_extension_is_named_without_contradiction(tmp_path, capsys):
    """A Word form saved as .xlsx is a 自评表: the message says what it really is and how to
    rename it, never also that it is 'not a 自评表'; a project file renamed .docx is named as one."""
    from model.project_file import save_project
    from tests.conftest import REFERENCE_IDS
    from tests.helpers import reference_project
    project = tmp_path / "a.zpb.json"
    save_project(reference_project(REFERENCE_IDS[0]), project)
    cli(capsys, "export", project, "--docx", tmp_path / "a.docx", "--xlsx", tmp_path / "a.xlsx")
    cases = {"w.xlsx": ("a.docx", ".docx"), "x.docx": ("a.xlsx", ".xlsx"), "d.zpb.json": ("a.docx", ".docx"),
             "j.docx": ("a.zpb.json", ".zpb.json"), "j.xlsx": ("a.zpb.json", ".zpb.json")}
    for name, (source, suffix) in cases.items():
        (tmp_path / name).write_bytes((tmp_path / source).read_bytes())
        code, out, err = cli(capsys, "check", tmp_path / name)
        assert code == 2 and "其实是" in err and f"以 {suffix} 结尾" in err, err
        assert "不是自评表" not in err and "无法解压" not in err, err


def test_export_never_says_exported_when_nothing_was_written(tmp_path, capsys):
    """A form with errors whose only output is refused (onto its own project file) is not
    '（仍已导出）': nothing was exported. With an output written, the warning is still said."""
    from model.project_file import save_project
    from tests.conftest import REFERENCE_IDS
    from tests.helpers import reference_project
    p = reference_project(REFERENCE_IDS[0])
    p.implementer = ""  # an error: the form cannot be signed yet
    project = tmp_path / "a.zpb.json"
    save_project(p, project)
    code, out, err = cli(capsys, "export", project, "--docx", project, "--force")
    assert code != 0 and "仍已导出" not in err and "已导出" not in out, err
    code, out, err = cli(capsys, "export", project, "--docx", tmp_path / "a.docx")
    assert code == 0 and "仍已导出" in err and "已导出" in out


def test_report_of_a_folder_whose_only_project_is_unreadable_does_not_say_there_is_none(tmp_path, capsys):
    from docx import Document
    from model.department.file import department_path, save_department
    from tests.department_seeds import bishan
    save_department(bishan(), department_path(tmp_path))
    (tmp_path / "坏.zpb.json").write_text("{", encoding="utf-8")
    report = tmp_path / "报告.docx"
    code, out, err = cli(capsys, "department", tmp_path, "--report", report)
    assert "坏.zpb.json" in err
    text = "\n".join(p.text for p in Document(str(report)).paragraphs)
    assert "没有项目文件" not in text and "没有可读取的项目文件" in text


def test_no_empty_summary_is_written_when_no_project_can_be_read(tmp_path, capsys):
    """A folder whose only project file is broken gives no 汇总表 of 0 projects with sums of 0 to
    hand in (an empty folder is refused the same way): the file is named, nothing is written."""
    folder = tmp_path / "单位"
    folder.mkdir()
    (folder / "坏.zpb.json").write_text("{", encoding="utf-8")
    outs = [tmp_path / "汇总.docx", tmp_path / "汇总.xlsx", tmp_path / "全部.docx"]
    code, out, err = cli(capsys, "summary", folder, "--docx", outs[0], "--xlsx", outs[1])
    assert code == 2 and "坏.zpb.json" in err and "没有可读取的项目文件" in err, err
    code, out, err = cli(capsys, "export", folder, "--combined", outs[2])
    assert code == 2 and "没有可读取的项目文件" in err, err
    assert not any(p.exists() for p in outs)


def test_new_from_last_year_makes_distinct_names_for_names_that_meet(tmp_path, capsys):
    """'2023年热线' becomes '2024年热线', which a '2024年热线' of the old folder also becomes; 'Alpha'
    and 'alpha' are one file on Windows: every project is still started, each in a file of its own."""
    from model.file_names import name_key
    from model.project_file import save_project
    from tests.conftest import REFERENCE_IDS
    from tests.helpers import reference_project
    old, new = tmp_path / "2023", tmp_path / "2024"
    old.mkdir()
    for i, stem in enumerate(["2023年热线", "2024年热线", "Alpha", "alpha"]):
        p = reference_project(REFERENCE_IDS[i])
        p.year = 2023
        save_project(p, old / f"{stem}.zpb.json")
    code, out, err = cli(capsys, "new", new, "--from", old)
    made = sorted(f.name for f in new.iterdir())
    assert code == 0 and len(made) == 4, (made, err)
    assert len({name_key(n) for n in made}) == 4
