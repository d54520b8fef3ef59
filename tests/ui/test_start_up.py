"""The window's start-up shortcuts (ui/app.py) keep the program whole: a fresh process shows the
example, the model loaded before Qt (whose import hook would read every later module's source),
its modules frozen for the garbage collector and the collector running again."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

START = """
import gc, json, sys
sys.path.insert(0, sys.argv[1])
from ui.app import make_app, open_window
app = make_app()
w = open_window(None); w.show(); app.processEvents()
print(json.dumps({
    "title": w.windowTitle(),
    "total": w.total_bar.total.text(),
    "indicators": w.indicator_model.rowCount(),
    "gc_enabled": gc.isenabled(),
    "frozen": gc.get_freeze_count(),
    "loaded": list(sys.modules),  # in the order they were imported
}))
w.recovery.close()
"""


def test_a_fresh_start_shows_the_example_with_the_collector_back_on(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ZPB_DATA_DIR=str(tmp_path), ZPB_CONFIG_DIR=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", START, str(ROOT)], env=env, capture_output=True,
                          text=True, timeout=120, check=True)
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert "示例" in seen["title"] and seen["total"].startswith("总分")
    assert seen["indicators"] > 5  # the example's indicators, validated by pydantic models
    loaded = seen["loaded"]
    assert loaded.index("pydantic") < loaded.index("model.project") < loaded.index("PySide6")
    assert seen["gc_enabled"] and seen["frozen"] > 10_000  # the modules frozen, collection back on

