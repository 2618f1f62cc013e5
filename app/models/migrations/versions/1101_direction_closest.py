"""A third indicator direction, "närmast målvärdet är bäst" (closest_to_target): the indicator's
CHECK constraint on direction is widened (the small table is rebuilt in batch mode).

Revision ID: 1101
Revises: 1301
Create Date: 2026-11-29
"""
from alembic import op

revision = "1101"
down_revision = "1301"
branch_labels = None
depends_on = None

OLD = "direction IN ('higher_better', 'lower_better')"
NEW = "direction IN ('higher_better', 'lower_better', 'closest_to_target')"


def upgrade() -> None:
    with op.batch_alter_table("indicator", recreate="always") as batch:
        batch.drop_constraint(op.f("ck_indicator_direction"), type_="check")
        batch.create_check_constraint(op.f("ck_indicator_direction"), NEW)


def downgrade() -> None:
    op.execute("UPDATE indicator SET direction = 'higher_better' WHERE direction = 'closest_to_target'")
    with op.batch_alter_table("indicator", recreate="always") as batch:
        batch.drop_constraint(op.f("ck_indicator_direction"), type_="check")
        batch.create_check_constraint(op.f("ck_indicator_direction"), OLD)
