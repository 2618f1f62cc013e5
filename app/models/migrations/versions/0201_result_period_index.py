"""A covering index for the follow-up: one period's values per indicator without table lookups.

Revision ID: 0201
Revises: 0002
Create Date: 2026-11-27
"""
from alembic import op

revision = "0201"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_result_period_indicator", "result",
                    ["period_id", "gender", "indicator_id", "unit_id", "value"])


def downgrade() -> None:
    op.drop_index("ix_result_period_indicator", table_name="result")
