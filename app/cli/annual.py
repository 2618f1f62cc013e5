"""Subcommands for the year's cycle: the delårsrapport and årsredovisning, uppdrag, finances
(budget, utfall, prognos, balanskrav) and internkontroll."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from app.cli.common import db_argument, open_db, report_date
from app.models.errors import StyrkortError


def _report_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FIL", help="rapporten: FIL.pdf eller FIL.docx (redigerbar i Word)")
    db_argument(parser)
    parser.add_argument("--kind", required=True, metavar="SLAG", help="delårsrapport eller årsredovisning")
    parser.add_argument("--period", required=True, metavar="P",
                        help="2026T1 (januari–april), 2026T2 (januari–augusti) eller 2025 (helår)")
    parser.add_argument("--scope", metavar="KOD", help="en nämnds kod; standard: hela organisationen")
    parser.add_argument("--date", metavar="ÅÅÅÅ-MM-DD", help="rapportens datum; standard: i dag")


def cmd_report(args: argparse.Namespace) -> int:
    from app.services.annual.reports import write_report

    result = write_report(open_db(args), args.kind, args.period, args.scope, Path(args.file),
                          report_date(args.date))
    unit = "sidor" if result.path.suffix.lower() == ".pdf" else "kapitel"
    print(f"{result.path}: {result.title} {result.period_text}, {result.scope_name} ({result.pages} {unit})")
    return 0


def _assignments_arguments(parser: argparse.ArgumentParser) -> None:
    db_argument(parser)
    parser.add_argument("--period", metavar="P", help="status som den var rapporterad till och med perioden")
    parser.add_argument("--overdue", action="store_true", help="bara försenade uppdrag")


def cmd_assignments(args: argparse.Namespace) -> int:
    from app.services.annual.assignments import list_assignments

    today = dt.date.today()
    with open_db(args).session() as session:
        rows = list_assignments(session, args.period)
    for row in rows:
        if args.overdue and not row.overdue(today):
            continue
        due = row.due_on.isoformat() if row.due_on else "—"
        late = " FÖRSENAT" if row.overdue(today) else ""
        print(f"{row.code:<10} {due:<10} {row.state.sv:<22} {row.assignee:<30} {row.title}{late}")
    return 0


def _balance_arguments(parser: argparse.ArgumentParser) -> None:
    db_argument(parser)
    parser.add_argument("year", type=int, metavar="ÅR")


def cmd_balance(args: argparse.Namespace) -> int:
    from app.services.annual.finances import balance_statement
    from app.services.platform.swedish import number

    with open_db(args).session() as session:
        statement = balance_statement(session, args.year)
    for line in statement.lines:
        print(f"{line.label:<55} {number(line.amount, 1):>12}")
    if statement.to_restore:
        print(f"Negativt balanskravsresultat: {number(statement.to_restore, 1)} mnkr ska återställas inom tre år.")
    return 0


def _finance_import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FIL", help="ekonomisystemets export (.xlsx .csv): budget, utfall, prognos")
    db_argument(parser)
    parser.add_argument("--dry-run", action="store_true", help="visa vad som skulle ändras, skriv inget")
    parser.add_argument("--period", metavar="P", help="period för filer utan periodkolumn")


def cmd_finance_import(args: argparse.Namespace) -> int:
    from app.services.annual.finance_import import run_finance_import

    plan = run_finance_import(open_db(args), args.file, dry_run=args.dry_run, period=args.period)
    if not plan.ok:
        for problem in plan.problems:
            print(problem.line(), file=sys.stderr)
        print(f"styrkort: {len(plan.problems)} fel; ingenting importerades.", file=sys.stderr)
        return 2
    print(("Provkörning (inget skrevs): " if args.dry_run else "") + plan.summary())
    return 0


def _finance_arguments(parser: argparse.ArgumentParser) -> None:
    db_argument(parser)
    parser.add_argument("period", help="2026T2 (januari–augusti) eller 2025 (helår)")


def cmd_finance(args: argparse.Namespace) -> int:
    from app.services.annual.finances import finance_table
    from app.services.followup.periods import require_period
    from app.services.platform.swedish import number

    with open_db(args).session() as session:
        require_period(session, args.period)
        table = finance_table(session, args.period)
    print(f"{'Enhet':<34} {'Slag':<12} {'Budget':>12} {'Utfall':>12} {'Prognos':>12} {'Avvikelse':>12}")
    for row in table.rows:
        print(f"{row.unit:<34} {row.kind.sv:<12} {number(row.budget, 0):>12} {number(row.outcome, 0):>12} "
              f"{number(row.forecast, 0):>12} {number(row.deviation, 0):>12}")
    return 0


def _sdg_arguments(parser: argparse.ArgumentParser) -> None:
    db_argument(parser)
    parser.add_argument("code", metavar="MÅLKOD")
    parser.add_argument("--set", metavar="N,N", help="de globala målen (1–17), kommaseparerade; tomt tar bort")


def cmd_sdg(args: argparse.Namespace) -> int:
    from app.services.annual.agenda2030 import SDG_NAMES, goal_sdgs, set_goal_sdgs
    from app.services.goals import editing as goals

    store = open_db(args)
    if args.set is not None:
        try:
            wanted = [int(part) for part in args.set.replace(" ", "").split(",") if part]
        except ValueError:
            raise StyrkortError(f"{args.set!r}: ange de globala målen som tal, t.ex. 3,10.",
                                f"{args.set!r}: give the global goals as numbers, e.g. 3,10.") from None
        with store.transaction() as session:
            set_goal_sdgs(session, goals.goal_id_by_code(session, args.code), wanted)
    with store.session() as session:
        for sdg in goal_sdgs(session, goals.goal_id_by_code(session, args.code)):
            print(f"{sdg:>2}  {SDG_NAMES[sdg]}")
    return 0


SUBCOMMANDS = {
    "goal-sdg": ("visa eller ange ett måls globala mål i Agenda 2030", _sdg_arguments, cmd_sdg),
    "report": ("skriv delårsrapport eller årsredovisning som PDF eller .docx", _report_arguments, cmd_report),
    "assignments": ("lista uppdragen från fullmäktige och styrelsen med status", _assignments_arguments,
                    cmd_assignments),
    "finance": ("budget, utfall, prognos och avvikelse per nämnd för en period", _finance_arguments, cmd_finance),
    "finance-import": ("importera budget, utfall och prognos från ekonomisystemets export",
                       _finance_import_arguments, cmd_finance_import),
    "balanskrav": ("balanskravsutredningen för ett år", _balance_arguments, cmd_balance),
}
