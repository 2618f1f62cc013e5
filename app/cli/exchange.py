"""Subcommands for Excel exchange: import, export and the template."""

from __future__ import annotations

import argparse
import sys

from app.cli.common import db_argument, open_db


def _import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FIL", help="fil att importera (.xlsx .xlsm .ods .csv .json)")
    db_argument(parser)
    parser.add_argument("--dry-run", action="store_true", help="visa vad som skulle ändras, skriv inget")
    parser.add_argument("--sheet", metavar="NAMN", help="bladet att läsa (standard: första synliga med data)")
    parser.add_argument("--create-missing", action="store_true",
                        help="skapa enheter och indikatorer som inte finns i databasen")
    parser.add_argument("--period", metavar="P", help="period för filer utan periodkolumn (2025, 2025T1 …)")


def cmd_import(args: argparse.Namespace) -> int:
    from app.services.exchange.importing import ImportOptions, run_import

    store = open_db(args, create=True)
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
    db_argument(parser)
    parser.add_argument("--what", choices=["all", "follow-up"], default="all",
                        help="all: hela databasen; follow-up: uppföljning för en period")
    parser.add_argument("--period", metavar="P", help="period för uppföljningen (standard: senaste året)")
    parser.add_argument("--scope", metavar="KOD", help="uppföljningen för en enhet och allt under den (kod)")


def cmd_export(args: argparse.Namespace) -> int:
    from app.services.exchange.export import export_database, export_follow_up, latest_year, scope_unit

    store = open_db(args)
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


SUBCOMMANDS = {
    "import": ("importera utfall eller struktur från Excel, CSV eller Kolada-JSON", _import_arguments, cmd_import),
    "export": ("exportera databasen eller uppföljningen till Excel", _export_arguments, cmd_export),
    "template": ("skriv en tom, dokumenterad importmall", lambda p: p.add_argument("file", metavar="FIL"),
                 cmd_template),
}
