"""Audit log: the import batch each entry belongs to, and a keyed seal per entry.

Columns are added with plain ALTER TABLE (no batch rebuild): the append-only triggers on
audit_entry stay in place and no entry is rewritten.

Revision ID: 1801
Revises: 2001
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "1801"
down_revision = "2001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("audit_entry", sa.Column("batch_id", sa.Integer(), nullable=True))
    op.add_column("audit_entry", sa.Column("seal", sa.String(64), nullable=True))
    op.add_column("audit_entry", sa.Column("key_id", sa.String(16), nullable=True))
    op.create_index("ix_audit_batch", "audit_entry", ["batch_id"])


def downgrade() -> None:
    op.drop_index("ix_audit_batch", "audit_entry")
    for column in ("key_id", "seal", "batch_id"):
        op.drop_column("audit_entry", column)
