"""Run one job per input on every core when there are many: `export` of a unit's folder.

Each job is a module-level function whose output (stdout, stderr) is captured in the worker and
written by the parent in the inputs' order, so a batch script reads the same lines as before.
Workers get chunks of inputs and hand back only text: memory stays flat whatever the count.
"""
from __future__ import annotations

import contextlib
import io
import os
import signal
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat

PARALLEL_FROM = 8  # fewer inputs than this: starting workers costs more than it saves
MAX_WORKERS = 4


def workers() -> int:
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS))


def _captured(func: Callable[..., int], job: tuple, extra: tuple) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = func(*job, *extra)
    return code, out.getvalue(), err.getvalue()


def run_each(func: Callable[..., int], jobs: Sequence[tuple], *extra,
             prepare: Callable[[], object] | None = None) -> int:
    """func(*job, *extra) for every job; the highest exit code wins (2 unreadable > 1 failed > 0).
    prepare runs once before the jobs: where workers are forked (Linux), what it loads is loaded
    once for all of them instead of once in each."""
    code = 0
    n = workers()
    if prepare is not None:
        prepare()
    if len(jobs) < PARALLEL_FROM or n < 2:
        for job in jobs:
            code = max(code, func(*job, *extra))
        return code
    chunk = max(1, min(16, len(jobs) // (n * 4)))
    with ProcessPoolExecutor(n, initializer=_leave_interrupt_to_parent) as pool:
        try:
            for result, out, err in pool.map(_captured, repeat(func), jobs, repeat(extra), chunksize=chunk):
                sys.stdout.write(out)
                sys.stderr.write(err)
                code = max(code, result)
        except KeyboardInterrupt:  # the chunks being written finish whole; the rest never start
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return code


def _leave_interrupt_to_parent() -> None:
    """Ctrl+C reaches every process of the console. A worker stopped by it between two chunks
    broke the pool, whose other workers were then killed mid-write (SIGTERM: no cleanup, their
    temporary files left). So the parent alone stops the batch, and workers end their chunk."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
