"""Verksamhetsplaner: a unit's (or nämnd's) plan for a year, its activities linked to goals,
the owner's goals that no activity serves yet, and copying last year's plan as a draft."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import (
    Activity,
    ActivityState,
    AdoptionState,
    AuditAction,
    Goal,
    GoalLevel,
    OperationalPlan,
    OrgUnit,
    UnitKind,
    activity_goal,
)
from app.models.errors import RuleViolation
from app.services.platform import audit
from app.services.platform.audited import add, assign, get_or_refuse, next_position

PLAN_TEXT_FIELDS = ("title", "mission", "goals_text", "resources", "follow_up", "state")
ACTIVITY_FIELDS = ("title", "description", "responsible", "start_date", "end_date", "state", "progress")
# The bodies whose goals a unit's plan must answer to: the unit itself up to its nämnd/styrelse.
STEERING_KINDS = (UnitKind.COMMITTEE, UnitKind.EXECUTIVE_BOARD, UnitKind.COUNCIL)


@dataclass
class PlanSummary:
    id: int
    unit_id: int
    unit_name: str
    year: int
    title: str
    state: AdoptionState
    activity_count: int


@dataclass
class ActivityRow:
    id: int
    title: str
    description: str
    responsible: str
    start_date: dt.date | None
    end_date: dt.date | None
    state: ActivityState
    progress: int
    goal_ids: tuple[int, ...] = ()
    goal_codes: str = ""


@dataclass
class GoalRef:
    id: int
    code: str
    title: str
    owner_name: str


@dataclass
class ActivitySnapshot:
    id: int
    plan_id: int
    position: int
    values: dict
    goal_ids: tuple[int, ...] = field(default_factory=tuple)


def plans(session: Session, year: int | None = None) -> list[PlanSummary]:
    counts = sa.select(sa.func.count()).where(Activity.plan_id == OperationalPlan.id).scalar_subquery()
    query = (sa.select(OperationalPlan, OrgUnit.name, counts).join(OrgUnit, OrgUnit.id == OperationalPlan.unit_id)
             .order_by(OperationalPlan.year.desc(), OrgUnit.position, OrgUnit.name))
    if year is not None:
        query = query.where(OperationalPlan.year == year)
    return [PlanSummary(p.id, p.unit_id, name, p.year, p.title, p.state, n) for p, name, n in session.execute(query)]


def plan_for(session: Session, unit_id: int, year: int) -> int | None:
    return session.execute(sa.select(OperationalPlan.id).where(
        OperationalPlan.unit_id == unit_id, OperationalPlan.year == year)).scalar()


def plan_values(session: Session, plan_id: int) -> dict:
    plan = _get(session, plan_id)
    return {k: getattr(plan, k) for k in PLAN_TEXT_FIELDS} | {"unit_id": plan.unit_id, "year": plan.year}


def _get(session: Session, plan_id: int) -> OperationalPlan:
    return get_or_refuse(session, OperationalPlan, plan_id, "Verksamhetsplanen finns inte längre.",
                         "The operational plan no longer exists.")


def create_plan(session: Session, unit_id: int, year: int, title: str = "", plan_id: int | None = None) -> int:
    if plan_for(session, unit_id, year) is not None:
        raise RuleViolation(f"Enheten har redan en verksamhetsplan för {year}.",
                            f"The unit already has an operational plan for {year}.")
    unit = session.get(OrgUnit, unit_id)
    if unit is None:
        raise RuleViolation("Enheten finns inte.", "The unit does not exist.")
    plan = OperationalPlan(id=plan_id, unit_id=unit_id, year=year,
                           title=title.strip() or f"Verksamhetsplan {year} – {unit.name}")
    return add(session, "operational_plan", plan, plan.title)


def update_plan(session: Session, plan_id: int, values: dict) -> dict:
    plan = _get(session, plan_id)
    if "title" in values and not values["title"].strip():
        raise RuleViolation("Planen måste ha en titel.", "The plan needs a title.")
    return assign(session, "operational_plan", plan, values)


def delete_plan(session: Session, plan_id: int) -> None:
    """Remove a plan with its activities (undo of create or copy)."""
    plan = _get(session, plan_id)
    audit.record(session, AuditAction.DELETE, "operational_plan", plan_id, old=audit.row_content(plan),
                 summary=plan.title)
    session.delete(plan)
    session.flush()


def copy_plan(session: Session, plan_id: int, year: int | None = None) -> int:
    """Last year's plan as a draft for `year` (default: the next): texts and activities, with
    dates moved on by the years between, states reset to planerad and progress to 0."""
    source = _get(session, plan_id)
    year = year or source.year + 1
    new_id = create_plan(session, source.unit_id, year, source.title.replace(str(source.year), str(year)))
    plan = session.get(OperationalPlan, new_id)
    for name in ("mission", "goals_text", "resources", "follow_up"):
        setattr(plan, name, getattr(source, name))
    plan.copied_from_id = source.id
    shift = year - source.year
    for activity in source.activities:
        copy = Activity(plan_id=new_id, position=activity.position, title=activity.title,
                        description=activity.description, responsible=activity.responsible,
                        start_date=_shift(activity.start_date, shift), end_date=_shift(activity.end_date, shift))
        session.add(copy)
        session.flush()
        _set_goals(session, copy.id, _goal_ids(session, activity.id))
    session.flush()
    return new_id


def _shift(date: dt.date | None, years: int) -> dt.date | None:
    if date is None:
        return None
    try:
        return date.replace(year=date.year + years)
    except ValueError:  # 29 February
        return date.replace(year=date.year + years, day=28)


def _goal_ids(session: Session, activity_id: int) -> tuple[int, ...]:
    return tuple(sorted(session.execute(
        sa.select(activity_goal.c.goal_id).where(activity_goal.c.activity_id == activity_id)).scalars()))


def _set_goals(session: Session, activity_id: int, goal_ids) -> None:
    session.execute(activity_goal.delete().where(activity_goal.c.activity_id == activity_id))
    if goal_ids:
        session.execute(activity_goal.insert(), [{"activity_id": activity_id, "goal_id": g} for g in goal_ids])


def activities(session: Session, plan_id: int) -> list[ActivityRow]:
    links: dict[int, list[tuple[int, str]]] = {}
    for activity_id, goal_id, code in session.execute(
        sa.select(activity_goal.c.activity_id, Goal.id, sa.func.coalesce(Goal.code, Goal.title))
        .join(Goal, Goal.id == activity_goal.c.goal_id).join(Activity, Activity.id == activity_goal.c.activity_id)
        .where(Activity.plan_id == plan_id).order_by(Goal.code)
    ):
        links.setdefault(activity_id, []).append((goal_id, code))
    rows = session.execute(sa.select(Activity).where(Activity.plan_id == plan_id)
                           .order_by(Activity.position, Activity.id)).scalars()
    return [ActivityRow(a.id, a.title, a.description, a.responsible, a.start_date, a.end_date, a.state, a.progress,
                        tuple(g for g, _ in links.get(a.id, [])), ", ".join(c for _, c in links.get(a.id, [])))
            for a in rows]


def _check_activity(values: dict) -> None:
    if "title" in values and not (values["title"] or "").strip():
        raise RuleViolation("Aktiviteten måste ha en titel.", "The activity needs a title.")
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:
        raise RuleViolation("Slutdatum kan inte vara före startdatum.", "The end date cannot be before the start date.")
    progress = values.get("progress")
    if progress is not None and not 0 <= int(progress) <= 100:
        raise RuleViolation("Framsteg anges i procent, 0–100.", "Progress is a percentage, 0–100.")


def add_activity(session: Session, plan_id: int, values: dict, goal_ids=(), activity_id: int | None = None,
                 position: int | None = None) -> int:
    _get(session, plan_id)
    _check_activity({"title": values.get("title", ""), **values})
    if position is None:
        position = next_position(session, Activity.position, Activity.plan_id == plan_id)
    activity = Activity(id=activity_id, plan_id=plan_id, position=position,
                        **{k: v for k, v in values.items() if k in ACTIVITY_FIELDS})
    add(session, "activity", activity, activity.title)
    _set_goals(session, activity.id, goal_ids)
    return activity.id


def update_activity(session: Session, activity_id: int, values: dict) -> dict:
    """Change fields and/or the linked goals (key "goal_ids"); returns the old values."""
    activity = _get_activity(session, activity_id)
    current = {k: getattr(activity, k) for k in ACTIVITY_FIELDS}
    _check_activity({**current, **values})
    old = {k: current[k] for k in values if k != "goal_ids"}
    if "goal_ids" in values:
        old["goal_ids"] = _goal_ids(session, activity_id)
        _set_goals(session, activity_id, values["goal_ids"])
    for name, value in values.items():
        if name != "goal_ids":
            setattr(activity, name, value)
    audit.record_changes(session, "activity", activity_id,
                         {k: _plain(v) for k, v in old.items()}, {k: _plain(v) for k, v in values.items()})
    session.flush()
    return old


def _plain(value):
    return ", ".join(map(str, value)) if isinstance(value, tuple | list) else value


def _get_activity(session: Session, activity_id: int) -> Activity:
    return get_or_refuse(session, Activity, activity_id, "Aktiviteten finns inte längre.",
                         "The activity no longer exists.")


def delete_activity(session: Session, activity_id: int) -> ActivitySnapshot:
    activity = _get_activity(session, activity_id)
    snapshot = ActivitySnapshot(activity.id, activity.plan_id, activity.position,
                                {k: getattr(activity, k) for k in ACTIVITY_FIELDS}, _goal_ids(session, activity_id))
    audit.record(session, AuditAction.DELETE, "activity", activity_id, old=audit.row_content(activity),
                 summary=activity.title)
    session.delete(activity)
    session.flush()
    return snapshot


def restore_activity(session: Session, snapshot: ActivitySnapshot) -> None:
    add_activity(session, snapshot.plan_id, snapshot.values, snapshot.goal_ids, snapshot.id, snapshot.position)


def steering_unit_ids(session: Session, unit_id: int) -> list[int]:
    """The unit and its ancestors up to and including its nämnd (or styrelse)."""
    ids = []
    unit = session.get(OrgUnit, unit_id)
    while unit is not None:
        ids.append(unit.id)
        if unit.kind in STEERING_KINDS:
            break
        unit = unit.parent
    return ids


def owner_goals(session: Session, unit_id: int) -> list[GoalRef]:
    """The mål and delmål a unit's plan answers to: those owned by the unit or by the bodies
    above it up to its nämnd (so a vårdcentral's plan answers to primärvården's and HSN's goals)."""
    rows = session.execute(
        sa.select(Goal.id, Goal.code, Goal.title, OrgUnit.name).join(OrgUnit, OrgUnit.id == Goal.owner_unit_id)
        .where(Goal.owner_unit_id.in_(steering_unit_ids(session, unit_id)),
               Goal.level.in_((GoalLevel.GOAL, GoalLevel.SUB_GOAL)))
        .order_by(Goal.code)
    )
    return [GoalRef(i, c or "", t, n) for i, c, t, n in rows]


def uncovered_goals(session: Session, plan_id: int) -> list[GoalRef]:
    """The owner's goals that no activity in the plan is linked to yet."""
    plan = _get(session, plan_id)
    covered = set(session.execute(
        sa.select(activity_goal.c.goal_id).join(Activity, Activity.id == activity_goal.c.activity_id)
        .where(Activity.plan_id == plan_id)).scalars())
    return [g for g in owner_goals(session, plan.unit_id) if g.id not in covered]


def planning_units(session: Session) -> list[tuple[int, str]]:
    """Units that may have a plan: nämnder, förvaltningar, verksamheter and enheter."""
    kinds = (UnitKind.EXECUTIVE_BOARD, UnitKind.COMMITTEE, UnitKind.ADMINISTRATION, UnitKind.SERVICE_AREA,
             UnitKind.UNIT)
    return [tuple(r) for r in session.execute(
        sa.select(OrgUnit.id, OrgUnit.name).where(OrgUnit.kind.in_(kinds)).order_by(OrgUnit.code))]
