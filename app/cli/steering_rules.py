"""Subcommands for the rules of the steering model and the nämnd's documents: the roll-up thresholds, the
anmälan av delegationsbeslut and the provider programme."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from app.cli.common import db_argument, open_db
from app.models.errors import StyrkortError


def _date(text: str | None, what: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise StyrkortError(f"{text!r} är inget datum ({what}); skriv ÅÅÅÅ-MM-DD.",
                            f"{text!r} is not a date ({what}); write YYYY-MM-DD.") from None


def _report_arguments(parser: argparse.ArgumentParser) -> None:
    db_argument(parser)
    parser.add_argument("committee", metavar="NÄMNDKOD", help="nämndens kod (t.ex. ON)")
    parser.add_argument("--from", dest="start", required=True, metavar="ÅÅÅÅ-MM-DD", help="periodens första dag")
    parser.add_argument("--to", dest="end", required=True, metavar="ÅÅÅÅ-MM-DD", help="periodens sista dag")
    parser.add_argument("--meeting", metavar="ÅÅÅÅ-MM-DD", help="sammanträdet anmälan går till")
    parser.add_argument("--out", metavar="FIL", help="skriv dokumentet som .pdf eller .xlsx")


def cmd_report(args: argparse.Namespace) -> int:
    from app.services.governance import delegation_report as dr

    start, end = _date(args.start, "--from"), _date(args.end, "--to")
    meeting = _date(args.meeting, "--meeting")
    with open_db(args).session() as session:
        report = dr.delegation_report(session, args.committee, start, end, meeting)
    if args.out:
        path = Path(args.out)
        if path.suffix.lower() == ".pdf":
            pages = dr.write_pdf(report, path)
            print(f"{path}: {pages} sidor, {report.decision_count} beslut")
        elif path.suffix.lower() == ".xlsx":
            dr.write_xlsx(report, path)
            print(f"{path}: {report.decision_count} beslut")
        else:
            raise StyrkortError("Skriv anmälan till .pdf eller .xlsx.", "Write the report to .pdf or .xlsx.")
        return 0
    print("\n".join(dr.to_text(report)))
    return 0


def _thresholds_arguments(parser: argparse.ArgumentParser) -> None:
    db_argument(parser)
    parser.add_argument("--met", type=float, metavar="PROCENT", help="viktad andel för uppfyllt (standard 75)")
    parser.add_argument("--partly", type=float, metavar="PROCENT", help="viktad andel för delvis (standard 40)")
    parser.add_argument("--partly-score", type=float, metavar="POÄNG", help="poäng för delvis uppfyllt (standard 0,5)")


def cmd_thresholds(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from app.services.followup.status import rollup_rule, rule_text, set_thresholds, thresholds

    store = open_db(args)
    if args.met is None and args.partly is None and args.partly_score is None:
        with store.session() as session:
            print(rule_text(rollup_rule(session), thresholds(session)))
        return 0
    with store.transaction() as session:
        current = thresholds(session)
        new = replace(current, **{k: v for k, v in (("met", None if args.met is None else args.met / 100),
                                                    ("partly", None if args.partly is None else args.partly / 100),
                                                    ("partly_score", args.partly_score)) if v is not None})
        set_thresholds(session, new)
        print(rule_text(rollup_rule(session), new))
    return 0


SUBCOMMANDS = {
    "delegation-report": ("anmälan av delegationsbeslut till en nämnd för en period (text, PDF eller Excel)",
                          _report_arguments, cmd_report),
    "thresholds": ("visa eller ändra gränserna för sammanvägd måluppfyllelse (styrmodellen)",
                   _thresholds_arguments, cmd_thresholds),
}
