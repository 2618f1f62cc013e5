"""`styrkort check`: is this file healthy, which schema does it have, and does its audit log hold
against every anchor kept outside it?"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from app.models import Goal, Indicator, OrgUnit, Result
from app.models.store import Store, head_revision, integrity_problems
from app.services.platform.anchors import Anchor, anchor_text, anchors_for
from app.services.platform.audit_check import ChainReport, verify


@dataclass
class HealthReport:
    location: str
    revision: str | None
    head: str
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    chain: ChainReport | None = None

    @property
    def healthy(self) -> bool:
        return not self.problems and self.revision == self.head

    def lines(self) -> list[str]:
        verdict = "OK" if self.healthy else "PROBLEM"
        out = [f"{verdict}: {self.location}", f"schemaversion: {self.revision} (denna version: {self.head})"]
        out += [f"{name}: {count}" for name, count in self.counts.items()]
        if self.chain is not None:
            chain = self.chain
            verdict = "verifierad" if chain.ok else "har problem"
            out.append(f"ändringsloggens kedja {verdict}: {chain.length} poster, jämförd med "
                       f"{chain.anchors_checked} ankare utanför databasen")
            out.append(anchor_text(chain.length, chain.head))
            if chain.foreign_sealed:
                out.append(f"{chain.foreign_sealed} poster är förseglade av en annan installation och kan "
                           "bara kontrolleras där")
        out += [f"problem: {p}" for p in self.problems]
        return out


def _swedish(problem: str) -> str:
    """SQLite's own findings, said in Swedish (its detail text is kept as it is)."""
    if problem.startswith("foreign key: "):
        table, rowid, parent, _fk = (problem[len("foreign key: "):].strip("()").split(", ") + ["", "", "", ""])[:4]
        return (f"rad {rowid} i tabellen {table.strip(chr(39))} pekar på en rad i {parent.strip(chr(39))} "
                "som inte finns")
    return f"SQLite hittade ett fel i filen: {problem}"


def check_store(store: Store, anchors: list[Anchor] | None = None) -> HealthReport:
    """Full integrity check (not the quick one used at open), foreign keys, audit chain against the
    anchors kept for this file plus `anchors` (read from files the user named)."""
    report = HealthReport(store.location, store.revision(), head_revision())
    report.problems += [_swedish(p) for p in integrity_problems(store.engine, quick=False)]
    kept = anchors_for(Path(store.path) if store.path else None,
                       None if store.path else store.engine.url.render_as_string(hide_password=True))
    if not store.is_sqlite:
        report.problems += server_problems(store.engine)
    with store.session() as session:
        report.chain = verify(session, [*kept, *(anchors or [])])
        report.problems += report.chain.problems
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
