"""Where a database is: a file path, or a server URL (`postgresql://user@host[:port]/dbname`).

The one place that tells the two apart, turns a user's URL into the engine URL SQLAlchemy needs
(driver psycopg 3), hides passwords when a URL is shown, and opens a PostgreSQL engine. The store,
the command line, the window's connect dialog and the offline sync reuse these functions."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url

from app.models.errors import StyrkortError

SCHEMES = ("postgresql", "postgres")
# Every connection of this process names itself, so that a window can tell its own commits'
# change notifications from everyone else's (app.models.live).
APPLICATION_NAME = f"styrkort-{socket.gethostname()[:30]}-{os.getpid()}"
# How long a statement waits for a row lock another planner holds before the user is told.
LOCK_TIMEOUT_MS = 10_000


class DatabaseUrlError(StyrkortError):
    """The text looks like a URL but is not one Styrkort can connect to."""


def is_url(target: str | Path | None) -> bool:
    """A server URL rather than a file path (`C:\\…` and relative paths are files)."""
    return isinstance(target, str) and "://" in target


def engine_url(target: str) -> sa.URL:
    """`postgresql://planner@host/region` → the SQLAlchemy URL with the psycopg 3 driver."""
    try:
        url = make_url(target)
    except sa.exc.ArgumentError as exc:
        raise DatabaseUrlError(f"{target} är ingen giltig databasadress.",
                               f"{target} is not a valid database address.") from exc
    backend = url.get_backend_name()
    if backend not in SCHEMES:
        raise DatabaseUrlError(
            f"{describe(target)}: Styrkort ansluter bara till PostgreSQL (postgresql://användare@värd/databas).",
            f"{describe(target)}: Styrkort connects only to PostgreSQL (postgresql://user@host/database).",
        )
    if not url.database:
        raise DatabaseUrlError(f"{describe(target)} saknar databasnamn (postgresql://användare@värd/databas).",
                               f"{describe(target)} lacks a database name (postgresql://user@host/database).")
    return url.set(drivername="postgresql+psycopg")


def describe(target: str | Path) -> str:
    """A URL as it may be shown or logged: never with its password."""
    if not is_url(target):
        return str(target)
    try:
        return make_url(str(target)).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return str(target).split("@")[-1]


def make_server_engine(target: str, *, readonly: bool = False, **kwargs) -> Engine:
    """An engine on a PostgreSQL database. Each connection waits at most LOCK_TIMEOUT_MS for a
    row another planner has locked, and a read-only store cannot write even by mistake."""
    options = f"-c lock_timeout={LOCK_TIMEOUT_MS}"
    if readonly:
        options += " -c default_transaction_read_only=on"
    return sa.create_engine(engine_url(target), pool_pre_ping=True,
                            connect_args={"options": options, "application_name": APPLICATION_NAME}, **kwargs)


def server_root_url(target: str, database: str = "postgres") -> sa.URL:
    """The same server and user, another database (to create or drop one)."""
    return engine_url(target).set(database=database)


def libpq_url(target: str | sa.URL) -> str:
    """The URL as libpq (psycopg.connect) takes it: no SQLAlchemy driver suffix."""
    url = engine_url(target) if isinstance(target, str) else target
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def without_password(target: str) -> str:
    """The address as it may be remembered and shown: no password (libpq finds it in the user's
    pgpass file)."""
    full = engine_url(target)
    return sa.URL.create("postgresql", full.username, None, full.host, full.port, full.database,
                         full.query).render_as_string(hide_password=False)
