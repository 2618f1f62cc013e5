"""`styrkort checkout`: the whole region, or one nämnd's scope, from the regional database into
a new local file that remembers where it came from and the server's change number at that moment.

A scope is an organisational unit (a nämnd, a förvaltning) and every unit beneath it: the
checkout carries its results, targets, assessments, plans with their activities, dialogue
meetings and milestones. What the whole region shares — the organisation, periods, indicators,
the goal tree with its indicator links, styrdokument and delegation orders, import batches — comes
whole, so every page works offline and every reference holds."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from app.models.database_url import describe, make_server_engine
from app.models.errors import StyrkortError
from app.models.store import open_store
from app.services.sync import local, rows

Progress = Callable[[str, int, int], None]
CHUNK = 5000


def scope_filters(unit_ids: list[int]) -> dict[str, str]:
    """table → the SQL condition a row of a scoped table meets (the other tables come whole)."""
    units = ", ".join(str(u) for u in unit_ids) or "NULL"
    plans = f"SELECT id FROM operational_plan WHERE unit_id IN ({units})"
    meetings = f"SELECT id FROM dialogue_meeting WHERE unit_id IN ({units})"
    return {
        "result": f"unit_id IN ({units})",
        "target": f"unit_id IS NULL OR unit_id IN ({units})",
        "assessment": f"unit_id IS NULL OR unit_id IN ({units})",
        "operational_plan": f"unit_id IN ({units})",
        "activity": f"plan_id IN ({plans})",
        "activity_goal": f"activity_id IN (SELECT id FROM activity WHERE plan_id IN ({plans}))",
        "dialogue_meeting": f"unit_id IN ({units})",
        "dialogue_meeting_goal": f"meeting_id IN ({meetings})",
        "assessment_meeting": f"assessment_id IN (SELECT id FROM assessment WHERE unit_id IS NULL "
                              f"OR unit_id IN ({units}))",
        "milestone": f"unit_id IS NULL OR unit_id IN ({units})",
    }


def scope_units(conn: sa.Connection, code: str) -> list[int]:
    found = conn.execute(sa.text("SELECT id FROM org_unit WHERE code = :c"), {"c": code}).scalar()
    if found is None:
        raise StyrkortError(f"Enheten {code} finns inte i regionens databas.",
                            f"The unit {code} does not exist in the regional database.")
    return list(conn.execute(sa.text(
        "WITH RECURSIVE sub(id) AS (SELECT CAST(:u AS INTEGER) UNION "
        "SELECT o.id FROM org_unit o JOIN sub ON o.parent_id = sub.id) SELECT id FROM sub"), {"u": found}).scalars())


def server_cursor(conn: sa.Connection, shown: str) -> int:
    try:
        with conn.begin_nested():
            return conn.execute(sa.text("SELECT coalesce(max(seq), 0) FROM sync_row_version")).scalar_one()
    except sa.exc.ProgrammingError as exc:
        raise StyrkortError(
            f"{shown} har ingen ändringsföljd för synkronisering; uppgradera regionens databas "
            "(öppna den en gång med den här versionen av Styrkort).",
            f"{shown} has no change sequence for synchronisation; upgrade the regional database "
            "(open it once with this version of Styrkort).") from exc


@dataclass
class CheckoutReport:
    server: str
    path: Path
    scope: str | None
    cursor: int
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def checkout(url: str, path: Path, scope: str | None = None, *, progress: Progress | None = None) -> CheckoutReport:
    """Copy the region (or `scope`'s part) into a new file at `path`, in one consistent snapshot
    of the server, and set up the file's change log."""
    path = Path(path)
    if path.exists() and path.stat().st_size > 0:
        raise StyrkortError(f"{path} finns redan; välj ett nytt filnamn för utcheckningen.",
                            f"{path} already exists; choose a new file name for the checkout.")
    shown = describe(url)
    server = open_store(url, readonly=True, create=False)  # refuses a foreign, newer or older schema
    server.close()
    engine = make_server_engine(url, readonly=True)
    try:
        with engine.connect().execution_options(isolation_level="REPEATABLE READ") as src, src.begin():
            revision = src.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one()
            cursor = server_cursor(src, shown)
            filters = scope_filters(scope_units(src, scope)) if scope else {}
            report = CheckoutReport(shown, path, scope, cursor)
            access = _server_access(src)
            _copy_into(src, path, filters, report, progress)
    except sa.exc.OperationalError as exc:
        path.unlink(missing_ok=True)
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise StyrkortError(f"Kan inte ansluta till {shown} ({reason}).", f"Cannot connect to {shown} ({reason}).") from exc
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    finally:
        engine.dispose()
    _finish(path, url, scope, cursor, revision, access)
    return report


def _server_access(conn: sa.Connection):
    """The connected user's role and units: the checkout keeps the same things read-only."""
    from sqlalchemy.orm import Session

    from app.services.platform.roles import access_for

    with Session(bind=conn) as session:
        return access_for(session)


def _copy_into(src: sa.Connection, path: Path, filters: dict[str, str], report: CheckoutReport,
               progress: Progress | None) -> None:
    target = open_store(path, create=True)
    try:
        with target.engine.connect() as dst:
            dst.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
            with dst.begin():
                for table in rows.tables().values():
                    query = sa.select(table).order_by(*table.primary_key.columns)
                    if table.name in filters:
                        query = query.where(sa.text(filters[table.name]))
                    count = 0
                    for chunk in src.execute(query).mappings().yield_per(CHUNK).partitions(CHUNK):
                        dst.execute(sa.insert(table), [dict(r) for r in chunk])
                        count += len(chunk)
                        if progress:
                            progress(table.name, count, 0)
                    report.rows[table.name] = count
                broken = dst.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise StyrkortError(
                        f"Utcheckningen skulle lämna {len(broken)} brutna referenser ({broken[0][0]}); avbruten.",
                        f"The checkout would leave {len(broken)} broken references ({broken[0][0]}); stopped.")
            dst.connection.driver_connection.execute("PRAGMA foreign_keys=ON")
    finally:
        target.close()


def _finish(path: Path, url: str, scope: str | None, cursor: int, revision: str, access) -> None:
    store = open_store(path, create=False)
    try:
        with store.engine.connect() as conn:
            raw = conn.connection.driver_connection
            raw.execute("BEGIN IMMEDIATE")
            local.install(raw)
            raw.execute("INSERT INTO sync_state (id, server, client, scope, cursor, push_no, applying, revision, "
                        "checked_out_at, role, role_units) VALUES (1, ?, ?, ?, ?, 0, 0, ?, ?, ?, ?)",
                        (_without_password(url), uuid.uuid4().hex, scope, cursor, revision, local.now(),
                         access.role, json.dumps(sorted(access.unit_ids))))
            raw.execute("COMMIT")
    finally:
        store.close()


def _without_password(url: str) -> str:
    """Where the checkout came from, as it may be stored: a password stays with libpq (.pgpass)."""
    return sa.engine.make_url(url).set(password=None).render_as_string(hide_password=False)
