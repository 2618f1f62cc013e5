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


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_template, path)
    return path


@pytest.fixture
def demo_store(demo_path: Path) -> Store:
    store = open_store(demo_path)
    yield store
    store.close()


@pytest.fixture
def empty_store(tmp_path: Path) -> Store:
    store = open_store(tmp_path / "empty.sqlite")
    yield store
    store.close()


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
