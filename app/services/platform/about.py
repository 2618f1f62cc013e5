"""What `styrkort --version` and Hjälp ▸ Om tell: the version, the schema version this program
writes, and where the database and its backups live. Reads the database file read-only (no
SQLAlchemy, nothing written), so it also works on a file another Styrkort has open."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app import __version__
from app.models.backup_files import backup_folders
from app.models.errors import StyrkortError
from app.models.paths import data_dir, last_database
from app.models.store import head_revision, inspect_file


@dataclass(frozen=True)
class About:
    version: str
    schema: str  # the schema version this program writes (the newest migration)
    database: Path | None
    database_schema: str | None  # the file's own schema version, when it could be read
    backups: Path | None
    data_folder: Path

    def lines(self, language: str = "sv") -> list[str]:
        sv = language == "sv"
        none = "(ingen ännu)" if sv else "(none yet)"
        database = str(self.database) if self.database else none
        if self.database_schema:
            database += f" (schema {self.database_schema})"
        return [
            f"Styrkort {self.version}",
            f"{'Schemaversion' if sv else 'Schema version'}: {self.schema}",
            f"{'Databas' if sv else 'Database'}: {database}",
            f"{'Säkerhetskopior' if sv else 'Backups'}: {self.backups or none}",
            f"{'Datamapp' if sv else 'Data folder'}: {self.data_folder}",
        ]


def about(database: Path | None = None) -> About:
    """The facts for `database`, or for the one the window would open next."""
    path = database if database is not None else last_database()
    file_schema = None
    if path is not None and path.is_file():
        try:
            file_schema = inspect_file(path).revision
        except StyrkortError:
            file_schema = None
    return About(__version__, head_revision(), path, file_schema,
                 backup_folders(path)[0] if path is not None else None, data_dir())
