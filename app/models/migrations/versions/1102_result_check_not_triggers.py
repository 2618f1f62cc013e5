"""The result table's guards for bulk imports: its per-row numeric triggers become one CHECK
constraint (the table is rebuilt in batch mode), and the index on period_id alone goes — it is a
prefix of ix_result_period_indicator, which serves every query it served.

Revision ID: 1102
Revises: 1101
Create Date: 2026-11-29
"""
from alembic import op

revision = "1102"
down_revision = "1101"
branch_labels = None
depends_on = None

CHECK = "typeof(value) IN ('real', 'integer', 'null')"
TRIGGERS = [
    "CREATE TRIGGER result_value_is_number_insert BEFORE INSERT ON result "
    "WHEN typeof(NEW.value) NOT IN ('real', 'integer', 'null') "
    "BEGIN SELECT RAISE(ABORT, 'result.value must be a number'); END",
    "CREATE TRIGGER result_value_is_number_update BEFORE UPDATE OF value ON result "
    "WHEN typeof(NEW.value) NOT IN ('real', 'integer', 'null') "
    "BEGIN SELECT RAISE(ABORT, 'result.value must be a number'); END",
]


def upgrade() -> None:
    op.drop_index("ix_result_period_id", table_name="result")
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in TRIGGERS:
        op.execute("DROP TRIGGER IF EXISTS " + statement.split()[2])
    with op.batch_alter_table("result", recreate="always") as batch:
        batch.create_check_constraint(op.f("ck_result_value_is_number"), CHECK)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("result", recreate="always") as batch:
            batch.drop_constraint(op.f("ck_result_value_is_number"), type_="check")
        for statement in TRIGGERS:
            op.execute(statement)
    op.create_index("ix_result_period_id", "result", ["period_id"])
