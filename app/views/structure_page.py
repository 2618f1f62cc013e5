"""Målstruktur: the goal tree and the organisation tree beside the detail panel."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QSettings, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.commands import Change, EditContext
from app.services.goals.editing import titles
from app.services.goals.steering_model import steering_model
from app.services.organisation.editing import closed_units, unit_names
from app.services.organisation.reorganisation import unit_children_on
from app.services.platform.trees import goal_children, unit_children
from app.views.detail_panel import DetailPanel
from app.views.goals.goal_cascade import CascadeView
from app.views.goals.goal_editing import GoalEditor, GoalSearchBar
from app.views.goals.goal_form import GoalForm
from app.views.goals.tree_models import GoalTreeModel, IdRole, LazyTreeModel, OrgTreeModel
from app.views.i18n import current_language
from app.views.organisation.steering_dialogs import SteeringModelDialog, StrategiesDialog
from app.views.organisation.unit_editing import UnitEditor, UnitForm


def make_tree_view(model: LazyTreeModel, object_name: str, accessible_name: str) -> QTreeView:
    view = QTreeView()
    view.setObjectName(object_name)
    view.setAccessibleName(accessible_name)
    view.setModel(model)
    view.setHeaderHidden(True)
    view.setUniformRowHeights(True)
    view.setAlternatingRowColors(True)
    view.setSelectionMode(QTreeView.SelectionMode.ExtendedSelection)
    return view


class StructurePage(QWidget):
    """The first page: where a planner finds a goal or a unit and sees what it is."""

    goalSelected = Signal(int)
    unitSelected = Signal(int)

    def __init__(self, context: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("structurePage")
        store = context.store

        def goals(parent_id):
            with store.session() as session:
                return goal_children(session, parent_id)

        def units(parent_id):
            with store.session() as session:
                return unit_children(session, parent_id)

        def closed():
            with store.session() as session:
                return closed_units(session)

        self._units_current, self._closed_current = units, closed

        self.goal_model = GoalTreeModel(goals, self, context=context)
        self._apply_steering_model()
        self.org_model = OrgTreeModel(units, self, context=context, fetch_closed=closed)
        self.goal_tree = make_tree_view(self.goal_model, "goalTree", self.tr("Goal hierarchy"))
        self.org_tree = make_tree_view(self.org_model, "orgTree", self.tr("Organisation"))
        self.goal_search = GoalSearchBar()
        self.goal_notice = QLabel()
        self.goal_notice.setObjectName("goalNotice")
        self.goal_notice.setWordWrap(True)
        self.goal_notice.setStyleSheet("color: #8a1c00;")
        self.goal_notice.hide()
        goal_side = QWidget()
        goal_layout = QVBoxLayout(goal_side)
        goal_layout.setContentsMargins(0, 4, 0, 0)
        goal_layout.addWidget(self.goal_search)
        goal_layout.addWidget(self.goal_tree, 1)
        goal_layout.addWidget(self.goal_notice)
        self.goal_editor = GoalEditor(context, self.goal_tree, self.goal_model, self.goal_search,
                                      self.goal_notice, self)
        self.addAction(self.goal_editor.find)
        self.org_notice = QLabel()
        self.org_notice.setObjectName("orgNotice")
        self.org_notice.setWordWrap(True)
        self.org_notice.setStyleSheet("color: #8a1c00;")
        self.org_notice.hide()
        org_side = QWidget()
        org_layout = QVBoxLayout(org_side)
        org_layout.setContentsMargins(0, 4, 0, 0)
        # The history view: the organisation as it stood on a day (read-only while shown).
        self.org_as_of = QCheckBox(self.tr("As of"))
        self.org_as_of.setObjectName("orgAsOf")
        self.org_as_of.setToolTip(self.tr("Show the organisation as it stood on this day (read-only)"))
        self.org_day = QDateEdit()
        self.org_day.setObjectName("orgAsOfDate")
        self.org_day.setCalendarPopup(True)
        self.org_day.setDisplayFormat("yyyy-MM-dd")
        self.org_day.setDate(QDate.currentDate().addYears(-1))
        self.org_day.setEnabled(False)
        # Not wider than the tree needs: the row must not set the window's minimum width.
        self.org_day.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.org_day.setMaximumWidth(self.org_day.sizeHint().width())
        as_of = QHBoxLayout()
        as_of.addWidget(self.org_as_of)
        as_of.addWidget(self.org_day, 1)
        as_of.addStretch(1)
        org_layout.addLayout(as_of)
        org_layout.addWidget(self.org_tree, 1)
        org_layout.addWidget(self.org_notice)
        self.unit_editor = UnitEditor(context, self.org_tree, self.org_model, self.org_notice, self)
        self.org_as_of.toggled.connect(self._org_as_of_changed)
        self.org_day.dateChanged.connect(lambda _d: self._org_as_of_changed(self.org_as_of.isChecked()))
        self.strategies_action = QAction(self.tr("Strategies…"), self)
        self.strategies_action.setObjectName("actionStrategies")
        self.strategies_action.triggered.connect(self.open_strategies)
        self.steering_action = QAction(self.tr("Steering model…"), self)
        self.steering_action.setObjectName("actionSteeringModel")
        self.steering_action.triggered.connect(self.open_steering_model)
        for action in (self.strategies_action, self.steering_action):
            action.setEnabled(not context.store.readonly)
        self.trees = QTabWidget()
        self.trees.setObjectName("treeTabs")
        self.trees.addTab(goal_side, self.tr("Goals"))
        self.trees.addTab(org_side, self.tr("Organisation"))
        self.detail = DetailPanel(store)
        self.goal_form = GoalForm(context)
        self.unit_form = UnitForm(context)
        # One "Edit" tab: the goal form or the unit form, after the tree that is shown.
        self.forms = QStackedWidget()
        self.forms.setObjectName("editForms")
        self.forms.addWidget(self.goal_form)
        self.forms.addWidget(self.unit_form)
        self.cascade = CascadeView(context)
        self.cascade.goalActivated.connect(self.select_goal)
        self.side = QTabWidget()
        self.side.setObjectName("sideTabs")
        self.side.addTab(self.detail, self.tr("Details"))
        self.side.addTab(self.forms, self.tr("Edit"))
        self.side.addTab(self.cascade, self.tr("Cascade"))
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("structureSplitter")
        self.splitter.addWidget(self.trees)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.goal_tree.selectionModel().currentChanged.connect(self._goal_current)
        self.org_tree.selectionModel().currentChanged.connect(self._unit_current)
        self.trees.currentChanged.connect(self._tab_changed)
        context.bus.changed.connect(self._on_change)
        self._expand_top(self.goal_tree, self.goal_model, levels=2)
        self._expand_top(self.org_tree, self.org_model, levels=3)
        first = self.goal_model.index(0, 0)
        if first.isValid():
            self.goal_tree.setCurrentIndex(first)
        settings = QSettings()
        state = settings.value("structure/splitter")
        if state is not None:
            self.splitter.restoreState(state)
        else:
            # Room for goal titles on first start; stretch factors alone leave the tree too narrow.
            self.splitter.setSizes([460, 820])

    def title(self) -> str:
        return self.tr("Goals and organisation")

    def menu_actions(self):
        editor = self.goal_editor
        return [("edit", editor.history), ("edit", editor.find),
                *[("edit", action) for action in editor.tree_actions], ("edit", self.unit_editor.reorganise),
                ("edit", self.strategies_action), ("edit", self.steering_action)]

    def open_strategies(self) -> None:
        goal_id = self.goal_tree.currentIndex().data(IdRole) if self.trees.currentIndex() == 0 else None
        StrategiesDialog(self.context, goal_id, self).exec()

    def open_steering_model(self) -> None:
        SteeringModelDialog(self.context, self).exec()

    def save_state(self) -> None:
        QSettings().setValue("structure/splitter", self.splitter.saveState())

    @staticmethod
    def _expand_top(view: QTreeView, model: LazyTreeModel, levels: int) -> None:
        def expand(parent, depth):
            if depth == 0:
                return
            for row in range(model.rowCount(parent)):
                index = model.index(row, 0, parent)
                if model.hasChildren(index):
                    view.expand(index)
                    if model.canFetchMore(index):
                        model.fetchMore(index)
                    expand(index, depth - 1)

        expand(view.rootIndex(), levels)

    def _goal_current(self, current, _previous) -> None:
        goal_id = current.data(IdRole)
        if goal_id is not None:
            self.detail.show_goal(goal_id)
            self.goal_form.show_goal(goal_id)
            self.cascade.show_goal(goal_id)
            self.goalSelected.emit(goal_id)

    def _unit_current(self, current, _previous) -> None:
        unit_id = current.data(IdRole)
        if unit_id is not None:
            self.detail.show_unit(unit_id)
            self.unit_form.show_unit(unit_id)
            self.cascade.show_unit(unit_id)
            self.unitSelected.emit(unit_id)

    def _tab_changed(self, tab: int) -> None:
        self.forms.setCurrentIndex(tab)
        view = self.goal_tree if tab == 0 else self.org_tree
        current = view.currentIndex()
        if current.isValid():
            (self._goal_current if tab == 0 else self._unit_current)(current, None)

    def _org_as_of_changed(self, on: bool) -> None:
        """Show the organisation as it stood on the chosen day (read-only), or today's again."""
        self.org_day.setEnabled(on)
        store = self.context.store
        if on:
            d = self.org_day.date()
            day = dt.date(d.year(), d.month(), d.day())

            def fetch(parent_id):
                with store.session() as session:
                    return unit_children_on(session, parent_id, day)

            self.org_model._fetch = fetch
            self.org_model._fetch_closed = dict  # on that day, the units shown had not closed
            self.org_model.context = None  # history is read-only
        else:
            self.org_model._fetch = self._units_current
            self.org_model._fetch_closed = self._closed_current
            self.org_model.context = self.context
        for action in self.unit_editor.tree_actions:
            action.setEnabled(not on and not store.readonly)
        self.org_model.reload()
        self._expand_top(self.org_tree, self.org_model, levels=4)

    def _apply_steering_model(self) -> None:
        """Name the goal levels as the region's steering model does."""
        with self.context.store.session() as session:
            model = steering_model(session)
        language = current_language()
        self.goal_model.level_names = {level.level: level.label(language) for level in model.levels}

    def _on_change(self, change: Change) -> None:
        if change.entity == "db_setting":
            self._apply_steering_model()
            self.goal_model.layoutChanged.emit()
        if change.everything:
            self.goal_editor.reload()
            self.org_model.reload()
        elif change.entity == "goal" and change.structure:
            self.goal_editor.reload()
        elif change.entity == "goal":
            with self.context.store.session() as session:
                self.goal_model.refresh_rows(titles(session, change.ids))
        elif change.entity == "org_unit" and change.structure:
            self.unit_editor.reload()
        elif change.entity == "org_unit":
            with self.context.store.session() as session:
                self.org_model.refresh_rows(unit_names(session, change.ids))
        self.detail.refresh()

    def select_goal(self, goal_id: int) -> None:
        """Reveal and select a goal (used by other pages: search, follow-up, charts)."""
        index = self.goal_editor.reveal(goal_id)
        self.trees.setCurrentIndex(0)
        self.goal_tree.setCurrentIndex(index)

    def select_unit(self, unit_id: int) -> None:
        from app.services.platform.trees import unit_ancestor_ids

        with self.context.store.session() as session:
            ancestors = unit_ancestor_ids(session, unit_id)
        for ancestor in ancestors:
            self.org_model.ensure_loaded(ancestor)
            self.org_tree.expand(self.org_model.index_for_id(ancestor))
        self.trees.setCurrentIndex(1)
        self.org_tree.setCurrentIndex(self.org_model.index_for_id(unit_id))
