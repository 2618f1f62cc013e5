"""Undoable edits of styrdokument, delegation items and delegationsbeslut: each a generic
create/update/delete command (app.commands) over the service functions of
app.services.governance.directives."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from app.commands import CreateCommand, DeleteCommand, EditContext, ReversibleCommand, UpdateCommand
from app.models import DirectiveState
from app.services.governance import directives as svc


def create_directive(context: EditContext, values: dict) -> CreateCommand:
    values = dict(values)
    return CreateCommand(context, QCoreApplication.translate("DirectiveCommands", "New document"), "directive",
                         lambda session, _reuse: svc.create_directive(session, values), svc.delete_directive,
                         check=lambda session: svc.raise_first(svc.validate(session, values)))


def update_directive(context: EditContext, directive_id: int, values: dict) -> UpdateCommand:
    """Save a draft's form; the old values are captured when applied."""
    return UpdateCommand(context, QCoreApplication.translate("DirectiveCommands", "Edit document"), "directive", directive_id, svc.update_directive, values)


def set_directive_state(context: EditContext, directive_id: int, state: DirectiveState,
                        adopted_on: dt.date | None = None) -> ReversibleCommand:
    """Send to remiss, adopt, repeal, or take back to utkast (adopting may repeal the version before)."""
    return ReversibleCommand(context, QCoreApplication.translate("DirectiveCommands", "Change document status"), "directive", lambda old: old,
                             lambda session: svc.set_state(session, directive_id, state, adopted_on),
                             svc.restore_states)


def new_version(context: EditContext, directive_id: int) -> CreateCommand:
    return CreateCommand(context, QCoreApplication.translate("DirectiveCommands", "New version"), "directive",
                         lambda session, _reuse: svc.new_version(session, directive_id), svc.delete_directive,
                         related=[directive_id])


def add_delegation_item(context: EditContext, directive_id: int, values: dict) -> CreateCommand:
    values = dict(values)
    return CreateCommand(context, QCoreApplication.translate("DirectiveCommands", "Add delegation item"), "delegation_item",
                         lambda session, reuse: svc.add_item(session, directive_id, values, reuse), svc.delete_item)


def update_delegation_item(context: EditContext, item_id: int, values: dict) -> UpdateCommand:
    return UpdateCommand(context, QCoreApplication.translate("DirectiveCommands", "Edit delegation item"), "delegation_item", item_id, svc.update_item, values)


def delete_delegation_item(context: EditContext, item_id: int) -> DeleteCommand:
    return DeleteCommand(context, QCoreApplication.translate("DirectiveCommands", "Delete delegation item"), "delegation_item", item_id,
                         svc.delete_item, svc.restore_item)


def add_decision(context: EditContext, item_id: int, values: dict) -> CreateCommand:
    values = dict(values)
    return CreateCommand(context, QCoreApplication.translate("DirectiveCommands", "Log delegated decision"), "delegation_decision",
                         lambda session, reuse: svc.add_decision(session, item_id, values, reuse),
                         svc.delete_decision)


def delete_decision(context: EditContext, decision_id: int) -> DeleteCommand:
    # The service returns (item id, values); adding them back under the same id restores the row.
    return DeleteCommand(context, QCoreApplication.translate("DirectiveCommands", "Delete delegated decision"), "delegation_decision", decision_id,
                         svc.delete_decision,
                         lambda session, kept: svc.add_decision(session, kept[0], kept[1], decision_id))


def mark_reported(context: EditContext, decision_ids, meeting: dt.date | None) -> ReversibleCommand:
    """Mark decisions as reported at a nämnd meeting (None clears the date)."""
    decision_ids = tuple(decision_ids)
    return ReversibleCommand(context, QCoreApplication.translate("DirectiveCommands", "Mark decisions as reported"), "delegation_decision", decision_ids,
                             lambda session: svc.mark_reported(session, decision_ids, meeting),
                             svc.restore_reported)
