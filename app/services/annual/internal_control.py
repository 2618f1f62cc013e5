"""Internkontroll: a nämnd's plan for the year with risks (sannolikhet × konsekvens, 1–4 each),
kontrollmoment, and results per period with deviations and actions. The plan is adopted as a
styrdokument; the delårsrapport, the årsredovisning and the styrelse's uppsiktsplikt read it here."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import (
    AuditAction,
    ControlPoint,
    ControlResult,
    ControlRisk,
    DirectiveState,
    InternalControlPlan,
    OrgUnit,
)
from app.models.errors import RuleViolation
from app.services.followup.periods import require_period
from app.services.platform import audit
from app.services.platform.audited import add, assign, get_or_refuse, next_position

SCALE = (1, 2, 3, 4)
LIKELIHOOD_TEXT = {1: "Osannolik", 2: "Mindre sannolik", 3: "Möjlig", 4: "Sannolik"}
CONSEQUENCE_TEXT = {1: "Lindrig", 2: "Kännbar", 3: "Allvarlig", 4: "Mycket allvarlig"}


def risk_value(likelihood: int, consequence: int) -> int:
    """Riskvärde = sannolikhet × konsekvens (1–16)."""
    return likelihood * consequence


def risk_level(value: int) -> str:
    """The usual three bands of a 4 × 4 matrix: låg (1–3), medel (4–8), hög (9–16)."""
    return "Hög" if value >= 9 else "Medel" if value >= 4 else "Låg"


def _check_scale(likelihood: int, consequence: int) -> None:
    if likelihood not in SCALE or consequence not in SCALE:
        raise RuleViolation("Sannolikhet och konsekvens bedöms på skalan 1–4.",
                            "Likelihood and consequence are rated 1–4.")


def create_plan(session: Session, unit_id: int, year: int, title: str = "") -> int:
    unit = get_or_refuse(session, OrgUnit, unit_id, "Enheten finns inte.", "The unit does not exist.")
    if session.scalar(sa.select(InternalControlPlan.id).where(InternalControlPlan.unit_id == unit_id,
                                                              InternalControlPlan.year == year)):
        raise RuleViolation(f"{unit.name} har redan en internkontrollplan för {year}.",
                            f"{unit.name} already has an internal control plan for {year}.")
    plan = InternalControlPlan(unit_id=unit_id, year=year, title=title or f"Internkontrollplan {year} – {unit.name}")
    return add(session, "internal_control_plan", plan, plan.title)


def add_risk(session: Session, plan_id: int, title: str, likelihood: int, consequence: int,
             description: str = "") -> int:
    _check_scale(likelihood, consequence)
    _plan(session, plan_id)
    _refuse_if_adopted(session, plan_id)
    risk = ControlRisk(plan_id=plan_id, title=title, description=description, likelihood=likelihood,
                       consequence=consequence,
                       position=next_position(session, ControlRisk.position, ControlRisk.plan_id == plan_id))
    return add(session, "control_risk", risk, title)


def update_risk(session: Session, risk_id: int, values: dict) -> dict:
    risk = get_or_refuse(session, ControlRisk, risk_id, "Risken finns inte längre.", "The risk no longer exists.")
    _check_scale(values.get("likelihood", risk.likelihood), values.get("consequence", risk.consequence))
    _refuse_if_adopted(session, risk.plan_id)
    return assign(session, "control_risk", risk, values)


def add_control(session: Session, risk_id: int, title: str, owner: str = "", method: str = "",
                frequency: str = "") -> int:
    risk = get_or_refuse(session, ControlRisk, risk_id, "Risken finns inte längre.", "The risk no longer exists.")
    _refuse_if_adopted(session, risk.plan_id)
    control = ControlPoint(risk_id=risk_id, title=title, owner=owner, method=method, frequency=frequency,
                           position=next_position(session, ControlPoint.position, ControlPoint.risk_id == risk_id))
    return add(session, "control_point", control, title)


def record_result(session: Session, control_id: int, period_code: str, deviation: bool, finding: str = "",
                  actions: str = "") -> dict | None:
    """The result of a kontrollmoment for a period (results are recorded after adoption; that is
    the point of the plan). Returns the previous values, or None when there were none (undo)."""
    get_or_refuse(session, ControlPoint, control_id, "Kontrollmomentet finns inte längre.",
                  "The control no longer exists.")
    if deviation and not finding.strip():
        raise RuleViolation("Beskriv avvikelsen.", "Describe the deviation.")
    period = require_period(session, period_code)
    row = session.scalar(sa.select(ControlResult).where(ControlResult.control_id == control_id,
                                                        ControlResult.period_id == period.id))
    previous = None if row is None else {"deviation": row.deviation, "finding": row.finding, "actions": row.actions}
    if row is None:
        row = ControlResult(control_id=control_id, period_id=period.id)
        session.add(row)
    row.deviation, row.finding, row.actions = deviation, finding, actions
    session.flush()
    audit.record(session, AuditAction.UPDATE, "control_point", control_id, field=f"resultat {period.code}",
                 old=None if previous is None else ("avvikelse" if previous["deviation"] else "utan avvikelse"),
                 new="avvikelse" if deviation else "utan avvikelse", summary=finding[:200])
    return previous


def delete_risk(session: Session, risk_id: int) -> None:
    """Remove a risk with its kontrollmoment (undo of adding it)."""
    risk = get_or_refuse(session, ControlRisk, risk_id, "Risken finns inte längre.", "The risk no longer exists.")
    _refuse_if_adopted(session, risk.plan_id)
    audit.record(session, AuditAction.DELETE, "control_risk", risk_id, summary=risk.title)
    session.delete(risk)
    session.flush()


def delete_control(session: Session, control_id: int) -> None:
    control = get_or_refuse(session, ControlPoint, control_id, "Kontrollmomentet finns inte längre.",
                            "The control no longer exists.")
    _refuse_if_adopted(session, control.risk.plan_id)
    audit.record(session, AuditAction.DELETE, "control_point", control_id, summary=control.title)
    session.delete(control)
    session.flush()


def clear_result(session: Session, control_id: int, period_code: str) -> None:
    """Remove a period's result (undo of recording the first one)."""
    period = require_period(session, period_code)
    row = session.scalar(sa.select(ControlResult).where(ControlResult.control_id == control_id,
                                                        ControlResult.period_id == period.id))
    if row is not None:
        audit.record(session, AuditAction.DELETE, "control_point", control_id, field=f"resultat {period.code}",
                     old="avvikelse" if row.deviation else "utan avvikelse")
        session.delete(row)
        session.flush()


def plans_for(session: Session) -> list[tuple[int, int, str]]:
    """(plan id, year, title) of every plan, newest first."""
    return [tuple(r) for r in session.execute(sa.select(
        InternalControlPlan.id, InternalControlPlan.year, InternalControlPlan.title)
        .order_by(InternalControlPlan.year.desc(), InternalControlPlan.title))]


def _plan(session: Session, plan_id: int) -> InternalControlPlan:
    return get_or_refuse(session, InternalControlPlan, plan_id, "Internkontrollplanen finns inte längre.",
                         "The internal control plan no longer exists.")


def _refuse_if_adopted(session: Session, plan_id: int) -> None:
    plan = _plan(session, plan_id)
    if plan.directive_id is not None:
        from app.models import Directive

        directive = session.get(Directive, plan.directive_id)
        if directive is not None and directive.state in (DirectiveState.ADOPTED, DirectiveState.REPEALED):
            raise RuleViolation(
                f"{plan.title} är {directive.state.sv.lower()}: risker och kontrollmoment ändras i en ny version "
                "av planen.", f"{plan.title} is {directive.state.en.lower()}: change it in a new version.")


@dataclass
class ControlLine:
    risk_id: int
    control_id: int | None
    risk: str
    likelihood: int
    consequence: int
    control: str
    owner: str
    method: str
    frequency: str
    deviation: bool | None  # None: not yet checked in the period
    finding: str = ""
    actions: str = ""

    @property
    def value(self) -> int:
        return risk_value(self.likelihood, self.consequence)


@dataclass
class PlanSummary:
    plan_id: int
    unit_id: int
    unit_name: str
    title: str
    year: int
    adopted: bool
    lines: list[ControlLine] = field(default_factory=list)
    matrix: dict[tuple[int, int], list[str]] = field(default_factory=dict)  # (likelihood, consequence) → risks

    @property
    def checked(self) -> int:
        return sum(1 for line in self.lines if line.deviation is not None)

    @property
    def deviations(self) -> int:
        return sum(1 for line in self.lines if line.deviation)


def plan_summaries(session: Session, year: int, period_code: str | None = None,
                   unit_ids: set[int] | None = None) -> list[PlanSummary]:
    """Each internkontrollplan of the year with its risk matrix and, for `period_code`, the latest
    result of each kontrollmoment up to that period."""
    from app.models import Directive, Period

    end = require_period(session, period_code).end_date if period_code else None
    units = dict(session.execute(sa.select(OrgUnit.id, OrgUnit.name)).all())
    summaries = []
    query = sa.select(InternalControlPlan).where(InternalControlPlan.year == year).order_by(InternalControlPlan.id)
    for plan in session.scalars(query):
        if unit_ids is not None and plan.unit_id not in unit_ids:
            continue
        directive = session.get(Directive, plan.directive_id) if plan.directive_id else None
        summary = PlanSummary(plan.id, plan.unit_id, units.get(plan.unit_id, ""), plan.title, plan.year,
                              directive is not None and directive.state == DirectiveState.ADOPTED)
        for risk in plan.risks:
            summary.matrix.setdefault((risk.likelihood, risk.consequence), []).append(risk.title)
            for control in risk.controls or [None]:
                latest = None
                if control is not None:
                    for result in control.results:
                        p = session.get(Period, result.period_id)
                        if end is not None and p.end_date > end:
                            continue
                        if latest is None or p.end_date > latest[0]:
                            latest = (p.end_date, result)
                summary.lines.append(ControlLine(
                    risk.id, control.id if control else None, risk.title, risk.likelihood, risk.consequence,
                    control.title if control else "", control.owner if control else "",
                    control.method if control else "", control.frequency if control else "",
                    latest[1].deviation if latest else None,
                    latest[1].finding if latest else "", latest[1].actions if latest else ""))
        summaries.append(summary)
    return summaries
