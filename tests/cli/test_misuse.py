"""The command line, misused: one clear line, exit code 2, nothing written, never a traceback."""

from __future__ import annotations

import sqlite3

from tests.cli.runner import run_cli
from tests.domain.test_reliability_faults import NOT_SQLITE, digest


def test_cli_check_of_a_missing_file(capsys, tmp_path):
    code, text = run_cli(capsys, "check", "--db", str(tmp_path / "saknas.sqlite"))
    assert code == 2 and "finns inte" in text
    assert not (tmp_path / "saknas.sqlite").exists()


def test_cli_check_of_a_text_file(capsys, tmp_path):
    path = tmp_path / "anteckningar.sqlite"
    path.write_text("hej", encoding="utf-8")
    code, text = run_cli(capsys, "check", "--db", str(path))
    assert code == 2 and NOT_SQLITE in text and "Traceback" not in text
    assert path.read_text(encoding="utf-8") == "hej"


def test_cli_audit_export_into_a_missing_folder(capsys, demo_path, tmp_path):
    code, text = run_cli(capsys, "audit-export", str(tmp_path / "nej" / "logg.csv"), "--db", str(demo_path))
    assert code == 2 and "befintlig mapp" in text


def test_cli_audit_export_of_a_newer_file(capsys, demo_path, tmp_path):
    conn = sqlite3.connect(demo_path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.commit()
    conn.close()
    code, text = run_cli(capsys, "audit-export", str(tmp_path / "logg.csv"), "--db", str(demo_path))
    assert code == 2 and "nyare version" in text
    assert not (tmp_path / "logg.csv").exists()


def test_cli_demo_into_a_database_with_data(capsys, demo_path):
    before = digest(demo_path)
    code, text = run_cli(capsys, "demo", "--db", str(demo_path))
    assert code == 2 and "innehåller redan data" in text
    assert digest(demo_path) == before


def test_cli_unknown_command(capsys):
    code, text = run_cli(capsys, "radera-allt")
    assert code == 2 and "invalid choice" in text
