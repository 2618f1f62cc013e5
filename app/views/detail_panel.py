"""The detail panel: what is known about the goal or unit selected in a tree."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.models.store import Store
from app.services.goals.editing import GoalDetail, goal_detail
from app.services.organisation.units import UnitDetail, unit_detail
from app.views.i18n import term


def _value_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class _FormPage(QScrollArea):
    """A read-only form: a bold title and label/value rows."""

    def __init__(self, fields: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        layout = QVBoxLayout(body)
        self.heading = QLabel()
        self.heading.setObjectName("detailHeading")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.heading)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.values: dict[str, QLabel] = {}
        for key, caption in fields:
            self.values[key] = _value_label()
            self.form.addRow(caption, self.values[key])
        layout.addLayout(self.form)
        self.body_layout = layout
        self.setWidget(body)

    def set_values(self, values: dict[str, str]) -> None:
        for key, label in self.values.items():
            text = values.get(key) or ""
            label.setText(text or "–")


class DetailPanel(QStackedWidget):
    """Shows a goal or an organisation unit; empty until something is selected."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setObjectName("detailPanel")
        self.setAccessibleName(self.tr("Details"))
        self.empty = QLabel(self.tr("Select a goal or a unit to see its details."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.goal_page = _FormPage([
            ("level", self.tr("Level")), ("code", self.tr("Code")), ("parent", self.tr("Part of")),
            ("owner", self.tr("Owner")), ("horizon", self.tr("Horizon")), ("years", self.tr("Years")),
            ("state", self.tr("State")), ("description", self.tr("Description")),
            ("beneath", self.tr("Beneath")),
        ])
        self.indicator_table = QTableWidget(0, 3)
        self.indicator_table.setObjectName("goalIndicators")
        self.indicator_table.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Indicator"), self.tr("Unit")])
        self.indicator_table.verticalHeader().hide()
        self.indicator_table.horizontalHeader().setStretchLastSection(False)
        self.indicator_table.horizontalHeader().setSectionResizeMode(1, self.indicator_table.horizontalHeader()
                                                                     .ResizeMode.Stretch)
        self.indicator_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.indicator_caption = QLabel(self.tr("Indicators"))
        self.indicator_caption.setStyleSheet("font-weight: 600; margin-top: 8px;")
        self.goal_page.body_layout.addWidget(self.indicator_caption)
        self.goal_page.body_layout.addWidget(self.indicator_table, 2)
        self.indicator_table.setToolTip(self.tr("Double-click an indicator to see its change log."))
        self.indicator_table.doubleClicked.connect(self._indicator_history)
        goal_buttons = QHBoxLayout()
        self.goal_history_button = QPushButton(self.tr("Change log…"))
        self.goal_history_button.setObjectName("goalHistoryButton")
        self.goal_history_button.clicked.connect(self.open_history)
        self.as_of_button = QPushButton(self.tr("Show as it was on …"))
        self.as_of_button.setObjectName("goalAsOfButton")
        self.as_of_button.clicked.connect(self.open_as_of)
        goal_buttons.addWidget(self.goal_history_button)
        goal_buttons.addWidget(self.as_of_button)
        goal_buttons.addStretch(1)
        self.goal_page.body_layout.addLayout(goal_buttons)
        self.goal_page.body_layout.addStretch(1)
        self.indicator_ids: list[int] = []
        self.unit_page = _FormPage([
            ("kind", self.tr("Kind")), ("code", self.tr("Code")), ("parent", self.tr("Part of")),
            ("service_area", self.tr("Service area")), ("provider_type", self.tr("Provider type")),
            ("provider", self.tr("Provider")), ("org_number", self.tr("Organisation number")),
            ("contract", self.tr("Contract")), ("external_ids", self.tr("External ids")),
            ("goals", self.tr("Goals owned")), ("description", self.tr("Description")),
        ])
        self.unit_history_button = QPushButton(self.tr("Change log…"))
        self.unit_history_button.setObjectName("unitHistoryButton")
        self.unit_history_button.clicked.connect(self.open_history)
        unit_buttons = QHBoxLayout()
        unit_buttons.addWidget(self.unit_history_button)
        unit_buttons.addStretch(1)
        self.unit_page.body_layout.addLayout(unit_buttons)
        self.unit_page.body_layout.addStretch(1)
        for page in (self.empty, self.goal_page, self.unit_page):
            self.addWidget(page)
        self.shown: tuple[str, int] | None = None

    def clear(self) -> None:
        self.shown = None
        self.setCurrentWidget(self.empty)

    def show_goal(self, goal_id: int) -> None:
        with self.store.session() as session:
            detail = goal_detail(session, goal_id)
        if detail is None:
            self.clear()
            return
        self.shown = ("goal", goal_id)
        self._fill_goal(detail)
        self.setCurrentWidget(self.goal_page)

    def show_unit(self, unit_id: int) -> None:
        with self.store.session() as session:
            detail = unit_detail(session, unit_id)
        if detail is None:
            self.clear()
            return
        self.shown = ("org_unit", unit_id)
        self._fill_unit(detail)
        self.setCurrentWidget(self.unit_page)

    def refresh(self) -> None:
        if self.shown and self.shown[0] == "goal":
            self.show_goal(self.shown[1])
        elif self.shown:
            self.show_unit(self.shown[1])

    def _fill_goal(self, d: GoalDetail) -> None:
        self.goal_page.heading.setText(d.title)
        years = f"{d.start_year or ''}–{d.end_year or ''}" if d.start_year or d.end_year else ""
        self.goal_page.set_values({
            "level": term(d.level), "code": d.code or "", "parent": d.parent_title or "",
            "owner": d.owner_name or "", "horizon": term(d.horizon), "years": years, "state": term(d.state),
            "description": d.description,
            "beneath": self.tr("%n sub-goal(s)", "", d.child_count) + ", "
            + self.tr("%n assessment(s)", "", d.assessment_count),
        })
        self.indicator_ids = [indicator.id for indicator in d.indicators]
        self.indicator_table.setRowCount(len(d.indicators))
        for row, indicator in enumerate(d.indicators):
            for column, text in enumerate((indicator.code, indicator.name, indicator.unit_of_measure)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.indicator_table.setItem(row, column, item)
        self.indicator_table.resizeColumnToContents(0)
        self.indicator_table.resizeColumnToContents(2)
        has_indicators = bool(d.indicators)
        self.indicator_caption.setText(self.tr("Indicators") if has_indicators
                                       else self.tr("No indicators are linked to this goal."))
        self.indicator_table.setVisible(has_indicators)

    def _fill_unit(self, d: UnitDetail) -> None:
        self.unit_page.heading.setText(d.name)
        contract = ""
        if d.contract_start or d.contract_end:
            contract = f"{d.contract_start or ''} – {d.contract_end or ''}"
        external = ", ".join(x for x in (
            f"Kolada kommun {d.municipality_code}" if d.municipality_code else "",
            f"Kolada enhet {d.kolada_ou_id}" if d.kolada_ou_id else "") if x)
        self.unit_page.set_values({
            "kind": term(d.kind), "code": d.code, "parent": d.parent_name or "",
            "service_area": d.service_area or "", "provider_type": term(d.provider_type),
            "provider": d.provider_name or "", "org_number": d.org_number or "", "contract": contract,
            "external_ids": external, "goals": str(d.owned_goal_count), "description": d.description,
        })

    # --- Ändringslogg ---------------------------------------------------------------------------

    def _shown_name(self) -> str:
        page = self.goal_page if self.shown and self.shown[0] == "goal" else self.unit_page
        return page.heading.text()

    def open_history(self) -> None:
        """The shown goal's or unit's change log (a unit's includes its results and targets)."""
        if not self.shown:
            return
        from app.views.history.history_dialog import HistoryDialog

        self.history_dialog = HistoryDialog.for_object(self.store, *self.shown, self._shown_name(), self)
        self.history_dialog.open()

    def _indicator_history(self, index) -> None:
        from app.views.history.history_dialog import HistoryDialog

        row = index.row()
        name = f"{self.indicator_table.item(row, 0).text()} {self.indicator_table.item(row, 1).text()}"
        self.history_dialog = HistoryDialog.for_object(self.store, "indicator", self.indicator_ids[row], name, self)
        self.history_dialog.open()

    def open_as_of(self) -> None:
        """„Visa som det var den …" for the shown goal."""
        if not self.shown or self.shown[0] != "goal":
            return
        from app.views.history.as_of_dialog import AsOfDialog

        self.as_of_dialog = AsOfDialog(self.store, self.shown[1], self._shown_name(), self)
        self.as_of_dialog.open()
