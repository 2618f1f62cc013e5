"""Undoable edits. One user edit = one `StoreCommand` over one domain operation.

Habits (see ../shared/STYLE.md): a command holds ids and plain values, never ORM instances;
`push()` runs `redo()` — never apply first and push after; each redo/undo is one transaction,
and every change is written to the audit log by the service it calls. After applying, the
command announces what changed on the `ChangeBus`, so views refresh only what they must."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from sqlalchemy.orm import Session

from app.models.errors import StyrkortError
from app.models.store import Store


@dataclass(frozen=True)
class Change:
    """What an operation changed: the entity kind ("goal", "org_unit", "result" …), the ids
    touched, and whether the shape of a tree changed (rows added, removed or moved)."""

    entity: str
    ids: frozenset[int] = field(default_factory=frozenset)
    structure: bool = False
    initiator: object | None = None


class ChangeBus(QObject):
    """Announces changes to every view; a view ignores what it does not show."""

    changed = Signal(object)

    def announce(self, change: Change) -> None:
        self.changed.emit(change)


class EditContext:
    """What every editing view needs: the store, the undo stack and the change bus."""

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        self.store = store
        self.undo_stack = QUndoStack(parent)
        self.bus = ChangeBus(parent)
        self.last_error: StyrkortError | None = None
        self._access = None

    @property
    def access(self):
        """What the connected user may change (`app.services.platform.roles.Access`): on a
        regional database the views make the rest read-only; a file allows everything."""
        if self._access is None:
            from app.services.platform.roles import access_for

            with self.store.session() as session:
                self._access = access_for(session)
        return self._access

    def push(self, command: StoreCommand) -> bool:
        """Check the command's rule first, then push (which applies it). A refused command is not
        pushed; the reason is in `last_error` and returned as False, so the view can explain it."""
        self.last_error = None
        if self.store.readonly:
            self.last_error = StyrkortError("Databasen är öppnad skrivskyddad.", "The database is open read-only.")
            return False
        if not self.store.is_sqlite and self.access.read_only:
            self.last_error = StyrkortError(self.access.reason(True), self.access.reason(False))
            return False
        try:
            with self.store.session() as session:
                command.check(session)
        except StyrkortError as exc:
            self.last_error = exc
            return False
        self.undo_stack.push(command)
        if command.failure is not None:
            self.last_error = command.failure
            return False
        return True


class StoreCommand(QUndoCommand):
    """Base class: subclasses implement `apply` and `revert` (each given a session inside one
    transaction, each returning the `Change`), and may implement `check` to refuse early."""

    def __init__(self, context: EditContext, text: str) -> None:
        super().__init__(text)
        self.context = context
        self.failure: StyrkortError | None = None

    def check(self, session: Session) -> None:  # noqa: B027 - optional hook
        """Raise a RuleViolation when the operation is not allowed."""

    def apply(self, session: Session) -> Change:
        raise NotImplementedError

    def revert(self, session: Session) -> Change:
        raise NotImplementedError

    def _run(self, step) -> None:
        try:
            with self.context.store.transaction() as session:
                change = step(session)
        except StyrkortError as exc:
            # Nothing was written (the transaction rolled back); make this step a no-op.
            self.failure = exc
            self.setObsolete(True)
            return
        self.context.bus.announce(change)

    def redo(self) -> None:
        self._run(self.apply)

    def undo(self) -> None:
        self._run(self.revert)
