"""Internkontroll: the plan's risk matrix, its kontrollmoment and their results, and the dialogs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.commands import EditContext
from app.commands.annual import (
    AddRiskCommand,
    RecordControlResultCommand,
)
from app.services.annual import internal_control
from app.views.annual.common import OVERDUE, RISK_COLOUR, Panel, Row, period_combo
from app.views.governance.directive_models import Column, RowTableModel, fmt
from app.views.governance.directives_page import make_table


class ControlPanel(Panel):
    def __init__(self, context: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("controlPanel")
        self.plan = QComboBox()
        self.plan.setObjectName("controlPlan")
        self.period = period_combo(context, "controlPeriod", ("tertial", "year"))
        self.matrix = QTableWidget(4, 4)
        self.matrix.setObjectName("riskMatrix")
        self.matrix.setAccessibleName(self.tr("Risk matrix"))
        self.matrix.setHorizontalHeaderLabels([fmt(self.tr("Consequence %1"), c) for c in (1, 2, 3, 4)])
        self.matrix.setVerticalHeaderLabels([fmt(self.tr("Likelihood %1"), s) for s in (4, 3, 2, 1)])
        self.matrix.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.matrix.setFixedHeight(self.matrix.horizontalHeader().sizeHint().height() + 4 * 30 + 4)
        self.matrix.verticalHeader().setDefaultSectionSize(30)
        self.matrix.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        columns = [Column("risk", self.tr("Risk")), Column("value_text", self.tr("Risk value")),
                   Column("control", self.tr("Control")), Column("owner", self.tr("Responsible")),
                   Column("frequency", self.tr("Frequency")), Column("result", self.tr("Result"))]
        self.model = RowTableModel(columns, self, background=lambda row: OVERDUE if row.deviation else None)
        self.view = make_table(self.model, "controlTable", self.tr("Controls"))
        self.view.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        new_risk = QPushButton(self.tr("New risk…"))
        new_risk.setObjectName("newRisk")
        new_risk.clicked.connect(self.new_risk)
        result = QPushButton(self.tr("Record result…"))
        result.setObjectName("recordResult")
        result.clicked.connect(self.record_result)
        self.summary = QLabel()
        self.summary.setObjectName("controlSummary")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Plan")))
        top.addWidget(self.plan, 1)
        top.addWidget(QLabel(self.tr("Period")))
        top.addWidget(self.period)
        top.addWidget(new_risk)
        top.addWidget(result)
        split = QSplitter(Qt.Orientation.Vertical)
        box = QGroupBox(self.tr("Risk matrix: likelihood × consequence"))
        QVBoxLayout(box).addWidget(self.matrix)
        box.setMaximumHeight(self.matrix.height() + 40)
        split.addWidget(box)
        split.addWidget(self.view)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addWidget(split, 1)
        self._fill_plans()
        self.plan.currentIndexChanged.connect(self.reload)
        self.period.currentIndexChanged.connect(self.reload)
        self.reload()

    def _fill_plans(self) -> None:
        current = self.plan.currentData()
        self.plan.blockSignals(True)
        self.plan.clear()
        with self.context.store.session() as session:
            for plan_id, year, title in internal_control.plans_for(session):
                self.plan.addItem(title, (plan_id, year))
        index = self.plan.findData(current) if current else 0
        self.plan.setCurrentIndex(max(0, index))
        self.plan.blockSignals(False)

    def reload(self) -> None:
        self._fill_plans()
        data = self.plan.currentData()
        summary = None
        if data:
            plan_id, year = data
            with self.context.store.session() as session:
                found = internal_control.plan_summaries(session, year, self.period.currentData())
            summary = next((s for s in found if s.plan_id == plan_id), None)
        rows = []
        for line in summary.lines if summary else []:
            level = internal_control.risk_level(line.value)
            result = "" if line.deviation is None else (self.tr("Deviation: ") + line.finding if line.deviation
                                                        else self.tr("No deviation"))
            rows.append(Row(id=line.control_id or -line.risk_id, risk=line.risk, control=line.control,
                             owner=line.owner, frequency=line.frequency, result=result, deviation=bool(line.deviation),
                             value_text=f"{line.value} ({level.lower()})", control_id=line.control_id))
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        for r, likelihood in enumerate((4, 3, 2, 1)):
            for c, consequence in enumerate((1, 2, 3, 4)):
                risks = summary.matrix.get((likelihood, consequence), []) if summary else []
                level = internal_control.risk_level(likelihood * consequence)
                item = QTableWidgetItem(self.tr("%n risks", "", len(risks)) if risks else level.lower())
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setBackground(QBrush(RISK_COLOUR[level]))
                item.setToolTip("\n".join(risks) or level)
                self.matrix.setItem(r, c, item)
        if summary:
            adopted = self.tr("adopted") if summary.adopted else self.tr("not adopted")
            self.summary.setText(fmt(self.tr("%1 (%2): %3 of %4 controls done, %5 with deviation."), summary.title,
                                     adopted, summary.checked, len(summary.lines), summary.deviations))
        else:
            self.summary.setText(self.tr("No internal control plan yet."))

    def new_risk(self) -> None:
        data = self.plan.currentData()
        if not data:
            return
        dialog = RiskDialog(self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            title, likelihood, consequence, control = dialog.values()
            if self.push(AddRiskCommand(self.context, data[0], title, likelihood, consequence, control)):
                return
            dialog.error.setText(self.message.text())

    def record_result(self) -> None:
        row = self.view.currentIndex().row()
        line = self.model.rows[row] if 0 <= row < len(self.model.rows) else None
        if line is None or not line.control_id:
            self.message.setText(self.tr("Choose a control first."))
            return
        dialog = ResultDialog(self, line.control)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            deviation, finding, actions = dialog.values()
            if self.push(RecordControlResultCommand(self.context, line.control_id, self.period.currentData(),
                                                    deviation, finding, actions)):
                return
            dialog.error.setText(self.message.text())


class RiskDialog(QDialog):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New risk"))
        self.title = QLineEdit()
        self.title.setObjectName("riskTitle")
        self.likelihood = QSpinBox()
        self.likelihood.setRange(1, 4)
        self.consequence = QSpinBox()
        self.consequence.setRange(1, 4)
        self.control = QLineEdit()
        self.control.setObjectName("riskControl")
        self.owner = QLineEdit()
        self.method = QLineEdit()
        self.frequency = QLineEdit()
        self.error = QLabel()
        self.error.setStyleSheet("color: #a4000f")
        form = QFormLayout(self)
        form.addRow(self.tr("Risk"), self.title)
        form.addRow(self.tr("Likelihood (1–4)"), self.likelihood)
        form.addRow(self.tr("Consequence (1–4)"), self.consequence)
        form.addRow(self.tr("Control"), self.control)
        form.addRow(self.tr("Responsible"), self.owner)
        form.addRow(self.tr("Method"), self.method)
        form.addRow(self.tr("Frequency"), self.frequency)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _accept(self) -> None:
        if not self.title.text().strip():
            self.error.setText(self.tr("Describe the risk."))
            self.title.setFocus()
            return
        self.accept()

    def values(self):
        control = {"title": self.control.text().strip(), "owner": self.owner.text().strip(),
                   "method": self.method.text().strip(), "frequency": self.frequency.text().strip()}
        return self.title.text().strip(), self.likelihood.value(), self.consequence.value(), control


class ResultDialog(QDialog):
    def __init__(self, parent: QWidget, control: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Control result"))
        self.deviation = QCheckBox(self.tr("Deviation found"))
        self.deviation.setObjectName("resultDeviation")
        self.finding = QPlainTextEdit()
        self.finding.setObjectName("resultFinding")
        self.actions = QPlainTextEdit()
        self.error = QLabel()
        self.error.setStyleSheet("color: #a4000f")
        form = QFormLayout(self)
        form.addRow(QLabel(control))
        form.addRow(self.deviation)
        form.addRow(self.tr("Finding"), self.finding)
        form.addRow(self.tr("Actions"), self.actions)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _accept(self) -> None:
        if self.deviation.isChecked() and not self.finding.toPlainText().strip():
            self.error.setText(self.tr("Describe the deviation."))
            self.finding.setFocus()
            return
        self.accept()

    def values(self):
        return self.deviation.isChecked(), self.finding.toPlainText().strip(), self.actions.toPlainText().strip()


