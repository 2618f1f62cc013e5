"""Subcommands for reorganisations: move, merge and split units, listing the impact first.

Each prints the impact (one line per affected item) and applies the change unless --dry-run.
A refused change (unknown code, a rule) is one line on stderr, exit 2, nothing written."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt

from app.cli.common import db_argument, open_db
from app.models import OrgUnit
from app.models.errors import StyrkortError


def _date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise StyrkortError(f"{text} är inget datum (skriv ÅÅÅÅ-MM-DD).",
                            f"{text} is not a date (write YYYY-MM-DD).") from None


def _common(parser: argparse.ArgumentParser, *, date_required: bool) -> None:
    db_argument(parser)
    parser.add_argument("--from", dest="effective", metavar="DATUM", required=date_required,
                        help="gäller från detta datum (ÅÅÅÅ-MM-DD); tidigare perioder behåller den gamla organisationen")
    parser.add_argument("--dry-run", action="store_true", help="visa bara vad som påverkas; ändra ingenting")


class _DryRun(Exception):
    """Leaves the transaction without writing anything."""


@contextlib.contextmanager
def _writing(args: argparse.Namespace):
    """A transaction that a --dry-run rolls back (by raising _DryRun) after the full check."""
    try:
        with open_db(args).transaction() as session:
            yield session
    except _DryRun:
        pass


def _print_impact(found) -> None:
    for line in found.lines("sv"):
        print(line)
    counts = found.counts()
    total = sum(counts.values())
    units = "1 enhet berörs" if len(found.units) == 1 else f"{len(found.units)} enheter berörs"
    print(f"{units}; {total} poster påverkas" if total else f"{units}; inget annat påverkas")


def _unit_move_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("codes", nargs="+", metavar="KOD", help="enheterna som flyttas (med allt under dem)")
    parser.add_argument("--under", required=True, metavar="KOD", help="ny överordnad enhet")
    parser.add_argument("--flag-delegation", action="store_true",
                        help="markera den gamla nämndens delegationsordning för revidering")
    _common(parser, date_required=False)


def cmd_unit_move(args: argparse.Namespace) -> int:
    from app.services.organisation import editing as org
    from app.services.organisation import reorganisation as reorg

    effective = _date(args.effective)
    with _writing(args) as session:
        ids = reorg.resolve_codes(session, args.codes)
        parent = org.unit_id_by_code(session, args.under)
        org.check_move(session, ids, parent)
        _print_impact(reorg.impact(session, ids, parent, day=effective))
        if args.dry_run:
            raise _DryRun
        reorg.reorganise(session, ids, parent, effective, flag_delegation=args.flag_delegation)
    if args.dry_run:
        return 0
    when = f" från {effective.isoformat()}" if effective else ""
    moved = "1 enhet flyttad" if len(ids) == 1 else f"{len(ids)} enheter flyttade"
    print(f"{moved} under {args.under}{when}")
    return 0


def _unit_merge_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("codes", nargs="+", metavar="KOD", help="enheterna som slås ihop (upphör)")
    parser.add_argument("--into", required=True, metavar="KOD", help="enheten de slås ihop med (efterträdaren)")
    parser.add_argument("--keep-targets", action="store_true",
                        help="låt målvärden, planer och mål ligga kvar hos de upphörda enheterna")
    _common(parser, date_required=True)


def cmd_unit_merge(args: argparse.Namespace) -> int:
    from app.services.organisation import editing as org
    from app.services.organisation import reorganisation as reorg

    effective = _date(args.effective)
    with _writing(args) as session:
        sources = reorg.resolve_codes(session, args.codes)
        into = org.unit_id_by_code(session, args.into)
        found = reorg.impact(session, sources, into, merging=True, day=effective)
        # Checked in full even for a dry run, so that --dry-run answers "would this be refused?".
        reorg.merge_units(session, sources, into, effective, hand_over=not args.keep_targets)
        _print_impact(found)
        if args.dry_run:
            raise _DryRun
    if args.dry_run:
        return 0
    print(f"{', '.join(args.codes)} slogs ihop med {args.into} från {effective.isoformat()}")
    return 0


def _unit_split_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("code", metavar="KOD", help="enheten som delas (upphör)")
    parser.add_argument("--into", required=True, action="append", metavar="KOD=NAMN",
                        help="en ny enhet (minst två); enheter under den delade hamnar under den första")
    _common(parser, date_required=True)


def cmd_unit_split(args: argparse.Namespace) -> int:
    from app.services.organisation import editing as org
    from app.services.organisation import reorganisation as reorg

    effective = _date(args.effective)
    parts = []
    for text in args.into:
        code, sep, name = text.partition("=")
        if not sep or not code.strip() or not name.strip():
            raise StyrkortError(f"--into {text}: skriv KOD=NAMN.", f"--into {text}: write CODE=NAME.")
        parts.append((code.strip(), name.strip()))
    with _writing(args) as session:
        unit = org.unit_id_by_code(session, args.code)
        parent = session.get(OrgUnit, unit).parent_id
        found = reorg.impact(session, [unit], parent, merging=True, day=effective)
        reorg.split_unit(session, unit, parts, effective)
        _print_impact(found)
        if args.dry_run:
            raise _DryRun
    if args.dry_run:
        return 0
    print(f"{args.code} delades i {', '.join(code for code, _ in parts)} från {effective.isoformat()}")
    return 0


def _unit_history_arguments(parser: argparse.ArgumentParser) -> None:
    db_argument(parser)
    parser.add_argument("code", metavar="KOD", help="enheten")


def cmd_unit_history(args: argparse.Namespace) -> int:
    from app.services.organisation import editing as org
    from app.services.organisation import reorganisation as reorg

    with open_db(args, readonly=True).session() as session:
        history = reorg.unit_history(session, org.unit_id_by_code(session, args.code))
    for parent, until in history.lines:
        print(f"under\t{parent}\ttill {until.isoformat()}")
    for _id, name, kind, day in history.predecessors:
        print(f"föregångare\t{name}\t{'sammanslagen' if kind == 'merge' else 'delad'} {day.isoformat()}")
    for _id, name, kind, day in history.successors:
        print(f"efterträdare\t{name}\t{'sammanslagen' if kind == 'merge' else 'delad'} {day.isoformat()}")
    if history.closed_on:
        print(f"upphörde\t{history.closed_on.isoformat()}")
    return 0


SUBCOMMANDS = {
    "unit-move": ("flytta enheter till en ny överordnad enhet (visar först vad som påverkas)",
                  _unit_move_arguments, cmd_unit_move),
    "unit-merge": ("slå ihop enheter med en annan från ett datum (visar först vad som påverkas)",
                   _unit_merge_arguments, cmd_unit_merge),
    "unit-split": ("dela en enhet i nya enheter från ett datum (visar först vad som påverkas)",
                   _unit_split_arguments, cmd_unit_split),
    "unit-history": ("visa en enhets omorganisationer: tidigare linjer, föregångare och efterträdare",
                     _unit_history_arguments, cmd_unit_history),
}
