"""A journal of row writes, so that an organisation edit can be undone exactly.

Reorganisations touch many tables (units, lines, links, targets, plans, goals' owners …). Rather
than one hand-written inverse per operation, each write goes through a `Journal` that keeps the
old rows as plain data; `undo` replays them backwards. A command keeps only the journal (plain
values, never ORM objects), and redo runs the audited operation again."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import Base


@dataclass
class Journal:
    """("insert", table, row), ("update", table, key, old values) or ("delete", table, row),
    in the order written. Rows and keys are dicts of plain values."""

    entries: list[tuple] = field(default_factory=list)

    def insert(self, session: Session, table: str, values: dict) -> int:
        t = _table(table)
        new_id = session.execute(sa.insert(t).values(**values)).inserted_primary_key[0]
        row = dict(session.execute(sa.select(t).where(t.c.id == new_id)).one()._mapping)
        self.entries.append(("insert", table, row))
        return new_id

    def update(self, session: Session, table: str, row_id: int, values: dict) -> dict:
        """Write `values` to the row with this id; returns its old values of those columns."""
        t = _table(table)
        old = dict(session.execute(sa.select(*[t.c[name] for name in values]).where(t.c.id == row_id)).one()._mapping)
        changed = {name: value for name, value in values.items() if old[name] != value}
        if changed:
            session.execute(sa.update(t).where(t.c.id == row_id).values(**changed))
            self.entries.append(("update", table, {"id": row_id}, {name: old[name] for name in changed}))
        return old

    def update_where(self, session: Session, table: str, condition, values: dict) -> int:
        """Write `values` to every row matching `condition`, journalling each; returns the count."""
        t = _table(table)
        keys = [c.name for c in t.primary_key.columns]
        rows = session.execute(sa.select(t).where(condition)).all()
        for row in rows:
            mapping = row._mapping
            key = {k: mapping[k] for k in keys}
            session.execute(sa.update(t).where(*[t.c[k] == v for k, v in key.items()]).values(**values))
            self.entries.append(("update", table, key, {name: mapping[name] for name in values}))
        return len(rows)

    def delete_where(self, session: Session, table: str, condition) -> list[dict]:
        t = _table(table)
        rows = [dict(r._mapping) for r in session.execute(sa.select(t).where(condition))]
        if rows:
            session.execute(sa.delete(t).where(condition))
            self.entries.extend(("delete", table, row) for row in rows)
        return rows


def undo(session: Session, journal: Journal) -> None:
    """Put every journalled row back as it was, newest write first."""
    for entry in reversed(journal.entries):
        kind, t = entry[0], _table(entry[1])
        keys = [c.name for c in t.primary_key.columns]
        if kind == "insert":
            session.execute(sa.delete(t).where(*[t.c[k] == entry[2][k] for k in keys]))
        elif kind == "update":
            session.execute(sa.update(t).where(*[t.c[k] == v for k, v in entry[2].items()]).values(**entry[3]))
        else:
            session.execute(sa.insert(t).values(**entry[2]))


def _table(name: str) -> sa.Table:
    return Base.metadata.tables[name]
