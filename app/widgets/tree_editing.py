"""What the goal tree's and the organisation tree's editors share: their own keys claimed before
the window's shortcuts, the right-click menu, and the selection read as ids."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from app.widgets.tables import IdRole


class TreeEditing:
    """Mixed into an editor that has `view` (a tree view), `model` (with `_tree_order`) and
    `tree_actions` (the tree's QActions)."""

    def tree_action(self, name: str, text: str, slot, shortcut: str | None = None) -> QAction:
        """One of the tree's actions; a shortcut is active only in the tree (Ctrl+N is also
        File ▸ New database elsewhere)."""
        act = QAction(text, self)
        act.setObjectName(name)
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.view.addAction(act)
        act.triggered.connect(slot)
        return act

    def claim_tree_key(self, event: QEvent) -> bool | None:
        """For the view's key events: True/False when one of the tree's actions takes the key
        (accepted before the window's shortcuts see it, triggered on the key press), None when
        none does."""
        if event.type() not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return None
        pressed = QKeySequence(event.keyCombination())
        for act in self.tree_actions:
            if not act.shortcut().isEmpty() and act.shortcut().matches(pressed) == QKeySequence.SequenceMatch.ExactMatch:
                event.accept()
                if event.type() == QEvent.Type.KeyPress and act.isEnabled():
                    act.trigger()
                return event.type() == QEvent.Type.KeyPress
        return None

    def show_tree_menu(self, pos, first_group: int) -> None:
        """The tree's actions as a context menu, a separator after the first `first_group`."""
        menu = QMenu(self.view)
        for act in self.tree_actions[:first_group]:
            menu.addAction(act)
        menu.addSeparator()
        for act in self.tree_actions[first_group:]:
            menu.addAction(act)
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def current_id(self) -> int | None:
        return self.view.currentIndex().data(IdRole)

    def selected_ids(self) -> list[int]:
        rows = sorted(self.view.selectionModel().selectedRows(), key=self.model._tree_order)
        ids = [index.data(IdRole) for index in rows]
        current = self.current_id()
        return ids or ([current] if current is not None else [])
