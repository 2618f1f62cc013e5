"""Nedbrytning (cascade): where a goal is broken down, by owner unit; and which goals a unit owns."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from app.commands import Change, EditContext
from app.services.goals import editing as goals
from app.services.goals.steering_model import steering_model
from app.services.goals.strategies import red_thread
from app.views.i18n import current_language, term


class CascadeView(QWidget):
    """A nämnd sees its part of the whole: for a goal, the goals beneath it grouped by the unit
    that owns them; for a unit, the goals it owns. Double-click a goal to select it in the tree."""

    goalActivated = Signal(int)

    def __init__(self, context: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("cascadeView")
        self.caption = QLabel()
        self.caption.setObjectName("cascadeCaption")
        self.caption.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("cascadeTree")
        self.tree.setHeaderLabels([self.tr("Goal"), self.tr("Level"), self.tr("Part of")])
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        header.setSectionResizeMode(1, header.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, header.ResizeMode.ResizeToContents)
        self.tree.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.tree)
        self.shown: tuple[str, int] | None = None
        self._stale = False
        context.bus.changed.connect(self._on_change)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale and self.shown is not None:
            self._refresh()

    def _deferred(self, kind: str, node_id: int) -> bool:
        """Remember what to show; True while hidden: a vision's breakdown is the whole tree, so it
        is computed only when someone looks."""
        self.shown = (kind, node_id)
        self._stale = not self.isVisible()
        return self._stale

    def show_goal(self, goal_id: int) -> None:
        if self._deferred("goal", goal_id):
            return
        with self.context.store.session() as session:
            detail = goals.goal_detail(session, goal_id)
            groups = goals.goal_cascade(session, goal_id) if detail else []
            thread = red_thread(session, goal_id, [g.id for group in groups for g in group.goals]) if detail else None
            model = steering_model(session)
        self.tree.clear()
        if detail is None:
            self.caption.clear()
            return
        count = sum(len(group.goals) for group in groups)
        caption = (self.tr("“%1” is broken down into %n goal(s):", "", count) if count
                   else self.tr("“%1” is not broken down further."))
        self.caption.setText(caption.replace("%1", detail.title))
        self._add_thread(thread, model)
        for group in groups:
            top = QTreeWidgetItem([group.unit_name or self.tr("(no owner)")])
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.tree.addTopLevelItem(top)
            for goal in group.goals:
                item = self._goal_item(goal)
                self._add_activities(item, thread.activities.get(goal.id, []))
                top.addChild(item)
            top.setExpanded(True)

    def _add_thread(self, thread, model) -> None:
        """The röd tråd: vision → … → this goal, the strategies along the way, and the activities
        in the units' plans that serve this goal."""
        language = current_language()
        top = QTreeWidgetItem([self.tr("Red thread")])
        font = top.font(0)
        font.setBold(True)
        top.setFont(0, font)
        self.tree.addTopLevelItem(top)
        for goal_id, level, title in thread.path:
            item = QTreeWidgetItem([title, model.label(level, language), ""])
            item.setData(0, Qt.ItemDataRole.UserRole, goal_id)
            top.addChild(item)
        for strategy in thread.strategies:
            item = QTreeWidgetItem([strategy.title, self.tr("Strategy"), strategy.owner_name or ""])
            item.setToolTip(0, strategy.description or strategy.title)
            top.addChild(item)
        self._add_activities(top, thread.activities.get(thread.path[-1][0], []) if thread.path else [])
        top.setExpanded(True)

    def _add_activities(self, parent: QTreeWidgetItem, activities) -> None:
        for title, unit_name, year in activities:
            parent.addChild(QTreeWidgetItem([title, self.tr("Activity"), f"{unit_name} {year}"]))

    def show_unit(self, unit_id: int) -> None:
        if self._deferred("org_unit", unit_id):
            return
        with self.context.store.session() as session:
            owned = goals.unit_goals(session, unit_id)
        self.tree.clear()
        self.caption.setText(self.tr("This unit owns %n goal(s).", "", len(owned)))
        for goal in owned:
            self.tree.addTopLevelItem(self._goal_item(goal))

    def _goal_item(self, goal: goals.CascadeGoal) -> QTreeWidgetItem:
        title = f"{goal.code}  {goal.title}" if goal.code else goal.title
        item = QTreeWidgetItem([title, term(goal.level), goal.parent_title or ""])
        item.setData(0, Qt.ItemDataRole.UserRole, goal.id)
        item.setToolTip(0, title)
        return item

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        goal_id = item.data(0, Qt.ItemDataRole.UserRole)
        if goal_id is not None:
            self.goalActivated.emit(goal_id)

    def _on_change(self, change: Change) -> None:
        if change.touches("goal", "org_unit") and self.shown is not None:
            self._refresh()

    def _refresh(self) -> None:
        kind, shown_id = self.shown
        (self.show_goal if kind == "goal" else self.show_unit)(shown_id)
