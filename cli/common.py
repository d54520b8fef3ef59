"""What the commands share: messages on stderr, reading each input, making the output folder."""
from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from model import Project
from model.failures import describe
from model.project_file import SUFFIX
from model.text import one_line
from model.unit import expand, skipped_files

# the exit codes of README's command table, which clerks' batch scripts test
EXIT_OK = 0
EXIT_FAILED = 1  # check: a form has errors; the others: something was refused or not written
EXIT_FORM_ERRORS = EXIT_FAILED
EXIT_UNREADABLE = 2  # an input cannot be read, or the command line is wrong


def remind(message: str) -> None:
    """A 提醒 on stderr, one line: a file named '甲\n总分：100.zpb.json', or a cell's text with a
    line break, starts no line of its own that a batch script would read."""
    print(f"提醒：{one_line(message, ' ')}", file=sys.stderr)


def fail(message: str) -> None:
    print(f"错误：{one_line(message)}", file=sys.stderr)  # one failure, one line


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


def make_folder(folder: str | os.PathLike | None) -> bool:
    if not folder:
        return True
    if os.path.lexists(folder) and not os.path.isdir(folder):
        fail(f"无法创建输出文件夹 {folder}：已有同名的文件（不是文件夹）")
        return False
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
        return True
    except (OSError, ValueError) as exc:
        fail(describe(exc, folder, "创建输出文件夹"))
        return False


def say_skipped(paths: list[str]) -> None:
    """Each folder's files that look like project files but are not read, and why (stderr)."""
    for folder in paths:
        if os.path.isdir(folder):
            for path, why in skipped_files(folder):
                remind(f"跳过 {path}：{why}")


def input_files(paths: list[str]) -> list[str] | None:
    """The inputs with each folder as its project files and each file once; None (after saying
    which folder) when there is nothing to read, so a batch never succeeds on an empty folder."""
    say_skipped(paths)
    files = [str(p) for p in expand(paths)]
    empty = [p for p in paths if os.path.isdir(p) and not expand([p])]
    if not files:
        fail(f"{'、'.join(empty) or '输入'} 中没有项目文件（*{SUFFIX}）")
        return None
    for folder in empty:
        remind(f"{folder} 中没有项目文件（*{SUFFIX}），已跳过")
    return files
