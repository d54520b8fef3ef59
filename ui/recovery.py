"""Unsaved work survives a crash: an autosaved copy per running window, found again on next start.

Each running program holds a QLockFile beside its recovery copy. A lock that can be taken on
start belonged to a program that did not end normally, so its copy is offered back.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile

from model import Project
from model.project_file import ProjectFileError, atomic_write, dumps, loads


@dataclass
class Recovered:
    project: Project
    original: str | None  # the file the work belonged to, if it had one
    copy: Path
    lock: Path


class RecoveryStore:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.copy = self.folder / f"recovery-{os.getpid()}.zpb.json"
        self.meta = self.copy.with_suffix(".meta")
        self.lock = QLockFile(str(self.folder / f"recovery-{os.getpid()}.lock"))
        self.lock.setStaleLockTime(0)
        self.lock.tryLock(0)

    def save(self, project: Project, original: Path | None) -> None:
        atomic_write(self.meta, json.dumps({"original": str(original) if original else None}).encode())
        atomic_write(self.copy, dumps(project).encode("utf-8"))

    def discard(self) -> None:
        for path in (self.copy, self.meta):
            try:
                path.unlink()
            except FileNotFoundError:
                pass

    def close(self) -> None:
        """A normal end: nothing to recover."""
        self.discard()
        self.lock.unlock()

    def left_behind(self) -> list[Recovered]:
        """Copies of programs that ended without closing (their lock is free to take)."""
        found = []
        for copy in sorted(self.folder.glob("recovery-*.zpb.json")):
            if copy == self.copy:
                continue
            lock_path = copy.with_name(copy.name.replace(".zpb.json", ".lock"))
            other = QLockFile(str(lock_path))
            other.setStaleLockTime(0)
            if lock_path.exists() and not other.tryLock(0):
                continue  # that program is still running
            other.unlock()
            try:
                project = loads(copy.read_text(encoding="utf-8"))
            except (ProjectFileError, OSError, UnicodeDecodeError):
                _remove(copy, copy.with_suffix(".meta"), lock_path)
                continue
            original = None
            try:
                original = json.loads(copy.with_suffix(".meta").read_text(encoding="utf-8")).get("original")
            except (OSError, ValueError, AttributeError):
                pass
            found.append(Recovered(project, original, copy, lock_path))
        return found

    @staticmethod
    def forget(recovered: Recovered) -> None:
        _remove(recovered.copy, recovered.copy.with_suffix(".meta"), recovered.lock)


def _remove(*paths: Path) -> None:
    for path in paths:
        try:
            path.unlink()
        except FileNotFoundError:
            pass
