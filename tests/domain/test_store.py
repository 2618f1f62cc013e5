"""Opening files: new, older, foreign, damaged, newer — and never modifying what we refuse."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy.exc import IntegrityError

from app.models import Goal, GoalLevel, OrgUnit, UnitKind
from app.models.store import (
    CorruptDatabaseError,
    ForeignDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
    alembic_config,
    head_revision,
    make_engine,
    open_store,
)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def schema(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return sorted(conn.execute("SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))
    finally:
        conn.close()


def test_new_file_gets_current_schema_and_wal(tmp_path):
    store = open_store(tmp_path / "new.sqlite")
    assert store.revision() == head_revision()
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_older_file_is_upgraded_after_a_backup(tmp_path):
    old = tmp_path / "old.sqlite"
    engine = make_engine(old)
    cfg = alembic_config()
    with engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.exec_driver_sql("INSERT INTO org_unit (code, name, kind, position, description, version) "
                             "VALUES ('RF', 'Fullmäktige', 'council', 0, '', 1)")
        conn.commit()
    engine.dispose()
    before = digest(old)

    store = open_store(old)

    assert store.revision() == head_revision()
    assert len(store.backups_made) == 1
    assert digest(store.backups_made[0]) != "" and store.backups_made[0].exists()
    backup = sqlite3.connect(store.backups_made[0])
    assert backup.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    assert backup.execute("SELECT name FROM org_unit").fetchone()[0] == "Fullmäktige"
    backup.close()
    assert before  # the original content survives in the backup, the file itself is upgraded
    fresh = tmp_path / "fresh.sqlite"
    open_store(fresh).close()
    assert schema(old) == schema(fresh)
    with store.session() as session:
        assert session.execute(sa.select(OrgUnit.name)).scalar() == "Fullmäktige"


def test_text_file_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("Mötesanteckningar, inte en databas\n", encoding="utf-8")
    before = digest(path)
    with pytest.raises(NotADatabaseError) as info:
        open_store(path)
    assert "ingen SQLite-databas" in str(info.value)
    assert digest(path) == before
    assert [p.name for p in tmp_path.iterdir()] == ["notes.sqlite"]


def test_database_of_another_program_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO customers VALUES (1, 'Ada')")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(ForeignDatabaseError) as info:
        open_store(path)
    assert "annat program" in str(info.value)
    assert digest(path) == before


def test_file_from_newer_styrkort_is_refused_untouched(tmp_path):
    path = tmp_path / "future.sqlite"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(NewerSchemaError) as info:
        open_store(path)
    assert "nyare version" in str(info.value)
    assert digest(path) == before


def test_truncated_file_is_refused(demo_path):
    data = demo_path.read_bytes()
    demo_path.write_bytes(data[: len(data) // 3])
    for suffix in ("-wal", "-shm"):
        Path(str(demo_path) + suffix).unlink(missing_ok=True)
    before = digest(demo_path)
    with pytest.raises((CorruptDatabaseError, NotADatabaseError, ForeignDatabaseError)):
        open_store(demo_path)
    assert digest(demo_path) == before


def test_foreign_keys_are_enforced(empty_store):
    with pytest.raises(IntegrityError), empty_store.transaction() as session:
        session.add(Goal(title="Föräldralös", level=GoalLevel.GOAL, parent_id=999))
        session.flush()


def test_a_failed_transaction_writes_nothing(empty_store):
    with pytest.raises(IntegrityError), empty_store.transaction() as session:
        session.add(OrgUnit(code="A", name="A", kind=UnitKind.UNIT))
        session.flush()
        session.add(OrgUnit(code="A", name="Dubblett", kind=UnitKind.UNIT))
        session.flush()
    with empty_store.session() as session:
        assert session.execute(sa.select(sa.func.count()).select_from(OrgUnit)).scalar() == 0


def test_enum_columns_refuse_unknown_values(empty_store):
    with pytest.raises(IntegrityError), empty_store.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO org_unit (code, name, kind, position, description, version) "
                             "VALUES ('X', 'X', 'kingdom', 0, '', 1)")


def test_light_revision_reading_agrees_with_alembic():
    from alembic.script import ScriptDirectory

    from app.models.store import known_revisions

    scripts = ScriptDirectory.from_config(alembic_config())
    assert head_revision() == scripts.get_current_head()
    assert known_revisions() == {r.revision for r in scripts.walk_revisions()}
