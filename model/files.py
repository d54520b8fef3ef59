"""Files on disk, handled so that nothing a clerk owns is lost: checked reads, atomic writes.

Reads look at what a path is before opening it: a folder, a pipe or a device (/dev/zero) would
block or never end, and a huge file is no form. Writes go to a temporary file of ours beside the
target (named `.~zpb-…tmp`, so a later save can recognise and remove what a killed one left) and
replace the target in one step; they keep the target's permissions (or follow the umask for a
new file), write through a symbolic link to the file it points at, and refuse read-only targets.
"""
from __future__ import annotations

import os
import secrets
import socket
import stat
import time
from pathlib import Path

from model.failures import ClerkError, os_words

TEMP_PREFIX = ".~zpb-"
TEMP_SUFFIX = ".tmp"
STALE_AFTER_S = 3600  # a temp file this old is stale whoever wrote it (another computer, say)


class FileRefused(ClerkError, OSError):
    """A path that is not a regular file of sane size, or a target that must not be written."""


def regular_file_size(path: str | os.PathLike, limit: int) -> int:
    """The size of a regular file of at most limit bytes; FileRefused says why not, in Chinese."""
    path = Path(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise FileRefused(f"找不到文件：{path}") from None
    except PermissionError:
        raise FileRefused(f"无法读取 {path}：没有权限") from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
        raise FileRefused(f"无法读取 {path}：{os_words(exc)}") from None
    if stat.S_ISDIR(st.st_mode):
        raise FileRefused(f"{path} 是文件夹，不是文件")
    if not stat.S_ISREG(st.st_mode):
        raise FileRefused(f"{path} 不是普通文件（可能是设备或管道），已拒绝读取")
    if st.st_size > limit:
        raise FileRefused(f"{path.name} 过大（{st.st_size // 2**20} MB，超过 {limit // 2**20} MB），"
                          "不像是自评表或项目文件，已拒绝读取")
    return st.st_size


def read_checked(path: str | os.PathLike, limit: int) -> bytes:
    """A regular file's bytes, never more than limit (it may grow between the look and the read)."""
    regular_file_size(path, limit)
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except PermissionError:
        raise FileRefused(f"无法读取 {path}：没有权限，或文件正被其他程序占用") from None
    except OSError as exc:
        raise FileRefused(f"无法读取 {path}：{os_words(exc)}") from None
    if len(data) > limit:
        raise FileRefused(f"{Path(path).name} 过大，已拒绝读取")
    return data


def write_target(path: str | os.PathLike) -> Path:
    """Where writing path really goes: the file a symbolic link points at (followed to the end)."""
    path = Path(path)
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def is_read_only(path: Path) -> bool:
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISREG(mode) and not mode & stat.S_IWUSR


def atomic_write(path: str | os.PathLike, data: bytes, *, in_batch: bool = False) -> None:
    """Write data so that path holds either its old content or all of the new, never a part.

    A temporary file in the same folder is written, flushed and fsynced, then replaces path.
    FileRefused for a read-only target, which is left as it is. in_batch: one of many files a
    batch writes into path's folder, which cleans the folder's stale temporary files before and
    syncs the folder (the renames) after, once for all (`sync_folder`), not once a file.
    """
    target = write_target(path)
    by_batch = in_batch and target.parent == Path(path).parent  # a link elsewhere: its folder here
    if is_read_only(target):
        raise FileRefused(f"{path} 是只读文件，未覆盖（请另存为其他文件，或先去掉只读属性）")
    try:
        old_mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        old_mode = None
    if not by_batch:
        clean_stale_temps(target.parent)
    tmp = target.parent / _temp_name()
    # 0o666 less the umask for a new file, as any other program's save would give
    fd = -1
    try:  # the open inside: a Ctrl+C just after it still takes the temporary file away
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if old_mode is not None:
            os.chmod(tmp, old_mode)  # a colleague who could read the old file can read the new
        os.replace(tmp, target)
    except BaseException:
        if fd != -1:  # ours to remove (O_EXCL: a name taken by another save is not)
            try:
                os.unlink(tmp)
            except OSError:
                pass
        raise
    if not by_batch:
        sync_folder(target.parent)


def _host() -> str:
    name = "".join(c for c in socket.gethostname() if c.isalnum())[:24]
    return name or "host"


def _temp_name() -> str:
    return f"{TEMP_PREFIX}{_host()}-{os.getpid()}-{secrets.token_hex(4)}{TEMP_SUFFIX}"


def _stale(entry: os.DirEntry) -> bool:
    try:
        age = time.time() - entry.stat(follow_symlinks=False).st_mtime
    except OSError:
        return False
    if age > STALE_AFTER_S:
        return True
    host, _, rest = entry.name[len(TEMP_PREFIX):].partition("-")
    pid_text = rest.split("-", 1)[0]
    if host != _host() or not pid_text.isdigit():
        return False  # another computer's save on a shared folder may still be running
    pid = int(pid_text)
    if pid == os.getpid():
        return False
    if os.name == "nt":  # no cheap look at another process: give a running save a minute
        return age > 60
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def clean_stale_temps(folder: str | os.PathLike) -> int:
    """Remove temporary files that killed saves of ours left in folder; how many were removed."""
    removed = 0
    try:
        entries = list(os.scandir(os.fspath(folder)))
    except OSError:
        return 0
    for entry in entries:
        if entry.name.startswith(TEMP_PREFIX) and entry.name.endswith(TEMP_SUFFIX) and _stale(entry):
            try:
                os.unlink(entry.path)
                removed += 1
            except OSError:
                pass
    return removed


def sync_folder(folder: str | os.PathLike) -> None:
    """Make the folder's renames durable (fsync of the folder; nothing to do on Windows)."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def file_key(path: str | os.PathLike) -> tuple | str:
    """What a path is on disk: a link, `./x` or another letter case on Windows is the same file."""
    try:
        st = os.stat(path)
        if st.st_ino:
            return (st.st_dev, st.st_ino)
    except (OSError, ValueError):
        pass
    return os.path.normcase(os.path.realpath(path))


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """a and b name one file (file_key): a link, `./x`, another letter case on Windows; a file not
    there yet by its resolved name."""
    return file_key(a) == file_key(b)


def distinct_paths(paths: list[Path]) -> list[Path]:
    """Each file once, in the order first given: `summary d d` or `import a.docx ./a.docx` must
    not count (or write) a project twice."""
    seen: set = set()
    out: list[Path] = []
    for p in paths:
        key = file_key(p)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out
