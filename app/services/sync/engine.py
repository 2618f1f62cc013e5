"""`styrkort sync`: push the checkout's changes, pull everyone else's, in one step.

One round is three steps, each one transaction:

1. read the checkout's pending changes (the change log of `local`);
2. on the server, holding the audit chain's lock: if a receipt for this push number exists, the
   push already committed (a sync was killed after it) and is not repeated; otherwise push —
   inserts get server ids, updates send only the fields changed locally, deletes — row by row
   refused where the server says no (row-level security), and write the receipt; then read every
   row changed since the cursor by others;
3. in the checkout: renumber rows created offline to their server ids, clear what was pushed,
   merge what was pulled field by field, move the cursor and the push number.

Killed before 2 commits: nothing happened anywhere, the next sync pushes again. Killed between
2 and 3: the next sync finds the receipt and finishes. Killed in 3: SQLite rolls back, the next
sync finds the receipt and finishes. Nothing is applied twice, nothing lost.

A row changed on the server since this checkout last saw it is never overwritten by a push: it
is merged at pull (different fields merge, the same field changed to different values is a
conflict, kept with both versions), and a row merged cleanly is pushed in a second round."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from app.models.database_url import describe, make_server_engine
from app.models.errors import StyrkortError
from app.models.store import open_store
from app.models.sync_rules import LOCK_KEY
from app.services.sync import local, rows
from app.services.sync.checkout import scope_filters, scope_units
from app.services.sync.rows import delete_row as _delete
from app.services.sync.rows import renumber_many
from app.services.sync.rows import upsert as _upsert

MAX_ROUNDS = 3
# Test hook for the kill harness: the stage at which a sync stops and waits to be killed.
STALL_ENV = "STYRKORT_SYNC_STALL"


class SyncRefused(StyrkortError):
    """The server cannot be reached or refuses the sync as a whole; the checkout is untouched."""


@dataclass
class SyncReport:
    pushed: int = 0
    pulled: int = 0
    merged: int = 0
    refused: list[str] = field(default_factory=list)
    new_conflicts: int = 0
    open_conflicts: list[str] = field(default_factory=list)
    bytes_sent: int = 0
    bytes_received: int = 0
    resumed: bool = False
    rounds: int = 0
    seconds: float = 0.0


def _stall(stage: str) -> None:
    if os.environ.get(STALL_ENV) == stage:
        print(f"sync: stalled at {stage}", file=sys.stderr, flush=True)
        time.sleep(3600)


def _server_error(shown: str, exc: sa.exc.DBAPIError) -> SyncRefused:
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
    if isinstance(exc, sa.exc.OperationalError):
        return SyncRefused(f"Kan inte nå {shown} ({reason}). Utcheckningen har inte ändrats.",
                           f"Cannot reach {shown} ({reason}). The checkout was not changed.")
    return SyncRefused(f"{shown} vägrade synkroniseringen ({reason}). Utcheckningen har inte ändrats.",
                       f"{shown} refused the synchronisation ({reason}). The checkout was not changed.")


def sync(path: Path | str, url: str | None = None) -> SyncReport:
    """Synchronise the checkout at `path` with its regional database (or `url`)."""
    started = time.perf_counter()
    store = open_store(Path(path), create=False)
    report = SyncReport()
    try:
        with store.engine.connect() as conn:
            raw = conn.connection.driver_connection
            state = local.read_state(raw, str(path))
            raw.execute("BEGIN IMMEDIATE")
            local.install(raw)  # a migration may have rebuilt a table and dropped its triggers
            raw.execute("COMMIT")
            revision = raw.execute("SELECT version_num FROM alembic_version").fetchone()[0]
            target = url or state.server
            engine = make_server_engine(target)
            try:
                for _ in range(MAX_ROUNDS):
                    report.rounds += 1
                    more = _round(raw, engine, describe(target), local.read_state(raw, str(path)), revision, report)
                    if not more:
                        break
            finally:
                engine.dispose()
            report.open_conflicts = open_conflict_lines(raw)
    finally:
        store.close()
    report.seconds = time.perf_counter() - started
    return report


def open_conflict_lines(raw: sqlite3.Connection) -> list[str]:
    from app.services.sync.conflicts import describe_conflict, open_conflicts

    return [describe_conflict(c) for c in open_conflicts(raw)]


# --- one round -------------------------------------------------------------------------------


def _round(raw: sqlite3.Connection, engine: sa.Engine, shown: str, state: local.State, revision: str,
           report: SyncReport) -> bool:
    raw.execute("BEGIN")  # a consistent read of the log and the rows it names
    try:
        changes = local.pending(raw)
        current = _current_rows(raw, changes)
        new_keys = {(c.table, c.key) for c in changes if c.op == "I"}
    finally:
        raw.execute("COMMIT")
    push_no = state.push_no + 1
    try:
        with engine.connect() as conn, conn.begin():
            conn.execute(sa.text("SELECT set_config('styrkort.sync_client', :c, true)"), {"c": state.client})
            _check_revision(conn, shown, revision)
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": LOCK_KEY})
            receipt = conn.execute(sa.text("SELECT outcome FROM sync_push WHERE client = :c AND push_no = :n"),
                                   {"c": state.client, "n": push_no}).scalar()
            if receipt is not None:
                outcome = json.loads(receipt)
                report.resumed = True
            else:
                outcome = _push(conn, changes, current, new_keys, state, report)
                text = json.dumps(outcome, separators=(",", ":"))
                conn.execute(sa.text("SELECT styrkort_sync_receipt(:c, :n, :o)"),
                             {"c": state.client, "n": push_no, "o": text})
                if outcome["pushed"]:
                    _audit_push(conn, state, len(outcome["pushed"]))
            _stall("push")
            filters = scope_filters(scope_units(conn, state.scope)) if state.scope else {}
            pulled, top = _pull(conn, state, filters, report)
    except sa.exc.DBAPIError as exc:
        raise _server_error(shown, exc) from exc
    _stall("after-push")
    raw.execute("BEGIN IMMEDIATE")
    try:
        raw.execute("PRAGMA defer_foreign_keys = ON")
        raw.execute("UPDATE sync_state SET applying = 1")
        _apply_outcome(raw, outcome, report)
        more = _apply_pull(raw, pulled, report)
        raw.execute("UPDATE sync_state SET applying = 0, cursor = ?, push_no = ?, last_sync_at = ?",
                    (max(top, state.cursor), push_no, local.now()))
        broken = raw.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            table, _rowid, parent, _fk = broken[0]
            raise SyncRefused(
                f"Serverns ändringar skulle lämna {len(broken)} brutna referenser i utcheckningen "
                f"({table} → {parent}, troligen en post som togs bort här men fick nya rader där). "
                "Inget hämtades; det som skickades finns på servern.",
                f"The server's changes would leave {len(broken)} broken references in the checkout "
                f"({table} → {parent}, probably a record deleted here that got new rows there). "
                "Nothing was pulled; what was pushed is on the server.")
        _stall("pull")
        raw.execute("COMMIT")
    except BaseException:
        raw.execute("ROLLBACK")
        raise
    return more


def _check_revision(conn: sa.Connection, shown: str, revision: str) -> None:
    server = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    if server != revision:
        raise SyncRefused(
            f"{shown} har schema {server}, utcheckningen {revision}: uppgradera "
            + ("regionens databas (öppna den med den här versionen av Styrkort)" if server < revision
               else "Styrkort på den här datorn") + " och synkronisera igen. Utcheckningen har inte ändrats.",
            f"{shown} has schema {server}, the checkout {revision}: upgrade "
            + ("the regional database (open it with this version of Styrkort)" if server < revision
               else "Styrkort on this computer") + " and synchronise again. The checkout was not changed.")


def _current_rows(raw: sqlite3.Connection, changes: list[local.Change]) -> dict[str, dict[str, dict]]:
    keys: dict[str, list[str]] = defaultdict(list)
    for change in changes:
        if change.op in ("I", "U"):
            keys[change.table].append(change.key)
    return {name: local.read_rows(raw, rows.tables()[name], found) for name, found in keys.items()}


def _audit_push(conn: sa.Connection, state: local.State, count: int) -> None:
    from sqlalchemy.orm import Session

    from app.models import AuditAction
    from app.services.platform import audit

    with Session(bind=conn) as session:
        session.connection()  # begin (join the push's transaction) before the audit looks for it
        audit.record(session, AuditAction.UPDATE, "sync", state.push_no + 1,
                     summary=f"{count} ändringar synkroniserade från utcheckningen {state.client[:8]}")
        session.flush()


# --- push ------------------------------------------------------------------------------------


def _sqlstate(exc: sa.exc.DBAPIError) -> str | None:
    return getattr(exc.orig, "sqlstate", None)


def _reason(exc: sa.exc.DBAPIError) -> str:
    return str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)


def _push(conn: sa.Connection, changes: list[local.Change], current: dict[str, dict[str, dict]],
          new_keys: set[tuple[str, str]], state: local.State, report: SyncReport) -> dict:
    """Write the checkout's changes on the server, in this transaction. Returns the outcome (the
    receipt): pushed [table, key as it is now, rev, op], refused [table, key, reason], ids
    {table: [[local id, server id]]}."""
    outcome: dict = {"pushed": [], "refused": [], "ids": {}}
    id_map: dict[str, dict[int, int]] = defaultdict(dict)
    by_table: dict[str, list[local.Change]] = defaultdict(list)
    for change in changes:
        by_table[change.table].append(change)
    seqs = _server_seqs(conn, by_table)

    def moved_on_server(change: local.Change) -> bool:
        base = change.base_seq if change.base_seq is not None else state.cursor
        return seqs.get((change.table, change.key), 0) > base

    def mapped(table: sa.Table, row: dict) -> dict | None:
        """FK values pointing at rows created offline → their server ids; None while a parent
        created offline is not on the server yet (the row waits for the next sync)."""
        out = dict(row)
        for column, parent in rows.references(table):
            value = out.get(column)
            if value is None:
                continue
            if value in id_map[parent]:
                out[column] = id_map[parent][value]
            elif (parent, str(value)) in new_keys:
                return None
        return out

    def refuse(table: sa.Table, key: str, exc: sa.exc.DBAPIError | str) -> None:
        reason = exc if isinstance(exc, str) else _reason(exc)
        outcome["refused"].append([table.name, key, reason])

    # Inserts, parents first; rows created offline get server ids.
    for name in rows.order():
        table = rows.tables()[name]
        for change in sorted((c for c in by_table.get(name, []) if c.op == "I"),
                             key=lambda c: [int(v) for v in c.key.split(",")]):
            row = current.get(name, {}).get(change.key)
            values = mapped(table, row) if row is not None else None
            if values is None:
                continue
            serial = rows.has_serial_id(table)
            typed = rows.to_typed(table, values)
            if serial:
                typed.pop(table.primary_key.columns.keys()[0])
            try:
                with conn.begin_nested():
                    statement = sa.insert(table).values(typed)
                    if serial:
                        new_id = conn.execute(statement.returning(*table.primary_key.columns)).scalar_one()
                    else:
                        conn.execute(statement)
            except sa.exc.DBAPIError as exc:
                if _sqlstate(exc) != "23505":  # the same record created on both sides: merged at pull
                    refuse(table, change.key, exc)
                continue
            key = change.key
            if serial:
                id_map[name][int(change.key)] = new_id
                key = str(new_id)
            else:
                key = rows.row_key(table, values)
            outcome["pushed"].append([name, key, change.rev, "I", change.key])
            report.bytes_sent += len(json.dumps(values))

    # Updates: only the fields changed here, and only on rows nobody changed on the server since.
    for name in rows.order():
        table = rows.tables()[name]
        groups: dict[tuple[str, ...], list[tuple[local.Change, dict]]] = defaultdict(list)
        for change in by_table.get(name, []):
            if change.op != "U" or moved_on_server(change):
                continue
            row = current.get(name, {}).get(change.key)
            values = mapped(table, row) if row is not None else None
            if values is None:
                continue
            fields = tuple(sorted(rows.changed_fields(table, change.before or {}, values)))
            groups[fields].append((change, values))
        for fields, members in groups.items():
            done = _update_group(conn, table, fields, members, refuse)
            for change, values in done:
                outcome["pushed"].append([name, change.key, change.rev, "U", change.key])
                report.bytes_sent += len(json.dumps({f: values[f] for f in fields})) + len(change.key)

    # Deletes, children first.
    for name in reversed(rows.order()):
        table = rows.tables()[name]
        for change in by_table.get(name, []):
            if change.op == "X":
                outcome["pushed"].append([name, change.key, change.rev, "X", change.key])
                continue
            if change.op != "D" or moved_on_server(change):
                continue
            where = _key_clause(table, change.key)
            try:
                with conn.begin_nested():
                    gone = conn.execute(sa.delete(table).where(where)).rowcount
            except sa.exc.DBAPIError as exc:
                refuse(table, change.key, exc)
                continue
            if not gone and _exists(conn, table, where):
                refuse(table, change.key, "row-level security: not your row")
                continue
            outcome["pushed"].append([name, change.key, change.rev, "D", change.key])
            report.bytes_sent += len(change.key)
    outcome["ids"] = {name: [[old, new] for old, new in pairs.items()] for name, pairs in id_map.items() if pairs}
    report.pushed += len(outcome["pushed"])
    return outcome


def _key_clause(table: sa.Table, key: str):
    return sa.and_(*(table.c[c] == v for c, v in rows.key_values(table, key).items()))


def _exists(conn: sa.Connection, table: sa.Table, where) -> bool:
    return conn.execute(sa.select(sa.literal(1)).select_from(table).where(where)).first() is not None


def _update_group(conn: sa.Connection, table: sa.Table, fields: tuple[str, ...],
                  members: list[tuple[local.Change, dict]], refuse) -> list[tuple[local.Change, dict]]:
    """One UPDATE for many rows changing the same fields; row by row (each in a savepoint) when
    the server refuses some of them, to say which."""
    if not fields:
        return members
    keys = rows.key_columns(table)
    setters = {f: sa.bindparam(f"v_{f}", type_=table.c[f].type) for f in fields}
    if rows.VERSION in table.c:
        setters[rows.VERSION] = table.c[rows.VERSION] + 1
    statement = (sa.update(table).where(*(table.c[k] == sa.bindparam(f"k_{k}") for k in keys))
                 .values(setters))

    def params(values: dict) -> dict:
        typed = rows.to_typed(table, values)
        return {**{f"v_{f}": typed[f] for f in fields}, **{f"k_{k}": values[k] for k in keys}}

    try:
        with conn.begin_nested():
            changed = conn.execute(statement, [params(v) for _c, v in members]).rowcount
            if changed == len(members):
                return members
            raise _Partial()
    except (sa.exc.DBAPIError, _Partial):
        pass
    done = []
    for change, values in members:
        try:
            with conn.begin_nested():
                changed = conn.execute(statement, params(values)).rowcount
        except sa.exc.DBAPIError as exc:
            refuse(table, change.key, exc)
            continue
        if changed:
            done.append((change, values))
        elif _exists(conn, table, _key_clause(table, change.key)):
            refuse(table, change.key, "row-level security: not your row")
    return done


class _Partial(Exception):
    """Fewer rows changed than sent: find out which, row by row."""


def _server_seqs(conn: sa.Connection, by_table: dict[str, list[local.Change]]) -> dict[tuple[str, str], int]:
    out = {}
    for name, changes in by_table.items():
        keys = [c.key for c in changes if c.op in ("U", "D")]
        for start in range(0, len(keys), 5000):
            for key, seq in conn.execute(sa.text(
                    "SELECT row_key, seq FROM sync_row_version WHERE tbl = :t AND row_key = ANY(:k)"),
                    {"t": name, "k": keys[start:start + 5000]}):
                out[(name, key)] = seq
    return out


# --- pull ------------------------------------------------------------------------------------


@dataclass
class Pulled:
    table: str
    key: str
    seq: int
    deleted: bool
    row: dict | None


def _pull(conn: sa.Connection, state: local.State, filters: dict[str, str],
          report: SyncReport) -> tuple[list[Pulled], int]:
    """Every row others changed since the cursor (in scope), with the server's current values,
    and the cursor to move to. The caller holds the lock writers take before drawing a number,
    so the largest number read here has no smaller one still in flight."""
    top = conn.execute(sa.text("SELECT coalesce(max(seq), 0) FROM sync_row_version")).scalar_one()
    changed = conn.execute(sa.text(
        "SELECT tbl, row_key, seq, deleted FROM sync_row_version WHERE seq > :c "
        "AND origin IS DISTINCT FROM :client ORDER BY seq"), {"c": state.cursor, "client": state.client}).all()
    by_table: dict[str, list] = defaultdict(list)
    out: list[Pulled] = []
    for name, key, seq, deleted in changed:
        if name not in rows.tables():
            continue
        if deleted:
            out.append(Pulled(name, key, seq, True, None))
            report.bytes_received += len(key)
        else:
            by_table[name].append((key, seq))
    for name, members in by_table.items():
        table = rows.tables()[name]
        found: dict[str, dict] = {}
        single = len(rows.key_columns(table)) == 1
        for start in range(0, len(members), 5000):
            chunk = [k for k, _s in members[start:start + 5000]]
            query = sa.select(table)
            if single:
                query = query.where(table.primary_key.columns[0].in_([int(k) for k in chunk]))
            else:
                key_sql = " || ',' || ".join(f"{c}::text" for c in rows.key_columns(table))
                query = query.where(sa.text(f"({key_sql}) = ANY(:keys)").bindparams(keys=chunk))
            if name in filters:
                query = query.where(sa.text(filters[name]))
            for row in conn.execute(query).mappings():
                neutral = rows.to_neutral(table, row)
                found[rows.row_key(table, neutral)] = neutral
        for key, seq in members:
            if key in found:  # out of scope, or gone again: nothing to bring
                out.append(Pulled(name, key, seq, False, found[key]))
                report.bytes_received += len(json.dumps(found[key]))
    report.pulled += len(out)
    return out, top


# --- applying in the checkout ----------------------------------------------------------------


def _apply_outcome(raw: sqlite3.Connection, outcome: dict, report: SyncReport) -> None:
    renumber_many(raw, {name: [(old, new) for old, new in pairs] for name, pairs in outcome["ids"].items()})
    for name, key, rev, op, _old_key in outcome["pushed"]:
        found = raw.execute("SELECT rev, op FROM sync_change WHERE tbl = ? AND row_key = ?", (name, key)).fetchone()
        if found is None:
            continue
        if found[0] == rev:
            raw.execute("DELETE FROM sync_change WHERE tbl = ? AND row_key = ?", (name, key))
        elif op == "I" and found[1] == "I":
            # Edited again after the push: the row is on the server now, the edit is an update.
            raw.execute("UPDATE sync_change SET op = 'U', base_seq = NULL, "
                        "before = ? WHERE tbl = ? AND row_key = ?",
                        (json.dumps(_local_row(raw, name, key)), name, key))
    report.refused += [f"{name} {key}: {reason}" for name, key, reason in outcome["refused"]]


def _local_row(raw: sqlite3.Connection, name: str, key: str) -> dict | None:
    return local.read_rows(raw, rows.tables()[name], [key]).get(key)


def _apply_pull(raw: sqlite3.Connection, pulled: list[Pulled], report: SyncReport) -> bool:
    """Apply the server's rows; merge with rows changed here too. True when a merged row now
    waits to be pushed (another round)."""
    from app.services.sync.conflicts import record_conflict, unique_twin

    more = False
    position = {name: i for i, name in enumerate(rows.order())}
    upserts = sorted((p for p in pulled if not p.deleted), key=lambda p: position[p.table])
    deletes = sorted((p for p in pulled if p.deleted), key=lambda p: -position[p.table])
    for item in upserts + deletes:
        table = rows.tables()[item.table]
        change = local.change_of(raw, item.table, item.key)
        if change is not None and change.op == "X":
            raw.execute("DELETE FROM sync_change WHERE tbl = ? AND row_key = ?", (item.table, item.key))
            change = None
        if change is not None and change.op == "I" and not item.deleted and not rows.has_serial_id(table):
            # The same link (goal–indicator …) made on both sides: one row.
            raw.execute("DELETE FROM sync_change WHERE tbl = ? AND row_key = ?", (item.table, item.key))
            change = None
        if change is not None and change.op == "I" and not item.deleted:
            # A row created here has the id a new server row got: it moves aside (its own id comes at push).
            top = max(raw.execute(f"SELECT coalesce(max({rows.key_columns(table)[0]}), 0) FROM {item.table}")
                      .fetchone()[0], max(int(p.key) for p in pulled if p.table == item.table))
            renumber_many(raw, {item.table: [(int(item.key), top + 1)]})
            change = None
        if change is None:
            if item.deleted:
                _delete(raw, table, item.key)
                continue
            try:
                _upsert(raw, table, item.row)
            except sqlite3.IntegrityError:
                twin = unique_twin(raw, table, item.row)
                if twin is None:
                    raise
                record_conflict(raw, item.table, twin, _local_row(raw, item.table, twin), item.row, None,
                                item.seq, sorted(rows.changed_fields(table, _local_row(raw, item.table, twin),
                                                                     item.row)) or ["(ny post)"])
                report.new_conflicts += 1
            continue
        mine = _local_row(raw, item.table, item.key)
        base = change.before or {}
        if change.op == "D":
            if item.deleted:
                raw.execute("DELETE FROM sync_change WHERE tbl = ? AND row_key = ?", (item.table, item.key))
            elif rows.changed_fields(table, base, item.row):
                record_conflict(raw, item.table, item.key, None, item.row, base, item.seq, ["(borttagen här)"])
                report.new_conflicts += 1
            else:
                raw.execute("UPDATE sync_change SET base_seq = ? WHERE tbl = ? AND row_key = ?",
                            (item.seq, item.table, item.key))
                more = True
            continue
        if item.deleted:
            record_conflict(raw, item.table, item.key, mine, None, base, item.seq, ["(borttagen på servern)"])
            report.new_conflicts += 1
            continue
        mine_changed = rows.changed_fields(table, base, mine)
        theirs_changed = rows.changed_fields(table, base, item.row)
        clash = sorted(f for f in mine_changed & theirs_changed if not rows.same(mine[f], item.row[f]))
        merged = dict(mine)
        for name in theirs_changed - mine_changed:
            merged[name] = item.row[name]
        if rows.VERSION in merged:
            merged[rows.VERSION] = item.row[rows.VERSION]
        _upsert(raw, table, merged)
        report.merged += 1
        if clash:
            record_conflict(raw, item.table, item.key, mine, item.row, base, item.seq, clash)
            report.new_conflicts += 1
        elif rows.changed_fields(table, item.row, merged):
            raw.execute("UPDATE sync_change SET before = ?, base_seq = ? WHERE tbl = ? AND row_key = ?",
                        (json.dumps(item.row), item.seq, item.table, item.key))
            more = True
        else:
            raw.execute("DELETE FROM sync_change WHERE tbl = ? AND row_key = ?", (item.table, item.key))
    return more
