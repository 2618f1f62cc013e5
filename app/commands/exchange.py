"""Undoable edits of the exchange area: taking an import batch back (and putting it back)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.commands import Change, EditContext, StoreCommand, everything
from app.services.exchange.importing import redo_batch, undo_batch


class UndoImportCommand(StoreCommand):
    """Undo a whole import batch; undoing this command restores the batch exactly."""

    def __init__(self, context: EditContext, batch_id: int, file_name: str, text: str) -> None:
        super().__init__(context, text)
        self.batch_id = batch_id
        self.file_name = file_name

    def apply(self, session: Session) -> Change:
        undo_batch(session, self.batch_id)
        # Whatever the import brought (units, periods, results, documents) goes with it.
        return everything(self)

    def revert(self, session: Session) -> Change:
        redo_batch(session, self.batch_id)
        return everything(self)
