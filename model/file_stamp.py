"""What a file on disk was when the program last read or wrote it: to notice changes by others.

Two windows (or a colleague on a shared folder) may edit one project file; saving over a file
that changed since it was opened would silently drop the other's work. Size and content hash
decide (the modification time alone misses quick rewrites on coarse file systems and flags
files that were only touched).
"""
from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class FileStamp:
    mtime_ns: int
    size: int
    sha256: str

    @classmethod
    def of(cls, path: str | os.PathLike) -> FileStamp | None:
        """The file's stamp (through symlinks), or None when there is no readable file."""
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):
                return None  # a FIFO or device would never end
            with open(path, "rb") as fh:
                info = os.fstat(fh.fileno())
                digest = hashlib.sha256()
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(chunk)
        except OSError:
            return None
        return cls(info.st_mtime_ns, info.st_size, digest.hexdigest())

    def changed(self, path: str | os.PathLike) -> bool:
        """True when path now holds other bytes than when stamped (a vanished file has not)."""
        try:
            info = Path(path).stat()
        except OSError:
            return False
        size = info.st_size
        if not stat.S_ISREG(info.st_mode):
            return True
        if size != self.size:
            return True
        now = FileStamp.of(path)
        return now is not None and now.sha256 != self.sha256

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: object) -> FileStamp | None:
        try:
            return cls(int(data["mtime_ns"]), int(data["size"]), str(data["sha256"]))  # type: ignore[index]
        except (TypeError, KeyError, ValueError):
            return None
