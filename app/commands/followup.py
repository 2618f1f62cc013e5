"""Undoable follow-up edits: targets, tolerance, results, assessments, dialogue meetings and the
roll-up rule. Each is one service call; the service audits it.

For "result", "target" and "indicator" changes the `Change.ids` are the indicator ids whose
statuses may have moved, so the follow-up view can refresh just those (`refresh_indicator`)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication
from sqlalchemy.orm import Session

from app.commands import Change, EditContext, StoreCommand
from app.models import Gender, ToleranceKind
from app.services.followup import assessment as followup
from app.services.followup import results, targets
from app.services.followup.assessment import AssessmentData, MeetingData
from app.services.followup.status import RollupRule, set_rollup_rule


class SetTargetCommand(StoreCommand):
    """Set or (value None) remove one target for an indicator, period and unit (None: all units)."""

    def __init__(self, context: EditContext, indicator_id: int, period_code: str, unit_id: int | None,
                 value: float | None) -> None:
        super().__init__(context, QCoreApplication.translate("FollowUpCommands", "Set target"))
        self.key = (indicator_id, period_code, unit_id)
        self.value = value
        self.old: float | None = None

    def apply(self, session: Session) -> Change:
        self.old = targets.set_target(session, *self.key, self.value)
        return Change("target", frozenset({self.key[0]}))

    def revert(self, session: Session) -> Change:
        targets.set_target(session, *self.key, self.old)
        return Change("target", frozenset({self.key[0]}))


class CopyTargetsCommand(StoreCommand):
    """Copy a year's targets to another year where that year has none."""

    def __init__(self, context: EditContext, from_year: int, to_year: int,
                 indicator_ids: list[int] | None = None) -> None:
        text = QCoreApplication.translate("FollowUpCommands", "Copy targets %1 → %2")
        super().__init__(context, text.replace("%1", str(from_year)).replace("%2", str(to_year)))
        self.from_year, self.to_year, self.indicator_ids = from_year, to_year, indicator_ids
        self.created: list[int] = []

    def apply(self, session: Session) -> Change:
        self.created = targets.copy_targets_forward(session, self.from_year, self.to_year, self.indicator_ids)
        return Change("target", frozenset(self.indicator_ids or ()), structure=True)

    def revert(self, session: Session) -> Change:
        targets.delete_targets(session, self.created)
        return Change("target", frozenset(self.indicator_ids or ()), structure=True)


class SetToleranceCommand(StoreCommand):
    def __init__(self, context: EditContext, indicator_id: int, tolerance: float, kind: ToleranceKind) -> None:
        super().__init__(context, QCoreApplication.translate("FollowUpCommands", "Set tolerance"))
        self.indicator_id, self.new = indicator_id, (tolerance, kind)
        self.old: tuple[float, ToleranceKind] | None = None

    def apply(self, session: Session) -> Change:
        self.old = targets.set_tolerance(session, self.indicator_id, *self.new)
        return Change("indicator", frozenset({self.indicator_id}))

    def revert(self, session: Session) -> Change:
        targets.set_tolerance(session, self.indicator_id, *self.old)
        return Change("indicator", frozenset({self.indicator_id}))


class SetResultCommand(StoreCommand):
    """Enter, change or (value None) remove one result; undo restores the previous state exactly."""

    def __init__(self, context: EditContext, indicator_id: int, unit_id: int, period_code: str, gender: Gender,
                 value: float | None, *, expected: object = results.ANY) -> None:
        super().__init__(context, QCoreApplication.translate("FollowUpCommands", "Enter result"))
        self.key = (indicator_id, unit_id, period_code, gender)
        self.value = value
        # The value the user saw: someone else's save since (a shared database) refuses, with who.
        self.expected = expected
        self.old: results.ResultState | None = None

    def check(self, session: Session) -> None:
        results.check_result(session, self.key[0], self.key[1], self.value)

    def apply(self, session: Session) -> Change:
        expected = self.expected if self.old is None else self.old.value
        self.old = results.set_result(session, *self.key, self.value, expected=expected)
        return Change("result", frozenset({self.key[0]}))

    def revert(self, session: Session) -> Change:
        results.set_result(session, *self.key, self.old.value, restore=self.old, expected=self.value)
        return Change("result", frozenset({self.key[0]}))


class SaveAssessmentCommand(StoreCommand):
    """A planner's assessment of a goal for a unit and period: manual status with justification,
    analysis, actions and cited dialogue meetings."""

    def __init__(self, context: EditContext, goal_id: int, unit_id: int | None, period_code: str,
                 data: AssessmentData | None) -> None:
        super().__init__(context, QCoreApplication.translate("FollowUpCommands", "Save assessment"))
        self.key = (goal_id, unit_id, period_code)
        self.data = data
        self.old: AssessmentData | None = None

    def check(self, session: Session) -> None:
        followup.check_assessment(self.data)

    def apply(self, session: Session) -> Change:
        self.old = followup.save_assessment(session, *self.key, self.data)
        return Change("assessment", frozenset({self.key[0]}))

    def revert(self, session: Session) -> Change:
        followup.save_assessment(session, *self.key, self.old, stamp=False)
        return Change("assessment", frozenset({self.key[0]}))


class AddMeetingCommand(StoreCommand):
    """Record a dialogue meeting; redo after undo gives it back the same id."""

    def __init__(self, context: EditContext, data: MeetingData) -> None:
        super().__init__(context, QCoreApplication.translate("FollowUpCommands", "Add dialogue meeting"))
        self.data = data
        self.meeting_id: int | None = None

    def check(self, session: Session) -> None:
        followup.check_meeting(self.data)

    def apply(self, session: Session) -> Change:
        self.meeting_id = followup.add_meeting(session, replace(self.data, id=self.meeting_id))
        return Change("dialogue_meeting", frozenset({self.meeting_id}), structure=True)

    def revert(self, session: Session) -> Change:
        followup.delete_meeting(session, self.meeting_id)
        return Change("dialogue_meeting", frozenset({self.meeting_id}), structure=True)


class SetRollupRuleCommand(StoreCommand):
    def __init__(self, context: EditContext, rule: RollupRule) -> None:
        super().__init__(context, QCoreApplication.translate("FollowUpCommands", "Change roll-up rule"))
        self.rule = rule
        self.old: RollupRule | None = None

    def apply(self, session: Session) -> Change:
        self.old = set_rollup_rule(session, self.rule)
        return Change("db_setting")

    def revert(self, session: Session) -> Change:
        set_rollup_rule(session, self.old)
        return Change("db_setting")
