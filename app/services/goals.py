"""Goals: reading a goal with what hangs on it. (Editing rules live here too as they land.)"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import AdoptionState, Assessment, Goal, GoalIndicator, GoalLevel, Horizon, Indicator


@dataclass
class LinkedIndicator:
    id: int
    code: str
    name: str
    unit_of_measure: str
    weight: float


@dataclass
class GoalDetail:
    id: int
    code: str | None
    title: str
    level: GoalLevel
    horizon: Horizon | None
    start_year: int | None
    end_year: int | None
    state: AdoptionState
    description: str
    owner_name: str | None
    parent_title: str | None
    child_count: int
    assessment_count: int
    indicators: list[LinkedIndicator] = field(default_factory=list)


def goal_detail(session: Session, goal_id: int) -> GoalDetail | None:
    goal = session.get(Goal, goal_id)
    if goal is None:
        return None
    links = session.execute(
        sa.select(Indicator, GoalIndicator.weight)
        .join(GoalIndicator, GoalIndicator.indicator_id == Indicator.id)
        .where(GoalIndicator.goal_id == goal_id)
        .order_by(GoalIndicator.position, Indicator.code)
    ).all()
    return GoalDetail(
        id=goal.id, code=goal.code, title=goal.title, level=goal.level, horizon=goal.horizon,
        start_year=goal.start_year, end_year=goal.end_year, state=goal.state, description=goal.description,
        owner_name=goal.owner.name if goal.owner else None,
        parent_title=goal.parent.title if goal.parent else None,
        child_count=session.execute(sa.select(sa.func.count()).where(Goal.parent_id == goal_id)).scalar_one(),
        assessment_count=session.execute(
            sa.select(sa.func.count()).where(Assessment.goal_id == goal_id)).scalar_one(),
        indicators=[LinkedIndicator(i.id, i.code, i.name, i.unit_of_measure, w) for i, w in links],
    )
