"""Cold start to the shown main window on the demo region, against a bare PySide6 window.
Goal (issue 2): within 4× the bare window.

Each start is a fresh interpreter. The clock runs from just before the process is spawned to
the first turn of the event loop after `show()` (the window is on screen and painted); the
child prints that moment and leaves with os._exit, so interpreter teardown is not counted for
either side."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, heading, report

SHOWN = """
import os, time
from PySide6.QtCore import QTimer
def shown():
    print(time.time(), flush=True)
    os._exit(0)
QTimer.singleShot(0, shown)
app.exec()
"""

BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1280, 800); w.show()
""" + SHOWN

STYRKORT = """
from app.views.application import make_application, open_database, WindowManager
app = make_application()
manager = WindowManager()
manager.show(open_database(None))
""" + SHOWN


def time_to_shown(code: str, env: dict[str, str]) -> float:
    start = time.time()
    out = subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env=env,
                         capture_output=True, text=True).stdout
    return float(out.split()[-1]) - start


def main(repeat: int = 7) -> None:
    heading("Start-up (issue 2)")
    data = Path(tempfile.mkdtemp(prefix="styrkort-bench-"))
    env = {**os.environ, "STYRKORT_DATA_DIR": str(data), "XDG_CONFIG_HOME": str(data / "config")}
    time_to_shown(STYRKORT, env)  # the first start builds the demo database; measure later starts
    bare, ours = [], []
    for _ in range(repeat):  # interleaved, so a burst of load hits both alike
        bare.append(time_to_shown(BARE, env))
        ours.append(time_to_shown(STYRKORT, env))
    baseline = statistics.median(bare)
    report("bare PySide6 window shown", baseline, "bare", baseline)
    report("Styrkort main window shown on Exempelregionen", statistics.median(ours), "bare", baseline, goal=4)
    shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
