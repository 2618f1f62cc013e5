"""The catalogue of bad files, faults and misuse. Each case asserts the message a planner sees
and that nothing was lost: a refused file is byte-for-byte unchanged, and SQLite's -journal/-wal
files beside it are still there."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from app.models import AuditEntry, Indicator, Result
from app.models import store as store_module
from app.models.backup_files import list_backups, make_backup
from app.models.errors import StyrkortError
from app.models.locks import lock_path, parse_mounts, risky_location
from app.models.store import (
    ConcurrentEditError,
    CorruptDatabaseError,
    FileInUseError,
    ForeignDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
    ReadOnlyFileError,
    StoreBusyError,
    StoreError,
    open_store,
)
from app.services.platform.backups import restore_backup


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def beside(path: Path) -> dict[str, str]:
    """Every file in the folder with its digest."""
    return {p.name: digest(p) for p in path.parent.iterdir() if p.is_file()}


def assert_nothing_lost(path: Path, before: dict[str, str]) -> None:
    """Every file that was there is there, byte for byte (SQLite may have added an empty -shm)."""
    after = beside(path)
    assert {name: after.get(name) for name in before} == before


# --- files that are not a Styrkort database -------------------------------------------------

def _zip_bytes(names: list[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<xml/>")
    return buffer.getvalue()


def _sqlite_of(statements: list[str]) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        conn = sqlite3.connect(path)
        for statement in statements:
            conn.execute(statement)
        conn.commit()
        conn.close()
    return make


def _demo_then(change: Callable[[bytearray], None]) -> Callable[[Path, Path], None]:
    def make(path: Path, demo: Path) -> None:
        data = bytearray(demo.read_bytes())
        change(data)
        path.write_bytes(bytes(data))
    return make


def _flip(page: int, offset: int) -> Callable[[bytearray], None]:
    def change(data: bytearray) -> None:
        size = int.from_bytes(data[16:18], "big")
        data[(page - 1) * size + offset] ^= 0xFF
    return change


def _truncate(fraction: float) -> Callable[[bytearray], None]:
    def change(data: bytearray) -> None:
        del data[int(len(data) * fraction):]
    return change


BACKUP_HINT = "säkerhetskopia"
NOT_SQLITE = "ingen SQLite-databas"

REFUSED_FILES = {
    "text file": (lambda p: p.write_text("Mötesanteckningar\n", encoding="utf-8"), NotADatabaseError, NOT_SQLITE),
    "text file in UTF-16": (lambda p: p.write_text("Mål och uppföljning", encoding="utf-16"),
                            NotADatabaseError, NOT_SQLITE),
    "zip renamed .sqlite": (lambda p: p.write_bytes(_zip_bytes(["a.txt"])), NotADatabaseError, NOT_SQLITE),
    "xlsx renamed .sqlite": (lambda p: p.write_bytes(_zip_bytes(["[Content_Types].xml", "xl/workbook.xml"])),
                             NotADatabaseError, NOT_SQLITE),
    "csv renamed .sqlite": (lambda p: p.write_text("kod;värde\nN1;12,5\n", encoding="cp1252"),
                            NotADatabaseError, NOT_SQLITE),
    "pdf renamed .sqlite": (lambda p: p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), NotADatabaseError,
                            NOT_SQLITE),
    "png renamed .sqlite": (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100)), NotADatabaseError,
                            NOT_SQLITE),
    "half an SQLite header": (lambda p: p.write_bytes(b"SQLite for"), NotADatabaseError, NOT_SQLITE),
    "one byte": (lambda p: p.write_bytes(b"\x00"), NotADatabaseError, NOT_SQLITE),
    "SQLite header and garbage": (lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200),
                                  CorruptDatabaseError, BACKUP_HINT),
    "another program's database": (_sqlite_of(["CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)",
                                               "INSERT INTO customers VALUES (1, 'Ada')"]),
                                   ForeignDatabaseError, "annat program"),
    "another program with a 'goal' table": (_sqlite_of(["CREATE TABLE goal (id INTEGER PRIMARY KEY)"]),
                                            ForeignDatabaseError, "annat program"),
    "Styrkort tables without schema version": (_sqlite_of(["CREATE TABLE alembic_version (version_num TEXT)",
                                                           "CREATE TABLE goal (id INTEGER)",
                                                           "CREATE TABLE org_unit (id INTEGER)"]),
                                               CorruptDatabaseError, "saknar schemaversion"),
}


@pytest.mark.parametrize("case", REFUSED_FILES, ids=list(REFUSED_FILES))
def test_a_file_that_is_not_a_styrkort_database_is_refused_untouched(tmp_path, case):
    make, error, words = REFUSED_FILES[case]
    path = tmp_path / "region.sqlite"
    make(path)
    before = beside(path)
    with pytest.raises(error) as info:
        open_store(path)
    assert words in info.value.message("sv")
    assert info.value.message("en") != info.value.message("sv")
    assert_nothing_lost(path, before)


DAMAGED = {
    "truncated to a quarter": _truncate(0.25),
    "truncated to half": _truncate(0.5),
    "truncated to 90 %": _truncate(0.9),
    "truncated to one page": lambda d: d.__delitem__(slice(int.from_bytes(d[16:18], "big"), None)),
    "page 2 header flipped": _flip(2, 0),
    "page 5 header flipped": _flip(5, 0),
    "page 20 cell pointer flipped": _flip(20, 9),
    "page size field broken": lambda d: d.__setitem__(slice(16, 18), b"\x00\x07"),
}


@pytest.mark.parametrize("case", DAMAGED, ids=list(DAMAGED))
def test_a_damaged_styrkort_file_is_refused_with_a_pointer_to_backups(tmp_path, demo_template, case):
    path = tmp_path / "region.sqlite"
    _demo_then(DAMAGED[case])(path, demo_template)
    before = beside(path)
    with pytest.raises(StoreError) as info:
        open_store(path)
    assert isinstance(info.value, (CorruptDatabaseError, NotADatabaseError, ForeignDatabaseError))
    assert BACKUP_HINT in info.value.message("sv") or "annat program" in info.value.message("sv")
    assert_nothing_lost(path, before)


def test_a_file_from_a_newer_styrkort_is_refused_untouched(demo_path):
    conn = sqlite3.connect(demo_path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.commit()
    conn.close()
    before = beside(demo_path)
    with pytest.raises(NewerSchemaError, match="nyare version"):
        open_store(demo_path)
    assert_nothing_lost(demo_path, before)


def test_a_folder_instead_of_a_file(tmp_path):
    (tmp_path / "region.sqlite").mkdir()
    with pytest.raises(NotADatabaseError, match="är en mapp"):
        open_store(tmp_path / "region.sqlite")


def test_a_missing_file_is_not_created_when_opening(tmp_path):
    with pytest.raises(StoreError, match="finns inte"):
        open_store(tmp_path / "saknas.sqlite", create=False)
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_named(tmp_path):
    with pytest.raises(StoreError, match="Mappen .* finns inte"):
        open_store(tmp_path / "borta" / "region.sqlite", create=False)
    assert not (tmp_path / "borta").exists()


def test_an_empty_file_becomes_a_new_database(tmp_path):
    path = tmp_path / "ny.sqlite"
    path.touch()
    store = open_store(path)
    assert store.revision() is not None
    store.close()


# --- read-only files ------------------------------------------------------------------------

def test_a_read_only_file_is_offered_read_only(demo_path):
    demo_path.chmod(0o444)
    before = beside(demo_path)
    with pytest.raises(ReadOnlyFileError) as info:
        open_store(demo_path)
    assert "skrivskyddad" in info.value.message("sv") and "read-only" in info.value.message("en")
    store = open_store(demo_path, readonly=True)
    with store.session() as session:
        assert session.execute(sa.select(sa.func.count()).select_from(Result)).scalar_one() > 0
    store.close()
    assert_nothing_lost(demo_path, before)


def test_a_file_in_a_read_only_folder_is_offered_read_only(demo_path):
    folder = demo_path.parent
    folder.chmod(0o555)
    try:
        with pytest.raises(ReadOnlyFileError, match="skrivskyddad"):
            open_store(demo_path)
        store = open_store(demo_path, readonly=True)
        with store.session() as session:
            assert session.execute(sa.select(sa.func.count()).select_from(Result)).scalar_one() > 0
        store.close()
    finally:
        folder.chmod(0o755)


def test_a_read_only_store_refuses_writes_with_a_message(demo_path):
    store = open_store(demo_path, readonly=True)
    with pytest.raises(StyrkortError, match="skrivskyddad"), store.transaction() as session:
        session.add(Indicator(code="X", name="X"))
    store.close()


# --- two at once ----------------------------------------------------------------------------

@pytest.fixture
def other_process():
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield process
    process.kill()
    process.wait()


def _write_lock(db: Path, pid: int, host: str) -> None:
    lock_path(db).write_text(f'{{"pid": {pid}, "host": "{host}", "user": "kollega", "since": "08:00"}}',
                             encoding="utf-8")


def test_a_file_open_in_another_styrkort_is_offered_read_only(demo_path, other_process):
    _write_lock(demo_path, other_process.pid, socket.gethostname())
    with pytest.raises(FileInUseError) as info:
        open_store(demo_path, lock=True)
    assert "redan öppen" in info.value.message("sv") and "kollega" in info.value.message("sv")
    assert "read-only" in info.value.message("en")
    open_store(demo_path, readonly=True, lock=True).close()
    assert str(other_process.pid) in lock_path(demo_path).read_text(encoding="utf-8")


def test_a_lock_from_another_computer_is_respected(demo_path):
    _write_lock(demo_path, 1, "annan-dator.region.se")
    with pytest.raises(FileInUseError, match="annan-dator"):
        open_store(demo_path, lock=True)


@pytest.mark.parametrize("content", ["stale", "garbage", "empty"])
def test_a_stale_or_broken_lock_is_taken_over(demo_path, content):
    if content == "stale":
        dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                              text=True).stdout.strip()
        _write_lock(demo_path, int(dead), socket.gethostname())
    else:
        lock_path(demo_path).write_text("" if content == "empty" else "{not json", encoding="utf-8")
    store = open_store(demo_path, lock=True)
    assert f'"pid": {os.getpid()}' in lock_path(demo_path).read_text(encoding="utf-8")
    store.close()
    assert not lock_path(demo_path).exists()


def test_the_second_window_of_one_process_is_refused_too(demo_path):
    first = open_store(demo_path, lock=True)
    with pytest.raises(FileInUseError):
        open_store(demo_path, lock=True)
    first.close()
    open_store(demo_path, lock=True).close()


def test_a_busy_file_is_reported_and_nothing_is_half_written(demo_path, monkeypatch):
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 200)
    store = open_store(demo_path)
    blocker = sqlite3.connect(demo_path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreBusyError, match="upptagen"), store.transaction() as session:
            session.add(Indicator(code="NY1", name="Ny"))
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    with store.session() as session:
        assert session.execute(sa.select(Indicator).where(Indicator.code == "NY1")).first() is None
    store.close()


def test_a_stale_edit_of_the_same_record_is_refused(demo_store):
    first, second = demo_store.session(), demo_store.session()
    mine = first.execute(sa.select(Indicator).order_by(Indicator.id)).scalars().first()
    theirs = second.get(Indicator, mine.id)
    theirs.name = "Kollegans namn"
    second.commit()
    with pytest.raises(ConcurrentEditError) as info, demo_store.transaction() as session:
        stale = session.merge(mine, load=False)
        stale.name = "Mitt namn"
    assert "ändrat samma uppgift" in info.value.message("sv")
    with demo_store.session() as session:
        assert session.get(Indicator, mine.id).name == "Kollegans namn"
    first.close()
    second.close()


MOUNTS = """/dev/sda1 / ext4 rw 0 0
server:/export /mnt/hemkatalog nfs4 rw 0 0
//fil01/planering /mnt/planering cifs rw 0 0
alice@host: /mnt/ssh fuse.sshfs rw 0 0
"""


@pytest.mark.parametrize("path, risky", [
    ("/mnt/hemkatalog/region.sqlite", "nfs4"), ("/mnt/planering/ek/region.sqlite", "cifs"),
    ("/mnt/ssh/region.sqlite", "fuse.sshfs"), ("/home/anna/region.sqlite", None),
    ("/home/anna/Dropbox/region.sqlite", "Dropbox"), ("/home/anna/OneDrive - Region Exempel/r.sqlite", "OneDrive"),
    ("/Users/anna/Library/Mobile Documents/com~apple~CloudDocs/r.sqlite", "Mobile Documents"),
    ("/home/anna/Google Drive/r.sqlite", "Google Drive"),
])
def test_network_shares_and_cloud_folders_are_recognised(path, risky):
    found = risky_location(Path(path), parse_mounts(MOUNTS))
    assert (found is None) if risky is None else (risky in found[0])


def test_in_a_synced_folder_wal_is_not_used_and_the_user_is_warned(tmp_path, demo_template):
    path = tmp_path / "Dropbox" / "region.sqlite"
    path.parent.mkdir()
    shutil.copyfile(demo_template, path)
    store = open_store(path)
    assert "molnmapp" in store.location_warning[0]
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
    store.close()


# --- leftovers of a crash -------------------------------------------------------------------

def crash_while(path: Path, *statements: str) -> None:
    """Another process runs `statements` on the file and is killed right after (no cleanup)."""
    code = ("import sqlite3, sys, time\n"
            "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "for s in sys.argv[2:]: c.execute(s)\n"
            "print('x', flush=True); time.sleep(60)")
    process = subprocess.Popen([sys.executable, "-c", code, str(path), *statements], stdout=subprocess.PIPE,
                               text=True)
    process.stdout.readline()
    process.kill()
    process.wait()


def test_a_hot_journal_is_rolled_back_not_deleted_by_us(tmp_path, demo_template):
    path = tmp_path / "Dropbox" / "region.sqlite"
    path.parent.mkdir()
    shutil.copyfile(demo_template, path)
    open_store(path).close()  # switch the file to the rollback journal
    crash_while(path, "PRAGMA cache_size=2", "BEGIN", "UPDATE result SET comment = hex(randomblob(400))")
    journal = Path(str(path) + "-journal")
    assert journal.stat().st_size > 0
    store = open_store(path)
    with store.session() as session:
        assert set(session.execute(sa.select(Result.comment)).scalars()) <= {""}
    store.close()


def test_a_wal_left_by_a_crash_keeps_its_committed_work(demo_path):
    crash_while(demo_path, "PRAGMA wal_autocheckpoint=0", "UPDATE result SET comment = 'sparad'")
    assert Path(str(demo_path) + "-wal").stat().st_size > 0
    Path(str(demo_path) + "-shm").write_bytes(b"\xff" * 100)  # a damaged shared-memory file is rebuilt
    store = open_store(demo_path)
    with store.session() as session:
        assert set(session.execute(sa.select(Result.comment)).scalars()) == {"sparad"}
    store.close()


# --- values and the audit log ---------------------------------------------------------------

@pytest.mark.parametrize("value", ["12,5", "tolv", "", "12.5 %"])
def test_text_in_a_number_column_is_refused(demo_store, value):
    with pytest.raises(IntegrityError, match="must be a number"), demo_store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE result SET value = ? WHERE id = (SELECT min(id) FROM result)", (value,))
    with demo_store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM result WHERE typeof(value) = 'text'").scalar() == 0


def test_numbers_as_text_that_sqlite_converts_are_kept_as_numbers(demo_store):
    with demo_store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE target SET value = '12.5' WHERE id = (SELECT min(id) FROM target)")
        assert conn.exec_driver_sql("SELECT typeof(value) FROM target ORDER BY id LIMIT 1").scalar() == "real"


@pytest.mark.parametrize("statement", ["UPDATE audit_entry SET user = 'någon annan'", "DELETE FROM audit_entry"])
def test_the_audit_log_is_append_only(demo_store, statement):
    with pytest.raises(IntegrityError, match="append-only"), demo_store.engine.begin() as conn:
        conn.exec_driver_sql(statement)
    with demo_store.session() as session:
        assert session.execute(sa.select(sa.func.count()).select_from(AuditEntry)).scalar_one() > 0


# --- backups --------------------------------------------------------------------------------

def test_restoring_a_damaged_backup_is_refused_and_changes_nothing(demo_path):
    broken = make_backup(demo_path, "manual")
    data = bytearray(broken.read_bytes())
    del data[len(data) // 2:]
    broken.write_bytes(bytes(data))
    before = digest(demo_path)
    with pytest.raises(StyrkortError, match="Säkerhetskopian"):
        restore_backup(demo_path, broken)
    assert digest(demo_path) == before


def test_restoring_a_file_that_is_no_database_is_refused(demo_path, tmp_path):
    fake = tmp_path / "backups" / "demo.20260101-120000.daily.sqlite"
    fake.parent.mkdir(exist_ok=True)
    fake.write_text("inte en databas", encoding="utf-8")
    before = digest(demo_path)
    with pytest.raises(StyrkortError, match="ingen SQLite-databas"):
        restore_backup(demo_path, fake)
    assert digest(demo_path) == before
    assert fake in [b.path for b in list_backups(demo_path)]


def test_text_written_through_the_orm_is_refused_with_a_message(demo_store):
    with demo_store.session() as session:
        result_id = session.execute(sa.select(Result.id).limit(1)).scalar_one()
    with pytest.raises(StyrkortError, match="inte är ett tal"), demo_store.transaction() as session:
        session.get(Result, result_id).value = "12,5"
    with demo_store.session() as session:
        assert isinstance(session.get(Result, result_id).value, float)
