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


# An import's new values (and their removal by its undo) are recorded in bulk entries of up to
# BULK rows: field CREATED_ROWS with new = [[id, value], …], field DELETED_ROWS with old = [row, …].
# One entry per value would be one index insertion per value in the log (the import of 500 000
# values would take twice as long); the bulk entries are as tamper-evident, and the history views
# expand them into one row per value (app.services.history.changes.expand).
CREATED_ROWS = "created_rows"
DELETED_ROWS = "deleted_rows"
BULK = 10_000


def bulk_created(entity: str, rows: list[tuple[int, object]], summary: str = "") -> list[Change]:
    """Changes recording that rows (id, value) were created, BULK at a time."""
    return [Change(AuditAction.CREATE, entity, None, CREATED_ROWS, None,
                   json.dumps([[i, v] for i, v in rows[start:start + BULK]], ensure_ascii=False),
                   summary or f"{len(rows[start:start + BULK])} nya värden")
            for start in range(0, len(rows), BULK)]


def bulk_deleted(entity: str, contents: list[str], summary: str = "") -> list[Change]:
    """Changes recording that rows were removed, with their content (row_content texts)."""
    return [Change(AuditAction.DELETE, entity, None, DELETED_ROWS,
                   "[" + ",".join(contents[start:start + BULK]) + "]", None,
                   summary or f"{len(contents[start:start + BULK])} värden borttagna")
            for start in range(0, len(contents), BULK)]


def record_many(session: Session, changes: list[Change], *, user: str | None = None,
                batch_id: int | None = None) -> int:
    """Append many entries at once (one executemany), chained exactly as `record` would."""
    if not changes:
        return 0
    head = chain_head(session)
    user = user or current_user()
    at = dt.datetime.now().replace(microsecond=0)
    at_text = at.isoformat()
    key, key_id = installation_key()
    # The fields in sorted key order, so that a plain encoder gives json.dumps(sort_keys=True)'s
    # text at a fraction of the cost (an import writes hundreds of thousands of entries).
    encode = json.JSONEncoder(ensure_ascii=False).encode
    sha256, mac = hashlib.sha256, hmac.digest
    prev = head.hash
    rows = []
    for change in changes:
        old, new = _as_text(change.old), _as_text(change.new)
        fields: dict = {"action": change.action.value, "at": at_text}
        if batch_id is not None:
            fields["batch"] = batch_id
        fields.update(entity=change.entity, entity_id=change.entity_id, field=change.field, new=new, old=old,
                      summary=change.summary, user=user)
        digest = sha256((prev + encode(fields)).encode("utf-8")).hexdigest()
        rows.append((change.action.value, change.entity, change.entity_id, change.field, old, new, change.summary,
                     prev, digest, mac(key, digest.encode("ascii"), "sha256").hex() if key else None))
        prev = digest
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        # SQLAlchemy's SQLite DateTime format, so that the ORM reads these entries back unchanged.
        stamp = at.strftime("%Y-%m-%d %H:%M:%S.%f")
        sql = ("INSERT INTO audit_entry (at, user, action, entity, entity_id, field, old_value, new_value, "
               "summary, prev_hash, entry_hash, seal, key_id, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        driver = conn.connection.driver_connection
        # The unique index on entry_hash takes random keys: with SQLite's default 2 MB page cache a
        # large batch spends most of its time re-reading index pages (measured 65 µs an entry for
        # 100 000; with a larger cache for the duration see benchmarks/bench_audit.py).
        cache = driver.execute("PRAGMA cache_size").fetchone()[0]
        if len(rows) > 10_000:
            driver.execute("PRAGMA cache_size=-131072")
        try:
            driver.executemany(sql, [(stamp, user, *row, key_id, batch_id) for row in rows])
        finally:
            driver.execute(f"PRAGMA cache_size={int(cache)}")
    else:
        names = ("action", "entity", "entity_id", "field", "old_value", "new_value", "summary", "prev_hash",
                 "entry_hash", "seal")
        table = AuditEntry.__table__
        for start in range(0, len(rows), 5000):
            session.execute(sa.insert(table), [
                {"at": at, "user": user, "key_id": key_id, "batch_id": batch_id,
                 **dict(zip(names, (AuditAction(r[0]), *r[1:]), strict=True))} for r in rows[start:start + 5000]])
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


def history(session: Session, entity: str, entity_id: int) -> list[AuditEntry]:
    return list(session.execute(
        sa.select(AuditEntry).where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
        .order_by(AuditEntry.id)
    ).scalars())


EXPORT_COLUMNS = ["nr", "id", "tid", "användare", "åtgärd", "objekt", "objekt-id", "fält", "tidigare värde",
                  "nytt värde", "sammanfattning", "import", "föregående hash", "hash", "kedjan", "hashat innehåll"]


def export_rows(session: Session, where=None):
    """Every entry as an export row, oldest first, with its position in the chain and whether its
    hash and link still hold; `where` (a filter on AuditEntry) keeps some rows but positions and
    links are those of the whole chain."""
    table = AuditEntry.__table__
    prev, position = GENESIS_HASH, 0
    wanted = None
    if where is not None:
        wanted = set(session.execute(sa.select(AuditEntry.id).where(where)).scalars())
    for row in session.execute(sa.select(table).order_by(table.c.id).execution_options(yield_per=5000)):
        position += 1
        action = AuditAction(row.action).value
        payload = json.dumps(hashed_fields(row.at, row.user, action, row.entity, row.entity_id, row.field,
                                           row.old_value, row.new_value, row.summary, row.batch_id),
                             sort_keys=True, ensure_ascii=False)
        intact = (row.prev_hash == prev
                  and hashlib.sha256((row.prev_hash + payload).encode("utf-8")).hexdigest() == row.entry_hash)
        prev = row.entry_hash
        if wanted is not None and row.id not in wanted:
            continue
        yield [position, row.id, row.at.isoformat(sep=" "), row.user, action, row.entity,
               row.entity_id, row.field, row.old_value, row.new_value, row.summary, row.batch_id, row.prev_hash,
               row.entry_hash, "ok" if intact else "BRUTEN", payload]


def export_csv(session: Session, destination, where=None) -> int:
    """The log as CSV for a records request (offentlighetsprincipen) or a revisor: UTF-8 with BOM
    and semicolons so that Excel opens it with å, ä, ö intact; each entry's hash and the previous
    one, so the chain can be verified outside Styrkort (docs/audit.md). Returns the entries written."""
    import csv

    count = 0
    with open(destination, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(EXPORT_COLUMNS)
        for row in export_rows(session, where):
            writer.writerow(row)
            count += 1
    return count


SHEET_ROWS = 1_000_000  # Excel's limit is 1 048 576 rows a sheet; more go on the next sheet


def export_xlsx(session: Session, destination, where=None, anchor: str = "") -> int:
    """The same as an Excel workbook: a frozen header with filters, text kept as text (a value
    starting with "=" is never a formula), the chain's checksum in the file's properties."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(destination), {"constant_memory": True, "strings_to_formulas": False,
                                                   "strings_to_numbers": False, "strings_to_urls": False})
    if anchor:
        book.set_properties({"comments": anchor, "title": "Ändringslogg"})
    bold = book.add_format({"bold": True, "bg_color": "#E8EEF4", "border": 1})
    widths = [8, 8, 19, 22, 9, 16, 9, 14, 24, 24, 40, 8, 20, 20, 8, 30]
    count, sheet, line = 0, None, 0

    def new_sheet(number: int):
        ws = book.add_worksheet("Ändringslogg" if number == 1 else f"Ändringslogg {number}")
        for column, (title, width) in enumerate(zip(EXPORT_COLUMNS, widths, strict=True)):
            ws.set_column(column, column, width)
            ws.write_string(0, column, title, bold)
        ws.freeze_panes(1, 0)
        return ws

    sheets = []
    for row in export_rows(session, where):
        if sheet is None or line > SHEET_ROWS:
            sheet = new_sheet(len(sheets) + 1)
            sheets.append(sheet)
            line = 1
        for column, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, int):
                sheet.write_number(line, column, value)
            else:
                sheet.write_string(line, column, str(value))
        line += 1
        count += 1
        sheets[-1].rows_written = line
    if sheet is None:
        sheets.append(new_sheet(1))
        sheets[-1].rows_written = 1
    for ws in sheets:
        ws.autofilter(0, 0, max(0, ws.rows_written - 1), len(EXPORT_COLUMNS) - 1)
    book.close()
    return count
