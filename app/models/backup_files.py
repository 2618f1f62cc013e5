"""Rotating backups of a database file, taken with SQLite's online backup API (a consistent copy
even while the file is open and being written).

Backups live in a `backups` folder beside the file (`region.sqlite` → `backups/region.20261127-080102.daily.sqlite`),
or in the data folder when the file's own folder cannot be written (a read-only share). The
number kept per file is the database setting `backups_kept`."""

from __future__ import annotations

import datetime as dt
import glob
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.models.paths import data_dir

BACKUP_FOLDER = "backups"
KEEP_SETTING = "backups_kept"
DEFAULT_KEEP = 10
_STAMP_FORMAT = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^(?P<stem>.+)\.(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?\.(?P<reason>[\w-]+)(?P<suffix>\.\w+)$")


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: dt.datetime
    reason: str
    size: int


def backup_copy(source: Path, destination: Path) -> Path:
    """A consistent copy through SQLite's online backup API (safe while the file is open)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    # Written under a temporary name and renamed when complete: a crash never leaves half a
    # backup under a name that the restore dialog would list.
    partial = destination.with_name(f".{destination.name}.partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            # A backup is one self-contained file: no -wal beside it to lose when it is copied.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
        os.replace(partial, destination)
    except BaseException:
        # A full disk or a crash: no half-written .partial (nor its journal) is left behind.
        for leftover in (partial, partial.with_name(partial.name + "-journal")):
            leftover.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    return destination


def backup_folders(db_path: Path) -> list[Path]:
    """Where backups of this file are written (first) and looked for (all)."""
    return [db_path.parent / BACKUP_FOLDER, data_dir() / BACKUP_FOLDER]


def list_backups(db_path: Path) -> list[Backup]:
    """This file's backups, newest first."""
    found: dict[Path, tuple[tuple[dt.datetime, int], Backup]] = {}
    for folder in backup_folders(db_path):
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            match = _NAME.match(path.name)
            if not match or match["stem"] != db_path.stem or match["suffix"] != db_path.suffix:
                continue
            taken = dt.datetime.strptime(match["stamp"], _STAMP_FORMAT)
            order = (taken, int(match["n"] or 1))
            found[path.resolve()] = (order, Backup(path, taken, match["reason"], path.stat().st_size))
    return [backup for _order, backup in sorted(found.values(), key=lambda item: item[0], reverse=True)]


def read_keep_count(db_path: Path) -> int:
    """The `backups_kept` setting, read without SQLAlchemy (used while the store opens)."""
    try:
        conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM db_setting WHERE key = ?", (KEEP_SETTING,)).fetchone()
        finally:
            conn.close()
        return max(1, int(row[0])) if row else DEFAULT_KEEP
    except (sqlite3.Error, ValueError):
        return DEFAULT_KEEP


def backup_name(folder: Path, db_path: Path, reason: str, now: dt.datetime) -> Path:
    """A new name; several backups within one second get -2, -3 … so that their order is kept."""
    stamp = now.strftime(_STAMP_FORMAT)
    taken = [int(m["n"] or 1) for p in folder.glob(f"{glob.escape(db_path.stem)}.{stamp}*")
             if (m := _NAME.match(p.name))]
    n = max(taken, default=0) + 1
    return folder / f"{db_path.stem}.{stamp}{'' if n == 1 else f'-{n}'}.{reason}{db_path.suffix}"


def make_backup(db_path: Path, reason: str, *, keep: int | None = None) -> Path:
    """Write a backup now and drop the oldest beyond `keep` (the file's setting when None)."""
    reason = re.sub(r"[^\w-]+", "-", reason).strip("-") or "manual"
    keep = read_keep_count(db_path) if keep is None else max(1, keep)
    now = dt.datetime.now()
    last_error: OSError | None = None
    for folder in backup_folders(db_path):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            written = backup_copy(db_path, backup_name(folder, db_path, reason, now))
            break
        except (OSError, sqlite3.OperationalError) as exc:
            last_error = exc if isinstance(exc, OSError) else OSError(str(exc))
    else:
        raise last_error or OSError("no backup folder")
    prune(db_path, keep)
    return written


def prune(db_path: Path, keep: int) -> list[Path]:
    removed = []
    for old in list_backups(db_path)[keep:]:
        try:
            old.path.unlink()
            removed.append(old.path)
            for suffix in ("-wal", "-journal", "-shm"):  # what a pre-restore copy keeps beside it
                old.path.with_name(old.path.name + suffix).unlink(missing_ok=True)
        except OSError:
            pass  # a backup we cannot remove is harmless; the next prune retries
    return removed


def backed_up_today(db_path: Path, today: dt.date | None = None) -> bool:
    today = today or dt.date.today()
    return any(b.taken_at.date() == today for b in list_backups(db_path))
