"""The output rule: what a command may write, checked before it writes anything.

A command never overwrites one of its own inputs and never writes two outputs to one path; it
replaces an existing file only when that file is its own unchanged export (a batch run again),
unless told to with `--force`. A project file always holds a clerk's work, so it is replaced
only with `--force`. Paths are compared by what they are on disk (symbolic links, hard links and
on Windows the letter case lead to the same file), not by how they are written.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from exporters.stamp import is_unchanged_export
from importers import is_form_file
from model.failures import os_words
from model.file_names import safe_name
from model.project_file import file_stem

EXPORT_SUFFIX = "（导出）"  # default outputs of a form input: never the form itself or its twin
_KINDS = {".pdf": "PDF 文件", ".docx": "Word 文件", ".xlsx": "Excel 文件", ".xlsm": "Excel 文件", ".json": "项目文件",
          ".doc": "Word 文件", ".xls": "Excel 文件", ".wps": "WPS 文件", ".et": "WPS 文件"}


def output_stem(path: str | os.PathLike) -> str:
    """What the default outputs of an input are named after: a form's own name gets a suffix."""
    stem = safe_name(file_stem(path))  # a name Windows holds, as every name the program makes
    return stem + EXPORT_SUFFIX if is_form_file(path) else stem


def _identity(path: str | os.PathLike) -> tuple | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino) if st.st_ino else None


def _spelling(path: str | os.PathLike) -> str:
    return os.path.normcase(os.path.realpath(path))


class OutputRule:
    """One command run's outputs: refuse_reason() for each before writing it."""

    def __init__(self, inputs: list[str], force: bool = False) -> None:
        self.force = force
        self._inputs = {(_identity(p) or _spelling(p)): p for p in inputs}
        self._input_spellings = {_spelling(p) for p in inputs}
        self._claimed: set = set()

    def is_input(self, target: str | os.PathLike) -> bool:
        """True when target is (on disk) one of the inputs: a window words its own refusal."""
        ident = _identity(target)
        return (ident is not None and ident in self._inputs) or _spelling(target) in self._input_spellings

    def refuse_reason(self, target: str | os.PathLike, kind: str) -> str | None:
        """Why target must not be written (None: it may, and it is now claimed).

        kind is 'docx', 'xlsx', 'pdf' or 'project': what will be written there.
        """
        target = Path(target)
        wrong = _wrong_suffix(target, kind)
        if wrong:
            return wrong
        ident, spelling = _identity(target), _spelling(target)
        if (ident is not None and ident in self._inputs) or spelling in self._input_spellings:
            return f"{target} 是本次命令读取的文件，不能用输出覆盖它；请用 --outdir 或 -o/--docx/--xlsx 指定别的文件"
        if spelling in self._claimed or (ident is not None and ident in self._claimed):
            return f"{target} 已是本次命令的另一个输出，不能写两次；请分别指定不同的文件名"
        try:
            st = os.stat(target)
        except FileNotFoundError:
            st = None
        except (OSError, ValueError) as exc:
            return f"无法写入 {target}：{os_words(exc)}"
        if st is not None:
            if stat.S_ISDIR(st.st_mode):
                return f"{target} 是文件夹，不能写成文件"
            if not stat.S_ISREG(st.st_mode):
                return f"{target} 不是普通文件，不能写入"
            if not self.force and not (kind != "project" and is_unchanged_export(target)):
                what = "项目文件" if kind == "project" else "不是本程序导出的原样文件（可能是填好的表）"
                head = f"{target} 已存在" + ("，是" if kind == "project" else "，且") + what
                return f"{head}，未覆盖；确需覆盖请加 --force"
        self._claimed.add(spelling)
        if ident is not None:
            self._claimed.add(ident)
        return None


def _wrong_suffix(target: Path, kind: str) -> str | None:
    suffix = target.suffix.lower()
    want = {"docx": (".docx",), "xlsx": (".xlsx",), "pdf": (".pdf",), "project": (".json",)}[kind]
    if suffix in _KINDS and suffix not in want:
        what = {"docx": " Word 文件", "xlsx": " Excel 文件", "pdf": " PDF 文件", "project": "项目文件"}[kind]
        return f"{target} 的扩展名是 {target.suffix}（{_KINDS[suffix]}），不能把{what}写成这个名字"
    return None
