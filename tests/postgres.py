"""The PostgreSQL server the shared-database tests use: each test gets a database of its own,
made for it and dropped after it. Without a server the tests skip with one line; under CI
(CI=true) they fail instead, so a missing server cannot pass for green."""

from __future__ import annotations

import os
import uuid

import psycopg
import pytest

SERVER = os.environ.get("STYRKORT_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
_reachable: bool | None = None


def admin_connection() -> psycopg.Connection:
    return psycopg.connect(SERVER, autocommit=True, connect_timeout=3)


def require_server() -> None:
    """Skip (or under CI fail) when no server answers."""
    global _reachable
    if _reachable is None:
        try:
            admin_connection().close()
            _reachable = True
        except psycopg.OperationalError:
            _reachable = False
    if not _reachable:
        message = f"no PostgreSQL server at {SERVER}: shared-database tests skipped"
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail(message.replace("skipped", "required under CI"), pytrace=False)
        pytest.skip(message)


def url_of(name: str, user: str = "postgres") -> str:
    base = SERVER.rsplit("/", 1)[0]
    if user != "postgres":
        base = base.replace("postgres@", f"{user}@", 1)
    return f"{base}/{name}"


def new_name(prefix: str = "styrkort_test") -> str:
    return f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:8]}"


def create_database(name: str, template: str | None = None) -> str:
    with admin_connection() as conn:
        conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return url_of(name)


def drop_database(name: str) -> None:
    with admin_connection() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
