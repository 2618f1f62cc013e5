"""The import dialog: read the file (in a child process, off the GUI thread), map its columns
with a live preview, see what is new / changed (old → new) / unchanged and every problem, then
import with a cancellable progress dialog. Cancel writes nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.commands import EditContext, everything
from app.models.errors import StyrkortError
from app.services.exchange.importing import (
    ImportOptions,
    ImportPlan,
    load_file,
    plan_import,
    run_import,
    sheet_mapping,
)
from app.services.exchange.reading import FileData
from app.services.exchange.shapes import LONG, WIDE_INDICATOR, WIDE_PERIOD, Mapping, column_letter
from app.services.exchange.values import cell_text
from app.services.platform import swedish
from app.views.exchange.exchange_workers import Worker
from app.views.i18n import current_language

PREVIEW_ROWS = 40
STATUS_COLOURS = {"new": "#E2F0D9", "changed": "#FFF2CC", "unchanged": None}


class RowsModel(QAbstractTableModel):
    """The first rows of the sheet as they are in the file; the header row is shown in bold."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[list[object]] = []
        self.width = 0
        self.header_row = 0

    def set_rows(self, rows: list[list[object]], header_row: int) -> None:
        self.beginResetModel()
        self.rows = [list(r) for r in rows[:PREVIEW_ROWS]]
        self.width = max((len(r) for r in self.rows), default=0)
        self.header_row = header_row
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else self.width

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(row[index.column()]) if index.column() < len(row) else ""
        if role == Qt.ItemDataRole.FontRole and index.row() == self.header_row:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return column_letter(section) if orientation == Qt.Orientation.Horizontal else str(section + 1)


class ChangesModel(QAbstractTableModel):
    """The plan's preview rows: status, key, old → new."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows = []

    def headers(self) -> list[str]:
        return [self.tr("Status"), self.tr("Row"), self.tr("Indicator"), self.tr("Unit"), self.tr("Period"),
                self.tr("Gender"), self.tr("Old value"), self.tr("New value")]

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else 8

    def _status_text(self, status: str) -> str:
        return {"new": self.tr("New"), "changed": self.tr("Changed"), "unchanged": self.tr("Unchanged")}[status]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return [self._status_text(row.status), str(row.row), row.indicator, row.unit, row.period, row.gender,
                    swedish.shortest(row.old) if row.status != "new" else "", swedish.shortest(row.new)][index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and STATUS_COLOURS[row.status]:
            return QBrush(QColor(STATUS_COLOURS[row.status]))
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None


class ImportDialog(QDialog):
    """One file's import, from reading to the written batch."""

    imported = Signal(int)  # batch id

    def __init__(self, context: EditContext, path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.path = str(path)
        self.data: FileData | None = None
        self.plan: ImportPlan | None = None
        self.mapping: Mapping | None = None
        self.worker: Worker | None = None
        self.progress: QProgressDialog | None = None
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import %1").replace("%1", Path(self.path).name))
        self.resize(1100, 720)
        self._build()
        self.replan_timer = QTimer(self)
        self.replan_timer.setSingleShot(True)
        self.replan_timer.setInterval(250)
        self.replan_timer.timeout.connect(self.refresh_plan)
        self._read()

    # --- layout -----------------------------------------------------------------------------
    def _build(self) -> None:
        self.sheet_box = QComboBox()
        self.sheet_box.setObjectName("sheetBox")
        self.header_spin = QSpinBox()
        self.header_spin.setObjectName("headerRow")
        self.header_spin.setRange(1, PREVIEW_ROWS)
        self.period_edit = QLineEdit()
        self.period_edit.setObjectName("fixedPeriod")
        self.period_edit.setPlaceholderText(self.tr("e.g. 2025 or 2025T2, when the file has no period column"))
        self.create_missing = QCheckBox(self.tr("Create missing units and indicators"))
        self.create_missing.setObjectName("createMissing")
        self.save_mapping = QCheckBox(self.tr("Remember this column mapping for files like this one"))
        self.save_mapping.setObjectName("saveMapping")
        self.save_mapping.setChecked(True)
        self.decimal_box = QComboBox()
        self.decimal_box.setObjectName("decimalSign")
        self.decimal_box.addItem(self.tr("Decided per column from its cells"), None)
        self.decimal_box.addItem(self.tr("Decimal comma (1 234,5)"), "comma")
        self.decimal_box.addItem(self.tr("Decimal point (1,234.5)"), "point")
        self.blank_clears = QCheckBox(self.tr("Empty cells clear stored values"))
        self.blank_clears.setObjectName("blankClears")
        self.update_existing = QCheckBox(self.tr("Change existing goals, units and indicators"))
        self.update_existing.setObjectName("updateExisting")
        self.closed_periods = QCheckBox(self.tr("Import into closed periods (flagged late)"))
        self.closed_periods.setObjectName("closedPeriods")
        choices = QHBoxLayout()
        for box in (self.create_missing, self.update_existing, self.blank_clears, self.closed_periods):
            choices.addWidget(box)
        choices.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Sheet:"), self.sheet_box)
        form.addRow(self.tr("Header row:"), self.header_spin)
        form.addRow(self.tr("Period:"), self.period_edit)
        form.addRow(self.tr("Decimal sign:"), self.decimal_box)
        form.addRow(choices)
        form.addRow(self.save_mapping)

        self.mapping_table = QTableView()
        self.mapping_table.setObjectName("mappingTable")
        self.rows_model = RowsModel(self)
        self.mapping_table.setModel(self.rows_model)
        self.mapping_bar = QWidget()
        self.mapping_bar.setObjectName("mappingBar")
        self.mapping_layout = QHBoxLayout(self.mapping_bar)
        self.mapping_layout.setContentsMargins(0, 0, 0, 0)
        self.combos: list[QComboBox] = []
        columns = QWidget()
        columns_layout = QVBoxLayout(columns)
        columns_layout.addWidget(QLabel(self.tr("What each column holds:")))
        columns_layout.addWidget(self.mapping_bar)
        columns_layout.addWidget(self.mapping_table, 1)

        self.changes_model = ChangesModel(self)
        self.changes_view = QTableView()
        self.changes_view.setObjectName("changesTable")
        self.changes_view.setModel(self.changes_model)
        self.changes_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.problems = QListWidget()
        self.problems.setObjectName("problemList")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("previewTabs")
        self.tabs.addTab(self.changes_view, self.tr("Changes"))
        self.tabs.addTab(self.problems, self.tr("Problems"))

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(columns)
        splitter.addWidget(self.tabs)
        self.summary = QLabel(self.tr("Reading the file…"))
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = QPushButton(self.tr("&Import"))
        self.import_button.setObjectName("importButton")
        self.import_button.setEnabled(False)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.clicked.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.sheet_box.currentIndexChanged.connect(self._sheet_changed)
        self.header_spin.valueChanged.connect(self._header_changed)
        self.period_edit.textChanged.connect(lambda _t: self.replan_timer.start())
        for box in (self.create_missing, self.update_existing, self.blank_clears, self.closed_periods):
            box.toggled.connect(lambda _c: self.replan_timer.start())
        self.decimal_box.currentIndexChanged.connect(lambda _i: self.replan_timer.start())

    # --- reading ----------------------------------------------------------------------------
    def _read(self) -> None:
        path = self.path
        self.worker = Worker(lambda progress, cancelled: load_file(path, cancelled))
        self.worker.signals.finished.connect(self._file_read)
        self.worker.signals.failed.connect(self._failed)
        self.worker.start()

    def _file_read(self, data: FileData) -> None:
        self.data = data
        self.sheet_box.blockSignals(True)
        self.sheet_box.clear()
        for sheet in data.sheets:
            hidden = self.tr(" (hidden)") if sheet.hidden else ""
            self.sheet_box.addItem(sheet.name + hidden, sheet.name)
        self.sheet_box.blockSignals(False)
        first_visible = next((i for i, s in enumerate(data.sheets) if not s.hidden and s.rows), 0)
        self.sheet_box.setCurrentIndex(first_visible)
        self._sheet_changed()

    def _sheet(self):
        if self.data is None or not self.data.sheets:
            return None
        return self.data.sheets[max(self.sheet_box.currentIndex(), 0)]

    def _sheet_changed(self, *_args) -> None:
        sheet = self._sheet()
        if sheet is None:
            self.refresh_plan()
            return
        with self.context.store.session() as session:
            self.mapping, _key = sheet_mapping(session, self.data, sheet)
        if self.mapping is None:
            self.mapping = Mapping(0, LONG)
        self.header_spin.blockSignals(True)
        self.header_spin.setValue(self.mapping.header_row + 1)
        self.header_spin.blockSignals(False)
        if self.mapping.fixed_period and not self.period_edit.text():
            self.period_edit.setText(self.mapping.fixed_period)
        self.rows_model.set_rows(sheet.rows, self.mapping.header_row)
        self._fill_combos()
        self.refresh_plan()

    def _header_changed(self, value: int) -> None:
        sheet = self._sheet()
        if sheet is None or self.mapping is None:
            return
        self.mapping.header_row = value - 1
        self.rows_model.set_rows(sheet.rows, self.mapping.header_row)
        self._fill_combos()
        self.replan_timer.start()

    # --- mapping ----------------------------------------------------------------------------
    def field_choices(self) -> list[tuple[str, str]]:
        return [("", self.tr("(not imported)")), ("indicator", self.tr("Indicator")), ("unit", self.tr("Unit")),
                ("municipality", self.tr("Municipality code")), ("period", self.tr("Period")),
                ("gender", self.tr("Gender")), ("value", self.tr("Value")), ("target", self.tr("Target")),
                ("comment", self.tr("Comment")), ("unit_name", self.tr("Unit name")),
                ("provider_type", self.tr("Provider type")), ("provider_name", self.tr("Provider name")),
                ("org_number", self.tr("Organisation number")), ("@period", self.tr("Value for the period in the header")),
                ("@indicator", self.tr("Value for the indicator in the header"))]

    def _fill_combos(self) -> None:
        for combo in self.combos:
            combo.setParent(None)  # gone from findChild at once, not only after deleteLater
            combo.deleteLater()
        self.combos = []
        sheet = self._sheet()
        if sheet is None or self.mapping is None or self.mapping.header_row >= len(sheet.rows):
            return
        header = sheet.rows[self.mapping.header_row]
        for col in range(len(header)):
            combo = QComboBox()
            combo.setObjectName(f"mapColumn{col}")
            combo.setToolTip(cell_text(header[col]))
            for key, text in self.field_choices():
                combo.addItem(text, key)
            current = self.mapping.columns.get(col, "")
            if col in self.mapping.period_columns:
                current = "@period"
            elif col in self.mapping.indicator_columns:
                current = "@indicator"
            combo.setCurrentIndex(max(combo.findData("" if current == "ignore" else current), 0))
            combo.currentIndexChanged.connect(self._mapping_edited)
            self.mapping_layout.addWidget(combo)
            self.combos.append(combo)
        # Columns as wide as their choosers, so each chooser sits above its column.
        self.mapping_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.mapping_layout.setContentsMargins(self.mapping_table.verticalHeader().sizeHint().width(), 0, 0, 0)

    def _mapping_edited(self, *_args) -> None:
        sheet = self._sheet()
        header = sheet.rows[self.mapping.header_row]
        columns, periods, indicators = {}, {}, {}
        for col, combo in enumerate(self.combos):
            key = combo.currentData()
            if key == "@period":
                periods[col] = cell_text(header[col])
            elif key == "@indicator":
                indicators[col] = cell_text(header[col])
            elif key:
                columns[col] = key
        shape = WIDE_PERIOD if periods else WIDE_INDICATOR if indicators else LONG
        self.mapping = Mapping(self.mapping.header_row, shape, columns, periods, indicators,
                               self.mapping.fixed_period)
        self.replan_timer.start()

    def options(self) -> ImportOptions:
        from app.services.exchange.structure import is_structure_workbook

        choices = {"create_missing": self.create_missing.isChecked(), "decimal": self.decimal_box.currentData(),
                   "blank_clears": self.blank_clears.isChecked(), "update_existing": self.update_existing.isChecked(),
                   "closed_periods": self.closed_periods.isChecked()}
        if self.data is not None and is_structure_workbook(self.data):
            # A structure workbook is read whole: its sheets refer to each other by code.
            return ImportOptions(**choices)
        sheet = self._sheet()
        return ImportOptions(sheet=sheet.name if sheet else None, mapping=self.mapping,
                             period=self.period_edit.text().strip() or None,
                             save_mapping=self.save_mapping.isChecked(), **choices)

    # --- planning (the live preview) ----------------------------------------------------------
    def refresh_plan(self) -> None:
        if self.data is None:
            return
        store, path, data, options = self.context.store, self.path, self.data, self.options()

        def work(progress, cancelled):
            with store.session() as session:
                return plan_import(session, path, options, data=data, progress=progress, cancelled=cancelled)

        self.import_button.setEnabled(False)
        self.summary.setText(self.tr("Checking the file…"))
        if self.worker is not None:
            self.worker.cancel()  # a preview for an older mapping is no longer wanted
        worker = Worker(work)
        self.worker = worker
        worker.signals.finished.connect(lambda plan: self._planned(plan) if worker is self.worker else None)
        worker.signals.failed.connect(lambda error: self._failed(error) if worker is self.worker else None)
        worker.start()

    def _planned(self, plan: ImportPlan) -> None:
        self.plan = plan
        language = current_language()
        self.changes_model.set_rows(plan.preview)
        self.problems.clear()
        for problem in plan.problems:
            self.problems.addItem(problem.line(language))
        # The detected number format, what would be created (by name) and what existing entities
        # would change (field: old → new): under the summary, as a dry run prints them.
        details = plan.detail_lines(language)
        shown = "\n".join(details[:12] + (["…"] if len(details) > 12 else []))
        if plan.problems:
            self.tabs.setCurrentWidget(self.problems)
            text = self.tr("%n problem(s) must be fixed before importing; nothing has been "
                           "written.", "", len(plan.problems))
            self.summary.setText(text + ("\n" + shown if shown else ""))
        else:
            self.tabs.setCurrentWidget(self.changes_view)
            self.summary.setText(plan.summary(language) + ("\n" + shown if shown else ""))
        self.import_button.setEnabled(plan.ok and not plan.nothing_to_do)
        self.tabs.setTabText(1, self.tr("Problems (%1)").replace("%1", str(len(plan.problems))))

    def _failed(self, error) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress = None
        text = error.message(current_language()) if isinstance(error, StyrkortError) else str(error)
        self.problems.clear()
        self.problems.addItem(text)
        self.tabs.setCurrentWidget(self.problems)
        self.summary.setText(text)
        self.import_button.setEnabled(False)

    def reject(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
        super().reject()

    # --- importing ----------------------------------------------------------------------------
    def start_import(self) -> None:
        if self.plan is None or not self.plan.ok:
            return
        if self.context.store.readonly:
            self._failed(StyrkortError("Databasen är öppnad skrivskyddad.", "The database is open read-only."))
            return
        store, path, data, options = self.context.store, self.path, self.data, self.options()

        def work(progress, cancelled):
            # The same function as `styrkort import`: plan, backup, apply in one transaction.
            return run_import(store, path, options, progress=progress, cancelled=cancelled, data=data)

        total = max(self.plan.rows_read, 1)
        self.progress = QProgressDialog(self.tr("Importing…"), self.tr("Cancel"), 0, total, self)
        self.progress.setObjectName("importProgress")
        self.progress.setWindowTitle(self.tr("Import"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        worker = Worker(work)
        self.worker = worker
        self.progress.canceled.connect(worker.cancel)
        worker.signals.progress.connect(self._progress)
        worker.signals.finished.connect(self._imported)
        worker.signals.failed.connect(self._failed)
        self.import_button.setEnabled(False)
        worker.start()

    def _progress(self, stage: str, done: int, total: int) -> None:
        if self.progress is None:
            return
        if stage == "read":
            self.progress.setLabelText(self.tr("Rows read: %1").replace("%1", str(done)))
        else:
            self.progress.setLabelText(self.tr("Rows written: %1 of %2").replace("%1", str(done)).replace("%2", str(total)))
        if total:
            self.progress.setMaximum(total)
            self.progress.setValue(min(done, total - 1))

    def _imported(self, plan: ImportPlan) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress = None
        if not plan.ok:
            self._planned(plan)
            return
        self.plan = plan
        if plan.batch_id is not None:
            # An import may touch anything (goals, units, periods, results, documents, settings).
            self.context.bus.announce(everything(self))
            done = self.tr("Imported %1: %2. Import and export ▸ Undo selected import takes it back.")
            self.context.tell(done.replace("%1", Path(self.path).name)
                              .replace("%2", plan.summary(current_language())))
            self.imported.emit(plan.batch_id)
        self.accept()
