"""Every table's content with ids replaced by what they point at: what "the same database, ids
aside" means for the round trip, and what an unchanged database means for refused imports."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

# Bookkeeping, not content: who imported what when, and the schema's version.
NOT_CONTENT = {"audit_entry", "import_batch", "import_change", "import_mapping", "alembic_version"}
# An imported result records who imported it and when (the import's provenance), by design.
PROVENANCE = {"entered_at", "entered_by"}


def table_contents(path: Path) -> dict[str, list]:
    """table → sorted rows; a foreign key becomes the content of the row it names (recursively)."""
    db = sqlite3.connect(path)
    tables = [r[0] for r in db.execute("select name from sqlite_master where type='table' "
                                       "and name not like 'sqlite_%'") if r[0] not in NOT_CONTENT]
    columns = {t: [r[1] for r in db.execute(f"pragma table_info('{t}')")] for t in tables}
    keys = {t: {r[3]: r[2] for r in db.execute(f"pragma foreign_key_list('{t}')")} for t in tables}
    rows = {t: {r[0] if "id" in columns[t] else n: dict(zip(columns[t], r, strict=True))
                for n, r in enumerate(db.execute(f"select {', '.join(columns[t])} from {t}"))} for t in tables}
    db.close()
    memo: dict[tuple[str, int], tuple] = {}

    def content(table: str, row_id, depth: int = 0) -> tuple | None:
        if row_id is None:
            return None
        if (table, row_id) not in memo:
            row = rows[table][row_id]
            memo[(table, row_id)] = tuple(
                (name, content(keys[table][name], value, depth + 1) if name in keys[table] and depth < 30
                 else value) for name, value in row.items()
                if name not in ("id", "version") and keys[table].get(name) not in NOT_CONTENT
                and not (table == "result" and name in PROVENANCE))
        return memo[(table, row_id)]

    found = {}
    for table in tables:
        found[table] = sorted((content(table, key) for key in rows[table]), key=repr)
    return found


def digest(path: Path) -> str:
    """Every row of every table, ids and bookkeeping included: any write changes it."""
    db = sqlite3.connect(path)
    text = "\n".join(db.iterdump())
    db.close()
    return hashlib.sha256(text.encode()).hexdigest()


def store_contents(store) -> dict[str, list]:
    """`table_contents` of an open store on either engine: a server database is first copied
    into a scratch SQLite file (the copy is verified row for row, see platform/copying.py)."""
    if store.path is not None:
        return table_contents(store.path)
    import tempfile

    from app.services.platform.copying import copy_database

    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder) / "scratch.sqlite"
        copy_database(store.engine.url.render_as_string(hide_password=False), scratch)
        return table_contents(scratch)
