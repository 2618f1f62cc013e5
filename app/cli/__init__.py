"""The command line: subcommands that run the same services as the window, without Qt.
Exit codes: 0 done, 2 the user's input was refused (with a message), 1 a fault.

Each area has a module here with a `SUBCOMMANDS` dict: name → (help, argument setup, handler).
Add a module to `AREAS` to register its subcommands. The window is started by `app.launcher`,
so `import app.cli` loads no Qt."""

from __future__ import annotations

import argparse
import sys

from app import __version__
from app.cli import annual, database, exchange, followup, goals, governance, platform
from app.cli.common import Handler, Setup, db_argument
from app.models.errors import StyrkortError

AREAS = [database, goals, followup, governance, exchange, platform, annual]

SUBCOMMANDS: dict[str, tuple[str, Setup, Handler]] = {
    name: entry for area in AREAS for name, entry in area.SUBCOMMANDS.items()
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="styrkort", description="Styrkort – mål, uppföljning och styrdokument.")
    parser.add_argument("--version", action="version", version=f"Styrkort {__version__}")
    db_argument(parser)
    parser.add_argument("--read-only", action="store_true", help="öppna databasen skrivskyddad")
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO")
    for name, (help_text, setup, handler) in SUBCOMMANDS.items():
        sub_parser = sub.add_parser(name, help=help_text)
        setup(sub_parser)
        sub_parser.set_defaults(handler=handler)
    return parser


def run(args: argparse.Namespace) -> int:
    """Run a parsed subcommand; a refused input is a message on stderr and its exit code."""
    try:
        return args.handler(args)
    except StyrkortError as exc:
        print(f"styrkort: {exc.sv}", file=sys.stderr)
        return exc.exit_code


def main(argv: list[str] | None = None) -> int:
    """Run one subcommand (the `styrkort` program itself is `app.launcher.main`, which also opens
    the window when no subcommand is given)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    return run(args)
