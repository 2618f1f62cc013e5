"""`styrkort check`: is this file healthy, and which schema does it have?"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa

from app.models import Goal, Indicator, OrgUnit, Result
from app.models.store import Store, head_revision, integrity_problems
from app.services.platform.audit import verify_chain


@dataclass
class HealthReport:
    location: str
    revision: str | None
    head: str
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def healthy(self) -> bool:
        return not self.problems and self.revision == self.head

    def lines(self) -> list[str]:
        verdict = "OK" if self.healthy else "PROBLEM"
        out = [f"{verdict}: {self.location}", f"schemaversion: {self.revision} (denna version: {self.head})"]
        out += [f"{name}: {count}" for name, count in self.counts.items()]
        out += [f"problem: {p}" for p in self.problems]
        return out


def check_store(store: Store) -> HealthReport:
    """Full integrity check (not the quick one used at open), foreign keys, audit chain."""
    report = HealthReport(store.location, store.revision(), head_revision())
    report.problems += integrity_problems(store.engine, quick=False)
    if not store.is_sqlite:
        report.problems += server_problems(store.engine)
    with store.session() as session:
        report.problems += verify_chain(session)
        for label, entity in (("mål", Goal), ("enheter", OrgUnit), ("indikatorer", Indicator),
                              ("utfall", Result)):
            report.counts[label] = session.execute(sa.select(sa.func.count()).select_from(entity)).scalar_one()
    return report


def server_problems(engine) -> list[str]:
    """A regional (PostgreSQL) database: every table and column of this version is there, no
    constraint is left unvalidated, and the server's own rules (append-only audit log, change
    notifications) are in place."""
    from app.models import Base
    from app.models.server_rules import notify_trigger

    problems: list[str] = []
    with engine.connect() as conn:
        inspector = sa.inspect(conn)
        present = set(inspector.get_table_names())
        for table in Base.metadata.sorted_tables:
            if table.name not in present:
                problems.append(f"table {table.name} is missing")
                continue
            columns = {c["name"] for c in inspector.get_columns(table.name)}
            problems += [f"column {table.name}.{c.name} is missing" for c in table.columns if c.name not in columns]
        problems += [f"constraint {name} on {table} is not validated" for name, table in conn.exec_driver_sql(
            "SELECT conname, conrelid::regclass::text FROM pg_constraint WHERE NOT convalidated")]
        triggers = {r[0] for r in conn.exec_driver_sql("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")}
        expected = {"audit_entry_append_only", "directive_adopted_locked"} | {notify_trigger(t).split()[2] for t in Base.metadata.tables}
        problems += [f"trigger {name} is missing" for name in sorted(expected - triggers)]
    return problems
