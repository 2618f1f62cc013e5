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


def _replace(check: str) -> None:
    # SQLite cannot alter a CHECK: the small table is rebuilt. PostgreSQL alters it in place (a
    # rebuild there would have to drop the primary key the results' foreign keys depend on).
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(op.f("ck_indicator_direction"), "indicator", type_="check")
        op.create_check_constraint(op.f("ck_indicator_direction"), "indicator", check)
        return
    with op.batch_alter_table("indicator", recreate="always") as batch:
        batch.drop_constraint(op.f("ck_indicator_direction"), type_="check")
        batch.create_check_constraint(op.f("ck_indicator_direction"), check)


def upgrade() -> None:
    _replace(NEW)


def downgrade() -> None:
    op.execute("UPDATE indicator SET direction = 'higher_better' WHERE direction = 'closest_to_target'")
    _replace(OLD)
