"""Undoable edits of verksamhetsplaner, activities, the årshjul's milestones and the programme text."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from sqlalchemy.orm import Session

from app.commands import Change, EditContext, StoreCommand
from app.services.governance import annual_cycle, plans, programme


class CreatePlanCommand(StoreCommand):
    """A new plan, or (with `copy_from`) last year's plan copied as a draft."""

    def __init__(self, context: EditContext, unit_id: int, year: int, copy_from: int | None = None) -> None:
        super().__init__(context, QCoreApplication.translate("PlanCommands", "Copy plan") if copy_from
                         else QCoreApplication.translate("PlanCommands", "New plan"))
        self.unit_id, self.year, self.copy_from = unit_id, year, copy_from
        self.plan_id: int | None = None

    def apply(self, session: Session) -> Change:
        if self.copy_from is not None:
            self.plan_id = plans.copy_plan(session, self.copy_from, self.year)
        else:
            self.plan_id = plans.create_plan(session, self.unit_id, self.year)
        return Change("operational_plan", frozenset({self.plan_id}), structure=True)

    def revert(self, session: Session) -> Change:
        plans.delete_plan(session, self.plan_id)
        return Change("operational_plan", frozenset({self.plan_id}), structure=True)


class UpdatePlanCommand(StoreCommand):
    def __init__(self, context: EditContext, plan_id: int, values: dict) -> None:
        super().__init__(context, QCoreApplication.translate("PlanCommands", "Edit plan"))
        self.plan_id, self.values, self.old = plan_id, dict(values), {}

    def apply(self, session: Session) -> Change:
        self.old = plans.update_plan(session, self.plan_id, self.values)
        return Change("operational_plan", frozenset({self.plan_id}))

    def revert(self, session: Session) -> Change:
        plans.update_plan(session, self.plan_id, self.old)
        return Change("operational_plan", frozenset({self.plan_id}))


class AddActivityCommand(StoreCommand):
    def __init__(self, context: EditContext, plan_id: int, values: dict, goal_ids=()) -> None:
        super().__init__(context, QCoreApplication.translate("PlanCommands", "Add activity"))
        self.plan_id, self.values, self.goal_ids = plan_id, dict(values), tuple(goal_ids)
        self.activity_id: int | None = None

    def apply(self, session: Session) -> Change:
        self.activity_id = plans.add_activity(session, self.plan_id, self.values, self.goal_ids, self.activity_id)
        return Change("activity", frozenset({self.activity_id}), structure=True)

    def revert(self, session: Session) -> Change:
        plans.delete_activity(session, self.activity_id)
        return Change("activity", frozenset({self.activity_id}), structure=True)


class UpdateActivityCommand(StoreCommand):
    """Change an activity's fields or linked goals (key "goal_ids")."""

    def __init__(self, context: EditContext, activity_id: int, values: dict) -> None:
        super().__init__(context, QCoreApplication.translate("PlanCommands", "Edit activity"))
        self.activity_id, self.values, self.old = activity_id, dict(values), {}

    def apply(self, session: Session) -> Change:
        self.old = plans.update_activity(session, self.activity_id, self.values)
        return Change("activity", frozenset({self.activity_id}))

    def revert(self, session: Session) -> Change:
        plans.update_activity(session, self.activity_id, self.old)
        return Change("activity", frozenset({self.activity_id}))


class DeleteActivityCommand(StoreCommand):
    def __init__(self, context: EditContext, activity_id: int) -> None:
        super().__init__(context, QCoreApplication.translate("PlanCommands", "Delete activity"))
        self.activity_id = activity_id
        self.snapshot: plans.ActivitySnapshot | None = None

    def apply(self, session: Session) -> Change:
        self.snapshot = plans.delete_activity(session, self.activity_id)
        return Change("activity", frozenset({self.activity_id}), structure=True)

    def revert(self, session: Session) -> Change:
        plans.restore_activity(session, self.snapshot)
        return Change("activity", frozenset({self.activity_id}), structure=True)


class AddMilestoneCommand(StoreCommand):
    def __init__(self, context: EditContext, values: dict) -> None:
        super().__init__(context, QCoreApplication.translate("PlanCommands", "Add milestone"))
        self.values = dict(values)
        self.milestone_id: int | None = None

    def apply(self, session: Session) -> Change:
        self.milestone_id = annual_cycle.add_milestone(session, self.values, self.milestone_id)
        return Change("milestone", frozenset({self.milestone_id}), structure=True)

    def revert(self, session: Session) -> Change:
        annual_cycle.delete_milestone(session, self.milestone_id)
        return Change("milestone", frozenset({self.milestone_id}), structure=True)


class UpdateMilestoneCommand(StoreCommand):
    def __init__(self, context: EditContext, milestone_id: int, values: dict) -> None:
        super().__init__(context, QCoreApplication.translate("PlanCommands", "Edit milestone"))
        self.milestone_id, self.values, self.old = milestone_id, dict(values), {}

    def apply(self, session: Session) -> Change:
        self.old = annual_cycle.update_milestone(session, self.milestone_id, self.values)
        return Change("milestone", frozenset({self.milestone_id}), structure=True)

    def revert(self, session: Session) -> Change:
        annual_cycle.update_milestone(session, self.milestone_id, self.old)
        return Change("milestone", frozenset({self.milestone_id}), structure=True)


class DeleteMilestoneCommand(StoreCommand):
    def __init__(self, context: EditContext, milestone_id: int) -> None:
        super().__init__(context, QCoreApplication.translate("PlanCommands", "Delete milestone"))
        self.milestone_id = milestone_id
        self.values: dict = {}

    def apply(self, session: Session) -> Change:
        self.values = annual_cycle.delete_milestone(session, self.milestone_id)
        return Change("milestone", frozenset({self.milestone_id}), structure=True)

    def revert(self, session: Session) -> Change:
        annual_cycle.add_milestone(session, self.values, self.milestone_id)
        return Change("milestone", frozenset({self.milestone_id}), structure=True)


class SetProgrammeTextCommand(StoreCommand):
    """The planner's introduction or closing text of the provider programme for a term."""

    def __init__(self, context: EditContext, term: int, part: str, text: str) -> None:
        super().__init__(context, QCoreApplication.translate("PlanCommands", "Edit programme text"))
        self.term, self.part, self.text = term, part, text
        self.old: str | None = None

    def apply(self, session: Session) -> Change:
        self.old = programme.set_programme_text(session, self.term, self.part, self.text)
        return Change("provider_programme", frozenset({self.term}))

    def revert(self, session: Session) -> Change:
        programme.set_programme_text(session, self.term, self.part, self.old)
        return Change("provider_programme", frozenset({self.term}))
