"""Årshjul: the planning and follow-up year. Milestones derived from the data (tertial reports,
delårsrapport after T2, årsredovisning, document reviews due, verksamhetsplaner) together with the
editable ones in the `milestone` table."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import AuditAction, Directive, DirectiveState, Milestone, OperationalPlan, Period, PeriodKind
from app.models.errors import RuleViolation
from app.services.governance.directives import current_versions
from app.services.platform import audit
from app.services.platform.audited import add, assign, get_or_refuse

MILESTONE_FIELDS = ("title", "due_on", "kind", "unit_id", "description")
# Reports are due this long after their period ends (the region's own rhythm; editable milestones
# cover anything else).
REPORT_LAG_DAYS = 30
PLAN_DEADLINE = (11, 30)  # next year's verksamhetsplaner are adopted by the end of November


@dataclass
class CycleEvent:
    """One point in the year. `milestone_id` is set for editable milestones, None for derived ones."""

    due_on: dt.date
    title: str
    kind: str
    milestone_id: int | None = None
    description: str = ""


def events(session: Session, year: int) -> list[CycleEvent]:
    """Everything in the årshjul for `year`, by date."""
    found: list[CycleEvent] = []
    periods = session.execute(sa.select(Period).where(
        Period.kind == PeriodKind.TERTIAL, Period.year == year).order_by(Period.number)).scalars()
    for period in periods:
        due = period.end_date + dt.timedelta(days=REPORT_LAG_DAYS)
        if period.number == 2:
            found.append(CycleEvent(due, f"Delårsrapport jan–aug {year}", "report"))
        elif period.number == 1:
            found.append(CycleEvent(due, f"Tertialrapport T1 {year}", "report"))
    found.append(CycleEvent(dt.date(year, 3, 31), f"Årsredovisning {year - 1}", "report"))
    found.append(CycleEvent(dt.date(year, 2, 28), f"Uppföljning tertial 3 och helår {year - 1}", "report"))
    for title, due in session.execute(sa.select(Directive.title, Directive.review_due).where(
            current_versions(), Directive.state == DirectiveState.ADOPTED,
            Directive.review_due.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))):
        found.append(CycleEvent(due, f"Revideras senast: {title}", "review"))
    plans_next = session.execute(sa.select(sa.func.count()).where(OperationalPlan.year == year + 1)).scalar_one()
    found.append(CycleEvent(dt.date(year, *PLAN_DEADLINE), f"Verksamhetsplaner {year + 1} fastställs",
                            "plan", description=f"{plans_next} planer påbörjade"))
    for m in session.execute(sa.select(Milestone).where(
            Milestone.due_on.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))).scalars():
        found.append(CycleEvent(m.due_on, m.title, m.kind or "milestone", m.id, m.description))
    return sorted(found, key=lambda e: (e.due_on, e.title))


def _check(values: dict) -> None:
    if not (values.get("title") or "").strip():
        raise RuleViolation("Händelsen måste ha en rubrik.", "The milestone needs a title.")
    if values.get("due_on") is None:
        raise RuleViolation("Ange ett datum.", "Enter a date.")


def add_milestone(session: Session, values: dict, milestone_id: int | None = None) -> int:
    _check(values)
    milestone = Milestone(id=milestone_id, **{k: values[k] for k in MILESTONE_FIELDS if k in values})
    return add(session, "milestone", milestone, milestone.title)


def update_milestone(session: Session, milestone_id: int, values: dict) -> dict:
    milestone = _get(session, milestone_id)
    _check({**{k: getattr(milestone, k) for k in MILESTONE_FIELDS}, **values})
    return assign(session, "milestone", milestone, values)


def delete_milestone(session: Session, milestone_id: int) -> dict:
    milestone = _get(session, milestone_id)
    values = {k: getattr(milestone, k) for k in MILESTONE_FIELDS}
    audit.record(session, AuditAction.DELETE, "milestone", milestone_id, old=audit.row_content(milestone),
                 summary=milestone.title)
    session.delete(milestone)
    session.flush()
    return values


def _get(session: Session, milestone_id: int) -> Milestone:
    return get_or_refuse(session, Milestone, milestone_id, "Händelsen finns inte längre.",
                         "The milestone no longer exists.")
