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
    with store.session() as session:
        report.problems += verify_chain(session)
        for label, entity in (("mål", Goal), ("enheter", OrgUnit), ("indikatorer", Indicator),
                              ("utfall", Result)):
            report.counts[label] = session.execute(sa.select(sa.func.count()).select_from(entity)).scalar_one()
    return report
