"""Backups: daily, before an upgrade, before a bulk change; rotation; restoring."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
import sqlalchemy as sa

from app.models import Indicator
from app.models.backup_files import backed_up_today, list_backups, make_backup
from app.models.store import open_store
from app.services.platform.backups import backup_before, backups_kept, restore_backup, set_backups_kept


def indicator_names(store) -> list[str]:
    with store.session() as session:
        return list(session.execute(sa.select(Indicator.name).order_by(Indicator.id)).scalars())


def test_the_first_open_of_the_day_writes_one_backup(demo_path):
    assert list_backups(demo_path) == []
    store = open_store(demo_path)
    assert store.daily_backup is not None and store.daily_backup.parent == demo_path.parent / "backups"
    store.close()
    open_store(demo_path).close()
    backups = list_backups(demo_path)
    assert [b.reason for b in backups] == ["daily"]
    assert backed_up_today(demo_path) and not backed_up_today(demo_path, dt.date(2000, 1, 1))
    conn = sqlite3.connect(backups[0].path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
    conn.close()


def test_a_read_only_open_writes_no_backup(demo_path):
    open_store(demo_path, readonly=True).close()
    assert list_backups(demo_path) == []


def test_backup_before_a_bulk_change_and_rotation_keeps_the_newest(demo_store):
    with demo_store.transaction() as session:
        set_backups_kept(session, 3)
    with demo_store.session() as session:
        assert backups_kept(session) == 3
    made = [backup_before(demo_store, "import") for _ in range(5)]
    kept = list_backups(demo_store.path)
    assert len(kept) == 3
    assert [b.path for b in kept] == made[:-4:-1]
    assert all(b.reason == "before-import" and b.size > 0 for b in kept)


def test_the_number_kept_is_checked(demo_store):
    with pytest.raises(Exception, match="mellan 1 och 500"), demo_store.transaction() as session:
        set_backups_kept(session, 0)


def test_restore_puts_the_backup_back_and_keeps_the_current_file(demo_store):
    path = demo_store.path
    before = indicator_names(demo_store)
    backup = make_backup(path, "manual")
    with demo_store.transaction() as session:
        session.execute(sa.update(Indicator).values(name="Ändrat efter kopian"))
    demo_store.close()

    kept = restore_backup(path, backup)

    restored = open_store(path)
    assert indicator_names(restored) == before
    restored.close()
    copy = open_store(kept, readonly=True)
    assert set(indicator_names(copy)) == {"Ändrat efter kopian"}
    copy.close()
    assert kept in [b.path for b in list_backups(path)]


def test_a_damaged_file_can_be_restored_and_is_kept_as_it_was(demo_path):
    backup = make_backup(demo_path, "manual")
    damaged = b"SQLite format 3\x00" + b"\xff" * 4000
    demo_path.write_bytes(damaged)
    kept = restore_backup(demo_path, backup)
    assert kept.read_bytes() == damaged
    open_store(demo_path).close()
