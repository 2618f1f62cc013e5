"""Roles the regional database enforces itself (PostgreSQL grants and row-level security), so
that a rapportör connecting with psql cannot change another unit's results either.

Four group roles map to the governance model:

* `styrkort_planerare` — goals, targets, indicators, plans, directives: everything, for everyone;
* `styrkort_namndsekreterare` — delegation decisions (and their anmälan) for their nämnd;
* `styrkort_rapportor` — an enhetschef or rapportör: results, assessments (analysis) and
  activities for their own units and the units beneath them;
* `styrkort_granskare` — read only (revisorer).

A person is a login role (created by the region's IT) that is a member of one group; the units
a rapportör or nämndsekreterare answers for are rows of `role_unit`. `setup_statements` is the
whole setup as SQL (`styrkort roles-setup` runs it, `--sql` prints it for the DBA); it is
idempotent, so it is run again after an upgrade adds tables."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import Base, OrgUnit, RoleUnit
from app.models.errors import StyrkortError

PLANNER = "styrkort_planerare"
SECRETARY = "styrkort_namndsekreterare"
REPORTER = "styrkort_rapportor"
AUDITOR = "styrkort_granskare"
GROUPS = {"planerare": PLANNER, "namndsekreterare": SECRETARY, "rapportor": REPORTER, "granskare": AUDITOR}
WRITERS = (PLANNER, SECRETARY, REPORTER)

# The only tables others than planners write, and who.
REPORTER_TABLES = ("result", "assessment", "activity", "activity_goal")
SECRETARY_TABLES = ("delegation_decision",)
# Administration, not planning: IT manages these (role_unit) or only appends (audit_entry).
NOT_FOR_PLANNERS = ("audit_entry", "role_unit")

MY_UNITS = f"""
CREATE OR REPLACE FUNCTION styrkort_my_units() RETURNS SETOF integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    WITH RECURSIVE mine(id) AS (
        SELECT unit_id FROM {RoleUnit.__tablename__} WHERE role_name = session_user
        UNION
        SELECT u.id FROM org_unit u JOIN mine m ON u.parent_id = m.id)
    SELECT id FROM mine
$$"""

# table → the condition a unit-scoped writer's row must meet (both the row it touches and the
# row it leaves behind: USING and WITH CHECK).
REPORTER_ROWS = {
    "result": "unit_id IN (SELECT styrkort_my_units())",
    "assessment": "unit_id IN (SELECT styrkort_my_units())",
    "activity": "plan_id IN (SELECT id FROM operational_plan WHERE unit_id IN (SELECT styrkort_my_units()))",
    "activity_goal": "activity_id IN (SELECT a.id FROM activity a JOIN operational_plan p ON p.id = a.plan_id "
                     "WHERE p.unit_id IN (SELECT styrkort_my_units()))",
}
SECRETARY_ROWS = {
    "delegation_decision": "item_id IN (SELECT i.id FROM delegation_item i JOIN directive d ON d.id = i.directive_id "
                           "WHERE d.adopted_by_unit_id IN (SELECT styrkort_my_units()) "
                           "OR d.owner_unit_id IN (SELECT styrkort_my_units()))",
}


def setup_statements(database: str, owner: str | None = None) -> list[str]:
    """The SQL that creates the four group roles, grants and row-level security policies."""
    tables = sorted(t for t in Base.metadata.tables)
    everyone = ", ".join(GROUPS.values())
    writers = ", ".join(WRITERS)
    out = [
        "DO $$ BEGIN " + " ".join(
            f"IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{g}') THEN CREATE ROLE {g} NOLOGIN; END IF;"
            for g in GROUPS.values()) + " END $$",
        f'GRANT CONNECT ON DATABASE "{database}" TO {everyone}',
        f"GRANT USAGE ON SCHEMA public TO {everyone}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {everyone}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {writers}",
        f"GRANT INSERT ON audit_entry TO {writers}",
        "GRANT INSERT, UPDATE, DELETE ON "
        + ", ".join(t for t in tables if t not in NOT_FOR_PLANNERS) + f" TO {PLANNER}",
        f"GRANT INSERT, UPDATE, DELETE ON {', '.join(REPORTER_TABLES)} TO {REPORTER}",
        f"GRANT INSERT, UPDATE, DELETE ON {', '.join(SECRETARY_TABLES)} TO {SECRETARY}",
        MY_UNITS,
        f"GRANT EXECUTE ON FUNCTION styrkort_my_units() TO {everyone}",
    ]
    if owner:
        # FORCE applies the policies to the tables' owner too: the owner account edits as a planner.
        out.append(f'GRANT {PLANNER} TO "{owner}"')
    for table in sorted({*REPORTER_ROWS, *SECRETARY_ROWS}):
        out += [
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY",
            *(f"DROP POLICY IF EXISTS {table}_{name} ON {table}" for name in ("read", "planner", "unit")),
            f"CREATE POLICY {table}_read ON {table} FOR SELECT USING (true)",
            f"CREATE POLICY {table}_planner ON {table} FOR ALL TO {PLANNER} USING (true) WITH CHECK (true)",
        ]
        condition = REPORTER_ROWS.get(table) or SECRETARY_ROWS[table]
        group = REPORTER if table in REPORTER_ROWS else SECRETARY
        out.append(f"CREATE POLICY {table}_unit ON {table} FOR ALL TO {group} "
                   f"USING ({condition}) WITH CHECK ({condition})")
    return out


def _require_server(session: Session) -> None:
    if session.get_bind().dialect.name != "postgresql":
        raise StyrkortError("Roller finns bara i regionens databas (PostgreSQL), inte i en fil.",
                            "Roles exist only in a regional database (PostgreSQL), not in a file.")


def setup_roles(session: Session) -> list[str]:
    """Run the setup in the session's transaction (as the database owner or a superuser)."""
    _require_server(session)
    database, owner, superuser = session.execute(sa.text(
        "SELECT current_database(), current_user, rolsuper FROM pg_roles WHERE rolname = current_user")).one()
    statements = setup_statements(database, None if superuser else owner)
    for statement in statements:
        session.execute(sa.text(statement))
    return statements


def grant_user(session: Session, login: str, role: str, unit_codes: list[str] = ()) -> None:
    """Make `login` (an existing PostgreSQL login role) a member of a Styrkort group, and record
    the units it answers for."""
    _require_server(session)
    if role not in GROUPS:
        raise StyrkortError(f"Okänd roll {role}; välj bland {', '.join(GROUPS)}.",
                            f"Unknown role {role}; choose one of {', '.join(GROUPS)}.")
    exists = session.execute(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": login}).first()
    if exists is None:
        raise StyrkortError(f"Databasanvändaren {login} finns inte; be IT skapa den (CREATE ROLE {login} LOGIN).",
                            f"The database user {login} does not exist; ask IT to create it (CREATE ROLE {login} LOGIN).")
    session.execute(sa.text(f'GRANT {GROUPS[role]} TO "{login}"'))
    for code in unit_codes:
        unit_id = session.execute(sa.select(OrgUnit.id).where(OrgUnit.code == code)).scalar()
        if unit_id is None:
            raise StyrkortError(f"Enheten {code} finns inte.", f"The unit {code} does not exist.")
        if session.get(RoleUnit, (login, unit_id)) is None:
            session.add(RoleUnit(role_name=login, unit_id=unit_id))
    session.flush()


@dataclass(frozen=True)
class Access:
    """What the connected user may change: the window makes the rest read-only, with the reason."""

    role: str | None  # None: a file or an unrestricted account (owner, superuser)
    unit_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def read_only(self) -> bool:
        return self.role == "granskare"

    def may_edit_unit(self, unit_id: int | None) -> bool:
        if self.role in (None, "planerare"):
            return True
        return self.role == "rapportor" and unit_id in self.unit_ids

    def may_plan(self) -> bool:
        return self.role in (None, "planerare")

    def reason(self, sv: bool = True) -> str:
        if self.role == "granskare":
            return "Du är granskare: läsbehörighet." if sv else "You are an auditor: read access."
        if self.role == "rapportor":
            return ("Du rapporterar bara för dina egna enheter." if sv
                    else "You report only for your own units.")
        if self.role == "namndsekreterare":
            return ("Du registrerar delegationsbeslut för din nämnd." if sv
                    else "You record delegation decisions for your nämnd.")
        return ""


def access_for(session: Session) -> Access:
    """The connected user's Styrkort role and units (a file: no restrictions)."""
    if session.get_bind().dialect.name != "postgresql":
        return offline_access(session) or Access(None)  # an offline checkout keeps its role
    superuser = session.execute(sa.text("SELECT rolsuper FROM pg_roles WHERE rolname = session_user")).scalar()
    if superuser:
        return Access(None)
    for name, group in GROUPS.items():  # the most powerful membership wins
        member = session.execute(sa.text(
            "SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = :g) AND pg_has_role(session_user, :g, 'MEMBER')"),
            {"g": group}).scalar()
        if member:
            units = frozenset(session.execute(sa.text("SELECT styrkort_my_units()")).scalars()) if name in (
                "rapportor", "namndsekreterare") else frozenset()
            return Access(name, units)
    return Access(None)


def offline_access(session):
    """The server role the checkout was made with (`app.services.platform.roles.Access`), so the
    window keeps read-only offline what the server would refuse; None for an ordinary file."""
    conn = session.connection()
    found = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'").first()
    if found is None:
        return None
    row = conn.exec_driver_sql("SELECT role, role_units FROM sync_state WHERE id = 1").first()
    if row is None or row[0] is None:
        return None
    return Access(row[0], frozenset(json.loads(row[1] or "[]")))
