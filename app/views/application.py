"""Starting the GUI: the QApplication, translations, the first database, the main window."""

from __future__ import annotations

import gc
import os
import sys
import threading
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from shiboken6 import isValid

from app import APP_NAME, __version__
from app.models.database_url import is_url
from app.models.errors import StyrkortError
from app.models.paths import default_db_path, last_database, remember_last_database, resource_path
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


def open_database(path: Path | str | None, *, readonly: bool = False, create: bool = True, demo: str | bool | None = None,
                  daily_backup: bool = True) -> Store:
    """A new file gets a demo when `demo` names one ("region": Exempelregionen, "kommun":
    Exempelkommunen; the default database gets the region); any other new file starts empty. The
    window takes the file's lock: a second Styrkort is offered read-only. `daily_backup=False`:
    the window writes it after its first paint."""
    if is_url(path):  # a regional database: the server has it, nothing to build here
        return open_store(path, readonly=readonly, create=False)
    target = path or default_db_path()
    kind = demo if isinstance(demo, str) else "region"
    build_demo_region = (bool(demo) or path is None) and not target.exists()
    store = open_store(target, readonly=readonly, create=create, lock=not readonly, daily_backup=daily_backup,
                       integrity_check=daily_backup)
    if build_demo_region:
        from app.services.demo.builder import build_demo

        with store.transaction() as session:
            build_demo(session, kind)
    return store


class FirstPaint(QObject):
    """Calls `then` once, on the turn of the event loop after the window was first painted: what
    must not delay the first paint (the day's first backup) waits for it."""

    def __init__(self, window, then) -> None:
        super().__init__(window)
        self.then = then
        window.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint and self.then is not None:
            then, self.then = self.then, None
            watched.removeEventFilter(self)
            QTimer.singleShot(0, then)
        return False


class BackgroundChecks(QObject):
    """The integrity check and the day's first backup, in a thread; a damaged file is reported
    in the window (with the way back to a backup) as soon as the check finds it."""

    damaged = Signal(str)
    # Not a child of the window (which may close while the thread runs): kept here until done.
    running: set[BackgroundChecks] = set()

    def __init__(self, window, store: Store) -> None:
        super().__init__()
        self.window, self.store = window, store
        self.damaged.connect(self.report)
        self.running.add(self)
        threading.Thread(target=self.run, name="background-checks").start()

    def run(self) -> None:
        problems = self.store.background_checks()
        self.damaged.emit(problems[0] if problems else "")

    def report(self, problem: str) -> None:
        self.running.discard(self)
        if not problem or not isValid(self.window):
            return
        text = QCoreApplication.translate(
            "WindowManager", "%1 is damaged (%2). Do not go on working in it: restore a backup with "
            "File ▸ Restore from backup, or save a copy and ask for help.")
        QMessageBox.critical(self.window, APP_NAME, text.replace("%1", str(self.store.path)).replace("%2", problem))


def after_first_paint(window, store: Store) -> None:
    """The integrity check and the day's first backup in a background thread (SQLite's online
    backup reads a consistent copy while the window works). STYRKORT_STARTUP_PROBE (benchmarks/bench_startup.py): print
    the moment and leave, so that a whole process can be timed to its first paint; `=modules`
    prints the modules loaded by then instead (tests/test_startup.py)."""
    if not gc.isenabled():  # the launcher held collection off until now (start-up objects stay)
        gc.freeze()
        gc.enable()
    probe = os.environ.get("STYRKORT_STARTUP_PROBE")
    if probe:
        print(" ".join(sorted(sys.modules)) if probe == "modules" else time.time(), flush=True)
        os._exit(0)
    if store.path is not None and (store.integrity_deferred or not store.readonly):
        BackgroundChecks(window, store)


def load_pages_one_by_one(window) -> None:
    """The pages not shown yet, one per turn of the event loop, so the window answers between them."""
    if isValid(window) and window.deferred_pages():
        window.load_page(window.deferred_pages()[0])
        QTimer.singleShot(0, lambda: load_pages_one_by_one(window))


class WindowManager:
    """Keeps the open window; opening another database replaces it after the new one opened."""

    def __init__(self) -> None:
        self.window = None

    def show(self, store: Store) -> None:
        from app.views.main_window import MainWindow

        previous = self.window
        self.window = MainWindow(store, defer_pages=True)
        self.window.databaseRequested.connect(self.request)
        self.window.restoreRequested.connect(self.restore)
        window = self.window
        FirstPaint(window, lambda: (after_first_paint(window, store), load_pages_one_by_one(window)))
        self.window.show()
        if store.path is not None and not store.readonly:
            remember_last_database(store.path)
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
        if is_url(path):  # a regional database: nothing to create, lock or restore here
            try:
                self.show(open_database(path, create=False))
            except StyrkortError as exc:
                QMessageBox.critical(self.window, APP_NAME, exc.message(current_language()))
            return
        current = self.window.store.path if self.window is not None else None
        if not create and current is not None and current.resolve() == Path(path).resolve():
            self.window.raise_()  # already open here: a second window would hold the lock against itself
            return
        try:
            if create and Path(path).exists():
                raise StyrkortError(f"{path} finns redan.", f"{path} already exists.")
            store = open_database(Path(path), create=create, daily_backup=False)
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


def run_gui(db: Path | str | None, *, readonly: bool = False) -> int:
    """Open `db`, else the last database, else (the very first start) ask what to open."""
    app = make_application()
    reporter = ErrorReporter(app)
    reporter.install()
    manager = WindowManager()
    create, demo, import_file = not readonly, False, None
    if db is None:
        db = last_database()
        create = False
    if db is None:
        from app.views.first_start import ask_first_start

        choice = ask_first_start()
        if choice is None:
            return 0
        db, create, demo, import_file = choice.path, choice.create, choice.demo, choice.import_file
    try:
        store = open_database(db, readonly=readonly, create=create, demo=demo, daily_backup=False)
    except StyrkortError as exc:
        print(f"styrkort: {exc.sv}", file=sys.stderr)
        if app.platformName() == "offscreen":  # headless: nobody could answer the dialog
            return exc.exit_code
        if is_url(db):
            QMessageBox.critical(None, APP_NAME, exc.message(current_language()))
            return exc.exit_code
        store = manager.resolve(db or default_db_path(), exc)
        if store is None:
            return exc.exit_code
    manager.show(store)
    if import_file is not None:  # the first start's "import a goal matrix": the import page's preview
        manager.window.load_deferred_pages()
        manager.window.filesDropped.emit([str(import_file)])
    code = app.exec()
    manager.window.store.close()  # checkpoints the WAL and releases the lock file
    return code
