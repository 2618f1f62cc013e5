"""Målvärden for an indicator: per period, for all units or one unit; copy a year forward; the
tolerance that separates delvis uppfyllt from ej uppfyllt. Every change is one undoable step."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.commands import Change, EditContext
from app.commands.followup import CopyTargetsCommand, SetTargetCommand, SetToleranceCommand
from app.models import ToleranceKind
from app.services.followup.assessment import scope_options
from app.services.followup.periods import list_periods
from app.services.followup.targets import TargetRow, indicator_tolerance, list_targets
from app.views.followup.followup_models import TargetsTableModel, parse_value
from app.views.i18n import current_language, term


class TargetsDialog(QDialog):
    def __init__(self, context: EditContext, indicators: list[tuple[int, str, str]], indicator_id: int | None,
                 period_code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("targetsDialog")
        self.setWindowTitle(self.tr("Targets"))
        self.indicator = QComboBox()
        self.indicator.setObjectName("targetsIndicator")
        for iid, code, name in indicators:
            self.indicator.addItem(f"{code} {name}", iid)
        if indicator_id is not None:
            self.indicator.setCurrentIndex(max(0, self.indicator.findData(indicator_id)))
        self.tolerance = QDoubleSpinBox()
        self.tolerance.setObjectName("tolerance")
        self.tolerance.setRange(0, 1_000_000)
        self.tolerance.setDecimals(2)
        self.tolerance_kind = QComboBox()
        self.tolerance_kind.setObjectName("toleranceKind")
        for kind in ToleranceKind:
            self.tolerance_kind.addItem(term(kind), kind)
        apply_tolerance = QPushButton(self.tr("Set tolerance"))
        apply_tolerance.setObjectName("applyTolerance")
        apply_tolerance.clicked.connect(self.set_tolerance)
        self.model = TargetsTableModel(self._edit, self)
        self.table = QTreeView()
        self.table.setObjectName("targetsTable")
        self.table.setRootIsDecorated(False)
        self.table.setModel(self.model)
        self.new_period = QComboBox()
        self.new_period.setObjectName("newTargetPeriod")
        self.new_unit = QComboBox()
        self.new_unit.setObjectName("newTargetUnit")
        self.new_unit.addItem(self.tr("All units"), None)
        with context.store.session() as session:
            self.new_period.addItems([p.code for p in list_periods(session)])
            for uid, name, depth in scope_options(session):
                self.new_unit.addItem("  " * depth + name, uid)
            years = sorted({p.year for p in list_periods(session)})
        self.new_period.setCurrentText(period_code)
        self.new_value = QLineEdit()
        self.new_value.setObjectName("newTargetValue")
        add = QPushButton(self.tr("Set target"))
        add.setObjectName("setTarget")
        add.clicked.connect(self.add_target)
        self.from_year, self.to_year = QSpinBox(), QSpinBox()
        for spin in (self.from_year, self.to_year):
            spin.setRange(1900, 2200)
        self.from_year.setValue(years[-2] if len(years) > 1 else 2025)
        self.to_year.setValue(self.from_year.value() + 1)
        copy = QPushButton(self.tr("Copy year's targets"))
        copy.setObjectName("copyTargets")
        copy.clicked.connect(self.copy_forward)
        self.message = QLabel()
        self.message.setObjectName("targetsMessage")
        self.message.setWordWrap(True)

        tolerance_row = QHBoxLayout()
        tolerance_row.addWidget(self.tolerance)
        tolerance_row.addWidget(self.tolerance_kind)
        tolerance_row.addWidget(apply_tolerance)
        form = QFormLayout()
        form.addRow(self.tr("Indicator"), self.indicator)
        form.addRow(self.tr("Tolerance (partly met)"), tolerance_row)
        add_box = QGroupBox(self.tr("Set a target"))
        add_row = QHBoxLayout(add_box)
        for widget in (self.new_period, self.new_unit, self.new_value, add):
            add_row.addWidget(widget)
        copy_box = QGroupBox(self.tr("Copy a year's targets forward (existing targets are kept)"))
        copy_row = QHBoxLayout(copy_box)
        copy_row.addWidget(QLabel(self.tr("From")))
        copy_row.addWidget(self.from_year)
        copy_row.addWidget(QLabel(self.tr("to")))
        copy_row.addWidget(self.to_year)
        copy_row.addWidget(copy)
        copy_row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(add_box)
        layout.addWidget(copy_box)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(720, 560)
        self.indicator.currentIndexChanged.connect(lambda _i: self.reload())
        context.bus.changed.connect(self._on_change)
        self.reload()

    def indicator_id(self) -> int | None:
        return self.indicator.currentData()

    def reload(self) -> None:
        indicator_id = self.indicator_id()
        if indicator_id is None:
            return
        with self.context.store.session() as session:
            decimals, tolerance, kind = indicator_tolerance(session, indicator_id)
            self.model.set_rows(list_targets(session, indicator_id), decimals)
        self.tolerance.setValue(tolerance)
        self.tolerance_kind.setCurrentIndex(self.tolerance_kind.findData(kind))

    def _on_change(self, change: Change) -> None:
        if change.touches("target", "indicator"):
            self.reload()

    def _push(self, command) -> str | None:
        if self.context.push(command):
            self.message.setText("")
            return None
        text = self.context.last_error.message(current_language()) if self.context.last_error else ""
        self.message.setText(text)
        return text or self.tr("Not saved.")

    def _edit(self, row: TargetRow, value: float | None) -> str | None:
        return self._push(SetTargetCommand(self.context, row.indicator_id, row.period_code, row.unit_id, value))

    def add_target(self) -> None:
        try:
            value = parse_value(self.new_value.text())
        except ValueError:
            self.message.setText(self.tr("Not a number: %1").replace("%1", self.new_value.text()))
            return
        if self.indicator_id() is not None and self._push(SetTargetCommand(
                self.context, self.indicator_id(), self.new_period.currentText(), self.new_unit.currentData(),
                value)) is None:
            self.new_value.clear()

    def set_tolerance(self) -> None:
        if self.indicator_id() is not None:
            self._push(SetToleranceCommand(self.context, self.indicator_id(), self.tolerance.value(),
                                           ToleranceKind(self.tolerance_kind.currentData())))

    def copy_forward(self) -> None:
        self._push(CopyTargetsCommand(self.context, self.from_year.value(), self.to_year.value()))
