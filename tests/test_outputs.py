"""The output rule, as batch scripts meet it: never an input, never two outputs on one path, never
a file the program did not write itself without --force. Run in-process (main.main) for speed."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import openpyxl
import pytest

import main
from model.project_file import load_project
from tests.clerk_forms import clerk_docx, clerk_xlsx
from tests.conftest import reference_rows


def cli(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main.main([str(a) for a in args])
    except SystemExit as exc:  # argparse's usage errors
        code = exc.code
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.out, out.err


@pytest.fixture
def forms(tmp_path):
    """A clerk's filled form as .docx and its .xlsx twin, written by Word/Excel stand-ins."""
    rows = reference_rows("01")
    return clerk_docx(rows, tmp_path / "去年的表.docx"), clerk_xlsx(rows, tmp_path / "去年的表.xlsx")


def test_export_of_a_form_writes_beside_it_under_other_names(capsys, forms, tmp_path):
    docx, xlsx = forms
    before = docx.read_bytes(), xlsx.read_bytes()
    code, out, err = cli(capsys, "export", docx)
    assert code == 0, err
    assert (docx.read_bytes(), xlsx.read_bytes()) == before
    assert (tmp_path / "去年的表（导出）.docx").exists() and (tmp_path / "去年的表（导出）.xlsx").exists()


def test_import_to_the_forms_folder_then_export_refuses_the_filled_forms(capsys, forms, tmp_path):
    docx, xlsx = forms
    before = docx.read_bytes(), xlsx.read_bytes()
    assert cli(capsys, "import", docx, "--outdir", tmp_path)[0] == 0
    code, _, err = cli(capsys, "export", tmp_path / "去年的表.zpb.json")
    assert code == 1 and "去年的表.docx" in err and "--force" in err
    assert (docx.read_bytes(), xlsx.read_bytes()) == before
    code, _, err = cli(capsys, "export", tmp_path / "去年的表.zpb.json", "--force")
    assert code == 0 and docx.read_bytes() != before[0]


def test_an_input_is_never_an_output_even_with_force(capsys, tmp_path, forms):
    project = tmp_path / "p.zpb.json"
    assert cli(capsys, "new", project, "--example")[0] == 0
    kept = project.read_bytes()
    os.symlink(project, tmp_path / "link.docx")
    os.link(project, tmp_path / "hard.docx")
    for target in (project, tmp_path / "." / "p.zpb.json", tmp_path / "link.docx", tmp_path / "hard.docx"):
        code, _, err = cli(capsys, "export", project, "--docx", target, "--force")
        assert code == 1 and str(target) in err
    assert project.read_bytes() == kept
    docx = forms[0]
    form = docx.read_bytes()
    for args in (("import", docx, "-o", docx), ("import", docx, "-o", docx, "--force"),
                 ("export", docx, "--docx", docx, "--force"), ("new", docx, "--from", docx, "--force")):
        assert cli(capsys, *args)[0] == 1
    assert docx.read_bytes() == form


def test_import_does_not_replace_a_project_without_force(capsys, tmp_path, forms):
    project = tmp_path / "p.zpb.json"
    cli(capsys, "new", project)
    kept = project.read_bytes()
    code, _, err = cli(capsys, "import", forms[0], "-o", project)
    assert code == 1 and "p.zpb.json" in err and project.read_bytes() == kept
    assert cli(capsys, "import", forms[0], "-o", project, "--force")[0] == 0
    assert load_project(project).name and project.read_bytes() != kept


def test_two_outputs_never_share_a_path(capsys, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for d in ("a", "b"):
        cli(capsys, "new", tmp_path / d / "同名.zpb.json", "--example")
    code, out, err = cli(capsys, "export", tmp_path / "a" / "同名.zpb.json", tmp_path / "b" / "同名.zpb.json",
                         "--outdir", tmp_path / "out", "--force")
    assert code == 1 and "另一个输出" in err
    assert out.count("已导出") == 2  # the first project's two files, and nothing over them


def test_a_rerun_replaces_its_own_export_but_not_one_a_clerk_changed(capsys, tmp_path):
    project = tmp_path / "p.zpb.json"
    cli(capsys, "new", project, "--example")
    assert cli(capsys, "export", project)[0] == 0
    assert cli(capsys, "export", project)[0] == 0  # its own unchanged outputs: a batch run again
    wb = openpyxl.load_workbook(tmp_path / "p.xlsx")
    wb.active["A1"] = "改过"
    wb.save(tmp_path / "p.xlsx")
    changed = (tmp_path / "p.xlsx").read_bytes()
    code, _, err = cli(capsys, "export", project)
    assert code == 1 and "p.xlsx" in err and (tmp_path / "p.xlsx").read_bytes() == changed


def test_refusals_of_names_and_kinds(capsys, tmp_path):
    project = tmp_path / "p.zpb.json"
    cli(capsys, "new", project, "--example")
    (tmp_path / "dir.docx").mkdir()
    assert cli(capsys, "export", project, "--docx", tmp_path / "x.xlsx")[0] == 1
    assert cli(capsys, "export", project, "--docx", tmp_path / "dir.docx")[0] == 1
    assert cli(capsys, "export", project, "--xlsx", tmp_path / "q.zpb.json")[0] == 1
    assert not (tmp_path / "x.xlsx").exists() and not (tmp_path / "q.zpb.json").exists()


def test_unknown_commands_and_options_are_usage_errors_never_a_window(capsys, tmp_path, monkeypatch):
    import ui.app
    monkeypatch.setattr(ui.app, "run_window", lambda *a: pytest.fail("a window was opened"))
    for args in (["exprot", "x.zpb.json"], ["exprot"], ["--bogus"], [str(tmp_path / "missing.zpb.json")],
                 ["check", "--bogus", "x"], ["export"], ["import", "x.docx"]):
        code, out, err = cli(capsys, *args)
        assert code == 2 and ("usage" in err or "用法" in err) and "参数错误" in err, args
    shutil.copy(Path(main.__file__).parent / "model" / "examples" / "example.zpb.json", tmp_path / "e.zpb.json")
    opened = []
    monkeypatch.setattr(ui.app, "run_window", lambda path: opened.append(path) or 0)
    assert main.main([str(tmp_path / "e.zpb.json")]) == 0 and opened  # an existing file opens the window
