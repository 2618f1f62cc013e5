"""Noticing changes that another process committed to the same database (the command line, a
colleague on a shared file, later a sync). No Qt: the window polls a feed on a timer and turns a
change into a `Change` on its ChangeBus, the same path every local edit takes.

A feed has one method, `poll() -> bool`: True when something was committed since the last call
or `mark_seen()`. SQLite: `PRAGMA data_version` on a connection of the feed's own, which moves
whenever *another* connection commits. PostgreSQL can plug in a LISTEN/NOTIFY feed with the same
two methods (`poll` reads pending notifications without blocking)."""

from __future__ import annotations

import sqlite3
from pathlib import Path


class ChangeFeed:
    """No feed: nothing is ever noticed (a database the feed cannot watch)."""

    def poll(self) -> bool:
        return False

    def mark_seen(self) -> None:
        """Take everything committed so far as known (called right after our own commits)."""

    def close(self) -> None:
        """Release the feed's connection."""


class SqliteDataVersionFeed(ChangeFeed):
    """`PRAGMA data_version` read on a private read-only connection. Our own commits move it too
    (they use other connections); the window calls `mark_seen()` as soon as it announces them."""

    def __init__(self, path: Path) -> None:
        self.connection = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True,
                                          check_same_thread=False, isolation_level=None)
        self.seen = self._version()

    def _version(self) -> int:
        return int(self.connection.execute("PRAGMA data_version").fetchone()[0])

    def poll(self) -> bool:
        try:
            version = self._version()
        except sqlite3.Error:
            return False  # busy or gone for a moment: look again at the next tick
        if version == self.seen:
            return False
        self.seen = version
        return True

    def mark_seen(self) -> None:
        try:
            self.seen = self._version()
        except sqlite3.Error:
            pass

    def close(self) -> None:
        self.connection.close()


def feed_for(store) -> ChangeFeed:
    """The feed that watches `store` (an app.models.store.Store)."""
    if getattr(store, "is_sqlite", False) and store.path is not None:
        try:
            return SqliteDataVersionFeed(store.path)
        except sqlite3.Error:
            return ChangeFeed()
    return ChangeFeed()
