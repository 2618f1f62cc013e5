"""Anchors: the audit chain's head (length and last hash) kept where the database cannot rewrite it.

* Beside the database: `<file>.anchors` (one JSON line per commit that appended to the log), and
  a second copy in the user's data folder (outside a shared folder). Each line is sealed with the
  installation key, so a forged line is noticed by the installation that wrote it.
* In every backup: a backup holds the chain as it was, so its own head is an anchor.
* On every review pack and export: the line "Ändringsloggens kontrollsumma (date): N poster, hash".
  `styrkort check --ankare FILE` reads it back from a PDF, an .xlsx, a CSV or a text file."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.models.paths import data_dir
from app.services.platform.audit_key import installation_key, seal_with

ANCHOR_SUFFIX = ".anchors"
KEEP_LINES = 2000  # older lines are thinned to the last one per day
LABEL = "Ändringsloggens kontrollsumma"
_TEXT = re.compile(r"kontrollsumma\s*\((\d{4}-\d{2}-\d{2})[^)]*\)\s*:\s*(\d+)\s*poster\s*,\s*([0-9a-f]{64})")


@dataclass(frozen=True)
class Anchor:
    """The chain had `length` entries ending in `head` at `at`, according to `source`."""

    length: int
    head: str
    at: str
    source: str
    # False: the line's seal does not match this installation's key (forged or damaged).
    sealed_ok: bool | None = None
    restored: bool = False  # the line that records a restore of a backup


def anchor_text(length: int, head: str, when: dt.date | None = None) -> str:
    """The line printed on packs and written into exports."""
    return f"{LABEL} ({(when or dt.date.today()).isoformat()}): {length} poster, {head}"


def parse_anchor_text(text: str, source: str) -> list[Anchor]:
    flat = re.sub(r"\s+", " ", text)
    return [Anchor(int(n), h, day, source) for day, n, h in _TEXT.findall(flat)]


# --- beside the database --------------------------------------------------------------------------

def _database_identity(bind) -> tuple[Path | None, str]:
    url = bind.engine.url if hasattr(bind, "engine") else bind.url
    if url.get_backend_name() == "sqlite" and url.database:
        path = Path(url.database).resolve()
        return path, str(path)
    return None, url.render_as_string(hide_password=True)


def anchor_files(db_path: Path | None, identity: str | None = None) -> list[Path]:
    """Where a database's anchors are kept: beside it, and in the data folder."""
    identity = identity or str(Path(db_path).resolve())
    stem = db_path.stem if db_path is not None else "server"
    tag = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:12]
    files = [data_dir() / "anchors" / f"{stem}-{tag}.jsonl"]
    if db_path is not None:
        files.insert(0, db_path.with_name(db_path.name + ANCHOR_SUFFIX))
    return files


def _line(length: int, head: str, restored_from: str | None = None) -> str:
    at = dt.datetime.now().replace(microsecond=0).isoformat()
    doc: dict = {"at": at, "length": length, "head": head}
    if restored_from:
        doc["restored_from"] = restored_from
    key, key_id = installation_key()
    if key is not None:
        doc["key_id"] = key_id
        doc["seal"] = seal_with(key, _sealed_text(at, length, head, restored_from))
    return json.dumps(doc, ensure_ascii=False)


def keep_anchor(bind, head) -> None:
    """Append the head to the anchor files (best effort: a read-only folder loses one copy)."""
    db_path, identity = _database_identity(bind)
    if db_path is None and identity.startswith("sqlite"):
        return  # an in-memory database: nothing outside it to keep an anchor for
    _append(anchor_files(db_path, identity), _line(head.length, head.hash) + "\n")


def keep_restore_mark(db_path: Path, backup_name: str, length: int, head: str) -> None:
    """A backup was restored: anchors before this line describe a file that is no longer there."""
    _append(anchor_files(db_path), _line(length, head, restored_from=backup_name) + "\n")


def _append(paths: list[Path], line: str) -> None:
    for path in paths:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "a", encoding="utf-8") as fh:
                fh.write(line)
            if path.stat().st_size > KEEP_LINES * 400:
                _thin(path)
        except OSError:
            continue


def _thin(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    by_day: dict[str, str] = {}
    for text in lines[:-KEEP_LINES // 2]:
        by_day[text[8:18]] = text  # '{"at": "YYYY-MM-DD…' → the day
    kept = [*by_day.values(), *lines[-KEEP_LINES // 2:]]
    partial = path.with_name(path.name + ".partial")
    partial.write_text("\n".join(kept) + "\n", encoding="utf-8")
    partial.replace(path)


def _sealed_text(at: str, length: int, head: str, restored_from: str | None) -> str:
    return f"{at}|{length}|{head}" + (f"|restored:{restored_from}" if restored_from else "")


def read_anchor_file(path: Path) -> list[Anchor]:
    key, key_id = installation_key(create=False)
    found = []
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not text.strip():
            continue
        source = f"{path.name} rad {number}"
        try:
            doc = json.loads(text)
            length, head, at = int(doc["length"]), str(doc["head"]), str(doc["at"])
        except (ValueError, KeyError, TypeError):
            found.append(Anchor(-1, "", "", source, sealed_ok=False))
            continue
        restored = doc.get("restored_from")
        sealed_ok = None
        if key is not None and doc.get("key_id") == key_id:
            sealed_ok = doc.get("seal") == seal_with(key, _sealed_text(at, length, head, restored))
        if restored and sealed_ok is not False:
            found = []  # a restore: what came before described the replaced file
        found.append(Anchor(length, head, at, source, sealed_ok, bool(restored)))
    return found


def backup_anchor(path: Path) -> Anchor | None:
    """A backup's own chain head (None when it has no audit log to read)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            length, head = conn.execute(
                "SELECT count(*), (SELECT entry_hash FROM audit_entry ORDER BY id DESC LIMIT 1) "
                "FROM audit_entry").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    if not length:
        return None
    stamp = dt.datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0).isoformat()
    return Anchor(int(length), str(head), stamp, f"säkerhetskopian {path.name}")


def anchors_for(db_path: Path | None, identity: str | None = None) -> list[Anchor]:
    """Every anchor the application kept for this database: its anchor files and its backups."""
    from app.models.backup_files import list_backups

    found: list[Anchor] = []
    for path in anchor_files(db_path, identity):
        if path.is_file():
            found += read_anchor_file(path)
    # Backups taken up to the last restore hold the replaced file's log, not this one's.
    restored_at = max((a.at for a in found if a.restored), default="")
    if db_path is not None:
        for backup in list_backups(db_path):
            if backup.taken_at.isoformat() <= restored_at:
                continue
            anchor = backup_anchor(backup.path)
            if anchor is not None:
                found.append(anchor)
    return found


def anchors_in_file(path: Path) -> list[Anchor]:
    """Anchors in a file the user names: a review pack (PDF), an export (.xlsx), an audit export
    (CSV, its last entry), an anchor file or any text. Raises OSError/ValueError when unreadable."""
    suffix = path.suffix.lower()
    source = path.name
    if suffix == ".pdf":
        from pypdf import PdfReader

        text = "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
        return parse_anchor_text(text, source)
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True)
        try:
            text = "\n".join(filter(None, [book.properties.description or "", book.properties.keywords or ""]))
            for sheet in book.worksheets:
                for row in sheet.iter_rows(values_only=True):
                    text += "\n" + " ".join(str(v) for v in row if isinstance(v, str) and "kontrollsumma" in v)
        finally:
            book.close()
        return parse_anchor_text(text, source)
    if suffix == ".csv":
        return _csv_anchor(path)
    if path.name.endswith(ANCHOR_SUFFIX) or suffix == ".jsonl":
        return read_anchor_file(path)
    return parse_anchor_text(path.read_text(encoding="utf-8", errors="replace"), source)


def pack_context(path: Path) -> tuple[str, str] | None:
    """(scope name, period code) of a review pack, from its PDF title "title – scope – period"."""
    if path.suffix.lower() != ".pdf":
        return None
    try:
        from pypdf import PdfReader

        title = (PdfReader(str(path)).metadata or {}).get("/Title") or ""
    except Exception:  # noqa: BLE001 - a PDF we cannot read has no context, the anchor may still do
        return None
    parts = [p.strip() for p in str(title).split(" – ")]
    return (parts[-2], parts[-1]) if len(parts) >= 3 else None


def _csv_anchor(path: Path) -> list[Anchor]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    if not rows or "hash" not in rows[0]:
        return parse_anchor_text("\n".join(";".join(r) for r in rows), path.name)
    column, at = rows[0].index("hash"), rows[0].index("tid")
    entries = [r for r in rows[1:] if len(r) > column and re.fullmatch(r"[0-9a-f]{64}", r[column])]
    if not entries:
        return []
    return [Anchor(len(entries), entries[-1][column], entries[-1][at], path.name)]


__all__ = ["Anchor", "anchor_files", "anchor_text", "anchors_for", "anchors_in_file", "keep_anchor", "keep_restore_mark"]
