"""Starting the GUI: the QApplication, translations, the first database, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from app import APP_NAME, __version__
from app.models.errors import StyrkortError
from app.models.paths import default_db_path, resource_path
from app.models.store import Store, open_store
from app.services.platform.backups import restore_backup
from app.views.i18n import current_language, install_translators
from app.views.reliability import ErrorReporter, OpenProblemDialog, RestoreDialog
from app.widgets.style import install_style


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("styrkort")
    icon = resource_path("icons", "styrkort.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    install_style(app)
    install_translators(app)
    from app.views.settings_dialog import apply_user_name

    apply_user_name()
    return app


def open_database(path: Path | None, *, readonly: bool = False, create: bool = True) -> Store:
    """The default database gets Exempelregionen on first start; any other new file starts empty.
    The window takes the file's lock: a second Styrkort is offered read-only."""
    target = path or default_db_path()
    first_start = path is None and not target.exists()
    store = open_store(target, readonly=readonly, create=create, lock=not readonly)
    if first_start:
        from app.services.demo.builder import build_demo

        with store.transaction() as session:
            build_demo(session)
    return store


class WindowManager:
    """Keeps the open window; opening another database replaces it after the new one opened."""

    def __init__(self) -> None:
        self.window = None

    def show(self, store: Store) -> None:
        from app.views.main_window import MainWindow

        previous = self.window
        self.window = MainWindow(store)
        self.window.databaseRequested.connect(self.request)
        self.window.restoreRequested.connect(self.restore)
        self.window.show()
        if store.location_warning:
            sv, en = store.location_warning
            reason = sv if current_language() == "sv" else en
            warning = QLabel("⚠ " + QCoreApplication.translate(
                "WindowManager", "%1 Styrkort does not use its fast journal here; keep the file on "
                "your own disk while you work, if you can.").replace("%1", reason))
            warning.setObjectName("locationWarning")
            self.window.statusBar().addWidget(warning)
        if previous is not None:
            previous.close()
            previous.store.close()
            previous.deleteLater()

    def request(self, path: str, create: bool) -> None:
        current = self.window.store.path if self.window is not None else None
        if not create and current is not None and current.resolve() == Path(path).resolve():
            self.window.raise_()  # already open here: a second window would hold the lock against itself
            return
        try:
            if create and Path(path).exists():
                raise StyrkortError(f"{path} finns redan.", f"{path} already exists.")
            store = open_database(Path(path), create=create)
        except StyrkortError as exc:
            store = self.resolve(Path(path), exc)
            if store is None:
                return
        self.show(store)

    def resolve(self, path: Path, error: StyrkortError) -> Store | None:
        """Offer what can be done with a file that could not be opened as asked."""
        dialog = OpenProblemDialog(path, error, self.window)
        dialog.exec()
        try:
            if dialog.choice() == OpenProblemDialog.READ_ONLY:
                return open_database(path, readonly=True, create=False)
            if dialog.choice() == OpenProblemDialog.BACKUP:
                chooser = RestoreDialog(path, None, self.window)
                if chooser.exec() and chooser.selected_backup() is not None:
                    restore_backup(path, chooser.selected_backup())
                    return open_database(path, create=False)
        except StyrkortError as exc:
            QMessageBox.critical(self.window, APP_NAME, exc.message(current_language()))
        return None

    def restore(self, backup: str) -> None:
        """Put a backup in place of the open file (a copy of the file is kept first) and reopen it."""
        store = self.window.store
        path = store.path
        self.window.context.stop_watching()  # its connection must not hold the file being replaced
        store.close()
        try:
            kept = restore_backup(path, Path(backup))
        except (StyrkortError, OSError) as exc:
            text = exc.message(current_language()) if isinstance(exc, StyrkortError) else str(exc)
            QMessageBox.critical(self.window, APP_NAME, text)
            self.show(open_database(path, create=False))
            return
        self.show(open_database(path, create=False))
        self.window.statusBar().showMessage(QCoreApplication.translate(
            "WindowManager", "The backup was restored; the file as it was is kept as %1").replace("%1", kept.name), 20000)


def run_gui(db: Path | None, *, readonly: bool = False) -> int:
    app = make_application()
    reporter = ErrorReporter(app)
    reporter.install()
    manager = WindowManager()
    try:
        store = open_database(db, readonly=readonly, create=db is None or not readonly)
    except StyrkortError as exc:
        print(f"styrkort: {exc.sv}", file=sys.stderr)
        if app.platformName() == "offscreen":  # headless: nobody could answer the dialog
            return exc.exit_code
        store = manager.resolve(db or default_db_path(), exc)
        if store is None:
            return exc.exit_code
    manager.show(store)
    code = app.exec()
    manager.window.store.close()  # checkpoints the WAL and releases the lock file
    return code
