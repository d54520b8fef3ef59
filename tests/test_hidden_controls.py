"""Invisible format characters (a right-to-left override U+202E that shows '001' as '100', zero-width
spaces, bidi isolates) never reach a printed page: they are dropped where text enters the model
(model.text.clean_text), so Word, Excel, PDF, the 汇总表 and stdout never hold them; check and
import name where they were."""
from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

import pytest

from model.project_file import save_project
from tests.clerk_forms import clerk_xlsx
from tests.helpers import cli, reference_project
from tests.test_cli import run

HIDDEN = ("\u202e", "\u202c", "\u200b", "\u2066", "\u2069", "\u200f", "\ufeff")
FORMS = Path(__file__).resolve().parent / "data" / "forms"


def _file_with_hidden_text(tmp_path: Path) -> Path:
    """A project file as a hostile or careless hand leaves it: overrides in the name and a target."""
    path = tmp_path / "p.zpb.json"
    save_project(reference_project("01"), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    body = data["project"]
    body["name"] = "热线\u200b经费\u202e001\u202c"
    body["indicators"][0]["actual"] = "\u2066≥\u202e001\u202c份\u2069"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _texts(path: Path) -> str:
    """Every text a written file holds: the parts of a .docx/.xlsx, the text layer of a PDF."""
    if path.suffix == ".pdf":
        return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    with zipfile.ZipFile(path) as z:
        return "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))


def test_check_names_each_text_and_export_prints_none(tmp_path, capsys):
    path = _file_with_hidden_text(tmp_path)
    code, out, _ = cli(capsys, "check", path)
    assert "提醒：项目名称：含有不可见的控制字符 U+200B（零宽空格）、U+202E（从右到左覆盖）" in out
    assert "提醒：绩效指标第 1 行·实际完成值：含有不可见的控制字符 U+2066" in out
    assert not any(ch in out for ch in HIDDEN)
    assert "项目：热线经费001（2022年度）" in out
    for fmt in ("docx", "xlsx", "pdf"):
        target = tmp_path / f"out.{fmt}"
        done = run("export", str(path), f"--{fmt}", str(target))  # a process: PDF starts Qt's own app
        assert done.returncode == 0, done.stderr
        text = _texts(target)
        assert not any(ch in text for ch in HIDDEN), fmt
        assert "热线经费001" in "".join(text.split())


def test_the_summary_of_a_folder_prints_none(tmp_path, capsys):
    folder = tmp_path / "f"
    folder.mkdir()
    _file_with_hidden_text(folder)
    nameless = reference_project("02")
    nameless.name = ""
    save_project(nameless, folder / "\u202e项目.zpb.json")  # named in the 汇总表 by its file
    code, out, err = cli(capsys, "summary", folder, "--xlsx", tmp_path / "s.xlsx", "--docx", tmp_path / "s.docx")
    assert code == 0, err
    assert not any(ch in out for ch in HIDDEN)
    for name in ("s.xlsx", "s.docx"):
        assert not any(ch in _texts(tmp_path / name) for ch in HIDDEN), name


@pytest.mark.parametrize("cell, read", [("\u202e81\u202c", None), ("18\u200b", None)])
def test_import_names_the_cell_and_never_reads_a_disguised_amount(tmp_path, capsys, cell, read):
    rows = json.loads((FORMS / "01.rows.json").read_text(encoding="utf-8"))
    rows[6][4] = cell  # 年度资金总额·全年执行数: shows as 18
    rows[2][1] = "热线\u202e经费"
    path = clerk_xlsx(rows, tmp_path / "f.xlsx")
    code, out, err = cli(capsys, "import", path, "-o", tmp_path / "p.zpb.json")
    assert code == 0
    assert "工作表“Sheet”的 C3：含有不可见的控制字符 U+202E（从右到左覆盖）" in err
    assert "工作表“Sheet”的 F7：金额栏含有不可见的控制字符，未作为金额读取" in err
    saved = (tmp_path / "p.zpb.json").read_text(encoding="utf-8")
    assert not any(ch in saved for ch in HIDDEN) and "\\u202e" not in saved
    data = json.loads(saved)["project"]
    assert data["funds"][0]["executed"] is read
