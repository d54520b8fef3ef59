"""`export` and `import`: a project to the district's Word/Excel forms, and filled forms back."""
from __future__ import annotations

from pathlib import Path

from exporters.files import FORMATS, load_writers, render, write_output
from exporters.layout import build_layout, rows_cut_off
from importers import accepted, read_readings
from importers.declaration import PROPOSED
from model.text import one_line
from model import Project, Severity, check, evaluate
from model.failures import describe
from model.files import clean_stale_temps, distinct_paths, sync_folder
from model.file_names import distinct_names, safe_name
from model.project_file import SUFFIX, file_stem, save_project

from cli.common import EXIT_FAILED, EXIT_OK, EXIT_UNREADABLE, each_project, fail, input_files, make_folder, remind
from cli.parallel import run_each
from cli.outputs import OutputRule, output_stem



DEFAULT_FORMATS = "docx,xlsx"


def add_parsers(sub, help_flag) -> None:
    p = sub.add_parser("export", help="导出为 Word/Excel/PDF 自评表", add_help=False,
                       description="把项目导出为区里格式的 .docx 和 .xlsx（--pdf 或 --format pdf：不需要 Office "
                       "即可打印的 PDF，与窗口“导出 PDF”相同）。退出码：0 全部写出，1 有文件无法写出，2 有项目文件无法读取。")
    help_flag(p)
    p.add_argument("files", nargs="+", metavar="FILE", help="项目文件或项目文件夹（也可以是填好的 .docx/.xlsx）")
    p.add_argument("--docx", metavar="OUT", help="Word 文件的输出路径（只导出一个项目时）")
    p.add_argument("--xlsx", metavar="OUT", help="Excel 文件的输出路径（只导出一个项目时）")
    p.add_argument("--pdf", metavar="OUT", help="PDF 文件的输出路径（只导出一个项目时）")
    p.add_argument("--outdir", metavar="DIR", help="输出文件夹，文件名为“<项目文件名>.docx/.xlsx/.pdf”")
    p.add_argument("--format", default=DEFAULT_FORMATS, metavar="docx,xlsx,pdf",
                   help="导出哪些格式（用逗号分隔），默认 docx,xlsx")
    p.add_argument("--combined", metavar="OUT.docx|OUT.xlsx",
                   help="把全部项目合并为一个文件：汇总表在前，每个项目一页（Word）或一个工作表（Excel）")
    p.add_argument("--force", action="store_true",
                   help="覆盖已存在、但不是本程序原样导出的文件（例如填好的表，或合并导出的文件）；输入文件本身从不覆盖")

    p = sub.add_parser("import", help="读取填好的 Word/Excel 自评表", add_help=False,
                       description="把填好的 .docx/.xlsx 自评表读成项目文件。退出码：0 成功，1 有文件无法读取或写入。")
    help_flag(p)
    p.add_argument("files", nargs="+", metavar="FORM", help="填好的 .docx 或 .xlsx 自评表")
    out = p.add_mutually_exclusive_group(required=True)
    out.add_argument("-o", "--output", metavar="OUT.json", help="项目文件的输出路径（只读取一个表时）")
    out.add_argument("--outdir", metavar="DIR", help=f"输出文件夹，文件名为“<表的文件名>{SUFFIX}”")
    p.add_argument("--force", action="store_true", help="覆盖已存在的项目文件")


def _named(args) -> list[tuple[str, str]]:
    """The outputs named one by one: --docx, --xlsx, --pdf."""
    return [(fmt, t) for fmt, t in (("docx", args.docx), ("xlsx", args.xlsx), ("pdf", args.pdf)) if t]


def _targets(args, path: str, formats: list[str]) -> dict[str, Path]:
    if _named(args):
        return {fmt: Path(t) for fmt, t in _named(args)}
    folder = Path(args.outdir) if args.outdir else Path(path).parent
    return {fmt: folder / f"{output_stem(path)}.{fmt}" for fmt in formats}


def cmd_export(args, load) -> int:
    if args.combined:
        ignored = [name for name, given in (("--docx", args.docx), ("--xlsx", args.xlsx), ("--pdf", args.pdf),
                                            ("--outdir", args.outdir), ("--format", args.format != DEFAULT_FORMATS))
                   if given]
        if ignored:  # said, not silently dropped: the script meant something by them
            fail(f"--combined 只写一个文件，不能与 {'、'.join(ignored)} 同时使用")
            return EXIT_UNREADABLE
        from cli.unit import export_combined
        return export_combined(args, load)
    formats = [f.strip().lower().lstrip(".") for f in args.format.split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        fail(f"--format 只能是 docx、xlsx、pdf 中的一种或几种，用逗号分隔，例如 docx,xlsx（收到 {args.format}）")
        return EXIT_UNREADABLE
    files = input_files(args.files)  # a folder: its project files; each file once
    if files is None:
        return EXIT_UNREADABLE
    if _named(args) and len(files) > 1:
        fail("导出多个项目时请用 --outdir，不能用 --docx/--xlsx/--pdf 指定单个文件")
        return EXIT_UNREADABLE
    if not make_folder(args.outdir):
        return EXIT_FAILED
    rule = OutputRule(files, args.force)
    jobs, refused = [], False
    for path in files:
        targets = {}
        for fmt, target in _targets(args, path, formats).items():
            refusal = rule.refuse_reason(target, fmt)  # here, before any worker writes anything
            if refusal:
                fail(refusal)
                refused = True
            else:
                targets[fmt] = target
        jobs.append((path, targets))
    folders = {t.parent for _, targets in jobs for t in targets.values()}
    for folder in folders:  # once for the batch, not once a file (a folder of 2,000 files)
        clean_stale_temps(folder)
    code = run_each(export_one, jobs, load, prepare=lambda: load_writers(formats))
    for folder in folders:  # the renames of every file written, workers' included
        sync_folder(folder)
    return max(code, EXIT_FAILED) if refused else code


def export_one(path: str, targets: dict[str, Path], load) -> int:
    """Export one input to the targets the output rule allowed; runs in a worker process when
    there are many."""
    for path, project in each_project([path], load):
        if project is None:
            return EXIT_UNREADABLE
        return EXIT_OK if _export_one(path, project, targets) else EXIT_FAILED
    return EXIT_OK


def _export_one(path: str, project, targets: dict[str, Path]) -> bool:
    """Write one project's outputs; False after saying why one of them was not written."""
    try:
        ev = evaluate(project)
        errors = [p for p in check(project, ev) if p.severity == Severity.ERROR]
    except Exception as exc:
        fail(describe(exc, path, "计分"))
        return False
    ok, written, excel = True, 0, False
    layout = build_layout(project, ev)  # once for every format and the cut-off check below
    for fmt, target in targets.items():
        try:
            write_output(render(project, fmt, ev, layout), target, in_batch=True)
        except Exception as exc:
            fail(describe(exc, target, "写入"))
            ok = False
            continue
        print(f"已导出 {one_line(str(target), ' ')}")
        written += 1
        excel = excel or fmt == "xlsx"
    if written:
        for cut in rows_cut_off(layout, excel=excel):
            remind(f"{path}：{cut}")
    if errors and written:  # only where something was written: never '仍已导出' with no output
        remind(f"{path} 有 {len(errors)} 个错误，表格尚不能签章（仍已导出）：{errors[0]}")
    return ok


def cmd_import(args) -> int:
    """Each file's forms as project files. A file holding one form is named after the file (as
    always); a file holding several (a year's Word document, a workbook of a sheet per project)
    writes one project per form named by its 项目名称, and refuses -o, saying how many it holds."""
    files = [str(p) for p in distinct_paths([Path(f) for f in args.files])]  # a form given twice: once
    if args.output and len(files) > 1:
        fail("读取多个表时请用 --outdir，不能用 -o")
        return EXIT_FAILED
    if not make_folder(args.outdir):
        return EXIT_FAILED
    rule = OutputRule(files, args.force)
    code, written = EXIT_OK, set[str]()
    for path in files:
        try:
            readings = accepted(path, read_readings(path))  # a layout not recognised: refused
        except Exception as exc:  # every failure becomes a message naming the file
            fail(describe(exc, path, "读取"))
            code = EXIT_FAILED
            continue
        forms = [r.project for r in readings]
        if args.output and len(forms) > 1:
            fail(f"{path} 中有 {len(forms)} 张表，请用 --outdir 指定输出文件夹，每张表写成一个项目文件")
            code = EXIT_FAILED
            continue
        for k, (project, target) in enumerate(zip(forms, _import_targets(args, path, forms, written)), 1):
            refusal = rule.refuse_reason(target, "project")
            if refusal:
                fail(refusal)
                code = EXIT_FAILED
                continue
            try:
                save_project(project, target)
            except Exception as exc:
                fail(describe(exc, target, "写入"))
                code = EXIT_FAILED
                continue
            where = f"{path}（第 {k} 张表）" if len(forms) > 1 else path
            print(f"已读取 {one_line(str(where), ' ')} → {one_line(str(target), ' ')}（{len(project.indicators)} 个指标）")
            print_reading(readings[k - 1], target.name)
            for note in project.notes:
                if note.title == PROPOSED:
                    remind(f"{target.name}：{note.text}")
    return code


def print_reading(reading, name: str) -> None:
    """What the reading knows about itself: the mapping and what was left out on stdout, under
    the line that names the form; its warnings on stderr, each naming the file and the cell."""
    for line in reading.lines(verbose=True):
        if line.startswith("提醒："):
            remind(f"{name}：{line.removeprefix('提醒：')}")
        else:
            print(f"  {one_line(line)}")


def _import_targets(args, path: str, forms: list[Project], written: set[str]) -> list[Path]:
    if args.output:
        return [Path(args.output)]
    if len(forms) == 1:
        stems = [safe_name(file_stem(path))]
    else:
        stems = [safe_name(p.name, f"{file_stem(path)}-{k}") for k, p in enumerate(forms, 1)]
    stems = distinct_names(stems, written)
    written.update(stems)
    return [Path(args.outdir) / f"{stem}{SUFFIX}" for stem in stems]
