"""SQLite guards: an append-only audit log and numeric values that stay numbers (triggers on the
large result and target tables, CHECK constraints on indicator, which is rebuilt).

Existing text values that SQLite could not turn into numbers ('12,5') are repaired first
(decimal comma → point); what is still not a number becomes NULL (a target, which must have a
value, keeps its text).

Revision ID: 0401
Revises: 0301
Create Date: 2026-11-27
"""
from alembic import op

revision = "0401"
down_revision = "0301"
branch_labels = None
depends_on = None

# A frozen copy of app/models/guards.py at this revision: migrations never import app code.
TRIGGERS = [
    "CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry "
    "BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END",
    "CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry "
    "BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END",
]
NUMERIC = [("result", "value", True), ("target", "value", False)]
# The small indicator table is rebuilt with CHECK constraints instead (batch mode, foreign keys off:
# its results, targets and goal links hang on it with ON DELETE CASCADE).
CHECKED = [("indicator", "min_value"), ("indicator", "max_value")]
for _table, _column, _nullable in NUMERIC:
    _allowed = "'real', 'integer', 'null'" if _nullable else "'real', 'integer'"
    for _verb in ("INSERT", f"UPDATE OF {_column}"):
        TRIGGERS.append(
            f"CREATE TRIGGER {_table}_{_column}_is_number_{_verb.split()[0].lower()} BEFORE {_verb} ON {_table} "
            f"WHEN typeof(NEW.{_column}) NOT IN ({_allowed}) "
            f"BEGIN SELECT RAISE(ABORT, '{_table}.{_column} must be a number'); END"
        )


def _as_number(text: str) -> float | None:
    try:
        return float(text.strip().replace("\u00a0", "").replace(" ", "").replace(",", "."))
    except ValueError:
        return None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    for table, column, nullable in [*NUMERIC, *((t, c, True) for t, c in CHECKED)]:
        rows = bind.exec_driver_sql(
            f"SELECT rowid, {column} FROM {table} WHERE typeof({column}) NOT IN ('real', 'integer', 'null')"
        ).fetchall()
        for rowid, text in rows:
            number = _as_number(str(text))
            # A target must have a value: one that is no number at all is left as it was (the
            # triggers guard new writes only) rather than deleted.
            if number is not None or nullable:
                bind.exec_driver_sql(f"UPDATE {table} SET {column} = ? WHERE rowid = ?", (number, rowid))
    with op.batch_alter_table("indicator", recreate="always") as batch:
        for _table, column in CHECKED:
            batch.create_check_constraint(op.f(f"ck_indicator_{column}_is_number"),
                                          f"typeof({column}) IN ('real', 'integer', 'null')")
    for statement in TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in TRIGGERS:
        op.execute("DROP TRIGGER IF EXISTS " + statement.split()[2])
    with op.batch_alter_table("indicator", recreate="always") as batch:
        for _table, column in CHECKED:
            batch.drop_constraint(op.f(f"ck_indicator_{column}_is_number"), type_="check")
