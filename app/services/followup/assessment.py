"""Bedömning, analys och åtgärder, dialogmöten, and what the follow-up view warns about.

Tillitsbaserad styrning: numbers are not the whole story. A person may set a goal's status by
hand (with a justification, marked as manual), write the analysis and the actions per goal and
unit, record dialogue meetings with a unit or provider, and cite those meetings from the
assessment. Every change is audited in the caller's transaction and returns what undo needs."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, replace

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import (
    Assessment,
    AuditAction,
    DialogueMeeting,
    Goal,
    GoalIndicator,
    Indicator,
    OrgUnit,
    Period,
    Result,
    Status,
    UnitKind,
)
from app.models.enums import PeriodKind
from app.models.errors import RuleViolation, StyrkortError
from app.models.followup import assessment_meeting, dialogue_meeting_goal
from app.services.followup.periods import parse_period, require_period
from app.services.followup.status import units_in_scope
from app.services.organisation.units import unit_by_code
from app.services.platform import audit
from app.services.platform.trees import depth_first


def period_id(session: Session, period_code: str) -> int:
    return require_period(session, period_code).id


# --- assessments ---------------------------------------------------------------------------

@dataclass(frozen=True)
class AssessmentData:
    """What a planner writes about a goal, for a unit (None: the whole organisation) and period."""

    manual_status: Status | None = None  # None: the computed status stands
    justification: str = ""
    analysis: str = ""
    actions: str = ""
    meeting_ids: tuple[int, ...] = ()
    author: str | None = None
    assessed_at: dt.datetime | None = None

    def is_empty(self) -> bool:
        return (self.manual_status is None and not self.justification.strip() and not self.analysis.strip()
                and not self.actions.strip() and not self.meeting_ids)


def _find_assessment(session: Session, goal_id: int, unit_id: int | None, period: int) -> Assessment | None:
    return session.execute(sa.select(Assessment).where(
        Assessment.goal_id == goal_id, Assessment.period_id == period,
        Assessment.unit_id.is_(None) if unit_id is None else Assessment.unit_id == unit_id)).scalar_one_or_none()


def _cited(session: Session, assessment_id: int) -> tuple[int, ...]:
    return tuple(session.execute(sa.select(assessment_meeting.c.meeting_id).where(
        assessment_meeting.c.assessment_id == assessment_id).order_by(assessment_meeting.c.meeting_id)).scalars())


def get_assessment(session: Session, goal_id: int, unit_id: int | None, period_code: str) -> AssessmentData | None:
    row = _find_assessment(session, goal_id, unit_id, period_id(session, period_code))
    if row is None:
        return None
    return AssessmentData(row.status if row.manual else None, row.justification, row.analysis, row.actions,
                          _cited(session, row.id), row.author, row.assessed_at)


def check_assessment(data: AssessmentData | None) -> None:
    if data is not None and data.manual_status is not None and not data.justification.strip():
        raise RuleViolation("En manuell bedömning måste motiveras.", "A manual assessment needs a justification.")


def save_assessment(session: Session, goal_id: int, unit_id: int | None, period_code: str,
                    data: AssessmentData | None, *, stamp: bool = True) -> AssessmentData | None:
    """Write (or with None / empty data remove) an assessment; returns the previous one for undo.
    A manual status needs a justification. `stamp` sets author and time to now (a new edit);
    undo passes False to put back the previous author and time."""
    check_assessment(data)
    if session.get(Goal, goal_id) is None:
        raise StyrkortError("Målet finns inte längre.", "The goal no longer exists.")
    period = period_id(session, period_code)
    old = get_assessment(session, goal_id, unit_id, period_code)
    row = _find_assessment(session, goal_id, unit_id, period)
    if data is None or data.is_empty():
        if row is not None:
            content = audit.row_content(row)
            session.delete(row)
            session.flush()
            audit.record(session, AuditAction.DELETE, "assessment", row.id, old=content,
                         summary=f"Bedömning mål {goal_id}")
        return old
    if stamp:
        data = replace(data, author=audit.current_user(), assessed_at=dt.datetime.now().replace(microsecond=0))
    created = row is None
    if row is None:
        row = Assessment(goal_id=goal_id, unit_id=unit_id, period_id=period)
        session.add(row)
    row.manual = data.manual_status is not None
    row.status = data.manual_status or Status.NOT_ASSESSED
    row.justification = data.justification.strip()
    row.analysis = data.analysis
    row.actions = data.actions
    row.author = data.author
    row.assessed_at = data.assessed_at
    session.flush()
    session.execute(sa.delete(assessment_meeting).where(assessment_meeting.c.assessment_id == row.id))
    if data.meeting_ids:
        session.execute(assessment_meeting.insert(),
                        [{"assessment_id": row.id, "meeting_id": m} for m in data.meeting_ids])
    before = {} if old is None else _audit_fields(old)
    if created:
        audit.record(session, AuditAction.CREATE, "assessment", row.id, summary=f"Bedömning mål {goal_id}")
    audit.record_changes(session, "assessment", row.id, before, _audit_fields(data))
    return old


def _audit_fields(data: AssessmentData) -> dict[str, object]:
    return {"manual_status": data.manual_status, "justification": data.justification, "analysis": data.analysis,
            "actions": data.actions, "meetings": ",".join(map(str, data.meeting_ids))}


@dataclass(frozen=True)
class AssessmentRow:
    """An assessment as the follow-up view lists it: whose, by whom, when."""

    goal_id: int
    unit_id: int | None
    unit_name: str
    manual_status: Status | None
    justification: str
    analysis: str
    actions: str
    author: str | None
    assessed_at: dt.datetime | None
    meeting_ids: tuple[int, ...] = ()


def assessments_for_goal(session: Session, goal_id: int, period_code: str) -> list[AssessmentRow]:
    """Every unit's analysis and actions for a goal in a period (the organisation's first)."""
    period = period_id(session, period_code)
    rows = session.execute(
        sa.select(Assessment, OrgUnit.name).outerjoin(OrgUnit, OrgUnit.id == Assessment.unit_id)
        .where(Assessment.goal_id == goal_id, Assessment.period_id == period)
        .order_by(Assessment.unit_id.is_not(None), OrgUnit.position, OrgUnit.name)).all()
    return [AssessmentRow(a.goal_id, a.unit_id, name or "", a.status if a.manual else None, a.justification,
                          a.analysis, a.actions, a.author, a.assessed_at, _cited(session, a.id))
            for a, name in rows]


# --- dialogue meetings ---------------------------------------------------------------------

@dataclass(frozen=True)
class MeetingData:
    unit_id: int
    held_on: dt.date
    period_code: str | None = None
    participants: str = ""
    learnings: str = ""
    agreed_actions: str = ""
    goal_ids: tuple[int, ...] = ()
    id: int | None = None
    unit_name: str = field(default="", compare=False)


def check_meeting(data: MeetingData) -> None:
    if not data.learnings.strip() and not data.agreed_actions.strip():
        raise RuleViolation("Skriv vad ni lärde er eller vad ni kom överens om.",
                            "Write what was learned or what was agreed.")


def add_meeting(session: Session, data: MeetingData) -> int:
    """Record a dialogue meeting; returns its id. With `data.id` set (redo after undo) the
    meeting gets that id back, so assessments citing it stay valid."""
    check_meeting(data)
    if session.get(OrgUnit, data.unit_id) is None:
        raise StyrkortError("Enheten finns inte längre.", "The unit no longer exists.")
    meeting = DialogueMeeting(
        id=data.id, unit_id=data.unit_id, held_on=data.held_on,
        period_id=period_id(session, data.period_code) if data.period_code else None,
        participants=data.participants, learnings=data.learnings, agreed_actions=data.agreed_actions)
    session.add(meeting)
    session.flush()
    if data.goal_ids:
        session.execute(dialogue_meeting_goal.insert(),
                        [{"meeting_id": meeting.id, "goal_id": g} for g in data.goal_ids])
    audit.record(session, AuditAction.CREATE, "dialogue_meeting", meeting.id,
                 summary=f"Dialogmöte {data.held_on.isoformat()}")
    return meeting.id


def delete_meeting(session: Session, meeting_id: int) -> MeetingData:
    """Remove a meeting; returns it (with its id) so that undo can put it back."""
    found = get_meeting(session, meeting_id)
    session.execute(sa.delete(DialogueMeeting).where(DialogueMeeting.id == meeting_id))
    audit.record(session, AuditAction.DELETE, "dialogue_meeting", meeting_id, old=audit.row_content(asdict(found)),
                 summary=f"Dialogmöte {found.held_on.isoformat()}")
    return found


def _meeting_data(session: Session, meeting: DialogueMeeting, unit_name: str) -> MeetingData:
    goals = tuple(session.execute(sa.select(dialogue_meeting_goal.c.goal_id).where(
        dialogue_meeting_goal.c.meeting_id == meeting.id).order_by(dialogue_meeting_goal.c.goal_id)).scalars())
    code = session.execute(sa.select(Period.code).where(Period.id == meeting.period_id)).scalar()
    return MeetingData(meeting.unit_id, meeting.held_on, code, meeting.participants, meeting.learnings,
                       meeting.agreed_actions, goals, meeting.id, unit_name)


def get_meeting(session: Session, meeting_id: int) -> MeetingData:
    meeting = session.get(DialogueMeeting, meeting_id)
    if meeting is None:
        raise StyrkortError("Dialogmötet finns inte längre.", "The dialogue meeting no longer exists.")
    unit = session.get(OrgUnit, meeting.unit_id)
    return _meeting_data(session, meeting, unit.name if unit else "")


def meetings_for_goal(session: Session, goal_id: int, period_code: str | None = None) -> list[MeetingData]:
    """Meetings held about a goal (and, given a period, about that period or none in particular)."""
    query = (sa.select(DialogueMeeting, OrgUnit.name).join(OrgUnit, OrgUnit.id == DialogueMeeting.unit_id)
             .join(dialogue_meeting_goal, dialogue_meeting_goal.c.meeting_id == DialogueMeeting.id)
             .where(dialogue_meeting_goal.c.goal_id == goal_id)
             .order_by(DialogueMeeting.held_on.desc(), DialogueMeeting.id))
    if period_code is not None:
        query = query.where(sa.or_(DialogueMeeting.period_id.is_(None),
                                   DialogueMeeting.period_id == period_id(session, period_code)))
    return [_meeting_data(session, m, name) for m, name in session.execute(query).all()]


# --- what needs attention ------------------------------------------------------------------

@dataclass(frozen=True)
class ThinGoal:
    goal_id: int
    code: str | None
    title: str
    indicator_count: int


def goals_with_few_indicators(session: Session, at_most: int = 1) -> list[ThinGoal]:
    """Goals resting on `at_most` indicators or fewer, counting their own and their sub-goals'
    (a goal with sub-goals rests on them too)."""
    parents = dict(tuple(r) for r in session.execute(sa.select(Goal.id, Goal.parent_id)).all())
    own: dict[int, set[int]] = {g: set() for g in parents}
    for goal_id, indicator_id in session.execute(sa.select(GoalIndicator.goal_id, GoalIndicator.indicator_id)):
        own[goal_id].add(indicator_id)
    total = {g: set(s) for g, s in own.items()}
    for goal_id, indicators in own.items():
        parent = parents.get(goal_id)
        while parent is not None:
            total[parent] |= indicators
            parent = parents.get(parent)
    thin = {g for g, s in total.items() if len(s) <= at_most}
    rows = session.execute(sa.select(Goal.id, Goal.code, Goal.title).where(Goal.id.in_(thin))
                           .order_by(Goal.code, Goal.id)).all()
    return [ThinGoal(r[0], r[1], r[2], len(total[r[0]])) for r in rows]


@dataclass(frozen=True)
class MissingReport:
    unit_id: int
    unit_name: str
    provider_type: object
    missing_codes: tuple[str, ...]


def providers_not_reported(session: Session, period_code: str, scope_unit_id: int | None = None) -> list[MissingReport]:
    """Units (egen regi and externa utförare) that lack a result for the period on an indicator
    that other units of the same verksamhet did report."""
    period = period_id(session, period_code)
    end = session.execute(sa.select(Period.end_date).where(Period.id == period)).scalar()
    scope = set(units_in_scope(session, scope_unit_id, end))  # the organisation of the period
    units = session.execute(sa.select(OrgUnit.id, OrgUnit.name, OrgUnit.provider_type, OrgUnit.service_area)
                            .where(OrgUnit.kind == UnitKind.UNIT, OrgUnit.service_area.is_not(None))
                            .order_by(OrgUnit.position, OrgUnit.name)).all()
    area = {u.id: u.service_area for u in units}
    reported: dict[int, set[int]] = {}
    expected: dict[str, set[int]] = {}
    for indicator_id, unit_id in session.execute(
        sa.select(Result.indicator_id, Result.unit_id).where(Result.period_id == period,
                                                             Result.value.is_not(None))
    ):
        reported.setdefault(unit_id, set()).add(indicator_id)
        if unit_id in area:
            expected.setdefault(area[unit_id], set()).add(indicator_id)
    codes = dict(tuple(r) for r in session.execute(sa.select(Indicator.id, Indicator.code)).all())
    found = []
    for u in units:
        if u.id not in scope:
            continue
        missing = expected.get(u.service_area, set()) - reported.get(u.id, set())
        if missing:
            found.append(MissingReport(u.id, u.name, u.provider_type, tuple(sorted(codes[i] for i in missing))))
    return found


# --- what the follow-up view lists ----------------------------------------------------------

def goal_rows(session: Session) -> list[tuple[int, int | None, str, str | None, str]]:
    """Every goal as (id, parent id, title, code, level), parents before children, in tree order."""
    rows = session.execute(sa.select(Goal.id, Goal.parent_id, Goal.title, Goal.code, Goal.level)
                           .order_by(Goal.position, Goal.id)).all()
    return [(r.id, r.parent_id, r.title, r.code, r.level.value) for r, _depth in depth_first(rows)]


def scope_options(session: Session) -> list[tuple[int, str, int]]:
    """Units a follow-up can be scoped to, as (id, name, depth) in tree order; no reference areas."""
    rows = session.execute(sa.select(OrgUnit.id, OrgUnit.parent_id, OrgUnit.name)
                           .where(OrgUnit.kind != UnitKind.REFERENCE).order_by(OrgUnit.position, OrgUnit.id)).all()
    return [(r.id, r.name, depth) for r, depth in depth_first(rows)]


def indicators_of_goal(session: Session, goal_id: int | None) -> list[tuple[int, str, str]]:
    """(id, code, name) of the goal's indicators and its sub-goals' (all indicators for None)."""
    query = sa.select(Indicator.id, Indicator.code, Indicator.name).order_by(Indicator.code)
    if goal_id is not None:
        # Walk down from the goal (walking up from each of 10 000 goals cost ten times more).
        children: dict[int | None, list[int]] = {}
        for child, parent in session.execute(sa.select(Goal.id, Goal.parent_id)):
            children.setdefault(parent, []).append(child)
        subtree, stack = set(), [goal_id]
        while stack:
            current = stack.pop()
            if current not in subtree:
                subtree.add(current)
                stack.extend(children.get(current, ()))
        query = query.where(Indicator.id.in_(sa.select(GoalIndicator.indicator_id)
                                             .where(GoalIndicator.goal_id.in_(subtree))))
    return [tuple(r) for r in session.execute(query).all()]




def status_report(session: Session, period_code: str, scope_code: str | None = None,
                  rule: str | None = None, goal_code: str | None = None) -> list[str]:
    """The follow-up as text for the command line: each goal's status (indented by depth), or
    with `goal_code` the "why this status" lines of that goal. Rule: stored choice by default."""
    from app.services.followup.status import RollupRule, compute_follow_up, explain, rollup_rule

    scope_id = None
    if scope_code:
        scope_id = unit_by_code(session, scope_code).id
    try:
        chosen = RollupRule(rule) if rule else rollup_rule(session)
    except ValueError:
        raise StyrkortError(f"Okänd regel {rule}; välj {', '.join(r.value for r in RollupRule)}.",
                            f"Unknown rule {rule}; choose {', '.join(r.value for r in RollupRule)}.") from None
    follow_up = compute_follow_up(session, period_code, scope_id, chosen)
    rows = goal_rows(session)
    titles = {gid: f"{code} {title}" if code else title for gid, _p, title, code, _l in rows}
    if goal_code:
        goal = next((gid for gid, _p, _t, code, _l in rows if code == goal_code), None)
        if goal is None:
            raise StyrkortError(f"Inget mål har koden {goal_code}.", f"No goal has the code {goal_code}.")
        return explain(follow_up, goal, titles)
    forecasts = None
    if parse_period(period_code).kind is PeriodKind.CUMULATIVE:
        from app.services.followup.forecast import part_year_follow_up

        forecasts = part_year_follow_up(session, period_code, scope_id, chosen)
    depth: dict[int, int] = {}
    lines = []
    for gid, parent, _title, _code, _level in rows:
        depth[gid] = 0 if parent is None else depth[parent] + 1
        outcome = follow_up.goals[gid]
        manual = " (manuell)" if outcome.manual else ""
        ahead = f"; helår: {forecasts.forecasts[gid].forecast.label('sv').lower()}" if forecasts else ""
        lines.append(f"{'  ' * depth[gid]}{titles[gid]}: {outcome.status.label('sv')}{manual}{ahead}")
    counts = follow_up.counts()
    lines.append(", ".join(f"{s.label('sv')}: {n}" for s, n in counts.items()))
    if forecasts:
        lines.append("Prognos helår " + ", ".join(f"{f.label('sv').lower()}: {n}"
                                                  for f, n in forecasts.counts().items()))
    return lines


def contract_warning(session: Session, contract_end: dt.date | None) -> tuple[str, dt.date] | None:
    """(period code, end date) when a contract ends within the period being followed up (the
    default follow-up period: the latest year with results); None otherwise."""
    if contract_end is None:
        return None
    from app.models import Period
    from app.services.followup.periods import default_period
    from app.services.organisation.editing import contract_ends_within

    code = default_period(session)
    if code is None:
        return None
    start, end = session.execute(sa.select(Period.start_date, Period.end_date).where(Period.code == code)).one()
    return (code, contract_end) if contract_ends_within(contract_end, start, end) else None
