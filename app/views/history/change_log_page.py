"""Ändringslogg: the whole log, newest first, with its filters; an import's values (double-click
an import); a review pack compared with today; the chain's checksum to write down."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.models.store import Store
from app.services.history import changes as history
from app.services.platform.anchors import anchor_text, anchors_in_file, pack_context
from app.services.platform.audit import chain_head
from app.views.history.history_dialog import HistoryDialog
from app.views.history.history_view import HistoryView
from app.views.lazy_page import LazyPage

NEWEST = 5000


class ChangeLogPage(LazyPage):
    def title(self) -> str:
        return self.tr("Change log")

    def build(self) -> None:
        self.setObjectName("changeLogPage")
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.entity = QComboBox()
        self.entity.setObjectName("changeLogEntity")
        self.entity.addItem(self.tr("Everything"), None)
        for key, label in history.ENTITY_LABELS.items():
            self.entity.addItem(label, key)
        self.compare = QPushButton(self.tr("Compare a report with today…"))
        self.compare.setObjectName("compareReportButton")
        self.compare.clicked.connect(self.choose_report)
        self.checksum = QLabel()
        self.checksum.setObjectName("changeLogChecksum")
        self.checksum.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bar.addWidget(QLabel(self.tr("Show")))
        bar.addWidget(self.entity)
        bar.addWidget(self.compare)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.view = HistoryView(self.context.store, self._load, self)
        self.view.activated.connect(self.open_entry)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.checksum)
        self.entity.currentIndexChanged.connect(self.refresh)
        self.context.bus.changed.connect(self._changed)
        self.refresh()

    def _load(self, session, f):
        return history.log(session, f, entity=self.entity.currentData(), limit=NEWEST)

    def _changed(self, _change) -> None:
        self.when_shown(self.refresh)  # now when in view, else when next shown

    def refresh(self) -> None:
        self.view.reload()
        with self.context.store.session() as session:
            head = chain_head(session)
        self.checksum.setText(anchor_text(head.length, head.hash))

    def open_entry(self, row) -> None:
        """An import: the values it wrote; anything else: that object's whole history."""
        if row.batch_id is not None:
            dialog = HistoryDialog.for_batch(self.context.store, row.batch_id, self)
        elif row.entity_id is not None:
            name = self.view.model.object_text(row)
            dialog = HistoryDialog.for_object(self.context.store, row.entity, row.entity_id, name, self)
        else:
            return
        dialog.open()
        self.last_dialog = dialog

    def choose_report(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Compare a report with today"), "",
                                              self.tr("Reports and exports (*.pdf *.xlsx *.csv *.txt)"))
        if path:
            self.compare_with(Path(path))

    def compare_with(self, path: Path) -> QDialog | None:
        try:
            anchors = anchors_in_file(path)
        except Exception:  # noqa: BLE001 - any unreadable file gets the same one line
            anchors = []
        if not anchors:
            QMessageBox.information(self, self.tr("Compare a report with today"),
                                    self.tr("%1 holds no checksum of the change log.").replace("%1", path.name))
            return None
        anchor = anchors[-1]
        context = pack_context(path)
        with self.context.store.session() as session:
            scope_id = None
            if context is not None:
                scope_id = history.unit_id_by_name(session, context[0])
            report = history.changes_since(session, anchor.length, anchor.head, anchor.at[:10],
                                           period_code=context[1] if context else None, scope_unit_id=scope_id)
        dialog = SinceReportDialog(self.context.store, report, self)
        dialog.open()
        self.last_dialog = dialog
        return dialog


class SinceReportDialog(QDialog):
    """"3 värden har ändrats sedan rapporten 2026-04-15": each value then and now; double-click
    shows the entries that changed it."""

    def __init__(self, store: Store, report: history.SinceReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.report = store, report
        self.setObjectName("sinceReportDialog")
        self.setWindowTitle(self.tr("Changed since the report"))
        self.resize(760, 420)
        layout = QVBoxLayout(self)
        self.headline = QLabel(report.headline())
        self.headline.setObjectName("sinceReportHeadline")
        self.headline.setWordWrap(True)
        layout.addWidget(self.headline)
        self.table = QTableWidget(len(report.changes), 4)
        self.table.setObjectName("sinceReportTable")
        self.table.setHorizontalHeaderLabels([self.tr("Value"), self.tr("In the report"), self.tr("Today"),
                                              self.tr("Audit entries")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 260)
        for row, change in enumerate(report.changes):
            kind = history.ENTITY_LABELS.get(change.entity, change.entity)
            for column, text in enumerate((f"{kind}: {change.name}", change.then or "–", change.now or "–",
                                           ", ".join(str(i) for i in change.entry_ids))):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.doubleClicked.connect(self._open)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _open(self, index) -> None:
        change = self.report.changes[index.row()]
        dialog = HistoryDialog.for_object(self.store, change.entity, change.entity_id, change.name, self)
        dialog.open()
        self.last_dialog = dialog

