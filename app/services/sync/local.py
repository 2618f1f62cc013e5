"""A checkout's own change log, kept by SQLite triggers.

Every insert, update and delete of a synchronised table — by any writer: the window, the command
line, an import, an undo, even another program — adds or updates one row of `sync_change` in the
same transaction as the edit: the table, the row key, what happened (I insert, U update, D
delete, X inserted and deleted again), a revision counter (bumped by every later edit of the
row) and, at the first change since the last sync, the row as it was (the before-image, the
base of the three-way merge). A rolled-back edit leaves no trace; a committed one cannot be
missed.

`sync_state` remembers where the checkout came from, the server sequence it has seen (the
cursor), its client id and push number. `sync_conflict` keeps both versions of a row changed on
both sides until the planner decides. While a sync applies the server's rows, `applying` = 1
silences the triggers (inside that transaction only: nobody else ever sees it set)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass

import sqlalchemy as sa

from app.models.errors import StyrkortError
from app.services.sync import rows

TABLES = [
    "CREATE TABLE IF NOT EXISTS sync_state (id INTEGER PRIMARY KEY CHECK (id = 1), server TEXT NOT NULL, "
    "client TEXT NOT NULL, scope TEXT, cursor INTEGER NOT NULL, push_no INTEGER NOT NULL DEFAULT 0, "
    "applying INTEGER NOT NULL DEFAULT 0, revision TEXT NOT NULL, checked_out_at TEXT NOT NULL, "
    "last_sync_at TEXT, role TEXT, role_units TEXT)",
    "CREATE TABLE IF NOT EXISTS sync_change (tbl TEXT NOT NULL, row_key TEXT NOT NULL, op TEXT NOT NULL, "
    "rev INTEGER NOT NULL DEFAULT 1, before TEXT, base_seq INTEGER, PRIMARY KEY (tbl, row_key))",
    "CREATE TABLE IF NOT EXISTS sync_conflict (id INTEGER PRIMARY KEY, tbl TEXT NOT NULL, row_key TEXT NOT NULL, "
    "fields TEXT NOT NULL, mine TEXT, theirs TEXT, base TEXT, seq INTEGER NOT NULL, found_at TEXT NOT NULL, "
    "resolved_at TEXT, kept TEXT)",
    "CREATE INDEX IF NOT EXISTS ix_sync_conflict_open ON sync_conflict (tbl, row_key) WHERE resolved_at IS NULL",
]


def _key(table: sa.Table, alias: str) -> str:
    return " || ',' || ".join(f"CAST({alias}.{c} AS TEXT)" for c in rows.key_columns(table))


def _image(table: sa.Table, alias: str) -> str:
    parts = []
    for column in table.columns:
        value = f"hex({alias}.{column.name})" if rows.is_blob(column) else f"{alias}.{column.name}"
        if rows.is_blob(column):
            value = f"CASE WHEN {alias}.{column.name} IS NULL THEN NULL ELSE {value} END"
        parts.append(f"'{column.name}', {value}")
    return f"json_object({', '.join(parts)})"


def trigger_statements(table: sa.Table) -> list[str]:
    t = table.name
    quiet = "WHEN (SELECT applying FROM sync_state) = 0"
    insert = "INSERT INTO sync_change (tbl, row_key, op, before) VALUES"
    return [
        f"CREATE TRIGGER IF NOT EXISTS sync_{t}_insert AFTER INSERT ON {t} {quiet} BEGIN "
        f"{insert} ('{t}', {_key(table, 'NEW')}, 'I', NULL) ON CONFLICT (tbl, row_key) DO UPDATE SET "
        "op = CASE op WHEN 'D' THEN 'U' WHEN 'X' THEN 'I' ELSE op END, rev = rev + 1; END",
        f"CREATE TRIGGER IF NOT EXISTS sync_{t}_update AFTER UPDATE ON {t} {quiet} BEGIN "
        f"{insert} ('{t}', {_key(table, 'NEW')}, 'U', {_image(table, 'OLD')}) ON CONFLICT (tbl, row_key) "
        "DO UPDATE SET rev = rev + 1; END",
        f"CREATE TRIGGER IF NOT EXISTS sync_{t}_delete AFTER DELETE ON {t} {quiet} BEGIN "
        f"{insert} ('{t}', {_key(table, 'OLD')}, 'D', {_image(table, 'OLD')}) ON CONFLICT (tbl, row_key) "
        "DO UPDATE SET op = CASE op WHEN 'I' THEN 'X' ELSE 'D' END, rev = rev + 1; END",
    ]


def install(conn: sqlite3.Connection) -> None:
    """The log's tables and triggers (idempotent: a migration that rebuilt a table loses its
    triggers, and every sync puts them back first)."""
    for statement in TABLES:
        conn.execute(statement)
    for table in rows.tables().values():
        for statement in trigger_statements(table):
            conn.execute(statement)


@dataclass
class State:
    server: str
    client: str
    scope: str | None
    cursor: int
    push_no: int
    revision: str
    checked_out_at: str
    last_sync_at: str | None


def is_checkout(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'").fetchone() is not None


def read_state(conn: sqlite3.Connection, location: str) -> State:
    row = conn.execute("SELECT server, client, scope, cursor, push_no, revision, checked_out_at, last_sync_at "
                       "FROM sync_state WHERE id = 1").fetchone() if is_checkout(conn) else None
    if row is None:
        raise StyrkortError(
            f"{location} är ingen utcheckning från regionens databas (gör först: styrkort checkout --db URL FIL).",
            f"{location} is not a checkout of a regional database (first run: styrkort checkout --db URL FILE).",
        )
    return State(*row)


@dataclass
class Change:
    table: str
    key: str
    op: str
    rev: int
    before: dict | None
    base_seq: int | None


def pending(conn: sqlite3.Connection) -> list[Change]:
    """Local changes not yet on the server, rows with an open conflict left out (they wait for
    the planner's decision)."""
    found = conn.execute(
        "SELECT c.tbl, c.row_key, c.op, c.rev, c.before, c.base_seq FROM sync_change c "
        "WHERE NOT EXISTS (SELECT 1 FROM sync_conflict k WHERE k.tbl = c.tbl AND k.row_key = c.row_key "
        "AND k.resolved_at IS NULL)").fetchall()
    return [Change(t, k, op, rev, json.loads(before) if before else None, base) for t, k, op, rev, before, base in found]


def change_of(conn: sqlite3.Connection, table: str, key: str) -> Change | None:
    row = conn.execute("SELECT op, rev, before, base_seq FROM sync_change WHERE tbl = ? AND row_key = ?",
                       (table, key)).fetchone()
    if row is None:
        return None
    return Change(table, key, row[0], row[1], json.loads(row[2]) if row[2] else None, row[3])


def read_rows(conn: sqlite3.Connection, table: sa.Table, keys: list[str]) -> dict[str, dict]:
    """Current local rows by key (neutral form)."""
    names = [c.name for c in table.columns]
    out: dict[str, dict] = {}
    single = len(rows.key_columns(table)) == 1
    key_sql = rows.key_columns(table)[0] if single else _key(table, table.name)
    for start in range(0, len(keys), 500):
        chunk = [int(k) for k in keys[start:start + 500]] if single else keys[start:start + 500]
        marks = ", ".join("?" * len(chunk))
        for values in conn.execute(f"SELECT {', '.join(names)} FROM {table.name} WHERE {key_sql} IN ({marks})", chunk):
            row = rows.raw_to_neutral(table, values)
            out[rows.row_key(table, row)] = row
    return out


def now() -> str:
    return dt.datetime.now().replace(microsecond=0).isoformat(sep=" ")
