"""Subcommands for Excel exchange: import, export and the template."""

from __future__ import annotations

import argparse
import sys

from app.cli.common import (
    db_argument,
    db_path,
    is_url,
    open_db,
    open_db_untouched,
    output_file,
    refuse_if_open,
    writing,
)
from app.models.errors import StyrkortError


def _import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FIL", help="fil att importera (.xlsx .xlsm .ods .csv .json)")
    db_argument(parser)
    parser.add_argument("--dry-run", action="store_true",
                        help="visa vad som skulle ändras och skapas, skriv inget (ingen databas, ingen kopia)")
    parser.add_argument("--sheet", metavar="NAMN", help="bladet att läsa (standard: första synliga med data)")
    parser.add_argument("--create-missing", action="store_true",
                        help="skapa enheter, indikatorer och mål som inte finns i databasen")
    parser.add_argument("--update-existing", action="store_true",
                        help="låt filen ändra befintliga mål, enheter och indikatorer (listas i provkörningen)")
    parser.add_argument("--period", metavar="P", help="period för filer utan periodkolumn (2025, 2025T1 …)")
    parser.add_argument("--decimal", choices=["comma", "point"],
                        help="decimaltecken i filens tal (standard: avgörs per kolumn av alla dess celler)")
    parser.add_argument("--blank-clears", action="store_true",
                        help="tomma celler tömmer värden (standard: en tom cell ändrar aldrig ett lagrat värde)")
    parser.add_argument("--closed-periods", action="store_true",
                        help="importera utfall till stängda perioder (de markeras som sena)")
    parser.add_argument("--map", action="append", default=[], metavar="KOLUMN=FÄLT",
                        help="ange vad en kolumn är (rubrik eller bokstav = indicator, unit, period, value, "
                             "target, gender, comment, municipality, ignore …); kan upprepas")


def cmd_import(args: argparse.Namespace) -> int:
    from app.services.exchange.importing import ImportOptions, run_import

    if not args.dry_run and not getattr(args, "force", False) and not is_url(args):
        refuse_if_open(db_path(args))
    # A dry run opens the file read-only: no database, no backup, no lock file is written.
    store = open_db_untouched(args) if args.dry_run else open_db(args)
    options = ImportOptions(sheet=args.sheet, create_missing=args.create_missing, period=args.period,
                            decimal=args.decimal, blank_clears=args.blank_clears,
                            update_existing=args.update_existing, closed_periods=args.closed_periods,
                            column_map=parse_map(args.map))
    try:
        plan = run_import(store, args.file, options, dry_run=args.dry_run)
    finally:
        store.close()
    if not plan.ok:
        for problem in plan.problems:
            print(problem.line("sv"), file=sys.stderr)
        for line in plan.detail_lines("sv"):
            print(line, file=sys.stderr)
        print(f"styrkort: {len(plan.problems)} fel; ingenting importerades.", file=sys.stderr)
        return 2
    prefix = "Provkörning (inget skrevs): " if args.dry_run else ""
    print(f"{prefix}{plan.summary('sv')}")
    for line in plan.detail_lines("sv"):
        print(line)
    return 0


def parse_map(items: list[str]) -> dict[str, str]:
    """--map COLUMN=FIELD, repeatable: the column by its header (or letter) → a field name."""
    from app.services.exchange.shapes import FIELD_NAMES

    found = {}
    for item in items:
        column, sep, name = item.partition("=")
        if not sep or not column.strip() or name.strip() not in FIELD_NAMES:
            fields = ", ".join(FIELD_NAMES)
            raise StyrkortError(f"--map {item!r}: skriv KOLUMN=FÄLT, där FÄLT är ett av: {fields}",
                                f"--map {item!r}: write COLUMN=FIELD, where FIELD is one of: {fields}")
        found[column.strip()] = name.strip()
    return found


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FIL", help="arbetsbok att skriva (.xlsx)")
    db_argument(parser)
    parser.add_argument("--what", choices=["all", "follow-up"], default="all",
                        help="all: hela databasen; follow-up: uppföljning för en period")
    parser.add_argument("--period", metavar="P", help="period för uppföljningen (standard: senaste året)")
    parser.add_argument("--scope", metavar="KOD", help="uppföljningen för en enhet och allt under den (kod)")


def cmd_export(args: argparse.Namespace) -> int:
    from app.services.exchange.export import export_database, export_follow_up, latest_year, scope_unit

    destination = output_file(args.file, (".xlsx",))
    store = open_db(args)
    with store.session() as session:
        if args.what == "all":
            count = writing(destination, lambda: export_database(session, destination))
        else:
            period = args.period or latest_year(session)
            count = writing(destination, lambda: export_follow_up(session, destination, period,
                                                                  scope_unit(session, args.scope)))
    print(f"{count} rader skrivna till {destination}")
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    from app.services.exchange.export import write_template

    destination = output_file(args.file, (".xlsx",))
    writing(destination, lambda: write_template(destination))
    print(f"Importmall skriven till {destination}")
    return 0


SUBCOMMANDS = {
    "import": ("importera utfall eller struktur från Excel, CSV eller Kolada-JSON", _import_arguments, cmd_import),
    "export": ("exportera databasen eller uppföljningen till Excel", _export_arguments, cmd_export),
    "template": ("skriv en tom, dokumenterad importmall (.xlsx)",
                 lambda p: p.add_argument("file", metavar="FIL", help="arbetsbok att skriva (.xlsx)"), cmd_template),
}
