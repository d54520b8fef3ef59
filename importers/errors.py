"""What the readers raise: a file that holds no form, or several where one was asked for."""
from __future__ import annotations

from model.failures import ClerkError


class NotAForm(ClerkError, ValueError):
    """The file holds no 项目支出绩效自评表; the message is for the clerk."""


class ManyForms(NotAForm):
    """The file holds more than one 自评表: reading only the first would silently drop the rest."""

    def __init__(self, message: str, count: int) -> None:
        super().__init__(message)
        self.count = count


def refuse_many(name: str, count: int) -> None:
    """ManyForms when a file holds more than one form, naming the file and how many it holds."""
    if count > 1:
        raise ManyForms(f"{name} 中有 {count} 张自评表：请用“import {name} --outdir 文件夹”把每张表读成"
                        "一个项目文件（在窗口中打开时可以选择其中一张）", count)
