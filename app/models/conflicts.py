"""When two people save the same record: who won, and what they changed.

Every versioned entity (goal, target, result, indicator, unit, plan, directive, assessment) has a
`version` column that SQLAlchemy checks on UPDATE and DELETE. The second of two concurrent saves
matches no row and is refused. Before each flush the session notes which versioned rows it is
about to write and the version it read; when the write is refused, `find_conflict` reads the
record's current version and the audit entries written since, so the loser sees whose change
won and what it was, and can choose (keep theirs, or apply theirs and then their own again).

On PostgreSQL a row that row-level security keeps from this user also matches no row; its
version has then not moved, and `find_conflict` says so (`Conflict.moved` is False)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from app.models.audit import AuditEntry


@dataclass(frozen=True)
class WinningChange:
    user: str
    at: dt.datetime
    field: str | None
    old: str | None
    new: str | None


@dataclass(frozen=True)
class Conflict:
    table: str
    row_id: int
    mine: int | None  # the version this session read
    current: int | None  # the version in the database now (None: deleted meanwhile)
    changes: list[WinningChange] = field(default_factory=list)
    deleted: bool = False

    @property
    def moved(self) -> bool:
        return self.current != self.mine

    def describe(self, language: str = "sv") -> str:
        sv = language == "sv"
        if self.deleted:
            return (f"{self.table} {self.row_id} har tagits bort av någon annan." if sv
                    else f"{self.table} {self.row_id} was deleted by someone else.")
        if not self.changes:
            return (f"{self.table} {self.row_id} har ändrats av någon annan." if sv
                    else f"{self.table} {self.row_id} was changed by someone else.")
        first = self.changes[-1]
        fields = "; ".join(f"{c.field or 'värde'}: {c.old or '–'} → {c.new or '–'}" for c in self.changes[-5:])
        when = first.at.strftime("%H:%M:%S")
        return (f"{first.user} ändrade {self.table} {self.row_id} kl. {when} ({fields})." if sv
                else f"{first.user} changed {self.table} {self.row_id} at {when} ({fields}).")


def remember_versions(session: Session, _context, _instances) -> None:
    """before_flush: the versioned rows about to be written, with the version they were read at."""
    noted = []
    for obj in (*session.dirty, *session.deleted):
        state = sa.inspect(obj)
        mapper = state.mapper
        if mapper.version_id_col is None or state.identity is None:
            continue
        key = mapper.get_property_by_column(mapper.version_id_col).key
        noted.append((mapper.local_table.name, state.identity[0], state.committed_state.get(key, state.dict.get(key))))
    session.info["versioned_writes"] = noted


def latest_change(conn, table_name: str, row_id: int, mine: int | None = None,
                  current: int | None = None) -> Conflict:
    """The newest audited save of a row: the newest entries of the same user and second."""
    entries = conn.execute(
        sa.select(AuditEntry.user, AuditEntry.at, AuditEntry.field, AuditEntry.old_value, AuditEntry.new_value)
        .where(AuditEntry.entity == table_name, AuditEntry.entity_id == row_id)
        .order_by(AuditEntry.id.desc()).limit(20)).all()
    changes = []
    if entries:
        last_user, last_at = entries[0][0], entries[0][1]
        changes = [WinningChange(*e) for e in reversed(entries) if e[0] == last_user and e[1] == last_at]
    return Conflict(table_name, row_id, mine, current, changes, deleted=False)


def find_conflict(engine: Engine, noted: list[tuple[str, int, int | None]]) -> Conflict | None:
    """The first noted row whose version moved (or that was deleted); else the first noted row
    (its version did not move: something else, such as row-level security, refused it)."""
    found: list[Conflict] = []
    with engine.connect() as conn:
        for table_name, row_id, mine in noted:
            table = sa.table(table_name, sa.column("id"), sa.column("version"))
            current = conn.execute(sa.select(table.c.version).where(table.c.id == row_id)).scalar()
            if current is None:
                return Conflict(table_name, row_id, mine, None, deleted=True)
            if current != mine:
                return latest_change(conn, table_name, row_id, mine, current)
            found.append(Conflict(table_name, row_id, mine, current))
    return found[0] if found else None
