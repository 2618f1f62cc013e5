"""Synkronisera: the window's view of an offline checkout — where it came from, what waits, a
button that synchronises (off the GUI thread), and the conflicts side by side: for each, every
field with the value before, mine and theirs, the clashing fields in bold; the planner keeps
mine or theirs. The same services as `styrkort sync` / `conflicts` / `resolve`."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.commands import Change, EditContext
from app.models.errors import StyrkortError
from app.services.sync import rows
from app.services.sync.conflicts import checkout_summary, describe_conflict, resolve
from app.views.exchange.exchange_workers import Worker
from app.views.i18n import current_language


class SyncDialog(QDialog):
    def __init__(self, context: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.path = context.store.path
        self.worker: Worker | None = None
        self.setWindowTitle(self.tr("Synchronise"))
        self.resize(820, 520)
        layout = QVBoxLayout(self)
        self.status = QLabel()
        self.status.setObjectName("syncStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.sync_button = QPushButton(self.tr("Synchronise now"))
        self.sync_button.setObjectName("syncNow")
        self.sync_button.clicked.connect(self.synchronise)
        layout.addWidget(self.sync_button)
        self.outcome = QLabel()
        self.outcome.setObjectName("syncOutcome")
        self.outcome.setWordWrap(True)
        layout.addWidget(self.outcome)
        layout.addWidget(QLabel(self.tr("Conflicts waiting for a decision")))
        body = QHBoxLayout()
        self.conflicts = QListWidget()
        self.conflicts.setObjectName("syncConflicts")
        self.conflicts.currentRowChanged.connect(self._show_conflict)
        body.addWidget(self.conflicts, 1)
        self.versions = QTableWidget(0, 3)
        self.versions.setObjectName("syncVersions")
        self.versions.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Mine"), self.tr("Theirs")])
        self.versions.horizontalHeader().setStretchLastSection(True)
        body.addWidget(self.versions, 2)
        layout.addLayout(body, 1)
        choices = QHBoxLayout()
        self.keep_mine = QPushButton(self.tr("Keep mine"))
        self.keep_mine.setObjectName("keepMine")
        self.keep_mine.clicked.connect(lambda: self.decide("mine"))
        self.keep_theirs = QPushButton(self.tr("Keep theirs"))
        self.keep_theirs.setObjectName("keepTheirs")
        self.keep_theirs.clicked.connect(lambda: self.decide("theirs"))
        choices.addStretch(1)
        choices.addWidget(self.keep_mine)
        choices.addWidget(self.keep_theirs)
        layout.addLayout(choices)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._conflicts = []
        self._raw = None
        self.refresh()

    def refresh(self) -> None:
        summary = checkout_summary(self.path) if self.path else None
        if summary is None:
            self.status.setText(self.tr("This file is not a checkout of a regional database."))
            self.sync_button.setEnabled(False)
            self._conflicts = []
        else:
            last = summary.last_sync_at or self.tr("never")
            text = self.tr("Checked out from %1. Last synchronised: %2. Changes waiting: %3.")
            self.status.setText(text.replace("%1", summary.server).replace("%2", last)
                                .replace("%3", str(summary.pending)))
            self._conflicts = summary.conflicts
        self.conflicts.clear()
        for conflict in self._conflicts:
            self.conflicts.addItem(QListWidgetItem(describe_conflict(conflict)))
        has = bool(self._conflicts)
        self.keep_mine.setEnabled(has)
        self.keep_theirs.setEnabled(has)
        if has:
            self.conflicts.setCurrentRow(0)
        else:
            self.versions.setRowCount(0)

    def _show_conflict(self, row: int) -> None:
        with self.context.store.engine.connect() as conn:  # to name what the ids refer to
            self._raw = conn.connection.driver_connection
            try:
                self._fill_versions(row)
            finally:
                self._raw = None

    def _fill_versions(self, row: int) -> None:
        self.versions.setRowCount(0)
        if not 0 <= row < len(self._conflicts):
            return
        conflict = self._conflicts[row]
        table = rows.tables()[conflict.table]
        mine, theirs = conflict.mine or {}, conflict.theirs or {}
        deleted = self.tr("(deleted)")
        bold = QFont()
        bold.setBold(True)
        names = [c.name for c in table.columns if c.name not in (*rows.key_columns(table), rows.VERSION)]
        references = dict(rows.references(table))
        for name in names:
            at = self.versions.rowCount()
            self.versions.insertRow(at)
            cells = [name, deleted if conflict.mine is None else mine.get(name),
                     deleted if conflict.theirs is None else theirs.get(name)]
            parent = references.get(name)
            if parent is not None and self._raw is not None:
                cells[1:] = [v if v in (None, deleted) else self._label(parent, v) for v in cells[1:]]
            for column, value in enumerate(cells):
                item = QTableWidgetItem("" if value is None else str(value))
                if name in conflict.fields:
                    item.setFont(bold)
                self.versions.setItem(at, column, item)

    def _label(self, parent: str, value: object) -> str:
        from app.services.sync.conflicts import reference_label

        return reference_label(self._raw, parent, value) or str(value)

    def synchronise(self) -> None:
        from app.services.sync.engine import sync

        self.sync_button.setEnabled(False)
        self.outcome.setText(self.tr("Synchronising…"))
        path = self.path
        self.worker = Worker(lambda progress, cancelled: sync(path))
        self.worker.signals.finished.connect(self._synced)
        self.worker.signals.failed.connect(self._failed)
        self.worker.start()

    def _synced(self, report) -> None:
        self.sync_button.setEnabled(True)
        text = self.tr("%1 changes sent, %2 received, %3 merged; %4 conflicts wait.")
        text = (text.replace("%1", str(report.pushed)).replace("%2", str(report.pulled))
                .replace("%3", str(report.merged)).replace("%4", str(len(report.open_conflicts))))
        if report.refused:
            refused = self.tr("Refused by the server (kept here): %1")
            text += "\n" + refused.replace("%1", "; ".join(report.refused))
        self.outcome.setText(text)
        self._announce()
        self.refresh()

    def _failed(self, error) -> None:
        self.sync_button.setEnabled(True)
        message = (error.message(current_language()) if isinstance(error, StyrkortError)
                   else str(error).strip().splitlines()[-1])
        self.outcome.setText(message)

    def decide(self, keep: str) -> None:
        row = self.conflicts.currentRow()
        if not 0 <= row < len(self._conflicts):
            return
        try:
            resolve(self.path, self._conflicts[row].id, keep)
        except StyrkortError as exc:
            self.outcome.setText(exc.message(current_language()))
            return
        self._announce()
        self.refresh()

    def _announce(self) -> None:
        for name in rows.order():
            self.context.bus.announce(Change(name, frozenset(), structure=True, initiator=self))
