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


def _demo_arguments(parser: argparse.ArgumentParser) -> None:
    db_argument(parser)
    parser.add_argument("--kind", choices=["region", "kommun"], default="region",
                        help="Exempelregionen (hälso- och sjukvård, vårdval …) eller Exempelkommunen "
                             "(skola, äldreomsorg, individ- och familjeomsorg); standard: region")


def cmd_demo(args: argparse.Namespace) -> int:
    from app.services.demo.builder import build_demo, demo_spec
    from app.services.platform.trees import goal_children

    kind = getattr(args, "kind", "region")
    store = open_db(args, create=True, writes=True)
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
    "new": ("skapa en ny, tom databas (--db FIL)", db_argument, cmd_new),
    "demo": ("skapa en demo i en tom databas: Exempelregionen eller (--kind kommun) Exempelkommunen",
             _demo_arguments, cmd_demo),
    "check": ("kontrollera databasens integritet, schemaversion och ändringsloggens kedja",
              _check_arguments, cmd_check),
}
