"""Subcommands for the audit log."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.common import db_argument, open_db
from app.models.errors import StyrkortError


def cmd_audit_export(args: argparse.Namespace) -> int:
    from app.services.platform.audit import export_csv, verify_chain

    store = open_db(args, readonly=True)
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
    db_argument(parser)


SUBCOMMANDS = {
    "audit-export": ("exportera ändringsloggen som CSV (för en begäran om allmän handling)",
                     _audit_export_arguments, cmd_audit_export),
}
