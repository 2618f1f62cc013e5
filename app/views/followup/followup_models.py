"""Item models of the follow-up page: the goal tree with statuses, the results grid, targets.

Status is shown by colour (Okabe–Ito swatch), symbol and label together, never colour alone.
Numbers use the Swedish format of app/services/platform/swedish.py (decimal comma, space between
thousands); input is read with QLocale sv_SE, which also accepts what it shows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from app.models import Gender, Status
from app.services.followup.chart_data import STATUS_STYLE
from app.services.followup.results import GridRow
from app.services.followup.status import FollowUp, Trend
from app.services.followup.targets import TargetRow
from app.services.platform.swedish import number
from app.views.i18n import current_language, term
from app.widgets.icons import kind_icon
from app.widgets.tables import IdRole  # one IdRole for every item model

StatusRole = Qt.ItemDataRole.UserRole + 2
TREND_ARROW = {Trend.IMPROVING: "↑", Trend.UNCHANGED: "→", Trend.WORSENING: "↓"}
SWEDISH = QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden)


def format_value(value: float | None, decimals: int) -> str:
    """The shared Swedish format of packs and charts; an empty cell for no value."""
    return "" if value is None else number(float(value), decimals)


def parse_value(text: str) -> float | None:
    """Swedish input ("1 234,5"), also with a decimal point; empty text is no value. Raises ValueError."""
    cleaned = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if not cleaned:
        return None
    value, ok = SWEDISH.toDouble(cleaned)
    if not ok:
        value, ok = QLocale.c().toDouble(cleaned)
    if not ok:
        raise ValueError(text)
    return value


_NOT_A_NUMBER = object()


def _cell_number(model, value):
    """An edited cell's number (None for empty), or _NOT_A_NUMBER with the reason in `model.last_error`."""
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return parse_value(str(value))
    except ValueError:
        model.last_error = QCoreApplication.translate("FollowUpModels", "Not a number: %1").replace("%1", str(value))
        model.refused.emit(model.last_error)  # never reverted without a word
        return _NOT_A_NUMBER


@cache
def status_icon(status: Status) -> QIcon:
    """A swatch in the status colour with the status symbol on it."""
    style = STATUS_STYLE[status]
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(style.colour))
    painter.setPen(QColor("#000000"))
    painter.drawRoundedRect(1, 1, 14, 14, 3, 3)
    font = QFont()
    font.setPixelSize(11)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#FFFFFF") if status is not Status.NOT_ASSESSED else QColor("#000000"))
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, style.symbol)
    painter.end()
    return QIcon(pixmap)


def status_text(status: Status, manual: bool = False) -> str:
    suffix = QCoreApplication.translate("FollowUpTreeModel", " (manual)") if manual else ""
    return f"{STATUS_STYLE[status].symbol} {term(status)}{suffix}"


def trend_text(value: Trend | None) -> str:
    if value is None:
        return ""
    # One trend vocabulary for the window, the pack and Excel: the domain's own labels.
    return f"{value.arrow} {value.label(current_language())}"


@dataclass
class GoalNode:
    id: int
    title: str
    code: str | None
    level: str
    parent: GoalNode | None
    children: list[GoalNode] = field(default_factory=list)
    row: int = 0


class FollowUpTreeModel(QAbstractItemModel):
    """The whole goal tree (loaded at once: statuses need every goal anyway) with status,
    trend and what each goal rests on."""

    COLUMNS = ("Goal", "Status", "Trend", "Score")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._roots: list[GoalNode] = []
        self._by_id: dict[int, GoalNode] = {}
        self.follow_up: FollowUp | None = None
        self.trends: dict[int, Trend | None] = {}

    def set_goals(self, rows: list[tuple[int, int | None, str, str | None, str]]) -> None:
        """(id, parent id, title, code, level) in display order."""
        self.beginResetModel()
        self._by_id = {}
        self._roots = []
        for goal_id, _parent, title, code, level in rows:
            self._by_id[goal_id] = GoalNode(goal_id, title, code, level, None)
        for goal_id, parent_id, *_ in rows:
            node = self._by_id[goal_id]
            siblings = self._roots if parent_id not in self._by_id else self._by_id[parent_id].children
            node.parent = self._by_id.get(parent_id)
            node.row = len(siblings)
            siblings.append(node)
        self.endResetModel()

    def set_follow_up(self, follow_up: FollowUp | None, trends: dict[int, Trend | None]) -> None:
        self.follow_up, self.trends = follow_up, trends
        self._changed_all()

    def goals_changed(self, goal_ids: set[int], trends: dict[int, Trend | None]) -> None:
        """Repaint only the rows whose outcome changed (after an incremental refresh)."""
        self.trends.update(trends)
        for goal_id in goal_ids:
            index = self.index_for_id(goal_id)
            if index.isValid():
                self.dataChanged.emit(index, index.siblingAtColumn(len(self.COLUMNS) - 1))

    def _changed_all(self) -> None:
        """Every row's values changed, none moved. One layout signal lets the view repaint what
        it shows; a dataChanged per parent (a thousand of them for 10 000 goals) cost seconds."""
        self.layoutAboutToBeChanged.emit()
        self.layoutChanged.emit()

    def index_for_id(self, goal_id: int) -> QModelIndex:
        node = self._by_id.get(goal_id)
        return self.createIndex(node.row, 0, node) if node else QModelIndex()

    def node(self, index: QModelIndex) -> GoalNode | None:
        return index.internalPointer() if index.isValid() else None

    def titles(self) -> dict[int, str]:
        return {n.id: f"{n.code} {n.title}" if n.code else n.title for n in self._by_id.values()}

    # --- Qt interface --------------------------------------------------------------------
    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        siblings = self._roots if not parent.isValid() else parent.internalPointer().children
        return self.createIndex(row, column, siblings[row])

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent = index.internalPointer().parent
        return QModelIndex() if parent is None else self.createIndex(parent.row, 0, parent)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        if parent.column() > 0:
            return 0
        return len(self._roots) if not parent.isValid() else len(parent.internalPointer().children)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("Goal"), self.tr("Status"), self.tr("Trend"), self.tr("Score")][section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        node: GoalNode = index.internalPointer()
        outcome = self.follow_up.goals.get(node.id) if self.follow_up else None
        column = index.column()
        if role == IdRole:
            return node.id
        if role == StatusRole:
            return outcome.status if outcome else None
        if column == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{node.code}  {node.title}" if node.code else node.title
            if role == Qt.ItemDataRole.DecorationRole:
                return kind_icon(node.level)
            if role == Qt.ItemDataRole.ToolTipRole:
                return node.title
        if outcome is None:
            return None
        if column == 1:
            if role == Qt.ItemDataRole.DisplayRole:
                return status_text(outcome.status, outcome.manual)
            if role == Qt.ItemDataRole.DecorationRole:
                return status_icon(outcome.status)
            if role == Qt.ItemDataRole.ToolTipRole and outcome.manual:
                return outcome.justification
            if role == Qt.ItemDataRole.FontRole and outcome.manual:
                font = QFont()
                font.setItalic(True)
                return font
        if column == 2 and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return trend_text(self.trends.get(node.id))
        if column == 3 and role == Qt.ItemDataRole.DisplayRole and outcome.score is not None:
            return f"{number(outcome.score * 100)} %"
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


GENDER_COLUMNS = {4: Gender.TOTAL, 5: Gender.WOMEN, 6: Gender.MEN}


class ResultsTableModel(QAbstractTableModel):
    """Utfall for one period: a row per indicator and unit; the T, K and M columns are editable.
    An edit calls `on_edit(row, gender, value)`, which pushes an undoable command and returns
    an error text or None; the page reloads the rows when the change is announced. A value
    that is no number is refused with `refused(text)`."""

    refused = Signal(str)

    def __init__(self, on_edit: Callable[[GridRow, Gender, float | None], str | None], parent=None) -> None:
        super().__init__(parent)
        self.rows: list[GridRow] = []
        self.on_edit = on_edit
        self.last_error: str | None = None
        # unit id → why this user may not change its results (a regional database's roles), or None.
        self.locked_reason: Callable[[int], str | None] = lambda _unit_id: None

    def set_rows(self, rows: list[GridRow]) -> None:
        """Same rows with new values: repaint in place (an edit must not reset the view under
        its editor); other rows: reset."""
        if [(r.indicator_id, r.unit_id) for r in rows] == [(r.indicator_id, r.unit_id) for r in self.rows] and rows:
            self.rows = rows
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, self.columnCount() - 1))
            return
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 8

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return [self.tr("Indicator"), self.tr("Unit"), self.tr("Provider type"), self.tr("Target"),
                term(Gender.TOTAL), term(Gender.WOMEN), term(Gender.MEN), self.tr("Status")][section]

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        gender = GENDER_COLUMNS.get(column)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == 0:
                return f"{row.indicator_code} {row.indicator_name}"
            if column == 1:
                return row.unit_name
            if column == 2:
                return term(row.provider_type)
            if column == 3:
                return format_value(row.target, row.decimals)
            if gender is not None:
                return format_value(row.values.get(gender), row.decimals)
            if column == 7:
                return status_text(row.status)
        if role == Qt.ItemDataRole.DecorationRole and column == 7:
            return status_icon(row.status)
        if role == Qt.ItemDataRole.TextAlignmentRole and (gender is not None or column == 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if gender is not None and row.late.get(gender):
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setItalic(True)
                return font
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("Entered late (after the period was closed)")
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return row.indicator_name
        if role == Qt.ItemDataRole.ToolTipRole and gender is not None:
            return self.locked_reason(row.unit_id)
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in GENDER_COLUMNS and self.locked_reason(self.rows[index.row()].unit_id) is None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or index.column() not in GENDER_COLUMNS:
            return False
        number = _cell_number(self, value)
        if number is _NOT_A_NUMBER:
            return False
        row = self.rows[index.row()]
        gender = GENDER_COLUMNS[index.column()]
        if number == row.values.get(gender):
            return True
        self.last_error = self.on_edit(row, gender, number)
        return self.last_error is None

    def row_of(self, indicator_id: int, unit_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if (r.indicator_id, r.unit_id) == (indicator_id, unit_id)), -1)


class TargetsTableModel(QAbstractTableModel):
    """An indicator's targets: period, for whom, value (editable)."""

    refused = Signal(str)

    def __init__(self, on_edit: Callable[[TargetRow, float | None], str | None], parent=None) -> None:
        super().__init__(parent)
        self.rows: list[TargetRow] = []
        self.decimals = 1
        self.on_edit = on_edit
        self.last_error: str | None = None

    def set_rows(self, rows: list[TargetRow], decimals: int) -> None:
        self.beginResetModel()
        self.rows, self.decimals = rows, decimals
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return [self.tr("Period"), self.tr("For"), self.tr("Target")][section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        row = self.rows[index.row()]
        return [row.period_code, row.unit_name or self.tr("All units"),
                format_value(row.value, self.decimals)][index.column()]

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == 2 else flags

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or index.column() != 2:
            return False
        number = _cell_number(self, value)
        if number is _NOT_A_NUMBER:
            return False
        self.last_error = self.on_edit(self.rows[index.row()], number)
        return self.last_error is None
