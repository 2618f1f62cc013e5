"""Översikt: what needs the planner today, for one period and scope — goal fulfilment per
målområde, providers that have not reported, goals not met, goals without indicators or
activities, styrdokument to revise soon, delegationsbeslut not yet reported and the next events
of the årshjul. One query per rule: each list comes from the function the page that handles it
uses, so the start page and that page never disagree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import GoalLevel, Status
from app.models.plans import activity_goal
from app.services.followup.assessment import (
    MissingReport,
    goal_rows,
    goals_with_few_indicators,
    providers_not_reported,
)
from app.services.followup.status import FollowUp, RollupRule, compute_follow_up, rollup_rule
from app.services.governance import annual_cycle
from app.services.governance.directives import DecisionRow, DirectiveRow, due_for_review, unreported_decisions

EVENTS_AHEAD = 8


@dataclass
class AreaFulfilment:
    """Status counts of the goals under one målområde (the målområde itself not counted)."""

    goal_id: int
    code: str | None
    title: str
    counts: dict[Status, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class GoalItem:
    goal_id: int
    code: str | None
    title: str

    @property
    def label(self) -> str:
        return f"{self.code} {self.title}" if self.code else self.title


@dataclass
class Overview:
    period_code: str
    scope_unit_id: int | None
    areas: list[AreaFulfilment] = field(default_factory=list)
    not_reported: list[MissingReport] = field(default_factory=list)
    not_met: list[GoalItem] = field(default_factory=list)
    without_indicators: list[GoalItem] = field(default_factory=list)
    without_activities: list[GoalItem] = field(default_factory=list)
    to_revise: list[DirectiveRow] = field(default_factory=list)
    unreported_decisions: list[DecisionRow] = field(default_factory=list)
    next_events: list[annual_cycle.CycleEvent] = field(default_factory=list)
    overdue_assignments: list = field(default_factory=list)  # uppdrag past due (app.services.annual)
    follow_up: FollowUp | None = None


def overview(session: Session, period_code: str | None, scope_unit_id: int | None = None,
             today: dt.date | None = None, rule: RollupRule | None = None) -> Overview:
    """Everything the start page lists (a period of None: the lists that need none)."""
    today = today or dt.date.today()
    result = Overview(period_code or "", scope_unit_id)
    rows = goal_rows(session)
    items = {gid: GoalItem(gid, code, title) for gid, _parent, title, code, _level in rows}
    parents = {gid: parent for gid, parent, *_ in rows}
    levels = {gid: level for gid, *_rest, level in rows}
    assessed = {GoalLevel.GOAL.value, GoalLevel.SUB_GOAL.value}
    if period_code:
        follow_up = compute_follow_up(session, period_code, scope_unit_id, rule or rollup_rule(session))
        result.follow_up = follow_up
        areas = {gid: AreaFulfilment(gid, items[gid].code, items[gid].title, dict.fromkeys(Status, 0))
                 for gid in items if levels[gid] == GoalLevel.GOAL_AREA.value}
        for gid, outcome in follow_up.goals.items():
            if levels.get(gid) not in assessed:
                continue
            area = gid
            while area is not None and area not in areas:
                area = parents.get(area)
            if area is not None:
                areas[area].counts[outcome.status] += 1
        result.areas = list(areas.values())
        result.not_met = [items[gid] for gid, _p, *_ in rows
                          if gid in follow_up.goals and follow_up.goals[gid].status is Status.NOT_MET
                          and levels[gid] in assessed]
        result.not_reported = providers_not_reported(session, period_code, scope_unit_id)
    result.without_indicators = [items[g.goal_id] for g in goals_with_few_indicators(session, at_most=0)
                                 if levels.get(g.goal_id) in assessed]
    linked = set(session.execute(sa.select(activity_goal.c.goal_id).distinct()).scalars())
    # A goal is covered when it or one of its sub-goals has an activity.
    covered = set()
    for gid in linked:
        while gid is not None and gid not in covered:
            covered.add(gid)
            gid = parents.get(gid)
    result.without_activities = [items[gid] for gid, *_ in rows
                                 if levels[gid] == GoalLevel.GOAL.value and gid not in covered]
    result.to_revise = [row for row in due_for_review(session, today) if row.review]
    result.unreported_decisions = unreported_decisions(session)
    upcoming = [e for year in (today.year, today.year + 1) for e in annual_cycle.events(session, year)
                if e.due_on >= today]
    result.next_events = upcoming[:EVENTS_AHEAD]
    return result
