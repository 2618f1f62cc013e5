"""Undoable edits. One user edit = one `StoreCommand` over one domain operation.

Habits (see ../shared/STYLE.md): a command holds ids and plain values, never ORM instances;
`push()` runs `redo()` — never apply first and push after; each redo/undo is one transaction,
and every change is written to the audit log by the service it calls. After applying, the
command announces what changed on the `ChangeBus`, so views refresh only what they must."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from sqlalchemy.orm import Session

from app.models.change_feed import ChangeFeed, feed_for
from app.models.errors import StyrkortError
from app.models.store import Store

# The entity of a change that may have touched anything: an import, a restore, another process.
EVERYTHING = "*"


@dataclass(frozen=True)
class Change:
    """What an operation changed: the entity kind ("goal", "org_unit", "result" …), the ids
    touched, and whether the shape of a tree changed (rows added, removed or moved).
    `EVERYTHING` means: reload all you show (ids empty, structure True)."""

    entity: str
    ids: frozenset[int] = field(default_factory=frozenset)
    structure: bool = False
    initiator: object | None = None

    @property
    def everything(self) -> bool:
        return self.entity == EVERYTHING

    def touches(self, *entities: str) -> bool:
        """True when this change concerns one of `entities` (always, for EVERYTHING)."""
        return self.entity == EVERYTHING or self.entity in entities


def everything(initiator: object | None = None) -> Change:
    return Change(EVERYTHING, frozenset(), structure=True, initiator=initiator)


class ChangeBus(QObject):
    """The one path by which views learn of committed changes — edits on any page, undo/redo,
    imports, restores and other processes (`ExternalChangeWatcher`) alike. A view ignores what it
    does not show. `refused` carries a refused edit's StyrkortError and `message` a short line
    for the status bar, so that nothing fails silently."""

    changed = Signal(object)
    refused = Signal(object)
    message = Signal(str)

    def announce(self, change: Change) -> None:
        self.changed.emit(change)


class ExternalChangeWatcher(QObject):
    """Polls a `ChangeFeed` on a timer; a change some other process committed becomes
    `everything()` on the bus. Our own announced changes are marked seen at once."""

    def __init__(self, bus: ChangeBus, feed: ChangeFeed, interval_ms: int = 1000) -> None:
        super().__init__(bus)
        self.bus = bus
        self.feed = feed
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        bus.changed.connect(self._local)
        self.timer.start()

    def _local(self, change: Change) -> None:
        if change.initiator is not self:
            self.feed.mark_seen()

    def check(self) -> bool:
        """Announce a change when the feed saw one; True if it did."""
        if self.feed.poll():
            self.bus.announce(everything(self))
            return True
        return False

    def stop(self) -> None:
        self.timer.stop()
        self.feed.close()


class EditContext:
    """What every editing view needs: the store, the undo stack and the change bus."""

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        self.store = store
        self.undo_stack = QUndoStack(parent)
        self.bus = ChangeBus(parent)
        self.last_error: StyrkortError | None = None
        self._access = None
        self.watcher: ExternalChangeWatcher | None = None
        # Results pages share while nothing changed (e.g. the statuses Översikt computed, reused by
        # Uppföljning): `generation` moves on, and `shared` empties, with every announced change.
        self.generation = 0
        self.shared: dict = {}
        self.bus.changed.connect(self._next_generation)

    @property
    def access(self):
        """What the connected user may change (`app.services.platform.roles.Access`): on a
        regional database the views make the rest read-only; a file allows everything."""
        if self._access is None:
            from app.services.platform.roles import access_for

            with self.store.session() as session:
                self._access = access_for(session)
        return self._access

    def _next_generation(self, _change) -> None:
        self.generation += 1
        self.shared.clear()

    def watch_external(self, interval_ms: int = 1000) -> ExternalChangeWatcher:
        """Follow what other processes commit to the same database (see app.models.change_feed)."""
        if self.watcher is None:
            self.watcher = ExternalChangeWatcher(self.bus, feed_for(self.store), interval_ms)
        return self.watcher

    def stop_watching(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher = None

    def tell(self, text: str) -> None:
        """A short line for the status bar (a small refusal, a finished operation)."""
        self.bus.message.emit(text)

    def refuse(self, error: StyrkortError) -> bool:
        """Report a refused edit on the bus (the window shows it in the status bar); False."""
        self.last_error = error
        self.bus.refused.emit(error)
        return False

    def push(self, command: StoreCommand) -> bool:
        """Check the command's rule first, then push (which applies it). A refused command is not
        pushed: the refusal is reported on `bus.refused` (the status bar shows it), kept in
        `last_error`, and False is returned, so the view may also show it beside the field."""
        self.last_error = None
        if self.store.readonly:
            return self.refuse(StyrkortError("Databasen är öppnad skrivskyddad.", "The database is open read-only."))
        if not self.store.is_sqlite and self.access.read_only:
            return self.refuse(StyrkortError(self.access.reason(True), self.access.reason(False)))
        try:
            with self.store.session() as session:
                command.check(session)
        except StyrkortError as exc:
            return self.refuse(exc)
        self.undo_stack.push(command)
        return command.failure is None  # a failure in redo() was reported by _run


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
            # Undo and redo from the menu fail the same way: the refusal is reported either way.
            self.failure = exc
            self.setObsolete(True)
            self.context.refuse(exc)
            return
        self.context.bus.announce(change)

    def redo(self) -> None:
        self._run(self.apply)

    def undo(self) -> None:
        self._run(self.revert)


class CreateCommand(StoreCommand):
    """Undoable creation through two service functions: `create(session, reuse_id)` inserts the
    row and returns its id (on redo after undo it is given the id the row had, so later commands
    that name it still find it); `delete(session, row_id)` removes it again. `related` ids are
    announced with the new one (a new version names its predecessor too)."""

    def __init__(self, context: EditContext, text: str, entity: str,
                 create: Callable[[Session, int | None], int], delete: Callable[[Session, int], object], *,
                 check: Callable[[Session], None] | None = None, related: Iterable[int] = ()) -> None:
        super().__init__(context, text)
        self.entity, self._create, self._delete, self._check = entity, create, delete, check
        self.related = frozenset(related)
        self.row_id: int | None = None

    def check(self, session: Session) -> None:
        if self._check is not None:
            self._check(session)

    def apply(self, session: Session) -> Change:
        self.row_id = self._create(session, self.row_id)
        return self._change()

    def revert(self, session: Session) -> Change:
        self._delete(session, self.row_id)
        return self._change()

    def _change(self) -> Change:
        return Change(self.entity, frozenset({self.row_id}) | self.related, structure=True)


class UpdateCommand(StoreCommand):
    """Undoable change through one service function: `update(session, row_id, new)` applies the
    new value(s) and returns the old ones, which undo applies the same way."""

    def __init__(self, context: EditContext, text: str, entity: str, row_id: int,
                 update: Callable[[Session, int, Any], Any], new: Any, *, structure: bool = False) -> None:
        super().__init__(context, text)
        self.entity, self.row_id, self._update, self.structure = entity, row_id, update, structure
        self.new = dict(new) if isinstance(new, dict) else new
        self.old: Any = None

    def apply(self, session: Session) -> Change:
        self.old = self._update(session, self.row_id, self.new)
        return Change(self.entity, frozenset({self.row_id}), self.structure)

    def revert(self, session: Session) -> Change:
        self._update(session, self.row_id, self.old)
        return Change(self.entity, frozenset({self.row_id}), self.structure)


class ReversibleCommand(StoreCommand):
    """Undoable edit through two service functions: `do(session)` changes the data and returns
    what undoing needs (a snapshot of deleted rows, the old states …); `undo(session, memo)` puts
    it back. `ids` are the ids announced, or a function of the memo (a state change that also
    repeals an earlier version names both). Deletions use it with `delete` and `restore`."""

    def __init__(self, context: EditContext, text: str, entity: str, ids: Iterable[int] | Callable[[Any], Iterable[int]],
                 do: Callable[[Session], Any], undo: Callable[[Session, Any], object], *,
                 structure: bool = True) -> None:
        super().__init__(context, text)
        self.entity, self._ids, self._do, self._undo, self.structure = entity, ids, do, undo, structure
        self.memo: Any = None

    def apply(self, session: Session) -> Change:
        self.memo = self._do(session)
        return self._change()

    def revert(self, session: Session) -> Change:
        self._undo(session, self.memo)
        return self._change()

    def _change(self) -> Change:
        ids = self._ids(self.memo) if callable(self._ids) else self._ids
        return Change(self.entity, frozenset(ids), self.structure)


class DeleteCommand(ReversibleCommand):
    """Undoable deletion: `delete(session, row_id)` returns a snapshot that
    `restore(session, snapshot)` puts back."""

    def __init__(self, context: EditContext, text: str, entity: str, row_id: int,
                 delete: Callable[[Session, int], Any], restore: Callable[[Session, Any], object]) -> None:
        super().__init__(context, text, entity, (row_id,), lambda session: delete(session, row_id), restore)
        self.row_id = row_id
