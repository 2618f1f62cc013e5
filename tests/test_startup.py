"""Start-up stays light: the window paints before any heavy library is loaded (issue 14), and the
launcher names missing system packages instead of letting Qt abort without saying which."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from app import launcher

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ["matplotlib", "pyqtgraph", "openpyxl", "fpdf", "pandas", "alembic", "xlsxwriter", "pypdfium2",
         "python_calamine"]


def test_heavy_modules_stay_out_of_start_up(demo_path, tmp_path):
    env = {**os.environ, "STYRKORT_STARTUP_PROBE": "modules", "QT_QPA_PLATFORM": "offscreen",
           "STYRKORT_DATA_DIR": str(tmp_path / "data")}
    out = subprocess.run([sys.executable, "main.py", "--db", str(demo_path)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120, check=True).stdout
    loaded = set(out.split())
    assert "app.views.main_window" in loaded  # the probe really ran after the window was painted
    assert sorted(m for m in HEAVY if m in loaded) == []


def test_gui_arguments_take_the_window_path_without_the_command_line_parser(tmp_path):
    db = tmp_path / "region.styrkort"
    db.write_bytes(b"")
    assert launcher._gui_arguments([]) == (None, False)
    assert launcher._gui_arguments(["--db", str(db), "--read-only"]) == (db, True)
    assert launcher._gui_arguments([str(db)]) == (db, False)  # opened from the file manager
    assert launcher._gui_arguments(["check"]) is None
    assert launcher._gui_arguments(["--db", str(db), "check"]) is None


def test_missing_xcb_libraries_are_named_as_debian_packages_in_one_line(monkeypatch, capsys):
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(launcher, "XCB_LIBRARIES", {"libxcb-icccm.so.4": "libxcb-icccm4",
                                                    "libstyrkort-nowhere.so.9": "libstyrkort-nowhere9",
                                                    "libc.so.6": "libc6"})
    assert launcher.main([]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "sudo apt install" in err[0] and "libstyrkort-nowhere9" in err[0]
    assert "libc6" not in err[0]


def test_bundled_library_beside_qt_counts_as_present(tmp_path):
    import _ctypes

    (tmp_path / "libxcb-keysyms.so.1").symlink_to(_ctypes.__file__)  # any loadable shared library
    assert "libxcb-keysyms1" not in launcher.missing_xcb_packages(tmp_path)


def test_the_launchers_window_paints_before_importing_the_pages_it_does_not_show(demo_path, tmp_path):
    env = {**os.environ, "STYRKORT_STARTUP_PROBE": "modules", "QT_QPA_PLATFORM": "offscreen",
           "STYRKORT_DATA_DIR": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    out = subprocess.run([sys.executable, "main.py", "--db", str(demo_path)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120, check=True).stdout
    loaded = set(out.split())
    assert "app.views.overview_page" in loaded  # Översikt, the first tab, is painted first
    assert {"app.views.exchange.exchange_page", "app.views.followup.followup_page", "app.views.structure_page",
            "app.views.governance.directives_page"}.isdisjoint(loaded)


def test_garbage_collection_is_back_on_once_the_window_is_painted(demo_path, tmp_path):
    code = ("import gc, os, sys\n"
            "import app.views.application as a\n"
            "real = a.after_first_paint\n"
            "def probe(window, store):\n"
            "    real(window, store)\n"
            "    print('enabled' if gc.isenabled() else 'disabled', flush=True)\n"
            "    os._exit(0)\n"
            "a.after_first_paint = probe\n"
            "from app.launcher import main\n"
            f"main(['--db', {str(demo_path)!r}])\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "STYRKORT_DATA_DIR": str(tmp_path / "data")}
    env.pop("STYRKORT_STARTUP_PROBE", None)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=120, check=True).stdout
    assert out.split() == ["enabled"]
