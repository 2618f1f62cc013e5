"""Live refresh on a shared database: every commit on the server announces the tables it
touched (`NOTIFY styrkort_change`, sent by the triggers of `server_rules.py` when the
transaction commits). A `ChangeListener` holds one extra connection that LISTENs in a daemon
thread and hands each announcement to a callback — plain Python, no Qt: the window's adapter
(`app.commands.live`) turns it into the same change notification a local edit makes.

Announcements are gathered for `settle` seconds (a bulk import touching ten tables is one
refresh, not ten) and always delivered within a second of the commit."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from app.models.database_url import libpq_url
from app.models.server_rules import CHANNEL


@dataclass(frozen=True)
class RemoteChange:
    """Tables one or more commits touched, and who committed them (database users)."""

    tables: frozenset[str]
    users: frozenset[str]
    pids: frozenset[int]


class ChangeListener:
    def __init__(self, target: str, on_change: Callable[[RemoteChange], None], *, settle: float = 0.15,
                 ignore_application: str | None = None) -> None:
        """`ignore_application`: commits of connections with this application_name are not
        announced (a window's own edits announce themselves, precisely, already)."""
        self._url = libpq_url(target)
        self._on_change = on_change
        self._settle = settle
        self._ignore_application = ignore_application
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread: threading.Thread | None = None
        self.error: Exception | None = None

    def start(self, wait: float = 5.0) -> ChangeListener:
        """Start listening; returns once the LISTEN is in place (or `wait` has passed)."""
        self._thread = threading.Thread(target=self._run, name="styrkort-listen", daemon=True)
        self._thread.start()
        self._ready.wait(wait)
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _run(self) -> None:
        import psycopg

        backoff = 0.5
        while not self._stop.is_set():
            try:
                with psycopg.connect(self._url, autocommit=True, connect_timeout=5) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self._ready.set()
                    backoff = 0.5
                    self._listen(conn)
            except psycopg.Error as exc:  # the server went away: keep trying, quietly
                self.error = exc
                self._ready.set()
                self._stop.wait(backoff)
                backoff = min(backoff * 2, 10)

    def _listen(self, conn) -> None:
        pending: list[dict] = []
        first_at = 0.0
        while not self._stop.is_set():
            timeout = 0.25 if not pending else max(0.0, self._settle - (time.monotonic() - first_at))
            for notify in conn.notifies(timeout=timeout):
                if not pending:
                    first_at = time.monotonic()
                try:
                    pending.append(json.loads(notify.payload))
                except ValueError:
                    pending.append({"table": notify.payload})
                if time.monotonic() - first_at >= self._settle:
                    break
            if pending and time.monotonic() - first_at >= self._settle:
                self._deliver(pending)
                pending = []

    def _deliver(self, payloads: list[dict]) -> None:
        payloads = [p for p in payloads if self._ignore_application is None
                    or p.get("app") != self._ignore_application]
        if payloads:
            self._on_change(RemoteChange(frozenset(p.get("table", "") for p in payloads),
                                         frozenset(p.get("user", "") for p in payloads),
                                         frozenset(p.get("pid", 0) for p in payloads)))
