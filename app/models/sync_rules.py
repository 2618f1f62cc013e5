"""The server's change sequence for offline checkouts (`app.services.sync`): every row a
transaction inserts, updates or deletes in a synchronised table gets the next number of one
global sequence in `sync_row_version` (table, row key) — a deleted row keeps its entry as a
tombstone — so a laptop asks "what changed since N" and gets exactly that.

The trigger takes the audit chain's advisory lock before it draws a number, so numbers are
handed out in commit order: a reader never sees number N+1 committed while N is still in flight
(the gap that makes a bare sequence unsafe as a cursor). Writers are serialised by the audit
log already; using the same lock adds no new wait and cannot deadlock against it.

`sync_push` holds one receipt per push a laptop made (its client id and push number) with what
was done, written in the push's own transaction: a sync killed after the server committed
finishes from the receipt instead of pushing twice.

Migration 1601 adds these to older databases; the `after_create` event to new ones."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import event

from app.models.base import Base

# Tables a checkout carries. The audit log stays where it was written (each side keeps its own
# chain; a push writes one entry on the server); settings, saved import mappings and the role
# table are per installation.
NOT_SYNCED = frozenset({"audit_entry", "db_setting", "import_mapping", "role_unit"})
# The audit chain's advisory lock key (app.services.platform.audit.AUDIT_LOCK_KEY).
LOCK_KEY = 0x5354594B

TABLES = [
    "CREATE SEQUENCE IF NOT EXISTS sync_seq",
    "CREATE TABLE IF NOT EXISTS sync_row_version (tbl text NOT NULL, row_key text NOT NULL, "
    "seq bigint NOT NULL, deleted boolean NOT NULL DEFAULT false, origin text, PRIMARY KEY (tbl, row_key))",
    "CREATE INDEX IF NOT EXISTS ix_sync_row_version_seq ON sync_row_version (seq)",
    "CREATE TABLE IF NOT EXISTS sync_push (client text NOT NULL, push_no integer NOT NULL, "
    "at timestamptz NOT NULL DEFAULT now(), db_user text NOT NULL DEFAULT session_user, "
    "outcome text NOT NULL, PRIMARY KEY (client, push_no))",
]

# SECURITY DEFINER: a rapportör's edit records its row version without a grant on the table.
FUNCTIONS = [
    "CREATE OR REPLACE FUNCTION styrkort_sync_mark() RETURNS trigger LANGUAGE plpgsql "
    "SECURITY DEFINER SET search_path = public AS $$ "
    "DECLARE j jsonb; k text; old_k text; c text; "
    "BEGIN "
    f"PERFORM pg_advisory_xact_lock({LOCK_KEY}); "
    "IF TG_OP = 'DELETE' THEN j := to_jsonb(OLD); ELSE j := to_jsonb(NEW); END IF; "
    "FOREACH c IN ARRAY TG_ARGV LOOP k := coalesce(k || ',', '') || (j ->> c); END LOOP; "
    "INSERT INTO sync_row_version AS v (tbl, row_key, seq, deleted, origin) "
    "VALUES (TG_TABLE_NAME, k, nextval('sync_seq'), TG_OP = 'DELETE', "
    "nullif(current_setting('styrkort.sync_client', true), '')) "
    "ON CONFLICT (tbl, row_key) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted, "
    "origin = excluded.origin; "
    "IF TG_OP = 'UPDATE' THEN "
    "j := to_jsonb(OLD); "
    "FOREACH c IN ARRAY TG_ARGV LOOP old_k := coalesce(old_k || ',', '') || (j ->> c); END LOOP; "
    "IF old_k <> k THEN "
    "INSERT INTO sync_row_version AS v (tbl, row_key, seq, deleted, origin) "
    "VALUES (TG_TABLE_NAME, old_k, nextval('sync_seq'), true, "
    "nullif(current_setting('styrkort.sync_client', true), '')) "
    "ON CONFLICT (tbl, row_key) DO UPDATE SET seq = excluded.seq, deleted = true, origin = excluded.origin; "
    "END IF; END IF; "
    "RETURN NULL; END $$",
    # A push's receipt, written by whoever pushed (no grant on the table needed), as themselves.
    "CREATE OR REPLACE FUNCTION styrkort_sync_receipt(p_client text, p_push_no integer, p_outcome text) "
    "RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$ "
    "INSERT INTO sync_push (client, push_no, db_user, outcome) VALUES (p_client, p_push_no, session_user, p_outcome) "
    "$$",
    # Everyone may read what changed (every planner reads every table of the region anyway).
    "GRANT SELECT ON sync_row_version, sync_push TO PUBLIC",
]


def synced_tables(metadata: sa.MetaData = Base.metadata) -> list[sa.Table]:
    """The tables a checkout carries, parents before children."""
    return [t for t in metadata.sorted_tables if t.name not in NOT_SYNCED]


def mark_trigger(table: sa.Table) -> str:
    keys = ", ".join(f"'{c.name}'" for c in table.primary_key.columns)
    return (f"CREATE TRIGGER {table.name}_sync AFTER INSERT OR UPDATE OR DELETE ON {table.name} "
            f"FOR EACH ROW EXECUTE FUNCTION styrkort_sync_mark({keys})")


def statements(metadata: sa.MetaData = Base.metadata) -> list[str]:
    return [*TABLES, *FUNCTIONS, *(mark_trigger(t) for t in synced_tables(metadata))]


@event.listens_for(Base.metadata, "after_create")
def _sync_rules(metadata, connection, **_kw) -> None:
    if connection.dialect.name != "postgresql":
        return
    for statement in statements(metadata):
        connection.execute(sa.text(statement))
