"""Saves and checked reads: modes follow the umask, links are written through, read-only files are
refused, what killed saves leave is cleaned, and no read waits on a pipe or a device."""
from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from model import Project
from model.files import TEMP_PREFIX, FileRefused, atomic_write, clean_stale_temps, read_checked
from model.project_file import ProjectFileError, load_project, save_project

ROOT = Path(__file__).resolve().parents[2]
posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX modes, links and pipes")


@posix_only
def test_a_new_file_follows_the_umask_and_an_old_one_keeps_its_mode(tmp_path):
    old = os.umask(0o022)
    try:
        save_project(Project(), tmp_path / "new.zpb.json")
        assert (tmp_path / "new.zpb.json").stat().st_mode & 0o777 == 0o644
        shared = tmp_path / "shared.zpb.json"
        shared.write_text("{}", encoding="utf-8")
        shared.chmod(0o664)
        save_project(Project(), shared)
        assert shared.stat().st_mode & 0o777 == 0o664
    finally:
        os.umask(old)


@posix_only
def test_saving_through_a_symlink_updates_its_target(tmp_path):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "p.zpb.json"
    save_project(Project(name="旧"), target)
    link = tmp_path / "p.zpb.json"
    link.symlink_to(target)
    save_project(Project(name="新"), link)
    assert link.is_symlink() and load_project(target).name == "新"
    chained = tmp_path / "chain.zpb.json"
    chained.symlink_to(link)
    save_project(Project(name="再"), chained)
    assert chained.is_symlink() and link.is_symlink() and load_project(target).name == "再"


def test_a_read_only_target_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "p.zpb.json"
    save_project(Project(name="签过字的"), path)
    path.chmod(0o444)
    with pytest.raises(ProjectFileError, match="只读"):
        save_project(Project(name="改"), path)
    assert load_project(path).name == "签过字的"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(TEMP_PREFIX)]


def _host() -> str:
    return "".join(c for c in socket.gethostname() if c.isalnum())[:24] or "host"


@posix_only
def test_stale_temp_files_of_ours_are_cleaned_and_others_kept(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f"{TEMP_PREFIX}{_host()}-{dead.pid}-abcd1234.tmp"
    running = tmp_path / f"{TEMP_PREFIX}{_host()}-{os.getppid()}-abcd1234.tmp"
    elsewhere = tmp_path / f"{TEMP_PREFIX}otherpc-{dead.pid}-abcd1234.tmp"
    old = tmp_path / f"{TEMP_PREFIX}otherpc-1-00000000.tmp"
    foreign = tmp_path / ".p.zpb.json.x.tmp"
    for p in (stale, running, elsewhere, old, foreign):
        p.write_bytes(b"half")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    save_project(Project(), tmp_path / "p.zpb.json")
    assert not stale.exists() and not old.exists()
    assert running.exists() and elsewhere.exists() and foreign.exists()


@posix_only
@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_reads_refuse_what_is_not_a_regular_file_without_waiting(tmp_path, kind):
    path = {"fifo": tmp_path / "p.zpb.json", "device": Path("/dev/zero"), "folder": tmp_path}[kind]
    if kind == "fifo":
        os.mkfifo(path)
    with pytest.raises(FileRefused):
        read_checked(path, 1000)
    with pytest.raises(ProjectFileError):
        load_project(path)


_CHILD = r"""
import sys
sys.path.insert(0, sys.argv[1])
from model.examples import EXAMPLE
from model.project_file import load_project, save_project
from model.files import atomic_write
project = load_project(EXAMPLE)
project.goal = "长" * 200000  # big enough that a kill often lands inside a write
blob = bytes(range(256)) * 8192
print("ready", flush=True)
while True:
    save_project(project, sys.argv[2])
    atomic_write(sys.argv[3], blob)
"""


@posix_only
def test_saves_killed_at_random_points_never_leave_a_half_written_file(tmp_path):
    """kill -9 fifty times while saving a project and writing an export: each file under its
    real name is whole (or absent), and the next save cleans the temporary files left."""
    project, export = tmp_path / "p.zpb.json", tmp_path / "p.docx"
    rng = random.Random(9)
    for _ in range(50):
        child = subprocess.Popen([sys.executable, "-c", _CHILD, str(ROOT), str(project), str(export)],
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0, 0.15))
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        if project.exists():
            assert len(load_project(project).goal) == 200000
        if export.exists():
            assert export.read_bytes() == bytes(range(256)) * 8192
    assert project.exists() and export.exists()
    save_project(Project(), tmp_path / "next.zpb.json")
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(TEMP_PREFIX)]


@posix_only
def test_the_window_start_cleans_what_killed_saves_left(tmp_path, monkeypatch):
    from ui import app
    monkeypatch.setattr(app, "data_dir", lambda: tmp_path / "data")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = tmp_path / f"{TEMP_PREFIX}{_host()}-{dead.pid}-00aa11bb.tmp"
    left.write_bytes(b"half")
    save_project(Project(), tmp_path / "p.zpb.json")
    left.write_bytes(b"half again")  # as if killed once more after that save
    app.clean_leftovers(str(tmp_path / "p.zpb.json"))
    assert not left.exists()
