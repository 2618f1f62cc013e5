"""The server's change sequence for offline checkouts (`app.services.sync`): every row a
transaction inserts, updates or deletes in a synchronised table gets the next number of one
global sequence in `sync_row_version` (table, row key) — a deleted row keeps its entry as a
tombstone — so a laptop asks "what changed since N" and gets exactly that.

The triggers take the audit chain's advisory lock before it draws a number, so numbers are
handed out in commit order: a reader never sees number N+1 committed while N is still in flight
(the gap that makes a bare sequence unsafe as a cursor). Writers are serialised by the audit
log already; using the same lock adds no new wait and cannot deadlock against it.

`sync_push` holds one receipt per push a laptop made (its client id and push number) with what
was done, written in the push's own transaction: a sync killed after the server committed
finishes from the receipt instead of pushing twice.

A bulk load into a new, empty database (`styrkort copy`, which sets `styrkort.bulk_load` for its
transaction) is the database's starting point, not a change: rows without an entry count as
unchanged since number 0, so every checkout made afterwards holds them.

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
# Statement triggers over transition tables: one set-based INSERT per statement, so a COPY of two
# million rows costs seconds, not the minutes a row trigger's per-row call would.
FUNCTIONS = [
    "CREATE OR REPLACE FUNCTION styrkort_sync_mark() RETURNS trigger LANGUAGE plpgsql "
    "SECURITY DEFINER SET search_path = public AS $$ "
    "DECLARE k text; c text; rows_from text; "
    "BEGIN "
    "IF current_setting('styrkort.bulk_load', true) = 'on' THEN RETURN NULL; END IF; "
    f"PERFORM pg_advisory_xact_lock({LOCK_KEY}); "
    "FOREACH c IN ARRAY TG_ARGV LOOP "
    "k := coalesce(k || ' || '','' || ', '') || format('%I::text', c); END LOOP; "
    "rows_from := CASE WHEN TG_OP = 'DELETE' THEN 'old_rows' ELSE 'new_rows' END; "
    "EXECUTE format('INSERT INTO sync_row_version AS v (tbl, row_key, seq, deleted, origin) "
    "SELECT %L, %s, nextval(''sync_seq''), %L, nullif(current_setting(''styrkort.sync_client'', true), '''') "
    "FROM %I ON CONFLICT (tbl, row_key) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted, "
    "origin = excluded.origin', TG_TABLE_NAME, k, TG_OP = 'DELETE', rows_from); "
    "IF TG_OP = 'UPDATE' THEN "
    "EXECUTE format('INSERT INTO sync_row_version AS v (tbl, row_key, seq, deleted, origin) "
    "SELECT %L, o.key, nextval(''sync_seq''), true, nullif(current_setting(''styrkort.sync_client'', true), '''') "
    "FROM (SELECT %s AS key FROM old_rows EXCEPT SELECT %s FROM new_rows) o "
    "ON CONFLICT (tbl, row_key) DO UPDATE SET seq = excluded.seq, deleted = true, origin = excluded.origin', "
    "TG_TABLE_NAME, k, k); "
    "END IF; "
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


def mark_triggers(table: sa.Table) -> list[str]:
    keys = ", ".join(f"'{c.name}'" for c in table.primary_key.columns)
    name = table.name
    call = f"FOR EACH STATEMENT EXECUTE FUNCTION styrkort_sync_mark({keys})"
    return [
        f"CREATE TRIGGER {name}_sync_insert AFTER INSERT ON {name} REFERENCING NEW TABLE AS new_rows {call}",
        f"CREATE TRIGGER {name}_sync_update AFTER UPDATE ON {name} "
        f"REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows {call}",
        f"CREATE TRIGGER {name}_sync_delete AFTER DELETE ON {name} REFERENCING OLD TABLE AS old_rows {call}",
    ]


def statements(metadata: sa.MetaData = Base.metadata) -> list[str]:
    return [*TABLES, *FUNCTIONS, *(s for t in synced_tables(metadata) for s in mark_triggers(t))]


@event.listens_for(Base.metadata, "after_create")
def _sync_rules(metadata, connection, **_kw) -> None:
    if connection.dialect.name != "postgresql":
        return
    for statement in statements(metadata):
        connection.execute(sa.text(statement))
