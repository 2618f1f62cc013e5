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


def report_date(text: str | None):
    """A report's --date (ÅÅÅÅ-MM-DD), or None for today; anything else is refused with one line."""
    import datetime as dt

    from app.models.errors import StyrkortError

    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        raise StyrkortError(f"{text!r} är inget datum; skriv ÅÅÅÅ-MM-DD, t.ex. 2026-01-31.",
                            f"{text!r} is not a date; write YYYY-MM-DD.") from None


def open_db(args: argparse.Namespace, *, create: bool = False, readonly: bool = False) -> Store:
    """The database the command names with --db (or the default one)."""
    return open_store(Path(args.db) if args.db else default_db_path(), create=create, readonly=readonly)
