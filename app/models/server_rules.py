"""Rules the PostgreSQL server enforces itself (the counterpart of `guards.py` for SQLite):

* the audit log is append-only: UPDATE, DELETE and TRUNCATE on `audit_entry` are refused;
* an adopted (or repealed) styrdokument stays locked for everyone: only its lifecycle columns
  (state, adoption date, links to units and versions) may change — a new text is a new version;
* every committed change is announced: a statement trigger on each table sends
  `NOTIFY styrkort_change` with the table and the database user, delivered at COMMIT, so every
  open window can follow within a second (`app.models.live.ChangeListener`).

Migration 1501 adds them to older databases; the `after_create` events add them to new ones."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import event

from app.models.base import Base

CHANNEL = "styrkort_change"

FUNCTIONS = [
    "CREATE OR REPLACE FUNCTION styrkort_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation'; "
    "END $$",
    "CREATE OR REPLACE FUNCTION styrkort_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
    f"BEGIN PERFORM pg_notify('{CHANNEL}', json_build_object('table', TG_TABLE_NAME, "
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


def notify_trigger(table: str) -> str:
    return (f"CREATE TRIGGER {table}_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION styrkort_notify_change()")


def statements(tables) -> list[str]:
    return [*FUNCTIONS, *APPEND_ONLY, *(notify_trigger(t) for t in tables)]


@event.listens_for(Base.metadata, "after_create")
def _server_rules(metadata, connection, **_kw) -> None:
    if connection.dialect.name != "postgresql":
        return
    for statement in statements(sorted(metadata.tables)):
        connection.execute(sa.text(statement))
