"""The history table with its filters (user, kind of change, period, date range), shared by the
per-object dialog and the Ändringslogg page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.models import AuditAction
from app.models.store import Store
from app.services.history import changes as history
from app.services.history.changes import HistoryFilter, HistoryRow
from app.views.i18n import current_language, term

Loader = Callable[[object, HistoryFilter], list[HistoryRow]]


class HistoryModel(QAbstractTableModel):
    """Entries as rows: when, who, what (kind and object), field, old → new, summary."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[HistoryRow] = []
        self.names: dict[tuple[str, int], str] = {}
        self.headers = [self.tr("Time"), self.tr("User"), self.tr("Change"), self.tr("Object"),
                        self.tr("Field"), self.tr("Old value"), self.tr("New value"), self.tr("Summary")]

    def set_rows(self, rows: list[HistoryRow], names: dict[tuple[str, int], str]) -> None:
        self.beginResetModel()
        self.rows, self.names = rows, names
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008,N802 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008,N802 - Qt override
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt override
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def object_text(self, row: HistoryRow) -> str:
        kind = history.ENTITY_LABELS.get(row.entity, row.entity) if current_language() == "sv" else row.entity
        name = self.names.get((row.entity, row.entity_id)) if row.entity_id is not None else None
        if name:
            return f"{kind}: {name}"
        return kind if row.entity_id is None else f"{kind} {row.entity_id}"

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return row
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.id} · {row.entry_hash}"
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == 0:
            return row.at.strftime("%Y-%m-%d %H:%M:%S")
        if column == 1:
            return row.user
        if column == 2:
            return term(AuditAction(row.action))
        if column == 3:
            return self.object_text(row)
        if column == 4:
            return row.field or ""
        if column == 5:
            return _short(row.old)
        if column == 6:
            return _short(row.new)
        return row.summary


def _short(text: str | None) -> str:
    if text is None:
        return "–"
    return text if len(text) <= 120 else text[:117] + "…"


class HistoryView(QWidget):
    """Filters above a table; `loader(session, filter)` fetches the rows."""

    activated = Signal(object)  # a HistoryRow double-clicked

    def __init__(self, store: Store, loader: Loader, parent: QWidget | None = None, *,
                 show_period: bool = True) -> None:
        super().__init__(parent)
        self.store = store
        self.loader = loader
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.user = QComboBox()
        self.user.setObjectName("historyUser")
        self.user.setEditable(False)
        self.action = QComboBox()
        self.action.setObjectName("historyAction")
        self.action.addItem(self.tr("All changes"), None)
        for member in AuditAction:
            self.action.addItem(term(member), member)
        self.period = QLineEdit()
        self.period.setObjectName("historyPeriod")
        self.period.setPlaceholderText(self.tr("Period, e.g. 2025T2"))
        self.period.setMaximumWidth(150)
        self.period.setVisible(show_period)
        self.use_since = QCheckBox(self.tr("From"))
        self.since = QDateEdit(QDate.currentDate().addMonths(-1))
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("yyyy-MM-dd")
        self.use_until = QCheckBox(self.tr("To"))
        self.until = QDateEdit(QDate.currentDate())
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("yyyy-MM-dd")
        for widget in (QLabel(self.tr("User")), self.user, self.action, self.period, self.use_since, self.since,
                       self.use_until, self.until):
            bar.addWidget(widget)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.summary = QLabel()
        self.summary.setObjectName("historySummary")
        layout.addWidget(self.summary)
        self.model = HistoryModel(self)
        self.table = QTableView()
        self.table.setObjectName("historyTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((140, 150, 80, 220, 90, 120, 120)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(self._double_clicked)
        layout.addWidget(self.table, 1)
        self.user.addItem(self.tr("Everyone"), None)
        for signal in (self.user.currentIndexChanged, self.action.currentIndexChanged, self.period.editingFinished,
                       self.use_since.toggled, self.since.dateChanged, self.use_until.toggled, self.until.dateChanged):
            signal.connect(self.reload)

    def _add_users(self, rows: list[HistoryRow]) -> None:
        """Offer every user seen in the rows shown so far (the whole log's users would need a
        scan of every entry)."""
        known = {self.user.itemData(i) for i in range(self.user.count())}
        new = sorted({r.user for r in rows} - known)
        if new:
            self.user.blockSignals(True)
            for name in new:
                self.user.addItem(name, name)
            self.user.blockSignals(False)

    def current_filter(self) -> HistoryFilter:
        def day(edit: QDateEdit) -> dt.date:
            d = edit.date()
            return dt.date(d.year(), d.month(), d.day())

        return HistoryFilter(
            user=self.user.currentData(), action=self.action.currentData(),
            since=day(self.since) if self.use_since.isChecked() else None,
            until=day(self.until) if self.use_until.isChecked() else None,
            period_code=self.period.text().strip() or None)

    def reload(self) -> None:
        with self.store.session() as session:
            rows = self.loader(session, self.current_filter())
            names = history.describe(session, rows)
        self.model.set_rows(rows, names)
        self._add_users(rows)
        count = len(rows)
        self.summary.setText(self.tr("%n change(s)", "", count))

    def _double_clicked(self, index) -> None:
        self.activated.emit(self.model.rows[index.row()])
