"""Small helpers for the edit services of directives, plans and the årshjul: look a row up or
refuse, and assign fields with one audit entry per changed field."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import AuditAction
from app.models.errors import RuleViolation
from app.services.platform import audit


def get_or_refuse(session: Session, model, row_id: int | None, sv: str, en: str):
    """The row, or a RuleViolation with the given message (it was deleted meanwhile, or undone)."""
    row = session.get(model, row_id) if row_id is not None else None
    if row is None:
        raise RuleViolation(sv, en)
    return row


def assign(session: Session, entity: str, row, values: dict) -> dict:
    """Set `values` on `row`, audit each changed field, and return the old values (for undo)."""
    old = {name: getattr(row, name) for name in values}
    for name, value in values.items():
        setattr(row, name, value)
    audit.record_changes(session, entity, row.id, old, values)
    session.flush()
    return old


def add(session: Session, entity: str, row, summary: str) -> int:
    """Insert `row`, audit its creation, and return its id."""
    session.add(row)
    session.flush()
    audit.record(session, AuditAction.CREATE, entity, row.id, summary=summary)
    return row.id


def next_position(session: Session, column, *where) -> int:
    """One past the largest `column` among the rows matching `where` (new rows go last)."""
    return (session.execute(sa.select(sa.func.max(column)).where(*where)).scalar() or 0) + 1
