"""Rows as both ends of a sync see them.

A row travels in one neutral form: a dict column → the value as SQLite stores it (text for
dates and times, 0/1 for booleans, an enum's stored text, a BLOB as hex). The checkout's
triggers write before-images in that form; server rows are converted through the same
SQLAlchemy column types the application uses, so "the same value" means the same on both ends.

A row key is the text of its primary key values joined by commas ("12", "3,7") — the same on
the server (`styrkort_sync_mark`) and in the checkout."""

from __future__ import annotations

import functools
import math
import sqlite3
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.dialects import sqlite

from app.models import Base
from app.models.sync_rules import synced_tables

_SQLITE = sqlite.dialect()
# Bookkeeping columns: never a conflict of their own (the server bumps a row's version itself).
VERSION = "version"


@functools.cache
def tables() -> dict[str, sa.Table]:
    return {t.name: t for t in synced_tables()}


def order() -> list[str]:
    """Parents before children (inserts in this order, deletes in the reverse)."""
    return list(tables())


def key_columns(table: sa.Table) -> list[str]:
    return [c.name for c in table.primary_key.columns]


def has_serial_id(table: sa.Table) -> bool:
    keys = list(table.primary_key.columns)
    return len(keys) == 1 and isinstance(keys[0].type, sa.Integer) and not keys[0].foreign_keys


def row_key(table: sa.Table, row: dict) -> str:
    return ",".join(str(row[c]) for c in key_columns(table))


def key_values(table: sa.Table, key: str) -> dict[str, int]:
    return {c: int(v) for c, v in zip(key_columns(table), key.split(","), strict=True)}


def is_blob(column: sa.Column) -> bool:
    return isinstance(column.type, sa.LargeBinary)


@functools.cache
def _processors(table_name: str) -> list[tuple[str, object, object, bool]]:
    table = Base.metadata.tables[table_name]
    out = []
    for column in table.columns:
        impl = column.type.dialect_impl(_SQLITE)
        out.append((column.name, impl.bind_processor(_SQLITE), impl.result_processor(_SQLITE, None),
                    is_blob(column)))
    return out


def to_neutral(table: sa.Table, row) -> dict:
    """A typed row (SQLAlchemy mapping from either engine) → the neutral form."""
    out = {}
    for name, bind, _result, blob in _processors(table.name):
        value = row[name]
        if value is not None:
            if blob:
                value = bytes(value).hex()
            else:
                if bind is not None:
                    value = bind(value)
                if isinstance(value, bool):
                    value = int(value)
        out[name] = value
    return out


def raw_to_neutral(table: sa.Table, values: Iterable) -> dict:
    """A row read from SQLite with plain SQL (its columns in table order) → the neutral form."""
    out = {}
    for (name, _bind, _result, blob), value in zip(_processors(table.name), values, strict=True):
        out[name] = value.hex() if blob and value is not None else value
    return out


def to_typed(table: sa.Table, row: dict) -> dict:
    """The neutral form → values for a SQLAlchemy statement on any engine."""
    out = {}
    for name, _bind, result, blob in _processors(table.name):
        if name not in row:
            continue
        value = row[name]
        if value is not None:
            if blob:
                value = bytes.fromhex(value)
            elif result is not None:
                value = result(value)
        out[name] = value
    return out


def to_sqlite(table: sa.Table, row: dict) -> dict:
    """The neutral form → parameters for plain SQL on the checkout (BLOBs back to bytes)."""
    out = dict(row)
    for name, _bind, _result, blob in _processors(table.name):
        if blob and out.get(name) is not None:
            out[name] = bytes.fromhex(out[name])
    return out


def same(a: object, b: object) -> bool:
    """Equal as stored values. A REAL that went through SQLite's JSON (a before-image) may come
    back rounded in its last digits: equal within 1e-12 relative."""
    if a is None or b is None:
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return a == b or math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-15)
    return a == b


def changed_fields(table: sa.Table, before: dict, after: dict) -> set[str]:
    """Columns (not the key, not the version) whose values differ."""
    skip = set(key_columns(table)) | {VERSION}
    return {c.name for c in table.columns if c.name not in skip and not same(before.get(c.name), after.get(c.name))}


def references(table: sa.Table) -> list[tuple[str, str]]:
    """(column, referenced table) for every foreign key of `table` into a synchronised table."""
    known = tables()
    return [(fk.parent.name, fk.column.table.name) for fk in table.foreign_keys if fk.column.table.name in known]


def referrers(table_name: str) -> list[tuple[sa.Table, str]]:
    """(child table, column) for every foreign key pointing at `table_name`'s id."""
    return [(child, column) for child in tables().values() for column, parent in references(child)
            if parent == table_name]


def renumber_many(raw: sqlite3.Connection, pairs_by_table: dict[str, list[tuple[int, int]]]) -> None:
    """Give rows new ids (offline rows their server ids), with every reference to them, their
    change-log keys and the before-images that name them. Two steps (through negative ids) so
    that one row's new id may be another's old one."""
    for name, pairs in pairs_by_table.items():
        for old, new in pairs:
            if old != new:
                _renumber(raw, name, old, -old)
    for name, pairs in pairs_by_table.items():
        for old, new in pairs:
            if old != new:
                _renumber(raw, name, -old, new)


def _renumber(raw: sqlite3.Connection, name: str, old: int, new: int) -> None:
    table = tables()[name]
    pk = key_columns(table)[0]
    raw.execute(f"UPDATE {name} SET {pk} = ? WHERE {pk} = ?", (new, old))
    raw.execute("UPDATE sync_change SET row_key = ? WHERE tbl = ? AND row_key = ?", (str(new), name, str(old)))
    raw.execute("UPDATE sync_conflict SET row_key = ? WHERE tbl = ? AND row_key = ?", (str(new), name, str(old)))
    for child, column in referrers(name):
        raw.execute(f"UPDATE {child.name} SET {column} = ? WHERE {column} = ?", (new, old))
        raw.execute(f"UPDATE sync_change SET before = json_set(before, '$.{column}', ?) WHERE tbl = ? "
                    f"AND before IS NOT NULL AND json_extract(before, '$.{column}') = ?", (new, child.name, old))
        keys = key_columns(child)
        if column in keys and len(keys) > 1:
            at = keys.index(column)
            for (key,) in raw.execute("SELECT row_key FROM sync_change WHERE tbl = ?", (child.name,)).fetchall():
                parts = key.split(",")
                if parts[at] == str(old):
                    parts[at] = str(new)
                    raw.execute("UPDATE sync_change SET row_key = ? WHERE tbl = ? AND row_key = ?",
                                (",".join(parts), child.name, key))


def upsert(raw: sqlite3.Connection, table: sa.Table, row: dict) -> None:
    names = [c.name for c in table.columns]
    keys = key_columns(table)
    setters = ", ".join(f"{n} = excluded.{n}" for n in names if n not in keys) or None
    conflict = f"ON CONFLICT ({', '.join(keys)}) DO " + (f"UPDATE SET {setters}" if setters else "NOTHING")
    raw.execute(f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join(':' + n for n in names)}) "
                f"{conflict}", to_sqlite(table, row))


def delete_row(raw: sqlite3.Connection, table: sa.Table, key: str) -> None:
    values = key_values(table, key)
    raw.execute(f"DELETE FROM {table.name} WHERE " + " AND ".join(f"{c} = :{c}" for c in values), values)
