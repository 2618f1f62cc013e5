"""Uppföljning: per period and scope, the goal tree with statuses and trends; per goal the
analysis and actions, dialogue meetings, "why this status", charts of the providers, the
results grid, and what needs attention (goals on few indicators, providers not reported)."""

from __future__ import annotations

from PySide6.QtCore import QDate, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.commands import Change, EditContext
from app.commands.followup import (
    AddMeetingCommand,
    SaveAssessmentCommand,
    SetResultCommand,
    SetRollupRuleCommand,
)
from app.models import Gender, ProviderType, Status
from app.models.errors import StyrkortError
from app.services.followup import assessment as service
from app.services.followup.periods import default_period, list_periods, parse_period, previous_comparable
from app.services.followup.results import GridRow, ResultFilter, committees, result_grid, service_areas
from app.services.followup.status import (
    FollowUp,
    RollupRule,
    compute_follow_up,
    explain,
    goal_trends,
    refresh_indicator,
    rollup_rule,
)
from app.views.followup.followup_models import (
    FollowUpTreeModel,
    IdRole,
    ResultsTableModel,
    status_text,
)
from app.views.i18n import current_language, term
from app.views.settings_dialog import preferred_period, preferred_scope
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

    def __init__(self, page: FollowUpPage) -> None:
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

    def __init__(self, page: FollowUpPage) -> None:
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
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
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
        command = SetResultCommand(self.page.context, row.indicator_id, row.unit_id, self.page.period_code,
                                   gender, value)
        if self.page.push(command, quiet=True):
            return None
        text = self.page.refusal_text() or self.tr("The result could not be saved.")
        self.message.setText(text)
        return text


class AttentionPanel(QWidget):
    """What a planner should look at beyond the statuses (tillitsbaserad styrning)."""

    def __init__(self, page: FollowUpPage) -> None:
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


class FollowUpPage(QWidget):
    """Uppföljning: pick a period and a scope, see which goals are met and why."""

    unitSelected = Signal(int)

    def __init__(self, context: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("followUpPage")
        self.follow_up: FollowUp | None = None
        self.previous: FollowUp | None = None
        self.period_code = ""
        with context.store.session() as session:
            periods = [p.code for p in list_periods(session)]
            default = preferred_period(periods, default_period(session) or (periods[-1] if periods else ""))
            self.scopes = service.scope_options(session)
            rule = rollup_rule(session)
            goals = service.goal_rows(session)
        self.period = QComboBox()
        self.period.setObjectName("followUpPeriod")
        self.period.addItems(periods)
        self.period.setCurrentText(default)
        self.scope = QComboBox()
        self.scope.setObjectName("followUpScope")
        self.scope.addItem(self.tr("Whole organisation"), None)
        for uid, name, depth in self.scopes:
            self.scope.addItem("  " * depth + name, uid)
        self.scope.setCurrentIndex(max(0, self.scope.findData(preferred_scope())))
        self.rule = QComboBox()
        self.rule.setObjectName("rollupRule")
        self.rule.addItem(self.tr("Weighted share met"), RollupRule.WEIGHTED_SHARE)
        self.rule.addItem(self.tr("Worst underlying status"), RollupRule.WORST)
        self.rule.setCurrentIndex(self.rule.findData(rule))
        self.why_button = QPushButton(self.tr("&Why this status?"))
        self.why_button.setObjectName("whyButton")
        self.why_button.clicked.connect(self.show_why)
        self.targets_button = QPushButton(self.tr("&Targets…"))
        self.targets_button.setObjectName("targetsButton")
        self.targets_button.clicked.connect(self.show_targets)
        for combo in (self.period, self.scope, self.rule):
            _compact(combo, 4 if combo is self.period else 8)
        bar = QHBoxLayout()
        for text, widget, stretch in ((self.tr("Period"), self.period, 0), (self.tr("Scope"), self.scope, 3),
                                      (self.tr("Roll-up rule"), self.rule, 2)):
            label = QLabel(text)
            label.setBuddy(widget)
            bar.addWidget(label)
            bar.addWidget(widget, stretch)
        self.message = QLabel()
        self.message.setObjectName("followUpMessage")
        self.message.setStyleSheet("color: #D55E00; font-weight: bold")
        self.message.setWordWrap(True)
        bar.addWidget(self.message, 2)

        self.tree_model = FollowUpTreeModel(self)
        self.tree_model.set_goals(goals)
        self.tree = QTreeView()
        self.tree.setObjectName("followUpTree")
        self.tree.setAccessibleName(self.tr("Goals with status"))
        self.tree.setModel(self.tree_model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            self.tree.header().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.doubleClicked.connect(lambda _index: self.show_why())
        self.counts = QLabel()
        self.counts.setObjectName("statusCounts")
        self.counts.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tree, 1)
        below = QHBoxLayout()
        below.addWidget(self.counts, 1)
        below.addWidget(self.why_button)
        below.addWidget(self.targets_button)
        left_layout.addLayout(below)

        self.assessment = AssessmentPanel(self)
        self.results = ResultsPanel(self)
        self.attention = AttentionPanel(self)
        self.charts = None  # built when first shown: pyqtgraph loads only then
        self.chart_holder = QWidget()
        QVBoxLayout(self.chart_holder).setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("followUpTabs")
        # Scrollable, so that the form's many fields do not set the window's minimum height.
        self.assessment_scroll = QScrollArea()
        self.assessment_scroll.setWidgetResizable(True)
        self.assessment_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.assessment_scroll.setWidget(self.assessment)
        self.tabs.addTab(self.assessment_scroll, self.tr("Analysis and actions"))
        self.tabs.addTab(self.chart_holder, self.tr("Charts"))
        self.tabs.addTab(self.results, self.tr("Results"))
        self.tabs.addTab(self.attention, self.tr("Needs attention"))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("followUpSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)

        self.period.currentIndexChanged.connect(lambda _i: self.recompute())
        self.scope.currentIndexChanged.connect(lambda _i: self.recompute())
        self.rule.currentIndexChanged.connect(self._rule_chosen)
        self.tree.selectionModel().currentChanged.connect(lambda _c, _p: self._goal_changed())
        context.bus.changed.connect(self._on_change)
        state = QSettings().value("followup/splitter")
        if state is None or not self.splitter.restoreState(state):
            self.splitter.setSizes([640, 760])
        # Statuses are computed when the page is first shown, not at start-up; changes made
        # while the page is hidden are collected in `_pending` and caught up when it is shown.
        self._pending: set[str] = set()
        self._computed: dict[tuple, FollowUp] = {}  # (period, scope, rule) → statuses

    def title(self) -> str:
        return self.tr("Follow-up")

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.follow_up is None:
            self._pending.clear()
            self._sync_rule()
            self.recompute()
            self.tree.expandToDepth(1)
            first = self.tree_model.index(0, 0)
            if first.isValid():
                self.tree.setCurrentIndex(first)
        elif self._pending:
            self._catch_up()

    def save_state(self) -> None:
        QSettings().setValue("followup/splitter", self.splitter.saveState())

    def menu_actions(self) -> list[tuple[str, QAction]]:
        why = QAction(self.tr("Why this status?"), self)
        why.setObjectName("actionWhy")
        why.setShortcut(QKeySequence("Shift+F1"))  # F1 is the user guide
        why.triggered.connect(self.show_why)
        return [("view", why)]

    # --- state ----------------------------------------------------------------------------
    def scope_id(self) -> int | None:
        return self.scope.currentData()

    def scope_name(self) -> str:
        return self.scope.currentText().strip()

    def current_rule(self) -> RollupRule:
        # Qt hands enum data back as plain str.
        return RollupRule(self.rule.currentData() or RollupRule.WEIGHTED_SHARE)

    def current_goal_id(self) -> int | None:
        return self.tree.currentIndex().data(IdRole)

    def push(self, command, quiet: bool = False) -> bool:
        """Push an undoable edit; a refusal is shown in the page's message line (not a modal box:
        the planner keeps what they typed and can fix it)."""
        if self.context.push(command):
            self.message.setText("")
            return True
        if not quiet:
            self.message.setText(self.refusal_text())
        return False

    def refusal_text(self) -> str:
        error = self.context.last_error
        return error.message(current_language()) if error is not None else ""

    # --- computing ------------------------------------------------------------------------
    def recompute(self) -> None:
        self._pending.discard("compute")
        self.period_code = self.period.currentText()
        if not self.period_code:
            return
        scope, rule = self.scope_id(), self.current_rule()
        previous_code = previous_comparable(parse_period(self.period_code)).code
        # The statuses of the period before are kept: stepping back one period (the usual move)
        # reuses them instead of computing them again. Any committed change clears the cache.
        shared = {key[1:]: value for key, value in self.context.shared.items() if key[0] == "follow_up"}
        known = {**shared, **self._computed}
        with self.context.store.session() as session:
            self.follow_up = known.get((self.period_code, scope, rule)) or \
                compute_follow_up(session, self.period_code, scope, rule)
            self.previous = known.get((previous_code, scope, rule))
            if self.previous is None:
                try:
                    self.previous = compute_follow_up(session, previous_code, scope, rule)
                except Exception:  # noqa: BLE001 - no previous period: no trends, not an error
                    self.previous = None
        self._computed = {(self.period_code, scope, rule): self.follow_up}
        if self.previous is not None:
            self._computed[(previous_code, scope, rule)] = self.previous
        self.tree_model.set_follow_up(self.follow_up, goal_trends(self.follow_up, self.previous))
        self._show_counts()
        self._goal_changed()
        self._refresh_tab()

    def _show_counts(self) -> None:
        counts = self.follow_up.counts()
        self.counts.setText("   ".join(f"{status_text(s)}: {counts[s]}" for s in Status))

    def _refresh_indicators(self, indicator_ids: frozenset[int]) -> None:
        """One edited result or target: update only the statuses it affects."""
        if self.follow_up is None:
            return
        changed: set[int] = set()
        with self.context.store.session() as session:
            for indicator_id in indicator_ids:
                changed |= refresh_indicator(session, self.follow_up, indicator_id)
                if self.previous is not None:
                    changed |= refresh_indicator(session, self.previous, indicator_id)
        trends = goal_trends(self.follow_up, self.previous)
        self.tree_model.goals_changed(changed, {g: trends[g] for g in changed})
        self._show_counts()

    def _sync_rule(self) -> None:
        """Show the stored rule (it may have changed by undo while the page was hidden)."""
        with self.context.store.session() as session:
            rule = rollup_rule(session)
        self.rule.blockSignals(True)
        self.rule.setCurrentIndex(self.rule.findData(rule))
        self.rule.blockSignals(False)

    def _rule_chosen(self) -> None:
        with self.context.store.session() as session:
            stored = rollup_rule(session)
        if stored is not self.current_rule():
            self.push(SetRollupRuleCommand(self.context, self.current_rule()))
        else:
            self.recompute()

    # --- following changes ------------------------------------------------------------------
    @staticmethod
    def _work_for(change: Change) -> set[str]:
        """What a change makes stale here: the period and scope lists ("choices"), the goal tree's
        titles and shape ("goals"), the stored roll-up rule ("rule"), the statuses ("compute")."""
        if change.everything:
            return {"choices", "goals", "rule", "compute"}
        if change.entity == "goal":
            return {"goals", "compute"} if change.structure else {"goals"}
        if change.entity == "org_unit":
            return {"choices", "compute"}
        if change.entity == "db_setting":
            return {"rule", "compute"}
        if change.entity in ("result", "target", "indicator", "assessment", "dialogue_meeting"):
            return {"compute"}
        return {"tab"}

    def _on_change(self, change: Change) -> None:
        if self.follow_up is None:
            return  # never shown yet: the first show reads everything
        if self.isVisible() and change.entity in ("result", "target", "indicator") and change.ids \
                and not change.structure:
            self._refresh_indicators(change.ids)  # one edited cell: only the statuses it affects
            self._goal_changed()
            self._refresh_tab()
            return
        self._pending |= self._work_for(change)
        if "compute" in self._pending or "choices" in self._pending:
            self._computed = {}
        if self.isVisible():
            self._catch_up()

    def _catch_up(self) -> None:
        pending, self._pending = self._pending, set()
        if "choices" in pending:
            self.reload_choices()
        if "goals" in pending:
            self.reload_goals()
        if "rule" in pending:
            self._sync_rule()
        if "compute" in pending or "choices" in pending:
            self.recompute()
        else:
            if "goals" in pending:
                self._show_counts()
            self._goal_changed()
            self._refresh_tab()

    def reload_choices(self) -> None:
        """The periods and scopes as they are now (an import adds periods, an edit units);
        the chosen ones stay chosen while they exist."""
        with self.context.store.session() as session:
            periods = [p.code for p in list_periods(session)]
            self.scopes = service.scope_options(session)
        period, scope = self.period.currentText(), self.scope_id()
        for combo in (self.period, self.scope):
            combo.blockSignals(True)
        self.period.clear()
        self.period.addItems(periods)
        self.period.setCurrentText(period if period in periods else (periods[-1] if periods else ""))
        self.scope.clear()
        self.scope.addItem(self.tr("Whole organisation"), None)
        for uid, name, depth in self.scopes:
            self.scope.addItem("  " * depth + name, uid)
        self.scope.setCurrentIndex(max(0, self.scope.findData(scope)))
        for combo in (self.period, self.scope):
            combo.blockSignals(False)
        self.results.reload_filters()

    def reload_goals(self) -> None:
        """Re-read the goal tree (titles, codes, shape), keeping what was expanded and current."""
        model = self.tree_model
        expanded = [goal_id for goal_id in model.titles()
                    if self.tree.isExpanded(model.index_for_id(goal_id))]
        current = self.current_goal_id()
        with self.context.store.session() as session:
            model.set_goals(service.goal_rows(session))
        if self.follow_up is not None:
            model.set_follow_up(self.follow_up, model.trends)
        for goal_id in expanded:
            index = model.index_for_id(goal_id)
            if index.isValid():
                self.tree.expand(index)
        if current is not None and model.index_for_id(current).isValid():
            self.tree.setCurrentIndex(model.index_for_id(current))
        elif model.index(0, 0).isValid():
            self.tree.setCurrentIndex(model.index(0, 0))

    def _goal_changed(self) -> None:
        self.why_button.setEnabled(self.current_goal_id() is not None)
        if self.tabs.currentWidget() is self.assessment_scroll:
            self.assessment.load()
        elif self.tabs.currentWidget() is self.chart_holder and self.charts is not None:
            self.charts.set_goal(self.current_goal_id())

    def _tab_changed(self, _index: int) -> None:
        self._refresh_tab()

    def _refresh_tab(self) -> None:
        current = self.tabs.currentWidget()
        if current is self.assessment_scroll:
            self.assessment.load()
        elif current is self.results:
            self.results.reload()
        elif current is self.attention:
            self.attention.reload()
        elif current is self.chart_holder:
            self.ensure_charts().set_goal(self.current_goal_id())

    def ensure_charts(self):
        if self.charts is None:
            from app.views.followup.followup_charts import ChartPanel

            self.charts = ChartPanel(self)
            self.chart_holder.layout().addWidget(self.charts)
            from app.widgets.accessibility import name_controls

            name_controls(self.charts)
        return self.charts

    # --- actions --------------------------------------------------------------------------
    def select_goal(self, goal_id: int) -> None:
        index = self.tree_model.index_for_id(goal_id)
        if index.isValid():
            parent = index.parent()
            while parent.isValid():
                self.tree.expand(parent)
                parent = parent.parent()
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def select_unit(self, unit_id: int) -> None:
        """A provider picked in a chart: announce it, and reveal it on the structure page."""
        self.unitSelected.emit(unit_id)
        structure = getattr(self.window(), "structure", None)
        if structure is not None and hasattr(structure, "select_unit"):
            structure.select_unit(unit_id)

    def why_lines(self) -> list[str]:
        goal_id = self.current_goal_id()
        if goal_id is None or self.follow_up is None:
            return []
        return explain(self.follow_up, goal_id, self.tree_model.titles(), current_language())

    def show_why(self) -> None:
        lines = self.why_lines()
        if lines:
            WhyDialog(lines, self).exec()

    def show_targets(self) -> None:
        from app.views.followup.targets_dialog import TargetsDialog

        indicators = []
        with self.context.store.session() as session:
            indicators = service.indicators_of_goal(session, None)
        goal_indicators = []
        if self.follow_up and self.current_goal_id() is not None:
            goal_indicators = [o.indicator_id for o in self.follow_up.goals[self.current_goal_id()].indicators]
        dialog = TargetsDialog(self.context, indicators, goal_indicators[0] if goal_indicators else None,
                               self.period_code, self)
        dialog.exec()

