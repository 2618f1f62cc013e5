"""Import och export: the import batches with their provenance, undo of a batch, and the
actions File → Import… / Export… (also reached by dropping a file on the window)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.commands import Change, EditContext
from app.commands.exchange import UndoImportCommand
from app.models.errors import StyrkortError
from app.services.exchange.importing import BatchInfo, list_batches
from app.services.exchange.reading import SUFFIXES
from app.views.exchange.exchange_workers import Worker
from app.views.i18n import current_language
from app.widgets.text import fmt

IMPORT_FILTER = "Kalkylblad och data (*.xlsx *.xlsm *.ods *.csv *.txt *.json);;Alla filer (*)"
EXPORT_FILTER = "Excel-arbetsbok (*.xlsx)"


def importable(path: str) -> bool:
    return Path(path).suffix.lower() in (*SUFFIXES, ".xls")


class BatchesModel(QAbstractTableModel):
    """Import batches, newest first."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.batches: list[BatchInfo] = []

    def headers(self) -> list[str]:
        return [self.tr("File"), self.tr("Imported"), self.tr("By"), self.tr("New"), self.tr("Changed"),
                self.tr("Unchanged"), self.tr("Skipped"), self.tr("State"), self.tr("Checksum")]

    def set_batches(self, batches: list[BatchInfo]) -> None:
        self.beginResetModel()
        self.batches = batches
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.batches)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else 9

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        batch = self.batches[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            state = self.tr("Undone") if batch.undone else self.tr("Imported")
            return [batch.file_name, batch.imported_at.strftime("%Y-%m-%d %H:%M"), batch.user, str(batch.rows_new),
                    str(batch.rows_changed), str(batch.rows_unchanged), str(batch.rows_skipped), state,
                    batch.checksum[:12]][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 8:
            return batch.checksum
        if role == Qt.ItemDataRole.UserRole:
            return batch.id
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None


class ExchangePage(QWidget):
    """The imports made so far, and where a planner imports, exports and undoes an import."""

    def __init__(self, context: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("exchangePage")
        self.worker: Worker | None = None
        self.model = BatchesModel(self)
        self.view = QTableView()
        self.view.setObjectName("batchTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.import_button = QPushButton(self.tr("Import file…"))
        self.import_button.setObjectName("importFileButton")
        self.import_button.clicked.connect(self.choose_import)
        self.export_button = QPushButton(self.tr("Export database…"))
        self.export_button.clicked.connect(self.export_database)
        self.follow_up_button = QPushButton(self.tr("Export follow-up…"))
        self.follow_up_button.clicked.connect(self.export_follow_up)
        self.template_button = QPushButton(self.tr("Save import template…"))
        self.template_button.clicked.connect(self.save_template)
        self.undo_button = QPushButton(self.tr("Undo selected import"))
        self.undo_button.setObjectName("undoImportButton")
        self.undo_button.clicked.connect(self.undo_selected)
        buttons = QHBoxLayout()
        for button in (self.import_button, self.export_button, self.follow_up_button, self.template_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        hint = QLabel(self.tr("Drop a spreadsheet, CSV or Kolada file on the window to import it. Each import "
                              "is a batch that can be undone as a whole."))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(hint)
        layout.addWidget(self.view, 1)
        # An empty list says what to do.
        self.empty = QLabel(self.tr("No imports yet – drop a file here or choose Import file…"))
        self.empty.setObjectName("noImports")
        self.empty.setStyleSheet("color: #444444; font-style: italic")
        layout.addWidget(self.empty)
        context.bus.changed.connect(self._changed)
        if parent is not None and hasattr(parent, "filesDropped"):
            parent.filesDropped.connect(self.files_dropped)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.refresh()

    def title(self) -> str:
        return self.tr("Import and export")

    def menu_actions(self) -> list[tuple[str, QAction]]:
        import_action = QAction(self.tr("&Import…"), self)
        import_action.setObjectName("actionImport")
        import_action.setShortcut(QKeySequence("Ctrl+I"))
        import_action.triggered.connect(self.choose_import)
        export_action = QAction(self.tr("&Export…"), self)
        export_action.setObjectName("actionExport")
        export_action.setShortcut(QKeySequence("Ctrl+E"))
        export_action.triggered.connect(self.export_database)
        follow_up = QAction(self.tr("Export &follow-up…"), self)
        follow_up.setObjectName("actionExportFollowUp")
        follow_up.triggered.connect(self.export_follow_up)
        return [("file", import_action), ("file", export_action), ("file", follow_up)]

    # --- batches --------------------------------------------------------------------------------
    def refresh(self) -> None:
        with self.context.store.session() as session:
            self.model.set_batches(list_batches(session))
        self.empty.setVisible(not self.model.batches)
        self._update_buttons()

    def _changed(self, change: Change) -> None:
        if change.touches("import_batch", "result", "org_unit"):
            self.refresh()

    def selected_batch(self) -> BatchInfo | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.batches[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        batch = self.selected_batch()
        self.undo_button.setEnabled(batch is not None and not batch.undone and not self.context.store.readonly)

    def undo_selected(self) -> None:
        batch = self.selected_batch()
        if batch is None:
            return
        text = self.tr("Undo import of %1").replace("%1", batch.file_name)
        if not self.confirm_undo(batch):
            return
        if self.context.push(UndoImportCommand(self.context, batch.id, batch.file_name, text)):
            self.context.tell(self.tr("%1 – Ctrl+Z puts it back").replace("%1", text))

    def confirm_undo(self, batch: BatchInfo) -> bool:
        """Name what will be undone before thousands of rows go; the button says the action."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(APP_NAME)
        box.setText(fmt(
            self.tr("Undo the import of %1 from %2?\n\n%3 new rows are removed and %4 changed rows get their "
                    "earlier values back. Edits made since to the same values are kept as they are."),
            batch.file_name, batch.imported_at.strftime("%Y-%m-%d %H:%M"), batch.rows_new, batch.rows_changed))
        box.setObjectName("confirmUndoImport")
        go = box.addButton(fmt(self.tr("Undo import of %1 rows"), batch.rows_new + batch.rows_changed),
                           QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.confirm_box = box  # reachable by tests while open
        box.exec()
        return box.clickedButton() is go

    # --- import ---------------------------------------------------------------------------------
    def _start_dir(self) -> str:
        return str(QSettings().value("exchange/dir", str(Path.home())))

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import file"), self._start_dir(), IMPORT_FILTER)
        if path:
            self.open_import(path)

    def files_dropped(self, paths: list[str]) -> None:
        for path in paths:
            if importable(path):
                self.open_import(path)
                return

    def open_import(self, path: str):
        from app.views.exchange.import_dialog import ImportDialog

        QSettings().setValue("exchange/dir", str(Path(path).parent))
        dialog = ImportDialog(self.context, path, self)
        dialog.imported.connect(lambda _batch: self.refresh())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # --- export ---------------------------------------------------------------------------------
    def _save_path(self, title: str, name: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, title, str(Path(self._start_dir()) / name), EXPORT_FILTER)
        if not path:
            return None
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        return path

    def _run_export(self, work, path: str) -> None:
        progress = QProgressDialog(self.tr("Writing %1…").replace("%1", Path(path).name), self.tr("Cancel"), 0, 0, self)
        progress.setObjectName("exportProgress")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.setCancelButton(None)
        self.worker = Worker(work)

        def done(rows) -> None:
            progress.close()
            window = self.window()
            if hasattr(window, "statusBar"):
                window.statusBar().showMessage(self.tr("%1 rows written to %2").replace("%1", str(rows)).replace("%2", path), 8000)

        def failed(error) -> None:
            progress.close()
            text = error.message(current_language()) if isinstance(error, StyrkortError) else str(error)
            QMessageBox.warning(self, APP_NAME, text)

        self.worker.signals.finished.connect(done)
        self.worker.signals.failed.connect(failed)
        self.worker.start()

    def export_database(self) -> None:
        path = self._save_path(self.tr("Export database"), "styrkort.xlsx")
        if path:
            self._run_export(self.export_database_work(path), path)

    def export_database_work(self, path: str):
        from app.services.exchange.export import export_database

        store = self.context.store

        def work(progress, cancelled):
            with store.session() as session:
                return export_database(session, path, progress=progress)

        return work

    def export_follow_up(self) -> None:
        from app.services.followup.periods import default_period, list_periods

        with self.context.store.session() as session:
            periods = [p.code for p in reversed(list_periods(session))]
            default = default_period(session)
        if not periods:
            QMessageBox.information(self, APP_NAME, self.tr("There are no periods to follow up yet."))
            return
        current = periods.index(default) if default in periods else 0
        period, ok = QInputDialog.getItem(self, self.tr("Export follow-up"), self.tr("Period:"), periods, current,
                                          False)
        if not ok:
            return
        scopes = [(None, self.tr("Whole organisation"))] + self._scopes()
        names = [name for _id, name in scopes]
        scope, ok = QInputDialog.getItem(self, self.tr("Export follow-up"), self.tr("Scope:"), names, 0, False)
        if not ok:
            return
        path = self._save_path(self.tr("Export follow-up"), f"uppfoljning-{period}.xlsx")
        if path:
            self._run_export(self.follow_up_work(path, period, scopes[names.index(scope)][0]), path)

    def _scopes(self) -> list[tuple[int, str]]:
        """The follow-up page's scopes, indented the same way."""
        from app.services.followup.assessment import scope_options

        with self.context.store.session() as session:
            return [(unit_id, "  " * depth + name) for unit_id, name, depth in scope_options(session)]

    def follow_up_work(self, path: str, period: str, scope_unit_id: int | None = None):
        from app.services.exchange.export import export_follow_up

        store = self.context.store

        def work(progress, cancelled):
            with store.session() as session:
                return export_follow_up(session, path, period, scope_unit_id, progress=progress)

        return work

    def save_template(self) -> None:
        from app.services.exchange.export import write_template

        path = self._save_path(self.tr("Save import template"), "importmall.xlsx")
        if path:
            try:
                write_template(path)
            except StyrkortError as exc:
                QMessageBox.warning(self, APP_NAME, exc.message(current_language()))
