"""Undoable edits of the goal hierarchy: one command per domain operation in app.services.goals.editing.

Each command holds ids and plain values. A multi-select move or delete is one command (one
undo step), because the domain moves or deletes the whole selection in one operation."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from sqlalchemy.orm import Session

from app.commands import Change, EditContext, StoreCommand
from app.services.goals import editing as goals


def _goal_change(ids, structure: bool) -> Change:
    return Change("goal", frozenset(i for i in ids if i is not None), structure)


class CreateGoalCommand(StoreCommand):
    """A new goal under a parent; redo after undo recreates it under the same id, so later
    commands that name it still find it."""

    def __init__(self, context: EditContext, parent_id: int | None, title: str, row: int = -1,
                 text: str | None = None, **values) -> None:
        super().__init__(context, text or QCoreApplication.translate("GoalCommands", "New goal"))
        self.parent_id, self.title, self.row, self.values = parent_id, title, row, values
        self.goal_id: int | None = None
        self._before: goals.Placement = {}

    def check(self, session: Session) -> None:
        goals.child_level(session, self.parent_id)

    def apply(self, session: Session) -> Change:
        self.goal_id, self._before = goals.create_goal(
            session, self.parent_id, self.title, row=self.row, goal_id=self.goal_id, **self.values)
        return _goal_change([self.goal_id, self.parent_id], True)

    def revert(self, session: Session) -> Change:
        goals.delete_goals(session, [self.goal_id])
        goals.restore_placements(session, self._before, [])
        return _goal_change([self.goal_id, self.parent_id], True)


class UpdateGoalCommand(StoreCommand):
    """Change fields of one goal. The old values are read when the command is made (Orange's
    SetAttrCommand habit). Forms commit on editingFinished, so one field edit is one step."""

    def __init__(self, context: EditContext, goal_id: int, values: dict[str, object], text: str | None = None) -> None:
        super().__init__(context, text or QCoreApplication.translate("GoalCommands", "Edit goal"))
        self.goal_id, self.new = goal_id, dict(values)
        with context.store.session() as session:
            current = goals.goal_fields(session, goal_id)
        self.old = {name: current[name] for name in self.new}

    def apply(self, session: Session) -> Change:
        goals.update_goal(session, self.goal_id, self.new)
        return _goal_change([self.goal_id], False)

    def revert(self, session: Session) -> Change:
        goals.update_goal(session, self.goal_id, self.old)
        return _goal_change([self.goal_id], False)


class DeleteGoalsCommand(StoreCommand):
    """Delete goals with their subtrees; undo restores ids, order, parents, owners and links."""

    def __init__(self, context: EditContext, goal_ids, text: str | None = None) -> None:
        super().__init__(context, text or QCoreApplication.translate("GoalCommands", "Delete goals"))
        self.goal_ids = list(goal_ids)
        self._snapshot: goals.GoalSnapshot | None = None

    def apply(self, session: Session) -> Change:
        self._snapshot = goals.delete_goals(session, self.goal_ids)
        return _goal_change(self.goal_ids, True)

    def revert(self, session: Session) -> Change:
        goals.restore_goals(session, self._snapshot)
        return _goal_change(self.goal_ids, True)


class _PlacementCommand(StoreCommand):
    """A structural edit whose undo puts the touched goals back where they were."""

    def __init__(self, context: EditContext, goal_ids, text: str,
                 operation: Callable[[Session], goals.Placement]) -> None:
        super().__init__(context, text)
        self.goal_ids = list(goal_ids)
        self._operation = operation
        self._before: goals.Placement = {}

    def apply(self, session: Session) -> Change:
        self._before = self._operation(session)
        return _goal_change(self.goal_ids, True)

    def revert(self, session: Session) -> Change:
        goals.restore_placements(session, self._before, self.goal_ids)
        return _goal_change(self.goal_ids, True)


class MoveGoalsCommand(_PlacementCommand):
    """Move goals (with subtrees) under a new parent before the child at `row` (-1: last)."""

    def __init__(self, context: EditContext, goal_ids, new_parent_id: int | None, row: int = -1,
                 text: str | None = None) -> None:
        self.new_parent_id = new_parent_id
        super().__init__(context, goal_ids, text or QCoreApplication.translate("GoalCommands", "Move goals"),
                         lambda session: goals.move_goals(session, self.goal_ids, new_parent_id, row))

    def check(self, session: Session) -> None:
        goals.check_move(session, self.goal_ids, self.new_parent_id)


class ReorderGoalCommand(_PlacementCommand):
    def __init__(self, context: EditContext, goal_id: int, delta: int, text: str | None = None) -> None:
        super().__init__(context, [goal_id], text or QCoreApplication.translate("GoalCommands", "Reorder goal"),
                         lambda session: goals.reorder_goal(session, goal_id, delta))


class IndentGoalCommand(_PlacementCommand):
    def __init__(self, context: EditContext, goal_id: int, text: str | None = None) -> None:
        super().__init__(context, [goal_id], text or QCoreApplication.translate("GoalCommands", "Indent goal"),
                         lambda session: goals.indent_goal(session, goal_id))


class OutdentGoalCommand(_PlacementCommand):
    def __init__(self, context: EditContext, goal_id: int, text: str | None = None) -> None:
        super().__init__(context, [goal_id], text or QCoreApplication.translate("GoalCommands", "Outdent goal"),
                         lambda session: goals.outdent_goal(session, goal_id))


class LinkIndicatorCommand(StoreCommand):
    def __init__(self, context: EditContext, goal_id: int, indicator_id: int, text: str | None = None) -> None:
        super().__init__(context, text or QCoreApplication.translate("GoalCommands", "Link indicator"))
        self.goal_id, self.indicator_id = goal_id, indicator_id

    def apply(self, session: Session) -> Change:
        goals.link_indicator(session, self.goal_id, self.indicator_id)
        return _goal_change([self.goal_id], False)

    def revert(self, session: Session) -> Change:
        goals.unlink_indicator(session, self.goal_id, self.indicator_id)
        return _goal_change([self.goal_id], False)


class UnlinkIndicatorCommand(StoreCommand):
    def __init__(self, context: EditContext, goal_id: int, indicator_id: int,
                 text: str | None = None) -> None:
        super().__init__(context, text or QCoreApplication.translate("GoalCommands", "Unlink indicator"))
        self.goal_id, self.indicator_id = goal_id, indicator_id
        self._kept: tuple[float, int] = (1.0, 0)

    def apply(self, session: Session) -> Change:
        self._kept = goals.unlink_indicator(session, self.goal_id, self.indicator_id)
        return _goal_change([self.goal_id], False)

    def revert(self, session: Session) -> Change:
        weight, position = self._kept
        goals.link_indicator(session, self.goal_id, self.indicator_id, weight=weight, position=position)
        return _goal_change([self.goal_id], False)
