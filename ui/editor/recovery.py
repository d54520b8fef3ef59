"""Unsaved work survives a crash: an autosaved copy per open window, found again on next start
(the editor's project copies; 部门整体's department copies under names of their own).

Each window holds a QLockFile beside its recovery copy. A lock that can be taken on start
belonged to a program that did not end normally, so its copy is offered back. A copy is removed
only when the clerk has answered for it: declined, or recovered and then saved (a recovered copy
is first adopted as the new window's own, so a second crash loses nothing).
"""
from __future__ import annotations

import itertools
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLockFile

from model.file_stamp import FileStamp
from model.files import clean_stale_temps
from model.project_file import ProjectFileError, atomic_write, dumps, loads

_SERIAL = itertools.count(1)  # several windows in one process each keep their own copy


@dataclass(frozen=True)
class CopyKind:
    """What a store keeps: a project's copies (the editor's) or a department's (部门整体's), each
    under its own names, so one kind's start never offers or sweeps the other's."""
    prefix: str
    suffix: str
    dumps: Callable[[Any], str]
    loads: Callable[[str], Any]


PROJECT_COPIES = CopyKind("recovery", ".zpb.json", dumps, loads)
DEPARTMENT_COPY_NAMES = ("department", ".zpbdept.json")  # 部门整体's copies (ui/department/dialog.py)


@dataclass
class Recovered:
    project: Any  # a Project (or a Department for 部门整体's store)
    original: str | None  # the file the work belonged to, if it had one
    copy: Path
    lock: Path
    stamp: FileStamp | None = None  # the original file as the crashed window last knew it
    held: QLockFile | None = field(default=None, repr=False)  # held while it is offered


class RecoveryStore:
    def __init__(self, folder: Path, kind: CopyKind = PROJECT_COPIES) -> None:
        self.folder = Path(folder)
        self.kind = kind
        self.folder.mkdir(parents=True, exist_ok=True)
        stem = f"{kind.prefix}-{os.getpid()}-{next(_SERIAL)}"
        self.copy = self.folder / f"{stem}{kind.suffix}"
        self.meta = self.copy.with_suffix(".meta")
        self.lock = QLockFile(str(self.folder / f"{stem}.lock"))
        self.lock.setStaleLockTime(0)
        self.lock.tryLock(0)
        self.unreadable: list[Path] = []  # copies left_behind could not read, set aside

    def save(self, project: Any, original: Path | str | None, stamp: FileStamp | None = None) -> None:
        meta = {"original": str(original) if original else None, "stamp": stamp.to_json() if stamp else None}
        atomic_write(self.meta, json.dumps(meta).encode())
        atomic_write(self.copy, self.kind.dumps(project).encode("utf-8"))

    def adopt(self, found: Recovered) -> None:
        """Make a recovered copy this window's own before the old one goes: kept until saved."""
        self.save(found.project, found.original, found.stamp)
        self.forget(found)

    def discard(self) -> None:
        _remove(self.copy, self.meta)

    def close(self) -> None:
        """A normal end: nothing to recover."""
        self.discard()
        self.lock.unlock()

    def left_behind(self) -> list[Recovered]:
        """Copies of programs that ended without closing (their lock is free to take).

        Each one found stays locked by this program until it is forgotten or adopted, so two
        programs starting together never offer the same copy twice.
        """
        found = []
        suffix = self.kind.suffix
        for copy in sorted(self.folder.glob(f"{self.kind.prefix}-*{suffix}"), key=_age):
            if copy == self.copy:
                continue
            lock_path = copy.with_name(copy.name[:-len(suffix)] + ".lock")
            other = QLockFile(str(lock_path))
            other.setStaleLockTime(0)
            if not other.tryLock(0):
                continue  # that program is still running, or another one is offering it
            try:
                project = self.kind.loads(copy.read_text(encoding="utf-8"))
            except (ProjectFileError, OSError, UnicodeDecodeError, ValueError):
                # never deleted unoffered: set aside where the clerk is told to look
                aside = copy.with_name(copy.name[:-len(suffix)] + ".unreadable.json")
                try:
                    os.replace(copy, aside)
                    self.unreadable.append(aside)
                except OSError:
                    pass
                _remove(copy.with_suffix(".meta"))
                other.unlock()
                continue
            meta = {}
            try:
                meta = json.loads(copy.with_suffix(".meta").read_text(encoding="utf-8"))
            except (OSError, ValueError):
                pass
            meta = meta if isinstance(meta, dict) else {}
            original = meta.get("original")
            found.append(Recovered(project, original if isinstance(original, str) else None, copy, lock_path,
                                   FileStamp.from_json(meta.get("stamp")), other))
        self._clean_orphans()
        return found

    def _clean_orphans(self) -> None:
        """Temp files and metadata of programs killed mid-write whose copy is gone."""
        clean_stale_temps(self.folder)
        own = self.copy.name.split(".")[0]
        for path in self.folder.glob(f"{self.kind.prefix}-*.meta"):
            stem = path.name.split(".")[0]
            if stem == own or (self.folder / f"{stem}{self.kind.suffix}").exists():
                continue  # this window's own, or a copy left_behind has just dealt with
            lock_path = self.folder / f"{stem}.lock"
            other = QLockFile(str(lock_path))
            other.setStaleLockTime(0)
            if other.tryLock(0):  # its program is gone
                _remove(path)
                other.unlock()

    @staticmethod
    def waiting(folder: Path, prefix: str, suffix: str) -> list[str]:
        """The originals of the copies (named prefix-…suffix) that crashed programs left (their
        locks are free), looked at without taking them: a start says where they will be offered."""
        originals = []
        for copy in sorted(Path(folder).glob(f"{prefix}-*{suffix}"), key=_age):
            lock = QLockFile(str(copy.with_name(copy.name[:-len(suffix)] + ".lock")))
            lock.setStaleLockTime(0)
            if not lock.tryLock(0):
                continue  # its program is still running
            lock.unlock()
            try:
                original = json.loads(copy.with_suffix(".meta").read_text(encoding="utf-8")).get("original")
            except (OSError, ValueError, AttributeError):
                original = None
            originals.append(original if isinstance(original, str) else str(copy))
        return originals

    @staticmethod
    def forget(recovered: Recovered) -> None:
        _remove(recovered.copy, recovered.copy.with_suffix(".meta"))
        if recovered.held is not None:
            recovered.held.unlock()  # removes the lock file
            recovered.held = None

    @staticmethod
    def release(recovered: Recovered) -> None:
        """Not answered for (the program ends first): left for the next start to offer."""
        if recovered.held is not None:
            recovered.held.unlock()
            recovered.held = None


def _age(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _remove(*paths: Path) -> None:
    for path in paths:
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError:
            pass  # another program's file it still holds open (Windows): left for next time
