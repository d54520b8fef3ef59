"""Write export outputs so that none is ever left half-written, with messages a clerk can act on."""
from __future__ import annotations

import io
import os
from pathlib import Path

from model import Evaluation, Project
from model.project_file import atomic_write

FORMATS = ("docx", "xlsx")


class ExportError(Exception):
    """An output that could not be written; the message is for the clerk."""


def render(project: Project, fmt: str, evaluation: Evaluation | None = None) -> bytes:
    """The whole file in memory, so a failure never leaves part of it on disk."""
    buf = io.BytesIO()
    if fmt == "docx":
        from .docx_writer import write_docx
        write_docx(project, buf, evaluation)
    elif fmt == "xlsx":
        from .xlsx_writer import write_xlsx
        write_xlsx(project, buf, evaluation)
    else:
        raise ValueError(fmt)
    return buf.getvalue()


def write_output(data: bytes, target: str | os.PathLike) -> None:
    target = Path(target)
    try:
        atomic_write(target, data)
    except PermissionError as exc:
        raise ExportError(f"无法写入 {target}：文件可能正在 Word/Excel/WPS 中打开，请关闭后重试；"
                          "或没有该文件夹的写入权限") from exc
    except FileNotFoundError as exc:
        raise ExportError(f"无法写入 {target}：文件夹不存在") from exc
    except OSError as exc:
        raise ExportError(f"无法写入 {target}：{exc.strerror or exc}") from exc


def export(project: Project, target: str | os.PathLike, fmt: str | None = None) -> None:
    """Export to target; the format comes from its suffix unless named."""
    fmt = fmt or Path(target).suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ExportError(f"不支持导出为 .{fmt}，请选择 .docx 或 .xlsx")
    write_output(render(project, fmt), target)
