"""The shared (PostgreSQL) database: results get a version column (a second save of the same
result is refused, not lost), an import's sheet list is text (PostgreSQL enforces VARCHAR
lengths), the role_unit table behind row-level security, and on PostgreSQL the append-only
audit log and the change notifications (see app/models/server_rules.py).

Revision ID: 1501
Revises: 1901
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "1501"
down_revision = "1901"
branch_labels = None
depends_on = None

# A frozen copy of app/models/server_rules.py at this revision: migrations never import app code.
FUNCTIONS = [
    "CREATE OR REPLACE FUNCTION styrkort_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation'; "
    "END $$",
    "CREATE OR REPLACE FUNCTION styrkort_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN PERFORM pg_notify('styrkort_change', json_build_object('table', TG_TABLE_NAME, "
    "'user', session_user::text, 'pid', pg_backend_pid(), "
    "'app', current_setting('application_name'))::text); RETURN NULL; END $$",
    "CREATE OR REPLACE FUNCTION styrkort_adopted_locked() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN IF OLD.state IN ('adopted', 'repealed') AND (to_jsonb(NEW) - '{state,adopted_on,version,version_no,owner_unit_id,"
    "adopted_by_unit_id,previous_version_id}'::text[]) IS DISTINCT FROM (to_jsonb(OLD) - '{state,adopted_on,"
    "version,version_no,owner_unit_id,adopted_by_unit_id,previous_version_id}'::text[]) THEN "
    "RAISE EXCEPTION 'directive % is adopted and cannot be changed: create a new version', OLD.id "
    "USING ERRCODE = 'integrity_constraint_violation'; END IF; RETURN NEW; END $$",
]
APPEND_ONLY = [
    "CREATE TRIGGER directive_adopted_locked BEFORE UPDATE ON directive "
    "FOR EACH ROW EXECUTE FUNCTION styrkort_adopted_locked()",
    "CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry "
    "FOR EACH ROW EXECUTE FUNCTION styrkort_append_only()",
    "CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry "
    "FOR EACH STATEMENT EXECUTE FUNCTION styrkort_append_only()",
]


def upgrade() -> None:
    op.add_column("result", sa.Column("version", sa.Integer(), server_default="1", nullable=False))
    with op.batch_alter_table("import_batch") as batch:
        batch.alter_column("sheet", type_=sa.Text(), existing_type=sa.String(length=100), existing_nullable=True)
    op.create_table(
        "role_unit",
        sa.Column("role_name", sa.String(length=63), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["org_unit.id"], name=op.f("fk_role_unit_unit_id_org_unit"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("role_name", "unit_id", name=op.f("pk_role_unit")),
    )
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    tables = [r[0] for r in bind.exec_driver_sql(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'alembic_version'")]
    for statement in [*FUNCTIONS, *APPEND_ONLY]:
        op.execute(statement)
    for table in sorted(tables):
        op.execute(f"CREATE TRIGGER {table}_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                   "FOR EACH STATEMENT EXECUTE FUNCTION styrkort_notify_change()")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for (table,) in bind.exec_driver_sql(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'alembic_version'"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_notify ON {table}")
        op.execute("DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_entry")
        op.execute("DROP TRIGGER IF EXISTS audit_entry_no_truncate ON audit_entry")
        op.execute("DROP TRIGGER IF EXISTS directive_adopted_locked ON directive")
        op.execute("DROP FUNCTION IF EXISTS styrkort_adopted_locked()")
        op.execute("DROP FUNCTION IF EXISTS styrkort_notify_change()")
        op.execute("DROP FUNCTION IF EXISTS styrkort_append_only()")
    op.drop_table("role_unit")
    with op.batch_alter_table("import_batch") as batch:
        batch.alter_column("sheet", type_=sa.String(length=100), existing_type=sa.Text(), existing_nullable=True)
    with op.batch_alter_table("result") as batch:
        batch.drop_column("version")
