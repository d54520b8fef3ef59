"""User settings in the platform's native store (QSettings), and where the program keeps data."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

from model import DEFAULT_PROFILE, Project
from model.skeleton import skeleton_project

ORG, APP = "zpb", "项目支出绩效自评表"
DEFAULT_FIELDS = ("department", "implementer", "manager", "phone")
MAX_RECENT = 8


def settings() -> QSettings:
    """ZPB_CONFIG_DIR (tests, portable use) puts the settings in an .ini file there."""
    folder = os.environ.get("ZPB_CONFIG_DIR")
    if folder:
        return QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
    return QSettings(ORG, APP)


def data_dir() -> Path:
    folder = os.environ.get("ZPB_DATA_DIR")
    if folder:
        return Path(folder)
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(base or Path.home() / ".zpb")


def documents_dir() -> Path:
    """The clerk's 文档 folder (never the program's own folder, perhaps read-only)."""
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs) if docs and Path(docs).is_dir() else Path.home()


def last_folder() -> Path:
    """Where file dialogs start: the folder last used in one, else 文档."""
    used = str(settings().value("last_folder", "") or "")
    return Path(used) if used and Path(used).is_dir() else documents_dir()


def remember_folder(path: str | Path) -> None:
    """Note the folder of a file the clerk just chose in a dialog."""
    settings().setValue("last_folder", str(Path(path).resolve().parent))


def new_project() -> Project:
    """A new project from the standard skeleton, with the clerk's usual header, district and
    rule profile."""
    s = settings()
    p = skeleton_project(district=str(s.value("district", "朝阳区")), profile=str(s.value("profile", DEFAULT_PROFILE)))
    for field in DEFAULT_FIELDS:
        setattr(p, field, str(s.value(f"defaults/{field}", "")))
    return p


def first_start() -> bool:
    """True once: the first time the window opens on this computer."""
    s = settings()
    if s.value("started", False, type=bool):
        return False
    s.setValue("started", True)
    return True


def hint_wanted() -> bool:
    """The first-start hint is shown at every start until the clerk dismisses it (知道了)."""
    return not settings().value("hint_dismissed", False, type=bool)


def dismiss_hint() -> None:
    settings().setValue("hint_dismissed", True)


def recent_files() -> list[str]:
    value = settings().value("recent", [])
    if isinstance(value, str):
        value = [value]
    return [v for v in value or [] if v]


def add_recent(path: str) -> list[str]:
    items = [path] + [p for p in recent_files() if p != path]
    settings().setValue("recent", items[:MAX_RECENT])
    return items[:MAX_RECENT]
