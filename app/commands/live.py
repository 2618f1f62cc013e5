"""The window's side of live refresh: a shared database's commits (`app.models.live`) become
announcements on the ChangeBus, the same path a local edit takes, on the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.commands import Change, ChangeBus
from app.models.database_url import APPLICATION_NAME
from app.models.live import ChangeListener, RemoteChange
from app.models.store import Store

# Entities whose pages reload a tree when they change remotely (ids are not known remotely).
TREES = {"goal", "org_unit"}


class LiveRefresh(QObject):
    """Start with `LiveRefresh.attach(store, bus)`; nothing happens for a file (issue 12's
    change counter serves files)."""

    arrived = Signal(object)

    def __init__(self, store: Store, bus: ChangeBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        # emit crosses threads (a queued connection); this process's own commits are not echoed.
        self.listener = ChangeListener(store.engine.url, self.arrived.emit, ignore_application=APPLICATION_NAME)
        self.arrived.connect(self._announce)

    @classmethod
    def attach(cls, store: Store, bus: ChangeBus, parent: QObject | None = None) -> LiveRefresh | None:
        if store.is_sqlite:
            return None
        refresh = cls(store, bus, parent)
        refresh.listener.start()
        return refresh

    def _announce(self, change: RemoteChange) -> None:
        for table in sorted(change.tables):
            self.bus.announce(Change(table, frozenset(), structure=True, initiator=change))

    def stop(self) -> None:
        self.listener.stop()
