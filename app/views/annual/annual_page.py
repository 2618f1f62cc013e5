"""The year's cycle in the window: uppdrag with their status per period, the internkontrollplan
with its risk matrix and results, ekonomi (budget, utfall, prognos per nämnd, balanskrav, the
ekonomisystem's file) and the delårsrapport/årsredovisning with its people's text, written as
PDF or .docx off the GUI thread. Every edit is one undoable command; every panel follows the
change bus."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.commands import Change, EditContext
from app.commands.annual import (
    AddRiskCommand,
    ApplyFiguresCommand,
    CreateAssignmentCommand,
    DeleteAssignmentCommand,
    RecordControlResultCommand,
    ReportAssignmentCommand,
    SetBalanceEntryCommand,
    SetReportTextCommand,
)
from app.models import AssignmentSource, AssignmentState, BalanceItem, FinanceKind, ReportSection
from app.models.errors import StyrkortError
from app.services.annual import assignments, finances, internal_control
from app.services.annual.report_content import ReportKind, report_scopes, report_texts
from app.services.followup.periods import list_periods
from app.services.platform.swedish import number
from app.views.governance.directive_models import Column, IdRole, RowTableModel, fmt
from app.views.governance.directives_page import make_table, scrollable
from app.views.i18n import current_language, term
from app.views.lazy_page import LazyPage

ANNUAL_ENTITIES = {"assignment", "report_text", "balance_entry", "financial_figure", "control_risk",
                   "control_point", "internal_control_plan", "org_unit", "period", "database"}
OVERDUE = QColor("#f8d7da")
RISK_COLOUR = {"Låg": QColor("#ccebc5"), "Medel": QColor("#fee6aa"), "Hög": QColor("#f4b4aa")}


class AnnualPage(LazyPage):
    """Uppdrag, internkontroll, ekonomi and reports as sub-tabs."""

    def __init__(self, context: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("annualPage")

    def build(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.setObjectName("annualTabs")
        self.assignments = AssignmentPanel(self.context, self)
        self.control = ControlPanel(self.context, self)
        self.finance = FinancePanel(self.context, self)
        self.reports = ReportPanel(self.context, self)
        self.tabs.addTab(self.reports, self.tr("Reports"))
        self.tabs.addTab(self.assignments, self.tr("Assignments"))
        self.tabs.addTab(scrollable(self.finance), self.tr("Finances"))
        self.tabs.addTab(self.control, self.tr("Internal control"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)

    def title(self) -> str:
        return self.tr("Annual cycle")


def _period_combo(context: EditContext, name: str, kinds: tuple[str, ...] = ("year", "tertial")) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    with context.store.session() as session:
        codes = [p.code for p in list_periods(session) if p.kind.value in kinds]
    for code in sorted(codes, reverse=True):
        combo.addItem(code, code)
    return combo


class _Panel(QWidget):
    """Shared: the status line that shows a refused edit, and reloading on relevant changes."""

    def __init__(self, context: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName(f"{type(self).__name__[0].lower()}{type(self).__name__[1:]}Message")
        context.bus.changed.connect(self._on_change)

    def push(self, command) -> bool:
        ok = self.context.push(command)
        error = self.context.last_error
        self.message.setText("" if ok or error is None else error.message(current_language()))
        return ok

    def _on_change(self, change: Change) -> None:
        if change.touches(*ANNUAL_ENTITIES) or change.entity.startswith("import"):
            self.reload()

    def reload(self) -> None:  # pragma: no cover - each panel has its own
        raise NotImplementedError


# --- Uppdrag ------------------------------------------------------------------------------

class AssignmentPanel(_Panel):
    def __init__(self, context: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("assignmentPanel")
        self.period = _period_combo(context, "assignmentPeriod")
        columns = [Column("code", self.tr("Code")), Column("title", self.tr("Assignment")),
                   Column("assignee", self.tr("Committee")), Column("due_on", self.tr("Due")),
                   Column("state_text", self.tr("Status")), Column("comment", self.tr("Comment"))]
        self.model = RowTableModel(columns, self, background=lambda row: OVERDUE if row.late else None)
        self.view = make_table(self.model, "assignmentTable", self.tr("Assignments"))
        new = QPushButton(self.tr("New assignment…"))
        new.setObjectName("newAssignment")
        new.clicked.connect(self.new_assignment)
        report = QPushButton(self.tr("Report status…"))
        report.setObjectName("reportAssignment")
        report.clicked.connect(self.report_status)
        delete = QPushButton(self.tr("Delete assignment"))
        delete.setObjectName("deleteAssignment")
        delete.clicked.connect(self.delete_assignment)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Status as reported up to")))
        top.addWidget(self.period)
        top.addStretch(1)
        for button in (new, report, delete):
            top.addWidget(button)
        self.empty = QLabel(self.tr("No assignments yet – add the ones fullmäktige or the styrelse gave with "
                                    "New assignment…"))
        self.empty.setObjectName("assignmentEmpty")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)
        self.period.currentIndexChanged.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        today = dt.date.today()
        code = self.period.currentData()
        with self.context.store.session() as session:
            rows = assignments.list_assignments(session, code)
            if code:  # overdue as the status stood at the end of the period, not as of today
                from app.services.followup.periods import require_period

                today = min(today, require_period(session, code).end_date)
        shown = []
        for row in rows:
            late = row.overdue(today)
            text = term(row.state) + (" – " + self.tr("overdue") if late else "")
            shown.append(_Row(id=row.id, code=row.code, title=row.title, assignee=row.assignee, due_on=row.due_on,
                              state_text=text, comment=row.comment, late=late, state=row.state))
        current = self.view.currentIndex().data(IdRole)
        self.model.set_rows(shown)
        self.empty.setVisible(not shown)
        self.view.resizeColumnsToContents()
        self.view.setColumnWidth(1, min(self.view.columnWidth(1), 320))
        if current is not None and self.model.row_for_id(current) >= 0:
            self.view.selectRow(self.model.row_for_id(current))

    def _selected(self):
        row = self.view.currentIndex().row()
        return self.model.rows[row] if 0 <= row < len(self.model.rows) else None

    def new_assignment(self) -> None:
        with self.context.store.session() as session:
            scopes = [(code, name) for code, name in report_scopes(session) if code]
            from app.services.packs.content import find_scope

            units = [(find_scope(session, code).id, name) for code, name in scopes]
        dialog = AssignmentDialog(self, units)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            if self.push(CreateAssignmentCommand(self.context, dialog.values())):
                return
            dialog.show_error(self.message.text())

    def report_status(self) -> None:
        row = self._selected()
        if row is None:
            self.message.setText(self.tr("Choose an assignment first."))
            return
        period = self.period.currentData()
        dialog = StatusDialog(self, row.title, period, row.state, row.comment)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.push(ReportAssignmentCommand(self.context, row.id, period, dialog.state(), dialog.comment()))

    def delete_assignment(self) -> None:
        row = self._selected()
        if row is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete assignment"),
                          fmt(self.tr("Delete the assignment %1 %2 with its reported statuses?"), row.code, row.title),
                          parent=self)
        delete = box.addButton(self.tr("Delete assignment"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is delete:
            self.push(DeleteAssignmentCommand(self.context, row.id))


class _Row:
    def __init__(self, **values) -> None:
        self.__dict__.update(values)


class AssignmentDialog(QDialog):
    """A new uppdrag. A refused save keeps the dialog open with everything typed."""

    def __init__(self, parent: QWidget, units: list[tuple[int, str]]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New assignment"))
        self.code = QLineEdit()
        self.code.setObjectName("assignmentCode")
        self.code.setPlaceholderText("U2027-01")
        self.title = QLineEdit()
        self.title.setObjectName("assignmentTitle")
        self.assignee = QComboBox()
        self.assignee.setObjectName("assignmentAssignee")
        for unit_id, name in units:
            self.assignee.addItem(name, unit_id)
        self.source = QComboBox()
        for member in AssignmentSource:
            self.source.addItem(term(member), member)
        self.decided = QDateEdit(QDate.currentDate())
        self.decided.setCalendarPopup(True)
        self.due = QDateEdit(QDate.currentDate().addMonths(6))
        self.due.setCalendarPopup(True)
        self.reference = QLineEdit()
        self.reference.setPlaceholderText(self.tr("e.g. Council 2026-06-16 § 85"))
        self.description = QPlainTextEdit()
        self.description.setMaximumHeight(80)
        self.error = QLabel()
        self.error.setObjectName("assignmentError")
        self.error.setStyleSheet("color: #a4000f")
        self.error.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Code"), self.code)
        form.addRow(self.tr("Assignment"), self.title)
        form.addRow(self.tr("Committee"), self.assignee)
        form.addRow(self.tr("Source"), self.source)
        form.addRow(self.tr("Decided"), self.decided)
        form.addRow(self.tr("Due"), self.due)
        form.addRow(self.tr("Decision"), self.reference)
        form.addRow(self.tr("Description"), self.description)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _accept(self) -> None:
        if not self.code.text().strip():
            self.show_error(self.tr("Give the assignment a code."), self.code)
        elif not self.title.text().strip():
            self.show_error(self.tr("Say what the assignment is."), self.title)
        else:
            self.accept()

    def show_error(self, text: str, field: QWidget | None = None) -> None:
        self.error.setText(text)
        if field is not None:
            field.setFocus()

    def values(self) -> dict:
        def day(edit: QDateEdit) -> dt.date:
            q = edit.date()
            return dt.date(q.year(), q.month(), q.day())

        return {"code": self.code.text().strip(), "title": self.title.text().strip(),
                "assignee_id": self.assignee.currentData(), "source": self.source.currentData(),
                "decided_on": day(self.decided), "due_on": day(self.due),
                "decision_reference": self.reference.text().strip(),
                "description": self.description.toPlainText()}


class StatusDialog(QDialog):
    def __init__(self, parent: QWidget, title: str, period: str, state: AssignmentState, comment: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(fmt(self.tr("Status %1"), period))
        self.state_combo = QComboBox()
        self.state_combo.setObjectName("assignmentState")
        for member in AssignmentState:
            self.state_combo.addItem(term(member), member)
        self.state_combo.setCurrentIndex(max(0, self.state_combo.findData(state)))
        self.comment_edit = QPlainTextEdit(comment)
        self.comment_edit.setObjectName("assignmentComment")
        form = QFormLayout(self)
        form.addRow(QLabel(title))
        form.addRow(self.tr("Status"), self.state_combo)
        form.addRow(self.tr("Comment"), self.comment_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def state(self) -> AssignmentState:
        return AssignmentState(self.state_combo.currentData())

    def comment(self) -> str:
        return self.comment_edit.toPlainText().strip()


# --- Internkontroll -------------------------------------------------------------------------

class ControlPanel(_Panel):
    def __init__(self, context: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("controlPanel")
        self.plan = QComboBox()
        self.plan.setObjectName("controlPlan")
        self.period = _period_combo(context, "controlPeriod", ("tertial", "year"))
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
            rows.append(_Row(id=line.control_id or -line.risk_id, risk=line.risk, control=line.control,
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


# --- Ekonomi ----------------------------------------------------------------------------------

class FinancePanel(_Panel):
    def __init__(self, context: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("financePanel")
        self.period = _period_combo(context, "financePeriod")
        with context.store.session() as session:
            latest = finances.periods_with_figures(session)
        if latest:  # open on the latest period the finance system reported, not an empty one
            self.period.setCurrentIndex(max(0, self.period.findData(latest[0])))
        columns = [Column("unit", self.tr("Unit")), Column("kind_text", self.tr("Kind")),
                   Column("budget", self.tr("Budget")), Column("outcome", self.tr("Outcome")),
                   Column("forecast", self.tr("Forecast")), Column("deviation", self.tr("Deviation"))]
        self.model = RowTableModel(columns, self)
        self.view = make_table(self.model, "financeTable", self.tr("Budget, outcome and forecast"))
        self.view.horizontalHeader().setStretchLastSection(False)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.balance = QTableWidget(0, 2)
        self.balance.setObjectName("balanceTable")
        self.balance.setAccessibleName(self.tr("Balance requirement"))
        self.balance.setHorizontalHeaderLabels([self.tr("Line"), self.tr("mnkr")])
        self.balance.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.balance.verticalHeader().hide()
        self.balance.itemChanged.connect(self._balance_edited)
        self.balance_year = QSpinBox()
        self.balance_year.setObjectName("balanceYear")
        self.balance_year.setRange(2000, 2100)
        self.balance_year.setValue(dt.date.today().year - 1)
        self.balance_year.valueChanged.connect(self.reload)
        import_button = QPushButton(self.tr("Import from the finance system…"))
        import_button.setObjectName("financeImport")
        import_button.clicked.connect(self.import_file)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Period")))
        top.addWidget(self.period)
        top.addStretch(1)
        top.addWidget(import_button)
        note = QLabel(self.tr("Amounts in tkr, net costs; deviation = budget − forecast (positive: a surplus). "
                              "Outcome is cumulative from 1 January."))
        note.setWordWrap(True)
        balance_box = QGroupBox(self.tr("Balance requirement (KL 11 kap.)"))
        balance_layout = QVBoxLayout(balance_box)
        year_row = QHBoxLayout()
        year_row.addWidget(QLabel(self.tr("Year")))
        year_row.addWidget(self.balance_year)
        year_row.addStretch(1)
        balance_layout.addLayout(year_row)
        balance_layout.addWidget(self.balance)
        self.chart = QLabel()
        self.chart.setObjectName("financeChart")
        self.chart.setAccessibleName(self.tr("Budget, forecast and outcome per unit"))
        self.chart.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.chart.setMinimumWidth(360)
        self.deviation_chart = QLabel()
        self.deviation_chart.setObjectName("deviationChart")
        self.deviation_chart.setAccessibleName(self.tr("Deviation from budget through the year"))
        self.deviation_chart.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        charts = QWidget()
        charts_layout = QVBoxLayout(charts)
        charts_layout.addWidget(self.chart)
        charts_layout.addWidget(self.deviation_chart)
        charts_layout.addStretch(1)
        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(self.view)
        upper.addWidget(charts)
        upper.setStretchFactor(0, 3)
        upper.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addWidget(upper, 2)
        layout.addWidget(balance_box, 1)
        self.period.currentIndexChanged.connect(self.reload)
        self._charts_key = None
        self.reload()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._draw_charts()

    def _draw_charts(self) -> None:
        """The print charts as pictures, drawn only when the tab is seen (matplotlib loads then)."""
        if not self.isVisible() or self.table is None:
            return
        key = (self.period.currentData(), tuple((r.unit, r.kind, r.budget, r.outcome, r.forecast)
                                               for r in self.table.rows))
        if key == self._charts_key:
            return
        self._charts_key = key
        from PySide6.QtGui import QPixmap

        from app.services.annual import report_charts

        rows = [r for r in self.table.rows if r.kind == FinanceKind.OPERATING]
        interim = self.period.currentData() and not str(self.period.currentData()).isdigit()
        for label, data in ((self.chart, report_charts.finance_chart(rows, bool(interim), "png") if rows else None),
                            (self.deviation_chart, report_charts.deviation_chart(self.deviation, "png")
                             if any(len(v) > 1 for v in self.deviation.values()) else None)):
            if data is None:
                label.clear()
                continue
            pixmap = QPixmap()
            pixmap.loadFromData(data)
            label.setPixmap(pixmap.scaledToWidth(min(560, max(360, label.width() or 480)),
                                                 Qt.TransformationMode.SmoothTransformation))

    def reload(self) -> None:
        code = self.period.currentData()
        with self.context.store.session() as session:
            table = finances.finance_table(session, code) if code else None
            self.deviation = finances.deviation_through_year(session, code) if code else {}
            statement = finances.balance_statement(session, self.balance_year.value())
        self.table = table
        rows = []
        if table:
            for kind in FinanceKind:
                kind_rows = [r for r in table.rows if r.kind == kind]
                if not kind_rows:
                    continue
                for r in [*kind_rows, table.total(kind)]:
                    rows.append(_Row(id=None, unit=r.unit if r.unit_id else self.tr("Total"), kind_text=term(kind),
                                     budget=number(r.budget, 0), outcome=number(r.outcome, 0),
                                     forecast=number(r.forecast, 0), deviation=number(r.deviation, 0)))
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        self.balance.blockSignals(True)
        items = [BalanceItem.RESULT, *finances.ADJUSTMENTS, None, *finances.RESERVE, None]
        self.balance.setRowCount(len(statement.lines))
        for row, (line, item) in enumerate(zip(statement.lines, items, strict=True)):
            label = QTableWidgetItem(line.label)
            label.setFlags(Qt.ItemFlag.ItemIsEnabled)
            value = QTableWidgetItem(number(line.amount, 1))
            value.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setData(Qt.ItemDataRole.UserRole, item.value if item else None)
            if item is None:
                value.setFlags(Qt.ItemFlag.ItemIsEnabled)
                font = label.font()
                font.setBold(True)
                label.setFont(font)
                value.setFont(font)
            self.balance.setItem(row, 0, label)
            self.balance.setItem(row, 1, value)
        self.balance.blockSignals(False)
        self._draw_charts()

    def _balance_edited(self, item: QTableWidgetItem) -> None:
        key = item.data(Qt.ItemDataRole.UserRole)
        if not key:
            return
        from app.services.exchange.values import CellError, parse_number

        line = BalanceItem(key)
        text = item.text().replace("\u2212", "-").strip()
        try:
            amount = parse_number(text) if text else None
        except CellError:
            self.message.setText(fmt(self.tr("%1 is not a number."), item.text()))
            self.reload()
            return
        if amount is not None and line is not BalanceItem.RESULT:
            amount = abs(amount)  # the line's own sign is shown; the amount is entered without it
        self.push(SetBalanceEntryCommand(self.context, self.balance_year.value(), line, amount))
        self.reload()

    def import_file(self, path: str | None = None) -> bool:
        from app.services.annual.finance_import import plan_finance_import

        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Import from the finance system"), "",
                                                  self.tr("Spreadsheets (*.xlsx *.xlsm *.ods *.csv)"))
        if not path:
            return False
        try:
            plan = plan_finance_import(self.context.store, path)
        except StyrkortError as exc:
            self.message.setText(exc.message(current_language()))
            return False
        if not plan.ok:
            self.message.setText("\n".join(p.line() for p in plan.problems[:10]) +
                                 (fmt(self.tr("\n… and %1 more"), len(plan.problems) - 10)
                                  if len(plan.problems) > 10 else ""))
            return False
        if not (plan.new or plan.changed):
            self.message.setText(plan.summary())
            return False
        answer = QMessageBox.question(self, self.tr("Import from the finance system"),
                                      plan.summary() + "\n\n" + self.tr("Import these amounts?"))
        if answer != QMessageBox.StandardButton.Yes:
            return False
        from app.services.platform.backups import backup_before

        backup_before(self.context.store, "import")
        ok = self.push(ApplyFiguresCommand(self.context, plan.figures))
        if ok:
            self.message.setText(plan.summary())
        return ok


# --- Rapporter -----------------------------------------------------------------------------

class ReportPanel(_Panel):
    SECTIONS = (ReportSection.SUMMARY, ReportSection.EVENTS, ReportSection.ECONOMY, ReportSection.PERSONNEL,
                ReportSection.FUTURE)

    def __init__(self, context: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("reportPanel")
        self.kind = QComboBox()
        self.kind.setObjectName("reportKind")
        self.kind.addItem(self.tr("Interim report"), ReportKind.INTERIM)
        self.kind.addItem(self.tr("Annual report"), ReportKind.ANNUAL)
        self.period = QComboBox()
        self.period.setObjectName("reportPeriod")
        self.scope = QComboBox()
        self.scope.setObjectName("reportScope")
        with context.store.session() as session:
            for code, name in report_scopes(session):
                self.scope.addItem(name, code)
            self.periods = [(p.code, p.kind.value) for p in list_periods(session)]
        self.edits: dict[ReportSection, QPlainTextEdit] = {}
        form = QFormLayout()
        for section in self.SECTIONS:
            edit = QPlainTextEdit()
            edit.setObjectName(f"reportText_{section.value}")
            edit.setAccessibleName(term(section))
            edit.setMinimumHeight(70)
            self.edits[section] = edit
            form.addRow(term(section), edit)
        save = QPushButton(self.tr("Save texts"))
        save.setObjectName("saveReportTexts")
        save.clicked.connect(self.save_texts)
        self.write_button = QPushButton(self.tr("Write report…"))
        self.write_button.setObjectName("writeReport")
        self.write_button.clicked.connect(self.write_report)
        top = QHBoxLayout()
        for label, widget in ((self.tr("Report"), self.kind), (self.tr("Period"), self.period),
                              (self.tr("For"), self.scope)):
            top.addWidget(QLabel(label))
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(save)
        top.addWidget(self.write_button)
        help_text = QLabel(self.tr("The report takes goal fulfilment, finances, staff by gender, assignments and "
                                   "internal control from the database; write the texts below for the chosen scope "
                                   "and period. The whole organisation's report gathers each committee's own "
                                   "sections and keeps their analysis apart."))
        help_text.setWordWrap(True)
        body = QWidget()
        body.setLayout(form)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(help_text)
        layout.addWidget(self.message)
        layout.addWidget(scrollable(body), 1)
        self.kind.currentIndexChanged.connect(self._fill_periods)
        self.period.currentIndexChanged.connect(self._load_texts)
        self.scope.currentIndexChanged.connect(self._load_texts)
        self._fill_periods()
        self.worker = None

    def _fill_periods(self) -> None:
        wanted = ("year",) if ReportKind(self.kind.currentData()) is ReportKind.ANNUAL else ("tertial",)
        self.period.blockSignals(True)
        self.period.clear()
        for code, kind in sorted(self.periods, reverse=True):
            if kind in wanted:
                self.period.addItem(code, code)
        self.period.blockSignals(False)
        self._load_texts()

    def _scope_unit_id(self) -> int | None:
        code = self.scope.currentData()
        if not code:
            return None
        from app.services.packs.content import find_scope

        with self.context.store.session() as session:
            return find_scope(session, code).id

    def _load_texts(self) -> None:
        code = self.period.currentData()
        texts = {}
        if code:
            with self.context.store.session() as session:
                texts = report_texts(session, self._scope_unit_id(), code)
        for section, edit in self.edits.items():
            edit.setPlainText(texts.get(section, ""))

    def reload(self) -> None:
        # Keep what is being typed: only sections the user has not changed follow the database.
        code = self.period.currentData()
        if not code:
            return
        with self.context.store.session() as session:
            texts = report_texts(session, self._scope_unit_id(), code)
        for section, edit in self.edits.items():
            if not edit.document().isModified():
                edit.setPlainText(texts.get(section, ""))

    def save_texts(self) -> int:
        """One undoable step per changed section (a macro when several changed)."""
        code = self.period.currentData()
        if not code:
            return 0
        unit_id = self._scope_unit_id()
        with self.context.store.session() as session:
            stored = report_texts(session, unit_id, code)
        changed = [(s, e.toPlainText()) for s, e in self.edits.items() if e.toPlainText() != stored.get(s, "")]
        stack = self.context.undo_stack
        if len(changed) > 1:
            stack.beginMacro(self.tr("Edit report texts"))
        saved = 0
        for section, text in changed:
            saved += self.push(SetReportTextCommand(self.context, unit_id, code, section, text))
        if len(changed) > 1:
            stack.endMacro()
        for edit in self.edits.values():
            edit.document().setModified(False)
        self.message.setText(self.tr("%n texts saved.", "", saved) if changed else self.tr("No changes to save."))
        return saved

    def write_report(self, path: str | None = None):
        from app.services.annual.reports import write_report
        from app.views.exchange.exchange_workers import Worker

        if not path:
            kind = ReportKind(self.kind.currentData())
            suggested = f"{kind.title} {self.period.currentData()}.pdf"
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Write report"), suggested,
                                                  self.tr("PDF (*.pdf);;Word (*.docx)"))
        if not path:
            return None
        kind, period, scope, store = ReportKind(self.kind.currentData()), self.period.currentData(), self.scope.currentData(), \
            self.context.store
        progress = QProgressDialog(self.tr("Writing the report…"), self.tr("Cancel"), 0, 0, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        self.write_button.setEnabled(False)
        worker = Worker(lambda progress, cancelled: write_report(store, kind, period, scope, Path(path)))

        def done(result) -> None:
            progress.close()
            self.write_button.setEnabled(True)
            self.message.setText(fmt(self.tr("%1 written: %2 pages."), str(result.path), result.pages))

        def failed(error) -> None:
            progress.close()
            self.write_button.setEnabled(True)
            self.message.setText(error.message(current_language()) if isinstance(error, StyrkortError)
                                 else str(error).splitlines()[-1])

        worker.signals.finished.connect(done)
        worker.signals.failed.connect(failed)
        progress.canceled.connect(worker.cancel)
        self.worker = worker.start()
        return worker
