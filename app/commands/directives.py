"""Undoable edits of styrdokument, delegation items and delegationsbeslut."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from sqlalchemy.orm import Session

from app.commands import Change, EditContext, StoreCommand
from app.models import DirectiveState
from app.services.governance import directives as svc


class CreateDirectiveCommand(StoreCommand):
    def __init__(self, context: EditContext, values: dict) -> None:
        super().__init__(context, QCoreApplication.translate("DirectiveCommands", "New document"))
        self.values = dict(values)
        self.directive_id: int | None = None

    def check(self, session: Session) -> None:
        svc.raise_first(svc.validate(session, self.values))

    def apply(self, session: Session) -> Change:
        self.directive_id = svc.create_directive(session, self.values)
        return Change("directive", frozenset({self.directive_id}), structure=True)

    def revert(self, session: Session) -> Change:
        svc.delete_directive(session, self.directive_id)
        return Change("directive", frozenset({self.directive_id}), structure=True)


class UpdateDirectiveCommand(StoreCommand):
    """Save a draft's form; the old values are captured when applied."""

    def __init__(self, context: EditContext, directive_id: int, values: dict) -> None:
        super().__init__(context, QCoreApplication.translate("DirectiveCommands", "Edit document"))
        self.directive_id, self.values, self.old = directive_id, dict(values), {}

    def apply(self, session: Session) -> Change:
        self.old = svc.update_directive(session, self.directive_id, self.values)
        return Change("directive", frozenset({self.directive_id}))

    def revert(self, session: Session) -> Change:
        svc.update_directive(session, self.directive_id, self.old)
        return Change("directive", frozenset({self.directive_id}))


class SetDirectiveStateCommand(StoreCommand):
    """Send to remiss, adopt, repeal, or take back to utkast."""

    def __init__(self, context: EditContext, directive_id: int, state: DirectiveState,
                 adopted_on: dt.date | None = None) -> None:
        super().__init__(context, QCoreApplication.translate("DirectiveCommands", "Change document status"))
        self.directive_id, self.state, self.adopted_on = directive_id, state, adopted_on
        self.old: dict = {}

    def apply(self, session: Session) -> Change:
        self.old = svc.set_state(session, self.directive_id, self.state, self.adopted_on)
        return Change("directive", frozenset(self.old), structure=True)

    def revert(self, session: Session) -> Change:
        svc.restore_states(session, self.old)
        return Change("directive", frozenset(self.old), structure=True)


class NewVersionCommand(StoreCommand):
    def __init__(self, context: EditContext, directive_id: int) -> None:
        super().__init__(context, QCoreApplication.translate("DirectiveCommands", "New version"))
        self.directive_id = directive_id
        self.new_id: int | None = None

    def apply(self, session: Session) -> Change:
        self.new_id = svc.new_version(session, self.directive_id)
        return Change("directive", frozenset({self.directive_id, self.new_id}), structure=True)

    def revert(self, session: Session) -> Change:
        svc.delete_directive(session, self.new_id)
        return Change("directive", frozenset({self.directive_id, self.new_id}), structure=True)


class AddDelegationItemCommand(StoreCommand):
    def __init__(self, context: EditContext, directive_id: int, values: dict) -> None:
        super().__init__(context, QCoreApplication.translate("DirectiveCommands", "Add delegation item"))
        self.directive_id, self.values = directive_id, dict(values)
        self.item_id: int | None = None

    def apply(self, session: Session) -> Change:
        self.item_id = svc.add_item(session, self.directive_id, self.values, self.item_id)
        return Change("delegation_item", frozenset({self.item_id}), structure=True)

    def revert(self, session: Session) -> Change:
        svc.delete_item(session, self.item_id)
        return Change("delegation_item", frozenset({self.item_id}), structure=True)


class UpdateDelegationItemCommand(StoreCommand):
    def __init__(self, context: EditContext, item_id: int, values: dict) -> None:
        super().__init__(context, QCoreApplication.translate("DirectiveCommands", "Edit delegation item"))
        self.item_id, self.values, self.old = item_id, dict(values), {}

    def apply(self, session: Session) -> Change:
        self.old = svc.update_item(session, self.item_id, self.values)
        return Change("delegation_item", frozenset({self.item_id}))

    def revert(self, session: Session) -> Change:
        svc.update_item(session, self.item_id, self.old)
        return Change("delegation_item", frozenset({self.item_id}))


class DeleteDelegationItemCommand(StoreCommand):
    def __init__(self, context: EditContext, item_id: int) -> None:
        super().__init__(context, QCoreApplication.translate("DirectiveCommands", "Delete delegation item"))
        self.item_id = item_id
        self.snapshot: svc.ItemSnapshot | None = None

    def apply(self, session: Session) -> Change:
        self.snapshot = svc.delete_item(session, self.item_id)
        return Change("delegation_item", frozenset({self.item_id}), structure=True)

    def revert(self, session: Session) -> Change:
        svc.restore_item(session, self.snapshot)
        return Change("delegation_item", frozenset({self.item_id}), structure=True)


class AddDecisionCommand(StoreCommand):
    def __init__(self, context: EditContext, item_id: int, values: dict) -> None:
        super().__init__(context, QCoreApplication.translate("DirectiveCommands", "Log delegated decision"))
        self.item_id, self.values = item_id, dict(values)
        self.decision_id: int | None = None

    def apply(self, session: Session) -> Change:
        self.decision_id = svc.add_decision(session, self.item_id, self.values, self.decision_id)
        return Change("delegation_decision", frozenset({self.decision_id}), structure=True)

    def revert(self, session: Session) -> Change:
        svc.delete_decision(session, self.decision_id)
        return Change("delegation_decision", frozenset({self.decision_id}), structure=True)


class DeleteDecisionCommand(StoreCommand):
    def __init__(self, context: EditContext, decision_id: int) -> None:
        super().__init__(context, QCoreApplication.translate("DirectiveCommands", "Delete delegated decision"))
        self.decision_id = decision_id
        self.item_id: int | None = None
        self.values: dict = {}

    def apply(self, session: Session) -> Change:
        self.item_id, self.values = svc.delete_decision(session, self.decision_id)
        return Change("delegation_decision", frozenset({self.decision_id}), structure=True)

    def revert(self, session: Session) -> Change:
        svc.add_decision(session, self.item_id, self.values, self.decision_id)
        return Change("delegation_decision", frozenset({self.decision_id}), structure=True)


class MarkReportedCommand(StoreCommand):
    """Mark decisions as reported at a nämnd meeting (None clears the date)."""

    def __init__(self, context: EditContext, decision_ids, meeting: dt.date | None) -> None:
        super().__init__(context, QCoreApplication.translate("DirectiveCommands", "Mark decisions as reported"))
        self.decision_ids, self.meeting = tuple(decision_ids), meeting
        self.old: dict = {}

    def apply(self, session: Session) -> Change:
        self.old = svc.mark_reported(session, self.decision_ids, self.meeting)
        return Change("delegation_decision", frozenset(self.decision_ids), structure=True)

    def revert(self, session: Session) -> Change:
        svc.restore_reported(session, self.old)
        return Change("delegation_decision", frozenset(self.decision_ids), structure=True)
