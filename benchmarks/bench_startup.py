"""Cold start to the first paint of the main window on the demo region, against a bare PySide6
window, as whole processes (issues 2 and 14). Goal: within 4× the bare window.

Each start is a fresh process: the clock runs from just before it is spawned (so interpreter
start-up and every import count) to the turn of the event loop after the window's first paint;
the child prints that moment and leaves with os._exit, so teardown is not counted for either
side. Styrkort is started as a planner starts it (`main.py --db FILE`, and the bundle's
`dist/styrkort/styrkort --db FILE` when `make dist` has built it) with STYRKORT_STARTUP_PROBE
set (app.views.application.after_first_paint). The bare window is timed the same way, in the
same run, interleaved. Also reported: the bundle's size and build time (from `make dist`)."""

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

BARE = """
import os, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, shown)
        return False
def shown():
    print(time.time(), flush=True)
    os._exit(0)
app = QApplication([])
w = QMainWindow(); w.resize(1280, 800)
probe = FirstPaint(); w.installEventFilter(probe)
w.show()
app.exec()
"""

BUNDLE = ROOT / "dist" / "styrkort" / "styrkort"


def time_to_paint(command: list[str], env: dict[str, str]) -> float:
    start = time.time()
    out = subprocess.run(command, check=True, cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=120).stdout
    return float(out.split()[-1]) - start


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main(repeat: int = 7) -> None:
    heading("Start-up to the first paint, whole processes (issues 2 and 14)")
    data = Path(tempfile.mkdtemp(prefix="styrkort-bench-"))
    env = {**os.environ, "STYRKORT_DATA_DIR": str(data), "XDG_CONFIG_HOME": str(data / "config"),
           "HOME": str(data)}
    db = data / "Exempelregionen.styrkort"
    subprocess.run([sys.executable, "main.py", "demo", "--db", str(db)], check=True, cwd=ROOT, env=env,
                   capture_output=True)
    probe = {**env, "STYRKORT_STARTUP_PROBE": "1"}
    starts = {"bare PySide6 window": [sys.executable, "-c", BARE],
              "Styrkort (venv: python main.py --db FILE)": [sys.executable, "main.py", "--db", str(db)]}
    if BUNDLE.exists():
        starts["Styrkort (bundle: dist/styrkort/styrkort --db FILE)"] = [str(BUNDLE), "--db", str(db)]
    for command in starts.values():  # warm the file cache and the daily backup; not measured
        time_to_paint(command, probe)
    times: dict[str, list[float]] = {name: [] for name in starts}
    for _ in range(repeat):  # interleaved, so a burst of load hits all alike
        for name, command in starts.items():
            times[name].append(time_to_paint(command, probe))
    baseline = statistics.median(times["bare PySide6 window"])
    for name, values in times.items():
        goal = None if name.startswith("bare") else 4
        report(f"{name} painted", statistics.median(values), "bare", baseline, goal=goal)
    if BUNDLE.exists():
        size = folder_size(BUNDLE.parent)
        print(f"bundle dist/styrkort/: {size / 2**20:.0f} MiB", end="")
        archives = sorted((ROOT / "dist").glob("styrkort-*-linux-x86_64.tar.gz"))
        if archives:
            print(f"; archive {archives[-1].name}: {archives[-1].stat().st_size / 2**20:.0f} MiB", end="")
        info = ROOT / "dist" / "build-seconds.txt"
        if info.exists():
            print(f"; last `make dist` took {float(info.read_text()):.0f} s", end="")
        print()
    else:
        print("no bundle measured: run `make dist` first")
    shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
