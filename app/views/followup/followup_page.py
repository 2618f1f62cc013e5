"""Uppföljning: per period and scope, the goal tree with statuses and trends; per goal the
analysis and actions, dialogue meetings, "why this status", charts of the providers, the
results grid, and what needs attention (goals on few indicators, providers not reported)."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.commands import Change, EditContext
from app.commands.followup import (
    SetRollupRuleCommand,
)
from app.models import Status
from app.services.followup import assessment as service
from app.services.followup.periods import default_period, list_periods, parse_period, previous_comparable
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
    status_text,
)
from app.views.followup.followup_panels import (  # noqa: F401 - MeetingDialog, WhyDialog: tests import them here
    AssessmentPanel,
    AttentionPanel,
    MeetingDialog,
    ResultsPanel,
    WhyDialog,
    _compact,
)
from app.views.i18n import current_language
from app.views.settings_dialog import preferred_period, preferred_scope


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

