"""Write export outputs so that none is ever left half-written, with messages a clerk can act on."""
from __future__ import annotations

import io
import os
from pathlib import Path
from typing import TYPE_CHECKING

from model import Evaluation, Project
from model.failures import ClerkError, describe, os_words
from model.files import atomic_write

from exporters.package import seal
from exporters.stamp import stamp_pdf

if TYPE_CHECKING:
    from exporters.layout import FormLayout

FORMATS = ("docx", "xlsx", "pdf")
_NAMES = {"docx": "Word", "xlsx": "Excel", "pdf": "PDF"}


class ExportError(ClerkError):
    """An output that could not be made or written; the message is for the clerk (and names it).

    The window shows it as it is: every failure of an export, whatever its cause, arrives as one.
    """


def render(project: Project, fmt: str, evaluation: Evaluation | None = None,
           layout: FormLayout | None = None) -> bytes:
    """The whole file in memory, so a failure never leaves part of it on disk. A batch passes the
    project's layout, laid out once for all its formats (fitting a long form's columns is costly)."""
    if fmt not in FORMATS:
        raise ExportError(f"不支持导出为 .{fmt}，请选择 .docx、.xlsx 或 .pdf")
    buf = io.BytesIO()
    try:
        if fmt == "pdf":  # the program's own print routine: Qt, loaded only for a PDF
            from exporters.pdf import form_pdf
            return form_pdf(project, evaluation, layout)
        if fmt == "docx":
            from exporters.docx_writer import write_docx
            write_docx(project, buf, evaluation, layout)
        else:
            from exporters.xlsx_writer import write_xlsx
            write_xlsx(project, buf, evaluation, layout)
        return buf.getvalue()
    except ClerkError:
        raise
    except Exception as exc:  # a library's refusal of some content: said, never a traceback
        name = project.name.strip()[:40] or "未命名项目"
        raise ExportError(describe(exc, f"“{name}”的 {_NAMES[fmt]} 表", "生成")) from exc


def load_writers(formats) -> None:
    """Import the writers of formats now (render imports them when first needed): a batch loads
    them once before it forks its workers."""
    if "docx" in formats:
        import exporters.docx_writer  # noqa: F401
    if "xlsx" in formats:
        import exporters.xlsx_writer  # noqa: F401


def write_output(data: bytes, target: str | os.PathLike, *, in_batch: bool = False) -> None:
    """Write an export atomically, with our mark (exporters/stamp.py) when it is a .docx/.xlsx/.pdf.
    in_batch: see model.files.atomic_write (the batch cleans and syncs the folder once)."""
    target = Path(target)
    try:
        if data[:2] == b"PK":
            data = seal(data)  # our properties and our mark (stamp(finish_package(data)) in one pass)
        elif data[:5] == b"%PDF-":
            data = stamp_pdf(data)
    except Exception as exc:
        raise ExportError(f"无法生成 {target}：导出的文件内容有误") from exc
    try:
        atomic_write(target, data, in_batch=in_batch)
    except ClerkError as exc:
        raise ExportError(str(exc)) from exc
    except PermissionError as exc:
        raise ExportError(f"无法写入 {target}：文件可能正在 Word/Excel/WPS 中打开，请关闭后重试；"
                          "或没有该文件夹的写入权限") from exc
    except FileNotFoundError as exc:
        raise ExportError(f"无法写入 {target}：文件夹不存在") from exc
    except OSError as exc:
        raise ExportError(f"无法写入 {target}：{os_words(exc)}") from exc


def export(project: Project, target: str | os.PathLike, fmt: str | None = None) -> None:
    """Export to target; the format comes from its suffix unless named. ExportError says why not."""
    fmt = fmt or Path(target).suffix.lower().lstrip(".")
    write_output(render(project, fmt), target)
