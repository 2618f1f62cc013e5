"""What a planner sees when something goes wrong: the error dialog, restoring a backup, and a
file that can only be opened read-only."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys

import sqlalchemy as sa
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from app.models import Indicator
from app.models.backup_files import list_backups, make_backup
from app.models.locks import lock_path
from app.models.store import open_store
from app.views.application import WindowManager, install_translators, open_database
from app.views.reliability import ErrorReporter, RestoreDialog, log_file


def swedish() -> None:
    install_translators(QApplication.instance(), "sv")


def indicator_names(store) -> set[str]:
    with store.session() as session:
        return set(session.execute(sa.select(Indicator.name)).scalars())


def test_an_error_in_a_slot_shows_a_dialog_logs_it_and_the_app_goes_on(qtbot):
    swedish()
    reporter = ErrorReporter()
    reporter.install()
    try:
        clicks = []
        panel = QWidget()
        layout = QVBoxLayout(panel)
        broken, working = QPushButton("Trasig"), QPushButton("Fungerar")
        layout.addWidget(broken)
        layout.addWidget(working)
        broken.clicked.connect(lambda: 1 / 0)
        working.clicked.connect(lambda: clicks.append(1))
        qtbot.addWidget(panel)
        panel.show()

        qtbot.mouseClick(broken, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
        dialog = reporter.dialog
        qtbot.addWidget(dialog)
        text = dialog.message.text()
        assert "oväntat fel" in text and "ZeroDivisionError" in text and "sparat" in text
        assert str(log_file()) in text
        assert "ZeroDivisionError" in log_file().read_text(encoding="utf-8")

        copy = dialog.findChild(QPushButton, "copyDetailsButton")
        assert copy.text() == "Kopiera detaljer"
        qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
        assert "Traceback" in QGuiApplication.clipboard().text()
        assert "1 / 0" in QGuiApplication.clipboard().text()

        qtbot.mouseClick(working, Qt.MouseButton.LeftButton)
        assert clicks == [1]
    finally:
        reporter.uninstall()


def test_restore_from_backup_lists_backups_and_brings_the_old_data_back(qtbot, demo_path):
    swedish()
    store = open_store(demo_path)
    before = indicator_names(store)
    with store.transaction() as session:
        session.execute(sa.update(Indicator).values(name="Efter olyckan"))
    store.close()
    manager = WindowManager()
    manager.show(open_database(demo_path, create=False))
    qtbot.addWidget(manager.window)
    backups = list_backups(demo_path)
    daily = next(b for b in backups if b.reason == "daily")
    backups_count = len(backups)

    dialog = RestoreDialog(demo_path, manager.window.store, manager.window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == backups_count
    assert dialog.table.item(0, 1).text() == "Första öppningen för dagen"
    assert dialog.table.item(0, 0).text() == daily.taken_at.strftime("%Y-%m-%d %H:%M:%S")
    assert dialog.table.item(0, 2).text().endswith("kB")
    assert not dialog.restore_button.isEnabled()
    dialog.table.selectRow(0)
    assert dialog.restore_button.isEnabled()
    assert dialog.selected_backup() == daily.path

    manager.restore(str(dialog.selected_backup()))
    qtbot.addWidget(manager.window)
    assert indicator_names(manager.window.store) == before
    assert "före återställningen" not in manager.window.statusBar().currentMessage()
    assert "Säkerhetskopian är återställd" in manager.window.statusBar().currentMessage()
    kept = next(b for b in list_backups(demo_path) if b.reason == "before-restore")
    copy = open_store(kept.path, readonly=True)
    assert indicator_names(copy) == {"Efter olyckan"}
    copy.close()
    manager.window.store.close()


def answer_dialog_with(qtbot, object_name: str, seen: list[str]) -> None:
    def answer() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, answer)
            return
        seen.append(box.text())
        box.findChild(QPushButton, object_name).click()
    QTimer.singleShot(0, answer)


def test_a_file_open_in_another_styrkort_is_offered_read_only(qtbot, demo_path):
    swedish()
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        lock_path(demo_path).write_text(
            f'{{"pid": {other.pid}, "host": "{socket.gethostname()}", "user": "kollega", "since": "08:00"}}',
            encoding="utf-8")
        manager = WindowManager()
        manager.show(open_store(demo_path.with_name("annan.sqlite")))
        qtbot.addWidget(manager.window)
        seen: list[str] = []
        answer_dialog_with(qtbot, "choice-read-only", seen)
        manager.request(str(demo_path), False)
        qtbot.addWidget(manager.window)
        assert "kollega" in seen[0]
        assert manager.window.store.readonly
        assert "[skrivskyddad]" in manager.window.windowTitle()
        manager.window.store.close()
        assert "kollega" in lock_path(demo_path).read_text(encoding="utf-8")
    finally:
        other.kill()
        other.wait()


def test_a_damaged_file_offers_to_restore_a_backup(qtbot, demo_path):
    swedish()
    backup = make_backup(demo_path, "manual")
    demo_path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 2000)
    manager = WindowManager()
    manager.show(open_store(demo_path.with_name("annan.sqlite")))
    qtbot.addWidget(manager.window)
    seen: list[str] = []

    def choose_backup() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, choose_backup)
            return
        seen.append(box.text())
        box.findChild(QPushButton, "choice-backup").click()
        QTimer.singleShot(20, pick_first)

    def pick_first() -> None:
        chooser = QApplication.activeModalWidget()
        if not isinstance(chooser, RestoreDialog):
            QTimer.singleShot(20, pick_first)
            return
        chooser.table.selectRow(0)
        chooser.restore_button.click()

    QTimer.singleShot(0, choose_backup)
    manager.request(str(demo_path), False)
    qtbot.addWidget(manager.window)
    assert "skadad" in seen[0] and "säkerhetskopia" in seen[0]
    assert manager.window.store.path == demo_path and not manager.window.store.readonly
    assert backup.exists()
    manager.window.store.close()


def test_a_file_in_a_synced_folder_shows_a_warning(qtbot, tmp_path, demo_template):
    swedish()
    path = tmp_path / "OneDrive - Region Exempel" / "region.sqlite"
    path.parent.mkdir()
    shutil.copyfile(demo_template, path)
    manager = WindowManager()
    manager.show(open_database(path, create=False))
    qtbot.addWidget(manager.window)
    warning = manager.window.findChild(QLabel, "locationWarning")
    assert "molnmapp" in warning.text() and "OneDrive" in warning.text()
    manager.window.store.close()


def test_an_older_file_is_upgraded_after_a_backup_and_the_window_says_so(qtbot, tmp_path):
    from alembic import command

    from app.models.store import alembic_config, make_engine
    from app.views.main_window import MainWindow

    swedish()
    path = tmp_path / "gammal.sqlite"
    engine = make_engine(path)
    cfg = alembic_config()
    with engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
        conn.commit()
    engine.dispose()
    store = open_database(path, create=False)
    window = MainWindow(store)
    qtbot.addWidget(window)
    backup = store.backups_made[0]
    assert backup.name in window.statusBar().currentMessage()
    assert [b.reason for b in list_backups(path)] == ["before-upgrade-0002"]
    store.close()


def test_qt_warnings_go_to_the_log_and_the_number_of_backups_kept_is_saved(qtbot, demo_store):
    from PySide6.QtCore import qWarning

    from app.services.platform.backups import backups_kept

    reporter = ErrorReporter()
    reporter.install()
    try:
        qWarning("Styrkort-test: en varning från Qt")
    finally:
        reporter.uninstall()
    assert "Styrkort-test: en varning från Qt" in log_file().read_text(encoding="utf-8")

    dialog = RestoreDialog(demo_store.path, demo_store)
    qtbot.addWidget(dialog)
    assert dialog.keep.value() == 10 and dialog.keep.isEnabled()
    dialog.keep.setValue(4)
    dialog.keep.editingFinished.emit()
    with demo_store.session() as session:
        assert backups_kept(session) == 4


def test_a_read_only_window_cannot_restore(qtbot, demo_path):
    make_backup(demo_path, "manual")
    store = open_store(demo_path, readonly=True)
    dialog = RestoreDialog(demo_path, store)
    qtbot.addWidget(dialog)
    dialog.table.selectRow(0)
    assert dialog.selected_backup() is not None and not dialog.restore_button.isEnabled()
    assert not dialog.keep.isEnabled()
    store.close()
