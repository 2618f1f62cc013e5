"""Lazy tree models over the domain's trees (goals, organisation).

A node holds only what a row shows (`TreeRow`); children are fetched one level at a time when
the view first asks for them, so a tree of 100 000 goals opens as fast as its first level."""

from __future__ import annotations

import json
from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from app.commands import EditContext
from app.commands.goals import MoveGoalsCommand, UpdateGoalCommand
from app.commands.organisation import MoveUnitsCommand, UpdateUnitCommand
from app.models.enums import GoalLevel, UnitKind
from app.services.platform.trees import TreeRow
from app.views.i18n import current_language, term
from app.widgets.icons import kind_icon
from app.widgets.tables import IdRole  # one IdRole for every item model

GOAL_MIME = "application/x-styrkort-goal-ids"
UNIT_MIME = "application/x-styrkort-unit-ids"


KindRole = Qt.ItemDataRole.UserRole + 2
CodeRole = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex


class TreeNode:
    __slots__ = ("row", "parent", "children")

    def __init__(self, row: TreeRow | None, parent: TreeNode | None) -> None:
        self.row = row
        self.parent = parent
        self.children: list[TreeNode] | None = None  # None: not fetched yet

    @property
    def id(self) -> int | None:
        return self.row.id if self.row else None

    def position(self) -> int:
        return self.parent.children.index(self) if self.parent and self.parent.children else 0


class LazyTreeModel(QAbstractItemModel):
    """A read-through tree over a `fetch_children(parent_id)` function of the domain."""

    def __init__(self, fetch_children: Callable[[int | None], list[TreeRow]], parent=None) -> None:
        super().__init__(parent)
        self._fetch = fetch_children
        self._root = TreeNode(None, None)
        self._by_id: dict[int, TreeNode] = {}
        self._load(self._root)

    # --- loading -------------------------------------------------------------------------
    def _load(self, node: TreeNode) -> None:
        node.children = [TreeNode(row, node) for row in self._fetch(node.id)]
        for child in node.children:
            self._by_id[child.row.id] = child

    def reload(self) -> None:
        """Re-read the whole tree (after a bulk change). Views keep expansion by id themselves."""
        self.beginResetModel()
        self._root = TreeNode(None, None)
        self._by_id.clear()
        self._load(self._root)
        self.endResetModel()

    def node(self, index: Index) -> TreeNode:
        return index.internalPointer() if index.isValid() else self._root

    def index_for_id(self, node_id: int) -> QModelIndex:
        node = self._by_id.get(node_id)
        if node is None or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.position(), 0, node)

    def id_at(self, index: Index) -> int | None:
        return self.node(index).id if index.isValid() else None

    def ensure_loaded(self, node_id: int | None) -> None:
        node = self._root if node_id is None else self._by_id.get(node_id)
        if node is not None and node.children is None:
            parent_index = self.index_for_id(node_id) if node_id is not None else QModelIndex()
            self.fetchMore(parent_index)

    # --- Qt interface --------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        node = self.node(parent)
        if column != 0 or node.children is None or not 0 <= row < len(node.children):
            return QModelIndex()
        return self.createIndex(row, 0, node.children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent = self.node(index).parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.position(), 0, parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.column() > 0:
            return 0
        node = self.node(parent)
        return len(node.children) if node.children is not None else 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 1

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:
        node = self.node(parent)
        if node.children is not None:
            return bool(node.children)
        return node.row is not None and node.row.child_count > 0

    def canFetchMore(self, parent: Index) -> bool:
        node = self.node(parent)
        return node.children is None and node.row is not None and node.row.child_count > 0

    def fetchMore(self, parent: Index) -> None:
        node = self.node(parent)
        if node.children is not None:
            return
        rows = self._fetch(node.id)
        if not rows:
            node.children = []
            return
        self.beginInsertRows(parent, 0, len(rows) - 1)
        node.children = [TreeNode(row, node) for row in rows]
        for child in node.children:
            self._by_id[child.row.id] = child
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.node(index).row
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.code}  {row.title}" if row.code and self.show_codes else row.title
        if role == Qt.ItemDataRole.DecorationRole:
            return kind_icon(row.kind)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{self.kind_label(row.kind)}: {row.title}"
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return self.kind_label(row.kind)
        if role == IdRole:
            return row.id
        if role == KindRole:
            return row.kind
        if role == CodeRole:
            return row.code
        return None

    show_codes = True

    def kind_label(self, kind: str) -> str:
        return kind

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class GoalTreeModel(LazyTreeModel):
    """The goal tree; editable when given an `EditContext` (napari's pattern): a drop calls the
    domain's move through a command, and the change bus tells the page to refresh. A refused
    drop or rename changes nothing and `editRefused` says why."""

    editRefused = Signal(str)
    goalsMoved = Signal(list)  # ids, after a drop: the view selects them where they landed
    MIME = GOAL_MIME

    def __init__(self, fetch_children, parent=None, context: EditContext | None = None) -> None:
        super().__init__(fetch_children, parent)
        self.context = context
        self.highlighted: set[int] = set()

    # The region's own names of the levels (its steering model), set by the page; None: the terms.
    level_names: dict[str, str] | None = None

    def kind_label(self, kind: str) -> str:
        if self.level_names and kind in self.level_names:
            return self.level_names[kind]
        return term(GoalLevel(kind))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.EditRole and index.isValid():
            return self.node(index).row.title
        if self.highlighted and role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.FontRole):
            if index.isValid() and self.node(index).id in self.highlighted:
                if role == Qt.ItemDataRole.BackgroundRole:
                    return QColor(255, 236, 140)
                font = QFont()
                font.setBold(True)
                return font
            return None
        return super().data(index, role)

    def refresh_rows(self, rows: dict[int, tuple[str, str | None]]) -> None:
        """New titles and codes for goals already loaded (an edit that did not change the shape)."""
        for goal_id, (title, code) in rows.items():
            node = self._by_id.get(goal_id)
            if node is not None:
                node.row.title, node.row.code = title, code
                index = self.index_for_id(goal_id)
                self.dataChanged.emit(index, index)

    def loaded_ids(self) -> list[int]:
        return list(self._by_id)

    def set_highlighted(self, goal_ids: set[int]) -> None:
        changed = self.highlighted ^ set(goal_ids)
        self.highlighted = set(goal_ids)
        roles = [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.FontRole]
        for goal_id in changed:
            index = self.index_for_id(goal_id)
            if index.isValid():
                self.dataChanged.emit(index, index, roles)

    @property
    def editable(self) -> bool:
        return self.context is not None and not self.context.store.readonly

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not self.editable:
            return super().flags(index)
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (super().flags(index) | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled
                | Qt.ItemFlag.ItemIsDropEnabled)

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not self.editable or role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        title = str(value).strip()
        node = self.node(index)
        if title == node.row.title:
            return False
        text = self.tr("Rename “%1”").replace("%1", node.row.title)
        return self._push(self._rename_command(node.id, title, text))

    def _rename_command(self, node_id: int, title: str, text: str):
        return UpdateGoalCommand(self.context, node_id, {"title": title}, text)

    def _move_command(self, ids: list[int], parent_id: int | None, row: int):
        return MoveGoalsCommand(self.context, ids, parent_id, row, self.tr("Move %n goal(s)", "", len(ids)))

    # --- drag and drop ------------------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [self.MIME]

    def mimeData(self, indexes) -> QMimeData:
        ids = [self.node(i).id for i in sorted(indexes, key=self._tree_order) if i.isValid() and i.column() == 0]
        data = QMimeData()
        data.setData(self.MIME, json.dumps(list(dict.fromkeys(ids))).encode())
        return data

    def _tree_order(self, index: Index) -> list[int]:
        path = []
        while index.isValid():
            path.append(index.row())
            index = index.parent()
        return list(reversed(path))

    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        return self.editable and data.hasFormat(self.MIME)

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        if action == Qt.DropAction.IgnoreAction:
            return True
        ids = json.loads(bytes(data.data(self.MIME)).decode())
        command = self._move_command(ids, self.id_at(parent), row)
        # The change bus has already refreshed the tree from the domain; the view's own removal of
        # the source rows after a move finds nothing to remove (no removeRows here).
        if not self._push(command):
            return False
        self.goalsMoved.emit(ids)
        return True

    def _push(self, command) -> bool:
        if self.context.push(command):
            return True
        if self.context.last_error is not None:
            self.editRefused.emit(self.context.last_error.message(current_language()))
        return False


class OrgTreeModel(GoalTreeModel):
    """The organisation tree, editable like the goal tree when given an `EditContext`: rename in
    place, drag and drop to move (a correction of the tree; a dated reorganisation goes through
    the Reorganise dialog, which lists the impact first). Closed units (merged or split) are
    shown greyed with the day they closed."""

    show_codes = False
    MIME = UNIT_MIME

    def __init__(self, fetch_children, parent=None, context: EditContext | None = None,
                 fetch_closed: Callable[[], dict[int, object]] | None = None) -> None:
        self._fetch_closed = fetch_closed
        self.closed: dict[int, object] = fetch_closed() if fetch_closed else {}
        super().__init__(fetch_children, parent, context)

    def reload(self) -> None:
        if self._fetch_closed:
            self.closed = self._fetch_closed()
        super().reload()

    def kind_label(self, kind: str) -> str:
        return term(UnitKind(kind))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if index.isValid() and self.closed:
            closed_on = self.closed.get(self.node(index).id)
            if closed_on is not None:
                if role == Qt.ItemDataRole.ForegroundRole:
                    return QColor(128, 128, 128)
                if role == Qt.ItemDataRole.DisplayRole:
                    return self.tr("%1 (closed %2)").replace("%1", self.node(index).row.title).replace(
                        "%2", str(closed_on))
        return super().data(index, role)

    def _rename_command(self, node_id: int, title: str, text: str):
        return UpdateUnitCommand(self.context, node_id, {"name": title}, text)

    def _move_command(self, ids: list[int], parent_id: int | None, row: int):
        return MoveUnitsCommand(self.context, ids, parent_id, row, text=self.tr("Move %n unit(s)", "", len(ids)))
