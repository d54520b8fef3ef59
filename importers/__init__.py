"""Readers of filled 自评表 files (.docx, .xlsx) into the model. No Qt.

`read_forms(path)` is the API other parts build on (the unit overview, check's "file holds N
forms"): every form in a file, in order. `read_form` reads a file of one form.
"""
from __future__ import annotations

import os
from pathlib import Path

from model import Project

from importers.errors import ManyForms, NotAForm, refuse_many
from importers.reading import Reading, UnknownLayout, accepted


def _check_suffix(path: str | os.PathLike) -> str:
    """The form's suffix; NotAForm naming what the file is when it is another kind (model.file_kinds)."""
    suffix = Path(path).suffix.lower()
    if suffix not in (".docx", ".xlsx", ".xlsm"):
        from model.file_kinds import foreign_message
        raise NotAForm(foreign_message(path) or f"{Path(path).name} 不是 .docx 或 .xlsx 文件")
    return suffix


def read_readings(path: str | os.PathLike) -> list[Reading]:
    """Every form in a file with what its reading knows about itself: the labels it mapped, the
    rows and columns it left out and why, its warnings, and (refusal) why a form's layout is not
    recognised well enough to be read; NotAForm when the file holds no form."""
    if _check_suffix(path) == ".docx":
        from importers.docx_reader import read_docx_readings
        return read_docx_readings(path)
    from importers.xlsx_reader import read_xlsx_readings
    return read_xlsx_readings(path)


def read_forms(path: str | os.PathLike) -> list[Project]:
    """Every form in a .docx (several tables) or .xlsx (a form a sheet), in order; never empty.
    NotAForm says in Chinese why the file holds none (and what was missing)."""
    if _check_suffix(path) == ".docx":
        from importers.docx_reader import read_docx_forms
        return read_docx_forms(path)
    from importers.xlsx_reader import read_xlsx_forms
    return read_xlsx_forms(path)


def read_form(path: str | os.PathLike) -> Project:
    """The one form of a filled .docx or .xlsx; NotAForm says in Chinese why there is none, and
    ManyForms (a NotAForm) how many there are when the file holds several: reading only the first
    would silently drop the rest (read_forms reads them all)."""
    forms = read_forms(path)
    refuse_many(Path(path).name, len(forms))
    return forms[0]


def count_forms(path: str | os.PathLike) -> int:
    """How many forms a .docx/.xlsx holds (0 when none), found by their labels without reading
    them: one detection for `check`, the window and `import`."""
    from importers.grid import count_forms as count_rows
    try:
        if _check_suffix(path) == ".docx":
            from importers.docx_reader import docx_grid
            return count_rows(docx_grid(path)[0])
        from importers.xlsx_reader import xlsx_grids
        return sum(count_rows(rows) for rows, _, _ in xlsx_grids(path))
    except NotAForm:
        return 0


def is_form_file(path: str | os.PathLike) -> bool:
    return Path(path).suffix.lower() in (".docx", ".xlsx", ".xlsm")


def load_any(path: str | os.PathLike) -> Project:
    """A project file, or a filled .docx/.xlsx form read as one."""
    if is_form_file(path):
        return read_form(path)
    from model.project_file import load_project
    return load_project(path)


def start_from(path: str | os.PathLike) -> Project:
    """This year's table started from a file: last year's 自评表 (project file or form) as
    next year's, or a 绩效目标申报表 as the year it declares (targets, weights, budget kept)."""
    return start_from_noting(path)[0]


def start_from_noting(path: str | os.PathLike) -> tuple[Project, list[str]]:
    """start_from, and the warnings of the form's reading (a hidden row, a revision, a label read
    …: `new --from` and the window say them, as import does); a project file has none."""
    from model.carry_over import next_year
    warnings: list[str] = []
    if is_form_file(path):
        readings = accepted(path, read_readings(path))
        refuse_many(Path(path).name, len(readings))
        project, warnings = readings[0].project, readings[0].warnings
    else:
        project = load_any(path)
    if is_form_file(path) and _declared(project):
        return project, warnings
    return next_year(project), warnings


def _declared(project: Project) -> bool:
    from importers.declaration import DECLARED
    return any(n.title == DECLARED for n in project.notes)


__all__ = ["ManyForms", "NotAForm", "Reading", "UnknownLayout", "accepted", "read_readings", "count_forms", "is_form_file", "load_any", "read_form", "read_forms",
           "start_from", "start_from_noting"]
