"""Undoable edits of verksamhetsplaner, activities, the årshjul's milestones and the programme
text: each a generic create/update/delete command (app.commands) over the service functions."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.commands import CreateCommand, DeleteCommand, EditContext, UpdateCommand
from app.services.governance import annual_cycle, plans, programme


def create_plan(context: EditContext, unit_id: int, year: int, copy_from: int | None = None) -> CreateCommand:
    """A new plan, or (with `copy_from`) last year's plan copied as a draft."""
    if copy_from is not None:
        return CreateCommand(context, QCoreApplication.translate("PlanCommands", "Copy plan"), "operational_plan",
                             lambda session, _reuse: plans.copy_plan(session, copy_from, year), plans.delete_plan)
    return CreateCommand(context, QCoreApplication.translate("PlanCommands", "New plan"), "operational_plan",
                         lambda session, _reuse: plans.create_plan(session, unit_id, year), plans.delete_plan)


def update_plan(context: EditContext, plan_id: int, values: dict) -> UpdateCommand:
    return UpdateCommand(context, QCoreApplication.translate("PlanCommands", "Edit plan"), "operational_plan", plan_id, plans.update_plan, values)


def add_activity(context: EditContext, plan_id: int, values: dict, goal_ids=()) -> CreateCommand:
    values, goal_ids = dict(values), tuple(goal_ids)
    return CreateCommand(context, QCoreApplication.translate("PlanCommands", "Add activity"), "activity",
                         lambda session, reuse: plans.add_activity(session, plan_id, values, goal_ids, reuse),
                         plans.delete_activity)


def update_activity(context: EditContext, activity_id: int, values: dict) -> UpdateCommand:
    """Change an activity's fields or linked goals (key "goal_ids")."""
    return UpdateCommand(context, QCoreApplication.translate("PlanCommands", "Edit activity"), "activity", activity_id, plans.update_activity, values)


def delete_activity(context: EditContext, activity_id: int) -> DeleteCommand:
    return DeleteCommand(context, QCoreApplication.translate("PlanCommands", "Delete activity"), "activity", activity_id,
                         plans.delete_activity, plans.restore_activity)


def add_milestone(context: EditContext, values: dict) -> CreateCommand:
    values = dict(values)
    return CreateCommand(context, QCoreApplication.translate("PlanCommands", "Add milestone"), "milestone",
                         lambda session, reuse: annual_cycle.add_milestone(session, values, reuse),
                         annual_cycle.delete_milestone)


def update_milestone(context: EditContext, milestone_id: int, values: dict) -> UpdateCommand:
    return UpdateCommand(context, QCoreApplication.translate("PlanCommands", "Edit milestone"), "milestone", milestone_id, annual_cycle.update_milestone,
                         values, structure=True)


def delete_milestone(context: EditContext, milestone_id: int) -> DeleteCommand:
    # The service returns the milestone's values; adding them back under the same id restores it.
    return DeleteCommand(context, QCoreApplication.translate("PlanCommands", "Delete milestone"), "milestone", milestone_id, annual_cycle.delete_milestone,
                         lambda session, values: annual_cycle.add_milestone(session, values, milestone_id))


def set_programme_text(context: EditContext, term: int, part: str, text: str) -> UpdateCommand:
    """The planner's introduction or closing text of the provider programme for a term."""
    return UpdateCommand(context, QCoreApplication.translate("PlanCommands", "Edit programme text"), "provider_programme", term,
                         lambda session, term_, value: programme.set_programme_text(session, term_, part, value),
                         text)
