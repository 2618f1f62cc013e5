"""Schema safety: foreign keys on every connection, migrations that cannot drop child rows,
numbers that stay numbers, and an audit log that outlives what it describes."""

from __future__ import annotations

import csv
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command

from app import cli
from app.models import AuditEntry, Goal, GoalIndicator, Result
from app.models.store import alembic_config, head_revision, make_engine, open_store
from app.services.platform import audit
from app.services.platform.audit_check import verify_chain

ROOT = Path(__file__).resolve().parents[2]
COUNTED = ("result", "target", "goal_indicator", "assessment", "audit_entry")


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in COUNTED}
    finally:
        conn.close()


def downgrade(path: Path, revision: str) -> None:
    """An older file with the same data (the downgrade rebuilds indicator: foreign keys off)."""
    engine = make_engine(path)
    cfg = alembic_config()
    with engine.connect() as conn:
        conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
        conn.commit()
    engine.dispose()


def test_every_connection_enforces_foreign_keys(demo_store, demo_path):
    connections = [demo_store.engine.connect() for _ in range(3)]  # three at once: three new connections
    try:
        assert [c.exec_driver_sql("PRAGMA foreign_keys").scalar() for c in connections] == [1, 1, 1]
    finally:
        for c in connections:
            c.close()
    readonly = open_store(demo_path, readonly=True)
    with readonly.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    readonly.close()


def test_a_table_rebuild_with_foreign_keys_on_would_delete_children(demo_path):
    """Why `_upgrade` switches foreign keys off: SQLite's rebuild recipe (copy, drop, rename)
    deletes every child row through ON DELETE CASCADE when they are on."""
    conn = sqlite3.connect(demo_path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys=ON")
    before = conn.execute("SELECT count(*) FROM result").fetchone()[0]
    conn.execute("BEGIN")
    conn.execute("CREATE TABLE indicator_new AS SELECT * FROM indicator")
    conn.execute("DROP TABLE indicator")
    conn.execute("ALTER TABLE indicator_new RENAME TO indicator")
    after = conn.execute("SELECT count(*) FROM result").fetchone()[0]
    conn.execute("ROLLBACK")
    conn.close()
    assert before > 0 and after == 0


def test_upgrading_an_older_file_keeps_every_row_and_every_reference(demo_path):
    downgrade(demo_path, "0002")
    before = counts(demo_path)
    store = open_store(demo_path)
    assert store.revision() == head_revision()
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    store.close()
    assert counts(demo_path) == before


def test_upgrading_repairs_numbers_stored_as_text(demo_path):
    downgrade(demo_path, "0002")
    conn = sqlite3.connect(demo_path)
    ids = [r[0] for r in conn.execute("SELECT id FROM result ORDER BY id LIMIT 3")]
    for result_id, text in zip(ids, ["12,5", " 1 234,5 ", "ej mätt"]):
        conn.execute("UPDATE result SET value = ? WHERE id = ?", (text, result_id))
    conn.commit()
    assert conn.execute(f"SELECT count(*) FROM result WHERE typeof(value) = 'text' AND id IN {tuple(ids)}"
                        ).fetchone()[0] == 3
    conn.close()
    store = open_store(demo_path)
    with store.session() as session:
        values = [session.get(Result, i).value for i in ids]
        total = session.execute(sa.select(sa.func.sum(Result.value)).where(Result.id.in_(ids[:2]))).scalar()
    store.close()
    assert values == [12.5, 1234.5, None]
    assert total == 1247.0


def test_deleting_a_goal_keeps_its_history(demo_store):
    with demo_store.session() as session:
        goal_id = session.execute(sa.select(Goal.id).where(~Goal.children.any()).limit(1)).scalar_one()
    with demo_store.transaction() as session:
        audit.record(session, audit.AuditAction.UPDATE, "goal", goal_id, field="title", old="A", new="B")
        session.execute(sa.delete(GoalIndicator).where(GoalIndicator.goal_id == goal_id))
        session.delete(session.get(Goal, goal_id))
        audit.record(session, audit.AuditAction.DELETE, "goal", goal_id, summary="borttaget")
    with demo_store.session() as session:
        assert session.get(Goal, goal_id) is None
        history = audit.history(session, "goal", goal_id)
        assert [e.field for e in history][-2:] == ["title", None]
        assert verify_chain(session) == []


def styrkort(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)


def test_tampering_is_found_by_check_and_marked_in_the_export(demo_path, tmp_path, capsys):
    clean = tmp_path / "clean.csv"
    assert cli.main(["audit-export", str(clean), "--db", str(demo_path)]) == 0
    raw = clean.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads å, ä, ö right
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0][:4] == ["nr", "id", "tid", "användare"] and {r[-2] for r in rows[1:]} == {"ok"}
    assert f"{len(rows) - 1} loggposter exporterade" in capsys.readouterr().out

    conn = sqlite3.connect(demo_path)
    conn.execute("DROP TRIGGER audit_entry_no_update")  # what a tamperer has to do first
    conn.execute("UPDATE audit_entry SET user = 'någon annan' WHERE id = 1")
    conn.commit()
    conn.close()
    checked = styrkort("check", "--db", str(demo_path))
    assert checked.returncode == 1
    assert "PROBLEM" in checked.stdout
    assert "problem: Post nr 1 (id 1, " in checked.stdout and "har ändrats i efterhand" in checked.stdout

    tampered = tmp_path / "tampered.csv"
    assert cli.main(["audit-export", str(tampered), "--db", str(demo_path)]) == 1
    assert "Post nr 1 (id 1," in capsys.readouterr().err
    rows = list(csv.reader(tampered.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert rows[1][-2] == "BRUTEN" and rows[1][3] == "någon annan"


def test_a_removed_entry_breaks_the_chain(demo_path):
    store = open_store(demo_path)
    with store.transaction() as session:
        for n in range(3):
            audit.record(session, audit.AuditAction.UPDATE, "goal", 1, field="title", old=n, new=n + 1)
    store.close()
    copy = demo_path.with_name("copy.sqlite")
    shutil.copyfile(demo_path, copy)
    conn = sqlite3.connect(copy)
    conn.execute("DROP TRIGGER audit_entry_no_delete")
    conn.execute("DELETE FROM audit_entry WHERE id = (SELECT max(id) - 1 FROM audit_entry)")
    conn.commit()
    conn.close()
    store = open_store(copy)
    with store.session() as session:
        problems = verify_chain(session)
        last = session.execute(sa.select(sa.func.max(AuditEntry.id))).scalar()
    store.close()
    assert len(problems) == 2
    assert problems[0].startswith(f"Kedjan är bruten mellan post nr {last - 2} (id {last - 2}, ")
    assert f"och post nr {last - 1} (id {last}, " in problems[0]
    assert problems[1] == ("Skyddet mot ändringar i ändringsloggen saknas (triggern audit_entry_no_delete "
                           "har tagits bort).")


def test_the_rebuilt_indicator_table_matches_a_new_file_and_refuses_text(demo_path, tmp_path):
    downgrade(demo_path, "0002")
    open_store(demo_path).close()
    fresh = tmp_path / "fresh.sqlite"
    open_store(fresh).close()

    def checks(path: Path) -> dict[str, str]:
        engine = make_engine(path)
        found = {c["name"]: c["sqltext"] for c in sa.inspect(engine).get_check_constraints("indicator")}
        engine.dispose()
        return found

    assert checks(demo_path) == checks(fresh)
    assert "ck_indicator_min_value_is_number" in checks(fresh)
    for path in (demo_path, fresh):
        conn = sqlite3.connect(path)
        with pytest.raises(sqlite3.IntegrityError, match="min_value_is_number"):
            conn.execute("INSERT INTO indicator (code, name, unit_of_measure, direction, decimals, tolerance, "
                         "tolerance_kind, min_value, source, description, version) "
                         "VALUES ('X', 'X', '%', 'higher_better', 1, 0, 'absolute', '0,5', '', '', 1)")
        conn.close()
