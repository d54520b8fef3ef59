"""What a name typed into a save dialog may become: a window's form of the command line's output rule.

The file dialog asked before replacing the file it shows, and that answer is the clerk's --force;
but a project file is never written under a Word/Excel name (a filled form replaced by JSON), an
export never over the project it was made from, nor Word bytes under an Excel name. A name
without its suffix gets the format's, and a file already there under that longer name (which the
dialog never showed) is asked about first.
"""
from __future__ import annotations

import os
from pathlib import Path

from model.project_file import SUFFIX as PROJECT_SUFFIX


def _with_suffix(path: Path, suffix: str) -> tuple[Path, bool]:
    """(path, lengthened): a bare name takes the format's suffix."""
    if path.suffix:
        return path, False
    return path.with_name(path.name + suffix), True


def project_target(chosen: str, interaction) -> Path | None:
    """Where 另存为 writes the project the clerk named, or None (said, or declined)."""
    from cli.outputs import OutputRule
    path = Path(chosen)
    lengthened = False
    if not path.name.lower().endswith(".json"):
        if path.suffix.lower() in (".docx", ".xlsx", ".xlsm", ".pdf", ".doc", ".xls", ".wps", ".et"):
            refused = OutputRule([], force=True).refuse_reason(path, "project")
            interaction.error("无法保存", f"{refused}：项目文件的名字以 {PROJECT_SUFFIX} 结尾，"
                              f"{path.name} 没有改动；请换一个文件名")
            return None
        path, lengthened = path.with_name(path.name + PROJECT_SUFFIX), True
    refused = _not_a_project(path)
    if refused:
        interaction.error("无法保存", f"{path} {refused}，另存不会覆盖它；请换一个文件名")
        return None
    return _asked(path, lengthened, interaction, "无法保存")


def _not_a_project(path: Path) -> str | None:
    """Why an existing file there holds something other than a project (None: nothing, or one)."""
    from model.project_file import ProjectFileError, load_project
    if path.name.lower().endswith(".zpbdept.json"):
        return "是部门整体文件"
    if not path.is_file():
        return None
    try:
        load_project(path)
    except ProjectFileError:
        return "不是本程序能读取的项目文件（可能是其他程序的文件，或更新版本的项目文件）"
    return None


def suggested_export(folder: Path, stem: str, fmt: str) -> Path:
    """The name a save dialog offers for an export: the plain name unless a file there is not our
    unchanged export (a form the clerk filled, then imported and saved beside it): then
    NAME（导出）, as the command line names a form's outputs. The default is never their form."""
    from cli.outputs import EXPORT_SUFFIX
    from exporters.stamp import is_unchanged_export
    plain = folder / f"{stem}.{fmt}"
    if plain.exists() and not is_unchanged_export(plain):
        return folder / f"{stem}{EXPORT_SUFFIX}.{fmt}"
    return plain


def export_target(chosen: str, fmt: str, inputs: list[Path], interaction,
                  inputs_are: str = "正在编辑的项目文件，导出不能覆盖它") -> Path | None:
    """Where an export the clerk named is written (fmt 'docx', 'xlsx' or 'pdf'), or None: never
    one of inputs (the project files it was made from), never under another kind's suffix."""
    from cli.outputs import OutputRule
    path, lengthened = _with_suffix(Path(chosen), f".{fmt}")
    rule = OutputRule([os.fspath(p) for p in inputs], force=True)
    if rule.is_input(path):
        interaction.error("无法导出", f"{path} 是{inputs_are}；请换一个文件名")
        return None
    refused = rule.refuse_reason(path, fmt)
    if refused:
        interaction.error("无法导出", f"{refused}；请换一个文件名")
        return None
    return _asked(path, lengthened, interaction, "无法导出")


def _asked(path: Path, lengthened: bool, interaction, title: str) -> Path | None:
    """A name lengthened by its suffix may be another file than the one the dialog asked about."""
    if path.is_dir():
        interaction.error(title, f"{path} 是文件夹，不能写成文件；请换一个文件名")
        return None
    if lengthened and path.exists() and not interaction.confirm(
            "文件已存在", f"{path} 已存在。要替换它吗？\n（选“否”不写入任何文件）"):
        return None
    return path
