"""Goal fulfilment: each result against its target, rolled up through the goal tree.

Rules (also in docs/follow-up.md):

* **Result status.** With direction *higher is better*: value ≥ target → uppfyllt; value ≥
  target − tolerance → delvis uppfyllt; else ej uppfyllt (mirrored for *lower is better*). The
  tolerance is absolute, or a percentage of the target. No value or no target → ej bedömt.
* **Scope value.** For a unit with units below it, and for the whole organisation, an
  indicator's value is the mean of the values of the units in scope (reference areas such as
  Riket excluded); the target is the scope unit's own target, else the target for all units.
* **Roll-up** (default, `WEIGHTED_SHARE`): a goal's inputs are its linked indicators (with their
  weights) and its child goals (weight 1). Uppfyllt counts 1, delvis ½, ej uppfyllt 0; inputs
  that are ej bedömt are left out. Score ≥ 0.75 → uppfyllt, ≥ 0.40 → delvis uppfyllt, else ej
  uppfyllt; no assessed input → ej bedömt. Alternative (`WORST`): the worst assessed input.
* **Manual assessment.** A person's status on a goal (with a justification) replaces the
  computed one for that goal, scope and period, and its parents roll up the manual status.
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
    Target,
    ToleranceKind,
    UnitKind,
)
from app.models.errors import StyrkortError
from app.services.periods import parse_period, previous_comparable

MET_THRESHOLD = 0.75
PARTLY_THRESHOLD = 0.40
_SCORE = {Status.MET: 1.0, Status.PARTLY_MET: 0.5, Status.NOT_MET: 0.0}
_SEVERITY = {Status.MET: 0, Status.PARTLY_MET: 1, Status.NOT_MET: 2}
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
    assessed = [(s, w) for s, w in inputs if s is not Status.NOT_ASSESSED and w > 0]
    if not assessed:
        return Status.NOT_ASSESSED, None
    if rule is RollupRule.WORST:
        return max((s for s, _ in assessed), key=_SEVERITY.__getitem__), None
    score = sum(_SCORE[s] * w for s, w in assessed) / sum(w for _, w in assessed)
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
    rows = session.execute(
        sa.select(Result.indicator_id, sa.func.avg(Result.value), sa.func.count(Result.value))
        .where(Result.period_id == period_id, Result.gender == Gender.TOTAL, Result.value.is_not(None),
               Result.unit_id.in_(unit_ids))
        .group_by(Result.indicator_id)
    )
    return {r[0]: (float(r[1]), int(r[2])) for r in rows}


def _targets(session: Session, period_id: int | None, scope_unit_id: int | None) -> dict[int, float]:
    if period_id is None:
        return {}
    general = session.execute(
        sa.select(Target.indicator_id, Target.value).where(Target.period_id == period_id, Target.unit_id.is_(None))
    ).all()
    targets = {r[0]: r[1] for r in general}
    if scope_unit_id is not None:
        own = session.execute(sa.select(Target.indicator_id, Target.value).where(
            Target.period_id == period_id, Target.unit_id == scope_unit_id)).all()
        targets.update({r[0]: r[1] for r in own})
    return targets


def compute_follow_up(session: Session, period_code: str, scope_unit_id: int | None = None,
                      rule: RollupRule = RollupRule.WEIGHTED_SHARE) -> FollowUp:
    """Every goal's status for a period and scope (None: the whole organisation)."""
    spec = parse_period(period_code)
    period_id = _period_id(session, spec.code)
    if period_id is None:
        raise StyrkortError(f"Perioden {spec.code} finns inte i databasen.",
                            f"The period {spec.code} is not in the database.")
    previous_id = _period_id(session, previous_comparable(spec).code)
    unit_ids = units_in_scope(session, scope_unit_id)
    values = _scope_values(session, period_id, unit_ids)
    previous_values = _scope_values(session, previous_id, unit_ids)
    targets = _targets(session, period_id, scope_unit_id)
    indicators = {i.id: i for i in session.execute(sa.select(Indicator)).scalars()}
    links: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for goal_id, indicator_id, weight in session.execute(
        sa.select(GoalIndicator.goal_id, GoalIndicator.indicator_id, GoalIndicator.weight)
        .order_by(GoalIndicator.goal_id, GoalIndicator.position)
    ):
        links[goal_id].append((indicator_id, weight))
    manual_query = sa.select(Assessment.goal_id, Assessment.status, Assessment.justification).where(
        Assessment.period_id == period_id, Assessment.manual.is_(True),
        Assessment.unit_id.is_(None) if scope_unit_id is None else Assessment.unit_id == scope_unit_id)
    manual = {r[0]: (r[1], r[2]) for r in session.execute(manual_query)}
    children: dict[int | None, list[int]] = defaultdict(list)
    goal_rows = session.execute(sa.select(Goal.id, Goal.parent_id).order_by(Goal.position, Goal.id)).all()
    for goal_id, parent_id in goal_rows:
        children[parent_id].append(goal_id)

    outcomes: dict[int, GoalOutcome] = {}

    def indicator_outcome(indicator_id: int, weight: float) -> IndicatorOutcome:
        ind = indicators[indicator_id]
        value, reporting = values.get(indicator_id, (None, 0))
        previous = previous_values.get(indicator_id, (None, 0))[0]
        target = targets.get(indicator_id)
        return IndicatorOutcome(
            indicator_id, ind.code, ind.name, ind.unit_of_measure, ind.decimals, ind.direction, weight,
            value, target, previous,
            result_status(value, target, ind.direction, ind.tolerance, ind.tolerance_kind),
            trend(value, previous, ind.direction, ind.decimals), reporting,
        )

    def visit(goal_id: int) -> Status:
        child_statuses = [(visit(child), 1.0) for child in children[goal_id]]
        measured = [indicator_outcome(i, w) for i, w in links[goal_id]]
        computed, score = combine([(o.status, o.weight) for o in measured] + child_statuses, rule)
        override = manual.get(goal_id)
        outcomes[goal_id] = GoalOutcome(
            goal_id, override[0] if override else computed, computed, score, override is not None,
            override[1] if override else "", measured, list(children[goal_id]))
        return outcomes[goal_id].status

    for root in children[None]:
        visit(root)
    return FollowUp(spec.code, scope_unit_id, rule, outcomes)


def explain(follow_up: FollowUp, goal_id: int, titles: dict[int, str], language: str = "sv") -> list[str]:
    """"Why this status": the chain of indicators, values, targets and the rule, as readable lines."""
    outcome = follow_up.goals[goal_id]
    lines = [f"{titles.get(goal_id, goal_id)}: {outcome.status.label(language)}"]
    if outcome.manual:
        lines.append(("Manuell bedömning: " if language == "sv" else "Manual assessment: ")
                     + outcome.justification)
        lines.append(("Beräknad status hade varit: " if language == "sv" else "The computed status would be: ")
                     + outcome.computed_status.label(language))
    for o in outcome.indicators:
        value = "–" if o.value is None else f"{o.value:.{o.decimals}f}"
        target = "–" if o.target is None else f"{o.target:.{o.decimals}f}"
        lines.append(f"  {o.code} {o.name}: {value} / {target} {o.unit_of_measure} → {o.status.label(language)}")
    for child in outcome.child_ids:
        lines.append(f"  {titles.get(child, child)}: {follow_up.goals[child].status.label(language)}")
    rule_text = {
        RollupRule.WEIGHTED_SHARE: ("Regel: viktad andel uppfyllt (uppfyllt ≥ 75 %, delvis ≥ 40 %)",
                                    "Rule: weighted share met (met ≥ 75 %, partly ≥ 40 %)"),
        RollupRule.WORST: ("Regel: sämsta underliggande status", "Rule: worst underlying status"),
    }[follow_up.rule]
    score = "" if outcome.score is None else f", {outcome.score * 100:.0f} %"
    lines.append((rule_text[0] if language == "sv" else rule_text[1]) + score)
    return lines
