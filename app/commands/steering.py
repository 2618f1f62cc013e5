"""Undoable edits of the steering model and the strategier (app.services.goals.steering_model,
app.services.goals.strategies): one command per domain operation, ids and plain values only."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.commands import Change, EditContext, StoreCommand
from app.services.goals import steering_model as sm
from app.services.goals import strategies


class SetSteeringModelCommand(StoreCommand):
    def __init__(self, context: EditContext, model: sm.SteeringModel, text: str = "Change steering model") -> None:
        super().__init__(context, text)
        self.new = model
        self.old: sm.SteeringModel | None = None

    def check(self, session: Session) -> None:
        sm.set_steering_model(session, self.new)
        session.rollback()  # check only

    def apply(self, session: Session) -> Change:
        self.old = sm.set_steering_model(session, self.new)
        return Change("db_setting", frozenset(), False)

    def revert(self, session: Session) -> Change:
        sm.set_steering_model(session, self.old)
        return Change("db_setting", frozenset(), False)


def _strategy_change(strategy_id: int | None, goal_ids=()) -> Change:
    # Goals show their strategies: announce them as changed goals too (detail, cascade refresh).
    return Change("goal", frozenset(g for g in goal_ids if g is not None), False)


class CreateStrategyCommand(StoreCommand):
    def __init__(self, context: EditContext, title: str, goal_ids=(), text: str = "New strategy", **values) -> None:
        super().__init__(context, text)
        self.title, self.goal_ids, self.values = title, list(goal_ids), values
        self.strategy_id: int | None = None

    def apply(self, session: Session) -> Change:
        self.strategy_id = strategies.create_strategy(session, self.title, strategy_id=self.strategy_id, **self.values)
        for goal_id in self.goal_ids:
            strategies.link_goal(session, self.strategy_id, goal_id)
        return _strategy_change(self.strategy_id, self.goal_ids)

    def revert(self, session: Session) -> Change:
        strategies.delete_strategy(session, self.strategy_id)
        return _strategy_change(self.strategy_id, self.goal_ids)


class UpdateStrategyCommand(StoreCommand):
    def __init__(self, context: EditContext, strategy_id: int, values: dict, text: str = "Edit strategy") -> None:
        super().__init__(context, text)
        self.strategy_id, self.new = strategy_id, dict(values)
        self.old: dict = {}

    def apply(self, session: Session) -> Change:
        self.old = strategies.update_strategy(session, self.strategy_id, self.new)
        return _strategy_change(self.strategy_id)

    def revert(self, session: Session) -> Change:
        strategies.update_strategy(session, self.strategy_id, self.old)
        return _strategy_change(self.strategy_id)


class DeleteStrategyCommand(StoreCommand):
    def __init__(self, context: EditContext, strategy_id: int, text: str = "Delete strategy") -> None:
        super().__init__(context, text)
        self.strategy_id = strategy_id
        self._row: dict = {}
        self._goals: list[int] = []

    def apply(self, session: Session) -> Change:
        self._row, self._goals = strategies.delete_strategy(session, self.strategy_id)
        return _strategy_change(self.strategy_id, self._goals)

    def revert(self, session: Session) -> Change:
        row = {k: v for k, v in self._row.items() if k not in ("id", "title", "position")}
        strategies.create_strategy(session, self._row["title"], strategy_id=self.strategy_id, **row)
        for goal_id in self._goals:
            strategies.link_goal(session, self.strategy_id, goal_id)
        return _strategy_change(self.strategy_id, self._goals)


class LinkStrategyGoalCommand(StoreCommand):
    def __init__(self, context: EditContext, strategy_id: int, goal_id: int, link: bool = True,
                 text: str = "Link goal") -> None:
        super().__init__(context, text)
        self.strategy_id, self.goal_id, self.link = strategy_id, goal_id, link

    def _do(self, session: Session, link: bool) -> Change:
        (strategies.link_goal if link else strategies.unlink_goal)(session, self.strategy_id, self.goal_id)
        return _strategy_change(self.strategy_id, [self.goal_id])

    def apply(self, session: Session) -> Change:
        return self._do(session, self.link)

    def revert(self, session: Session) -> Change:
        return self._do(session, not self.link)
