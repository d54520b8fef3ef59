"""A unit's year: a folder of project files, each read to a project or to a reason it cannot be.

Plain Python like the rest of model/: the window's overview, the 汇总表, the combined exports and
the department's self-assessment all start from a `Unit`. Reading forms (.docx/.xlsx) needs a
reader from importers/, passed in as `read`, so this module stays free of file formats.
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from pathlib import Path

from model.problems import Problem, Severity, check
from model.profiles import DEFAULT_PROFILE, load_profile
from model.project import Project
from model.failures import describe
from model.file_names import FALLBACK, distinct_name, name_key, safe_name
from model.files import distinct_paths
from model.numbers import percent, plain
from model.text import clean_text
from model.project_file import SUFFIX, file_stem, load_project
from model.scoring import Evaluation, evaluate

# what reading one file may give: one project, or every form a file holds
Reader = Callable[[Path], "Project | list[Project]"]


@dataclass(eq=False)
class UnitEntry:
    """One project of the unit: where it came from, and the project or why it could not be read."""

    path: Path
    project: Project | None = None
    error: str | None = None  # in Chinese, for the clerk; set exactly when project is None
    index: int = 0  # which form of a file holding several (0 for a project file)

    @property
    def ok(self) -> bool:
        return self.project is not None

    @property
    def name(self) -> str:
        """The project's name, or its file's when it has none (or cannot be read)."""
        if self.project is not None and self.project.name.strip():
            return self.project.name.strip()
        return clean_text(file_stem(self.path))  # a file name shown in the 汇总表: no bidi override

    @cached_property
    def evaluation(self) -> Evaluation | None:
        return evaluate(self.project) if self.project is not None else None

    @cached_property
    def problems(self) -> list[Problem]:
        if self.project is None:
            return []
        return check(self.project, self.evaluation, load_profile(self.project.profile))

    @property
    def error_count(self) -> int:
        return 1 if self.project is None else sum(p.severity == Severity.ERROR for p in self.problems)

    @property
    def warning_count(self) -> int:
        return sum(p.severity == Severity.WARNING for p in self.problems)

    def replace(self, project: Project | None, error: str | None = None) -> None:
        """The project changed (edited, or re-read from disk): derived values are recomputed."""
        self.project, self.error = project, (None if project is not None else error or "无法读取")
        self.__dict__.pop("evaluation", None)
        self.__dict__.pop("problems", None)


@dataclass(frozen=True)
class ProjectsSum:
    """One figure (年初预算数, 全年预算数, 全年执行数 of 年度资金总额) summed over projects, with how many
    gave it: a sum some projects leave out is partial, and every output that shows it says so in
    these words (the overview, the 汇总表's 合计, the department's checks) — never a part that reads
    as the whole, never 0 for a figure nobody gave."""

    value: Decimal
    filled: int  # projects that give the figure
    of: int  # projects summed over

    @property
    def missing(self) -> int:
        return self.of - self.filled

    @property
    def whole(self) -> bool:
        return self.filled == self.of

    def note(self) -> str:
        """'（另有 2 个项目未填）', '（均未填）', or '' for a whole sum."""
        if self.of and not self.filled:
            return NONE_FILLED
        return missing_note(self.missing) if self.missing else ""

    def text(self, unit: str = "", sep: str = "") -> str:
        """'150.5 万元（另有 1 个项目未填）' (unit ' 万元'), '150.5\n（另有 1 个项目未填）' (sep '\n'),
        '—（均未填）'; a whole sum is its number alone."""
        if not self.filled:
            return "—" + self.note()
        note = self.note()
        return f"{plain(self.value)}{unit}{sep + note if note else ''}"


NONE_FILLED = "（均未填）"


def missing_note(n: int | str) -> str:
    """What a sum that leaves out n projects says after its number (the Excel 合计 writes it too)."""
    return f"（另有 {n} 个项目未填）"


def rate_basis_note(n: int | str) -> str:
    """What the 合计 执行率 says after it when it is over n projects, not all (RATE_BASIS)."""
    return f"（按 {n} 个项目计）"


SUMMED = ("initial_budget", "annual_budget", "executed")  # the 年度资金总额 figures a folder sums


def projects_sum(projects: Iterable[Project], name: str) -> ProjectsSum:
    """Σ of one 年度资金总额 figure over projects, the blanks counted apart."""
    values = [getattr(p.total_funds, name) for p in projects]
    given = [v for v in values if v is not None]
    return ProjectsSum(sum(given, Decimal(0)), len(given), len(values))


@dataclass(frozen=True)
class UnitTotals:
    """The folder's figures: sums over the projects that could be read, each column on its own."""

    projects: int  # entries, readable or not
    unreadable: int
    with_errors: int  # readable projects whose form has errors
    # Σ of each SUMMED figure (initial_budget, annual_budget, executed), with how many give it
    sums: dict[str, ProjectsSum]
    # Σ全年执行数 ÷ Σ全年预算数 over the projects that give both (RATE_BASIS); None when none does
    execution_rate: Decimal | None
    rate_projects: int  # how many projects execution_rate is over
    grade_counts: dict[str, int]  # finished projects: every grade of the default profile, then others
    mean_score: Decimal | None  # mean 总分 of the finished projects
    unfinished: int = 0  # readable projects whose total is partial (等级 待定): counted apart

    @property
    def graded(self) -> int:
        return sum(self.grade_counts.values())

    def rate_text(self, sep: str = "") -> str:
        """The 合计 执行率, with the projects it is over when not every readable one gives both
        figures ('100.00%（按 1 个项目计）'): beside a partial 全年执行数 it never reads as the whole."""
        if self.execution_rate is None:
            return ""
        text = percent(self.execution_rate)
        partial = self.rate_projects < self.projects - self.unreadable
        return text + sep + rate_basis_note(self.rate_projects) if partial else text


RATE_BASIS = "合计执行率按同时填有全年预算数和全年执行数的项目计算"


@dataclass
class Unit:
    """A unit's year: its entries in file-name order, and the folder they came from (if one)."""

    folder: Path | None
    entries: list[UnitEntry] = field(default_factory=list)

    @property
    def projects(self) -> list[Project]:
        return [e.project for e in self.entries if e.project is not None]

    def find(self, path: str | os.PathLike, index: int = 0) -> UnitEntry | None:
        path = Path(path)
        return next((e for e in self.entries if e.path == path and e.index == index), None)

    def totals(self) -> UnitTotals:
        return unit_totals(self.entries)


def unit_totals(entries: Iterable[UnitEntry]) -> UnitTotals:
    entries = list(entries)
    readable = [e for e in entries if e.project is not None and e.evaluation is not None]
    sums = {name: projects_sum((e.project for e in readable if e.project is not None), name) for name in SUMMED}
    grades = {name: 0 for name, _ in load_profile(DEFAULT_PROFILE).grade_bands}
    scores: list[Decimal] = []
    with_errors = unfinished = 0
    rate_budget = rate_executed = Decimal(0)
    rate_projects = 0
    for e in readable:
        assert e.project is not None and e.evaluation is not None
        row = e.project.total_funds
        if row.annual_budget is not None and row.executed is not None:
            rate_budget += row.annual_budget
            rate_executed += row.executed
            rate_projects += 1
        if e.evaluation.complete:
            grades[e.evaluation.grade] = grades.get(e.evaluation.grade, 0) + 1
            scores.append(e.evaluation.total)
        else:
            unfinished += 1
        with_errors += e.error_count > 0
    return UnitTotals(
        projects=len(entries), unreadable=sum(e.project is None for e in entries), with_errors=with_errors,
        sums=sums, execution_rate=rate_executed / rate_budget if rate_budget else None, rate_projects=rate_projects,
        grade_counts=grades,
        mean_score=sum(scores, Decimal(0)) / len(scores) if scores else None, unfinished=unfinished)


def is_project_file(path: str | os.PathLike) -> bool:
    name = Path(path).name
    return name.lower().endswith(SUFFIX) and not name.startswith(".")  # .x.tmp: a save under way


def project_paths(folder: str | os.PathLike) -> list[Path]:
    """The project files of a folder (not its subfolders), by name: the unit's projects.

    Forms (.docx/.xlsx) in the folder are not counted: exports are written beside their projects.
    """
    folder = Path(folder)
    return sorted((p for p in folder.iterdir() if is_project_file(p) and p.is_file()),
                  key=lambda p: p.name)


# the family's other files beside the projects (部门整体.zpbdept.json …): read by their own commands
_OTHER_FAMILY_FILE = re.compile(r"\.zpb[a-z]+\.json$")


def skipped_files(folder: str | os.PathLike) -> list[tuple[Path, str]]:
    """What a folder holds that looks like a project file but is not read as one, and why:
    folder commands say it, so no project is left out in silence."""
    try:
        entries = sorted(os.scandir(os.fspath(folder)), key=lambda e: e.name)
    except OSError:
        return []
    out = []
    for e in entries:
        lower = e.name.lower()
        if not lower.endswith(".json") or _OTHER_FAMILY_FILE.search(lower):
            continue
        path = Path(e.path)
        if not lower.endswith(SUFFIX):
            out.append((path, f"文件名不以 {SUFFIX} 结尾；如是项目文件，请改名为“…{SUFFIX}”"))
        elif e.name.startswith("."):
            out.append((path, "文件名以“.”开头（隐藏文件）；如是项目文件，请去掉开头的“.”"))
        elif not path.is_file():
            out.append((path, "是文件夹" if path.is_dir() else "不是普通文件（或所指的文件已不存在）"))
    return out


def expand(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Folders become their project files; files stay as given, in the order given, each once
    (a folder and one of its files, or one file given twice, is one project, not two)."""
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(project_paths(p) if p.is_dir() else [p])
    return distinct_paths(out)


def read_entries(path: Path, read: Reader | None = None) -> list[UnitEntry]:
    """The entries of one file: one per project it holds, or one carrying why it can't be read."""
    try:
        got = (read or load_project)(path)
    except Exception as exc:  # any failure is the clerk's message, and the folder goes on
        return [UnitEntry(path, None, describe(exc, path, "读取"))]
    projects = got if isinstance(got, list) else [got]
    if not projects:
        return [UnitEntry(path, None, f"{path.name} 中没有找到自评表")]
    return [UnitEntry(path, p, None, i) for i, p in enumerate(projects)]


def iter_unit(paths: Iterable[str | os.PathLike], read: Reader | None = None) -> Iterator[UnitEntry]:
    """Entries one file at a time, so a window can show the first rows before the last is read."""
    for path in expand(paths):
        yield from read_entries(path, read)


def load_unit(source: str | os.PathLike | Iterable[str | os.PathLike], read: Reader | None = None) -> Unit:
    """A folder (or a list of files and folders) read to a Unit; unreadable files become entries."""
    if isinstance(source, (str, os.PathLike)):
        folder = Path(source) if Path(source).is_dir() else None
        paths: list[str | os.PathLike] = [source]
    else:
        paths = list(source)
        folder = Path(paths[0]) if len(paths) == 1 and Path(paths[0]).is_dir() else None
    return Unit(folder, list(iter_unit(paths, read)))


def name_for_file(text: str, fallback: str = FALLBACK) -> str:
    """A project's name as a file name (without suffix), the same on every platform (file_names)."""
    return safe_name(text, fallback)


def taken_names(folder: str | os.PathLike) -> set[str]:
    """The keys (file_names.name_key) of the folder's names: a new name differs from each as
    Windows compares them, so the folder can be copied there whole."""
    try:
        return {name_key(e.name) for e in os.scandir(os.fspath(folder))}
    except OSError:
        return set()


def free_path(folder: str | os.PathLike, stem: str) -> Path:
    """folder/stem.zpb.json, or stem（2）.zpb.json … when taken (in any letter case): a new file
    never replaces one; stem is made a safe name first, and the number still fits its length."""
    folder = Path(folder)
    taken = {k.removesuffix(SUFFIX) for k in taken_names(folder) if k.endswith(SUFFIX)}
    return folder / f"{distinct_name(safe_name(stem), taken)}{SUFFIX}"


def next_year_name(path: str | os.PathLike, last_year: int | None) -> str:
    """'2023年热线经费.zpb.json' becomes '2024年热线经费.zpb.json'; names without the year stay.
    The name is made safe (file_names) like every name the program makes."""
    stem = file_stem(path)
    if last_year is not None:
        stem = re.sub(rf"(?<!\d){last_year}(?!\d)", str(last_year + 1), stem)
    return safe_name(stem) + SUFFIX
