"""Start Styrkort: a subcommand runs on the command line (no Qt loaded); with none, the window opens."""

from __future__ import annotations

import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    from app import cli

    args = cli.build_parser().parse_args(argv)
    if args.command is None:
        from app.models.database_url import is_url
        from app.views.application import run_gui

        db = args.db if is_url(args.db) else Path(args.db) if args.db else None
        return run_gui(db, readonly=args.read_only)
    return cli.run(args)


if __name__ == "__main__":
    sys.exit(main())
