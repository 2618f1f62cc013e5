"""Editing the goal tree from the keyboard, the context menu and the search field.

Every action builds one command from `app.commands.goals` over the current selection (by id)
and pushes it; the tree refreshes from the change bus, keeping expansion and selection by id."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTreeView,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from app.commands import EditContext
from app.commands.goals import (
    CreateGoalCommand,
    DeleteGoalsCommand,
    IndentGoalCommand,
    MoveGoalsCommand,
    OutdentGoalCommand,
    ReorderGoalCommand,
)
from app.models.enums import GoalLevel
from app.services.goals import editing as goals
from app.services.platform.trees import goal_ancestor_ids
from app.views.goals.tree_models import GoalTreeModel, IdRole
from app.views.i18n import current_language
from app.widgets.tree_editing import TreeEditing


class GoalSearchBar(QWidget):
    """Ctrl+F: type to filter the goal tree; Esc clears."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = QLineEdit()
        self.field.setObjectName("goalSearch")
        self.field.setPlaceholderText(self.tr("Find goal (title, code, description, indicator) – Ctrl+F"))
        self.field.setClearButtonEnabled(True)
        self.count = QLabel()
        self.count.setObjectName("goalSearchCount")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)


class GoalEditor(TreeEditing, QObject):
    """The goal tree's editing behaviour, attached to a view over an editable `GoalTreeModel`."""

    def __init__(self, context: EditContext, view: QTreeView, model: GoalTreeModel,
                 search: GoalSearchBar, notice: QLabel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context, self.view, self.model, self.search, self.notice = context, view, model, search, notice
        self._cut: list[int] = []
        self._visible: set[int] | None = None
        self._undo_dialog: QDialog | None = None
        view.setDragEnabled(True)
        view.setAcceptDrops(True)
        view.setDropIndicatorShown(True)
        view.setDragDropMode(QTreeView.DragDropMode.InternalMove)
        view.setDefaultDropAction(Qt.DropAction.MoveAction)
        view.setEditTriggers(QTreeView.EditTrigger.EditKeyPressed | QTreeView.EditTrigger.SelectedClicked)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._context_menu)
        view.installEventFilter(self)
        model.editRefused.connect(self.tell)
        model.goalsMoved.connect(self.select_ids)
        model.goalsMoved.connect(lambda _ids: self.done())
        # A refusal stays in view until the user moves on to another goal.
        view.selectionModel().currentChanged.connect(lambda *_: self.notice.hide())
        model.rowsInserted.connect(self._rows_fetched)
        # Searching 100 000 goals takes a fraction of a second: wait until typing pauses.
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(lambda: self.apply_search(self.search.field.text()))
        search.field.textChanged.connect(lambda _text: self._search_timer.start())
        search.field.installEventFilter(self)

        action = self.tree_action

        self.new_child = action("actionNewChildGoal", self.tr("New sub-goal"), self.create_child, "Ins")
        self.new_sibling = action("actionNewSiblingGoal", self.tr("New goal beside"), self.create_sibling, "Ctrl+N")
        self.rename = action("actionRenameGoal", self.tr("Rename"), self.rename_current, "F2")
        self.delete = action("actionDeleteGoal", self.tr("Delete…"), self.delete_selected, "Del")
        self.cut = action("actionCutGoal", self.tr("Cut (to move)"), self.cut_selected, "Ctrl+X")
        self.paste = action("actionPasteGoal", self.tr("Paste under selected goal"), self.paste_cut, "Ctrl+V")
        self.move_up = action("actionMoveGoalUp", self.tr("Move up"), lambda: self.reorder(-1), "Alt+Up")
        self.move_down = action("actionMoveGoalDown", self.tr("Move down"), lambda: self.reorder(1), "Alt+Down")
        self.outdent = action("actionOutdentGoal", self.tr("Move out one level"), self.outdent_current, "Alt+Left")
        self.indent = action("actionIndentGoal", self.tr("Move in under the goal above"), self.indent_current,
                             "Alt+Right")
        self.find = QAction(self.tr("Find goal…"), self)
        self.find.setObjectName("actionFindGoal")
        self.find.setShortcut(QKeySequence.StandardKey.Find)
        self.find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.find.triggered.connect(self.focus_search)
        self.history = QAction(self.tr("Undo history…"), self)
        self.history.setObjectName("actionUndoHistory")
        self.history.triggered.connect(self.show_history)
        self.tree_actions = [self.new_child, self.new_sibling, self.rename, self.delete, self.cut, self.paste,
                             self.move_up, self.move_down, self.outdent, self.indent]

    # --- keyboard ---------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.search.field and event.type() == QEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Escape:
            self.clear_search()
            return True
        if watched is self.view and (claimed := self.claim_tree_key(event)) is not None:
            return claimed or super().eventFilter(watched, event)
        return super().eventFilter(watched, event)

    def _context_menu(self, pos) -> None:
        self.show_tree_menu(pos, 4)

    # --- selection by id: current_id, selected_ids (TreeEditing) -------------------------------------

    def reveal(self, goal_id: int) -> QModelIndex:
        with self.context.store.session() as session:
            ancestors = goal_ancestor_ids(session, goal_id)
        for ancestor in ancestors:
            self.model.ensure_loaded(ancestor)
            self.view.expand(self.model.index_for_id(ancestor))
        return self.model.index_for_id(goal_id)

    def select_ids(self, goal_ids: list[int], current: int | None = None) -> None:
        selection = self.view.selectionModel()
        selection.clearSelection()
        for goal_id in goal_ids:
            index = self.reveal(goal_id)
            if index.isValid():
                selection.select(index, QItemSelectionModel.SelectionFlag.Select)
        target = current if current is not None else (goal_ids[0] if goal_ids else None)
        if target is not None:
            index = self.reveal(target)
            if index.isValid():
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
                self.view.scrollTo(index)

    def reload(self, focus: list[int] | None = None) -> None:
        """Re-read the tree after a structural change, keeping what was expanded and selected."""
        expanded = {goal_id for goal_id in self.model.loaded_ids()
                    if self.view.isExpanded(self.model.index_for_id(goal_id))}
        selected = focus if focus is not None else self.selected_ids()
        current = self.current_id() if focus is None else (focus[0] if focus else None)
        self.model.reload()
        pending = set(expanded)
        while pending:
            ready = {goal_id for goal_id in pending if self.model.index_for_id(goal_id).isValid()}
            if not ready:
                break
            for goal_id in ready:
                self.model.ensure_loaded(goal_id)
                self.view.expand(self.model.index_for_id(goal_id))
            pending -= ready
        with self.context.store.session() as session:
            alive = set(goals.titles(session, selected + ([current] if current else [])))
        self.select_ids([g for g in selected if g in alive], current if current in alive else None)
        if self._visible is not None:
            self.apply_search(self.search.field.text())

    # --- commands --------------------------------------------------------------------------------
    def tell(self, message: str) -> None:
        """Explain a refusal where the user is looking, and in the status bar."""
        self.notice.setText(message)
        self.notice.setVisible(bool(message))
        window = self.view.window()
        if message and hasattr(window, "statusBar"):
            window.statusBar().showMessage(message, 10000)

    def done(self) -> None:
        """Confirm a finished edit in the status bar, with the way back."""
        window = self.view.window()
        if hasattr(window, "statusBar"):
            text = self.tr("%1 – Ctrl+Z undoes it").replace("%1", self.context.undo_stack.undoText())
            window.statusBar().showMessage(text, 8000)

    def push(self, command) -> bool:
        self.tell("")
        if self.context.push(command):
            self.done()
            return True
        if self.context.last_error is not None:
            self.tell(self.context.last_error.message(current_language()))
        return False

    def _create(self, parent_id: int | None, row: int) -> None:
        command = CreateGoalCommand(self.context, parent_id, self.tr("New goal"), row, self.tr("New goal"))
        if self.push(command):
            self.select_ids([command.goal_id])
            self.view.edit(self.model.index_for_id(command.goal_id))

    def create_child(self) -> None:
        self._create(self.current_id(), -1)

    def create_sibling(self) -> None:
        current = self.view.currentIndex()
        if not current.isValid():
            self._create(None, -1)
            return
        self._create(current.parent().data(IdRole), current.row() + 1)

    def rename_current(self) -> None:
        if self.view.currentIndex().isValid():
            self.view.edit(self.view.currentIndex())

    def deletion_text(self, goal_ids: list[int]) -> str:
        with self.context.store.session() as session:
            summary = goals.deletion_summary(session, goal_ids)
            names = goals.titles(session, goal_ids[:1])
        first = next(iter(names.values()))[0] if names else ""
        head = (self.tr("Delete “%1”?").replace("%1", first) if summary.goals == 1
                else self.tr("Delete %n goal(s)?", "", summary.goals))
        beneath = [
            self.tr("%n goal area(s)", "", summary.beneath.get(GoalLevel.GOAL_AREA, 0)),
            self.tr("%n goal(s)", "", summary.beneath.get(GoalLevel.GOAL, 0)),
            self.tr("%n sub-goal(s)", "", summary.beneath.get(GoalLevel.SUB_GOAL, 0)),
        ]
        if not summary.beneath.get(GoalLevel.GOAL_AREA):
            beneath = beneath[1:]
        return "\n\n".join([
            head,
            self.tr("Beneath: %1.").replace("%1", ", ".join(beneath)),
            self.tr("Also removed: %n indicator link(s)", "", summary.indicator_links) + ", "
            + self.tr("%n assessment(s)", "", summary.assessments) + ".",
            self.tr("The audit history is kept. Undo (Ctrl+Z) restores everything."),
        ])

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Delete goals"), self.deletion_text(ids),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self.view)
        box.setObjectName("confirmDeleteGoals")
        # The button names the action ("Ta bort 3 mål"), not a bare "Ja".
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Delete %n goal(s)", "", len(ids)))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        # Where the selection goes afterwards: the next sibling of the first deleted goal, else
        # the one before it, else its parent — near where the user was working.
        first = self.model.index_for_id(ids[0])
        parent_index, row = first.parent(), first.row()
        parent_id = parent_index.data(IdRole) if parent_index.isValid() else None
        siblings = [self.model.index(r, 0, parent_index).data(IdRole)
                    for r in range(self.model.rowCount(parent_index))]
        if self.push(DeleteGoalsCommand(self.context, ids, self.tr("Delete %n goal(s)", "", len(ids)))):
            after = [g for g in siblings[row + 1:] if g not in ids]
            before = [g for g in siblings[:row] if g not in ids]
            near = after[0] if after else (before[-1] if before else parent_id)
            if near is not None:
                self.select_ids([near])

    def cut_selected(self) -> None:
        self._cut = self.selected_ids()
        self.tell(self.tr("%n goal(s) cut: select the new parent and press Ctrl+V.", "", len(self._cut)))

    def paste_cut(self) -> None:
        if not self._cut:
            self.tell(self.tr("Nothing is cut. Select goals and press Ctrl+X first."))
            return
        ids = self._cut
        if self.push(MoveGoalsCommand(self.context, ids, self.current_id(), -1,
                                      self.tr("Move %n goal(s)", "", len(ids)))):
            self._cut = []
            self.select_ids(ids)

    def _single(self, make) -> None:
        goal_id = self.current_id()
        if goal_id is not None and self.push(make(goal_id)):
            self.select_ids([goal_id])

    def reorder(self, delta: int) -> None:
        text = self.tr("Move goal up") if delta < 0 else self.tr("Move goal down")
        self._single(lambda goal_id: ReorderGoalCommand(self.context, goal_id, delta, text))

    def indent_current(self) -> None:
        self._single(lambda goal_id: IndentGoalCommand(self.context, goal_id, self.tr("Move goal in")))

    def outdent_current(self) -> None:
        self._single(lambda goal_id: OutdentGoalCommand(self.context, goal_id, self.tr("Move goal out")))

    # --- search ----------------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.field.setFocus()
        self.search.field.selectAll()

    def clear_search(self) -> None:
        self.search.field.clear()
        self._search_timer.stop()
        self.apply_search("")
        self.view.setFocus()

    def apply_search(self, text: str) -> None:
        """Show only matches and their ancestors; the domain does the matching, so only the
        paths to matches are loaded into the view, however large the tree."""
        if not text.strip():
            self._visible = None
            self.model.set_highlighted(set())
            self.search.count.clear()
            self._unhide(QModelIndex())
            return
        with self.context.store.session() as session:
            found = goals.search_goals(session, text)
        self._visible = found.visible
        for goal_id in sorted(found.matches):
            self.reveal(goal_id)
        self.model.set_highlighted(found.matches)
        self._hide_outside(QModelIndex())
        self.search.count.setText(self.tr("%n match(es)", "", len(found.matches)))
        if found.matches:
            first = min(found.matches, key=lambda g: self.model._tree_order(self.model.index_for_id(g)))
            self.view.setCurrentIndex(self.model.index_for_id(first))

    def _hide_outside(self, parent: QModelIndex) -> None:
        for row in range(self.model.rowCount(parent)):
            index = self.model.index(row, 0, parent)
            visible = self._visible is None or index.data(IdRole) in self._visible
            self.view.setRowHidden(row, parent, not visible)
            if visible and self.model.rowCount(index):
                self._hide_outside(index)

    def _unhide(self, parent: QModelIndex) -> None:
        for row in range(self.model.rowCount(parent)):
            index = self.model.index(row, 0, parent)
            if self.view.isRowHidden(row, parent):
                self.view.setRowHidden(row, parent, False)
            if self.model.rowCount(index):
                self._unhide(index)

    def _rows_fetched(self, parent: QModelIndex, _first: int, _last: int) -> None:
        if self._visible is not None:
            self._hide_outside(parent)

    def is_visible(self, goal_id: int) -> bool:
        """Whether the goal's row is shown (loaded, not filtered out, all ancestors expanded)."""
        index = self.model.index_for_id(goal_id)
        if not index.isValid():
            return False
        while index.isValid():
            if self.view.isRowHidden(index.row(), index.parent()):
                return False
            index = index.parent()
            if index.isValid() and not self.view.isExpanded(index):
                return False
        return True

    # --- history ---------------------------------------------------------------------------------
    def show_history(self) -> None:
        if self._undo_dialog is None:
            dialog = QDialog(self.view.window())
            dialog.setObjectName("undoHistory")
            dialog.setWindowTitle(self.tr("Undo history"))
            view = QUndoView(self.context.undo_stack)
            view.setEmptyLabel(self.tr("<original>"))
            view.setObjectName("undoView")
            QVBoxLayout(dialog).addWidget(view)
            dialog.resize(360, 420)
            self._undo_dialog = dialog
        self._undo_dialog.show()
        self._undo_dialog.raise_()
