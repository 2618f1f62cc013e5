"""What a planner sees when something goes wrong: a file that cannot be opened as it is, an
unexpected error, and the way back to a backup.

Unexpected errors never end the program: `ErrorReporter` (installed as `sys.excepthook` and as
Qt's message handler) writes the details to `logs/styrkort.log` in the data folder and shows a
short dialog with a "Copy details" button. Every edit is committed when it is made, so an error
loses nothing that was saved."""

from __future__ import annotations

import datetime as dt
import logging
import sys
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QtMsgType, Signal, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME, __version__
from app.models.backup_files import list_backups
from app.models.errors import StyrkortError
from app.models.paths import log_dir
from app.models.store import FileInUseError, ReadOnlyFileError, Store
from app.services.platform.backups import backups_kept, set_backups_kept
from app.views.i18n import current_language

LOG_NAME = "styrkort.log"


def log_file() -> Path:
    return log_dir() / LOG_NAME


def append_to_log(text: str) -> Path:
    path = log_file()
    stamp = dt.datetime.now().isoformat(sep=" ", timespec="seconds")
    with path.open("a", encoding="utf-8") as fh:
        fh.write(f"--- {stamp} Styrkort {__version__} ---\n{text.rstrip()}\n")
    return path


class ErrorDialog(QDialog):
    """A short explanation, the details one click away, and a button to copy them for support."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorDialog")
        self.setWindowTitle(self.tr("Something went wrong"))
        layout = QVBoxLayout(self)
        self.message = QLabel()
        self.message.setObjectName("errorMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.details = QPlainTextEdit()
        self.details.setObjectName("errorDetails")
        self.details.setReadOnly(True)
        self.details.setMinimumSize(520, 160)
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copy details"))
        self.copy_button.setObjectName("copyDetailsButton")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)

    def report(self, summary: str, details: str, log: Path | None) -> None:
        text = self.tr("Styrkort ran into an unexpected error: %1\n\n"
                       "Your work is saved: every change is stored the moment you make it. "
                       "You can go on working.").replace("%1", summary)
        if log is not None:
            text += "\n\n" + self.tr("The details were written to %1.").replace("%1", str(log))
        self.message.setText(text)
        if self.details.toPlainText():
            details = self.details.toPlainText() + "\n" + details
        self.details.setPlainText(details)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())
        self.copy_button.setText(self.tr("Copied"))


class ErrorReporter(QObject):
    """Catches what nothing else caught. Safe from any thread: the dialog is shown by the GUI
    thread through a queued signal."""

    reported = Signal(str, str)  # summary, details

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.dialog: ErrorDialog | None = None
        self.previous_hook = None
        self._busy = False
        self.reported.connect(self._show)

    def install(self) -> None:
        self.previous_hook = sys.excepthook
        sys.excepthook = self.handle_exception
        threading.excepthook = lambda args: self.handle_exception(args.exc_type, args.exc_value, args.exc_traceback)
        qInstallMessageHandler(self.handle_qt_message)

    def uninstall(self) -> None:
        if self.previous_hook is not None:
            sys.excepthook = self.previous_hook
        threading.excepthook = threading.__excepthook__
        qInstallMessageHandler(None)

    def handle_exception(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            return
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        if self._busy:  # the report itself failed: never loop, fall back to stderr
            sys.__excepthook__(exc_type, exc, tb)
            return
        summary = exc.message(current_language()) if isinstance(exc, StyrkortError) else f"{exc_type.__name__}: {exc}"
        self._busy = True
        try:
            self.reported.emit(summary, details)
        finally:
            self._busy = False

    def handle_qt_message(self, kind: QtMsgType, context, message: str) -> None:
        # Qt's own warnings go to the log only: they rarely concern the user.
        if kind in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            try:
                append_to_log(f"Qt {kind.name}: {message} ({context.file}:{context.line})")
            except OSError:
                pass
        if kind == QtMsgType.QtFatalMsg:
            sys.stderr.write(message + "\n")

    def _show(self, summary: str, details: str) -> None:
        try:
            log = append_to_log(details)
        except OSError:
            log = None
        logging.getLogger("styrkort").error(details)
        if self.dialog is None:
            self.dialog = ErrorDialog()
        self.dialog.report(summary, details, log)
        self.dialog.show()
        self.dialog.raise_()


class RestoreDialog(QDialog):
    """File → Restore from backup: the file's backups with date, reason and size."""

    def __init__(self, db_path: Path, store: Store | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(self.tr("Restore from backup"))
        self.store = store
        self.backups = list_backups(db_path)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Choose a backup of %1. Before it is restored, a copy of the file as it is now "
                               "is kept among the backups, so a restore can be undone.").replace("%1", db_path.name))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(self.backups), 3)
        self.table.setObjectName("backupTable")
        self.table.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Made"), self.tr("Size")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for row, backup in enumerate(self.backups):
            self.table.setItem(row, 0, QTableWidgetItem(backup.taken_at.strftime("%Y-%m-%d %H:%M:%S")))
            self.table.setItem(row, 1, QTableWidgetItem(self._reason(backup.reason)))
            size = QTableWidgetItem(self.tr("%1 kB").replace("%1", f"{backup.size / 1024:,.0f}".replace(",", " ")))
            size.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 2, size)
        self.table.resizeColumnsToContents()
        self.table.setMinimumWidth(560)
        layout.addWidget(self.table)
        if not self.backups:
            layout.addWidget(QLabel(self.tr("There are no backups of this file yet.")))
        form = QFormLayout()
        self.keep = QSpinBox()
        self.keep.setObjectName("backupsKept")
        self.keep.setRange(1, 500)
        if store is not None:
            with store.session() as session:
                self.keep.setValue(backups_kept(session))
        self.keep.setEnabled(store is not None and not store.readonly)
        form.addRow(self.tr("Backups kept"), self.keep)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton(self.tr("Restore"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setEnabled(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # Read-only (perhaps because another Styrkort edits the file): restoring would pull the
        # file from under the other one.
        self.can_restore = store is None or not store.readonly
        if not self.can_restore:
            layout.insertWidget(layout.count() - 1, QLabel(self.tr(
                "The file is open read-only, so a backup cannot be restored now.")))
        self.table.itemSelectionChanged.connect(
            lambda: self.restore_button.setEnabled(self.can_restore and self.selected_backup() is not None))
        self.keep.editingFinished.connect(self._save_keep)

    def _reason(self, reason: str) -> str:
        labels = {"daily": self.tr("First opening of the day"), "before-restore": self.tr("Before a restore"),
                  "before-import": self.tr("Before an import"), "manual": self.tr("By hand")}
        if reason.startswith("before-upgrade"):
            return self.tr("Before an upgrade")
        return labels.get(reason, reason)

    def selected_backup(self) -> Path | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()].path if rows else None

    def _save_keep(self) -> None:
        if self.store is None or self.store.readonly:
            return
        with self.store.transaction() as session:
            if backups_kept(session) != self.keep.value():
                set_backups_kept(session, self.keep.value())


class OpenProblemDialog(QMessageBox):
    """A file that could not be opened as asked: the reason, and what can be done instead."""

    READ_ONLY, BACKUP, CANCEL = "read-only", "backup", "cancel"

    def __init__(self, path: Path, error: StyrkortError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openProblemDialog")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(APP_NAME)
        self.setText(error.message(current_language()))
        self.choices: dict[object, str] = {}
        if isinstance(error, (ReadOnlyFileError, FileInUseError)):
            self._choice(self.tr("Open read-only"), self.READ_ONLY, QMessageBox.ButtonRole.AcceptRole)
        elif list_backups(path):
            self._choice(self.tr("Restore a backup…"), self.BACKUP, QMessageBox.ButtonRole.AcceptRole)
        cancel = self.addButton(QMessageBox.StandardButton.Cancel)
        self.choices[cancel] = self.CANCEL
        self.setDefaultButton(next(iter(self.choices)))

    def _choice(self, text: str, choice: str, role) -> None:
        button = self.addButton(text, role)
        button.setObjectName(f"choice-{choice}")
        self.choices[button] = choice

    def choice(self) -> str:
        return self.choices.get(self.clickedButton(), self.CANCEL)
