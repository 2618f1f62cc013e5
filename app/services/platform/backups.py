"""Backups a planner can rely on: before every bulk change, and a way back.

`backup_before(store, "import")` is what a bulk operation calls first (the Excel import does);
`restore_backup` puts a backup in place of the file after keeping a copy of the current one."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import AuditAction
from app.models.backup_files import (
    DEFAULT_KEEP,
    KEEP_SETTING,
    Backup,
    backup_copy,
    backup_folders,
    backup_name,
    list_backups,
    make_backup,
)
from app.models.errors import StyrkortError
from app.models.store import Store, StoreError, inspect_file
from app.services.platform.audit import record
from app.services.platform.settings import get_setting, set_setting

__all__ = ["Backup", "backup_before", "backups_kept", "list_backups", "restore_backup", "set_backups_kept"]


def backup_before(store: Store, reason: str) -> Path | None:
    """A backup of the store's file before a bulk change; None for a server database or a
    read-only file (nothing can change there). Raises StyrkortError when it cannot be written:
    the bulk change must not start without one."""
    if store.path is None or store.readonly or not store.is_sqlite:
        return None
    try:
        return make_backup(store.path, f"before-{reason}")
    except (OSError, sqlite3.Error) as exc:
        raise StyrkortError(
            f"Säkerhetskopian kunde inte sparas ({exc}); inget har ändrats.",
            f"The backup could not be saved ({exc}); nothing was changed.",
        ) from exc


def backups_kept(session: Session) -> int:
    try:
        return max(1, int(get_setting(session, KEEP_SETTING, str(DEFAULT_KEEP))))
    except ValueError:
        return DEFAULT_KEEP


def set_backups_kept(session: Session, count: int) -> None:
    if not 1 <= count <= 500:
        raise StyrkortError("Antal säkerhetskopior måste vara mellan 1 och 500.",
                            "The number of backups kept must be between 1 and 500.")
    old = backups_kept(session)
    set_setting(session, KEEP_SETTING, str(count))
    record(session, AuditAction.UPDATE, "db_setting", None, field=KEEP_SETTING, old=old, new=count)


def restore_backup(db_path: Path, backup: Path) -> Path:
    """Replace the (closed) database at `db_path` by `backup`; return the copy kept of what was
    there. The backup is checked first: a damaged one is refused and nothing changes."""
    try:
        found = inspect_file(backup)
    except StoreError as exc:
        raise StyrkortError(f"Säkerhetskopian går inte att använda: {exc.sv}",
                            f"The backup cannot be used: {exc.en}") from exc
    if not found.tables:
        raise StyrkortError(f"{backup} är tom.", f"{backup} is empty.")
    check = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    try:
        verdict = check.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        check.close()
    if verdict != "ok":
        raise StyrkortError(f"Säkerhetskopian {backup.name} är skadad ({verdict}).",
                            f"The backup {backup.name} is damaged ({verdict}).")
    kept = _keep_current(db_path)
    staging = backup_copy(backup, db_path.with_name(f".{db_path.name}.restoring"))
    # One rename: whatever happens, the file is either the old one (kept anyway) or the backup.
    os.replace(staging, db_path)
    _audit_restore(db_path, backup, kept)
    return kept


def _audit_restore(db_path: Path, backup: Path, kept: Path) -> None:
    """The restored file's audit log is the backup's, shorter than the anchors kept beside it say:
    a sealed restore line tells `check` to compare from here on, and the log itself records the
    restore (who, from which backup, where the replaced file was kept)."""
    from app.models.store import make_engine
    from app.services.platform.anchors import backup_anchor, keep_restore_mark

    anchor = backup_anchor(db_path)
    keep_restore_mark(db_path, backup.name, anchor.length if anchor else 0,
                      anchor.head if anchor else "0" * 64)
    engine = make_engine(db_path)
    try:
        with Session(engine) as session, session.begin():
            record(session, AuditAction.UPDATE, "database", None, field="restored_from", new=backup.name,
                   summary=f"Återställd från säkerhetskopian {backup.name}; den ersatta filen sparades som {kept.name}")
    except sa.exc.SQLAlchemyError:
        pass  # an old backup whose schema is not upgraded yet: the restore line still says it
    finally:
        engine.dispose()


def _keep_current(db_path: Path) -> Path:
    """Copy the file byte for byte (it may be too damaged for SQLite to read) and move its
    -wal/-journal/-shm beside the copy: together they are exactly what was there, nothing deleted,
    and none of them can be replayed onto the restored file."""
    folder = backup_folders(db_path)[0]
    folder.mkdir(parents=True, exist_ok=True)
    kept = backup_name(folder, db_path, "before-restore", dt.datetime.now())
    if db_path.exists():
        partial = kept.with_name(f".{kept.name}.partial")
        shutil.copy2(db_path, partial)
        os.replace(partial, kept)
    for suffix in ("-wal", "-journal", "-shm"):
        companion = db_path.with_name(db_path.name + suffix)
        if companion.exists():
            os.replace(companion, kept.with_name(kept.name + suffix))
    return kept
