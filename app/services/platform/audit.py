"""Writing and verifying the audit log.

Every change a user makes goes through `record`, in the same transaction as the change itself,
so the log and the data can never disagree."""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
import os

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import AuditAction, AuditEntry

GENESIS_HASH = "0" * 64
# PostgreSQL advisory lock key ("STYK") that serialises appends to the chain across connections.
AUDIT_LOCK_KEY = 0x5354594B


def current_user() -> str:
    """The OS user: who made a change, without a login of our own."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USERNAME") or os.environ.get("USER") or "okänd"


def _serialise_appends(session: Session) -> str | None:
    """On a shared PostgreSQL database, take the chain's advisory lock (held until this
    transaction commits, so the next writer reads our hash as its predecessor) and return the
    database user, the real person behind the change. SQLite serialises writers itself: None."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    transaction = session.get_transaction()
    if session.info.get("audit_locked_in") is not transaction:
        session.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": AUDIT_LOCK_KEY})
        session.info["audit_locked_in"] = transaction
        session.info["audit_user"] = session.execute(sa.text("SELECT session_user")).scalar_one()
    return session.info["audit_user"]


def _as_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if hasattr(value, "value") and not isinstance(value, (int, float, str)):
        return str(value.value)
    return str(value)


def _entry_hash(prev_hash: str, fields: dict[str, str | int | None]) -> str:
    payload = json.dumps(fields, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256((prev_hash + payload).encode("utf-8")).hexdigest()


def _hashed_fields(entry: AuditEntry) -> dict[str, str | int | None]:
    return {
        "at": entry.at.isoformat(),
        "user": entry.user,
        "action": AuditAction(entry.action).value,
        "entity": entry.entity,
        "entity_id": entry.entity_id,
        "field": entry.field,
        "old": entry.old_value,
        "new": entry.new_value,
        "summary": entry.summary,
    }


def record(
    session: Session,
    action: AuditAction,
    entity: str,
    entity_id: int | None,
    *,
    field: str | None = None,
    old: object = None,
    new: object = None,
    summary: str = "",
    user: str | None = None,
) -> AuditEntry:
    """Append one entry, chained to the last one. Call inside the change's own transaction."""
    database_user = _serialise_appends(session)
    prev = session.execute(
        sa.select(AuditEntry.entry_hash).order_by(AuditEntry.id.desc()).limit(1)
    ).scalar() or GENESIS_HASH
    entry = AuditEntry(
        at=dt.datetime.now().replace(microsecond=0),
        user=user or database_user or current_user(),
        action=action,
        entity=entity,
        entity_id=entity_id,
        field=field,
        old_value=_as_text(old),
        new_value=_as_text(new),
        summary=summary,
        prev_hash=prev,
    )
    entry.entry_hash = _entry_hash(prev, _hashed_fields(entry))
    session.add(entry)
    session.flush()
    return entry


def record_changes(
    session: Session, entity: str, entity_id: int, old: dict[str, object], new: dict[str, object]
) -> list[AuditEntry]:
    """One entry per field that actually changed."""
    return [
        record(session, AuditAction.UPDATE, entity, entity_id, field=name, old=old.get(name), new=value)
        for name, value in new.items()
        if _as_text(old.get(name)) != _as_text(value)
    ]


def verify_chain(session: Session) -> list[str]:
    """Problems found in the chain; empty when no entry was edited, removed or inserted."""
    problems: list[str] = []
    prev = GENESIS_HASH
    for entry in session.execute(sa.select(AuditEntry).order_by(AuditEntry.id)).scalars():
        if entry.prev_hash != prev:
            problems.append(f"audit entry {entry.id}: chain broken (an entry before it is missing or changed)")
        if _entry_hash(entry.prev_hash, _hashed_fields(entry)) != entry.entry_hash:
            problems.append(f"audit entry {entry.id}: content does not match its hash")
        prev = entry.entry_hash
    return problems


def history(session: Session, entity: str, entity_id: int) -> list[AuditEntry]:
    return list(session.execute(
        sa.select(AuditEntry).where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
        .order_by(AuditEntry.id)
    ).scalars())


EXPORT_COLUMNS = ["id", "tid", "användare", "åtgärd", "objekt", "objekt-id", "fält", "tidigare värde",
                  "nytt värde", "sammanfattning", "föregående hash", "hash", "kedjan"]


def export_csv(session: Session, destination) -> int:
    """The whole log as CSV for a records request (offentlighetsprincipen): UTF-8 with BOM and
    semicolons so that Excel opens it with å, ä, ö intact; the last column says whether each
    entry's hash still matches. Returns the number of entries written."""
    import csv

    count = 0
    prev = GENESIS_HASH
    with open(destination, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(EXPORT_COLUMNS)
        for entry in session.execute(sa.select(AuditEntry).order_by(AuditEntry.id)).scalars():
            intact = entry.prev_hash == prev and _entry_hash(entry.prev_hash, _hashed_fields(entry)) == entry.entry_hash
            writer.writerow([entry.id, entry.at.isoformat(sep=" "), entry.user, AuditAction(entry.action).value,
                             entry.entity, entry.entity_id, entry.field, entry.old_value, entry.new_value,
                             entry.summary, entry.prev_hash, entry.entry_hash, "ok" if intact else "BRUTEN"])
            prev = entry.entry_hash
            count += 1
    return count
