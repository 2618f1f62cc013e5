"""The right-hand side of Uppföljning: Analys och åtgärder (with dialogue meetings), the results
grid with its filters, what needs attention, and the "why this status" and new-meeting dialogs.
The page (followup_page.py, passed in as `page`; typed QWidget so that the two modules import one
way only) holds the period, scope, tree and statuses they read."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.commands.followup import (
    AddMeetingCommand,
    SaveAssessmentCommand,
    SetResultCommand,
)
from app.models import Gender, ProviderType, Status
from app.models.errors import StyrkortError
from app.models.store import ConcurrentEditError
from app.services.followup import assessment as service
from app.services.followup.results import GridRow, ResultFilter, committees, result_grid, service_areas
from app.views.followup.followup_models import (
    ResultsTableModel,
    status_text,
)
from app.views.followup.shared_editing import ResultConflictBar, locked_reason
from app.views.i18n import current_language, term
from app.widgets.forms import ValidatedDialog
from app.widgets.tables import remember_columns


def _compact(combo: QComboBox, length: int = 10) -> QComboBox:
    """Let a combo box shrink: long unit and indicator names must not set the window's minimum width."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(length)
    return combo


def _html(text: str) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace("\n", "<br>")


class WhyDialog(QDialog):
    """"Varför denna status?": the chain of indicators, values, targets and the rule."""

    def __init__(self, lines: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("whyDialog")
        self.setWindowTitle(self.tr("Why this status?"))
        self.text = QTextBrowser()
        self.text.setObjectName("whyText")
        head, *rest = lines
        body = "".join(f"<li>{_html(line.strip())}</li>" for line in rest[:-1])
        self.text.setHtml(f"<h3>{_html(head)}</h3><ul>{body}</ul><p><i>{_html(rest[-1] if rest else '')}</i></p>")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(640, 420)


class MeetingDialog(ValidatedDialog):
    """A new dialogue meeting about the selected goal. OK stays open until what is required is
    written (and until the edit is saved), keeping everything typed."""

    def __init__(self, units: list[tuple[int, str, int]], unit_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("meetingDialog")
        self.setWindowTitle(self.tr("New dialogue meeting"))
        self.date = QDateEdit(QDate.currentDate())
        self.date.setObjectName("meetingHeldOn")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.unit = QComboBox()
        self.unit.setObjectName("meetingUnit")
        for uid, name, depth in units:
            self.unit.addItem("  " * depth + name, uid)
        if unit_id is not None:
            self.unit.setCurrentIndex(max(0, self.unit.findData(unit_id)))
        self.participants = QLineEdit()
        self.participants.setObjectName("meetingParticipants")
        self.learnings = QPlainTextEdit()
        self.learnings.setObjectName("meetingLearnings")
        self.agreed = QPlainTextEdit()
        self.agreed.setObjectName("meetingAgreed")
        for edit in (self.learnings, self.agreed):
            edit.setTabChangesFocus(True)
        self.add_field("held_on", self.tr("Date"), self.date)
        self.add_field("unit", self.tr("Unit or provider"), self.unit)
        self.add_field("participants", self.tr("Participants"), self.participants)
        self.add_field("learnings", self.tr("What we learned"), self.learnings)
        self.add_field("agreed", self.tr("Agreed actions"), self.agreed)
        self.errors.add_general()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.form.addRow(buttons)
        self.resize(560, 440)

    def problems(self) -> dict[str, str]:
        if self.unit.currentData() is None:
            return {"unit": self.tr("Choose the unit or provider the meeting was with.")}
        try:
            service.check_meeting(self.meeting("", 0))
        except StyrkortError as exc:
            return {"learnings": exc.message(current_language())}
        return {}

    def meeting(self, period_code: str, goal_id: int) -> service.MeetingData:
        return service.MeetingData(self.unit.currentData(), self.date.date().toPython(), period_code,
                                   self.participants.text().strip(), self.learnings.toPlainText().strip(),
                                   self.agreed.toPlainText().strip(), (goal_id,))


class AssessmentPanel(QWidget):
    """Bedömning for the selected goal and scope: manual status with justification, analysis,
    actions and cited dialogue meetings; below, what other units wrote."""

    def __init__(self, page: QWidget) -> None:
        super().__init__(page)
        self.page = page
        self.heading = QLabel()
        self.heading.setObjectName("assessmentHeading")
        self.heading.setWordWrap(True)
        self.computed = QLabel()
        self.computed.setObjectName("computedStatus")
        self.manual = QComboBox()
        self.manual.setObjectName("manualStatus")
        self.manual.addItem(self.tr("Computed (no manual assessment)"), None)
        for status in Status:
            self.manual.addItem(status_text(status), status)
        self.justification = QPlainTextEdit()
        self.justification.setObjectName("justification")
        self.justification.setPlaceholderText(self.tr("Required for a manual assessment"))
        self.analysis = QPlainTextEdit()
        self.analysis.setObjectName("analysis")
        self.actions = QPlainTextEdit()
        self.actions.setObjectName("actions")
        for edit, height in ((self.justification, 60), (self.analysis, 120), (self.actions, 100)):
            edit.setTabChangesFocus(True)
            edit.setMaximumHeight(height)
        self.meetings = QListWidget()
        self.meetings.setObjectName("citedMeetings")
        self.meetings.setMaximumHeight(90)
        self.author = QLabel()
        self.author.setObjectName("assessmentAuthor")
        self.save_button = QPushButton(self.tr("&Save assessment"))
        self.save_button.setObjectName("saveAssessment")
        self.save_button.clicked.connect(self.save)
        self.meeting_button = QPushButton(self.tr("New dialogue &meeting…"))
        self.meeting_button.setObjectName("newMeeting")
        self.meeting_button.clicked.connect(self.new_meeting)
        self.others = QTextBrowser()
        self.others.setObjectName("otherAssessments")
        form = QFormLayout()
        form.addRow(self.tr("Computed status"), self.computed)
        form.addRow(self.tr("Manual assessment"), self.manual)
        form.addRow(self.tr("Justification"), self.justification)
        form.addRow(self.tr("Analysis"), self.analysis)
        form.addRow(self.tr("Actions"), self.actions)
        form.addRow(self.tr("Cites dialogue meetings"), self.meetings)
        buttons = QHBoxLayout()
        buttons.addWidget(self.author, 1)
        buttons.addWidget(self.meeting_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form, 3)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(self.tr("All assessments and dialogue meetings of this goal in the period")))
        layout.addWidget(self.others, 2)

    def load(self) -> None:
        page = self.page
        goal_id = page.current_goal_id()
        enabled = goal_id is not None and page.follow_up is not None
        self.setEnabled(enabled)
        if not enabled:
            return
        outcome = page.follow_up.goals[goal_id]
        self.heading.setText(f"<b>{_html(page.tree_model.titles()[goal_id])}</b> — {_html(page.scope_name())}, "
                             f"{page.period_code}")
        self.computed.setText(status_text(outcome.computed_status))
        with page.context.store.session() as session:
            data = service.get_assessment(session, goal_id, page.scope_id(), page.period_code)
            meetings = service.meetings_for_goal(session, goal_id, page.period_code)
            others = service.assessments_for_goal(session, goal_id, page.period_code)
        data = data or service.AssessmentData()
        self.manual.setCurrentIndex(max(0, self.manual.findData(data.manual_status)))
        self.justification.setPlainText(data.justification)
        self.analysis.setPlainText(data.analysis)
        self.actions.setPlainText(data.actions)
        self.meetings.clear()
        for m in meetings:
            item = QListWidgetItem(f"{m.held_on.isoformat()} {m.unit_name}: {m.learnings[:80]}")
            item.setData(Qt.ItemDataRole.UserRole, m.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if m.id in data.meeting_ids else Qt.CheckState.Unchecked)
            self.meetings.addItem(item)
        if data.author:
            when = data.assessed_at.strftime("%Y-%m-%d %H:%M") if data.assessed_at else ""
            self.author.setText(self.tr("Last written by %1, %2").replace("%1", data.author).replace("%2", when))
        else:
            self.author.setText("")
        self.others.setHtml(self._others_html(others, meetings))

    def _others_html(self, others: list[service.AssessmentRow], meetings: list[service.MeetingData]) -> str:
        analysis_label, actions_label = self.tr("Analysis"), self.tr("Actions")
        meeting_label, participants_label = self.tr("Dialogue meeting"), self.tr("Participants")
        learned_label, agreed_label = self.tr("What we learned"), self.tr("Agreed actions")
        parts = []
        for a in others:
            who = a.unit_name or self.tr("Whole organisation")
            manual = f" — {_html(status_text(a.manual_status, True))}: {_html(a.justification)}" \
                if a.manual_status else ""
            when = a.assessed_at.strftime("%Y-%m-%d") if a.assessed_at else ""
            parts.append(f"<p><b>{_html(who)}</b>{manual}<br><i>{analysis_label}:</i> {_html(a.analysis)}"
                         f"<br><i>{actions_label}:</i> {_html(a.actions)}"
                         f"<br><small>{_html(a.author or '')} {when}</small></p>")
        for m in meetings:
            parts.append(f"<p><b>{meeting_label} {m.held_on.isoformat()}, {_html(m.unit_name)}</b>"
                         f"<br><i>{participants_label}:</i> {_html(m.participants)}"
                         f"<br><i>{learned_label}:</i> {_html(m.learnings)}"
                         f"<br><i>{agreed_label}:</i> {_html(m.agreed_actions)}</p>")
        nothing = self.tr("Nothing written yet.")
        return "".join(parts) or f"<p><i>{nothing}</i></p>"

    def data(self) -> service.AssessmentData:
        cited = tuple(sorted(self.meetings.item(i).data(Qt.ItemDataRole.UserRole)
                             for i in range(self.meetings.count())
                             if self.meetings.item(i).checkState() == Qt.CheckState.Checked))
        manual = self.manual.currentData()
        return service.AssessmentData(Status(manual) if manual else None, self.justification.toPlainText().strip(),
                                      self.analysis.toPlainText().strip(), self.actions.toPlainText().strip(), cited)

    def save(self) -> bool:
        page = self.page
        goal_id = page.current_goal_id()
        if goal_id is None:
            return False
        command = SaveAssessmentCommand(page.context, goal_id, page.scope_id(), page.period_code, self.data())
        return page.push(command)

    def new_meeting(self) -> None:
        dialog = self.meeting_dialog()
        if dialog is not None:
            dialog.exec()

    def meeting_dialog(self) -> MeetingDialog | None:
        """"Nytt dialogmöte" for the selected goal: OK saves it as one undoable edit, or stays open
        with the reason beside the field."""
        page = self.page
        goal_id = page.current_goal_id()
        if goal_id is None:
            return None
        dialog = MeetingDialog(page.scopes, page.scope_id(), self)

        def submit() -> str | None:
            command = AddMeetingCommand(page.context, dialog.meeting(page.period_code, goal_id))
            return None if page.context.push(command) else page.refusal_text() or self.tr("Not saved.")

        dialog.submitter = submit
        return dialog


class ResultsPanel(QWidget):
    """The results grid with its filters: nämnd, verksamhet, provider type; the page's period."""

    def __init__(self, page: QWidget) -> None:
        super().__init__(page)
        self.page = page
        self.committee = QComboBox()
        self.committee.setObjectName("filterCommittee")
        self.area = QComboBox()
        self.area.setObjectName("filterServiceArea")
        self.provider = QComboBox()
        self.provider.setObjectName("filterProviderType")
        self.committee.addItem(self.tr("All committees"), None)
        self.area.addItem(self.tr("All service areas"), None)
        self.provider.addItem(self.tr("All provider types"), None)
        with page.context.store.session() as session:
            for uid, name in committees(session):
                self.committee.addItem(name, uid)
            for area in service_areas(session):
                self.area.addItem(area, area)
        for ptype in ProviderType:
            self.provider.addItem(term(ptype), ptype)
        self.model = ResultsTableModel(self._edit, self)
        self.model.locked_reason = locked_reason(page.context)
        self.model.refused.connect(self._refused)
        self.table = QTreeView()
        self.table.setObjectName("resultsGrid")
        self.table.setAccessibleName(self.tr("Results grid"))
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setAlternatingRowColors(True)
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        # Resizable, sensible first widths (the indicator's name needs room), remembered.
        remember_columns(self.table, "resultsGrid", [260, 190, 110, 80, 80, 80, 80, 140])
        self.message = QLabel()
        self.message.setObjectName("resultsMessage")
        self.message.setWordWrap(True)
        filters = QHBoxLayout()
        for label, combo in ((self.tr("Committee"), self.committee), (self.tr("Service area"), self.area),
                             (self.tr("Provider type"), self.provider)):
            # No label beside it: the first entry ("Alla nämnder" …) names the filter; the
            # label is the tooltip and the accessible name, and the row stays narrow.
            combo.setToolTip(label)
            combo.setAccessibleName(label)
            filters.addWidget(_compact(combo, 5), 1)
            combo.currentIndexChanged.connect(self.reload)
        filters.addStretch(1)
        self.conflict = ResultConflictBar(page, self.reload, self)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.conflict)
        layout.addWidget(self.message)

    def reload_filters(self) -> None:
        """The nämnder and verksamheter as they are now; the chosen ones stay chosen."""
        with self.page.context.store.session() as session:
            options = ((self.committee, committees(session)), (self.area, [(a, a) for a in service_areas(session)]))
        for combo, items in options:
            chosen = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value, name in items:
                combo.addItem(name, value)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.blockSignals(False)

    def _refused(self, text: str) -> None:
        self.message.setText(text)
        self.page.context.tell(text)

    def criteria(self) -> ResultFilter:
        provider = self.provider.currentData()
        return ResultFilter(self.page.period_code, self.committee.currentData(), self.area.currentData(),
                            ProviderType(provider) if provider else None)

    def reload(self) -> None:
        with self.page.context.store.session() as session:
            self.model.set_rows(result_grid(session, self.criteria()))
        self.message.setText(self.tr("%n row(s). Italic values were entered late. Numbers like 1 234,5.", "",
                                     self.model.rowCount()))
        if not self.table.remembered_columns:
            for column in range(1, self.model.columnCount()):
                self.table.resizeColumnToContents(column)

    def _edit(self, row: GridRow, gender: Gender, value: float | None) -> str | None:
        # expected: the value shown; someone else's save since is not overwritten.
        command = SetResultCommand(self.page.context, row.indicator_id, row.unit_id, self.page.period_code,
                                   gender, value, expected=row.values.get(gender))
        if self.page.push(command, quiet=True):
            return None
        text = self.page.refusal_text() or self.tr("The result could not be saved.")
        if isinstance(self.page.context.last_error, ConcurrentEditError):
            self.conflict.show_conflict(text, row, gender, value)  # someone else saved first: theirs, or mine
        self.message.setText(text)
        return text


class AttentionPanel(QWidget):
    """What a planner should look at beyond the statuses (tillitsbaserad styrning)."""

    def __init__(self, page: QWidget) -> None:
        super().__init__(page)
        self.page = page
        self.thin = QListWidget()
        self.thin.setObjectName("thinGoals")
        self.missing = QListWidget()
        self.missing.setObjectName("notReported")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Goals resting on one indicator or none")))
        layout.addWidget(self.thin)
        layout.addWidget(QLabel(self.tr("Units and providers that have not reported for the period")))
        layout.addWidget(self.missing)
        self.thin.itemActivated.connect(lambda item: self.page.select_goal(item.data(Qt.ItemDataRole.UserRole)))

    def reload(self) -> None:
        with self.page.context.store.session() as session:
            thin = service.goals_with_few_indicators(session, at_most=1)
            missing = service.providers_not_reported(session, self.page.period_code, self.page.scope_id())
        self.thin.clear()
        for goal in thin:
            count = self.tr("%n indicator(s)", "", goal.indicator_count)
            item = QListWidgetItem(f"{goal.code or ''} {goal.title} — {count}")
            item.setData(Qt.ItemDataRole.UserRole, goal.goal_id)
            self.thin.addItem(item)
        self.missing.clear()
        for report in missing:
            item = QListWidgetItem(f"{report.unit_name} ({term(report.provider_type)}): "
                                   + ", ".join(report.missing_codes))
            item.setData(Qt.ItemDataRole.UserRole, report.unit_id)
            self.missing.addItem(item)
