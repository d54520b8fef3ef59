"""Readers of filled 自评表 files (.docx, .xlsx) into the model. No Qt."""
from __future__ import annotations

import os
from pathlib import Path

from model import Project

from .grid import NotAForm


def read_form(path: str | os.PathLike) -> Project:
    """A filled .docx or .xlsx form as a project; NotAForm says in Chinese why not."""
    suffix = Path(path).suffix.lower()
    if suffix == ".docx":
        from .docx_reader import read_docx
        return read_docx(path)
    if suffix in (".xlsx", ".xlsm"):
        from .xlsx_reader import read_xlsx
        return read_xlsx(path)
    if suffix in (".doc", ".xls", ".wps", ".et"):
        raise NotAForm(f"{Path(path).name} 是旧版格式，请先在 Word/Excel/WPS 中另存为 .docx 或 .xlsx")
    raise NotAForm(f"{Path(path).name} 不是 .docx 或 .xlsx 文件")


def is_form_file(path: str | os.PathLike) -> bool:
    return Path(path).suffix.lower() in (".docx", ".xlsx", ".xlsm")


def load_any(path: str | os.PathLike) -> Project:
    """A project file, or a filled .docx/.xlsx form read as one."""
    if is_form_file(path):
        return read_form(path)
    from model.project_file import load_project
    return load_project(path)


__all__ = ["NotAForm", "is_form_file", "load_any", "read_form"]
