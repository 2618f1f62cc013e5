"""Subcommands for the audit log."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from app.cli.common import db_argument, open_db
from app.models.errors import StyrkortError


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise StyrkortError(f"'{text}' är inget datum (skriv ÅÅÅÅ-MM-DD).",
                            f"'{text}' is not a date (write YYYY-MM-DD).") from None


def _where(args: argparse.Namespace):
    """The export's filter as a condition on AuditEntry (None: everything)."""
    import sqlalchemy as sa

    from app.models import AuditAction, AuditEntry

    conditions = []
    if args.user:
        conditions.append(AuditEntry.user.contains(args.user, autoescape=True))
    if args.kind:
        try:
            conditions.append(AuditEntry.action == AuditAction.from_text(args.kind))
        except (KeyError, ValueError):
            names = ", ".join(a.sv.lower() for a in AuditAction)
            raise StyrkortError(f"'{args.kind}' är ingen sorts ändring ({names}).",
                                f"'{args.kind}' is not a kind of change.") from None
    if args.since:
        conditions.append(AuditEntry.at >= dt.datetime.combine(_day(args.since), dt.time()))
    if args.until:
        conditions.append(AuditEntry.at < dt.datetime.combine(_day(args.until) + dt.timedelta(days=1), dt.time()))
    if args.entity:
        conditions.append(AuditEntry.entity == args.entity)
    return sa.and_(*conditions) if conditions else None


def cmd_audit_export(args: argparse.Namespace) -> int:
    from app.services.platform.anchors import anchor_text
    from app.services.platform.audit import chain_head, export_csv, export_xlsx
    from app.services.platform.audit_check import verify_chain

    destination = Path(args.file)
    if destination.is_dir() or not destination.parent.is_dir():
        raise StyrkortError(f"{destination} går inte att skriva: välj en fil i en befintlig mapp.",
                            f"{destination} cannot be written: choose a file in an existing folder.")
    where = _where(args)
    store = open_db(args, readonly=True)
    partial = destination.with_name(f".{destination.name}.partial")
    try:
        with store.session() as session:
            head = chain_head(session)
            if destination.suffix.lower() == ".xlsx":
                count = export_xlsx(session, partial, where, anchor_text(head.length, head.hash))
            else:
                count = export_csv(session, partial, where)
            problems = verify_chain(session)
        partial.replace(destination)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise StyrkortError(f"{destination} kunde inte skrivas ({exc.strerror or exc}).",
                            f"{destination} could not be written.") from exc
    finally:
        store.close()
    print(f"{count} loggposter exporterade till {destination}")
    print(anchor_text(head.length, head.hash))
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    return 1 if problems else 0


def _audit_export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FIL", help="fil att skriva: .xlsx (Excel, filter och låst rubrikrad) "
                                                   "eller .csv (UTF-8, semikolon)")
    parser.add_argument("--användare", "--user", dest="user", metavar="NAMN", help="bara ändringar av denna användare")
    parser.add_argument("--ändring", "--kind", dest="kind", metavar="SORT",
                        help="bara en sorts ändring: skapad, ändrad, borttagen, flyttad, importerad")
    parser.add_argument("--från", "--since", dest="since", metavar="DATUM", help="från och med datum (ÅÅÅÅ-MM-DD)")
    parser.add_argument("--till", "--until", dest="until", metavar="DATUM", help="till och med datum (ÅÅÅÅ-MM-DD)")
    parser.add_argument("--objekt", "--entity", dest="entity", metavar="SLAG",
                        help="bara ett slags objekt: goal, org_unit, indicator, result, target, directive …")
    db_argument(parser)


SUBCOMMANDS = {
    "audit-export": ("exportera ändringsloggen som Excel eller CSV med varje posts kontrollsumma",
                     _audit_export_arguments, cmd_audit_export),
}
