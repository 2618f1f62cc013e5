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
    with store.session() as session:
        report.chain = verify(session, [*kept, *(anchors or [])])
        report.problems += report.chain.problems
        for label, entity in (("mål", Goal), ("enheter", OrgUnit), ("indikatorer", Indicator),
                              ("utfall", Result)):
            report.counts[label] = session.execute(sa.select(sa.func.count()).select_from(entity)).scalar_one()
    return report
