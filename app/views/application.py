"""Starting the GUI: the QApplication, translations, the first database, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from app import APP_NAME, __version__
from app.models.errors import StyrkortError
from app.models.paths import default_db_path, resource_path
from app.models.store import Store, open_store
from app.views.i18n import current_language, install_translators


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("styrkort")
    icon = resource_path("icons", "styrkort.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    install_translators(app)
    return app


def open_database(path: Path | None, *, readonly: bool = False, create: bool = True) -> Store:
    """The default database gets Exempelregionen on first start; any other new file starts empty."""
    target = path or default_db_path()
    first_start = path is None and not target.exists()
    store = open_store(target, readonly=readonly, create=create)
    if first_start:
        from app.services.demo import build_demo

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
        self.window.show()
        if previous is not None:
            previous.close()
            previous.store.close()
            previous.deleteLater()

    def request(self, path: str, create: bool) -> None:
        try:
            if create and Path(path).exists():
                raise StyrkortError(f"{path} finns redan.", f"{path} already exists.")
            store = open_database(Path(path), create=create)
        except StyrkortError as exc:
            QMessageBox.critical(self.window, APP_NAME, exc.message(current_language()))
            return
        self.show(store)


def run_gui(db: Path | None, *, readonly: bool = False) -> int:
    app = make_application()
    try:
        store = open_database(db, readonly=readonly, create=db is None or not readonly)
    except StyrkortError as exc:
        print(f"styrkort: {exc.sv}", file=sys.stderr)
        if app.platformName() != "offscreen":  # headless: nobody could close the dialog
            QMessageBox.critical(None, APP_NAME, exc.message(current_language()))
        return exc.exit_code
    manager = WindowManager()
    manager.show(store)
    return app.exec()
