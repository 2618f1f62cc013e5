"""Subcommands for the database as a whole: the demo and the health check."""

from __future__ import annotations

import argparse

from app.cli.common import db_argument, open_db
from app.models.errors import StyrkortError


def cmd_demo(args: argparse.Namespace) -> int:
    from app.services.demo.builder import DEMO_NAME, build_demo
    from app.services.platform.trees import goal_children

    store = open_db(args, create=True)
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
    "demo": ("skapa demoregionen Exempelregionen i en tom databas", db_argument, cmd_demo),
    "check": ("kontrollera databasens integritet och schemaversion", db_argument, cmd_check),
}
