"""The append-only audit log (OS user, time, entity, field, old → new), hash-chained."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, enum_column
from app.models.enums import AuditAction


class AuditEntry(Base):
    """One change to one field of one entity. Never updated or deleted; `entry_hash` covers the
    entry and the previous entry's hash, so removing or editing an entry breaks the chain."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(index=True)
    user: Mapped[str] = mapped_column(sa.String(100))
    action: Mapped[AuditAction] = mapped_column(enum_column(AuditAction))
    entity: Mapped[str] = mapped_column(sa.String(40))
    entity_id: Mapped[int | None]
    field: Mapped[str | None] = mapped_column(sa.String(60))
    old_value: Mapped[str | None] = mapped_column(sa.Text)
    new_value: Mapped[str | None] = mapped_column(sa.Text)
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    prev_hash: Mapped[str] = mapped_column(sa.String(64))
    entry_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    # The import batch a value came in with (one entry per changed value, all linked to it).
    batch_id: Mapped[int | None]
    # HMAC-SHA256 of entry_hash with the writing installation's key (kept outside the database),
    # and which key: recomputing the chain after an edit then needs that key.
    seal: Mapped[str | None] = mapped_column(sa.String(64))
    key_id: Mapped[str | None] = mapped_column(sa.String(16))

    __table_args__ = (sa.Index("ix_audit_entity", "entity", "entity_id"),
                      sa.Index("ix_audit_batch", "batch_id"))


class ImportMapping(Base):
    """A column mapping the user saved for a source, reused next time the same shape arrives."""

    __tablename__ = "import_mapping"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_key: Mapped[str] = mapped_column(sa.String(300), unique=True)
    mapping_json: Mapped[str] = mapped_column(sa.Text)
    saved_at: Mapped[dt.datetime]
