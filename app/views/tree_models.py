"""Lazy tree models over the domain's trees (goals, organisation).

A node holds only what a row shows (`TreeRow`); children are fetched one level at a time when
the view first asks for them, so a tree of 100 000 goals opens as fast as its first level."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from app.models.enums import GoalLevel, UnitKind
from app.services.trees import TreeRow
from app.views.i18n import term
from app.widgets.icons import kind_icon

IdRole = Qt.ItemDataRole.UserRole + 1
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
    def kind_label(self, kind: str) -> str:
        return term(GoalLevel(kind))


class OrgTreeModel(LazyTreeModel):
    show_codes = False

    def kind_label(self, kind: str) -> str:
        return term(UnitKind(kind))
