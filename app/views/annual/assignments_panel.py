"""Uppdrag: the list with each one's status as reported up to a period, and its dialogs."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.commands import EditContext
from app.commands.annual import (
    CreateAssignmentCommand,
    DeleteAssignmentCommand,
    ReportAssignmentCommand,
)
from app.models import AssignmentSource, AssignmentState
from app.services.annual import assignments
from app.services.annual.report_content import report_scopes
from app.views.annual.common import OVERDUE, Panel, Row, period_combo
from app.views.governance.directive_models import Column, IdRole, RowTableModel, fmt
from app.views.governance.directives_page import make_table
from app.views.i18n import term


class AssignmentPanel(Panel):
    def __init__(self, context: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("assignmentPanel")
        self.period = period_combo(context, "assignmentPeriod")
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
            shown.append(Row(id=row.id, code=row.code, title=row.title, assignee=row.assignee, due_on=row.due_on,
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


