"""The command line: argparse with Chinese help, one function per subcommand."""
from __future__ import annotations

import argparse
import os
import sys
from typing import NoReturn
from pathlib import Path

from model import Project, check, evaluate, load_profile, plain
from model.problems import Severity
from model.examples import EXAMPLE
from model.failures import describe
from model.project_file import load_project, load_project_noting_hidden, save_project
from model.text import one_line

from cli import department, transfer, unit, version
from cli.common import EXIT_FORM_ERRORS, EXIT_OK, EXIT_UNREADABLE, fail, input_files, remind
from cli.outputs import OutputRule


_ARGPARSE_WORDS = (("unrecognized arguments", "不认识的参数"), ("the following arguments are required", "缺少参数"),
                   ("invalid choice", "无效的选择"), ("expected one argument", "后面缺少一个值"),
                   ("not allowed with argument", "不能与以下参数同时使用"), ("one of the arguments", "必须给出其中一个参数"),
                   ("is required", ""), ("ambiguous option", "含糊的选项"), ("could match", "可能是"),
                   ("choose from", "可选"), ("argument ", "参数 "))


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # usage errors are exit 2, in Chinese
        for english, chinese in _ARGPARSE_WORDS:
            message = message.replace(english, chinese)
        self.print_usage(sys.stderr)
        self.exit(EXIT_UNREADABLE, f"参数错误：{message}\n")


def build_parser() -> argparse.ArgumentParser:
    ap = _Parser(prog="zpb", description="项目支出绩效自评表：填写、计分、导出。不带参数运行时打开窗口。",
                 add_help=False)
    ap.add_argument("-h", "--help", action="help", help="显示帮助并退出")
    ap.add_argument("--version", action="version", version=f"%(prog)s {version()}", help="显示版本号")
    sub = ap.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)

    p = sub.add_parser("new", help="新建项目文件", description="新建一个空项目文件、标准指标框架或示例项目。", add_help=False)
    p.add_argument("-h", "--help", action="help", help="显示帮助并退出")
    p.add_argument("file", metavar="FILE", help="要写入的项目文件（--from 为文件夹时：新的文件夹）")
    start = p.add_mutually_exclusive_group()  # one starting point: two would silently drop one
    start.add_argument("--example", action="store_true", help="写入随程序附带的示例项目")
    start.add_argument("--skeleton", action="store_true",
                   help="写入标准指标框架（产出/效益/满意度，分值 50/30/10，年度为上一年），与窗口“新建”相同")
    start.add_argument("--from", dest="last", metavar="LAST", help="以去年填好的自评表（项目文件、.docx 或 .xlsx）或今年的绩效目标申报表为底稿；"
                   "为文件夹时，把其中每个项目都开始为今年的，写入 FILE 文件夹")
    p.add_argument("--force", action="store_true", help="文件已存在时覆盖")

    p = sub.add_parser("check", help="检查项目并计分", description="打印执行率、各项得分及理由、总分、等级和问题。"
                       "退出码：0 无错误，1 表中有错误，2 文件无法读取。", add_help=False)
    p.add_argument("-h", "--help", action="help", help="显示帮助并退出")
    p.add_argument("files", nargs="+", metavar="FILE", help="项目文件或项目文件夹（也可以是填好的 .docx/.xlsx 自评表）")
    transfer.add_parsers(sub, _help_flag)
    unit.add_parsers(sub, _help_flag)
    department.add_parser(sub, _help_flag)
    return ap


def _help_flag(p) -> None:
    p.add_argument("-h", "--help", action="help", help="显示帮助并退出")


def _load_any(path: str) -> Project:
    from importers import load_any  # imported here: python-docx/openpyxl only when needed
    return load_any(path)


def cmd_new(args) -> int:
    if args.last and Path(args.last).is_dir():
        return unit.new_unit(args, _load_any)
    target = Path(args.file)
    refusal = OutputRule([args.last] if args.last else [], args.force).refuse_reason(target, "project")
    if refusal:
        fail(refusal)
        return EXIT_FORM_ERRORS
    try:
        if args.last:  # last year's table as this year's, or a 绩效目标申报表 as its year's
            from importers import start_from_noting
            project, warnings = start_from_noting(args.last)
            for warning in warnings:  # what the reading of last year's form could not be sure of
                remind(f"{args.last}：{warning}")
        elif args.example:
            project = load_project(EXAMPLE)
        elif args.skeleton:
            from model.skeleton import skeleton_project
            project = skeleton_project()
        else:  # empty, as batch scripts written before --skeleton expect
            project = Project()
        save_project(project, target)
    except Exception as exc:  # reading LAST or writing FILE: said, never a traceback
        fail(describe(exc, args.last or target))
        return EXIT_FORM_ERRORS
    print(f"已写入 {one_line(str(target), ' ')}")
    return EXIT_OK


def report(project: Project) -> tuple[list[str], bool]:
    """The lines `check` prints for one project, and whether the form has errors."""
    profile = load_profile(project.profile)
    ev = evaluate(project, profile)
    year = f"（{project.year}年度）" if project.year else "（未填年度）"
    lines = [f"项目：{project.name or '（未填项目名称）'}{year}  评分规则：{profile.name}", "执行率："]
    for row in project.funds:
        lines.append(f"  {row.kind.value}：{ev.rate_text(row.kind) or '—'}")
    b = ev.budget
    lines.append(f"预算执行率 得分：{plain(b.value) if b.value is not None else '—'}（{b.reason}）")
    lines.append("指标得分：")
    for i, (ind, s) in enumerate(zip(project.indicators, ev.indicators), 1):
        where = "/".join(x for x in (ind.level1, ind.level2) if x)
        shown = plain(s.value) if s.value is not None else "—"
        note = f"；说明：{ind.hand_note}" if s.hand and ind.hand_note else ""
        lines.append(f"  {i}. [{where}] {ind.name}：{shown}（{s.reason}{note}）")
    total = plain(ev.total) if ev.complete else f"{ev.total_text()}（{ev.partial_text()}）"  # never a partial sum as 总分
    lines.append(f"总分：{total}  等级：{ev.grade}")
    problems = check(project, ev, profile)
    errors = sum(p.severity == Severity.ERROR for p in problems)
    lines.append(f"问题：{errors} 个错误，{len(problems) - errors} 个提醒" if problems else "问题：无")
    lines += [f"  {p}" for p in problems]
    return lines, errors > 0


def _every_form(path: str) -> list[tuple[Project, object]]:
    """Every project a file holds, each with its reading: a project file's one with where its
    invisible characters were (a list of places), or each form of a .docx/.xlsx with its Reading;
    UnknownLayout when a form's layout is not recognised (refused, as import refuses it)."""
    from importers import accepted, is_form_file, read_readings  # python-docx/openpyxl only when needed
    if not is_form_file(path):
        return [load_project_noting_hidden(path)]
    return [(r.project, r) for r in accepted(path, read_readings(path))]


def cmd_check(args) -> int:
    files = input_files(args.files)  # a folder: its project files; each file once
    if files is None:
        return EXIT_UNREADABLE
    code = EXIT_OK
    # a heading per file when there are several or a folder was given (compared as given: on
    # Windows the expanded paths are spelled with backslashes), and per form of a file of several
    headed = len(files) > 1 or any(os.path.isdir(p) for p in args.files)
    first = True
    for path in files:
        try:
            projects = _every_form(path)
        except Exception as exc:  # every failure becomes a message naming the file
            from importers import UnknownLayout
            fail(describe(exc, path, "读取"))
            projects = []
            # a layout not recognised is refused (exit 1, as import); a file not read at all, 2
            code = max(code, EXIT_FORM_ERRORS) if isinstance(exc, UnknownLayout) else EXIT_UNREADABLE
            if headed:
                print(("" if first else "\n") + f"== {one_line(str(path), ' ')}")
                first = False
        for k, (project, reading) in enumerate(projects, 1):
            if headed or len(projects) > 1:
                which = f"（第 {k} 张表，共 {len(projects)} 张）" if len(projects) > 1 else ""
                print(("" if first else "\n") + f"== {one_line(str(path), ' ')}{which}")
            first = False
            if isinstance(reading, list):  # a project file: texts whose invisible characters loading dropped
                said, reading = [f"提醒：{x}" for x in reading], None
            else:
                said = reading.lines(verbose=True)  # type: ignore[attr-defined]
            if said and reading is not None:  # a filled form: what was read, and how sure
                print("\n".join(["读取（按表上的栏目）："] + [f"  {one_line(line)}" for line in said]))
            elif said:
                print("\n".join(one_line(line) for line in said))
            try:
                lines, has_errors = report(project)
            except Exception as exc:
                fail(describe(exc, path, "计分"))
                code = EXIT_UNREADABLE
                continue
            print("\n".join(one_line(line) for line in lines))  # a name's line break starts no line
            if has_errors and code == EXIT_OK:
                code = EXIT_FORM_ERRORS
    return code


COMMANDS = {"new": cmd_new, "check": cmd_check,
            "export": lambda args: transfer.cmd_export(args, _load_any), "import": transfer.cmd_import,
            "summary": lambda args: unit.cmd_summary(args, _load_any),
            "department": department.cmd_department}


def run(argv: list[str]) -> int:
    if argv and not argv[0].startswith("-") and argv[0] not in COMMANDS:
        build_parser().print_usage(sys.stderr)
        print(f"参数错误：没有“{one_line(argv[0], ' ')}”这个命令，也没有这个文件；可用的命令：{'、'.join(COMMANDS)}",
              file=sys.stderr)
        return EXIT_UNREADABLE
    args = build_parser().parse_args(argv)
    if args.command is None:
        build_parser().print_help()
        return EXIT_OK
    empty = _empty_path(args)
    if empty:
        print(f"参数错误：{empty} 的路径是空的（批处理脚本中的变量没有值？）；未读取或写入任何文件", file=sys.stderr)
        return EXIT_UNREADABLE
    return COMMANDS[args.command](args)


# every argument that names a file or folder, as the parsers name them, and how the clerk typed it
_PATH_ARGUMENTS = {"file": "FILE", "files": "FILE", "folder": "DIR", "last": "--from", "docx": "--docx",
                   "xlsx": "--xlsx", "pdf": "--pdf", "outdir": "--outdir", "output": "-o", "combined": "--combined",
                   "report": "--report"}


def _empty_path(args) -> str:
    """The argument given as an empty (or blank) path: '' is no file — taken as 'no option' it
    wrote outputs nobody asked for, as a path it is the current folder."""
    for name, shown in _PATH_ARGUMENTS.items():
        value = getattr(args, name, None)
        values = value if isinstance(value, list) else [value]
        if any(isinstance(v, str) and not v.strip() for v in values):
            return shown
    return ""
