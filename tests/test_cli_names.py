"""The names the commands make (import --outdir, new DIR --from DIR, combined sheet titles) and what
folder commands skip: each case was a file Windows refuses, or a project left out in silence."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from model.file_names import SHEET_UNITS, is_device_name, utf16_units
from tests.conftest import ROOT
from tests.helpers import cli
from tests.importers.builders import declaration_sheet, write_xlsx

EXAMPLE = ROOT / "model" / "examples" / "example.zpb.json"
HOSTILE = [".hidden", "../../x", "..\\..\\y", "CON", "COM¹", "nul.txt", "尾点. . "]


def _named(folder: Path, file_name: str, project_name: str) -> Path:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["project"]["name"] = project_name
    path = folder / file_name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_forms_named_as_paths_hidden_or_devices_import_to_names_every_folder_command_reads(tmp_path, capsys):
    form = write_xlsx(tmp_path / "申报.xlsx", {f"s{k}": declaration_sheet(n) for k, n in enumerate(HOSTILE)})
    out = tmp_path / "o"
    code, _, err = cli(capsys, "import", form, "--outdir", out)
    assert code == 0, err
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == len(HOSTILE)
    assert sorted(names) == sorted(["hidden.zpb.json", "x.zpb.json", "y.zpb.json", "CON_.zpb.json",
                                    "COM¹_.zpb.json", "nul_.txt.zpb.json", "尾点.zpb.json"])
    assert not any(is_device_name(n) or n.startswith(".") for n in names)
    assert [p.parent for p in out.iterdir()] == [out] * len(HOSTILE)  # nothing written outside
    code, stdout, err = cli(capsys, "summary", out)
    assert code == 0 and f"\t{len(HOSTILE)}个项目\t" in stdout, stdout
    assert "跳过" not in err


def test_a_single_form_file_named_as_a_device(tmp_path, capsys):
    form = write_xlsx(tmp_path / "COM¹.xlsx", {"s": declaration_sheet("热线")})
    code, _, err = cli(capsys, "import", form, "--outdir", tmp_path / "o")
    assert code == 0, err
    assert [p.name for p in (tmp_path / "o").iterdir()] == ["COM¹_.zpb.json"]


def test_folder_commands_say_which_files_they_skip_and_why(tmp_path, capsys):
    d = tmp_path / "单位"
    d.mkdir()
    _named(d, "甲.zpb.json", "甲")
    _named(d, ".乙.zpb.json", "乙")  # hidden: written by an older version from a name '.乙'
    _named(d, "丙.json", "丙")  # import -o 丙.json
    (d / "丁.zpb.json").mkdir()
    (d / "部门整体.zpbdept.json").write_text("{}", encoding="utf-8")  # the department's file: not a project
    for args in (["check", d], ["summary", d], ["export", d, "--outdir", tmp_path / "e"],
                 ["export", d, "--combined", tmp_path / "all.xlsx"], ["new", tmp_path / "新", "--from", d]):
        code, _, err = cli(capsys, *args)
        skipped = [line for line in err.splitlines() if line.startswith("提醒：跳过")]
        assert len(skipped) == 3, (args, err)
        assert any(".乙.zpb.json" in s and "“.”开头" in s for s in skipped)
        assert any("丙.json" in s and ".zpb.json 结尾" in s for s in skipped)
        assert any("丁.zpb.json" in s and "文件夹" in s for s in skipped)
        assert "部门整体" not in err


def test_next_year_folder_names_are_made_safe(tmp_path, capsys):
    old = tmp_path / "2023"
    old.mkdir()
    _named(old, "CON.zpb.json", "热线")
    _named(old, "2022年保洁.zpb.json", "保洁")  # the example is of 2022
    code, _, err = cli(capsys, "new", tmp_path / "2024", "--from", old)
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "2024").iterdir()) == ["2023年保洁.zpb.json", "CON_.zpb.json"]


def test_combined_sheet_titles_fit_excel_in_utf16_units(tmp_path, capsys):
    from openpyxl import load_workbook
    d = tmp_path / "单位"
    d.mkdir()
    for k in range(3):
        _named(d, f"{k}.zpb.json", "𠮷" * 40)
    _named(d, "3.zpb.json", "[月报]:第*期?/\\'")
    code, _, err = cli(capsys, "export", d, "--combined", tmp_path / "all.xlsx")
    assert code == 0, err
    titles = load_workbook(tmp_path / "all.xlsx").sheetnames
    assert len(titles) == 6 and len(set(titles)) == 6
    assert all(utf16_units(t) <= SHEET_UNITS for t in titles), [utf16_units(t) for t in titles]
    assert not any(set(t) & set("[]:*?/\\") for t in titles)
    shutil.rmtree(d)
