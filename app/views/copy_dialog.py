"""Copy the open database into the region's database (or out of it into a file), with progress
and cancel; the copy runs off the GUI thread (`app.services.platform.copying`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.models.database_url import describe, is_url
from app.models.store import Store
from app.views.exchange.exchange_workers import Worker
from app.views.i18n import current_language


def source_of(store: Store) -> str:
    return str(store.path) if store.path is not None else store.engine.url.render_as_string(hide_password=False)


class CopyDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("copyDialog")
        self.setWindowTitle(self.tr("Copy the database"))
        self.source = source_of(store)
        self.worker: Worker | None = None
        self.target = QLineEdit()
        self.target.setObjectName("copyTarget")
        self.target.setPlaceholderText("postgresql://användare@server/region")
        browse = QPushButton(self.tr("File…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.target)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("From"), QLabel(describe(self.source)))
        form.addRow(self.tr("To (new or empty)"), row)
        self.progress = QProgressBar()
        self.progress.setObjectName("copyProgress")
        self.status = QLabel()
        self.status.setObjectName("copyStatus")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.start_button = self.buttons.addButton(self.tr("Copy"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.start_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self._cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Copy to file"), "", "Styrkort (*.sqlite)")
        if path:
            self.target.setText(path)

    def start(self) -> None:
        from app.services.platform.copying import copy_database

        target = self.target.text().strip()
        if not target:
            self.status.setText(self.tr("Give a file or an address postgresql://…"))
            return
        source = self.source
        self.start_button.setEnabled(False)
        self.status.setText(self.tr("Copying…"))
        self.worker = Worker(lambda progress, cancelled: copy_database(
            source, target if is_url(target) else Path(target), progress=progress, cancelled=cancelled))
        self.worker.signals.progress.connect(self._progress)
        self.worker.signals.finished.connect(self._finished)
        self.worker.signals.failed.connect(self._failed)
        self.worker.start()

    def _progress(self, _table: str, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _finished(self, report) -> None:
        self.worker = None
        self.progress.setValue(self.progress.maximum())
        self.status.setText(self.tr("%1 rows copied and checked table by table.").replace("%1", str(report.total)))
        self.start_button.setEnabled(True)

    def _failed(self, error) -> None:
        self.worker = None
        text = error.message(current_language()) if hasattr(error, "message") else str(error).splitlines()[-1]
        self.status.setText(text)
        self.start_button.setEnabled(True)

    def _cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            return
        self.reject()
