"""One place where any failure becomes a message for the clerk: Chinese, naming the file.

Readers, the scorer and writers raise `ClerkError` with a message written for the clerk (naming
the file and, where there is one, the cell). Anything else that escapes them — a library's own
exception on a hostile file, a bug of ours — is turned into a message here, so no exception type
ever reaches a clerk, and a batch goes on with the next file.
"""
from __future__ import annotations

import errno
import os
from decimal import DecimalException
from pathlib import Path


# the system's own words are English on Linux and macOS: the usual ones said in Chinese
_OS_WORDS = {getattr(errno, name, -1): words for name, words in (  # not every errno exists on Windows
    ("ENAMETOOLONG", "文件名太长"), ("ENOSPC", "磁盘已满"), ("EROFS", "磁盘或文件夹只读"),
    ("EEXIST", "已有同名的文件或文件夹"), ("ENOTDIR", "路径中有一项不是文件夹"), ("EISDIR", "是文件夹，不是文件"),
    ("ELOOP", "符号链接循环"), ("EIO", "读写出错（磁盘或网络故障）"), ("EDQUOT", "超出磁盘配额"),
    ("ENOENT", "文件或文件夹不存在"), ("EXDEV", "不能跨磁盘移动"), ("EACCES", "没有权限"), ("EPERM", "没有权限"),
    ("ETXTBSY", "文件正被其他程序占用"))}
_OS_WORDS.pop(-1, None)


def os_words(exc: BaseException) -> str:
    """What went wrong in a system call, in Chinese where we know the error, else the system's."""
    code = getattr(exc, "errno", None)
    return _OS_WORDS.get(code or 0) or getattr(exc, "strerror", None) or str(exc)


class ClerkError(Exception):
    """A failure whose message is written for the clerk: Chinese, naming the file (and cell)."""


# failures that a file or the machine explains (the clerk can act on them); anything else is a
# library's surprise or a bug of ours, which the window also logs
EXPECTED = (ClerkError, OSError, MemoryError, RecursionError, DecimalException, UnicodeError,
            ImportError)


def describe(exc: BaseException, path: str | os.PathLike | None = None, doing: str = "处理") -> str:
    """The clerk's message for exc, which happened while doing something with path."""
    where = f"{path}" if path is not None else "文件"
    if isinstance(exc, ClerkError):
        text = str(exc)
        name = Path(path).name if path is not None else ""
        return text if not name or name in text else f"{where}：{text}"
    if isinstance(exc, PermissionError):
        return f"无法{doing} {where}：没有权限，或文件正被其他程序（如 Word、Excel、WPS）占用"
    if isinstance(exc, FileNotFoundError):
        return f"找不到文件：{where}"
    if isinstance(exc, IsADirectoryError):
        return f"{where} 是一个文件夹，不是文件"
    if isinstance(exc, OSError):
        return f"无法{doing} {where}：{os_words(exc)}"
    if isinstance(exc, MemoryError):
        return f"{where} 过大，内存不足，无法{doing}"
    if isinstance(exc, RecursionError):
        return f"{where} 的结构嵌套过深，无法{doing}"
    if isinstance(exc, DecimalException):
        return f"{where} 中有无法计算的数字（过大或位数过多），请检查金额、分值和指标值"
    if isinstance(exc, UnicodeError):
        return f"{where} 中有无法识别的文字编码，无法{doing}"
    if isinstance(exc, ImportError):  # the program, not the file: never blame the clerk's file
        return f"无法{doing} {where}：程序安装不完整（缺少 {exc.name or exc}），请重新安装本程序"
    return f"{where} 无法{doing}：文件可能已损坏，或不是自评表"
