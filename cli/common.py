"""What the commands share: messages on stderr, reading each input, making the output folder."""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from model import Project
from model.failures import describe

# the exit codes of README's command table, which clerks' batch scripts test
EXIT_OK = 0
EXIT_FAILED = 1  # check: a form has errors; the others: something was refused or not written
EXIT_FORM_ERRORS = EXIT_FAILED
EXIT_UNREADABLE = 2  # an input cannot be read, or the command line is wrong


def fail(message: str) -> None:
    print(f"错误：{message}", file=sys.stderr)


def each_project(paths: list[str], load: Callable[[str], Project]) -> Iterator[tuple[str, Project | None]]:
    """Every input as a project, or None after saying why it could not be read: a bad file is
    reported and skipped, and the batch goes on."""
    for path in paths:
        try:
            project = load(path)
        except Exception as exc:  # every failure becomes a message naming the file
            fail(describe(exc, path, "读取"))
            project = None
        yield path, project


def make_folder(folder: str | None) -> bool:
    if not folder:
        return True
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
        return True
    except (OSError, ValueError) as exc:
        fail(f"无法创建输出文件夹 {folder}：{getattr(exc, 'strerror', None) or exc}")
        return False
