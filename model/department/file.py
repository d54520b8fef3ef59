"""Department files (部门整体.zpbdept.json in a unit's folder): the project-file family's rules."""
from __future__ import annotations

import json
import os
from pathlib import Path

from model.department import DEPARTMENT_FILE, Department
from model.project_file import load_versioned, read_text, save_text

FORMAT = "zipingbiao-department"
FORMAT_VERSION = 1


def dumps(dept: Department) -> str:
    body = dept.model_dump(mode="json")
    if body.get("variance_base") is None:  # left out when the profile decides: older versions read the file
        body.pop("variance_base", None)
    data = {"format": FORMAT, "format_version": FORMAT_VERSION, "department": body}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def loads(text: str, where: str = "文件") -> Department:
    return load_versioned(text, where, FORMAT, FORMAT_VERSION, "department", Department, "部门整体")


def load_department(path: str | os.PathLike) -> Department:
    """Read a department file; ProjectFileError says in Chinese what is wrong."""
    path = Path(path)
    return loads(read_text(path, "部门整体"), f"文件 {path.name} ")


def save_department(dept: Department, path: str | os.PathLike) -> None:
    """Save atomically; ProjectFileError when the folder cannot be written."""
    save_text(dumps(dept), path)


def department_path(folder: str | os.PathLike) -> Path:
    """Where a unit's folder keeps its department file."""
    return Path(folder) / DEPARTMENT_FILE
