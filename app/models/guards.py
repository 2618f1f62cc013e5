"""Rules SQLite enforces itself, so that no code path (ours, a script, a DB browser) can break them:

* the audit log is append-only: UPDATE and DELETE on `audit_entry` are refused;
* numbers are numbers: SQLite would store `'12,5'` in a REAL column as text, and `sum()` would
  skip it silently. A value that SQLite's type affinity cannot turn into a number is refused.

A trigger on `target` (Alembic's batch mode does not reflect its expression index, so the table
is not rebuilt); CHECK constraints (in the model) on `indicator` and, since migration 1102, on
`result`: a trigger runs as a small program per inserted row, a CHECK is one C comparison, and a
bulk import writes hundreds of thousands of results. Migration 0401 added the triggers to older
files and 1102 replaced result's with its CHECK; the `after_create` events below add the
triggers to new files, so both schemas stay identical."""

from __future__ import annotations

from sqlalchemy import DDL, event

from app.models.audit import AuditEntry
from app.models.followup import Target


def append_only_triggers(table: str) -> list[str]:
    return [
        f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
        for verb in ("UPDATE", "DELETE")
    ]


def numeric_triggers(table: str, column: str, nullable: bool) -> list[str]:
    allowed = "'real', 'integer', 'null'" if nullable else "'real', 'integer'"
    return [
        f"CREATE TRIGGER {table}_{column}_is_number_{verb.split()[0].lower()} BEFORE {verb} ON {table} "
        f"WHEN typeof(NEW.{column}) NOT IN ({allowed}) "
        f"BEGIN SELECT RAISE(ABORT, '{table}.{column} must be a number'); END"
        for verb in ("INSERT", f"UPDATE OF {column}")
    ]


# table → the triggers that guard it (migration 0401 holds a frozen copy of the same statements).
GUARDED: dict = {
    AuditEntry.__table__: append_only_triggers("audit_entry"),
    Target.__table__: numeric_triggers("target", "value", nullable=False),
}

for _table, _statements in GUARDED.items():
    for _statement in _statements:
        event.listen(_table, "after_create", DDL(_statement).execute_if(dialect="sqlite"))
