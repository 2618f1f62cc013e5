"""The first start offers a choice instead of silently creating the demo; later starts open the
last database; Hjälp ▸ Om and --version tell where the database and its backups live."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCommandLinkButton, QFileDialog, QMessageBox

from app.models.paths import last_database
from app.models.store import head_revision
from app.views import application, first_start
from app.views.application import WindowManager, install_translators, open_database
from app.views.first_start import FirstStartDialog

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fresh_data(tmp_path, monkeypatch) -> Path:
    data = tmp_path / "data"
    monkeypatch.setenv("STYRKORT_DATA_DIR", str(data))
    monkeypatch.setattr(first_start, "documents_dir", lambda: tmp_path / "Dokument")
    return data


def dialog(qtbot) -> FirstStartDialog:
    install_translators(QApplication.instance(), "sv")
    shown = FirstStartDialog()
    qtbot.addWidget(shown)
    return shown


def test_first_start_offers_the_choices_in_swedish(qtbot, fresh_data):
    shown = dialog(qtbot)
    texts = [b.text() for b in shown.findChildren(QCommandLinkButton)]
    assert texts == ["Öppna demoregionen", "Öppna demokommunen", "Skapa en tom databas…",
                     "Öppna en befintlig fil…", "Importera en målmatris från Excel…"]
    assert shown.windowTitle() == "Välkommen till Styrkort"


def test_demo_choice_builds_exempelregionen_and_the_next_start_opens_it(qtbot, fresh_data):
    assert last_database() is None  # nothing yet: the choice is offered
    shown = dialog(qtbot)
    qtbot.mouseClick(shown.findChild(QCommandLinkButton, "demoButton"), Qt.MouseButton.LeftButton)
    choice = shown.choice
    assert choice.path == fresh_data / "Exempelregionen.styrkort" and choice.demo == "region"
    store = open_database(choice.path, create=choice.create, demo=choice.demo, daily_backup=False)
    manager = WindowManager()
    manager.show(store)
    qtbot.addWidget(manager.window)
    assert manager.window.structure.goal_model.rowCount() == 1
    assert manager.window.windowTitle().startswith("Exempelregionen.styrkort")
    assert last_database() == choice.path.resolve()


def test_empty_database_gets_the_styrkort_extension_and_starts_empty(qtbot, fresh_data, tmp_path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "Vår kommun"), ""))
    shown = dialog(qtbot)
    qtbot.mouseClick(shown.findChild(QCommandLinkButton, "emptyButton"), Qt.MouseButton.LeftButton)
    assert shown.choice.path == tmp_path / "Vår kommun.styrkort"
    store = open_database(shown.choice.path, create=shown.choice.create, daily_backup=False)
    manager = WindowManager()
    manager.show(store)
    qtbot.addWidget(manager.window)
    assert manager.window.structure.goal_model.rowCount() == 0


def test_cancelled_file_dialog_keeps_the_choice_open(qtbot, fresh_data, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    shown = dialog(qtbot)
    qtbot.mouseClick(shown.findChild(QCommandLinkButton, "openButton"), Qt.MouseButton.LeftButton)
    assert shown.choice is None and not shown.result()


def test_later_start_opens_the_last_database_without_asking(qtbot, fresh_data, demo_path, monkeypatch):
    from app.models.paths import remember_last_database

    remember_last_database(demo_path)
    monkeypatch.setattr(first_start, "ask_first_start", lambda: pytest.fail("the choice was offered again"))
    opened = {}
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    real_show = WindowManager.show

    def show(self, store):
        real_show(self, store)
        qtbot.addWidget(self.window)
        opened["path"] = store.path

    monkeypatch.setattr(WindowManager, "show", show)
    assert application.run_gui(None) == 0
    assert opened["path"] == demo_path.resolve()


def test_import_choice_opens_the_import_preview_on_the_new_database(qtbot, fresh_data, tmp_path, monkeypatch):
    matrix = tmp_path / "målmatris.xlsx"
    matrix.write_bytes(b"")
    monkeypatch.setattr(first_start, "ask_first_start", lambda: first_start.StartChoice(
        tmp_path / "målmatris.styrkort", create=True, import_file=matrix))
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    dropped = []
    real_show = WindowManager.show

    def show(self, store):
        real_show(self, store)
        qtbot.addWidget(self.window)
        self.window.filesDropped.connect(dropped.append)

    monkeypatch.setattr(WindowManager, "show", show)
    assert application.run_gui(None) == 0
    assert dropped == [[str(matrix)]]
    assert (tmp_path / "målmatris.styrkort").exists()


def test_about_shows_version_schema_database_and_backups(qtbot, fresh_data, demo_store, monkeypatch):
    from app.views.main_window import MainWindow

    install_translators(QApplication.instance(), "sv")
    shown = {}
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.update(title=title, text=text))
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    window.show_about()
    assert shown["title"] == "Om Styrkort"
    assert f"Schemaversion: {head_revision()}" in shown["text"]
    assert f"Databas: {demo_store.path} (schema {head_revision()})" in shown["text"]
    assert f"Säkerhetskopior: {demo_store.path.parent / 'backups'}" in shown["text"]


def test_version_on_the_command_line_names_schema_database_and_backups(demo_path):
    out = subprocess.run([sys.executable, "main.py", "--db", str(demo_path), "--version"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout.splitlines()
    assert out[0].startswith("Styrkort ")
    assert out[1] == f"Schemaversion: {head_revision()}"
    assert out[2] == f"Databas: {demo_path} (schema {head_revision()})"
    assert out[3] == f"Säkerhetskopior: {demo_path.parent / 'backups'}"


def test_pages_not_shown_first_are_loaded_after_the_first_paint_with_their_menu_actions(qtbot, demo_store):
    from PySide6.QtGui import QAction

    from app.views.exchange.exchange_page import ExchangePage
    from app.views.main_window import MainWindow
    from app.views.pages import PagePlaceholder

    install_translators(QApplication.instance(), "sv")
    manager = WindowManager()
    manager.show(demo_store)
    window = manager.window
    qtbot.addWidget(window)
    placeholder_titles = [window.pages.tabText(i) for i in range(window.pages.count())]
    qtbot.waitUntil(lambda: not window.deferred_pages(), timeout=20000)
    assert window.findChild(ExchangePage) is not None
    assert not window.findChildren(PagePlaceholder)
    assert window.findChild(QAction, "actionImport") in window.file_menu.actions()
    eager = MainWindow(demo_store)  # every page at once: the same tabs, the same titles
    qtbot.addWidget(eager)
    assert placeholder_titles == [eager.pages.tabText(i) for i in range(eager.pages.count())]
    assert [type(window.pages.widget(i)) for i in range(window.pages.count())] == \
        [type(eager.pages.widget(i)) for i in range(eager.pages.count())]


def test_clicking_a_tab_before_its_page_is_loaded_loads_it_at_once(qtbot, demo_store):
    from app.views.followup.followup_page import FollowUpPage
    from app.views.main_window import MainWindow

    window = MainWindow(demo_store, defer_pages=True)
    qtbot.addWidget(window)
    window.show()
    window.pages.setCurrentIndex(2)
    assert isinstance(window.pages.currentWidget(), FollowUpPage)
    assert window.pages.currentIndex() == 2


def test_a_damage_found_after_the_first_paint_is_reported_and_no_daily_backup_is_taken(
        qtbot, demo_path, monkeypatch):
    import sqlite3

    from app.models.backup_files import list_backups

    conn = sqlite3.connect(demo_path)  # a dangling reference: SQLite opens the file, the check finds it
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("UPDATE goal SET parent_id = 999999 WHERE id = (SELECT max(id) FROM goal)")
    conn.commit()
    conn.close()
    install_translators(QApplication.instance(), "sv")
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    store = open_database(demo_path, create=False, daily_backup=False)  # as run_gui opens it
    manager = WindowManager()
    manager.show(store)
    qtbot.addWidget(manager.window)
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert shown[0].startswith(f"{demo_path} är skadad (foreign key:")
    assert "Arkiv ▸ Återställ från säkerhetskopia" in shown[0]
    assert list_backups(demo_path) == []


def test_a_healthy_file_gets_its_daily_backup_after_the_first_paint(qtbot, demo_path):
    from app.models.backup_files import list_backups

    store = open_database(demo_path, create=False, daily_backup=False)
    assert list_backups(demo_path) == []  # not on the way to the first paint
    manager = WindowManager()
    manager.show(store)
    qtbot.addWidget(manager.window)
    qtbot.waitUntil(lambda: [b.reason for b in list_backups(demo_path)] == ["daily"], timeout=20000)


def test_closing_the_window_while_the_checks_run_is_safe(qtbot, demo_path):
    from app.views.application import BackgroundChecks

    store = open_database(demo_path, create=False, daily_backup=False)
    manager = WindowManager()
    manager.show(store)
    qtbot.waitUntil(lambda: bool(BackgroundChecks.running), timeout=20000)
    manager.window.close()
    manager.window.deleteLater()
    qtbot.waitUntil(lambda: not BackgroundChecks.running, timeout=20000)
    store.close()
