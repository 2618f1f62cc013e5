"""Conflicts: a row changed on both sides since the last sync — the same field to different
values, or deleted on one side and changed on the other, or the same record (a result of one
unit, indicator and period) created on both. Both versions are kept in `sync_conflict` until the
planner decides; the checkout's row meanwhile holds "mine" with everything that merged cleanly.

Deciding is an edit like any other: audited, in one transaction. `mine` makes this checkout's
version the one the next sync pushes (over theirs, which is now its base); `theirs` puts the
server's version into the checkout and drops the local change."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from app.models.errors import StyrkortError
from app.models.store import open_store
from app.services.sync import local, rows


@dataclass
class Conflict:
    id: int
    table: str
    key: str
    fields: list[str]
    mine: dict | None
    theirs: dict | None
    base: dict | None
    seq: int
    found_at: str
    # What the row is, in the planner's words: "UB01 · GR04 · 2026 · T" (filled in when listed).
    label: str = ""


def record_conflict(raw: sqlite3.Connection, table: str, key: str, mine: dict | None, theirs: dict | None,
                    base: dict | None, seq: int, fields: list[str]) -> None:
    """Keep both versions (one open conflict per row: a newer server version replaces theirs)."""
    values = (json.dumps(fields), json.dumps(mine) if mine is not None else None,
              json.dumps(theirs) if theirs is not None else None, json.dumps(base) if base is not None else None,
              seq)
    found = raw.execute("SELECT id FROM sync_conflict WHERE tbl = ? AND row_key = ? AND resolved_at IS NULL",
                        (table, key)).fetchone()
    if found:
        raw.execute("UPDATE sync_conflict SET fields = ?, mine = ?, theirs = ?, base = ?, seq = ? WHERE id = ?",
                    (*values, found[0]))
    else:
        raw.execute("INSERT INTO sync_conflict (tbl, row_key, fields, mine, theirs, base, seq, found_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (table, key, *values, local.now()))
    if mine is not None and local.change_of(raw, table, key) is None:
        # Created on both sides: the local row is a change of its own, waiting for the decision.
        raw.execute("INSERT INTO sync_change (tbl, row_key, op, before, base_seq) VALUES (?, ?, 'I', NULL, ?)",
                    (table, key, seq))


def unique_twin(raw: sqlite3.Connection, table: sa.Table, row: dict) -> str | None:
    """The key of a local row that holds the same unique values as `row` (another id)."""
    groups = [[c.name for c in u.columns] for u in table.constraints if isinstance(u, sa.UniqueConstraint)]
    groups += [[c.name for c in i.columns] for i in table.indexes if i.unique and i.columns]
    keys = rows.key_columns(table)
    for columns in groups:
        where = " AND ".join(f"{c} IS ?" for c in columns)
        found = raw.execute(f"SELECT {', '.join(keys)} FROM {table.name} WHERE {where}",
                            [row[c] for c in columns]).fetchone()
        if found is not None:
            key = ",".join(str(v) for v in found)
            if key != rows.row_key(table, row):
                return key
    return None


def _load(raw_row) -> Conflict:
    cid, table, key, fields, mine, theirs, base, seq, found_at = raw_row
    return Conflict(cid, table, key, json.loads(fields), json.loads(mine) if mine else None,
                    json.loads(theirs) if theirs else None, json.loads(base) if base else None, seq, found_at)


_COLUMNS = "id, tbl, row_key, fields, mine, theirs, base, seq, found_at"


def open_conflicts(raw: sqlite3.Connection) -> list[Conflict]:
    if not local.is_checkout(raw):
        return []
    found = [_load(r) for r in raw.execute(
        f"SELECT {_COLUMNS} FROM sync_conflict WHERE resolved_at IS NULL ORDER BY id").fetchall()]
    for conflict in found:
        conflict.label = row_label(raw, rows.tables()[conflict.table], conflict.mine or conflict.theirs or {})
    return found


_NAMING = ("code", "title", "name")


def reference_label(raw: sqlite3.Connection, table_name: str, row_id: object) -> str | None:
    """A referenced row by its code, title or name (what a planner recognises), if it has one."""
    table = rows.tables().get(table_name)
    column = next((c for c in _NAMING if table is not None and c in table.c), None)
    if column is None or row_id is None:
        return None
    found = raw.execute(f"SELECT {column} FROM {table_name} WHERE id = ?", (row_id,)).fetchone()
    return None if found is None else str(found[0])


def row_label(raw: sqlite3.Connection, table: sa.Table, row: dict) -> str:
    """A row in words: its own code/title/name, else what it refers to (indicator · unit · period)."""
    own = next((row.get(c) for c in _NAMING if c in table.c and row.get(c)), None)
    if own:
        return str(own)
    parts = [reference_label(raw, parent, row.get(column)) for column, parent in rows.references(table)
             if parent != "import_batch"]
    if "gender" in table.c and row.get("gender"):
        parts.append(str(row["gender"]))
    return " · ".join(p for p in parts if p)


def _value(value: object) -> str:
    if value is None:
        return "–"
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def describe_conflict(conflict: Conflict) -> str:
    """One line: which row, which fields, mine against theirs."""
    head = f"#{conflict.id} {conflict.table} {conflict.key}" + (f" ({conflict.label})" if conflict.label else "")
    if conflict.mine is None:
        return f"{head}: borttagen här, ändrad på servern"
    if conflict.theirs is None:
        return f"{head}: ändrad här, borttagen på servern"
    parts = []
    for name in conflict.fields:
        if name in conflict.mine and name in conflict.theirs:
            parts.append(f"{name}: min {_value(conflict.mine[name])} / deras {_value(conflict.theirs[name])}")
    if rows.row_key(rows.tables()[conflict.table], conflict.theirs) != conflict.key:
        parts.insert(0, "skapad på båda håll")
    return f"{head}: " + "; ".join(parts)


def list_conflicts(path: Path | str) -> list[Conflict]:
    store = open_store(Path(path), create=False, readonly=True)
    try:
        with store.engine.connect() as conn:
            raw = conn.connection.driver_connection
            local.read_state(raw, str(path))
            return open_conflicts(raw)
    finally:
        store.close()


def resolve(path: Path | str, conflict_id: int, keep: str) -> Conflict:
    """Decide a conflict: keep `mine` or `theirs`. Audited in the checkout's log."""
    if keep not in ("mine", "theirs"):
        raise StyrkortError("Välj --keep mine eller --keep theirs.", "Choose --keep mine or --keep theirs.")
    store = open_store(Path(path), create=False)
    try:
        with store.engine.connect() as conn:
            raw = conn.connection.driver_connection
            local.read_state(raw, str(path))
            found = raw.execute(f"SELECT {_COLUMNS} FROM sync_conflict WHERE id = ? AND resolved_at IS NULL",
                                (conflict_id,)).fetchone()
            if found is None:
                raise StyrkortError(f"Det finns ingen öppen konflikt #{conflict_id}.",
                                    f"There is no open conflict #{conflict_id}.")
            conflict = _load(found)
            with conn.begin():  # one transaction: the decision, its audit entry
                raw.execute("PRAGMA defer_foreign_keys = ON")
                raw.execute("UPDATE sync_state SET applying = 1")
                _decide(raw, conflict, keep)
                raw.execute("UPDATE sync_conflict SET resolved_at = ?, kept = ? WHERE id = ?",
                            (local.now(), keep, conflict.id))
                raw.execute("UPDATE sync_state SET applying = 0")
                _audit(conn, conflict, keep)
            return conflict
    finally:
        store.close()


def _decide(raw: sqlite3.Connection, conflict: Conflict, keep: str) -> None:
    from app.services.sync.rows import delete_row as _delete
    from app.services.sync.rows import renumber_many
    from app.services.sync.rows import upsert as _upsert

    table = rows.tables()[conflict.table]
    theirs_key = rows.row_key(table, conflict.theirs) if conflict.theirs else conflict.key
    if theirs_key != conflict.key:
        # Created on both sides: the local row takes the server row's id (references follow).
        raw.execute("DELETE FROM sync_change WHERE tbl = ? AND row_key = ?", (conflict.table, conflict.key))
        _delete(raw, table, theirs_key)
        renumber_many(raw, {conflict.table: [(int(conflict.key), int(theirs_key))]})
    key = theirs_key
    raw.execute("DELETE FROM sync_change WHERE tbl = ? AND row_key = ?", (conflict.table, key))
    if keep == "theirs":
        if conflict.theirs is None:
            _delete(raw, table, key)
        else:
            _upsert(raw, table, conflict.theirs)
        return
    # Mine: the server's version becomes the base, so the next sync sends mine over it.
    if conflict.mine is None:
        raw.execute("INSERT INTO sync_change (tbl, row_key, op, before, base_seq) VALUES (?, ?, 'D', ?, ?)",
                    (conflict.table, key, json.dumps(conflict.theirs), conflict.seq))
        return
    mine = {**conflict.mine, **rows.key_values(table, key)}
    if conflict.theirs is not None and rows.VERSION in mine:
        mine[rows.VERSION] = conflict.theirs[rows.VERSION]
    current = local.read_rows(raw, table, [key]).get(key)
    _upsert(raw, table, {**(current or {}), **{f: mine[f] for f in conflict.fields if f in mine}}
            if current and conflict.theirs is not None else mine)
    if conflict.theirs is None:
        raw.execute("INSERT INTO sync_change (tbl, row_key, op, before, base_seq) VALUES (?, ?, 'I', NULL, NULL)",
                    (conflict.table, key))
    else:
        raw.execute("INSERT INTO sync_change (tbl, row_key, op, before, base_seq) VALUES (?, ?, 'U', ?, ?)",
                    (conflict.table, key, json.dumps(conflict.theirs), conflict.seq))


def _audit(conn: sa.Connection, conflict: Conflict, keep: str) -> None:
    """The decision in the checkout's audit chain (the same chain every edit writes)."""
    from sqlalchemy.orm import Session

    from app.models import AuditAction
    from app.services.platform import audit

    with Session(bind=conn) as session:
        entity_id = int(conflict.key) if conflict.key.isdigit() else None
        audit.record(session, AuditAction.UPDATE, conflict.table, entity_id, field="konflikt",
                     old=describe_conflict(conflict), new="min version" if keep == "mine" else "deras version",
                     summary=f"Synkkonflikt #{conflict.id} avgjord: behåll {'min' if keep == 'mine' else 'deras'}")
        session.flush()


@dataclass
class CheckoutSummary:
    """What the window shows about a checkout: where from, when last synchronised, what waits."""

    server: str
    scope: str | None
    last_sync_at: str | None
    pending: int
    conflicts: list[Conflict]


def checkout_summary(path: Path | str) -> CheckoutSummary | None:
    """None when the file is not a checkout."""
    store = open_store(Path(path), create=False, readonly=True)
    try:
        with store.engine.connect() as conn:
            raw = conn.connection.driver_connection
            if not local.is_checkout(raw):
                return None
            state = local.read_state(raw, str(path))
            pending = raw.execute("SELECT count(*) FROM sync_change WHERE op <> 'X'").fetchone()[0]
            from app.models.database_url import describe

            return CheckoutSummary(describe(state.server), state.scope, state.last_sync_at, pending,
                                   open_conflicts(raw))
    finally:
        store.close()
