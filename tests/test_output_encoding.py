"""A batch script reads the program's piped output as UTF-8 whatever the code page, and a
console that cannot show a character gets a replacement, never a crash (issues 9 and 10).

PYTHONIOENCODING stands in for the Windows ANSI code page here; the Windows stage of CI runs
the real thing (zpb.exe under Wine on code pages 936 and 1252, tests/test_frozen.py)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def piped(*args: str, encoding: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING=encoding)
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, env=env,
                          timeout=120)


@pytest.mark.parametrize("encoding", ["cp1252", "gbk", "ascii"])
def test_piped_output_is_utf8_on_any_code_page(tmp_path, encoding):
    example = tmp_path / "例 子.zpb.json"
    made = piped("new", str(example), "--example", encoding=encoding)
    assert made.returncode == 0 and str(example) in made.stdout.decode("utf-8")
    out = piped("check", str(example), encoding=encoding)
    assert out.returncode == 0, out.stderr.decode("utf-8", "replace")
    assert "总分：100" in out.stdout.decode("utf-8")
    missing = piped("check", str(tmp_path / "没有.zpb.json"), encoding=encoding)
    assert missing.returncode == 2 and "没有.zpb.json" in missing.stderr.decode("utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal is POSIX's")
def test_a_console_that_cannot_show_chinese_gets_replacements(tmp_path):
    import pty
    example = tmp_path / "例.zpb.json"
    assert piped("new", str(example), "--example", encoding="utf-8").returncode == 0
    env = dict(os.environ, PYTHONIOENCODING="ascii")
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "check", str(example)], env=env,
                            stdin=subprocess.DEVNULL, stdout=follower, stderr=follower)
    os.close(follower)
    shown = b""
    try:
        while chunk := os.read(leader, 65536):
            shown += chunk
    except OSError:  # EIO: the program ended and closed the terminal
        pass
    finally:
        os.close(leader)
    code = proc.wait(timeout=120)
    assert code == 0, shown[-400:]
    assert b"100.00%" in shown and b"?" in shown and b"Traceback" not in shown
