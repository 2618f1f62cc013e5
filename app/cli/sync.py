"""Subcommands for working offline: check out part of the regional database into a local file,
synchronise it, and decide the conflicts a sync found (docs/sync.md).

Exit codes of `sync`: 0 everything merged, 3 conflicts wait for a decision (one line each on
stdout), 2 the server cannot be reached or refuses (one line; the checkout is untouched)."""

from __future__ import annotations

import argparse
from pathlib import Path

CONFLICTS_WAIT = 3


def _checkout_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", required=True, metavar="URL", help="regionens databas, postgresql://användare@värd/databas")
    parser.add_argument("local", type=Path, metavar="FIL", help="ny lokal fil (.sqlite) att arbeta i offline")
    parser.add_argument("--scope", metavar="KOD", help="bara en nämnds (enhets) del: dess enheter, utfall, målvärden, "
                                                       "bedömningar och planer (standard: hela regionen)")


def cmd_checkout(args: argparse.Namespace) -> int:
    from app.services.sync.checkout import checkout

    report = checkout(args.db, args.local, args.scope)
    what = f"{args.scope} med enheterna under" if args.scope else "hela regionen"
    print(f"{report.total} rader ({what}) utcheckade från {report.server} till {report.path}; "
          f"ändringsnummer {report.cursor}")
    return 0


def _sync_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("local", type=Path, metavar="FIL", help="den utcheckade filen")
    parser.add_argument("--db", metavar="URL", help="regionens databas (standard: den filen checkades ut från)")


def cmd_sync(args: argparse.Namespace) -> int:
    from app.services.sync.engine import sync

    report = sync(args.local, args.db)
    for line in report.refused:
        print(f"nekad av servern: {line}")
    print(f"{report.pushed} ändringar skickade, {report.pulled} hämtade, {report.merged} sammanfogade"
          + (", en avbruten synkronisering slutförd" if report.resumed else "")
          + f" ({report.seconds:.2f} s)")
    for line in report.open_conflicts:
        print(f"konflikt {line}")
    return CONFLICTS_WAIT if report.open_conflicts else 0


def _conflicts_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("local", type=Path, metavar="FIL", help="den utcheckade filen")


def cmd_conflicts(args: argparse.Namespace) -> int:
    from app.services.sync.conflicts import describe_conflict, list_conflicts

    found = list_conflicts(args.local)
    for conflict in found:
        print(describe_conflict(conflict))
    return CONFLICTS_WAIT if found else 0


def _resolve_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("local", type=Path, metavar="FIL", help="den utcheckade filen")
    parser.add_argument("id", type=int, metavar="ID", help="konfliktens nummer (från styrkort conflicts)")
    parser.add_argument("--keep", required=True, choices=["mine", "theirs"],
                        help="mine: min version skickas vid nästa synk; theirs: serverns version gäller")


def cmd_resolve(args: argparse.Namespace) -> int:
    from app.services.sync.conflicts import resolve

    conflict = resolve(args.local, args.id, args.keep)
    kept = "din version (skickas vid nästa synkronisering)" if args.keep == "mine" else "serverns version"
    print(f"Konflikt #{conflict.id} ({conflict.table} {conflict.key}) avgjord: {kept}")
    return 0


SUBCOMMANDS = {
    "checkout": ("ta med offline: hela regionen eller en nämnd till en lokal fil", _checkout_arguments, cmd_checkout),
    "sync": ("synkronisera en utcheckad fil med regionens databas", _sync_arguments, cmd_sync),
    "conflicts": ("visa konflikterna som väntar på beslut", _conflicts_arguments, cmd_conflicts),
    "resolve": ("avgör en konflikt: behåll min eller deras version", _resolve_arguments, cmd_resolve),
}
