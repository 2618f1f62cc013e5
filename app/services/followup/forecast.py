"""The full-year forecast beside a part-year status: what a delårsrapport says ("målet bedöms
uppfyllas") next to where a goal stands so far.

`part_year_follow_up(session, "2025A8")` returns the status so far (`compute_follow_up` on the
cumulative period: a yearly target applies to shares and means, a sum needs a part-year target)
and, per goal, a forecast: each indicator's value projected to the full year against the
year's target, rolled up by the same rule, thresholds and once-per-subtree counting as the
status. Projection: a sum (counts, kronor) grows at its pace so far (value × 12 / months); any
other value (a share, a rate, a mean) is expected to hold its level. The rule is deliberately
plain: the report says how the forecast was made, and a person's judgement is an assessment.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import Goal, GoalIndicator, Status
from app.models.enums import Aggregation, Forecast
from app.services.followup import status as rules
from app.services.followup.periods import months_covered, parse_period, period_label

_AS_FORECAST = {Status.MET: Forecast.MET, Status.PARTLY_MET: Forecast.PARTLY_MET,
                Status.NOT_MET: Forecast.NOT_MET, Status.NOT_ASSESSED: Forecast.NOT_ASSESSED}


def project(value: float | None, aggregation: Aggregation, months: int) -> float | None:
    """The full-year value expected from `months` months: a sum at its pace, a level as it is."""
    if value is None or months <= 0:
        return None
    if aggregation is Aggregation.SUM:
        return value * 12 / months
    return value


@dataclass(frozen=True)
class IndicatorForecast:
    indicator_id: int
    code: str
    so_far: float | None
    projected: float | None
    year_target: float | None
    forecast: Forecast


@dataclass
class GoalForecast:
    goal_id: int
    status_so_far: Status
    forecast: Forecast
    indicators: list[IndicatorForecast] = field(default_factory=list)


@dataclass
class PartYearFollowUp:
    """Status so far and full-year forecast for every goal in one cumulative period and scope."""

    period_code: str
    label: str  # "jan–aug 2025"
    months: int
    follow_up: rules.FollowUp
    forecasts: dict[int, GoalForecast]

    def counts(self) -> dict[Forecast, int]:
        tally = dict.fromkeys(Forecast, 0)
        for goal in self.forecasts.values():
            tally[goal.forecast] += 1
        return tally


def part_year_follow_up(session: Session, period_code: str, scope_unit_id: int | None = None,
                        rule: rules.RollupRule | None = None) -> PartYearFollowUp:
    """The delårsrapport's follow-up: status so far and forecast for the full year (see module)."""
    spec = parse_period(period_code)
    chosen = rule or rules.rollup_rule(session)
    so_far = rules.compute_follow_up(session, spec.code, scope_unit_id, chosen)
    months = months_covered(spec)
    indicators = rules._indicator_rules(session)
    year_targets = rules._targets(session, rules._period_id(session, str(spec.year)), scope_unit_id)

    rated: dict[int, IndicatorForecast] = {}

    def rate(outcome: rules.IndicatorOutcome) -> IndicatorForecast:
        found = rated.get(outcome.indicator_id)
        if found is None:
            ind = indicators[outcome.indicator_id]
            projected = project(outcome.value, ind.aggregation, months)
            target = year_targets.get(outcome.indicator_id)
            status = rules.result_status(projected, target, ind.direction, ind.tolerance, ind.tolerance_kind)
            found = rated[outcome.indicator_id] = IndicatorForecast(
                ind.id, ind.code, outcome.value, projected, target, _AS_FORECAST[status])
        return found

    conn = session.connection()
    g, gi = Goal.__table__.c, GoalIndicator.__table__.c
    children: dict[int | None, list[int]] = defaultdict(list)
    for goal_id, parent_id in conn.execute(sa.select(g.id, g.parent_id).order_by(g.position, g.id)):
        children[parent_id].append(goal_id)
    weights = {(r[0], r[1]): r[2] for r in conn.execute(sa.select(gi.goal_id, gi.indicator_id, gi.weight))}
    order: list[int] = []
    stack = list(children[None])
    while stack:
        goal_id = stack.pop()
        order.append(goal_id)
        stack.extend(children[goal_id])
    forecasts: dict[int, GoalForecast] = {}
    statuses: dict[int, Status] = {}
    for goal_id in reversed(order):
        outcome = so_far.goals[goal_id]
        measured = [rate(o) for o in outcome.indicators]
        inputs = [(_AS_STATUS[f.forecast], weights.get((goal_id, f.indicator_id), 1.0)) for f in measured
                  if f.indicator_id not in outcome.counted_below]
        inputs += [(statuses[c], 1.0) for c in children[goal_id]]
        status, _score = rules.combine(inputs, chosen, so_far.thresholds)
        statuses[goal_id] = status
        forecasts[goal_id] = GoalForecast(goal_id, outcome.status, _AS_FORECAST[status], measured)
    return PartYearFollowUp(spec.code, period_label(spec), months, so_far, forecasts)


_AS_STATUS = {v: k for k, v in _AS_FORECAST.items()}


def explain_forecast(report: PartYearFollowUp, goal_id: int, language: str = "sv") -> list[str]:
    """The forecast's lines for "Varför denna status?": the goal's forecast and each indicator's
    full-year projection against the year's target."""
    from app.services.platform import swedish

    goal = report.forecasts.get(goal_id)
    if goal is None:
        return []
    sv = language == "sv"
    lines = [(f"Prognos för helåret ({report.label}, {report.months} månader): " if sv
              else f"Full-year forecast ({report.label}, {report.months} months): ") + goal.forecast.label(language)]
    for f in goal.indicators:
        projected = swedish.shortest(f.projected, 1) if f.projected is not None else swedish.DASH
        target = swedish.shortest(f.year_target, 1) if f.year_target is not None else swedish.DASH
        lines.append(f"  {f.code}: {projected} / {target} → {f.forecast.label(language)}")
    return lines
