"""Writing and verifying the audit log.

Every change a user makes goes through `record`, in the same transaction as the change itself,
so the log and the data can never disagree."""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import hmac
import json
import os
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session

from app.models import AuditAction, AuditEntry
from app.services.platform.audit_key import installation_key, seal

GENESIS_HASH = "0" * 64

# Set by the window from Inställningar (the user's own name); the OS user is always recorded too.
_display_name: str = ""


def set_display_name(name: str) -> None:
    """The name the user gave in Inställningar, recorded beside the OS user from now on."""
    global _display_name
    _display_name = " ".join(name.split())[:60]


def os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USERNAME") or os.environ.get("USER") or "okänd"


def current_user() -> str:
    """Who makes a change: the name from Inställningar with the OS user, e.g. "Anna Berg (anna)";
    the OS user alone when no name was given (the command line)."""
    user = os_user()
    name = _display_name or os.environ.get("STYRKORT_USER_NAME", "").strip()
    return f"{name} ({user})" if name and name != user else user


def _as_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if hasattr(value, "value") and not isinstance(value, (int, float, str)):
        return str(value.value)
    return str(value)


def row_content(row) -> str:
    """A deleted row's content for its DELETE entry's old value: every column as JSON, so that
    the history shows what was removed and a point-in-time view can put it back."""
    if hasattr(row, "__table__"):
        values = {c.key: getattr(row, c.key) for c in row.__table__.columns}
    else:
        values = dict(row)
    return json.dumps({k: v if isinstance(v, (int, float)) else _as_text(v)
                       for k, v in values.items() if not isinstance(v, bytes)}, ensure_ascii=False, sort_keys=True)


def _entry_hash(prev_hash: str, fields: dict[str, str | int | None]) -> str:
    payload = json.dumps(fields, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256((prev_hash + payload).encode("utf-8")).hexdigest()


def hashed_fields(at: dt.datetime, user: str, action: str, entity: str, entity_id: int | None,
                  field: str | None, old: str | None, new: str | None, summary: str,
                  batch_id: int | None) -> dict[str, str | int | None]:
    """What an entry's hash covers. `batch` only when set, so that entries written before the
    column existed keep their hashes."""
    fields: dict[str, str | int | None] = {
        "at": at.isoformat(), "user": user, "action": action, "entity": entity, "entity_id": entity_id,
        "field": field, "old": old, "new": new, "summary": summary,
    }
    if batch_id is not None:
        fields["batch"] = batch_id
    return fields


def _hashed_fields(entry: AuditEntry) -> dict[str, str | int | None]:
    return hashed_fields(entry.at, entry.user, AuditAction(entry.action).value, entry.entity, entry.entity_id,
                         entry.field, entry.old_value, entry.new_value, entry.summary, entry.batch_id)


def entry_hash_of(row) -> str:
    """The hash an entry (an AuditEntry or a row with the same attribute names) should carry."""
    action = row.action.value if hasattr(row.action, "value") else str(row.action)
    return _entry_hash(row.prev_hash, hashed_fields(row.at, row.user, action, row.entity, row.entity_id,
                                                    row.field, row.old_value, row.new_value, row.summary,
                                                    row.batch_id))


@dataclass(frozen=True)
class ChainHead:
    """The end of the chain: how many entries it has and the last one's hash."""

    length: int
    hash: str


_HEAD_KEY = "audit_head"


def chain_head(session: Session) -> ChainHead:
    """The chain's head as this transaction sees it. The one place an append learns what it
    chains to: a server database serialises concurrent appends here (lock, then read)."""
    # Valid only after this transaction appended (it then holds the write lock until it ends).
    cached = session.info.get(_HEAD_KEY) if session.info.get("audit_appended") else None
    if cached is not None:
        return cached
    length, last = session.execute(sa.select(
        sa.func.count(AuditEntry.id),
        sa.select(AuditEntry.entry_hash).order_by(AuditEntry.id.desc()).limit(1).scalar_subquery(),
    )).one()
    head = ChainHead(length, last or GENESIS_HASH)
    session.info[_HEAD_KEY] = head
    return head


def _advance(session: Session, head: ChainHead, new_hash: str) -> None:
    session.info[_HEAD_KEY] = ChainHead(head.length + 1, new_hash)
    session.info["audit_appended"] = True


@event.listens_for(Session, "after_soft_rollback")
def _forget_head(session: Session, _previous) -> None:
    session.info.pop(_HEAD_KEY, None)
    session.info.pop("audit_appended", None)


@event.listens_for(Session, "after_commit")
def _anchor_after_commit(session: Session) -> None:
    """Every commit that appended to the chain leaves its head outside the database."""
    head = session.info.pop(_HEAD_KEY, None)
    if session.info.pop("audit_appended", None) and head is not None:
        from app.services.platform.anchors import keep_anchor

        keep_anchor(session.get_bind(), head)
    else:
        session.info.pop(_HEAD_KEY, None)


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
    batch_id: int | None = None,
) -> AuditEntry:
    """Append one entry, chained to the last one. Call inside the change's own transaction."""
    head = chain_head(session)
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
        prev_hash=head.hash,
        batch_id=batch_id,
    )
    entry.entry_hash = _entry_hash(head.hash, _hashed_fields(entry))
    entry.seal, entry.key_id = seal(entry.entry_hash)
    session.add(entry)
    session.flush()
    _advance(session, head, entry.entry_hash)
    return entry


@dataclass(frozen=True)
class Change:
    """One value for `record_many` (an import writes thousands in one go)."""

    action: AuditAction
    entity: str
    entity_id: int | None
    field: str | None = None
    old: object = None
    new: object = None
    summary: str = ""


def record_many(session: Session, changes: list[Change], *, user: str | None = None,
                batch_id: int | None = None) -> int:
    """Append many entries at once (one executemany), chained exactly as `record` would."""
    if not changes:
        return 0
    head = chain_head(session)
    user = user or current_user()
    at = dt.datetime.now().replace(microsecond=0)
    key, key_id = installation_key()
    prev = head.hash
    rows = []
    for change in changes:
        old, new = _as_text(change.old), _as_text(change.new)
        digest = _entry_hash(prev, hashed_fields(at, user, change.action.value, change.entity, change.entity_id,
                                                 change.field, old, new, change.summary, batch_id))
        rows.append({"at": at, "user": user, "action": change.action, "entity": change.entity,
                     "entity_id": change.entity_id, "field": change.field, "old_value": old, "new_value": new,
                     "summary": change.summary, "prev_hash": prev, "entry_hash": digest, "batch_id": batch_id,
                     "seal": hmac.new(key, digest.encode("ascii"), hashlib.sha256).hexdigest() if key else None,
                     "key_id": key_id})
        prev = digest
    table = AuditEntry.__table__
    for start in range(0, len(rows), 5000):
        session.execute(sa.insert(table), rows[start:start + 5000])
    session.info[_HEAD_KEY] = ChainHead(head.length + len(rows), prev)
    session.info["audit_appended"] = True
    return len(rows)


def differs(old: object, new: object) -> bool:
    """Whether a value changed as the log sees it (12 and 12.0 are the same value)."""
    if isinstance(old, (int, float)) and isinstance(new, (int, float)):
        return float(old) != float(new)
    return _as_text(old) != _as_text(new)


def record_changes(
    session: Session, entity: str, entity_id: int, old: dict[str, object], new: dict[str, object]
) -> list[AuditEntry]:
    """One entry per field that actually changed."""
    return [
        record(session, AuditAction.UPDATE, entity, entity_id, field=name, old=old.get(name), new=value)
        for name, value in new.items()
        if differs(old.get(name), value)
    ]


def verify_chain(session: Session) -> list[str]:
    """Problems in the chain itself (no anchors): Swedish lines, empty when it holds."""
    from app.services.platform.audit_check import verify

    return verify(session).problems


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
