"""Running `styrkort` in tests: as a user does (a real process) or in-process (`main`, for the
exit code and messages of refused input)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from app import cli


def styrkort(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """A real `python -m app` process, headless."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=120)


def run_cli(capsys, *argv: str) -> tuple[int, str]:
    """`main` in this process: the exit code and everything printed."""
    try:
        code = cli.main(list(argv))
    except SystemExit as exit_:
        code = exit_.code
    captured = capsys.readouterr()
    return code, captured.out + captured.err
