"""Undo and redo a whole import batch, and list the batches."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import (
    AuditAction,
    Base,
    Gender,
    GoalIndicator,
    ImportBatch,
    ImportChange,
    Result,
)
from app.models.errors import StyrkortError
from app.services.exchange.applying import CHUNK, entity_model, from_json, to_json
from app.services.exchange.records import RECORD_DELETE_ORDER
from app.services.platform import audit

Progress = Callable[[str, int, int], None]


def _row_json(obj) -> str:
    table = obj.__table__
    return to_json({c.key: getattr(obj, c.key) for c in table.columns})


DELETE_ORDER = [*RECORD_DELETE_ORDER, "goal_indicator", "target", "indicator", "goal", "org_unit", "period"]


def _changed_row(session: Session, model, change: ImportChange):
    """The row a change is about; a goal ↔ indicator link has no id of its own, its JSON names it."""
    if model is GoalIndicator:
        doc = json.loads(change.new_json)
        return session.get(model, (doc["goal_id"], doc["indicator_id"]))
    return session.get(model, change.entity_id)


def undo_batch(session: Session, batch_id: int, *, user: str | None = None) -> None:
    """Take a whole batch back: restore updated rows, remove created ones. Kept so it can be redone."""
    batch = session.get(ImportBatch, batch_id)
    if batch is None or batch.undone_at is not None:
        raise StyrkortError("Importen är redan ångrad eller finns inte.", "The import is already undone or gone.")
    later = session.execute(sa.select(sa.func.count()).where(
        ImportBatch.id > batch_id, ImportBatch.undone_at.is_(None))).scalar_one()
    if later:
        raise StyrkortError("Ångra de senare importerna först; importer ångras i omvänd ordning.",
                            "Undo the later imports first; imports are undone in reverse order.")
    changes = session.execute(sa.select(ImportChange).where(ImportChange.batch_id == batch_id)
                              .order_by(ImportChange.id)).scalars().all()
    updated_results = {c.entity_id for c in changes if c.entity == "result" and c.action == "update"}
    # Results this batch created: kept as JSON so that a redo can put them back.
    conn = session.connection()
    table = Result.__table__
    created = conn.execute(sa.select(table).where(table.c.import_batch_id == batch_id)).mappings().all()
    kept = [{"batch_id": batch_id, "entity": "result", "entity_id": r["id"], "action": "undone",
             "old_json": None, "new_json": to_json(dict(r))} for r in created if r["id"] not in updated_results]
    trail = audit.bulk_deleted("result", [audit.row_content(r) for r in created if r["id"] not in updated_results],
                               "Import ångrad")
    for change in changes:
        if change.action == "link":
            continue
        model = entity_model(change.entity)
        obj = _changed_row(session, model, change) if change.action == "update" else None
        if obj is not None:
            change.new_json = _row_json(obj)
            for key, value in from_json(model, json.loads(change.old_json)).items():
                if key in ("value", "comment") and audit.differs(getattr(obj, key), value):
                    trail.append(audit.Change(AuditAction.UPDATE, change.entity, change.entity_id, key,
                                              getattr(obj, key), value, "Import ångrad"))
                setattr(obj, key, value)
    session.flush()
    if kept:
        gone = [k["entity_id"] for k in kept]
        for start in range(0, len(gone), 900):
            conn.execute(sa.delete(table).where(table.c.id.in_(gone[start:start + 900])))
        conn.execute(sa.insert(ImportChange.__table__), kept)
    for change in changes:
        if change.action == "link":
            table = Base.metadata.tables[change.entity]
            doc = json.loads(change.new_json)
            conn.execute(sa.delete(table).where(*(table.c[k] == v for k, v in doc.items())))
    created_rows = [c for c in changes if c.action == "create"]
    # Every created row as it is now, before any removal: removing a parent unit clears its
    # children's parent, and a redo must put the children back under it.
    found = {}
    for change in created_rows:
        obj = _changed_row(session, entity_model(change.entity), change)
        if obj is not None:
            change.new_json = _row_json(obj)
            found[change.id] = obj
    for entity in DELETE_ORDER:
        for change in reversed([c for c in created_rows if c.entity == entity]):
            if change.id in found:
                trail.append(audit.Change(AuditAction.DELETE, change.entity, change.entity_id, None,
                                          change.new_json, None, "Import ångrad"))
                session.delete(found[change.id])
                session.flush()
    batch.undone_at = dt.datetime.now().replace(microsecond=0)
    audit.record_many(session, trail, user=user, batch_id=batch_id)
    audit.record(session, AuditAction.DELETE, "import_batch", batch_id, user=user, batch_id=batch_id,
                 summary=f"Import ångrad: {batch.file_name}")


def redo_batch(session: Session, batch_id: int, *, user: str | None = None) -> None:
    """Put an undone batch back exactly as it was written."""
    batch = session.get(ImportBatch, batch_id)
    if batch is None or batch.undone_at is None:
        raise StyrkortError("Importen är inte ångrad.", "The import is not undone.")
    changes = session.execute(sa.select(ImportChange).where(ImportChange.batch_id == batch_id)
                              .order_by(ImportChange.id)).scalars().all()
    later = []  # references within one table (a parent unit, a previous version): set once all exist
    for entity in reversed(DELETE_ORDER):
        model = entity_model(entity)
        own = [c.key for c in model.__table__.columns
               if any(fk.column.table is model.__table__ for fk in c.foreign_keys)]
        for change in [c for c in changes if c.entity == entity and c.action == "create"]:
            values = from_json(model, json.loads(change.new_json))
            refs = {k: values.pop(k) for k in own if values.get(k) is not None}
            obj = model(**values)
            session.add(obj)
            session.flush()
            if refs:
                later.append((obj, refs))
    for obj, refs in later:
        for key, value in refs.items():
            setattr(obj, key, value)
    session.flush()
    trail = [audit.Change(AuditAction.CREATE, c.entity, c.entity_id, summary="Import återställd")
             for c in changes if c.action == "create" and c.entity not in ("result", "target")]
    for change in changes:
        if change.action == "link":
            session.execute(sa.insert(Base.metadata.tables[change.entity]), json.loads(change.new_json))
        elif change.action == "update":
            model = entity_model(change.entity)
            key = json.loads(change.new_json)
            obj = _changed_row(session, model, change)
            for name, value in from_json(model, key).items():
                if name not in ("id", "version"):
                    if name in ("value", "comment") and audit.differs(getattr(obj, name), value):
                        trail.append(audit.Change(AuditAction.UPDATE, change.entity, change.entity_id, name,
                                                  getattr(obj, name), value, "Import återställd"))
                    setattr(obj, name, value)
        elif change.action == "create" and change.entity in ("result", "target"):
            trail.append(audit.Change(AuditAction.CREATE, change.entity, change.entity_id, "value", None,
                                      json.loads(change.new_json).get("value"), "Import återställd"))
    session.flush()
    undone = [c for c in changes if c.action == "undone"]
    trail += audit.bulk_created("result", [(c.entity_id, json.loads(c.new_json).get("value")) for c in undone],
                                "Import återställd")
    conn = session.connection()
    for start in range(0, len(undone), CHUNK):
        conn.execute(sa.insert(Result.__table__),
                     [from_json(Result, json.loads(c.new_json)) for c in undone[start:start + CHUNK]])
    if undone:
        conn.execute(sa.delete(ImportChange.__table__).where(
            ImportChange.__table__.c.batch_id == batch_id, ImportChange.__table__.c.action == "undone"))
    batch.undone_at = None
    audit.record_many(session, trail, user=user, batch_id=batch_id)
    audit.record(session, AuditAction.IMPORT, "import_batch", batch_id, user=user, batch_id=batch_id,
                 summary=f"Import återställd: {batch.file_name}")


@dataclass
class BatchInfo:
    id: int
    file_name: str
    checksum: str
    imported_at: dt.datetime
    user: str
    rows_new: int
    rows_changed: int
    rows_unchanged: int
    rows_skipped: int
    undone: bool


def list_batches(session: Session) -> list[BatchInfo]:
    return [BatchInfo(b.id, b.file_name, b.checksum, b.imported_at, b.user, b.rows_new, b.rows_changed,
                      b.rows_unchanged, b.rows_skipped, b.undone_at is not None)
            for b in session.execute(sa.select(ImportBatch).order_by(ImportBatch.id.desc())).scalars()]


def gender_label(code: str) -> str:
    return Gender(code).sv
