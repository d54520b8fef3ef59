"""The unit's year on the command line: `summary`, `export … --combined`, `new NEWDIR --from OLDDIR`."""
from __future__ import annotations

import sys
from pathlib import Path

from exporters.files import ExportError, write_output
from model.carry_over import next_year
from model.failures import describe
from model.file_names import distinct_names
from model.project_file import SUFFIX, file_stem, save_project
from model.text import one_line
from model.unit.summary import COLUMNS, Summary, build_summary
from model.unit import Unit, UnitEntry, iter_unit, next_year_name

from cli.common import EXIT_FAILED, EXIT_OK, EXIT_UNREADABLE, fail, make_folder, remind, say_skipped
from cli.outputs import OutputRule



def add_parsers(sub, help_flag) -> None:
    p = sub.add_parser("summary", help="生成项目绩效自评汇总表", add_help=False,
                       description="把一个单位的全部项目（文件夹或文件）汇总成一张表：执行率、得分、等级、主要问题、"
                       "合计。退出码：0 全部写出，1 有文件无法写出，2 有项目文件无法读取。")
    help_flag(p)
    p.add_argument("files", nargs="+", metavar="DIR_OR_FILE", help="项目文件夹，或项目文件/填好的 .docx/.xlsx")
    p.add_argument("--docx", metavar="OUT", help="汇总表 Word 文件（A4 横向）")
    p.add_argument("--xlsx", metavar="OUT", help="汇总表 Excel 文件（合计为公式，附图表）")
    p.add_argument("--force", action="store_true", help="输出文件已存在时覆盖")


def read_unit(paths: list[str], load) -> Unit:
    """Folders become their project files; every unreadable input is said on stderr."""
    say_skipped(paths)
    entries = list(iter_unit(paths, load))
    for e in entries:
        if e.project is None:
            fail(e.error or f"无法读取 {e.path}")
    folder = Path(paths[0]) if len(paths) == 1 and Path(paths[0]).is_dir() else None
    return Unit(folder, entries)


def nothing_to_hand_in(unit: Unit) -> bool:
    """True (after saying so) when no project file could be read: no 汇总表 of 0 projects with
    sums of 0 is written to be handed in."""
    if not unit.entries:
        fail(f"没有找到项目文件（*{SUFFIX}）")
        return True
    if not unit.projects:
        fail(f"没有可读取的项目文件（{len(unit.entries)} 个文件都无法读取，见上），未写出汇总表")
        return True
    return False


def output_rule(unit: Unit, force: bool) -> OutputRule:
    """The output rule (cli/outputs.py) over the unit's inputs."""
    return OutputRule([str(e.path) for e in unit.entries], force)


# the printed rows keep the columns scripts have read since the first release, 年初预算数 last
STDOUT_ORDER = (0, 1, 2, 4, 5, 6, 7, 8, 9, 3)


def print_summary(summary: Summary) -> None:
    """Tab-separated, one row a line: a cell's line breaks and tabs are printed as spaces."""
    def row(cells: list[str]) -> None:
        print("\t".join(one_line(cells[i], " ") for i in STDOUT_ORDER))
    print(one_line(summary.title + (f" {summary.year_line}" if summary.year_line else "")))
    row([c.replace("\n", "") for c in COLUMNS])  # '全年预算数（万元）', '自评得分' as ever
    for r in summary.rows:
        row(r.texts())
    row(summary.total_texts())
    print(one_line(summary.grade_line()))


def write_targets(unit: Unit, targets: dict[str, str | None], force: bool, render) -> int:
    """Write each named output with render(fmt); EXIT_FAILED when one could not be written."""
    code = EXIT_OK
    rule = output_rule(unit, force)
    for fmt, target in targets.items():
        if not target:
            continue
        why = rule.refuse_reason(Path(target), fmt)
        try:
            if why:
                raise ExportError(why)
            write_output(render(fmt), target)
        except Exception as exc:
            fail(describe(exc, target, "写入"))
            code = EXIT_FAILED
            continue
        print(f"已导出 {one_line(str(target), ' ')}")
    return code


def cmd_summary(args, load) -> int:
    unit = read_unit(args.files, load)
    if nothing_to_hand_in(unit):
        return EXIT_UNREADABLE
    summary = build_summary(unit)
    print_summary(summary)

    def render(fmt: str) -> bytes:
        import io
        buf = io.BytesIO()
        if fmt == "docx":
            from exporters.unit.summary_docx import write_summary_docx
            write_summary_docx(summary, buf)
        else:
            from exporters.unit.summary_xlsx import write_summary_xlsx
            write_summary_xlsx(summary, buf)
        return buf.getvalue()

    code = write_targets(unit, {"docx": args.docx, "xlsx": args.xlsx}, args.force, render)
    return EXIT_UNREADABLE if unit.totals().unreadable else code


def export_combined(args, load) -> int:
    """`export DIR… --combined OUT.docx|OUT.xlsx`: the 汇总表 and every form in one file."""
    unit = read_unit(args.files, load)
    if nothing_to_hand_in(unit):
        return EXIT_UNREADABLE
    target = Path(args.combined)
    fmt = target.suffix.lower().lstrip(".")
    if fmt not in ("docx", "xlsx"):
        fail(f"--combined 的文件名须以 .docx 或 .xlsx 结尾（收到 {target.name}）")
        return EXIT_UNREADABLE

    def render(fmt: str) -> bytes:
        from exporters.unit.combined import combined_docx, combined_xlsx
        return (combined_docx if fmt == "docx" else combined_xlsx)(unit.entries)

    code = write_targets(unit, {fmt: str(target)}, getattr(args, "force", False), render)
    if target.exists():  # a form in it with a row no page holds: said, as `export` says it
        from exporters.layout import build_layout, rows_cut_off
        for e in unit.entries:
            if e.project is not None:
                for cut in rows_cut_off(build_layout(e.project, e.evaluation), excel=fmt == "xlsx"):
                    remind(f"{e.path}：{cut}")
    return EXIT_UNREADABLE if unit.totals().unreadable else code


def new_unit(args, load) -> int:
    """`new NEWDIR --from OLDDIR`: every project of last year's folder started as this year's."""
    old, new = Path(args.last), Path(args.file)
    say_skipped([str(old)])
    entries: list[UnitEntry] = list(iter_unit([old], load))
    if not entries:
        fail(f"{old} 中没有项目文件（*{SUFFIX}）")
        return EXIT_FAILED
    if new.resolve() == old.resolve():
        fail("新文件夹不能与去年的文件夹相同")
        return EXIT_FAILED
    if not make_folder(new):
        return EXIT_FAILED
    code = EXIT_OK
    rule = OutputRule([str(e.path) for e in entries], args.force)
    # names that meet once the year moves on ('2023年热线' → '2024年热线' beside an old '2024年热线')
    # or that are one file on Windows ('Alpha', 'alpha') are told apart: each project its own file
    stems = iter(distinct_names([file_stem(next_year_name(e.path, e.project.year))
                                 for e in entries if e.project is not None]))
    for e in entries:
        if e.project is None:
            fail(e.error or f"无法读取 {e.path}")
            code = EXIT_FAILED
            continue
        target = new / f"{next(stems)}{SUFFIX}"
        why = rule.refuse_reason(target, "project")
        if why:
            fail(why)
            code = EXIT_FAILED
            continue
        try:
            save_project(next_year(e.project), target)
        except Exception as exc:
            fail(describe(exc, target, "写入"))
            code = EXIT_FAILED
            continue
        print(f"已写入 {one_line(str(target), ' ')}")
    print(f"共 {len(entries)} 个项目", file=sys.stderr)
    return code
