"""Ctrl+C in the middle of a batch (`export DIR --outdir O` over many projects, in workers): the
clerk is told it stopped and what it left — no traceback — and every file in the output folder is
whole (no half-written form, no temporary file left)."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

EXAMPLE = ROOT / "model" / "examples" / "example.zpb.json"


@pytest.mark.skipif(os.name == "nt", reason="a console's Ctrl+C is a POSIX signal to the process group here")
def test_ctrl_c_mid_batch_says_so_and_leaves_only_whole_files(tmp_path):
    folder = tmp_path / "单位"
    folder.mkdir()
    for k in range(40):  # enough for the workers (cli/parallel.PARALLEL_FROM) and for a second
        shutil.copy(EXAMPLE, folder / f"项目{k}.zpb.json")
    out = tmp_path / "导出"
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "export", str(folder), "--outdir", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, start_new_session=True,
                            # as in a console: a runner started in the background (no job control)
                            # hands its children SIGINT ignored, and Python then never raises it
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (out.is_dir() and any(out.glob("*.docx"))):
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl+C in a console does: the whole foreground group
    _, err_bytes = proc.communicate(timeout=120)
    err = err_bytes.decode("utf-8")
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert "已中断" in err, (proc.returncode, err, len(list(out.iterdir())))
    assert proc.returncode != 0  # a script sees the batch did not finish
    names = [p.name for p in out.iterdir()]
    assert names and all(n.endswith((".docx", ".xlsx")) for n in names), names  # no temporary file
    for p in out.iterdir():
        assert zipfile.ZipFile(p).testzip() is None


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="finds the workers through Linux's /proc")
def test_a_worker_hit_by_ctrl_c_finishes_its_chunk_and_leaves_the_batch_to_the_parent(tmp_path):
    """Ctrl+C reaches the workers too. One that died of it broke the pool, and the pool killed the
    others mid-write (their temporary files left). Workers leave Ctrl+C to the parent: a SIGINT to
    the workers alone changes nothing, and the batch ends whole."""
    folder = tmp_path / "单位"
    folder.mkdir()
    for k in range(40):
        shutil.copy(EXAMPLE, folder / f"项目{k}.zpb.json")
    out = tmp_path / "导出"
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "export", str(folder), "--outdir", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
    deadline = time.monotonic() + 60
    workers: list[int] = []
    def ignoring_ctrl_c(pid: int) -> bool:  # started: its initializer has run (SigIgn bit of SIGINT)
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            return False
        mask = next(line.split()[1] for line in status.splitlines() if line.startswith("SigIgn:"))
        return bool(int(mask, 16) & 1 << (signal.SIGINT - 1))

    while time.monotonic() < deadline and proc.poll() is None:
        try:
            workers = [int(p) for p in children.read_text().split()]
        except OSError:
            break
        if workers and (all(ignoring_ctrl_c(pid) for pid in workers) or any(out.glob("*.docx"))):
            break  # every worker started, or (a program that does not ignore it) one has written
        time.sleep(0.02)
    assert workers, "the batch started no workers"
    for pid in workers:
        os.kill(pid, signal.SIGINT)
    _, err_bytes = proc.communicate(timeout=120)
    err = err_bytes.decode("utf-8")
    assert proc.returncode == 0, (proc.returncode, err)
    assert "Traceback" not in err, err
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 80 and all(n.endswith((".docx", ".xlsx")) for n in names), names
