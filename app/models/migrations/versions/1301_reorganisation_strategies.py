"""Reorganisation with history (a closing date on units, dated parent lines, merge/split links)
and strategier linked to goals.

Revision ID: 1301
Revises: 1801
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "1301"
down_revision = "1801"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A nullable column without a default: SQLite adds it in place (no table rebuild).
    op.add_column("org_unit", sa.Column("closed_on", sa.Date(), nullable=True))
    op.create_table(
        "org_unit_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["org_unit.id"], name=op.f("fk_org_unit_line_unit_id_org_unit"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["parent_id"], ["org_unit.id"], name=op.f("fk_org_unit_line_parent_id_org_unit"),
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_org_unit_line")),
    )
    op.create_index(op.f("ix_org_unit_line_unit_id"), "org_unit_line", ["unit_id"], unique=False)
    op.create_index(op.f("ix_org_unit_line_parent_id"), "org_unit_line", ["parent_id"], unique=False)
    op.create_table(
        "org_unit_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("predecessor_id", sa.Integer(), nullable=False),
        sa.Column("successor_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.CheckConstraint("kind IN ('merge', 'split')", name=op.f("ck_org_unit_link_link_kind")),
        sa.ForeignKeyConstraint(["predecessor_id"], ["org_unit.id"],
                                name=op.f("fk_org_unit_link_predecessor_id_org_unit"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["successor_id"], ["org_unit.id"],
                                name=op.f("fk_org_unit_link_successor_id_org_unit"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_org_unit_link")),
        sa.UniqueConstraint("predecessor_id", "successor_id", name="uq_org_unit_link_pair"),
    )
    op.create_index(op.f("ix_org_unit_link_predecessor_id"), "org_unit_link", ["predecessor_id"], unique=False)
    op.create_index(op.f("ix_org_unit_link_successor_id"), "org_unit_link", ["successor_id"], unique=False)
    op.create_table(
        "strategy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner_unit_id", sa.Integer(), nullable=True),
        sa.Column("directive_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["owner_unit_id"], ["org_unit.id"], name=op.f("fk_strategy_owner_unit_id_org_unit"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["directive_id"], ["directive.id"], name=op.f("fk_strategy_directive_id_directive"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_strategy")),
        sa.UniqueConstraint("code", name=op.f("uq_strategy_code")),
    )
    op.create_table(
        "strategy_goal",
        sa.Column("strategy_id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["strategy_id"], ["strategy.id"], name=op.f("fk_strategy_goal_strategy_id_strategy"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["goal_id"], ["goal.id"], name=op.f("fk_strategy_goal_goal_id_goal"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("strategy_id", "goal_id", name=op.f("pk_strategy_goal")),
    )
    op.create_index(op.f("ix_strategy_goal_goal_id"), "strategy_goal", ["goal_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_strategy_goal_goal_id"), table_name="strategy_goal")
    op.drop_table("strategy_goal")
    op.drop_table("strategy")
    op.drop_index(op.f("ix_org_unit_link_successor_id"), table_name="org_unit_link")
    op.drop_index(op.f("ix_org_unit_link_predecessor_id"), table_name="org_unit_link")
    op.drop_table("org_unit_link")
    op.drop_index(op.f("ix_org_unit_line_parent_id"), table_name="org_unit_line")
    op.drop_index(op.f("ix_org_unit_line_unit_id"), table_name="org_unit_line")
    op.drop_table("org_unit_line")
    with op.batch_alter_table("org_unit") as batch:
        batch.drop_column("closed_on")
