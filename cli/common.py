"""What the commands share: messages on stderr, reading each input, making the output folder."""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from model import Project
from model.project_file import ProjectFileError

READ_ERRORS = (ProjectFileError, ValueError, OSError)  # NotAForm is a ValueError

# the exit codes of README's command table, which clerks' batch scripts test
EXIT_OK = 0
EXIT_FAILED = 1  # check: a form has errors; the others: something was refused or not written
EXIT_FORM_ERRORS = EXIT_FAILED
EXIT_UNREADABLE = 2  # an input cannot be read, or the command line is wrong


def fail(message: str) -> None:
    print(f"错误：{message}", file=sys.stderr)


def each_project(paths: list[str], load: Callable[[str], Project]) -> Iterator[tuple[str, Project | None]]:
    """Every input as a project, or None after saying why it could not be read."""
    for path in paths:
        try:
            yield path, load(path)
        except READ_ERRORS as exc:
            fail(str(exc))
            yield path, None


def make_folder(folder: str | None) -> bool:
    if not folder:
        return True
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
        return True
    except OSError as exc:
        fail(f"无法创建输出文件夹 {folder}：{exc.strerror or exc}")
        return False
