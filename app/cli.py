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


def _import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FIL", help="fil att importera (.xlsx .xlsm .ods .csv .json)")
    _db_argument(parser)
    parser.add_argument("--dry-run", action="store_true", help="visa vad som skulle ändras, skriv inget")
    parser.add_argument("--sheet", metavar="NAMN", help="bladet att läsa (standard: första synliga med data)")
    parser.add_argument("--create-missing", action="store_true",
                        help="skapa enheter och indikatorer som inte finns i databasen")
    parser.add_argument("--period", metavar="P", help="period för filer utan periodkolumn (2025, 2025T1 …)")


def cmd_import(args: argparse.Namespace) -> int:
    from app.services.exchange.importing import ImportOptions, run_import

    store = _open(args, create=True)
    options = ImportOptions(sheet=args.sheet, create_missing=args.create_missing, period=args.period)
    plan = run_import(store, args.file, options, dry_run=args.dry_run)
    if not plan.ok:
        for problem in plan.problems:
            print(problem.line("sv"), file=sys.stderr)
        print(f"styrkort: {len(plan.problems)} fel; ingenting importerades.", file=sys.stderr)
        return 2
    prefix = "Provkörning (inget skrevs): " if args.dry_run else ""
    print(f"{prefix}{plan.summary('sv')}")
    return 0


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FIL", help="arbetsbok att skriva (.xlsx)")
    _db_argument(parser)
    parser.add_argument("--what", choices=["all", "follow-up"], default="all",
                        help="all: hela databasen; follow-up: uppföljning för en period")
    parser.add_argument("--period", metavar="P", help="period för uppföljningen (standard: senaste året)")
    parser.add_argument("--scope", metavar="KOD", help="uppföljningen för en enhet och allt under den (kod)")


def cmd_export(args: argparse.Namespace) -> int:
    from app.services.exchange.export import export_database, export_follow_up, latest_year, scope_unit

    store = _open(args)
    with store.session() as session:
        if args.what == "all":
            count = export_database(session, args.file)
        else:
            count = export_follow_up(session, args.file, args.period or latest_year(session),
                                     scope_unit(session, args.scope))
    print(f"{count} rader skrivna till {args.file}")
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    from app.services.exchange.export import write_template

    write_template(args.file)
    print(f"Importmall skriven till {args.file}")
    return 0


# Subcommands register here: name → (help, argument setup, handler).
SUBCOMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Handler]] = {
    "demo": ("skapa demoregionen Exempelregionen i en tom databas", _db_argument, cmd_demo),
    "check": ("kontrollera databasens integritet och schemaversion", _db_argument, cmd_check),
    "import": ("importera utfall eller struktur från Excel, CSV eller Kolada-JSON", _import_arguments, cmd_import),
    "export": ("exportera databasen eller uppföljningen till Excel", _export_arguments, cmd_export),
    "template": ("skriv en tom, dokumenterad importmall", lambda p: p.add_argument("file", metavar="FIL"),
                 cmd_template),
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
