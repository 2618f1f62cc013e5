"""Subcommands for follow-up: status and the review pack."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.common import db_argument, open_db, report_date


def _status_arguments(parser: argparse.ArgumentParser) -> None:
    db_argument(parser)
    parser.add_argument("period", help="period: 2025, 2025T2, 2025K1 eller 2025-03")
    parser.add_argument("--scope", metavar="ENHETSKOD", help="nämnd, förvaltning eller enhet (standard: hela organisationen)")
    parser.add_argument("--rule", choices=["weighted_share", "worst"], help="sammanvägningsregel (standard: den valda)")
    parser.add_argument("--why", metavar="MÅLKOD", help="visa varför ett mål har sin status")


def cmd_status(args: argparse.Namespace) -> int:
    from app.services.followup.assessment import status_report

    with open_db(args).session() as session:
        print("\n".join(status_report(session, args.period, args.scope, args.rule, args.why)))
    return 0


def _pack_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FIL.pdf", help="PDF-filen som skrivs")
    db_argument(parser)
    parser.add_argument("--scope", metavar="KOD", help="enhetens kod (nämnd, enhet, utförare); standard: hela organisationen")
    parser.add_argument("--period", metavar="PERIOD", help="2025, 2025T2 …; standard: senaste perioden med utfall")
    parser.add_argument("--date", metavar="ÅÅÅÅ-MM-DD", help="rapportens datum (för arkivering); standard: i dag")


def cmd_pack(args: argparse.Namespace) -> int:
    from app.services.packs import PackOptions, generate

    day = report_date(args.date)
    store = open_db(args)
    result = generate(store, PackOptions(args.scope, args.period, day), Path(args.file))
    print(f"{result.path}: {result.pages} sidor, {result.goals} mål, {result.charts} diagram "
          f"({result.scope_name}, {result.period_code})")
    return 0


SUBCOMMANDS = {
    "status": ("måluppfyllelse för en period (uppföljning)", _status_arguments, cmd_status),
    "pack": ("skriv en uppföljningsrapport som PDF", _pack_arguments, cmd_pack),
}
