"""Subcommands for styrdokument and delegation."""

from __future__ import annotations

import argparse

from app.cli.common import db_argument, open_db, output_file


def _directives_arguments(parser: argparse.ArgumentParser) -> None:
    db_argument(parser)
    parser.add_argument("--due", action="store_true", help="bara styrdokument att revidera (inom 90 dagar)")


def cmd_directives(args: argparse.Namespace) -> int:
    from app.services.governance.directives import due_for_review, register

    with open_db(args).session() as session:
        rows = due_for_review(session) if args.due else register(session)
    for row in rows:
        due = row.review_due.isoformat() if row.review_due else "—"
        print(f"{row.doc_type.sv:<18} {row.case_number:<14} {row.state.sv:<10} {due:<10}  {row.title}")
    return 0


def _delegation_arguments(parser: argparse.ArgumentParser) -> None:
    db_argument(parser)
    parser.add_argument("--export", metavar="FIL", help="skriv listan till .xlsx eller .csv")


def cmd_delegation(args: argparse.Namespace) -> int:
    from app.services.governance.directives import export_decisions, unreported_decisions

    path = output_file(args.export, (".xlsx", ".csv")) if args.export else None
    with open_db(args).session() as session:
        rows = unreported_decisions(session)
    if path is not None:
        export_decisions(rows, path)
        print(f"{len(rows)} delegationsbeslut att anmäla skrivna till {path}")
        return 0
    for row in rows:
        print(f"{row.decided_on.isoformat()}  {row.item_number:<6} {row.case_number:<14} {row.summary}")
    return 0


SUBCOMMANDS = {
    "directives": ("lista styrdokumenten (--due: de som ska revideras)", _directives_arguments, cmd_directives),
    "delegation-decisions": ("lista delegationsbeslut som inte anmälts till nämnden", _delegation_arguments,
                             cmd_delegation),
}
