"""What every subcommand shares: the `--db` argument (before or after the subcommand, same
meaning), opening the database it names (never creating one implicitly), the refusal to write
behind an open window's back, and one-line messages for output files."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from app.models.errors import StyrkortError
from app.models.paths import default_db_path
from app.models.store import Store, open_store
from app.services.platform.output import output_error, output_file  # noqa: F401 - the commands' helpers

Handler = Callable[[argparse.Namespace], int]
Setup = Callable[[argparse.ArgumentParser], None]


def db_argument(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    """--db and --force. On a subcommand their default is "not given", so that `styrkort --db X
    KOMMANDO` and `styrkort KOMMANDO --db X` mean the same (argparse would otherwise let the
    subcommand's default overwrite the value given before it)."""
    if "--db" in parser._option_string_actions:
        return
    default = None if top else argparse.SUPPRESS
    parser.add_argument("--db", metavar="PATH|URL", default=default,
                        help="databasfil (standard: i användarens datamapp) eller regionens databas "
                             "postgresql://användare@värd[:port]/databas")
    parser.add_argument("--force", action="store_true", default=False if top else argparse.SUPPRESS,
                        help="skriv även om databasen är öppen i ett Styrkort-fönster")


def report_date(text: str | None):
    """A report's --date (ÅÅÅÅ-MM-DD), or None for today; anything else is refused with one line."""
    import datetime as dt

    from app.models.errors import StyrkortError

    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        raise StyrkortError(f"{text!r} är inget datum; skriv ÅÅÅÅ-MM-DD, t.ex. 2026-01-31.",
                            f"{text!r} is not a date; write YYYY-MM-DD.") from None


def is_url(args: argparse.Namespace) -> bool:
    return "://" in (getattr(args, "db", None) or "")


def db_target(db: str | None) -> str | Path:
    """A database named on the command line (--db, copy's --from/--to) as the store takes it: a
    server URL stays text, anything else is a file path."""
    if db and "://" in db:
        return db
    return Path(db).expanduser() if db else default_db_path()


def db_path(args: argparse.Namespace) -> Path:
    return Path(args.db).expanduser() if getattr(args, "db", None) else default_db_path()


def open_db(args: argparse.Namespace, *, create: bool = False, readonly: bool = False,
            writes: bool = False) -> Store:
    """The database the command names with --db (or the default one). Only `new` and `demo`
    create one; every other command refuses a missing file. A command that `writes` refuses a
    database open in a window (its lock file names who has it) unless --force is given."""
    if is_url(args):  # a server database (postgresql://…): the server says whether it exists
        return open_store(args.db, create=create, readonly=readonly)
    path = db_path(args)
    if not create and not path.exists():
        raise StyrkortError(
            f"Databasen {path} finns inte. Skapa en tom med: styrkort new --db {path}",
            f"The database {path} does not exist. Create an empty one with: styrkort new --db {path}")
    if writes and not getattr(args, "force", False):
        refuse_if_open(path)
    return open_store(path, create=create, readonly=readonly)


def open_db_untouched(args: argparse.Namespace) -> Store:
    """The database for a dry run: nothing is written beside it — no daily backup, no lock
    file, and (when no other connection has it open, i.e. there is no -wal file) not even
    SQLite's shared-memory file: the file is then read as immutable."""
    import sqlalchemy as sa

    from app.models.store import head_revision, make_engine

    if is_url(args):
        return open_db(args)  # a server database: nothing is written beside it
    path = db_path(args)
    if not path.exists():
        open_db(args)  # the one refusal of a missing file
    if not path.with_name(path.name + "-wal").exists():
        engine = make_engine(path, readonly=True, immutable=True)
        try:
            with engine.connect() as conn:
                revision = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
        except sa.exc.DBAPIError:
            revision = None
        if revision == head_revision():
            return Store(location=str(path), engine=engine, readonly=True, path=path)
        engine.dispose()
    return open_store(path, readonly=True)  # its own checks and messages (older schema, not SQLite …)


def writing(path: Path, work: Callable[[], object]) -> object:
    """Run `work` that writes the output file `path`; a failure to write is one line."""
    try:
        return work()
    except OSError as exc:
        raise output_error(exc, path) from None


def refuse_if_open(path: Path) -> None:
    """One line naming who has the database open in a window; the window would keep showing old
    values and its undo history could later overwrite this command's change."""
    from app.models.locks import is_stale, read_lock

    owner = read_lock(path)
    if owner is not None and not is_stale(owner):
        raise StyrkortError(
            f"{path} är öppen i Styrkort hos {owner.describe()}; stäng fönstret eller kör med --force.",
            f"{path} is open in Styrkort by {owner.describe_en()}; close the window or run with --force.")


