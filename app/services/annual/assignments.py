"""Uppdrag from fullmäktige and the styrelse to nämnder, followed up each period with a status
and a comment. An uppdrag past its due date that is neither genomfört nor avslutat is overdue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import (
    Assignment,
    AssignmentReport,
    AssignmentSource,
    AssignmentState,
    AuditAction,
    OrgUnit,
    Period,
)
from app.models.errors import RuleViolation
from app.services.followup.periods import require_period
from app.services.platform import audit
from app.services.platform.audited import add, assign, get_or_refuse

FINISHED = (AssignmentState.DONE, AssignmentState.CLOSED_NOT_DONE)
FIELDS = ("code", "title", "description", "source", "given_by_id", "assignee_id", "decided_on", "due_on",
          "decision_reference")


@dataclass(frozen=True)
class AssignmentRow:
    id: int
    code: str
    title: str
    assignee: str
    assignee_id: int
    given_by: str
    decided_on: dt.date
    due_on: dt.date | None
    decision_reference: str
    state: AssignmentState
    comment: str
    reported_period: str | None

    def overdue(self, today: dt.date) -> bool:
        return self.due_on is not None and self.due_on < today and self.state not in FINISHED


def _check(values: dict) -> None:
    if not str(values.get("title") or "").strip():
        raise RuleViolation("Uppdraget behöver en rubrik.", "The assignment needs a title.")
    if not str(values.get("code") or "").strip():
        raise RuleViolation("Uppdraget behöver en kod (t.ex. U2026-01).", "The assignment needs a code.")
    due, decided = values.get("due_on"), values.get("decided_on")
    if due and decided and due < decided:
        raise RuleViolation("Uppdraget kan inte ha ett slutdatum före beslutsdagen.",
                            "An assignment cannot be due before it was decided.")


def create_assignment(session: Session, values: dict) -> int:
    """A new uppdrag; `values` has FIELDS (assignee_id, code, title and decided_on required)."""
    _check(values)
    if values.get("source") is not None:
        values = values | {"source": AssignmentSource(values["source"])}
    if session.scalar(sa.select(Assignment.id).where(Assignment.code == values["code"])):
        raise RuleViolation(f"Det finns redan ett uppdrag med koden {values['code']}.",
                            f"An assignment with code {values['code']} already exists.")
    row = Assignment(**{name: values[name] for name in FIELDS if name in values})
    return add(session, "assignment", row, f"{row.code} {row.title}")


def update_assignment(session: Session, assignment_id: int, values: dict) -> dict:
    row = _get(session, assignment_id)
    merged = {name: getattr(row, name) for name in FIELDS} | values
    _check(merged)
    return assign(session, "assignment", row, {k: v for k, v in values.items() if k in FIELDS})


def delete_assignment(session: Session, assignment_id: int) -> None:
    row = _get(session, assignment_id)
    audit.record(session, AuditAction.DELETE, "assignment", assignment_id, summary=f"{row.code} {row.title}")
    session.delete(row)
    session.flush()


def report_assignment(session: Session, assignment_id: int, period_code: str, state: AssignmentState,
                      comment: str = "") -> tuple[AssignmentState, str] | None:
    """Set the uppdrag's status and comment for a period; returns the previous (state, comment),
    or None when there was no report for that period yet (for undo)."""
    _get(session, assignment_id)
    state = AssignmentState(state)
    period = require_period(session, period_code)
    report = session.scalar(sa.select(AssignmentReport).where(
        AssignmentReport.assignment_id == assignment_id, AssignmentReport.period_id == period.id))
    previous = (report.state, report.comment) if report else None
    if report is None:
        report = AssignmentReport(assignment_id=assignment_id, period_id=period.id)
        session.add(report)
    report.state, report.comment = state, comment
    audit.record(session, AuditAction.UPDATE, "assignment", assignment_id, field=f"status {period.code}",
                 old=previous[0].sv if previous else None, new=state.sv, summary=comment[:200])
    session.flush()
    return previous


def clear_assignment_report(session: Session, assignment_id: int, period_code: str) -> None:
    """Remove the status reported for a period (undo of the first report)."""
    period = require_period(session, period_code)
    report = session.scalar(sa.select(AssignmentReport).where(
        AssignmentReport.assignment_id == assignment_id, AssignmentReport.period_id == period.id))
    if report is not None:
        audit.record(session, AuditAction.DELETE, "assignment", assignment_id, field=f"status {period.code}",
                     old=report.state.sv)
        session.delete(report)
        session.flush()


def assignment_reports(session: Session, assignment_id: int) -> list[tuple[str, AssignmentState, str]]:
    """(period code, state, comment) of every status report of an uppdrag, oldest first."""
    query = (sa.select(Period.code, AssignmentReport.state, AssignmentReport.comment).join(Period)
             .where(AssignmentReport.assignment_id == assignment_id).order_by(Period.end_date))
    return [tuple(row) for row in session.execute(query)]


def assignment_values(session: Session, assignment_id: int) -> dict:
    """The editable fields of an uppdrag, as plain values (for a form and for undo)."""
    row = _get(session, assignment_id)
    return {name: getattr(row, name) for name in FIELDS}


def _get(session: Session, assignment_id: int) -> Assignment:
    return get_or_refuse(session, Assignment, assignment_id, "Uppdraget finns inte längre.",
                         "The assignment no longer exists.")


def list_assignments(session: Session, period_code: str | None = None,
                     assignee_ids: set[int] | None = None) -> list[AssignmentRow]:
    """Every uppdrag with its latest status up to and including `period_code` (all periods when
    None), in order of due date."""
    end = None
    if period_code:
        end = require_period(session, period_code).end_date
    units = dict(session.execute(sa.select(OrgUnit.id, OrgUnit.name)).all())
    reports: dict[int, tuple[dt.date, AssignmentReport, str]] = {}
    query = sa.select(AssignmentReport, Period.end_date, Period.code).join(Period)
    for report, end_date, code in session.execute(query):
        if end is not None and end_date > end:
            continue
        known = reports.get(report.assignment_id)
        if known is None or end_date > known[0]:
            reports[report.assignment_id] = (end_date, report, code)
    rows = []
    for a in session.scalars(sa.select(Assignment).order_by(Assignment.due_on.is_(None), Assignment.due_on,
                                                            Assignment.code)):
        if assignee_ids is not None and a.assignee_id not in assignee_ids:
            continue
        latest = reports.get(a.id)
        rows.append(AssignmentRow(
            a.id, a.code, a.title, units.get(a.assignee_id, ""), a.assignee_id, units.get(a.given_by_id, ""),
            a.decided_on, a.due_on, a.decision_reference,
            latest[1].state if latest else AssignmentState.NOT_STARTED,
            latest[1].comment if latest else "", latest[2] if latest else None))
    return rows


def overdue_assignments(session: Session, today: dt.date) -> list[AssignmentRow]:
    """Uppdrag past their due date and neither genomförda nor avslutade (the start page lists them)."""
    return [row for row in list_assignments(session) if row.overdue(today)]
