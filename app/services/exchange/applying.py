"""Apply (stage 5): write a plan in the caller's transaction with executemany, and record an
ImportBatch with every change so that it can be undone."""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import json
from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import (
    AuditAction,
    ImportBatch,
    ImportChange,
    Indicator,
    OrgUnit,
    Result,
    Target,
)
from app.models.errors import StyrkortError
from app.services.exchange.mapping import save_mapping
from app.services.exchange.plans import ImportCancelled, ImportPlan
from app.services.exchange.records import RECORD_ENTITIES
from app.services.exchange.structure import STRUCTURE_ENTITIES
from app.services.followup.periods import ensure_period
from app.services.platform import audit

Progress = Callable[[str, int, int], None]


CHUNK = 20_000


ENTITIES = {"org_unit": OrgUnit, "indicator": Indicator, "target": Target, "result": Result}


def entity_model(name: str):
    """The model an ImportChange's entity name stands for."""
    return ENTITIES.get(name) or STRUCTURE_ENTITIES.get(name) or RECORD_ENTITIES[name]


def from_json(model, doc: dict) -> dict:
    """A row's values from an ImportChange's JSON, in the column types (dates, enums, bytes)."""
    values = {}
    for column in model.__table__.columns:
        if column.key not in doc:
            continue
        value = doc[column.key]
        python_type = None
        try:
            python_type = column.type.python_type
        except NotImplementedError:
            pass
        if value is not None and python_type is not None and python_type in (dt.date, dt.datetime):
            value = python_type.fromisoformat(value)
        elif value is not None and hasattr(column.type, "enum_class") and column.type.enum_class is not None:
            value = column.type.enum_class(value)
        elif value is not None and python_type is bytes:
            value = base64.b64decode(value)
        values[column.key] = value
    return values


def to_json(values: dict) -> str:
    return json.dumps({k: (v.value if hasattr(v, "value") else v.isoformat() if isinstance(v, dt.date)
                           else base64.b64encode(v).decode("ascii") if isinstance(v, bytes) else v)
                       for k, v in values.items()}, ensure_ascii=False)


def apply_plan(session: Session, plan: ImportPlan, *, user: str | None = None, save_mapping_for: bool = False,
               progress: Progress | None = None, cancelled: Callable[[], bool] | None = None) -> int | None:
    """Write the plan inside the caller's transaction; returns the batch id (None: nothing to do).
    Raises ImportCancelled (the caller's transaction rolls back) when cancelled."""
    if not plan.ok:
        raise StyrkortError("Importen har fel och skrevs inte.", "The import has errors and was not written.")
    if save_mapping_for and plan.mapping is not None and plan.source_key:
        save_mapping(session, plan.source_key, plan.mapping)
    if plan.nothing_to_do:
        return None
    user = user or audit.current_user()
    now = dt.datetime.now().replace(microsecond=0)
    counts = plan.counts()
    batch = ImportBatch(file_name=plan.file_name, checksum=plan.checksum, imported_at=now, user=user,
                        source_kind=plan.source_kind, sheet=plan.sheet, rows_read=counts["read"],
                        rows_new=counts["new"], rows_changed=counts["changed"],
                        rows_unchanged=counts["unchanged"], rows_skipped=counts["skipped"])
    session.add(batch)
    session.flush()
    changes: list[dict] = []
    unit_ids = _create(session, OrgUnit, "org_unit", plan.missing_units, changes)
    ind_ids = _create(session, Indicator, "indicator", plan.missing_indicators, changes)
    if plan.structure is not None:
        made_units, made_indicators = plan.structure.apply(session, batch.id, changes)
        unit_ids, ind_ids = {**made_units, **unit_ids}, {**made_indicators, **ind_ids}
    period_ids = {}
    for code in sorted({r.period for r in plan.new} | {t.period for t in plan.targets}):
        period_ids[code] = ensure_period(session, code).id
    conn = session.connection()
    total = len(plan.new) + len(plan.changed)
    done = 0
    insert_rows = _result_inserter(conn, batch.id, now, user)
    with _indexes_after_bulk_load(conn, len(plan.new)):
        for start in range(0, len(plan.new), CHUNK):
            if cancelled is not None and cancelled():
                raise ImportCancelled()
            insert_rows([
                (ind if ind.__class__ is int else ind_ids[ind], unit if unit.__class__ is int else unit_ids[unit],
                 period_ids[period], gender, value, comment, late, count)
                for ind, unit, period, gender, value, comment, late, count in plan.new[start:start + CHUNK]])
            done += min(CHUNK, len(plan.new) - start)
            if progress:
                progress("write", done, total)
    # The history: one entry per value written, old → new, linked to the batch (before the
    # updates below, only this batch's new rows carry its id).
    trail: list[audit.Change] = []
    if plan.new:
        table = Result.__table__
        trail += audit.bulk_created("result", [tuple(r) for r in conn.execute(
            sa.select(table.c.id, table.c.value).where(table.c.import_batch_id == batch.id).order_by(table.c.id))])
    for c in plan.changed:
        if audit.differs(c.old_value, c.value):
            trail.append(audit.Change(AuditAction.UPDATE, "result", c.result_id, "value", c.old_value, c.value))
        if audit.differs(c.old_comment, c.comment):
            trail.append(audit.Change(AuditAction.UPDATE, "result", c.result_id, "comment", c.old_comment, c.comment))
    if plan.changed:
        update = sa.update(Result.__table__).where(Result.__table__.c.id == sa.bindparam("rid")).values(
            value=sa.bindparam("v"), comment=sa.bindparam("c"), late=sa.bindparam("l"), count=sa.bindparam("n"),
            import_batch_id=batch.id, entered_at=now, entered_by=user,
            version=Result.__table__.c.version + 1)
        for start in range(0, len(plan.changed), CHUNK):
            if cancelled is not None and cancelled():
                raise ImportCancelled()
            chunk = plan.changed[start:start + CHUNK]
            conn.execute(update, [{"rid": c.result_id, "v": c.value, "c": c.comment, "l": c.late, "n": c.count}
                                  for c in chunk])
            changes.extend({"entity": "result", "entity_id": c.result_id, "action": "update",
                            "old_json": json.dumps({"value": c.old_value, "comment": c.old_comment,
                                                    "import_batch_id": c.old_batch_id, "late": c.old_late,
                                                    "count": c.old_count})}
                           for c in chunk)
            done += len(chunk)
            if progress:
                progress("write", done, total)
    for ind, unit, period, value, target_id, old_value in plan.targets:
        ind = ind if isinstance(ind, int) else ind_ids[ind]
        unit = unit if isinstance(unit, int) else unit_ids[unit]
        if target_id is None:
            target = Target(indicator_id=ind, unit_id=unit, period_id=period_ids[period], value=value)
            session.add(target)
            session.flush()
            changes.append({"entity": "target", "entity_id": target.id, "action": "create", "old_json": None})
            trail.append(audit.Change(AuditAction.CREATE, "target", target.id, "value", None, value))
        else:
            session.get(Target, target_id).value = value
            changes.append({"entity": "target", "entity_id": target_id, "action": "update",
                            "old_json": json.dumps({"value": old_value})})
            trail.append(audit.Change(AuditAction.UPDATE, "target", target_id, "value", old_value, value))
    if changes:
        conn.execute(sa.insert(ImportChange.__table__),
                     [{"batch_id": batch.id, "new_json": None, **c} for c in changes])
    trail += [audit.Change(AuditAction.CREATE, c["entity"], c["entity_id"], summary="Skapad av importen")
              for c in changes if c["action"] == "create" and c["entity"] not in ("result", "target")]
    trail += _structure_updates(session, changes)
    audit.record_many(session, trail, user=user, batch_id=batch.id)
    audit.record(session, AuditAction.IMPORT, "import_batch", batch.id, user=user, batch_id=batch.id,
                 summary=f"{plan.file_name} ({plan.checksum[:12]}): {plan.summary('sv')}")
    plan.batch_id = batch.id
    return batch.id


def _structure_updates(session: Session, changes: list[dict]) -> list[audit.Change]:
    """Field-level entries for the structure rows (units, goals, records …) an import updated."""
    session.flush()
    out = []
    for c in changes:
        if c["action"] != "update" or c["entity"] in ("result", "target") or not c.get("old_json"):
            continue
        model = entity_model(c["entity"])
        if model is None or getattr(model, "__tablename__", "") == "goal_indicator":
            continue
        obj = session.get(model, c["entity_id"])
        if obj is None:
            continue
        for key, old in from_json(model, json.loads(c["old_json"])).items():
            new = getattr(obj, key, None)
            if audit.differs(old, new):
                out.append(audit.Change(AuditAction.UPDATE, c["entity"], c["entity_id"], key, old, new))
    return out


BULK_LOAD_ROWS = 20_000


@contextlib.contextmanager
def _indexes_after_bulk_load(conn, rows: int):
    """Into an empty result table, a large import writes the rows first and builds the secondary
    indexes after, each in one sorted pass, instead of updating four B-trees per row. Only the
    unique key stays while loading (it refuses duplicates). Inside the import's own transaction:
    a cancel or an error rolls the indexes back with the rows (SQLite's DDL is transactional)."""
    if conn.dialect.name != "sqlite" or rows < BULK_LOAD_ROWS or conn.exec_driver_sql(
            "SELECT 1 FROM result LIMIT 1").first() is not None:
        yield
        return
    indexes = conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'result' AND sql IS NOT NULL "
        "AND name NOT LIKE 'uq_%'").all()
    for name, _sql in indexes:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    yield  # on an error or a cancel the rollback brings the indexes back with the old rows
    for _name, sql in indexes:
        conn.exec_driver_sql(sql)


_RESULT_COLUMNS = ("indicator_id", "unit_id", "period_id", "gender", "value", "comment", "late", "count",
                   "import_batch_id", "entered_at", "entered_by")


def _result_inserter(conn, batch_id: int, now: dt.datetime, user: str):
    """Insert (indicator, unit, period, gender, value, comment, late, nämnare) tuples with executemany.
    On SQLite the driver gets the rows directly (Core's per-row parameter processing roughly
    doubles the cost, see benchmarks/bench_exchange.py); elsewhere Core's insert converts types."""
    if conn.dialect.name == "sqlite":
        sql = (f"INSERT INTO result ({', '.join(_RESULT_COLUMNS)}) "
               f"VALUES ({', '.join('?' * 8)}, {batch_id}, ?, ?)")
        # SQLAlchemy's SQLite DateTime storage format, so the ORM reads these back unchanged.
        stamp = now.strftime("%Y-%m-%d %H:%M:%S.%f")

        def insert(rows):
            # The session's own sqlite3 connection, inside its transaction: exec_driver_sql costs
            # 70 % more per row here (measured: 6.8 s against 11.7 s for 500 000 rows).
            conn.connection.driver_connection.executemany(sql, [(*r, stamp, user) for r in rows])
        return insert
    statement = sa.insert(Result.__table__)
    return lambda rows: conn.execute(statement, [
        dict(zip(_RESULT_COLUMNS, (*r, batch_id, now, user))) for r in rows])


def _create(session: Session, model, entity: str, missing: dict[str, dict], changes: list[dict]) -> dict[str, int]:
    made = {ref: model(**{k: v for k, v in info.items() if v is not None}) for ref, info in missing.items()}
    session.add_all(made.values())
    session.flush()
    changes.extend({"entity": entity, "entity_id": obj.id, "action": "create", "old_json": None}
                   for obj in made.values())
    return {ref: obj.id for ref, obj in made.items()}
