"""Subcommands for the database as a whole: a new empty one, the demo and the health check."""

from __future__ import annotations

import argparse

from app.cli.common import db_argument, db_path, is_url, open_db
from app.models.errors import StyrkortError


def cmd_new(args: argparse.Namespace) -> int:
    """The one way (with `demo`) a database is created from the command line."""
    if is_url(args):  # a server database: the schema is created in it
        open_db(args, create=True).close()
        print(f"Databasens schema skapat: {args.db}")
        return 0
    path = db_path(args)
    if path.exists():
        raise StyrkortError(f"{path} finns redan; välj ett annat namn.", f"{path} already exists; choose another name.")
    if not path.parent.is_dir():
        raise StyrkortError(f"{path} kan inte skapas: mappen {path.parent} finns inte.",
                            f"{path} cannot be created: the folder {path.parent} does not exist.")
    open_db(args, create=True).close()
    print(f"Tom databas skapad: {path}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from app.services.demo.builder import DEMO_NAME, build_demo
    from app.services.platform.trees import goal_children

    store = open_db(args, create=True, writes=True)
    with store.session() as session:
        if goal_children(session, None):
            raise StyrkortError(
                f"{store.location} innehåller redan data; demoregionen skapas bara i en tom databas.",
                f"{store.location} already holds data; the demo region is only created in an empty database.",
            )
    with store.transaction() as session:
        build_demo(session)
    print(f"{DEMO_NAME} skapad i {store.location}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from app.services.platform.health import check_store

    report = check_store(open_db(args))
    print("\n".join(report.lines()))
    return 0 if report.healthy else 1


SUBCOMMANDS = {
    "new": ("skapa en ny, tom databas (--db FIL)", db_argument, cmd_new),
    "demo": ("skapa demoregionen Exempelregionen i en tom databas", db_argument, cmd_demo),
    "check": ("kontrollera databasens integritet och schemaversion", db_argument, cmd_check),
}
