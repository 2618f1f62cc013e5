"""What every subcommand shares: the `--db` argument and opening the database it names."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from app.models.paths import default_db_path
from app.models.store import Store, open_store

Handler = Callable[[argparse.Namespace], int]
Setup = Callable[[argparse.ArgumentParser], None]


def db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="PATH", help="databasfil (standard: i användarens datamapp)")


def open_db(args: argparse.Namespace, *, create: bool = False, readonly: bool = False) -> Store:
    """The database the command names with --db (or the default one)."""
    return open_store(Path(args.db) if args.db else default_db_path(), create=create, readonly=readonly)
