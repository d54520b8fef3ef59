"""`department`: the unit's 部门整体 figures from its folder, printed like `check`, written like `export`."""
from __future__ import annotations

from pathlib import Path

from exporters.department.outputs import OUTPUTS, render_department
from exporters.files import write_output
from model.failures import describe
from model import Severity, plain
from model.department import BudgetKind, Department
from model.department.checks import check_department
from model.department.evaluation import VARIANCE_BASE_LABELS, DepartmentFigures, figures
from model.department.file import department_path, load_department
from model.department.report_text import projects_sentences, rate_words
from model.project_file import ProjectFileError
from model.text import one_line
from model.unit import load_unit

from cli.common import EXIT_FAILED, EXIT_OK, EXIT_UNREADABLE, fail, remind, say_skipped
from cli.outputs import OutputRule


def add_parser(sub, help_flag) -> None:
    p = sub.add_parser("department", help="部门整体绩效：计算、检查、导出自评表和报告", add_help=False,
                       description="读取文件夹中的部门整体文件（部门整体.zpbdept.json）和各项目文件，打印预算执行率、"
                       "结转结余率、部门预决算差异率、项目得分情况、部门整体指标得分和问题；可写出自评表和报告初稿。"
                       "退出码：0 全部写出，1 有文件无法写出，2 文件夹或部门整体文件无法读取。")
    help_flag(p)
    p.add_argument("folder", metavar="DIR", help="单位的项目文件夹（其中有部门整体.zpbdept.json）")
    p.add_argument("--docx", metavar="OUT", help="部门整体支出绩效自评表 Word 文件")
    p.add_argument("--xlsx", metavar="OUT", help="部门整体支出绩效自评表 Excel 文件")
    p.add_argument("--report", metavar="OUT", help="部门整体绩效评价报告初稿（.docx）")
    p.add_argument("--force", action="store_true", help="输出文件已存在时覆盖")


def report_lines(dept: Department, fig: DepartmentFigures, problems) -> list[str]:
    """What `department` prints: the figures, the folder, the scores, the problems."""
    year = f"（{dept.year}年度）" if dept.year else "（未填年度）"
    rate = lambda r: "—" if r is None else rate_words(r)  # noqa: E731
    lines = [f"部门整体：{dept.unit_name or '（未填单位名称）'}{year}  评分规则：{dept.profile}", "预算执行率："]
    for kind in BudgetKind:
        lines.append(f"  {kind.value}：{rate(fig.rates[kind])}")
    base = VARIANCE_BASE_LABELS[fig.variance_base]
    lines.append(f"结转结余率：{rate(fig.carryover_rate)}")
    chosen = "，部门整体文件指定" if dept.variance_base else ""  # else the profile's, as before
    lines.append(f"部门预决算差异率：{rate(fig.variance_rate)}（以{base}为基数{chosen}）")
    lines.append("项目：" + "".join(projects_sentences(fig)))
    if dept.indicators or fig.budget_scored:
        lines.append("指标得分：")
        if fig.budget_scored:
            b = fig.evaluation.budget
            lines.append(f"  预算执行率：{'—' if b.value is None else plain(b.value)}（{b.reason}）")
        for i, (ind, s) in enumerate(zip(dept.indicators, fig.indicators), 1):
            shown = "—" if s.value is None else plain(s.value)
            share = fig.share(i - 1, ind.weight)
            lines.append(f"  {i}. {ind.name or ind.level2}：{shown}，得分率 {rate(share)}（{s.reason}）")
        total = plain(fig.total) if fig.complete else f"{fig.total_text()}（{fig.partial_text()}）"
        lines.append(f"总分：{total}  等级：{fig.grade}")
    errors = sum(p.severity == Severity.ERROR for p in problems)
    lines.append(f"问题：{errors} 个错误，{len(problems) - errors} 个提醒" if problems else "问题：无")
    lines += [f"  {p}" for p in problems]
    return lines


def _refusal(kind: str, target: Path, rule: OutputRule) -> str | None:
    """The output rule (cli/outputs.py): the name says what is written (--docx and --report a
    .docx, --xlsx a .xlsx), so Word is never written under an Excel name."""
    fmt = "docx" if kind == "report" else kind
    if target.suffix.lower() != f".{fmt}":
        return f"{target} 的扩展名应为 .{fmt}（--{kind} 写出的是{'Word' if fmt == 'docx' else 'Excel'} 文件）"
    return rule.refuse_reason(target, fmt)


def cmd_department(args) -> int:
    folder = Path(args.folder)
    if not folder.is_dir():
        fail(f"{folder} 不是文件夹：请给出单位的项目文件夹")
        return EXIT_UNREADABLE
    try:
        dept = load_department(department_path(folder))
    except ProjectFileError as exc:
        hint = "（请先在窗口中用“文件 → 部门整体”填写并保存）" if not department_path(folder).exists() else ""
        fail(f"{exc}{hint}")
        return EXIT_UNREADABLE
    unit = load_unit(folder)
    projects = unit.projects
    fig = figures(dept, projects)
    problems = check_department(dept, projects, fig)
    print("\n".join(one_line(line) for line in report_lines(dept, fig, problems)))
    for entry in unit.entries:
        if entry.error:
            fail(f"{entry.error}（未计入部门整体）")
    say_skipped([str(folder)])  # files that look like projects but are not read: said, not silent
    code = EXIT_OK
    rule = OutputRule([str(department_path(folder))] + [str(e.path) for e in unit.entries], args.force)
    for kind, (what, _) in OUTPUTS.items():
        target = getattr(args, kind)
        if not target:
            continue
        refused = _refusal(kind, Path(target), rule)
        if refused:
            fail(refused)
            code = EXIT_FAILED
            continue
        try:
            write_output(render_department(kind, dept, projects, fig), target)
        except Exception as exc:
            fail(describe(exc, target, "写入"))
            code = EXIT_FAILED
            continue
        print(f"已写出{what}：{one_line(str(target), ' ')}")
        if kind != "report":  # the table: a row no page holds is said, as `export` says it
            from exporters.department.layout import build_department_layout
            from exporters.layout import rows_cut_off
            for cut in rows_cut_off(build_department_layout(dept, fig), before=int(fig.budget_scored),
                                    excel=kind == "xlsx"):
                remind(f"{target}：{cut}")
    return code
