"""Subcommands for a region's shared (PostgreSQL) database: copying a file in and out, and
setting up the roles the database enforces."""

from __future__ import annotations

import argparse
import sys

from app.cli.common import db_argument, db_target, open_db


def _copy_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="source", required=True, metavar="FIL|URL",
                        help="databasen som kopieras (en fil eller postgresql://…)")
    parser.add_argument("--to", dest="target", required=True, metavar="FIL|URL",
                        help="ny eller tom databas att kopiera till")


def cmd_copy(args: argparse.Namespace) -> int:
    from app.models.database_url import describe
    from app.services.platform.copying import copy_database

    last = [-1]

    def progress(table: str, done: int, total: int) -> None:
        percent = 100 * done // max(total, 1)
        if percent >= last[0] + 10 and sys.stderr.isatty():
            print(f"\r{percent:3d} % ({table})", end="", file=sys.stderr, flush=True)
            last[0] = percent

    report = copy_database(db_target(args.source), db_target(args.target), progress=progress)
    if last[0] >= 0:
        print(file=sys.stderr)
    print(f"{report.total} rader i {len(report.rows)} tabeller kopierade från {describe(args.source)} "
          f"till {describe(args.target)}; kopian är kontrollerad tabell för tabell")
    return 0


def _setup_arguments(parser: argparse.ArgumentParser) -> None:
    db_argument(parser)
    parser.add_argument("--sql", action="store_true", help="skriv bara ut SQL-satserna (för databasadministratören)")


def cmd_roles_setup(args: argparse.Namespace) -> int:
    from app.services.platform import roles

    if args.sql:
        print(";\n".join(roles.setup_statements("<databas>", None)) + ";")
        return 0
    with open_db(args).transaction() as session:
        statements = roles.setup_roles(session)
    print(f"Rollerna {', '.join(roles.GROUPS.values())} är uppsatta ({len(statements)} satser).")
    return 0


def _grant_arguments(parser: argparse.ArgumentParser) -> None:
    db_argument(parser)
    parser.add_argument("login", help="databasanvändaren (en PostgreSQL-roll med LOGIN)")
    parser.add_argument("role", choices=["planerare", "namndsekreterare", "rapportor", "granskare"])
    parser.add_argument("--unit", action="append", default=[], metavar="KOD",
                        help="enhet (eller nämnd) som användaren svarar för; kan upprepas")


def cmd_roles_grant(args: argparse.Namespace) -> int:
    from app.services.platform import roles

    with open_db(args).transaction() as session:
        roles.grant_user(session, args.login, args.role, args.unit)
    units = f" för {', '.join(args.unit)}" if args.unit else ""
    print(f"{args.login} är {args.role}{units}")
    return 0


SUBCOMMANDS = {
    "copy": ("kopiera en hel databas: fil → regionens databas eller tillbaka", _copy_arguments, cmd_copy),
    "roles-setup": ("sätt upp rollerna, behörigheterna och radsäkerheten i regionens databas",
                    _setup_arguments, cmd_roles_setup),
    "roles-grant": ("ge en databasanvändare en roll (och enheter)", _grant_arguments, cmd_roles_grant),
}
