"""Offline checkouts (issue 16): on PostgreSQL the change sequence — `sync_row_version` (a
number from one global sequence per changed row, tombstones for deleted rows) kept by statement
triggers on every synchronised table — and `sync_push`, the receipts that make a killed sync
resumable. See app/models/sync_rules.py. SQLite files get nothing here: a checkout's own change
log is set up by `styrkort checkout` (app/services/sync/local.py).

Revision ID: 1601
Revises: 1501
Create Date: 2026-11-29
"""

from alembic import op

revision = "1601"
down_revision = "1501"
branch_labels = None
depends_on = None

# A frozen copy of app/models/sync_rules.py at this revision: migrations never import app code.
TABLES = [
    "CREATE SEQUENCE IF NOT EXISTS sync_seq",
    "CREATE TABLE IF NOT EXISTS sync_row_version (tbl text NOT NULL, row_key text NOT NULL, seq bigint NOT NULL, deleted boolean NOT NULL DEFAULT false, origin text, PRIMARY KEY (tbl, row_key))",
    "CREATE INDEX IF NOT EXISTS ix_sync_row_version_seq ON sync_row_version (seq)",
    "CREATE TABLE IF NOT EXISTS sync_push (client text NOT NULL, push_no integer NOT NULL, at timestamptz NOT NULL DEFAULT now(), db_user text NOT NULL DEFAULT session_user, outcome text NOT NULL, PRIMARY KEY (client, push_no))",
]
FUNCTIONS = [
    "CREATE OR REPLACE FUNCTION styrkort_sync_mark() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$ DECLARE k text; c text; rows_from text; BEGIN IF current_setting('styrkort.bulk_load', true) = 'on' THEN RETURN NULL; END IF; PERFORM pg_advisory_xact_lock(1398036811); FOREACH c IN ARRAY TG_ARGV LOOP k := coalesce(k || ' || '','' || ', '') || format('%I::text', c); END LOOP; rows_from := CASE WHEN TG_OP = 'DELETE' THEN 'old_rows' ELSE 'new_rows' END; EXECUTE format('INSERT INTO sync_row_version AS v (tbl, row_key, seq, deleted, origin) SELECT %L, %s, nextval(''sync_seq''), %L, nullif(current_setting(''styrkort.sync_client'', true), '''') FROM %I ON CONFLICT (tbl, row_key) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted, origin = excluded.origin', TG_TABLE_NAME, k, TG_OP = 'DELETE', rows_from); IF TG_OP = 'UPDATE' THEN EXECUTE format('INSERT INTO sync_row_version AS v (tbl, row_key, seq, deleted, origin) SELECT %L, o.key, nextval(''sync_seq''), true, nullif(current_setting(''styrkort.sync_client'', true), '''') FROM (SELECT %s AS key FROM old_rows EXCEPT SELECT %s FROM new_rows) o ON CONFLICT (tbl, row_key) DO UPDATE SET seq = excluded.seq, deleted = true, origin = excluded.origin', TG_TABLE_NAME, k, k); END IF; RETURN NULL; END $$",
    "CREATE OR REPLACE FUNCTION styrkort_sync_receipt(p_client text, p_push_no integer, p_outcome text) RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$ INSERT INTO sync_push (client, push_no, db_user, outcome) VALUES (p_client, p_push_no, session_user, p_outcome) $$",
    "GRANT SELECT ON sync_row_version, sync_push TO PUBLIC",
]
# Not synchronised (a frozen copy of sync_rules.NOT_SYNCED), and the sequence's own tables.
NOT_SYNCED = {"audit_entry", "db_setting", "import_mapping", "role_unit", "sync_row_version", "sync_push",
              "alembic_version"}


def _primary_keys(bind) -> dict[str, list[str]]:
    """Every synchronised table of the database as it is at this revision, with its key columns:
    read from the catalogue, so the tables of every earlier migration get their triggers."""
    keys: dict[str, list[str]] = {}
    for table, column in bind.exec_driver_sql(
            "SELECT tc.table_name, kcu.column_name FROM information_schema.table_constraints tc "
            "JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name "
            "AND kcu.table_schema = tc.table_schema "
            "WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = current_schema() "
            "ORDER BY tc.table_name, kcu.ordinal_position"):
        if table not in NOT_SYNCED:
            keys.setdefault(table, []).append(column)
    return keys


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in [*TABLES, *FUNCTIONS]:
        op.execute(statement)
    for table, keys in _primary_keys(op.get_bind()).items():
        call = (
            "FOR EACH STATEMENT EXECUTE FUNCTION styrkort_sync_mark("
            + ", ".join(f"'{k}'" for k in keys)
            + ")"
        )
        op.execute(
            f"CREATE TRIGGER {table}_sync_insert AFTER INSERT ON {table} "
            f"REFERENCING NEW TABLE AS new_rows {call}"
        )
        op.execute(
            f"CREATE TRIGGER {table}_sync_update AFTER UPDATE ON {table} "
            f"REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows {call}"
        )
        op.execute(
            f"CREATE TRIGGER {table}_sync_delete AFTER DELETE ON {table} "
            f"REFERENCING OLD TABLE AS old_rows {call}"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in _primary_keys(op.get_bind()):
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_sync_{event} ON {table}")
    op.execute("DROP FUNCTION IF EXISTS styrkort_sync_mark()")
    op.execute("DROP FUNCTION IF EXISTS styrkort_sync_receipt(text, integer, text)")
    op.execute("DROP TABLE IF EXISTS sync_push")
    op.execute("DROP TABLE IF EXISTS sync_row_version")
    op.execute("DROP SEQUENCE IF EXISTS sync_seq")
