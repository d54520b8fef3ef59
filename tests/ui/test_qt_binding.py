"""The Qt binding itself must survive a long editing session: every edit emits many signals."""
from __future__ import annotations

import subprocess
import sys

SCRIPT = """
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication([])
class Source(QObject):
    changed = Signal(str, object)
s = Source()
s.changed.connect(lambda *a: None)
for i in range(20000):
    s.changed.emit("funds", i)
print("ok")
"""


def test_many_signal_emits_do_not_corrupt_the_interpreter():
    """PySide6 6.12.0 released a reference to True on each emit and crashed (pyproject pins)."""
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-500:]
