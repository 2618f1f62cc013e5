"""What every subcommand shares: the `--db` argument and opening the database it names."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from app.models.database_url import is_url
from app.models.paths import default_db_path
from app.models.store import Store, open_store

Handler = Callable[[argparse.Namespace], int]
Setup = Callable[[argparse.ArgumentParser], None]


def db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="PATH|URL",
                        help="databasfil (standard: i användarens datamapp) eller regionens databas "
                             "postgresql://användare@värd[:port]/databas")


def open_db(args: argparse.Namespace, *, create: bool = False, readonly: bool = False) -> Store:
    """The database the command names with --db (or the default one)."""
    return open_store(db_target(args.db), create=create, readonly=readonly)


def db_target(db: str | None) -> str | Path:
    """--db as the store takes it: a server URL stays text, anything else is a file path."""
    if is_url(db):
        return db
    return Path(db) if db else default_db_path()
