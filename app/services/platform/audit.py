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


USER_ENV = "STYRKORT_USER"


def current_user() -> str:
    """Who made a change: the name chosen in Inställningar (passed as STYRKORT_USER, which the
    command line honours too), else the OS user — without a login of our own."""
    chosen = os.environ.get(USER_ENV, "").strip()
    return chosen or os_user()


def os_user() -> str:
    """The OS user."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USERNAME") or os.environ.get("USER") or "okänd"


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
    prev = session.execute(
        sa.select(AuditEntry.entry_hash).order_by(AuditEntry.id.desc()).limit(1)
    ).scalar() or GENESIS_HASH
    entry = AuditEntry(
        at=dt.datetime.now().replace(microsecond=0),
        user=user or current_user(),
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
