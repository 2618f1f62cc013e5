"""Årshjul: the year as a wheel of months with its milestones, beside the list. Milestones from the
data (reports, reviews, plans) are shown as they are; the planner's own can be added and removed."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.commands import Change, EditContext
from app.commands import plans as commands
from app.models.enums import MilestoneKind
from app.services.governance import annual_cycle
from app.views.governance.directive_models import Column, RowRole, RowTableModel
from app.views.i18n import current_language, term
from app.views.lazy_page import LazyPage
from app.widgets.tables import fit_columns, from_qdate, make_table, scrollable, to_qdate

KIND_COLOURS = {"report": "#1f77b4", "review": "#d62728", "plan": "#2ca02c", "budget": "#ff7f0e",
                "council": "#9467bd", "follow_up": "#17becf", "staff": "#8c564b", "election": "#e377c2"}
MONTHS_SV = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass
class EventRow:
    """A line of the list: `id` is the milestone's for the planner's own, None for derived ones."""

    id: int | None
    due_on: dt.date
    title: str
    kind_label: str
    source: str


class CycleWheel(QWidget):
    """Twelve month sectors clockwise from the top; a dot per milestone at its day of the year."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cycleWheel")
        self.setMinimumSize(320, 320)
        self.year = dt.date.today().year
        self.events: list[annual_cycle.CycleEvent] = []
        self.kind_labels: dict[str, str] = {}

    def set_events(self, year: int, events: list[annual_cycle.CycleEvent]) -> None:
        self.year, self.events = year, list(events)
        self.update()

    def _angle(self, date: dt.date) -> float:
        """Degrees clockwise from twelve o'clock."""
        start = dt.date(date.year, 1, 1)
        days = (dt.date(date.year + 1, 1, 1) - start).days
        return 360.0 * (date - start).days / days

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height()) - 20
        centre = QPointF(self.width() / 2, self.height() / 2)
        outer, inner = side / 2, side / 2 * 0.55
        palette = self.palette()
        months = MONTHS_SV if current_language() == "sv" else MONTHS_EN
        for month in range(12):
            start = self._angle(dt.date(self.year, month + 1, 1))
            end = self._angle(dt.date(self.year, month + 2, 1)) if month < 11 else 360.0
            colour = palette.base().color() if month % 2 == 0 else palette.alternateBase().color()
            painter.setBrush(colour)
            painter.setPen(QPen(palette.mid().color(), 1))
            rect = QRectF(centre.x() - outer, centre.y() - outer, 2 * outer, 2 * outer)
            # Qt counts angles counter-clockwise from three o'clock, in 1/16 degrees.
            painter.drawPie(rect, int((90 - start) * 16), int(-(end - start) * 16))
            middle = math.radians((start + end) / 2)
            label = QPointF(centre.x() + math.sin(middle) * (outer * 0.9),
                            centre.y() - math.cos(middle) * (outer * 0.9))
            painter.setPen(palette.text().color())
            painter.drawText(QRectF(label.x() - 20, label.y() - 8, 40, 16), Qt.AlignmentFlag.AlignCenter,
                             months[month])
        painter.setBrush(palette.window().color())
        painter.drawEllipse(centre, inner, inner)
        font = QFont(self.font())
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(QRectF(centre.x() - inner, centre.y() - 15, 2 * inner, 30), Qt.AlignmentFlag.AlignCenter,
                         str(self.year))
        radius = (inner + outer * 0.8) / 2
        for number, event in enumerate(self.events):
            angle = math.radians(self._angle(event.due_on))
            ring = radius + (number % 3 - 1) * (outer - inner) * 0.18
            point = QPointF(centre.x() + math.sin(angle) * ring, centre.y() - math.cos(angle) * ring)
            painter.setBrush(QColor(KIND_COLOURS.get(event.kind, "#7f7f7f")))
            painter.setPen(QPen(QColor("white"), 1))
            painter.drawEllipse(point, 6, 6)
        today = dt.date.today()
        if today.year == self.year:
            angle = math.radians(self._angle(today))
            painter.setPen(QPen(QColor("#b00020"), 2))
            painter.drawLine(QPointF(centre.x() + math.sin(angle) * inner, centre.y() - math.cos(angle) * inner),
                             QPointF(centre.x() + math.sin(angle) * outer, centre.y() - math.cos(angle) * outer))
        # Legend: the kinds shown this year, in the top left corner.
        painter.setFont(self.font())
        line = self.fontMetrics().height() + 2
        kinds = list(dict.fromkeys(e.kind for e in self.events))
        for number, kind in enumerate(kinds):
            y = 8 + number * line
            painter.setPen(QPen(QColor("white"), 1))
            painter.setBrush(QColor(KIND_COLOURS.get(kind, "#7f7f7f")))
            painter.drawEllipse(QPointF(12, y + line / 2), 5, 5)
            painter.setPen(palette.text().color())
            painter.drawText(QRectF(22, y, 200, line), Qt.AlignmentFlag.AlignVCenter,
                             self.kind_labels.get(kind, kind))
        painter.end()


class AnnualCyclePage(LazyPage):
    def __init__(self, context: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("annualCyclePage")

    def build(self) -> None:
        context = self.context
        self.year = QSpinBox()
        self.year.setObjectName("cycleYear")
        self.year.setRange(2000, 2100)
        self.year.setValue(dt.date.today().year)
        self.year.valueChanged.connect(self.reload)
        self.wheel = CycleWheel(self)
        # The one vocabulary of årshjul kinds (app.models.enums.MilestoneKind), in the UI's language.
        kinds = {kind.value: term(kind) for kind in MilestoneKind}
        self.kinds = kinds
        columns = [Column("due_on", self.tr("Date"), True), Column("title", self.tr("Milestone"), True),
                   Column("kind_label", self.tr("Kind")), Column("source", self.tr("Source"))]
        # Only the planner's own milestones are edited in place; the others follow the data.
        self.model = RowTableModel(columns, self, on_edit=self._edit, row_editable=lambda row: row.id is not None)
        self.view = make_table(self.model, "cycleEvents", self.tr("Milestones of the year"))
        self.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.horizontalHeader().setStretchLastSection(False)
        self.new_date = QDateEdit(to_qdate(dt.date.today()))
        self.new_date.setCalendarPopup(True)
        self.new_date.setDisplayFormat("yyyy-MM-dd")
        self.new_title = QLineEdit()
        self.new_title.setObjectName("milestoneTitle")
        self.new_title.setPlaceholderText(self.tr("New milestone"))
        self.new_title.returnPressed.connect(self.add_milestone)
        self.new_date.setAccessibleName(self.tr("Date of the new milestone"))
        self.new_kind = QComboBox()
        self.new_kind.setAccessibleName(self.tr("Kind of the new milestone"))
        for key in ("milestone", "budget", "council", "follow_up", "report", "staff"):
            self.new_kind.addItem(kinds[key], key)
        add = QPushButton(self.tr("Add"))
        add.clicked.connect(self.add_milestone)
        delete = QPushButton(self.tr("Delete milestone"))
        delete.clicked.connect(self.delete_milestone)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020")
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_date)
        add_row.addWidget(self.new_title, 1)
        add_row.addWidget(self.new_kind)
        add_row.addWidget(add)
        add_row.addWidget(delete)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.view, 1)
        right_layout.addLayout(add_row)
        right_layout.addWidget(self.message)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.wheel)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Year")))
        top.addWidget(self.year)
        top.addStretch(1)
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.addLayout(top)
        content_layout.addWidget(splitter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scrollable(content))
        context.bus.changed.connect(self._on_change)
        self.reload()

    def title(self) -> str:
        return self.tr("Annual cycle")

    def reload(self) -> None:
        with self.context.store.session() as session:
            events = annual_cycle.events(session, self.year.value())
        own, derived = self.tr("Added"), self.tr("From the data")
        self.model.set_rows([EventRow(e.milestone_id, e.due_on, e.title, self.kinds.get(e.kind, e.kind),
                                      own if e.milestone_id else derived) for e in events])
        fit_columns(self.view)
        self.wheel.kind_labels = self.kinds
        self.wheel.set_events(self.year.value(), events)

    def add_milestone(self) -> bool:
        values = {"title": self.new_title.text().strip(), "due_on": from_qdate(self.new_date.date()),
                  "kind": self.new_kind.currentData()}
        ok = self.context.push(commands.add_milestone(self.context, values))
        self.message.setText("" if ok else self.context.last_error.message(current_language()))
        if ok:
            self.new_title.clear()
            if values["due_on"].year != self.year.value():
                self.year.setValue(values["due_on"].year)
        return ok

    def _edit(self, row: EventRow, key: str, value) -> bool:
        if isinstance(value, str):
            value = value.strip()
        ok = self.context.push(commands.update_milestone(self.context, row.id, {key: value}))
        self.message.setText("" if ok else self.context.last_error.message(current_language()))
        return ok

    def delete_milestone(self) -> bool:
        event = self.view.currentIndex().data(RowRole)
        if event is None or event.id is None:
            self.message.setText(self.tr("Only added milestones can be deleted; the others come from the data."))
            return False
        return self.context.push(commands.delete_milestone(self.context, event.id))

    def _on_change(self, change: Change) -> None:
        if change.touches("milestone", "directive", "operational_plan", "delegation_decision", "db_setting"):
            self.when_shown(self.reload)
