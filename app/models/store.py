"""The store: one SQLite file (or a PostgreSQL URL) opened safely.

Opening never modifies a file that is not a healthy Styrkort database of this or an older
schema: the file is inspected read-only first. An older schema is upgraded after a backup
(`app.models.backup_files`); the first open of each day writes a backup too. A file marked read-only
is refused for writing with the suggestion to open it read-only; a file another Styrkort edits
(`app.models.locks`) likewise. On a network drive or in a synced cloud folder WAL is not used.

SQLite's `-journal`/`-wal` files beside a database hold the last transactions: Styrkort never
deletes them; SQLite itself rolls a hot journal back (or a WAL forward) when the file is opened."""

from __future__ import annotations

import contextlib
import functools
import os
import re
import sqlite3
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from app.models.backup_files import backed_up_today, make_backup
from app.models.base import Base
from app.models.conflicts import find_conflict, remember_versions
from app.models.database_url import describe, is_url, make_server_engine
from app.models.errors import RuleViolation, StyrkortError
from app.models.locks import FileLock, LockOwner, risky_location

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
SQLITE_MAGIC = b"SQLite format 3\x00"
# A Styrkort file is recognised by these tables, whatever its revision.
SIGNATURE_TABLES = {"alembic_version", "goal", "org_unit"}
# How long a write waits for another writer before the user is told the file is busy.
BUSY_TIMEOUT_MS = 10_000


class StoreError(StyrkortError):
    """The file cannot be opened as a Styrkort database; the file was left untouched."""


class NotADatabaseError(StoreError):
    pass


class ForeignDatabaseError(StoreError):
    pass


class NewerSchemaError(StoreError):
    pass


class CorruptDatabaseError(StoreError):
    pass


class ConcurrentEditError(StyrkortError):
    """A stale update: the record's version column had moved on. `conflict` (when known) says
    whose change won and what it was (`app.models.conflicts`)."""

    conflict = None


class StoreBusyError(StyrkortError):
    """Another writer held the file longer than the busy timeout."""


class AccessDeniedError(RuleViolation):
    """The database refused the change for this user (PostgreSQL grants and row-level security)."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            f"Du har inte behörighet att göra den ändringen i regionens databas ({detail}). Inget sparades.",
            f"You are not allowed to make that change in the regional database ({detail}). Nothing was saved.",
        )


class ReadOnlyFileError(StoreError):
    """The file (or its folder) is marked read-only: it can be opened read-only."""


class FileInUseError(StoreError):
    """Another Styrkort edits the file: it can be opened read-only."""

    def __init__(self, path: Path, owner: LockOwner) -> None:
        super().__init__(
            f"{path} är redan öppen i Styrkort hos {owner.describe()}. "
            "Du kan öppna den skrivskyddad, eller vänta tills den stängs.",
            f"{path} is already open in Styrkort by {owner.describe_en()}. "
            "You can open it read-only, or wait until it is closed.",
        )
        self.owner = owner


def concurrent_edit_error(conflict) -> ConcurrentEditError:
    """The error the loser of two saves sees: whose change won and what it was, if known."""
    error = ConcurrentEditError(
        "Någon annan har ändrat samma uppgift under tiden. "
        + (conflict.describe("sv") + " " if conflict else "")
        + "Din ändring sparades inte; läs in uppgiften igen och välj: behåll deras, eller gör om din ändring.",
        "Someone else changed the same record meanwhile. "
        + (conflict.describe("en") + " " if conflict else "")
        + "Your change was not saved; reload it and choose: keep theirs, or make your change again.",
    )
    error.conflict = conflict
    return error


def alembic_config():
    # Alembic is imported only when a schema is created or migrated: it costs start-up time.
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


_REVISION_LINE = re.compile(r"^(down_revision|revision)\s*=\s*['\"]?([\w-]+|None)['\"]?", re.M)


@functools.cache
def _revision_graph() -> dict[str, str | None]:
    """revision → down_revision, read from the migration files without importing Alembic
    (tests prove it agrees with Alembic's own view)."""
    graph: dict[str, str | None] = {}
    for script in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = dict(_REVISION_LINE.findall(script.read_text(encoding="utf-8")))
        if "revision" in found:
            down = found.get("down_revision")
            graph[found["revision"]] = None if down in (None, "None") else down
    return graph


def known_revisions() -> set[str]:
    return set(_revision_graph())


def head_revision() -> str:
    graph = _revision_graph()
    heads = set(graph) - {down for down in graph.values() if down}
    if len(heads) != 1:
        raise RuntimeError(f"migrations must have exactly one head, found {sorted(heads)}")
    return heads.pop()


@dataclass(frozen=True)
class FileInspection:
    """What a read-only look at a file found."""

    exists: bool
    revision: str | None = None
    tables: frozenset[str] = frozenset()
    # The folder cannot hold SQLite's -shm file: readers must treat the file as immutable.
    immutable: bool = False


def marked_read_only(path: Path) -> bool:
    """The file or its folder is not writable for us — or is marked read-only even for an
    administrator (whose writes the OS would allow, but the owner's intent is clear)."""
    for item in (path, path.parent):
        if item.exists() and (not os.access(item, os.W_OK) or not item.stat().st_mode & stat.S_IWUSR):
            return True
    return False


def _hot_journal(path: Path) -> bool:
    journal = path.with_name(path.name + "-journal")
    return journal.exists() and journal.stat().st_size > 0


def _read_tables(path: Path, immutable: bool) -> tuple[frozenset[str], str | None]:
    flags = "immutable=1" if immutable else "mode=ro"
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?{flags}", uri=True)
    try:
        tables = frozenset(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'"))
        revision = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
    finally:
        conn.close()
    return tables, revision


def inspect_file(path: Path) -> FileInspection:
    """Classify a file without writing to it; raise a StoreError naming the problem."""
    if not path.exists():
        return FileInspection(exists=False)
    if path.is_dir():
        raise NotADatabaseError(
            f"{path} är en mapp, inte en databasfil.", f"{path} is a folder, not a database file."
        )
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_MAGIC))
    if path.stat().st_size == 0:
        return FileInspection(exists=True)
    if header != SQLITE_MAGIC:
        raise NotADatabaseError(
            f"{path} är ingen SQLite-databas. Välj en Styrkort-fil (.sqlite) eller öppna en säkerhetskopia.",
            f"{path} is not an SQLite database. Choose a Styrkort file (.sqlite) or open a backup.",
        )
    immutable = False
    try:
        if _hot_journal(path) and not marked_read_only(path):
            # A crash left a transaction half-written: a read-only connection cannot roll it back,
            # a writing one does (SQLite's recovery, the journal's whole purpose).
            recover = sqlite3.connect(path)
            try:
                recover.execute("SELECT count(*) FROM sqlite_master").fetchone()
            finally:
                recover.close()
        try:
            tables, revision = _read_tables(path, immutable=False)
        except sqlite3.OperationalError as exc:
            if "unable to open" not in str(exc) or not marked_read_only(path):
                raise
            tables, revision = _read_tables(path, immutable=True)
            immutable = True
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabaseError(
            f"{path} är skadad och kan inte läsas ({exc}). Öppna en säkerhetskopia.",
            f"{path} is damaged and cannot be read ({exc}). Open a backup.",
        ) from exc
    if tables and not SIGNATURE_TABLES <= tables:
        raise ForeignDatabaseError(
            f"{path} är en SQLite-databas från ett annat program, inte en Styrkort-fil. Filen har inte ändrats.",
            f"{path} is an SQLite database of another program, not a Styrkort file. The file was not changed.",
        )
    if tables and revision is None:
        raise CorruptDatabaseError(
            f"{path} saknar schemaversion och kan inte öppnas säkert. Öppna en säkerhetskopia. Filen har inte ändrats.",
            f"{path} has no schema version and cannot be opened safely. Open a backup. The file was not changed.",
        )
    if revision is not None and revision not in known_revisions():
        raise NewerSchemaError(
            f"{path} kommer från en nyare version av Styrkort (schema {revision}). "
            "Uppdatera Styrkort för att öppna den. Filen har inte ändrats.",
            f"{path} comes from a newer Styrkort (schema {revision}). "
            "Update Styrkort to open it. The file was not changed.",
        )
    return FileInspection(exists=True, revision=revision, tables=tables, immutable=immutable)


def _sqlite_url(path: Path, readonly: bool, immutable: bool = False) -> str:
    if immutable:
        return f"sqlite:///file:{path.resolve()}?immutable=1&uri=true"
    if readonly:
        return f"sqlite:///file:{path.resolve()}?mode=ro&uri=true"
    return f"sqlite:///{path}"


def _configure_sqlite(engine: Engine, *, wal: bool, readonly: bool) -> None:
    """Foreign keys on every connection (SQLite leaves them off); our own BEGIN so that a
    transaction really spans every statement of a unit of work. Without WAL (a network drive,
    a synced folder) the classic rollback journal, which needs no shared memory."""

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if not readonly:
            with contextlib.suppress(sqlite3.OperationalError):
                cursor.execute(f"PRAGMA journal_mode={'WAL' if wal else 'DELETE'}")
        # FULL: a committed transaction survives a power cut, also in WAL mode.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(conn) -> None:
        conn.exec_driver_sql("BEGIN")


def make_engine(target: str | Path, *, readonly: bool = False, wal: bool = True,
                immutable: bool = False) -> Engine:
    if is_url(target):
        return make_server_engine(target, readonly=readonly)
    engine = sa.create_engine(_sqlite_url(Path(target), readonly, immutable))
    _configure_sqlite(engine, wal=wal, readonly=readonly or immutable)
    return engine


@dataclass
class Store:
    """An open database. Use `transaction()` for a unit of work: all or nothing."""

    location: str
    engine: Engine
    readonly: bool = False
    path: Path | None = None
    # Backups written before an upgrade (the window says so); the daily one separately.
    backups_made: list[Path] = field(default_factory=list)
    daily_backup: Path | None = None
    # (sv, en) when the file is somewhere SQLite's locking cannot be trusted (WAL is then off).
    location_warning: tuple[str, str] | None = None
    file_lock: FileLock | None = None
    # open_store(integrity_check=False): background_checks() has yet to look at the file.
    integrity_deferred: bool = False

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        event.listen(self._sessions, "before_flush", remember_versions)

    def session(self) -> Session:
        return self._sessions()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work commits together at the end, or not at all. Someone else's
        newer edit of the same record (its `version` moved on) and a file kept busy by another
        writer become errors the user can read; nothing of the unit of work is written."""
        session = self._sessions()
        try:
            with session, session.begin():
                yield session
        except StaleDataError as exc:
            raise self._stale(session.info.get("versioned_writes", [])) from exc
        except sa.exc.ProgrammingError as exc:
            # 42501: a grant or a row-level security policy said no (PostgreSQL).
            if getattr(exc.orig, "sqlstate", None) == "42501":
                raise AccessDeniedError(str(exc.orig).strip().splitlines()[0]) from exc
            raise
        except sa.exc.OperationalError as exc:
            text = str(exc.orig)
            # 55P03 lock timeout, 40001/40P01 serialisation failure or deadlock (PostgreSQL).
            if "locked" in text or "busy" in text or getattr(exc.orig, "sqlstate", None) in (
                    "55P03", "40001", "40P01"):
                raise StoreBusyError(
                    "Databasfilen är upptagen av ett annat program. Ändringen sparades inte; försök igen.",
                    "The database file is busy in another program. The change was not saved; try again.",
                ) from exc
            if "readonly" in text or getattr(exc.orig, "sqlstate", None) == "25006":
                raise ReadOnlyFileError("Databasen kan inte skrivas (skrivskyddad). Ändringen sparades inte.",
                                        "The database cannot be written (read-only). The change was not saved.") from exc
            raise
        except sa.exc.DataError as exc:
            # 22P02: PostgreSQL refused text where a number belongs ('12,5').
            if getattr(exc.orig, "sqlstate", None) != "22P02":
                raise
            text = str(exc.orig).strip().splitlines()[0]
            raise RuleViolation(f"Ett värde som inte är ett tal sparades inte ({text}).",
                                f"A value that is not a number was not saved ({text}).") from exc
        except sa.exc.IntegrityError as exc:
            text = str(exc.orig)
            # The guards of app/models/guards.py: a trigger's message or a *_is_number CHECK.
            if text.endswith("must be a number") or text.endswith("_is_number"):
                raise RuleViolation(f"Ett värde som inte är ett tal sparades inte ({text}).",
                                    f"A value that is not a number was not saved ({text}).") from exc
            if getattr(exc.orig, "sqlstate", None) == "23000":  # the server's rules (server_rules.py)
                text = text.strip().splitlines()[0]
                raise RuleViolation(f"Databasen vägrade ändringen: {text}.", f"The database refused the change: {text}.") from exc
            if getattr(exc.orig, "sqlstate", None) == "23505":
                # A shared database: someone else created the same record (the same result of
                # the same unit and period) in a transaction that committed first.
                raise concurrent_edit_error(None) from exc
            raise
        except sa.exc.StatementError as exc:
            if not isinstance(exc.orig, (ValueError, TypeError)):
                raise
            # SQLAlchemy's own conversion refused it before SQLite saw it ('12,5' for a number).
            raise RuleViolation(f"Ett värde som inte är ett tal sparades inte ({exc.orig}).",
                                f"A value that is not a number was not saved ({exc.orig}).") from exc

    def _stale(self, noted) -> StyrkortError:
        conflict = find_conflict(self.engine, noted) if noted else None
        if conflict is not None and not conflict.moved and not self.is_sqlite:
            return AccessDeniedError("radsäkerhet: raden får inte ändras av dig")
        return concurrent_edit_error(conflict)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def revision(self) -> str | None:
        with self.engine.connect() as conn:
            return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()

    def make_daily_backup(self) -> Path | None:
        """The first open of each day writes a backup; a failure never blocks work. The window
        calls this after its first paint, off the GUI thread (open_store(daily_backup=False))."""
        if self.path is None or self.readonly or backed_up_today(self.path):
            return None
        with contextlib.suppress(OSError, sqlite3.Error):
            self.daily_backup = make_backup(self.path, "daily")
        return self.daily_backup

    def background_checks(self) -> list[str]:
        """The checks the window runs after its first paint, on any thread: the integrity check
        open_store left (on a read-only connection of its own), then, if the file is healthy, the
        day's first backup (a damaged file must not push a good backup out of the rotation)."""
        problems: list[str] = []
        if self.path is not None and self.integrity_deferred:
            engine = make_engine(self.path, readonly=True)
            try:
                problems = integrity_problems(engine)
            finally:
                engine.dispose()
            self.integrity_deferred = False
        if not problems:
            self.make_daily_backup()
        return problems

    def close(self) -> None:
        self.engine.dispose()
        if self.file_lock is not None:
            self.file_lock.release()
            self.file_lock = None


def _upgrade(engine: Engine) -> None:
    """Run migrations with foreign keys off (a table rebuild with ON DELETE CASCADE would
    otherwise delete child rows) and prove, before committing, that every reference still holds.

    `PRAGMA foreign_keys` is silently ignored inside a transaction, and SQLAlchemy begins one
    (our BEGIN) at the first statement: the pragma goes to the driver connection first."""
    from alembic import command

    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        raw = conn.connection.driver_connection if sqlite else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin() as transaction:  # one transaction: Alembic joins it, we commit it
                cfg = alembic_config()
                cfg.attributes["connection"] = conn
                before = _row_counts(conn) if sqlite else {}
                command.upgrade(cfg, "head")
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() if sqlite else []
                after = _row_counts(conn) if sqlite else {}
                lost = {t: before[t] - after[t] for t in before if t in after and after[t] < before[t]}
                if lost:
                    # A cascade that foreign_key_check cannot see: the children are gone, not dangling.
                    transaction.rollback()
                    table, count = next(iter(lost.items()))
                    raise CorruptDatabaseError(
                        f"Uppgraderingen skulle ta bort {count} rader ur {table} och avbröts. Filen har inte ändrats.",
                        f"The upgrade would remove {count} rows from {table} and was stopped. The file was not changed.",
                    )
                if broken:
                    transaction.rollback()
                    raise CorruptDatabaseError(
                        f"Uppgraderingen skulle lämna {len(broken)} brutna referenser och avbröts. "
                        "Filen har inte ändrats.",
                        f"The upgrade would leave {len(broken)} broken references and was stopped. "
                        "The file was not changed.",
                    )
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")


def _row_counts(conn) -> dict[str, int]:
    tables = [r[0] for r in conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {t: conn.exec_driver_sql(f'SELECT count(*) FROM "{t}"').scalar() for t in tables}


def _create_schema(engine: Engine) -> None:
    from alembic import command

    Base.metadata.create_all(engine)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.stamp(cfg, "head")


def integrity_problems(engine: Engine, *, quick: bool = True) -> list[str]:
    """SQLite's own verdict on the file, plus dangling foreign keys. Empty means healthy."""
    if engine.dialect.name != "sqlite":
        return []
    try:
        with engine.connect() as conn:
            rows = [r[0] for r in conn.exec_driver_sql(
                "PRAGMA quick_check" if quick else "PRAGMA integrity_check").fetchall()]
            problems = [r for r in rows if r != "ok"]
            problems += [f"foreign key: {tuple(r)}" for r in conn.exec_driver_sql("PRAGMA foreign_key_check")]
    except sa.exc.DatabaseError as exc:
        # So damaged that the check itself cannot run (a broken page of the schema).
        return [str(exc.orig)]
    return problems


def open_store(target: str | Path, *, readonly: bool = False, create: bool = True, lock: bool = False,
               daily_backup: bool = True, integrity_check: bool = True) -> Store:
    """Open (or create) a Styrkort database. `lock=True` (the window) takes the lock file and
    refuses a file another Styrkort edits; the command line and tests rely on SQLite's locks.
    `daily_backup=False` leaves the day's first backup to `Store.make_daily_backup()`, and
    `integrity_check=False` the integrity check of a current-schema file to `Store.background_checks()`
    (the window runs them after it has been painted, off the GUI thread; an upgrade is always
    checked first).

    A file that is not SQLite, belongs to another program, is damaged or comes from a newer
    Styrkort raises a StoreError and is left byte-for-byte untouched."""
    if is_url(target):
        return _open_server(target, readonly=readonly, create=create)

    path = Path(target).expanduser()
    if not path.parent.exists() and not create:
        raise StoreError(f"Mappen {path.parent} finns inte.", f"The folder {path.parent} does not exist.")
    found = inspect_file(path)
    if not found.exists and not create:
        raise StoreError(f"Filen {path} finns inte.", f"The file {path} does not exist.")
    if found.exists and found.tables and not readonly and marked_read_only(path):
        raise ReadOnlyFileError(
            f"{path} är skrivskyddad (filen eller mappen). Öppna den skrivskyddad för att läsa, "
            "eller spara en kopia någon annanstans för att ändra. Filen har inte ändrats.",
            f"{path} is read-only (the file or its folder). Open it read-only to read it, "
            "or save a copy elsewhere to edit it. The file was not changed.",
        )
    risky = risky_location(path)
    if not found.exists or not found.tables:
        if readonly:
            raise StoreError(f"{path} är tom och kan inte öppnas skrivskyddad.",
                             f"{path} is empty and cannot be opened read-only.")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"Mappen {path.parent} kan inte skapas ({exc.strerror}).",
                             f"The folder {path.parent} cannot be created ({exc.strerror}).") from exc
        file_lock = _take_lock(path) if lock else None
        engine = make_engine(path, wal=risky is None)
        try:
            _create_schema(engine)
        except sa.exc.OperationalError as exc:
            engine.dispose()
            if file_lock:
                file_lock.release()
            raise StoreError(f"{path} kan inte skapas ({exc.orig}).",
                             f"{path} cannot be created ({exc.orig}).") from exc
        return Store(location=str(path), engine=engine, path=path, location_warning=risky, file_lock=file_lock)

    engine = make_engine(path, readonly=readonly, wal=risky is None, immutable=found.immutable)
    check_now = integrity_check or found.immutable or found.revision != head_revision()
    problems = integrity_problems(engine) if check_now else []
    if problems:
        engine.dispose()
        raise CorruptDatabaseError(
            f"{path} är skadad ({problems[0]}). Öppna en säkerhetskopia. Filen har inte ändrats.",
            f"{path} is damaged ({problems[0]}). Open a backup. The file was not changed.",
        )
    store = Store(location=str(path), engine=engine, readonly=readonly, path=path, location_warning=risky,
                  integrity_deferred=not check_now)
    if found.revision != head_revision():
        if readonly:
            engine.dispose()
            raise StoreError(
                f"{path} har ett äldre schema och måste uppgraderas; öppna den utan skrivskydd.",
                f"{path} has an older schema and must be upgraded; open it without read-only.",
            )
    if not readonly and lock:
        try:
            store.file_lock = _take_lock(path)
        except FileInUseError:
            engine.dispose()
            raise
    if found.revision != head_revision():
        try:
            store.backups_made.append(make_backup(path, f"before-upgrade-{found.revision}"))
            _upgrade(engine)
        except StoreError:
            store.close()
            raise
        except (OSError, sa.exc.SQLAlchemyError, sqlite3.Error) as exc:
            store.close()
            # DDL is transactional in SQLite: a failed migration leaves the file as it was.
            raise StoreError(
                f"{path} kunde inte uppgraderas ({exc}). Filen har inte ändrats.",
                f"{path} could not be upgraded ({exc}). The file was not changed.",
            ) from exc
    elif daily_backup:
        store.make_daily_backup()
    return store


def _open_server(target: str, *, readonly: bool, create: bool) -> Store:
    """A regional database on a PostgreSQL server: created (schema and head stamp) when empty and
    `create` is set, upgraded in one transaction when older (DDL is transactional there too)."""
    shown = describe(target)
    engine = make_engine(target, readonly=readonly)
    try:
        with engine.connect() as conn:
            inspector = sa.inspect(conn)
            tables = set(inspector.get_table_names())
            revision = (conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
                        if "alembic_version" in tables else None)
    except sa.exc.OperationalError as exc:
        engine.dispose()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise StoreError(f"Kan inte ansluta till {shown} ({reason}).",
                         f"Cannot connect to {shown} ({reason}).") from exc
    if tables and not SIGNATURE_TABLES <= tables:
        engine.dispose()
        raise ForeignDatabaseError(
            f"{shown} innehåller tabeller från ett annat program, inte en Styrkort-databas. Inget har ändrats.",
            f"{shown} holds tables of another program, not a Styrkort database. Nothing was changed.",
        )
    if revision is not None and revision not in known_revisions():
        engine.dispose()
        raise NewerSchemaError(
            f"{shown} kommer från en nyare version av Styrkort (schema {revision}). Uppdatera Styrkort.",
            f"{shown} comes from a newer Styrkort (schema {revision}). Update Styrkort.",
        )
    if not tables:
        if readonly or not create:
            engine.dispose()
            raise StoreError(
                f"{shown} är tom. Skapa regionens databas först: styrkort new --db {shown}",
                f"{shown} is empty. Set up the regional database first: styrkort new --db {shown}",
            )
        try:
            _create_schema(engine)
        except sa.exc.ProgrammingError as exc:
            engine.dispose()
            raise StoreError(f"{shown} kan inte skapas ({exc.orig}).", f"{shown} cannot be created ({exc.orig}).") from exc
    elif revision != head_revision():
        if readonly:
            engine.dispose()
            raise StoreError(f"{shown} har ett äldre schema och måste uppgraderas av en med skrivrätt.",
                             f"{shown} has an older schema and must be upgraded by someone who may write.")
        try:
            _upgrade(engine)
        except sa.exc.SQLAlchemyError as exc:
            engine.dispose()
            raise StoreError(f"{shown} kunde inte uppgraderas ({exc}). Inget har ändrats.",
                             f"{shown} could not be upgraded ({exc}). Nothing was changed.") from exc
    return Store(location=shown, engine=engine, readonly=readonly)


def _take_lock(path: Path) -> FileLock:
    file_lock = FileLock(path)
    holder = file_lock.try_acquire()
    if holder is not None:
        raise FileInUseError(path, holder)
    return file_lock
