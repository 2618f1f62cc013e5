"""Goal fulfilment: each result against its target, rolled up through the goal tree.

The rules, with worked examples, are in docs/follow-up.md: result status by direction and
tolerance; scope value = mean over the units in scope (reference areas excluded); roll-up
`WEIGHTED_SHARE` (default; uppfyllt 1, delvis ½, ej 0; ≥ 0.75 uppfyllt, ≥ 0.40 delvis) or
`WORST`; a manual assessment replaces the computed status of its goal, and parents roll it up.
`refresh_indicator` updates a computed `FollowUp` after one indicator's results or targets
changed, touching only the goals that link it and their ancestors.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import (
    Assessment,
    Direction,
    Gender,
    Goal,
    GoalIndicator,
    Indicator,
    OrgUnit,
    Period,
    Result,
    Status,
    ToleranceKind,
    UnitKind,
)
from app.services.followup.periods import parse_period, previous_comparable, require_period
from app.services.followup.targets import targets_for
from app.services.platform import swedish

MET_THRESHOLD = 0.75
PARTLY_THRESHOLD = 0.40
_SCORE = {Status.MET: 1.0, Status.PARTLY_MET: 0.5, Status.NOT_MET: 0.0}
_SEVERITY = {Status.MET: 0, Status.PARTLY_MET: 1, Status.NOT_MET: 2}
_BY_SEVERITY = {v: k for k, v in _SEVERITY.items()}
_EPSILON = 1e-9


class RollupRule(enum.StrEnum):
    WEIGHTED_SHARE = "weighted_share"
    WORST = "worst"


class Trend(enum.StrEnum):
    IMPROVING = "improving"
    UNCHANGED = "unchanged"
    WORSENING = "worsening"


def tolerance_amount(target: float, tolerance: float, kind: ToleranceKind) -> float:
    return abs(target) * tolerance / 100.0 if kind is ToleranceKind.PERCENT else tolerance


def result_status(value: float | None, target: float | None, direction: Direction, tolerance: float,
                  tolerance_kind: ToleranceKind) -> Status:
    """One value against one target."""
    if value is None or target is None:
        return Status.NOT_ASSESSED
    gap = value - target if direction is Direction.HIGHER_BETTER else target - value
    if gap >= -_EPSILON:
        return Status.MET
    if gap >= -tolerance_amount(target, tolerance, tolerance_kind) - _EPSILON:
        return Status.PARTLY_MET
    return Status.NOT_MET


def trend(value: float | None, previous: float | None, direction: Direction, decimals: int) -> Trend | None:
    """Better, worse or unchanged (at the indicator's shown precision) than the previous value."""
    if value is None or previous is None:
        return None
    delta = round(value - previous, decimals)
    if delta == 0:
        return Trend.UNCHANGED
    better = delta > 0 if direction is Direction.HIGHER_BETTER else delta < 0
    return Trend.IMPROVING if better else Trend.WORSENING


def combine(inputs: list[tuple[Status, float]], rule: RollupRule) -> tuple[Status, float | None]:
    """Roll assessed inputs (status, weight) up into one status and, for the share rule, a score."""
    # One plain loop: this runs once per goal, 10 000 times per follow-up.
    total = weighted = 0.0
    worst = -1
    for status, weight in inputs:
        if status is Status.NOT_ASSESSED or weight <= 0:
            continue
        total += weight
        weighted += _SCORE[status] * weight
        severity = _SEVERITY[status]
        if severity > worst:
            worst = severity
    if worst < 0:
        return Status.NOT_ASSESSED, None
    if rule is RollupRule.WORST:
        return _BY_SEVERITY[worst], None
    score = weighted / total
    if score >= MET_THRESHOLD - _EPSILON:
        return Status.MET, score
    if score >= PARTLY_THRESHOLD - _EPSILON:
        return Status.PARTLY_MET, score
    return Status.NOT_MET, score


@dataclass
class IndicatorOutcome:
    """An indicator in a scope and period: what a planner reads in the follow-up."""

    indicator_id: int
    code: str
    name: str
    unit_of_measure: str
    decimals: int
    direction: Direction
    weight: float
    value: float | None
    target: float | None
    previous: float | None
    status: Status
    trend: Trend | None
    units_reporting: int


@dataclass
class GoalOutcome:
    goal_id: int
    status: Status
    computed_status: Status
    score: float | None
    manual: bool
    justification: str
    indicators: list[IndicatorOutcome] = field(default_factory=list)
    child_ids: list[int] = field(default_factory=list)


@dataclass
class FollowUp:
    """Statuses of every goal for one period and scope, with what each one rests on."""

    period_code: str
    scope_unit_id: int | None
    rule: RollupRule
    goals: dict[int, GoalOutcome]
    # What an incremental refresh needs; not part of what a report shows.
    period_id: int | None = None
    previous_period_id: int | None = None
    unit_ids: list[int] = field(default_factory=list)
    parents: dict[int, int | None] = field(default_factory=dict)
    goals_by_indicator: dict[int, list[int]] = field(default_factory=dict)

    def counts(self) -> dict[Status, int]:
        tally = dict.fromkeys(Status, 0)
        for outcome in self.goals.values():
            tally[outcome.status] += 1
        return tally


def units_in_scope(session: Session, scope_unit_id: int | None) -> list[int]:
    """The scope unit and every unit below it; the whole organisation for None. Never reference areas."""
    rows = session.execute(sa.select(OrgUnit.id, OrgUnit.parent_id, OrgUnit.kind)).all()
    if scope_unit_id is None:
        return [r.id for r in rows if r.kind is not UnitKind.REFERENCE]
    children: dict[int | None, list[int]] = defaultdict(list)
    for r in rows:
        children[r.parent_id].append(r.id)
    found, stack = [], [scope_unit_id]
    while stack:
        unit_id = stack.pop()
        found.append(unit_id)
        stack.extend(children[unit_id])
    kinds = {r.id: r.kind for r in rows}
    return [u for u in found if kinds.get(u) is not UnitKind.REFERENCE]


def _period_id(session: Session, code: str) -> int | None:
    return session.execute(sa.select(Period.id).where(Period.code == code)).scalar()


def _scope_values(session: Session, period_id: int | None, unit_ids: list[int]) -> dict[int, tuple[float, int]]:
    """indicator id → (mean value over reporting units, number of units reporting)."""
    if period_id is None:
        return {}
    r = Result.__table__.c
    # Core on the session's connection: the ORM layer would cost more than the query. The
    # covering index ix_result_period_indicator answers it without touching the table.
    rows = session.connection().execute(
        sa.select(r.indicator_id, sa.func.avg(r.value), sa.func.count(r.value))
        .where(r.period_id == period_id, r.gender == Gender.TOTAL.value, r.value.is_not(None),
               r.unit_id.in_(unit_ids))
        .group_by(r.indicator_id)
    )
    return {row[0]: (float(row[1]), int(row[2])) for row in rows}


def _indicator_outcome(ind: _IndicatorRule, weight: float, value_reporting: tuple[float, int] | None,
                       previous: tuple[float, int] | None, target: float | None) -> IndicatorOutcome:
    value, reporting = value_reporting or (None, 0)
    previous_value = previous[0] if previous else None
    return IndicatorOutcome(
        ind.id, ind.code, ind.name, ind.unit_of_measure, ind.decimals, ind.direction, weight,
        value, target, previous_value,
        result_status(value, target, ind.direction, ind.tolerance, ind.tolerance_kind),
        trend(value, previous_value, ind.direction, ind.decimals), reporting,
    )


@dataclass(slots=True)
class _IndicatorRule:
    id: int
    code: str
    name: str
    unit_of_measure: str
    decimals: int
    direction: Direction
    tolerance: float
    tolerance_kind: ToleranceKind


def _indicator_rules(session: Session, indicator_ids: list[int] | None = None) -> dict[int, _IndicatorRule]:
    # Core rows, not ORM objects: thousands of indicators load in milliseconds.
    t = Indicator.__table__
    query = sa.select(t.c.id, t.c.code, t.c.name, t.c.unit_of_measure, t.c.decimals, t.c.direction,
                      t.c.tolerance, t.c.tolerance_kind)
    if indicator_ids is not None:
        query = query.where(t.c.id.in_(indicator_ids))
    return {r[0]: _IndicatorRule(r[0], r[1], r[2], r[3], r[4], Direction(r[5]), r[6], ToleranceKind(r[7]))
            for r in session.execute(query)}


def compute_follow_up(session: Session, period_code: str, scope_unit_id: int | None = None,
                      rule: RollupRule = RollupRule.WEIGHTED_SHARE) -> FollowUp:
    """Every goal's status for a period and scope (None: the whole organisation)."""
    spec = parse_period(period_code)
    period_id = require_period(session, spec.code).id
    previous_id = _period_id(session, previous_comparable(spec).code)
    unit_ids = units_in_scope(session, scope_unit_id)
    values = _scope_values(session, period_id, unit_ids)
    previous_values = _scope_values(session, previous_id, unit_ids)
    targets = targets_for(session, period_id, units=[scope_unit_id] if scope_unit_id else []).for_scope(scope_unit_id)
    indicators = _indicator_rules(session)
    conn = session.connection()
    gi, g = GoalIndicator.__table__.c, Goal.__table__.c
    links: dict[int, list[tuple[int, float]]] = defaultdict(list)
    goals_by_indicator: dict[int, list[int]] = defaultdict(list)
    for goal_id, indicator_id, weight in conn.execute(
        sa.select(gi.goal_id, gi.indicator_id, gi.weight).order_by(gi.goal_id, gi.position)
    ):
        links[goal_id].append((indicator_id, weight))
        goals_by_indicator[indicator_id].append(goal_id)
    manual = _manual_assessments(session, period_id, scope_unit_id)
    children: dict[int | None, list[int]] = defaultdict(list)
    parents: dict[int, int | None] = {}
    for goal_id, parent_id in conn.execute(sa.select(g.id, g.parent_id).order_by(g.position, g.id)):
        children[parent_id].append(goal_id)
        parents[goal_id] = parent_id

    # An indicator linked to many goals is rated once (per weight); outcomes are never mutated.
    rated: dict[tuple[int, float], IndicatorOutcome] = {}

    def rate(indicator_id: int, weight: float) -> IndicatorOutcome:
        found = rated.get((indicator_id, weight))
        if found is None:
            found = rated[(indicator_id, weight)] = _indicator_outcome(
                indicators[indicator_id], weight, values.get(indicator_id), previous_values.get(indicator_id),
                targets.get(indicator_id))
        return found

    outcomes: dict[int, GoalOutcome] = {}
    # Children before parents without recursion: a deep tree must not hit Python's stack limit.
    order: list[int] = []
    stack = list(children[None])
    while stack:
        goal_id = stack.pop()
        order.append(goal_id)
        stack.extend(children[goal_id])
    for goal_id in reversed(order):
        measured = [rate(i, w) for i, w in links[goal_id]]
        outcomes[goal_id] = _goal_outcome(goal_id, measured, children[goal_id], outcomes, manual.get(goal_id), rule)
    return FollowUp(spec.code, scope_unit_id, rule, outcomes, period_id, previous_id, unit_ids, parents,
                    dict(goals_by_indicator))


def _manual_assessments(session: Session, period_id: int, scope_unit_id: int | None) -> dict[int, tuple]:
    query = sa.select(Assessment.goal_id, Assessment.status, Assessment.justification).where(
        Assessment.period_id == period_id, Assessment.manual.is_(True),
        Assessment.unit_id.is_(None) if scope_unit_id is None else Assessment.unit_id == scope_unit_id)
    return {r[0]: (r[1], r[2]) for r in session.execute(query)}


def _goal_outcome(goal_id: int, measured: list[IndicatorOutcome], child_ids: list[int],
                  outcomes: dict[int, GoalOutcome], override: tuple | None, rule: RollupRule) -> GoalOutcome:
    inputs = [(o.status, o.weight) for o in measured] + [(outcomes[c].status, 1.0) for c in child_ids]
    computed, score = combine(inputs, rule)
    return GoalOutcome(goal_id, override[0] if override else computed, computed, score, override is not None,
                       override[1] if override else "", measured, list(child_ids))


def refresh_indicator(session: Session, follow_up: FollowUp, indicator_id: int) -> set[int]:
    """Update `follow_up` in place after one indicator's results, targets or tolerance changed.

    Re-reads only that indicator's scope values (this period and the previous comparable one)
    and target, re-rates the goals that link it and walks up their ancestors while a status
    still changes. Returns the ids of goals whose outcome changed. The result equals a full
    `compute_follow_up` (tests/domain/test_followup_incremental.py checks it)."""
    if follow_up.period_id is None:
        return set()
    rules = _indicator_rules(session, [indicator_id])
    goal_ids = follow_up.goals_by_indicator.get(indicator_id, [])
    if indicator_id not in rules or not goal_ids:
        return set()
    ind = rules[indicator_id]

    def scope_value(period_id: int | None) -> tuple[float, int] | None:
        if period_id is None:
            return None
        row = session.execute(
            sa.select(sa.func.avg(Result.value), sa.func.count(Result.value))
            .where(Result.indicator_id == indicator_id, Result.period_id == period_id,
                   Result.gender == Gender.TOTAL, Result.value.is_not(None), Result.unit_id.in_(follow_up.unit_ids))
        ).one()
        return (float(row[0]), int(row[1])) if row[1] else None

    value = scope_value(follow_up.period_id)
    previous = scope_value(follow_up.previous_period_id)
    scope = follow_up.scope_unit_id
    target = targets_for(session, follow_up.period_id, units=[scope] if scope else [],
                         indicators=[indicator_id]).of(indicator_id, scope)
    changed: set[int] = set()
    pending: dict[int, None] = {}
    for goal_id in goal_ids:
        outcome = follow_up.goals[goal_id]
        measured = [_indicator_outcome(ind, o.weight, value, previous, target) if o.indicator_id == indicator_id
                    else o for o in outcome.indicators]
        if measured != outcome.indicators:
            pending[goal_id] = None
            changed.add(goal_id)
            outcome.indicators = measured
    while pending:
        goal_id = next(iter(pending))
        del pending[goal_id]
        old = follow_up.goals[goal_id]
        override = (old.status, old.justification) if old.manual else None
        new = _goal_outcome(goal_id, old.indicators, old.child_ids, follow_up.goals, override, follow_up.rule)
        if new == old:
            continue
        follow_up.goals[goal_id] = new
        changed.add(goal_id)
        parent = follow_up.parents.get(goal_id)
        if new.status is not old.status and parent is not None:
            pending[parent] = None
    return changed


def goal_trends(current: FollowUp, previous: FollowUp | None) -> dict[int, Trend | None]:
    """Each goal against the same goal in the previous comparable period: by score when both
    have one (weighted share), else by status; None when either is ej bedömt."""
    trends: dict[int, Trend | None] = {}
    for goal_id, now in current.goals.items():
        before = previous.goals.get(goal_id) if previous else None
        if before is None or Status.NOT_ASSESSED in (now.status, before.status):
            trends[goal_id] = None
            continue
        if now.score is not None and before.score is not None and not (now.manual or before.manual):
            delta = round(now.score - before.score, 2)
        else:
            delta = _SEVERITY[before.status] - _SEVERITY[now.status]
        trends[goal_id] = Trend.UNCHANGED if delta == 0 else Trend.IMPROVING if delta > 0 else Trend.WORSENING
    return trends


ROLLUP_RULE_SETTING = "rollup_rule"


def rollup_rule(session: Session) -> RollupRule:
    """The roll-up rule chosen for this database (db_setting), the default when none or unknown."""
    from app.services.platform.settings import get_setting

    try:
        return RollupRule(get_setting(session, ROLLUP_RULE_SETTING, RollupRule.WEIGHTED_SHARE.value))
    except ValueError:
        return RollupRule.WEIGHTED_SHARE


def set_rollup_rule(session: Session, rule: RollupRule) -> RollupRule:
    """Store the roll-up rule (audited); returns the previous one, for undo."""
    from app.models import AuditAction
    from app.services.platform import audit
    from app.services.platform.settings import set_setting

    old = rollup_rule(session)
    if old is not rule:
        set_setting(session, ROLLUP_RULE_SETTING, rule.value)
        audit.record(session, AuditAction.UPDATE, "db_setting", None, field=ROLLUP_RULE_SETTING,
                     old=old.value, new=rule.value)
    return old


def explain(follow_up: FollowUp, goal_id: int, titles: dict[int, str], language: str = "sv") -> list[str]:
    """"Why this status": the chain of indicators, values, targets and the rule, as readable lines."""
    outcome = follow_up.goals[goal_id]
    lines = [f"{titles.get(goal_id, goal_id)}: {outcome.status.label(language)}"]
    if outcome.manual:
        lines.append(("Manuell bedömning: " if language == "sv" else "Manual assessment: ")
                     + outcome.justification)
        lines.append(("Beräknad status hade varit: " if language == "sv" else "The computed status would be: ")
                     + outcome.computed_status.label(language))
    def shown(value: float | None, decimals: int) -> str:
        if language == "sv":
            return swedish.number(value, decimals)
        return "–" if value is None else f"{value:.{decimals}f}"

    for o in outcome.indicators:
        value, target = shown(o.value, o.decimals), shown(o.target, o.decimals)
        lines.append(f"  {o.code} {o.name}: {value} / {target} {o.unit_of_measure} → {o.status.label(language)}")
    for child in outcome.child_ids:
        lines.append(f"  {titles.get(child, child)}: {follow_up.goals[child].status.label(language)}")
    rule_text = {
        RollupRule.WEIGHTED_SHARE: ("Regel: viktad andel uppfyllt (uppfyllt ≥ 75 %, delvis ≥ 40 %)",
                                    "Rule: weighted share met (met ≥ 75 %, partly ≥ 40 %)"),
        RollupRule.WORST: ("Regel: sämsta underliggande status", "Rule: worst underlying status"),
    }[follow_up.rule]
    score = "" if outcome.score is None else f", {shown(outcome.score * 100, 0)} %"
    lines.append((rule_text[0] if language == "sv" else rule_text[1]) + score)
    return lines
