"""The command line: `styrkort [--db PATH]` opens the window; subcommands run the same services
without one. Exit codes: 0 done, 2 the user's input was refused (with a message), 1 a fault."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from app import __version__
from app.models.errors import StyrkortError
from app.models.paths import default_db_path
from app.models.store import Store, open_store

Handler = Callable[[argparse.Namespace], int]


def _db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="PATH", help="databasfil (standard: i användarens datamapp)")


def _open(args: argparse.Namespace, *, create: bool = False) -> Store:
    return open_store(Path(args.db) if args.db else default_db_path(), create=create)


def cmd_demo(args: argparse.Namespace) -> int:
    from app.services.demo import DEMO_NAME, build_demo
    from app.services.trees import goal_children

    store = _open(args, create=True)
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
    from app.services.health import check_store

    report = check_store(_open(args))
    print("\n".join(report.lines()))
    return 0 if report.healthy else 1


def cmd_audit_export(args: argparse.Namespace) -> int:
    from app.services.audit import export_csv, verify_chain

    store = open_store(Path(args.db) if args.db else default_db_path(), readonly=True, create=False)
    destination = Path(args.file)
    if destination.is_dir() or not destination.parent.is_dir():
        raise StyrkortError(f"{destination} går inte att skriva: välj en fil i en befintlig mapp.",
                            f"{destination} cannot be written: choose a file in an existing folder.")
    try:
        with store.session() as session:
            count = export_csv(session, destination)
            problems = verify_chain(session)
    finally:
        store.close()
    print(f"{count} loggposter exporterade till {destination}")
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    return 1 if problems else 0


def _audit_export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FIL", help="CSV-fil att skriva (UTF-8, semikolon)")
    _db_argument(parser)


# Subcommands register here: name → (help, argument setup, handler).
SUBCOMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Handler]] = {
    "demo": ("skapa demoregionen Exempelregionen i en tom databas", _db_argument, cmd_demo),
    "check": ("kontrollera databasens integritet och schemaversion", _db_argument, cmd_check),
    "audit-export": ("exportera ändringsloggen som CSV (för en begäran om allmän handling)",
                     _audit_export_arguments, cmd_audit_export),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="styrkort", description="Styrkort – mål, uppföljning och styrdokument.")
    parser.add_argument("--version", action="version", version=f"Styrkort {__version__}")
    _db_argument(parser)
    parser.add_argument("--read-only", action="store_true", help="öppna databasen skrivskyddad")
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO")
    for name, (help_text, setup, handler) in SUBCOMMANDS.items():
        sub_parser = sub.add_parser(name, help=help_text)
        setup(sub_parser)
        sub_parser.set_defaults(handler=handler)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        from app.views.application import run_gui

        return run_gui(Path(args.db) if args.db else None, readonly=args.read_only)
    try:
        return args.handler(args)
    except StyrkortError as exc:
        print(f"styrkort: {exc.sv}", file=sys.stderr)
        return exc.exit_code


if __name__ == "__main__":
    sys.exit(main())
