"""Strategier: how the goals are to be reached. A strategy has an owner, may be written down in a
styrdokument of the register, and is linked to the goals it serves; it is followed up through
those goals (their status is the strategy's)."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import AuditAction, Directive, Goal, OrgUnit, Strategy, strategy_goal
from app.models.errors import RuleViolation
from app.services.platform import audit

_strategy = Strategy.__table__
EDITABLE_FIELDS = ("title", "code", "description", "owner_unit_id", "directive_id")


@dataclass
class StrategyInfo:
    id: int
    code: str | None
    title: str
    description: str
    owner_name: str | None
    directive_title: str | None
    goals: list[tuple[int, str | None, str]] = field(default_factory=list)  # id, code, title


def _check(session: Session, strategy_id: int | None, values: dict) -> None:
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if "title" in values and not str(values["title"] or "").strip():
        raise RuleViolation("En strategi måste ha en rubrik.", "A strategy needs a title.")
    code = values.get("code")
    if code:
        clash = session.execute(sa.select(Strategy.title).where(Strategy.code == code,
                                                                Strategy.id != (strategy_id or -1))).scalar()
        if clash is not None:
            raise RuleViolation(f"Koden {code} används redan av strategin ”{clash}”.",
                                f"The code {code} is already used by the strategy “{clash}”.")


def create_strategy(session: Session, title: str, *, strategy_id: int | None = None, **values) -> int:
    values = {"title": title.strip(), "description": "", **values}
    _check(session, None, values)
    position = session.execute(sa.select(sa.func.count()).select_from(Strategy)).scalar_one()
    if strategy_id is not None:
        values["id"] = strategy_id
    new_id = session.execute(sa.insert(_strategy).values(position=position, **values)).inserted_primary_key[0]
    audit.record(session, AuditAction.CREATE, "strategy", new_id, summary=f"Strategi: {values['title']}")
    return new_id


def update_strategy(session: Session, strategy_id: int, values: dict) -> dict:
    _check(session, strategy_id, values)
    row = session.execute(sa.select(_strategy).where(_strategy.c.id == strategy_id)).one_or_none()
    if row is None:
        raise RuleViolation(f"Strategin {strategy_id} finns inte.", f"Strategy {strategy_id} does not exist.")
    old = {name: row._mapping[name] for name in values}
    session.execute(sa.update(_strategy).where(_strategy.c.id == strategy_id).values(**values))
    audit.record_changes(session, "strategy", strategy_id, old, values)
    return old


def delete_strategy(session: Session, strategy_id: int) -> tuple[dict, list[int]]:
    """Delete a strategy; returns its row and linked goal ids, for undo."""
    row = session.execute(sa.select(_strategy).where(_strategy.c.id == strategy_id)).one_or_none()
    if row is None:
        raise RuleViolation(f"Strategin {strategy_id} finns inte.", f"Strategy {strategy_id} does not exist.")
    goals = list(session.execute(sa.select(strategy_goal.c.goal_id).where(strategy_goal.c.strategy_id == strategy_id))
                 .scalars())
    session.execute(sa.delete(_strategy).where(_strategy.c.id == strategy_id))
    audit.record(session, AuditAction.DELETE, "strategy", strategy_id, summary=f"Strategi: {row.title}")
    return dict(row._mapping), goals


def link_goal(session: Session, strategy_id: int, goal_id: int) -> None:
    title = session.execute(sa.select(Goal.title).where(Goal.id == goal_id)).scalar()
    if title is None:
        raise RuleViolation(f"Målet {goal_id} finns inte.", f"Goal {goal_id} does not exist.")
    exists = session.execute(sa.select(strategy_goal.c.goal_id).where(
        strategy_goal.c.strategy_id == strategy_id, strategy_goal.c.goal_id == goal_id)).first()
    if exists:
        raise RuleViolation(f"Strategin är redan kopplad till ”{title}”.", f"The strategy is already linked to “{title}”.")
    session.execute(sa.insert(strategy_goal).values(strategy_id=strategy_id, goal_id=goal_id))
    audit.record(session, AuditAction.UPDATE, "strategy", strategy_id, field="goal", new=goal_id,
                 summary=f"Kopplad till mål: {title}")


def unlink_goal(session: Session, strategy_id: int, goal_id: int) -> None:
    deleted = session.execute(sa.delete(strategy_goal).where(strategy_goal.c.strategy_id == strategy_id,
                                                             strategy_goal.c.goal_id == goal_id)).rowcount
    if not deleted:
        raise RuleViolation("Strategin är inte kopplad till målet.", "The strategy is not linked to the goal.")
    audit.record(session, AuditAction.UPDATE, "strategy", strategy_id, field="goal", old=goal_id,
                 summary="Bortkopplad från mål")


def _infos(session: Session, condition) -> list[StrategyInfo]:
    rows = session.execute(
        sa.select(Strategy.id, Strategy.code, Strategy.title, Strategy.description, OrgUnit.name, Directive.title)
        .outerjoin(OrgUnit, OrgUnit.id == Strategy.owner_unit_id)
        .outerjoin(Directive, Directive.id == Strategy.directive_id)
        .where(condition).order_by(Strategy.position, Strategy.id)).all()
    infos = {r[0]: StrategyInfo(*r) for r in rows}
    if infos:
        for strategy_id, goal_id, code, title in session.execute(
                sa.select(strategy_goal.c.strategy_id, Goal.id, Goal.code, Goal.title)
                .join(Goal, Goal.id == strategy_goal.c.goal_id)
                .where(strategy_goal.c.strategy_id.in_(list(infos))).order_by(Goal.position, Goal.id)):
            infos[strategy_id].goals.append((goal_id, code, title))
    return list(infos.values())


def all_strategies(session: Session) -> list[StrategyInfo]:
    return _infos(session, sa.true())


def strategies_for_goal(session: Session, goal_id: int, with_ancestors: bool = True) -> list[StrategyInfo]:
    """The strategies linked to a goal and (by default) to the goals above it: the "röd tråd"
    from the vision through strategy down to this goal."""
    ids = [goal_id]
    if with_ancestors:
        parent = session.execute(sa.select(Goal.parent_id).where(Goal.id == goal_id)).scalar()
        while parent is not None:
            ids.append(parent)
            parent = session.execute(sa.select(Goal.parent_id).where(Goal.id == parent)).scalar()
    return _infos(session, Strategy.id.in_(sa.select(strategy_goal.c.strategy_id)
                                           .where(strategy_goal.c.goal_id.in_(ids))))


def goal_choices(session: Session) -> list[tuple[int, str | None, str]]:
    """Goals a strategy can serve (all but the vision): (id, code, title), by code."""
    from app.models import GoalLevel

    return [(i, c, t) for i, c, t in session.execute(
        sa.select(Goal.id, Goal.code, Goal.title).where(Goal.level != GoalLevel.VISION).order_by(Goal.code, Goal.id))]


def strategy_id_by_code(session: Session, code: str) -> int:
    found = session.execute(sa.select(Strategy.id).where(Strategy.code == code)).scalar()
    if found is None:
        raise RuleViolation(f"Det finns ingen strategi med koden {code}.", f"There is no strategy with the code {code}.")
    return found


@dataclass
class RedThread:
    """The "röd tråd" of a goal: the path from the vision down to it, the strategies along that
    path, and the activities in verksamhetsplaner that serve the goal or the goals beneath it."""

    path: list[tuple[int, str, str]]                       # (goal id, level value, title), vision first
    strategies: list[StrategyInfo]
    activities: dict[int, list[tuple[str, str, int]]]       # goal id → (activity, unit name, plan year)


def red_thread(session: Session, goal_id: int, goal_ids: list[int] | None = None) -> RedThread:
    from app.models import Activity, OperationalPlan, activity_goal

    path: list[tuple[int, str, str]] = []
    current: int | None = goal_id
    while current is not None:
        row = session.execute(sa.select(Goal.id, Goal.level, Goal.title, Goal.parent_id).where(Goal.id == current)).one()
        path.append((row.id, row.level.value, row.title))
        current = row.parent_id
    path.reverse()
    wanted = list(dict.fromkeys([goal_id, *(goal_ids or [])]))
    activities: dict[int, list[tuple[str, str, int]]] = {}
    for start in range(0, len(wanted), 900):
        chunk = wanted[start:start + 900]
        for linked_goal, title, unit_name, year in session.execute(
                sa.select(activity_goal.c.goal_id, Activity.title, OrgUnit.name, OperationalPlan.year)
                .join(Activity, Activity.id == activity_goal.c.activity_id)
                .join(OperationalPlan, OperationalPlan.id == Activity.plan_id)
                .join(OrgUnit, OrgUnit.id == OperationalPlan.unit_id)
                .where(activity_goal.c.goal_id.in_(chunk))
                .order_by(OperationalPlan.year, Activity.position)):
            activities.setdefault(linked_goal, []).append((title, unit_name, year))
    return RedThread(path, strategies_for_goal(session, goal_id), activities)
