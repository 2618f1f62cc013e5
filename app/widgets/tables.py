"""The shared table kit: `RowTableModel` over plain dataclass rows with `Column`s, `make_table`,
`scrollable`, the date helpers and the one `IdRole` every item model uses for a row's id.

Rows are plain dataclasses from the services (never ORM objects); a string row is a group heading
(a delegation chapter). Edits go through an `on_edit(row, key, value)` callback that pushes an
undoable command; the page reloads the model when the change bus reports the change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QSettings,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QScrollArea, QTableView, QWidget
from shiboken6 import isValid

from app.models.enums import LabelledEnum
from app.widgets.i18n import term

IdRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
RowRole = Qt.ItemDataRole.UserRole + 3

OVERDUE = QColor("#f8d7da")
DUE_SOON = QColor("#fff3cd")


@dataclass
class Column:
    """One column: the row attribute it shows, its header and whether it can be edited in place."""

    key: str
    header: str
    editable: bool = False
    check: bool = False  # shown as a check box (booleans)


def display(value) -> str:
    if value is None:
        return ""
    if isinstance(value, LabelledEnum):
        return term(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return ""
    return str(value)


class RowTableModel(QAbstractTableModel):
    """A table over a list of dataclass rows (or group headings)."""

    def __init__(self, columns: list[Column], parent=None,
                 on_edit: Callable[[object, str, object], bool] | None = None,
                 background: Callable[[object], QColor | None] | None = None,
                 row_editable: Callable[[object], bool] | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.rows: list = []
        self.on_edit = on_edit
        self.background = background
        self.row_editable = row_editable

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_for_id(self, row_id: int) -> int:
        for number, row in enumerate(self.rows):
            if not isinstance(row, str) and getattr(row, "id", None) == row_id:
                return number
        return -1

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.columns):
            return self.columns[section].header
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        row, column = self.rows[index.row()], self.columns[index.column()]
        if isinstance(row, str):
            return Qt.ItemFlag.ItemIsEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if column.editable and self.on_edit is not None and (self.row_editable is None or self.row_editable(row)):
            flags |= Qt.ItemFlag.ItemIsUserCheckable if column.check else Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if isinstance(row, str):
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return row
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        value = getattr(row, column.key)
        if role == Qt.ItemDataRole.DisplayRole:
            return display(value)
        if role == Qt.ItemDataRole.EditRole:
            if isinstance(value, dt.date):
                return QDate(value.year, value.month, value.day)
            return value if not isinstance(value, LabelledEnum) else term(value)
        if role == Qt.ItemDataRole.CheckStateRole and column.check:
            return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole and self.background is not None:
            color = self.background(row)
            return QBrush(color) if color is not None else None
        if role == Qt.ItemDataRole.ToolTipRole and isinstance(value, str) and len(value) > 40:
            return value
        if role == IdRole:
            return getattr(row, "id", None)
        if role == SortRole:
            return value.isoformat() if isinstance(value, dt.date) else (
                display(value) if not isinstance(value, int | float) else value)
        if role == RowRole:
            return row
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or self.on_edit is None:
            return False
        row, column = self.rows[index.row()], self.columns[index.column()]
        if isinstance(row, str) or not column.editable or not (self.flags(index) & (
                Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable)):
            return False
        if role == Qt.ItemDataRole.CheckStateRole and column.check:
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole:
            return False
        if isinstance(value, QDate):
            value = dt.date(value.year(), value.month(), value.day()) if value.isValid() else None
        if value == getattr(row, column.key):
            return False
        return self.on_edit(row, column.key, value)


def make_table(model, object_name: str, accessible_name: str, widths: list[int] | None = None) -> QTableView:
    """A table view in the house style: whole rows selected, columns the user can resize (their
    widths remembered per object name when `remember_columns` is called), no row numbers."""
    view = QTableView()
    view.setObjectName(object_name)
    view.setAccessibleName(accessible_name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setMinimumSectionSize(48)
    view.setWordWrap(False)
    remember_columns(view, object_name, widths)
    return view


MAX_FITTED_WIDTH = 320  # a long title must not push every other column out of view


def fit_columns(view) -> None:
    """Size columns to their content, capped, unless the user's (or the page's) widths apply."""
    if getattr(view, "remembered_columns", False):
        return
    header = view.header() if hasattr(view, "header") else view.horizontalHeader()
    view.resizeColumnsToContents()
    for section in range(header.count()):
        if header.sectionSize(section) > MAX_FITTED_WIDTH:
            header.resizeSection(section, MAX_FITTED_WIDTH)


def remember_columns(view, key: str, widths: list[int] | None = None) -> bool:
    """Columns the user can resize, starting at `widths` (or the content) and remembered under
    `key` between sessions. True when saved widths were restored."""
    header = view.header() if hasattr(view, "header") else view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    settings_key = f"columns/{key}"
    state = QSettings().value(settings_key)
    restored = state is not None and header.restoreState(state)
    if not restored and widths:
        for section, width in enumerate(widths):
            header.resizeSection(section, width)

    def save() -> None:
        if isValid(header):  # sections are resized while a view is torn down, too
            QSettings().setValue(settings_key, header.saveState())
            view.remembered_columns = True  # from now on the widths are the user's (or the first fit)

    # Written once the resizing has stopped: a fit resizes every column, and writing the settings
    # on each of those signals cost more than half a second on a page with five tables.
    timer = QTimer(header)
    timer.setSingleShot(True)
    timer.setInterval(400)
    timer.timeout.connect(save)
    header.sectionResized.connect(lambda *_: timer.start())
    view.remembered_columns = restored or bool(widths)
    return restored


def scrollable(widget: QWidget) -> QScrollArea:
    """Wrap a page's content so that a small window scrolls rather than being forced wider."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(widget)
    return area


def to_qdate(date: dt.date) -> QDate:
    return QDate(date.year, date.month, date.day)


def from_qdate(date: QDate) -> dt.date:
    return dt.date(date.year(), date.month(), date.day())
