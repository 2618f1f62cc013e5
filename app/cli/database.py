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
    """Exit 0: everything holds; 1: problems found (each on its own line); 2: could not check."""
    from pathlib import Path

    from app.services.platform.anchors import anchors_in_file
    from app.services.platform.health import check_store

    anchors = []
    for name in args.anchor or []:
        path = Path(name)
        try:
            found = anchors_in_file(path)
        except Exception as exc:  # noqa: BLE001 - any unreadable file: say so, check nothing
            raise StyrkortError(f"{path} kunde inte läsas som ankare ({exc.__class__.__name__}); "
                                "ingen kontroll gjordes.",
                                f"{path} could not be read as an anchor; nothing was checked.") from exc
        if not found:
            raise StyrkortError(f"{path} innehåller ingen kontrollsumma för ändringsloggen; ingen kontroll gjordes.",
                                f"{path} holds no audit checksum; nothing was checked.")
        anchors += found
    report = check_store(open_db(args), anchors)
    print("\n".join(report.lines()))
    return 0 if report.healthy else 1


def _check_arguments(parser: argparse.ArgumentParser) -> None:
    db_argument(parser)
    parser.add_argument("--ankare", "--anchor", dest="anchor", action="append", metavar="FIL",
                        help="jämför också med kontrollsumman i en rapport (PDF), export (.xlsx/CSV) "
                             "eller ankarfil; kan anges flera gånger")


SUBCOMMANDS = {
    "demo": ("skapa demoregionen Exempelregionen i en tom databas", db_argument, cmd_demo),
    "check": ("kontrollera databasens integritet, schemaversion och ändringsloggens kedja",
              _check_arguments, cmd_check),
}
