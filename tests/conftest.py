"""Shared fixtures. Tests use real SQLite files in temporary folders; the demo database is
built once per session and copied for each test that wants it (Anki's habit)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

# Headless, and never the developer's own settings or data folder.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_SESSION_DIR = Path(tempfile.mkdtemp(prefix="styrkort-tests-"))
os.environ["STYRKORT_DATA_DIR"] = str(_SESSION_DIR / "data")
os.environ["XDG_CONFIG_HOME"] = str(_SESSION_DIR / "config")

import pytest  # noqa: E402

from app.models.store import Store, open_store  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def demo_template() -> Path:
    from app.services.demo.builder import build_demo

    path = _SESSION_DIR / "demo-template.sqlite"
    store = open_store(path)
    with store.transaction() as session:
        build_demo(session)
    store.close()
    return path


# Domain test modules whose store tests run on both engines (a PostgreSQL-only or SQLite-only bug
# cannot hide): every test here that takes `demo_store` or `empty_store` (and not a file path) runs
# once on SQLite and once on a PostgreSQL database of its own.
BOTH_ENGINES = {
    "test_goals_editing", "test_followup_services", "test_followup_incremental", "test_status",
    "test_directives_plans", "test_directives_rules", "test_exchange_import", "test_exchange_export",
    "test_exchange_hostile", "test_periods", "test_demo",
}


def pytest_generate_tests(metafunc) -> None:
    package, _, module = metafunc.module.__name__.rpartition(".")
    if not package.endswith("domain"):
        return
    names = set(metafunc.fixturenames)
    if (module in BOTH_ENGINES and names & {"demo_store", "empty_store"}
            and not names & {"demo_path", "tmp_db"} and "store_engine" in names):
        metafunc.parametrize("store_engine", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def store_engine(request) -> str:
    """Which engine `demo_store` and `empty_store` use: SQLite unless parametrised."""
    engine = getattr(request, "param", "sqlite")
    if engine == "postgresql":
        from tests.postgres import require_server

        require_server()
    return engine


@pytest.fixture(scope="session")
def pg_demo_template(demo_template: Path) -> str:
    """Exempelregionen on the server, built once (by copying the SQLite template: the same rows)
    and cloned per test with CREATE DATABASE … TEMPLATE."""
    from app.services.platform.copying import copy_database
    from tests.postgres import create_database, drop_database, new_name, require_server

    require_server()
    name = new_name("styrkort_demo_template")
    url = create_database(name)
    copy_database(str(demo_template), url)
    yield name
    drop_database(name)


@pytest.fixture
def demo_db(pg_demo_template):
    """(name, url) of a server database holding Exempelregionen, dropped after the test."""
    from tests import postgres

    name = postgres.new_name()
    url = postgres.create_database(name, pg_demo_template)
    yield name, url
    postgres.drop_database(name)


@pytest.fixture
def logins():
    """make(prefix) → a new PostgreSQL login role (roles belong to the server, not to a
    database): dropped after the test."""
    import uuid

    from tests import postgres

    made = []

    def make(prefix: str) -> str:
        name = f"{prefix}_{uuid.uuid4().hex[:8]}"
        with postgres.admin_connection() as conn:
            conn.execute(f'CREATE ROLE "{name}" LOGIN')
        made.append(name)
        return name

    yield make
    with postgres.admin_connection() as conn:
        for name in made:
            conn.execute(f'DROP ROLE IF EXISTS "{name}"')


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_template, path)
    return path


@pytest.fixture
def demo_store(store_engine: str, request, tmp_path: Path) -> Store:
    if store_engine == "postgresql":
        yield from _server_store(template=request.getfixturevalue("pg_demo_template"))
        return
    store = open_store(request.getfixturevalue("demo_path"))
    yield store
    store.close()


@pytest.fixture
def empty_store(store_engine: str, tmp_path: Path) -> Store:
    if store_engine == "postgresql":
        yield from _server_store()
        return
    store = open_store(tmp_path / "empty.sqlite")
    yield store
    store.close()


def _server_store(template: str | None = None):
    from tests.postgres import create_database, drop_database, new_name

    name = new_name()
    store = open_store(create_database(name, template))
    try:
        yield store
    finally:
        store.close()
        drop_database(name)


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.exists():
        pytest.skip("../shared/data is not beside this checkout")
    return SHARED_DATA


@pytest.fixture(autouse=True)
def _fresh_qsettings(tmp_path: Path):
    """Each test starts with empty QSettings in its own folder (window state, language, recent files)."""
    try:
        from PySide6.QtCore import QSettings
    except ImportError:  # pragma: no cover
        yield
        return
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    yield
