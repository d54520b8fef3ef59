"""The open folder in the window: its entries read a slice at a time, kept in step with the disk.

A QTimer reads files in slices of a few milliseconds, so the first rows show at once and the
window answers while a thousand projects load. A QFileSystemWatcher on the folder and its files
brings in what others change; a re-scan compares each file's size and time with what was read.
"""
from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QFile, QFileSystemWatcher, QObject, QTimer, Signal

from model.project import Project
from model.file_names import name_key
from model.project_file import SUFFIX, save_project
from model.unit import Unit, UnitEntry, free_path, name_for_file, project_paths, read_entries

FIRST_SLICE_S = 0.02  # the first rows show at once
SLICE_S = 0.1  # then reading between two looks at the event loop: the window still answers


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def _prepared(entries: list[UnitEntry]) -> list[UnitEntry]:
    for e in entries:  # derived values computed while reading, so painting and sorting are cheap
        e.problems  # noqa: B018 - computes evaluation and problems once
    return entries


class UnitFolder(QObject):
    """The Unit of one folder, for the overview; every change to its entries is announced."""

    inserting = Signal(int, int)  # first row, count
    inserted = Signal()
    removing = Signal(int)  # row
    removed = Signal()
    changed = Signal(int)  # row whose entry was re-read or edited
    progress = Signal(int, int)  # read so far, files in all
    loaded = Signal()  # every file read (or the reading cancelled)

    def __init__(self, folder: str | Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = Path(folder)
        self.unit = Unit(self.folder, [])
        self.stamps: dict[Path, tuple[int, int] | None] = {}
        self.unsaved: set[Path] = set()  # open in an editor with changes not yet saved
        self._queue: list[Path] = []
        self._total = 0
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._read_slice)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(lambda _p: self._rescan_soon.start())
        self.watcher.fileChanged.connect(lambda _p: self._rescan_soon.start())
        self._rescan_soon = QTimer(self)
        self._rescan_soon.setSingleShot(True)
        self._rescan_soon.setInterval(300)  # a save is several events: one look after the last
        self._rescan_soon.timeout.connect(self.rescan)

    @property
    def entries(self) -> list[UnitEntry]:
        return self.unit.entries

    @property
    def loading(self) -> bool:
        return self._timer.isActive()

    # --- reading -------------------------------------------------------------------------------
    def start(self) -> None:
        """Read the folder from the event loop, a slice at a time; `loaded` says when done."""
        self._queue = project_paths(self.folder)
        self._total = len(self._queue)
        self._queue.reverse()  # popped from the end: file-name order
        self.watcher.addPath(str(self.folder))
        self._timer.start()

    def load_all(self) -> None:
        """Read everything now (tests, scripts)."""
        self.start()
        while self._timer.isActive():
            self._read_slice()

    def cancel(self) -> None:
        """Stop reading: the rows read so far stay; a re-scan later picks up the rest."""
        if self._timer.isActive():
            self._timer.stop()
            self._queue.clear()
            self.watcher.addPaths([str(e.path) for e in self.entries])
            self.loaded.emit()

    def _read_slice(self) -> None:
        end = time.perf_counter() + (SLICE_S if self.entries else FIRST_SLICE_S)
        batch: list[UnitEntry] = []
        while self._queue and time.perf_counter() < end:
            path = self._queue.pop()
            self.stamps[path] = _stamp(path)
            batch += _prepared(read_entries(path))
        if batch:
            first = len(self.entries)
            self.inserting.emit(first, len(batch))
            self.entries.extend(batch)
            self.inserted.emit()
        self.progress.emit(self._total - len(self._queue), self._total)
        if not self._queue:
            self._timer.stop()
            # the files are watched once all are read: one call, not one a slice
            self.watcher.addPaths([str(e.path) for e in self.entries])
            self.loaded.emit()

    def rescan(self) -> None:
        """Bring the entries in step with the folder: new files in, gone ones out, changed re-read."""
        if self.loading:
            return
        on_disk = {p: _stamp(p) for p in project_paths(self.folder)} if self.folder.is_dir() else {}
        for row in reversed(range(len(self.entries))):
            if self.entries[row].path not in on_disk:
                self._remove_row(row)
        for row, entry in enumerate(self.entries):
            stamp = on_disk.get(entry.path)
            if stamp != self.stamps.get(entry.path) and entry.path not in self.unsaved:
                self.reload(entry.path)
        known = {e.path for e in self.entries}
        new = [p for p in on_disk if p not in known]
        for path in new:
            self._add(path)

    def _add(self, path: Path) -> UnitEntry:
        self.stamps[path] = _stamp(path)
        entries = _prepared(read_entries(path))
        row = len(self.entries)
        self.inserting.emit(row, len(entries))
        self.entries.extend(entries)
        self.inserted.emit()
        self.watcher.addPath(str(path))
        return entries[0]

    def _remove_row(self, row: int) -> None:
        path = self.entries[row].path
        self.removing.emit(row)
        del self.entries[row]
        self.removed.emit()
        self.stamps.pop(path, None)
        self.watcher.removePath(str(path))

    def row_of(self, path: Path) -> int | None:
        return next((i for i, e in enumerate(self.entries) if e.path == path), None)

    def reload(self, path: Path) -> None:
        """Read one file again (after an editor closed, or a change on disk)."""
        row = self.row_of(path)
        if row is None:
            return
        self.stamps[path] = _stamp(path)
        fresh = read_entries(path)[0]
        self.entries[row].replace(fresh.project, fresh.error)
        _prepared([self.entries[row]])
        self.watcher.addPath(str(path))  # an atomic save replaces the file: watch the new one
        self.changed.emit(row)

    def edited(self, path: Path, project: Project, saved: bool) -> None:
        """A project open in the editor changed: its row follows as the clerk types."""
        row = self.row_of(path)
        if row is None:
            return
        (self.unsaved.discard if saved else self.unsaved.add)(path)
        self.entries[row].replace(project)
        _prepared([self.entries[row]])
        self.changed.emit(row)

    # --- file actions --------------------------------------------------------------------------
    def add_project(self, project: Project, name: str = "") -> UnitEntry:
        """Save project as a new file of the folder (never over another) and show its row."""
        path = free_path(self.folder, name_for_file(name or project.name))
        save_project(project, path)
        return self._add(path)

    def move_to_trash(self, path: Path) -> bool:
        """Into the system's trash (recoverable), never deleted; False when the system refused."""
        ok = QFile(str(path)).moveToTrash()
        if ok:
            row = self.row_of(path)
            if row is not None:
                self._remove_row(row)
        return bool(ok)

    def rename(self, path: Path, new_stem: str) -> Path:
        """Rename a project's file; FileExistsError when the name is taken."""
        target = self.folder / f"{name_for_file(new_stem)}{SUFFIX}"
        other = next((p for p in self.folder.iterdir() if name_key(p.name) == name_key(target.name)
                      and name_key(p.name) != name_key(path.name)), None)
        if other is not None:  # compared as Windows does: the folder must stay copyable there
            raise FileExistsError(f"文件夹中已有 {other.name}，请换一个名称")
        if target == path:
            return path
        path.rename(target)
        row = self.row_of(path)
        if row is not None:
            entry = self.entries[row]
            self.watcher.removePath(str(path))
            self.stamps[target] = self.stamps.pop(path, None)
            entry.path = target
            self.watcher.addPath(str(target))
            self.changed.emit(row)
        return target
