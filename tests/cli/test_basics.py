"""The command line as a user runs it: a real process, real files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import __version__
from tests.cli.runner import styrkort

pytestmark = pytest.mark.slow  # real processes


def test_version():
    result = styrkort("--version")
    assert result.returncode == 0
    assert __version__ in result.stdout


def test_demo_then_check(tmp_path):
    db = tmp_path / "region.sqlite"
    made = styrkort("demo", "--db", str(db))
    assert made.returncode == 0, made.stderr
    assert "Exempelregionen" in made.stdout
    checked = styrkort("check", "--db", str(db))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.startswith("OK:")
    assert "mål: 34" in checked.stdout
    again = styrkort("demo", "--db", str(db))
    assert again.returncode == 2
    assert "innehåller redan data" in again.stderr


def test_check_refuses_a_file_that_is_not_a_database(tmp_path):
    bad = tmp_path / "budget.xlsx"
    bad.write_bytes(b"PK\x03\x04 not a database")
    result = styrkort("check", "--db", str(bad))
    assert result.returncode == 2
    assert "ingen SQLite-databas" in result.stderr
    assert "Traceback" not in result.stderr
    assert bad.read_bytes() == b"PK\x03\x04 not a database"


def test_check_of_a_missing_file_does_not_create_it(tmp_path):
    missing = tmp_path / "saknas.sqlite"
    result = styrkort("check", "--db", str(missing))
    assert result.returncode == 2
    assert not missing.exists()


def test_gui_refuses_a_foreign_file_with_exit_code_2(tmp_path):
    bad = tmp_path / "notes.sqlite"
    bad.write_text("hej", encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "main.py", "--db", str(bad)], capture_output=True, text=True,
                            env=env, timeout=120, cwd=Path(__file__).resolve().parents[2])
    assert result.returncode == 2
    assert "ingen SQLite-databas" in result.stderr
    assert bad.read_text(encoding="utf-8") == "hej"


def test_goal_find_and_move_use_the_same_rules_as_the_window(tmp_path):
    db = tmp_path / "region.sqlite"
    assert styrkort("demo", "--db", str(db)).returncode == 0
    found = styrkort("goal-find", "--db", str(db), "väntetid")
    assert found.returncode == 0, found.stderr
    assert found.stdout.splitlines()[0].startswith("1.1.2\tDelmål\tAkutmottagningens väntetider")
    moved = styrkort("goal-move", "--db", str(db), "5.1", "5.2", "--under", "4", "--row", "0")
    assert moved.returncode == 0, moved.stderr
    refused = styrkort("goal-move", "--db", str(db), "1.1.1", "--under", "2")
    assert refused.returncode == 2
    assert "Ett delmål kan inte ligga under ett målområde" in refused.stderr
    assert styrkort("goal-find", "--db", str(db), "finns inte alls").returncode == 1
