"""Undoable edits of the organisation: one command per domain operation in
app.services.organisation (editing, reorganisation).

Each command holds ids, plain values and, after it has run, the domain's `Journal` of the rows it
wrote (plain dicts). Undo replays the journal backwards; redo runs the audited operation again
with the ids it created the first time."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from app.commands import Change, EditContext, StoreCommand
from app.models.enums import AuditAction
from app.services.organisation import editing as org
from app.services.organisation import reorganisation as reorg
from app.services.organisation.journal import Journal, undo
from app.services.platform import audit


def _unit_change(ids, structure: bool) -> Change:
    return Change("org_unit", frozenset(i for i in ids if i is not None), structure)


class _JournalCommand(StoreCommand):
    """Undo = the journal backwards, audited as one entry per unit touched."""

    _journal: Journal | None = None
    unit_ids: list[int]

    def revert(self, session: Session) -> Change:
        if self._journal is not None:
            reorg.undo_reorganisation(session, self._journal, self.text())
        return _unit_change(self.unit_ids, True)


class CreateUnitCommand(_JournalCommand):
    def __init__(self, context: EditContext, parent_id: int | None, name: str, row: int = -1,
                 text: str = "New unit", **values) -> None:
        super().__init__(context, text)
        self.parent_id, self.name, self.row, self.values = parent_id, name, row, values
        self.unit_id: int | None = None
        self.unit_ids = [parent_id]

    def apply(self, session: Session) -> Change:
        self.unit_id, self._journal = org.create_unit(session, self.parent_id, self.name, row=self.row,
                                                      unit_id=self.unit_id, **self.values)
        self.unit_ids = [self.parent_id, self.unit_id]
        return _unit_change(self.unit_ids, True)


class UpdateUnitCommand(StoreCommand):
    """Change fields of one unit; the old values are read when the command is made."""

    def __init__(self, context: EditContext, unit_id: int, values: dict[str, object], text: str = "Edit unit") -> None:
        super().__init__(context, text)
        self.unit_id, self.new = unit_id, dict(values)
        with context.store.session() as session:
            current = org.unit_fields(session, unit_id)
        self.old = {name: current[name] for name in self.new}

    def check(self, session: Session) -> None:
        # Refuse bad input before it reaches the undo stack (nothing to undo, the reason shown).
        org.update_unit(session, self.unit_id, self.new)
        session.rollback()  # check only: the operation's own rules, nothing kept

    def apply(self, session: Session) -> Change:
        org.update_unit(session, self.unit_id, self.new)
        return _unit_change([self.unit_id], "kind" in self.new)

    def revert(self, session: Session) -> Change:
        org.update_unit(session, self.unit_id, self.old)
        return _unit_change([self.unit_id], "kind" in self.new)


class DeleteUnitsCommand(_JournalCommand):
    """Delete units with what hangs on them (refused for units with results); undo restores all."""

    def __init__(self, context: EditContext, unit_ids, text: str = "Delete units") -> None:
        super().__init__(context, text)
        self.unit_ids = list(unit_ids)

    def check(self, session: Session) -> None:
        org.delete_units(session, self.unit_ids)
        session.rollback()  # check only: the operation's own rules, nothing kept

    def apply(self, session: Session) -> Change:
        self._journal = org.delete_units(session, self.unit_ids)
        return _unit_change(self.unit_ids, True)

    def revert(self, session: Session) -> Change:
        undo(session, self._journal)
        for unit_id in self.unit_ids:
            audit.record(session, AuditAction.CREATE, "org_unit", unit_id, summary=f"Återställd: {self.text()}")
        return _unit_change(self.unit_ids, True)


class MoveUnitsCommand(_JournalCommand):
    """Move units under a new parent (before the child at `row`); with `effective_on` a dated
    reorganisation that keeps the old line for earlier periods."""

    def __init__(self, context: EditContext, unit_ids, new_parent_id: int | None, row: int = -1, *,
                 effective_on: dt.date | None = None, flag_delegation: bool = False,
                 text: str = "Move units") -> None:
        super().__init__(context, text)
        self.unit_ids, self.new_parent_id, self.row = list(unit_ids), new_parent_id, row
        self.effective_on, self.flag_delegation = effective_on, flag_delegation

    def check(self, session: Session) -> None:
        org.check_move(session, self.unit_ids, self.new_parent_id)

    def apply(self, session: Session) -> Change:
        journal = Journal()
        if self.flag_delegation:
            reorg.reorganise(session, self.unit_ids, self.new_parent_id, self.effective_on, flag_delegation=True,
                             journal=journal)
        else:
            org.move_units(session, self.unit_ids, self.new_parent_id, self.row, effective_on=self.effective_on,
                           journal=journal)
        self._journal = journal
        return _unit_change([*self.unit_ids, self.new_parent_id], True)


class MergeUnitsCommand(_JournalCommand):
    def __init__(self, context: EditContext, source_ids, into_id: int, effective_on: dt.date, *,
                 hand_over: bool = True, flag_delegation: bool = True, text: str = "Merge units") -> None:
        super().__init__(context, text)
        self.source_ids, self.into_id, self.effective_on = list(source_ids), into_id, effective_on
        self.hand_over, self.flag_delegation = hand_over, flag_delegation
        self.unit_ids = [*self.source_ids, into_id]

    def check(self, session: Session) -> None:
        reorg.merge_units(session, self.source_ids, self.into_id, self.effective_on)
        session.rollback()  # check only: the operation's own rules, nothing kept

    def apply(self, session: Session) -> Change:
        self._journal = reorg.merge_units(session, self.source_ids, self.into_id, self.effective_on,
                                          hand_over=self.hand_over, flag_delegation=self.flag_delegation)
        return _unit_change(self.unit_ids, True)


class SplitUnitCommand(_JournalCommand):
    def __init__(self, context: EditContext, unit_id: int, parts: list[tuple[str, str]], effective_on: dt.date,
                 text: str = "Split unit") -> None:
        super().__init__(context, text)
        self.unit_id, self.parts, self.effective_on = unit_id, list(parts), effective_on
        self.new_ids: list[int] | None = None
        self.unit_ids = [unit_id]

    def check(self, session: Session) -> None:
        reorg.split_unit(session, self.unit_id, self.parts, self.effective_on)
        session.rollback()  # check only: the operation's own rules, nothing kept

    def apply(self, session: Session) -> Change:
        self.new_ids, self._journal = reorg.split_unit(session, self.unit_id, self.parts, self.effective_on,
                                                       new_ids=self.new_ids)
        self.unit_ids = [self.unit_id, *self.new_ids]
        return _unit_change(self.unit_ids, True)
