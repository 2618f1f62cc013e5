"""Cold start to the shown main window on the demo region, against a bare PySide6 window.
Goal (issue 2): within 4× the bare window."""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
from pathlib import Path

from common import heading, report, run_python

BARE = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1280, 800); w.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""

STYRKORT = """
import sys
from PySide6.QtCore import QTimer
from app.views.application import make_application, open_database, WindowManager
app = make_application()
manager = WindowManager()
manager.show(open_database(None))
QTimer.singleShot(0, app.quit)
app.exec()
"""


def main(repeat: int = 5) -> None:
    heading("Start-up (issue 2)")
    data = Path(tempfile.mkdtemp(prefix="styrkort-bench-"))
    env = {**os.environ, "STYRKORT_DATA_DIR": str(data), "XDG_CONFIG_HOME": str(data / "config")}
    run_python(STYRKORT, env)  # first start builds the demo database; measure warm-file starts
    bare = statistics.median(run_python(BARE, env) for _ in range(repeat))
    ours = statistics.median(run_python(STYRKORT, env) for _ in range(repeat))
    report("bare PySide6 window shown", bare, "bare", bare)
    report("Styrkort main window shown on Exempelregionen", ours, "bare", bare, goal=4)
    shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
