"""Where Styrkort keeps its files: the user's data folder (platformdirs), unless
STYRKORT_DATA_DIR says otherwise (tests, portable installs)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def data_dir() -> Path:
    override = os.environ.get("STYRKORT_DATA_DIR")
    path = Path(override) if override else platformdirs.user_data_path("Styrkort", appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / "styrkort.sqlite"


def log_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def resource_path(*parts: str) -> Path:
    """A file from resources/: in the source tree when run from a checkout (make run), else
    where a wheel installs it (sys.prefix/share/styrkort, see pyproject's data-files)."""
    import sys

    source_tree = Path(__file__).resolve().parents[2] / "resources"
    candidate = source_tree.joinpath(*parts)
    if candidate.exists():
        return candidate
    return Path(sys.prefix, "share", "styrkort").joinpath(*parts)
