"""The goal form: every field of a goal at any level, editable, each edit one undoable command.

Edits commit when a field is finished (Return or leaving the field; a combo box on change), not
per keystroke: one field edit is one undo step, so no mergeWith is needed."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.commands import Change, EditContext
from app.commands.goals import LinkIndicatorCommand, UnlinkIndicatorCommand, UpdateGoalCommand
from app.models.enums import AdoptionState, Horizon
from app.services.goals import editing as goals
from app.views.i18n import current_language, term

NO_YEAR = 1999  # the spin boxes' minimum, shown as "–": no year set


class IndicatorPicker(QDialog):
    """Choose indicators by typing part of a code or name."""

    def __init__(self, choices: list[goals.LinkedIndicator], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("indicatorPicker")
        self.setWindowTitle(self.tr("Link indicators"))
        self.filter = QLineEdit()
        self.filter.setObjectName("indicatorFilter")
        self.filter.setPlaceholderText(self.tr("Type part of a code or name…"))
        self.filter.setClearButtonEnabled(True)
        source = QStandardItemModel(self)
        for choice in choices:
            item = QStandardItem(f"{choice.code}  {choice.name}")
            item.setData(choice.id, Qt.ItemDataRole.UserRole)
            item.setEditable(False)
            source.appendRow(item)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(source)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.list = QListView()
        self.list.setObjectName("indicatorChoices")
        self.list.setModel(self.proxy)
        self.list.setSelectionMode(QListView.SelectionMode.ExtendedSelection)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.list.doubleClicked.connect(self.accept)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(520, 420)

    def chosen_ids(self) -> list[int]:
        return [index.data(Qt.ItemDataRole.UserRole) for index in self.list.selectionModel().selectedRows()]


class GoalForm(QWidget):
    """Editable detail of one goal. Shows the stored values again after every change, so an
    undo in the menu is visible here too."""

    goalActivated = Signal(int)

    def __init__(self, context: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("goalForm")
        self.goal_id: int | None = None
        self._filling = False
        self.heading = QLabel()
        self.heading.setObjectName("goalFormHeading")
        self.heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.title = QLineEdit()
        self.title.setObjectName("goalTitle")
        self.code = QLineEdit()
        self.code.setObjectName("goalCode")
        self.description = QPlainTextEdit()
        self.description.setObjectName("goalDescription")
        self.description.setTabChangesFocus(True)
        self.description.installEventFilter(self)
        self.horizon = QComboBox()
        self.horizon.setObjectName("goalHorizon")
        self.horizon.addItem("–", None)
        for horizon in Horizon:
            self.horizon.addItem(term(horizon), horizon)
        self.start_year = self._year_box("goalStartYear")
        self.end_year = self._year_box("goalEndYear")
        years = QHBoxLayout()
        years.addWidget(self.start_year)
        years.addWidget(QLabel("–"))
        years.addWidget(self.end_year)
        years.addStretch(1)
        self.owner = QComboBox()
        self.owner.setObjectName("goalOwner")
        self.state = QComboBox()
        self.state.setObjectName("goalState")
        for state in AdoptionState:
            self.state.addItem(term(state), state)
        self.indicators = QListWidget()
        self.indicators.setObjectName("goalFormIndicators")
        self.indicators.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.add_indicator = QPushButton(self.tr("Add…"))
        self.add_indicator.setObjectName("addIndicator")
        self.remove_indicator = QPushButton(self.tr("Remove"))
        self.remove_indicator.setObjectName("removeIndicator")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_indicator)
        buttons.addWidget(self.remove_indicator)
        buttons.addStretch(1)
        self.error = QLabel()
        self.error.setObjectName("goalFormError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Code"), self.code)
        form.addRow(self.tr("Description"), self.description)
        form.addRow(self.tr("Horizon"), self.horizon)
        form.addRow(self.tr("Years"), years)
        form.addRow(self.tr("Owner"), self.owner)
        form.addRow(self.tr("State"), self.state)
        form.addRow(self.tr("Indicators"), self.indicators)
        form.addRow("", buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)

        self.title.editingFinished.connect(lambda: self._commit("title", self.title.text().strip()))
        self.code.editingFinished.connect(lambda: self._commit("code", self.code.text().strip() or None))
        self.horizon.activated.connect(lambda _i: self._commit("horizon", self.horizon.currentData()))
        self.owner.activated.connect(lambda _i: self._commit("owner_unit_id", self.owner.currentData()))
        self.state.activated.connect(lambda _i: self._commit("state", self.state.currentData()))
        self.start_year.editingFinished.connect(lambda: self._commit("start_year", self._year(self.start_year)))
        self.end_year.editingFinished.connect(lambda: self._commit("end_year", self._year(self.end_year)))
        self.add_indicator.clicked.connect(self.pick_indicators)
        self.remove_indicator.clicked.connect(self.unlink_selected)
        context.bus.changed.connect(self._on_change)
        self.setEnabled(False)

    @staticmethod
    def _year_box(name: str) -> QSpinBox:
        box = QSpinBox()
        box.setObjectName(name)
        box.setRange(NO_YEAR, 2100)
        box.setSpecialValueText("–")
        return box

    @staticmethod
    def _year(box: QSpinBox) -> int | None:
        return None if box.value() == NO_YEAR else box.value()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.description and event.type() == QEvent.Type.FocusOut:
            self._commit("description", self.description.toPlainText())
        return super().eventFilter(watched, event)

    # --- showing ---------------------------------------------------------------------------------
    def show_goal(self, goal_id: int | None) -> None:
        self.goal_id = goal_id
        self.error.clear()
        self._fill()

    def _fill(self) -> None:
        if self.goal_id is None:
            self.setEnabled(False)
            return
        with self.context.store.session() as session:
            detail = goals.goal_detail(session, self.goal_id)
            owners = goals.owner_choices(session) if self.owner.count() == 0 else None
            fields = goals.goal_fields(session, self.goal_id) if detail else {}
        if detail is None:
            self.goal_id = None
            self.setEnabled(False)
            return
        self._filling = True
        if owners is not None:
            self.owner.addItem("–", None)
            for unit_id, name in owners:
                self.owner.addItem(name, unit_id)
        self.setEnabled(not self.context.store.readonly)
        self.heading.setText(f"{term(detail.level)}: {detail.title}")
        self.title.setText(detail.title)
        self.code.setText(detail.code or "")
        if self.description.toPlainText() != detail.description:
            self.description.setPlainText(detail.description)
        self.horizon.setCurrentIndex(max(0, self.horizon.findData(detail.horizon)))
        self.start_year.setValue(detail.start_year or NO_YEAR)
        self.end_year.setValue(detail.end_year or NO_YEAR)
        self.owner.setCurrentIndex(max(0, self.owner.findData(fields["owner_unit_id"])))
        self.state.setCurrentIndex(max(0, self.state.findData(detail.state)))
        self.indicators.clear()
        for indicator in detail.indicators:
            item = QListWidgetItem(f"{indicator.code}  {indicator.name}")
            item.setData(Qt.ItemDataRole.UserRole, indicator.id)
            self.indicators.addItem(item)
        self._filling = False

    def _on_change(self, change: Change) -> None:
        if change.touches("goal", "org_unit") and self.goal_id is not None:
            self._fill()

    # --- editing ---------------------------------------------------------------------------------
    def _commit(self, name: str, value: object) -> None:
        if self._filling or self.goal_id is None:
            return
        with self.context.store.session() as session:
            current = goals.goal_fields(session, self.goal_id)
        if current[name] == value:
            return
        label = {"title": self.tr("title"), "code": self.tr("code"), "description": self.tr("description"),
                 "horizon": self.tr("horizon"), "start_year": self.tr("start year"), "end_year": self.tr("end year"),
                 "owner_unit_id": self.tr("owner"), "state": self.tr("state")}[name]
        text = self.tr("Edit %1").replace("%1", label)
        self._push(UpdateGoalCommand(self.context, self.goal_id, {name: value}, text))

    def _push(self, command) -> None:
        self.error.clear()
        if not self.context.push(command) and self.context.last_error is not None:
            self.error.setText(self.context.last_error.message(current_language()))
            self._fill()

    def pick_indicators(self) -> None:
        if self.goal_id is None:
            return
        with self.context.store.session() as session:
            linked = {i.id for i in goals.goal_detail(session, self.goal_id).indicators}
            choices = [c for c in goals.indicator_choices(session) if c.id not in linked]
        picker = IndicatorPicker(choices, self)
        if picker.exec() != QDialog.DialogCode.Accepted:
            return
        self.link(picker.chosen_ids())

    def link(self, indicator_ids: list[int]) -> None:
        self._in_one_step(self.tr("Link %n indicator(s)", "", len(indicator_ids)), LinkIndicatorCommand,
                          indicator_ids, self.tr("Link indicator"))
        if self.goal_id is None:
            return
        # Allowed, but it counts once per goal subtree: say so where the link was made.
        with self.context.store.session() as session:
            warnings = [w for w in (goals.duplicate_link_warning(session, self.goal_id, i) for i in indicator_ids)
                        if w is not None]
        if warnings:
            self.error.setText(" ".join(w.sv if current_language() == "sv" else w.en for w in warnings))

    def unlink_selected(self) -> None:
        ids = [item.data(Qt.ItemDataRole.UserRole) for item in self.indicators.selectedItems()]
        self._in_one_step(self.tr("Unlink %n indicator(s)", "", len(ids)), UnlinkIndicatorCommand,
                          ids, self.tr("Unlink indicator"))

    def _in_one_step(self, macro_text: str, command_class, indicator_ids: list[int], text: str) -> None:
        """Several indicators linked or unlinked at once are one undo step (Orange's macro habit)."""
        if not indicator_ids or self.goal_id is None:
            return
        stack = self.context.undo_stack
        stack.beginMacro(macro_text)
        for indicator_id in indicator_ids:
            self._push(command_class(self.context, self.goal_id, indicator_id, text))
        stack.endMacro()
