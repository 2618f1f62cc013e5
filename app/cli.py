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
    from app.services.demo.builder import DEMO_NAME, build_demo
    from app.services.platform.trees import goal_children

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
    from app.services.platform.health import check_store

    report = check_store(_open(args))
    print("\n".join(report.lines()))
    return 0 if report.healthy else 1


def _goal_find_arguments(parser: argparse.ArgumentParser) -> None:
    _db_argument(parser)
    parser.add_argument("text", help="söktext: rubrik, kod, beskrivning eller indikatornamn")


def cmd_goal_find(args: argparse.Namespace) -> int:
    from app.services.goals import editing as goals

    with _open(args).session() as session:
        found = goals.search_goals(session, args.text)
        for goal_id in goals.in_tree_order(session, found.matches):
            detail = goals.goal_detail(session, goal_id)
            print(f"{detail.code or '-'}\t{detail.level.sv}\t{detail.title}")
    return 0 if found.matches else 1


def _goal_move_arguments(parser: argparse.ArgumentParser) -> None:
    _db_argument(parser)
    parser.add_argument("codes", nargs="+", metavar="KOD", help="målen som flyttas (med allt under dem)")
    parser.add_argument("--under", required=True, metavar="KOD", help="nytt överordnat mål")
    parser.add_argument("--row", type=int, default=-1, help="plats bland syskonen (0 = först; standard: sist)")


def cmd_goal_move(args: argparse.Namespace) -> int:
    from app.services.goals import editing as goals

    with _open(args).transaction() as session:
        ids = [goals.goal_id_by_code(session, code) for code in args.codes]
        goals.move_goals(session, ids, goals.goal_id_by_code(session, args.under), args.row)
    print(f"{len(ids)} mål flyttade under {args.under}")
    return 0


def _directives_arguments(parser: argparse.ArgumentParser) -> None:
    _db_argument(parser)
    parser.add_argument("--due", action="store_true", help="bara styrdokument att revidera (inom 90 dagar)")


def cmd_directives(args: argparse.Namespace) -> int:
    from app.services.governance.directives import due_for_review, register

    with _open(args).session() as session:
        rows = due_for_review(session) if args.due else register(session)
    for row in rows:
        due = row.review_due.isoformat() if row.review_due else "—"
        print(f"{row.doc_type.sv:<18} {row.case_number:<14} {row.state.sv:<10} {due:<10}  {row.title}")
    return 0


def _delegation_arguments(parser: argparse.ArgumentParser) -> None:
    _db_argument(parser)
    parser.add_argument("--export", metavar="FIL", help="skriv listan till .xlsx eller .csv")


def cmd_delegation(args: argparse.Namespace) -> int:
    from app.services.governance.directives import export_decisions, unreported_decisions

    with _open(args).session() as session:
        rows = unreported_decisions(session)
    if args.export:
        path = Path(args.export)
        if path.suffix.lower() not in (".xlsx", ".csv"):
            raise StyrkortError("Exportera till .xlsx eller .csv.", "Export to .xlsx or .csv.")
        export_decisions(rows, path)
        print(f"{len(rows)} delegationsbeslut att anmäla skrivna till {path}")
        return 0
    for row in rows:
        print(f"{row.decided_on.isoformat()}  {row.item_number:<6} {row.case_number:<14} {row.summary}")
    return 0


def _status_arguments(parser: argparse.ArgumentParser) -> None:
    _db_argument(parser)
    parser.add_argument("period", help="period: 2025, 2025T2, 2025K1 eller 2025-03")
    parser.add_argument("--scope", metavar="ENHETSKOD", help="nämnd, förvaltning eller enhet (standard: hela organisationen)")
    parser.add_argument("--rule", choices=["weighted_share", "worst"], help="sammanvägningsregel (standard: den valda)")
    parser.add_argument("--why", metavar="MÅLKOD", help="visa varför ett mål har sin status")


def cmd_status(args: argparse.Namespace) -> int:
    from app.services.followup.assessment import status_report

    with _open(args).session() as session:
        print("\n".join(status_report(session, args.period, args.scope, args.rule, args.why)))
    return 0


def _pack_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FIL.pdf", help="PDF-filen som skrivs")
    _db_argument(parser)
    parser.add_argument("--scope", metavar="KOD", help="enhetens kod (nämnd, enhet, utförare); standard: hela organisationen")
    parser.add_argument("--period", metavar="PERIOD", help="2025, 2025T2 …; standard: senaste perioden med utfall")
    parser.add_argument("--date", metavar="ÅÅÅÅ-MM-DD", help="rapportens datum (för arkivering); standard: i dag")


def cmd_pack(args: argparse.Namespace) -> int:
    import datetime as dt

    from app.services.packs import PackOptions, generate

    try:
        day = dt.date.fromisoformat(args.date) if args.date else None
    except ValueError:
        raise StyrkortError(f"{args.date!r} är inget datum; skriv ÅÅÅÅ-MM-DD, t.ex. 2026-01-31.",
                            f"{args.date!r} is not a date; write YYYY-MM-DD.") from None
    store = _open(args)
    result = generate(store, PackOptions(args.scope, args.period, day), Path(args.file))
    print(f"{result.path}: {result.pages} sidor, {result.goals} mål, {result.charts} diagram "
          f"({result.scope_name}, {result.period_code})")
    return 0


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


def cmd_audit_export(args: argparse.Namespace) -> int:
    from app.services.platform.audit import export_csv, verify_chain

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
    "goal-find": ("sök mål på rubrik, kod, beskrivning och indikatornamn", _goal_find_arguments, cmd_goal_find),
    "goal-move": ("flytta mål (med allt under dem) till ett nytt överordnat mål", _goal_move_arguments,
                  cmd_goal_move),
    "directives": ("lista styrdokumenten (--due: de som ska revideras)", _directives_arguments, cmd_directives),
    "delegation-decisions": ("lista delegationsbeslut som inte anmälts till nämnden", _delegation_arguments,
                                 cmd_delegation),
    "status": ("måluppfyllelse för en period (uppföljning)", _status_arguments, cmd_status),
    "pack": ("skriv en uppföljningsrapport som PDF", _pack_arguments, cmd_pack),
    "import": ("importera utfall eller struktur från Excel, CSV eller Kolada-JSON", _import_arguments, cmd_import),
    "export": ("exportera databasen eller uppföljningen till Excel", _export_arguments, cmd_export),
    "template": ("skriv en tom, dokumenterad importmall", lambda p: p.add_argument("file", metavar="FIL"),
                 cmd_template),
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
