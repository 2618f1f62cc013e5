"""The command line: subcommands that run the same services as the window, without Qt.
Exit codes: 0 done, 2 the user's input was refused (with a message), 1 a fault.

Each area has a module here with a `SUBCOMMANDS` dict: name → (help, argument setup, handler).
Add a module to `AREAS` to register its subcommands. The window is started by `app.launcher`,
so `import app.cli` loads no Qt."""

from __future__ import annotations

import argparse
import os
import sys

from app import __version__
from app.cli import (
    annual,
    database,
    exchange,
    followup,
    goals,
    governance,
    organisation,
    platform,
    shared,
    steering,
    steering_rules,
    sync,
)
from app.cli.common import Handler, Setup, db_argument, output_error
from app.models.errors import StyrkortError

AREAS = [database, goals, steering, organisation, followup, governance, exchange, platform, steering_rules, annual,
         shared, sync]

SUBCOMMANDS: dict[str, tuple[str, Setup, Handler]] = {
    name: entry for area in AREAS for name, entry in area.SUBCOMMANDS.items()
}


# argparse's own texts (usage, errors, help headings) in Swedish, like the rest of the command line.
SWEDISH = {
    "usage: ": "användning: ",
    "positional arguments": "argument",
    "options": "flaggor",
    "optional arguments": "flaggor",
    "show this help message and exit": "visa den här hjälpen och avsluta",
    "show program's version number and exit": "visa programmets version och avsluta",
    "the following arguments are required: %s": "följande argument krävs: %s",
    "unrecognized arguments: %s": "okända argument: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ogiltigt val: %(value)r (välj bland %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argumentet %(argument_name)s: %(message)s",
    "expected one argument": "ett värde krävs",
    "expected at least one argument": "minst ett värde krävs",
    "expected at most one argument": "högst ett värde",
    "invalid %(type)s value: %(value)r": "ogiltigt värde (%(type)s): %(value)r",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fel: %(message)s\n",
    "ambiguous option: %(option)s could match %(matches)s": "tvetydig flagga: %(option)s kan vara %(matches)s",
    "not allowed with argument %s": "får inte användas med argumentet %s",
    "one of the arguments %s is required": "ett av argumenten %s krävs",
    "ignored explicit argument %r": "ignorerat värde %r",
}


def _swedish(text: str) -> str:
    return SWEDISH.get(text, text)


def _swedish_n(singular: str, plural: str, count: int) -> str:
    return _swedish(singular if count == 1 else plural)


def build_parser() -> argparse.ArgumentParser:
    argparse._ = _swedish  # argparse looks its texts up through gettext at call time
    argparse.ngettext = _swedish_n
    parser = argparse.ArgumentParser(prog="styrkort", description="Styrkort – mål, uppföljning och styrdokument.")
    parser.add_argument("--version", action="version", version=f"Styrkort {__version__}",
                        help="visa programmets version och avsluta")
    db_argument(parser, top=True)
    parser.add_argument("--read-only", action="store_true", help="öppna databasen skrivskyddad")
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO", title="kommandon")
    for name, (help_text, setup, handler) in SUBCOMMANDS.items():
        description = help_text[:1].upper() + help_text[1:] + "."
        sub_parser = sub.add_parser(name, help=help_text, description=description)
        setup(sub_parser)
        db_argument(sub_parser)  # every subcommand takes --db, before or after its name
        sub_parser.set_defaults(handler=handler)
    return parser


def run(args: argparse.Namespace) -> int:
    """Run a parsed subcommand; a refused input is a message on stderr and its exit code."""
    try:
        code = args.handler(args)
        sys.stdout.flush()
        return code
    except StyrkortError as exc:
        print(f"styrkort: {exc.sv}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        # `styrkort check | head -1`: the reader has gone; end quietly, as command-line tools do.
        # Python would flush stdout again at exit and fail the same way: point it at nothing.
        try:
            with open(os.devnull, "w") as devnull:
                os.dup2(devnull.fileno(), sys.stdout.fileno())
        except (OSError, ValueError):  # a stdout without a file descriptor (tests)
            pass
        return 0
    except OSError as exc:  # an output file or folder that cannot be written, a full disk
        print(f"styrkort: {output_error(exc).sv}", file=sys.stderr)
        return 2


def main(argv: list[str] | None = None) -> int:
    """Run one subcommand (the `styrkort` program itself is `app.launcher.main`, which also opens
    the window when no subcommand is given)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    return run(args)
