"""A goal tree of 100 000 nodes (issue 3).

1. Shown in the view: Styrkort's lazy `GoalTreeModel` reading the database, against the floor, a
   minimal lazy QAbstractItemModel over the same nodes already in memory (and, for scale, a
   QStandardItemModel of the same nodes). Goal: within 3× the floor.
2. Moving a subtree of 10 000 descendants: rows written (SQLite's total_changes) and time, against
   a one-row title edit in the same database. Goal: rows written independent of the subtree size.
3. Searching all 100 000 goals (the Ctrl+F filter's domain query), against the floor.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa  # noqa: E402
from common import heading, median_seconds, report  # noqa: E402
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt  # noqa: E402
from PySide6.QtGui import QStandardItem, QStandardItemModel  # noqa: E402
from PySide6.QtWidgets import QApplication, QTreeView  # noqa: E402

from app.models import AdoptionState, Goal, GoalLevel  # noqa: E402
from app.models.store import open_store  # noqa: E402
from app.services.goals import editing as goals  # noqa: E402
from app.services.platform.trees import goal_children  # noqa: E402

AREAS, GOALS_PER_AREA, SUBS_PER_GOAL = 9, 100, 99
BIG_GOALS, BIG_SUBS = 100, 99  # one mål with 100 mål of 99 delmål each: 10 000 descendants


def build(path: Path) -> tuple[list[tuple[int, int | None, str]], int, int]:
    """Write the tree with Core inserts; returns (id, parent, title) rows, the big goal and a target area."""
    rows: list[dict] = []

    def add(parent, level, title, position):
        rows.append({"id": len(rows) + 1, "parent_id": parent, "level": level, "title": title,
                     "position": position, "description": "", "state": AdoptionState.DRAFT, "version": 1})
        return len(rows)

    vision = add(None, GoalLevel.VISION, "Vision", 0)
    areas = [add(vision, GoalLevel.GOAL_AREA, f"Målområde {a}", a) for a in range(AREAS)]
    for a, area in enumerate(areas):
        for g in range(GOALS_PER_AREA):
            goal = add(area, GoalLevel.GOAL, f"Mål {a}.{g}", g)
            for s in range(SUBS_PER_GOAL):
                add(goal, GoalLevel.SUB_GOAL, f"Delmål {a}.{g}.{s}", s)
    big = add(areas[0], GoalLevel.GOAL, "Stort mål", GOALS_PER_AREA)
    for g in range(BIG_GOALS):
        goal = add(big, GoalLevel.GOAL, f"Mål under stort mål {g}", g)
        for s in range(BIG_SUBS):
            add(goal, GoalLevel.SUB_GOAL, f"Delmål {g}.{s}", s)
    store = open_store(path)
    with store.transaction() as session:
        session.execute(sa.insert(Goal.__table__), rows)
    store.close()
    return [(r["id"], r["parent_id"], r["title"]) for r in rows], big, areas[-1]


class FloorModel(QAbstractItemModel):
    """The least a lazy tree model can do: nodes in memory, rows by list index."""

    def __init__(self, nodes):
        super().__init__()
        self.children: dict[int | None, list[int]] = {}
        self.parent_of: dict[int, int | None] = {}
        self.title: dict[int, str] = {}
        for node_id, parent_id, title in nodes:
            self.children.setdefault(parent_id, []).append(node_id)
            self.parent_of[node_id] = parent_id
            self.title[node_id] = title
        self.row_of = {n: i for kids in self.children.values() for i, n in enumerate(kids)}

    def index(self, row, column, parent=QModelIndex()):
        kids = self.children.get(parent.internalId() if parent.isValid() else None, [])
        return self.createIndex(row, column, kids[row]) if 0 <= row < len(kids) and column == 0 else QModelIndex()

    def parent(self, index=QModelIndex()):
        if not index.isValid():
            return QModelIndex()
        parent = self.parent_of[index.internalId()]
        return QModelIndex() if parent is None else self.createIndex(self.row_of[parent], 0, parent)

    def rowCount(self, parent=QModelIndex()):
        return len(self.children.get(parent.internalId() if parent.isValid() else None, []))

    def columnCount(self, parent=QModelIndex()):
        return 1

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return self.title[index.internalId()] if role == Qt.ItemDataRole.DisplayRole else None


def show(model) -> QTreeView:
    """What the user waits for: the tree shown with vision and målområden expanded."""
    view = QTreeView()
    view.setUniformRowHeights(True)
    view.setModel(model)
    view.resize(500, 800)
    view.show()
    root = model.index(0, 0)
    if hasattr(model, "ensure_loaded"):
        model.ensure_loaded(root.data(Qt.ItemDataRole.UserRole + 1))
    view.expand(root)
    for row in range(model.rowCount(root)):
        index = model.index(row, 0, root)
        if model.canFetchMore(index):
            model.fetchMore(index)
        view.expand(index)
    QApplication.processEvents()
    view.viewport().grab()
    return view


def main() -> None:
    app = QApplication.instance() or QApplication([])  # noqa: F841
    heading("Goal tree of 100 000 nodes (issue 3)")
    folder = Path(tempfile.mkdtemp(prefix="styrkort-bench-goals-"))
    path = folder / "goals.sqlite"
    nodes, big, target = build(path)
    store = open_store(path)

    def ours():
        def fetch(parent_id):
            with store.session() as session:
                return goal_children(session, parent_id)

        from app.views.goals.tree_models import GoalTreeModel

        show(GoalTreeModel(fetch)).close()

    in_memory = FloorModel(nodes)  # the floor's nodes are already in memory: not timed
    floor = median_seconds(lambda: show(in_memory).close())
    report(f"floor: minimal lazy model over {len(nodes):,} nodes in memory, shown", floor, "floor", floor)
    report("GoalTreeModel over the database, shown", median_seconds(ours), "floor", floor, goal=3)

    def standard():
        model = QStandardItemModel()
        items = {None: model.invisibleRootItem()}
        for node_id, parent_id, title in nodes:
            item = QStandardItem(title)
            items[parent_id].appendRow(item)
            items[node_id] = item
        show(model).close()

    report("QStandardItemModel of the same nodes, shown (for scale)", median_seconds(standard, 1), "floor", floor)

    with store.session() as session:
        descendants = len(goals.subtree_ids(session, [big])) - 1

    def changes() -> int:
        with store.engine.connect() as conn:
            return conn.connection.dbapi_connection.total_changes

    def one_row_edit():
        with store.transaction() as session:
            goals.update_goal(session, big, {"description": f"{time.perf_counter()}"})

    edit = median_seconds(one_row_edit)
    with store.transaction() as session:
        connection = session.connection().connection.dbapi_connection
        before_changes = connection.total_changes
        start = time.perf_counter()
        placement = goals.move_goals(session, [big], target, -1)
        moved = time.perf_counter() - start
        written = connection.total_changes - before_changes
    with store.session() as session:
        goal_rows = sum(1 for goal_id, (parent, position) in placement.items()
                        if session.get(Goal, goal_id).parent_id != parent
                        or session.get(Goal, goal_id).position != position)
    report("one goal's field edited (baseline for writes)", edit, "edit", edit)
    report(f"move a subtree of {descendants:,} descendants (to the end of another målområde)", moved, "edit", edit)
    print(f"    rows written by the move: {written} (goal rows: {goal_rows}, the moved goal and any sibling "
          f"whose order changed; audit entries: {written - goal_rows}) — none per descendant", flush=True)

    def search():
        with store.session() as session:
            return goals.search_goals(session, "delmål 7.42.1")

    with store.session() as session:
        found = goals.search_goals(session, "delmål 7.42.1")
    report(f"search all goals for a title ({len(found.matches)} matches + ancestors)",
           median_seconds(search), "floor", floor)
    store.close()


if __name__ == "__main__":
    main()
