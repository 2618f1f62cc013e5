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


# A Styrkort database is an SQLite file; this extension lets the file manager recognise it and
# open it in Styrkort (installer/linux/styrkort-mime.xml, installer/windows/styrkort.iss).
DB_SUFFIX = ".styrkort"
LAST_DATABASE = "last-database.txt"


def default_db_path() -> Path:
    return data_dir() / "styrkort.sqlite"


def demo_db_path(kind: str = "region") -> Path:
    """Where the first start's demo choice puts Exempelregionen (or Exempelkommunen)."""
    name = "Exempelkommunen" if kind == "kommun" else "Exempelregionen"
    return data_dir() / f"{name}{DB_SUFFIX}"


def remember_last_database(path: Path) -> None:
    """The window's last database, which the next start opens (a plain file, so that the
    command line's --version can tell it without Qt)."""
    try:
        (data_dir() / LAST_DATABASE).write_text(str(path.resolve()) + "\n", encoding="utf-8")
    except OSError:
        pass  # not remembering is harmless: the next start offers the choice again


def last_database() -> Path | None:
    """The database the next window start opens: the last one opened, if it still exists; else
    the data folder's styrkort.sqlite of versions before the first-start choice; else None."""
    try:
        text = (data_dir() / LAST_DATABASE).read_text(encoding="utf-8").strip()
    except OSError:
        text = ""
    if text and Path(text).is_file():
        return Path(text)
    legacy = default_db_path()
    return legacy if legacy.is_file() else None


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
