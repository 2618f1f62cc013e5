"""Verifying the audit log: the chain itself, each entry's seal, the append-only triggers, and the
chain against every anchor found outside the database. Every problem is one Swedish line that says
where (entry number, time, user) and what.

What each check finds (docs/audit.md has the full table):
* content hash — an entry edited in place;
* chain link — an entry removed from the middle, inserted, or two swapped;
* seal (HMAC with the installation key) — the whole chain recomputed after an edit, an entry
  appended by someone without the key;
* anchors — the newest entries removed (the chain is shorter than it once was), and any rewrite
  of the entries an anchor covers;
* triggers — the append-only protection removed."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import AuditAction, AuditEntry
from app.services.platform.anchors import Anchor
from app.services.platform.audit import GENESIS_HASH
from app.services.platform.audit_key import installation_key

TRIGGERS = ("audit_entry_no_update", "audit_entry_no_delete")
MAX_LINES = 50  # per kind of problem; the count says how many more


@dataclass
class ChainReport:
    length: int = 0
    head: str = GENESIS_HASH
    problems: list[str] = field(default_factory=list)
    anchors_checked: int = 0
    sealed: int = 0
    foreign_sealed: int = 0  # sealed by another installation's key (cannot be checked here)

    @property
    def ok(self) -> bool:
        return not self.problems


def entries(n: int) -> str:
    return f"{n} post" if n == 1 else f"{n} poster"


def _where(row, position: int) -> str:
    return f"post nr {position} (id {row[0]}, {row[1][:16].replace('T', ' ')}, {row[2]})"


_COLUMNS = ("id", "at", "user", "action", "entity", "entity_id", "field", "old_value", "new_value", "summary",
            "prev_hash", "entry_hash", "batch_id", "seal", "key_id")


def _chain_rows(session: Session):
    """Every entry in chain order as a plain tuple, `at` as the ISO text that was hashed and
    `action` as its identifier. On SQLite straight from the driver (a million entries: the ORM's
    type conversion would cost more than the hashing); elsewhere through Core."""
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        cursor = conn.connection.driver_connection.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM audit_entry ORDER BY id")
        fromisoformat = dt.datetime.fromisoformat
        while rows := cursor.fetchmany(5000):
            for row in rows:
                at = row[1]
                # SQLAlchemy stores "YYYY-MM-DD HH:MM:SS.ffffff"; entries are written to the second.
                at = at[:10] + "T" + at[11:19] if len(at) == 19 or at.endswith(".000000") \
                    else fromisoformat(at).isoformat()
                yield (row[0], at, *row[2:])
        return
    table = AuditEntry.__table__
    for row in conn.execute(sa.select(*[table.c[name] for name in _COLUMNS]).order_by(table.c.id)
                            .execution_options(yield_per=5000)):
        yield (row[0], row[1].isoformat(), row[2], AuditAction(row[3]).value, *row[4:])


def verify(session: Session, anchors: list[Anchor] = ()) -> ChainReport:
    """Walk the whole chain once (streamed, so a million entries fit in little memory)."""
    report = ChainReport()
    key, key_id = installation_key(create=False)
    wanted = {a.head for a in anchors if a.length > 0}
    found_at: dict[str, int] = {}   # anchor hash → position where the chain has it
    at_length: dict[int, str] = {}  # anchor length → the chain's hash at that position
    lengths = {a.length for a in anchors}
    kinds: dict[str, int] = {}

    def problem(kind: str, text: str) -> None:
        kinds[kind] = kinds.get(kind, 0) + 1
        if kinds[kind] <= MAX_LINES:
            report.problems.append(text)

    prev, prev_row, position, seen_seal = GENESIS_HASH, None, 0, False
    encode = json.JSONEncoder(ensure_ascii=False).encode  # the fields come in sorted order already
    sha256 = hashlib.sha256
    for row in _chain_rows(session):
        (row_id, at, user, action, entity, entity_id, field_name, old, new, summary, prev_hash, digest,
         batch_id, seal, row_key_id) = row
        position += 1
        if prev_hash != prev:
            before = f"{_where(prev_row, position - 1)} och " if prev_row is not None else "början och "
            problem("link", f"Kedjan är bruten mellan {before}{_where(row, position)}: "
                            "en post har tagits bort, lagts till eller bytt plats.")
        fields = {"action": action, "at": at}
        if batch_id is not None:
            fields["batch"] = batch_id
        fields.update(entity=entity, entity_id=entity_id, field=field_name, new=new, old=old, summary=summary,
                      user=user)
        if sha256((prev_hash + encode(fields)).encode("utf-8")).hexdigest() != digest:
            problem("content", f"{_where(row, position).capitalize()} har ändrats i efterhand: "
                               "innehållet stämmer inte med postens kontrollsumma.")
        if seal is None:
            if seen_seal:
                problem("unsealed", f"{_where(row, position).capitalize()} saknar försegling fast tidigare "
                                    "poster har en: den har lagts till eller skrivits om utan nyckeln.")
        else:
            seen_seal = True
            report.sealed += 1
            if key is not None and row_key_id == key_id:
                if hmac.digest(key, digest.encode("ascii"), "sha256").hex() != seal:
                    problem("seal", f"{_where(row, position).capitalize()}: förseglingen stämmer inte – "
                                    "kedjan har räknats om utan installationens nyckel.")
            else:
                report.foreign_sealed += 1
        if digest in wanted:
            found_at.setdefault(digest, position)
        if position in lengths:
            at_length[position] = digest
        prev, prev_row = digest, row
    report.length, report.head = position, prev
    for count in kinds.values():
        if count > MAX_LINES:
            report.problems.append(f"… och {count - MAX_LINES} poster till med samma slags problem.")
    report.problems += _compare(anchors, report.length, found_at, at_length)
    report.anchors_checked = len(anchors)
    report.problems += _trigger_problems(session)
    return report


def _compare(anchors, length: int, found_at: dict[str, int], at_length: dict[int, str]) -> list[str]:
    out = []
    for anchor in anchors:
        since = f"{anchor.source} ({anchor.at.replace('T', ' ')[:16]}, {entries(anchor.length)})"
        if anchor.length < 0 or anchor.sealed_ok is False:
            out.append(f"Ankaret {since} är skadat eller förfalskat: dess försegling stämmer inte.")
            continue
        if anchor.length == 0:
            continue
        if at_length.get(anchor.length) == anchor.head:
            continue  # the first `length` entries are exactly those the anchor saw
        position = found_at.get(anchor.head)
        if position is not None and position < anchor.length:
            out.append(f"{entries(anchor.length - position)} saknas sedan {since}: "
                       f"dess sista post är nu post nr {position}.")
        elif position is not None:
            out.append(f"{entries(position - anchor.length)} har lagts till före den sista posten som "
                       f"{since} såg (den är nu post nr {position}).")
        elif length < anchor.length:
            out.append(f"{entries(anchor.length - length)} saknas sedan {since}: kedjan har bara {length} poster "
                       "och dess sista post stämmer inte med ankaret.")
        else:
            out.append(f"Kedjan stämmer inte med {since}: minst en av de {anchor.length} första posterna har "
                       "ändrats eller skrivits om, och kedjan har räknats om.")
    return out


def _trigger_problems(session: Session) -> list[str]:
    if session.get_bind().dialect.name != "sqlite":
        return []
    present = set(session.execute(sa.text(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_entry'")).scalars())
    return [f"Skyddet mot ändringar i ändringsloggen saknas (triggern {name} har tagits bort)."
            for name in TRIGGERS if name not in present]


def verify_chain(session: Session) -> list[str]:
    """Problems in the chain itself (no anchors): Swedish lines, empty when it holds."""
    return verify(session).problems
