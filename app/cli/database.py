"""Subcommands for the database as a whole: the demo and the health check."""

from __future__ import annotations

import argparse

from app.cli.common import db_argument, open_db
from app.models.errors import StyrkortError


def _demo_arguments(parser: argparse.ArgumentParser) -> None:
    db_argument(parser)
    parser.add_argument("--kind", choices=["region", "kommun"], default="region",
                        help="Exempelregionen (hälso- och sjukvård, vårdval …) eller Exempelkommunen "
                             "(skola, äldreomsorg, individ- och familjeomsorg); standard: region")


def cmd_demo(args: argparse.Namespace) -> int:
    from app.services.demo.builder import build_demo, demo_spec
    from app.services.platform.trees import goal_children

    kind = getattr(args, "kind", "region")
    store = open_db(args, create=True)
    with store.session() as session:
        if goal_children(session, None):
            raise StyrkortError(
                f"{store.location} innehåller redan data; demon skapas bara i en tom databas.",
                f"{store.location} already holds data; the demo is only created in an empty database.",
            )
    with store.transaction() as session:
        build_demo(session, kind)
    print(f"{demo_spec(kind).name} skapad i {store.location}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from app.services.platform.health import check_store

    report = check_store(open_db(args))
    print("\n".join(report.lines()))
    return 0 if report.healthy else 1


SUBCOMMANDS = {
    "demo": ("skapa en demo i en tom databas: Exempelregionen eller (--kind kommun) Exempelkommunen",
             _demo_arguments, cmd_demo),
    "check": ("kontrollera databasens integritet och schemaversion", db_argument, cmd_check),
}
