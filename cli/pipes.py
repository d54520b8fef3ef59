"""Output to a reader that went away (`zpb export DIR | head -1`): the batch goes on, silently.

A closed pipe raised BrokenPipeError from the first print after it closed, a traceback that also
stopped the work half done (later files not exported). Now the first failed write points the
stream at the null device, so every later line is dropped and the exit code is the work's own.
"""
from __future__ import annotations

import errno
import os
import sys
from typing import TextIO

_CLOSED = (errno.EPIPE, errno.EINVAL)  # Windows says EINVAL for a pipe closed by its reader


class ClosedPipeGuard:
    """A stream whose writes never raise because its reader went away."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._gone = False

    def _guarded(self, call, *args):
        if self._gone:
            return None
        try:
            return call(*args)
        except OSError as exc:
            if not isinstance(exc, BrokenPipeError) and exc.errno not in _CLOSED:
                raise
            self._drop()
            return None

    def _drop(self) -> None:
        """Later writes (and the interpreter's last flush) go to the null device."""
        self._gone = True
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, self._stream.fileno())
            os.close(null)
        except (OSError, ValueError, AttributeError):
            pass

    def write(self, text: str) -> int:
        self._guarded(self._stream.write, text)
        return len(text)

    def flush(self) -> None:
        self._guarded(self._stream.flush)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def guard_stdout() -> None:
    """Called once by the program (not by tests, whose output is captured): stdout and stderr,
    since `2>&1 | head -1` closes both."""
    if sys.stdout is not None and not isinstance(sys.stdout, ClosedPipeGuard):
        sys.stdout = ClosedPipeGuard(sys.stdout)
    if sys.stderr is not None and not isinstance(sys.stderr, ClosedPipeGuard):
        sys.stderr = ClosedPipeGuard(sys.stderr)
