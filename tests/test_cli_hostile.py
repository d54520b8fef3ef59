"""The unit's commands (summary, export of a folder and --combined, new --from a folder, import of
many forms, check) used as a hostile clerk or a careless batch script would: the same file given
twice, an empty folder, a file where a folder should be, line breaks pasted into names, stdout
piped into `head -1`. Each case failed before the fix that came with it."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import main
from tests.conftest import FORMS, ROOT
from tests.helpers import cli

EXAMPLE = ROOT / "model" / "examples" / "example.zpb.json"


def _folder(tmp_path: Path, n: int = 2, name: str = "单位 2022") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for k in range(n):
        shutil.copy(EXAMPLE, folder / f"项目{k}.zpb.json")
    return folder


def test_a_file_given_twice_is_one_project(tmp_path, capsys):
    """`summary d d`, `d ./d/x` or a link: each file once, or the 合计 counts it twice."""
    d = _folder(tmp_path)
    (tmp_path / "link.zpb.json").symlink_to(d / "项目0.zpb.json")
    code, out, _ = cli(capsys, "summary", d, d, d / "项目0.zpb.json", tmp_path / "link.zpb.json")
    assert code == 0
    assert "\t2个项目\t" in out and "共 2 个项目" in out
    code, out, _ = cli(capsys, "check", d / "项目0.zpb.json", f"{d}/./项目0.zpb.json")
    assert out.count("项目：") == 1
    code, out, _ = cli(capsys, "export", d, d, "--combined", tmp_path / "all.xlsx")
    assert code == 0
    from openpyxl import load_workbook
    assert len(load_workbook(tmp_path / "all.xlsx").sheetnames) == 4  # 汇总表, its chart and two forms


def test_a_form_given_twice_is_imported_once(tmp_path, capsys):
    form = shutil.copy(FORMS / "01.docx", tmp_path / "表.docx")
    code, out, err = cli(capsys, "import", form, tmp_path / "." / "表.docx", "--outdir", tmp_path / "out")
    assert code == 0, err
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["表.zpb.json"]
    code, _, err = cli(capsys, "import", form, form, "-o", tmp_path / "one.zpb.json")
    assert code == 0, err


def test_an_empty_folder_is_said_and_exits_2(tmp_path, capsys):
    empty = tmp_path / "空 文件夹"
    empty.mkdir()
    (empty / "表.docx").write_bytes(b"")  # forms and other files are not project files
    for args in (["export", empty], ["export", empty, "--outdir", tmp_path / "o"], ["check", empty]):
        code, out, err = cli(capsys, *args)
        assert code == 2 and "空 文件夹 中没有项目文件" in err, (args, err)
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())
    d = _folder(tmp_path)
    code, out, err = cli(capsys, "check", empty, d)  # one empty among others: a reminder, the rest read
    assert code == 0 and out.count("项目：") == 2 and "提醒" in err and "空 文件夹" in err


def test_check_reads_a_folder(tmp_path, capsys):
    d = _folder(tmp_path, 3)
    code, out, _ = cli(capsys, "check", d)
    assert code == 0 and out.count("== ") == 3 and out.count("总分：") == 3


def test_a_file_where_the_new_folder_should_be(tmp_path, capsys):
    d = _folder(tmp_path)
    taken = tmp_path / "2023.zpb.json"
    taken.write_text("clerk's", encoding="utf-8")
    code, _, err = cli(capsys, "new", taken, "--from", d)
    assert code == 1 and "2023.zpb.json" in err and "不是文件夹" in err and "exists" not in err
    assert taken.read_text(encoding="utf-8") == "clerk's"
    code, _, err = cli(capsys, "export", d, "--outdir", taken)
    assert code == 1 and "不是文件夹" in err


def test_line_breaks_in_names_start_no_line(tmp_path, capsys):
    """Word's line break (\\v), U+2028 or a hostile '\\n总分：100' in a name: still one line each,
    so a script reading `总分：` or the summary's rows by line is not fooled."""
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["project"]["name"] = "热线\v经费\u2028二期\n总分：100\t等级：优"
    data["project"]["implementer"] = "中心\r\n二处"
    d = tmp_path / "d"
    d.mkdir()
    (d / "p.zpb.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, _ = cli(capsys, "check", d / "p.zpb.json")
    lines = out.splitlines()
    assert sum(line.startswith("总分：") for line in lines) == 1
    assert lines[0].startswith("项目：热线 经费 二期 总分：100")
    code, out, _ = cli(capsys, "summary", d)
    rows = out.splitlines()
    assert len(rows) == 5  # title, header, one project, 合计, grades
    assert [len(r.split("\t")) for r in rows[1:4]] == [10, 10, 10]
    assert rows[2].split("\t")[2] == "中心 二处"
    assert rows[1].split("\t")[3:6] == ["全年预算数（万元）", "全年执行数（万元）", "执行率"]  # as ever
    assert rows[1].split("\t")[-1] == "年初预算数（万元）"  # the new column comes last


def test_stdout_closed_by_its_reader(tmp_path):
    """`zpb export DIR --outdir O | head -1`: no traceback, and every file is still written."""
    d = _folder(tmp_path, 3)
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "export", str(d), "--outdir",
                             str(tmp_path / "o")], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before the first line
    err = proc.stderr.read().decode("utf-8")
    proc.stderr.close()
    assert proc.wait(timeout=120) == 0, err
    assert "Traceback" not in err and "BrokenPipe" not in err, err
    assert len(list((tmp_path / "o").iterdir())) == 6


def test_output_names_say_what_is_written(tmp_path, capsys):
    """department --report/--docx under an .xlsx name wrote Word there; --xlsx under .docx, Excel."""
    from model.department.file import department_path, save_department
    from tests.department_seeds import chaoyang_center
    d = _folder(tmp_path)
    save_department(chaoyang_center(), department_path(d))
    for option, name in (("--report", "报告.xlsx"), ("--docx", "表.xlsx"), ("--xlsx", "表.docx")):
        code, _, err = cli(capsys, "department", d, option, tmp_path / name)
        assert code == 1 and name in err and "扩展名应为" in err, (option, err)
        assert not (tmp_path / name).exists()
    code, _, err = cli(capsys, "department", d, "--report", tmp_path / "报告.docx", "--xlsx", tmp_path / "表.xlsx")
    assert code == 0, err


def test_options_that_would_be_dropped_are_usage_errors(tmp_path, capsys):
    """--combined with --docx/--xlsx/--outdir/--format, new with two starting points: exit 2, nothing
    written, never one of them silently ignored."""
    d = _folder(tmp_path)
    for extra in (["--docx", tmp_path / "y.docx"], ["--outdir", tmp_path / "o"], ["--format", "xlsx"]):
        code, _, err = cli(capsys, "export", d, "--combined", tmp_path / "all.docx", *extra)
        assert code == 2 and str(extra[0]) in err, err
    assert not (tmp_path / "all.docx").exists() and not (tmp_path / "o").exists()
    for extra in (["--from", d, "--example"], ["--example", "--skeleton"], ["--skeleton", "--from", d]):
        code, _, err = cli(capsys, "new", tmp_path / "新", *extra)
        assert code == 2 and "不能与" in err, err
    assert not (tmp_path / "新").exists()


def test_stdout_and_stderr_closed_by_their_reader(tmp_path):
    """`zpb export DIR --outdir O 2>&1 | head -1` with a broken file first: its message no longer
    stops the batch (exit 1 from a traceback); the rest is written and the exit code is 2."""
    d = _folder(tmp_path, 3)
    (d / "0坏.zpb.json").write_text("{", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "export", str(d), "--outdir",
                             str(tmp_path / "o")], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=ROOT)
    assert proc.stdout is not None
    proc.stdout.close()
    assert proc.wait(timeout=120) == 2
    assert len(list((tmp_path / "o").iterdir())) == 6


def test_long_project_names_fit_the_file_system(tmp_path, capsys):
    """A workbook of forms whose 项目名称 is 100 Chinese characters: 300 bytes, over Linux's 255
    once '（2）.zpb.json' is added — each name is cut to fit, and no message is English."""
    from tests.importers.builders import declaration_sheet, write_xlsx
    form = write_xlsx(tmp_path / "申报.xlsx", {f"s{k}": declaration_sheet("长" * 100) for k in range(3)})
    code, _, err = cli(capsys, "import", form, "--outdir", tmp_path / "o")
    assert code == 0, err
    names = [p.name for p in (tmp_path / "o").iterdir()]
    assert len(names) == 3 and all(len(n.encode("utf-8")) <= 255 for n in names)


def test_system_errors_are_said_in_chinese(tmp_path, capsys):
    d = _folder(tmp_path)
    code, _, err = cli(capsys, "summary", d, "--xlsx", tmp_path / ("名" * 90 + ".xlsx"))
    assert code == 1 and "文件名太长" in err and "too long" not in err


def test_an_empty_path_is_a_usage_error_never_the_current_folder(tmp_path, capsys):
    """A script whose variable is empty (`zpb export "$F" --docx "$OUT"`): '' was taken as no option
    (export wrote both default files beside the input, --combined '' exported every project
    one by one), as the current folder (`export ""` exported all of it), or ended in a
    traceback (`import FORM -o ""`). It is a usage error naming the option, and nothing is written."""
    d = _folder(tmp_path)
    src = d / "项目0.zpb.json"
    form = FORMS / "01.docx"
    cases = [["export", src, "--docx", ""], ["export", src, "--outdir", " "], ["export", d, "--combined", ""],
             ["export", ""], ["check", ""], ["import", form, "-o", ""], ["import", form, "--outdir", ""],
             ["summary", d, "--xlsx", ""], ["new", ""], ["new", tmp_path / "n.zpb.json", "--from", ""],
             ["department", d, "--report", ""]]
    before = sorted(p.name for p in d.iterdir())
    for args in cases:
        code, out, err = cli(capsys, *args)
        assert code == 2 and "路径是空的" in err and "Traceback" not in err, (args, code, err)
    assert sorted(p.name for p in d.iterdir()) == before
    assert not (tmp_path / "n.zpb.json").exists()


def test_a_file_name_with_a_line_break_starts_no_line_of_its_own(tmp_path, capsys):
    """A project file named '甲\\n总分：100\\t乙.zpb.json' (Linux allows it): `check DIR` printed its
    header '== 甲' and then a line '总分：100 …' that a script reads as a total; `export` printed
    '已导出 …' over two lines. File names are printed on one line, as project names are."""
    d = _folder(tmp_path, 1)
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["project"]["name"] = ""
    (d / "甲\n总分：100\t乙.zpb.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, _ = cli(capsys, "check", d)
    assert sum(line.startswith("总分：") for line in out.splitlines()) == 2, out
    code, out, _ = cli(capsys, "export", d, "--outdir", tmp_path / "o", "--format", "docx")
    assert code == 0 and all(line.startswith("已导出 ") for line in out.splitlines()), out
    assert len(list((tmp_path / "o").iterdir())) == 2
