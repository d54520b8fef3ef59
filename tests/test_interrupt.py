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
