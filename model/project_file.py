"""Project files: UTF-8 JSON with a format version, written atomically."""
from __future__ import annotations

import json
import os
from pathlib import Path

from pydantic import BaseModel, ValidationError

from model.failures import ClerkError, os_words
from model.file_kinds import HEAD_BYTES, foreign_message
from model.files import atomic_write, read_checked
from model.project import Project

__all__ = ["FORMAT", "FORMAT_VERSION", "MAX_BYTES", "SUFFIX", "ProjectFileError", "atomic_write", "dumps",
           "file_stem", "load_project", "loads", "save_project"]

FORMAT = "zipingbiao-project"
FORMAT_VERSION = 1
SUFFIX = ".zpb.json"
MAX_BYTES = 20 * 1024 * 1024
# fields added after format version 1: a file may leave them out (a project's notes, whether it
# scores 预算执行率 and the 总分 it printed; a department's variance_base), and a project file
# leaves them out when they hold their default, so older versions read it as before
OPTIONAL_FIELDS = {"notes": [], "budget_item": True, "printed_total": None, "variance_base": None}


class ProjectFileError(ClerkError):
    """A project file that cannot be read or written; the message is for the clerk."""


def file_stem(path: str | os.PathLike) -> str:
    """A project or form file's name without its suffix: what its exports are named after."""
    name = Path(path).name
    for suffix in (SUFFIX, ".json", ".docx", ".xlsx"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return Path(path).stem


def dumps(project: Project) -> str:
    body = project.model_dump(mode="json")
    for name, default in OPTIONAL_FIELDS.items():
        if body.get(name, default) == default:
            body.pop(name, None)
    data = {"format": FORMAT, "format_version": FORMAT_VERSION, "project": body}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def loads(text: str, where: str = "文件") -> Project:
    return load_versioned(text, where, FORMAT, FORMAT_VERSION, "project", Project, "项目")


def load_versioned(text: str, where: str, fmt: str, version_now: int, key: str, model: type[BaseModel],
                   kind: str):
    """A JSON file of the family (project, department …): format, version, body, validation."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError, or an integer of 4,300+ digits
        raise ProjectFileError(f"{where}不是有效的{kind}文件（JSON 格式错误）") from exc
    if not isinstance(data, dict) or data.get("format") != fmt:
        raise ProjectFileError(f"{where}不是本程序的{kind}文件")
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ProjectFileError(f"{where}缺少格式版本号")
    if version > version_now:
        raise ProjectFileError(f"{where}由更新版本的程序保存（格式版本 {version}），请升级程序后再打开")
    body = data.get(key)
    if not isinstance(body, dict):
        raise ProjectFileError(f"{where}缺少{kind}内容")
    missing = [name for name in model.model_fields if name not in body and name not in OPTIONAL_FIELDS]
    if missing:
        raise ProjectFileError(f"{where}内容不完整（缺少 {'、'.join(missing)}）")
    try:
        return model.model_validate(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        loc = _LOC_WORDS.get(loc, loc)
        msg = _PYDANTIC_WORDS.get(first["type"]) or str(first["msg"]).removeprefix("Value error, ")
        raise ProjectFileError(f"{where}内容有误（{loc[:80]}：{msg[:300]}）") from exc


# a whole field's name as the clerk knows it (nested places stay as written: indicators.3.weight)
_LOC_WORDS = {"profile": "评分规则", "printed_total": "表上的总分", "variance_base": "部门预决算差异率的基数", "year": "年度"}

# pydantic's messages by error type, as a clerk (or the colleague who edited the file) reads them
_PYDANTIC_WORDS = {
    "string_type": "应为文字", "decimal_type": "应为数字", "decimal_parsing": "应为数字",
    "int_type": "应为整数", "int_parsing": "应为整数", "int_from_float": "应为整数", "list_type": "应为列表",
    "dict_type": "应为对象", "model_type": "应为对象", "missing": "缺少这一项", "extra_forbidden": "多余的一项",
    "enum": "不是可选的值", "literal_error": "不是可选的值",
    "bool_type": "应为是或否", "too_long": "条目过多", "too_short": "条目过少",
    "greater_than_equal": "数值过小", "less_than_equal": "数值过大", "finite_number": "应为有限的数字",
}


def load_project(path: str | os.PathLike) -> Project:
    """Read a project file; ProjectFileError says in Chinese what is wrong."""
    return load_project_noting_hidden(path)[0]


def load_project_noting_hidden(path: str | os.PathLike) -> tuple[Project, list[str]]:
    """A project file read once, and where its texts held invisible format characters that
    loading dropped (hidden_in_text): what check and the window say on opening it."""
    path = Path(path)
    text = read_text(path, "项目")
    return loads(text, f"文件 {path.name} "), hidden_in_text(text)


def hidden_in_text(text: str) -> list[str]:
    """Where a project file's texts hold invisible format characters (a bidi override …), which
    loading drops (model.text.clean_text): '绩效指标第 2 行·年度指标值：含有不可见的控制字符 …'.
    The file is parsed again only when its text could hold one (raw, or as a JSON escape)."""
    from model.fields import Section, field_label
    from model.text import hidden_controls, hidden_warning
    if "\\u" not in text and not hidden_controls(text):
        return []
    try:
        body = json.loads(text).get("project")
    except (ValueError, RecursionError, AttributeError):
        return []
    out: list[str] = []

    def walk(value, where: str) -> None:
        if isinstance(value, str):
            found = hidden_controls(value)
            if found:
                out.append(f"{where}：{hidden_warning(found)}")
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(v, where)
        elif isinstance(value, list):
            for v in value:
                walk(v, where)

    if not isinstance(body, dict):
        return []
    for key, value in body.items():
        if key == "indicators" and isinstance(value, list):
            for i, ind in enumerate(value):
                for f, v in (ind.items() if isinstance(ind, dict) else []):
                    walk(v, f"绩效指标第 {i + 1} 行·{field_label(f, Section.INDICATOR)}")
        elif key == "funds" and isinstance(value, list):
            walk(value, "项目资金")
        elif key == "notes":
            walk(value, "说明")
        else:
            walk(value, field_label(key))
    return out


def read_text(path: Path, kind: str) -> str:
    """A family file's text, refused when too large, unreadable, of another kind (an old .xls,
    a PDF …: said as what it is, model.file_kinds) or not UTF-8 (UTF-16 with its mark is read)."""
    try:
        raw = read_checked(path, MAX_BYTES)
    except ClerkError as exc:
        foreign = foreign_message(path, limit=HEAD_BYTES)
        raise ProjectFileError(foreign or str(exc)) from exc
    head = raw[:16].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"{") or head.startswith(b"{\\rtf"):  # not JSON: maybe a form, a PDF …
        foreign = foreign_message(path, raw)
        if foreign:
            raise ProjectFileError(foreign)
    try:
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Notepad's "Unicode"
            return raw.decode("utf-16")
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProjectFileError(f"文件 {path.name} 不是 UTF-8 编码的{kind}文件") from exc


def save_project(project: Project, path: str | os.PathLike) -> None:
    """Save atomically; ProjectFileError when the folder cannot be written."""
    save_text(dumps(project), path)


def save_text(text: str, path: str | os.PathLike) -> None:
    """Write a family file atomically; ProjectFileError says in Chinese why it could not be."""
    try:
        atomic_write(path, text.encode("utf-8"))
    except ClerkError as exc:
        raise ProjectFileError(str(exc)) from exc
    except PermissionError as exc:
        raise ProjectFileError(f"无法写入 {path}：没有权限，或文件正被其他程序占用") from exc
    except OSError as exc:
        raise ProjectFileError(f"无法写入 {path}：{os_words(exc)}") from exc
