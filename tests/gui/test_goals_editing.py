"""Editing the goal tree as a planner does: drag and drop, keyboard, form, search, undo."""

from __future__ import annotations

import sqlalchemy as sa
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.models import Goal, GoalIndicator, Indicator
from app.views.goals.tree_models import IdRole
from tests.gui import test_main_window


def make_window(qtbot, store):
    window = test_main_window.make_window(qtbot, store)
    # Shortcuts (Ctrl+F, Ctrl+Z) only reach an active window.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def goal_id(store, code: str) -> int:
    with store.session() as s:
        return s.execute(sa.select(Goal.id).where(Goal.code == code)).scalar_one()


def shown_children(page, code: str) -> list[str]:
    """The codes a user sees under a goal in the tree (expanding it as a user would)."""
    model, view = page.goal_model, page.goal_tree
    parent = page.goal_editor.reveal(goal_id(page.context.store, code))
    model.ensure_loaded(parent.data(IdRole))
    view.expand(parent)
    return [model.index(r, 0, parent).data(Qt.ItemDataRole.DisplayRole).split("  ")[0]
            for r in range(model.rowCount(parent)) if not view.isRowHidden(r, parent)]


def drop(page, codes: list[str], target: str | None, row: int = -1) -> bool:
    model = page.goal_model
    store = page.context.store
    indexes = [page.goal_editor.reveal(goal_id(store, code)) for code in codes]
    data = model.mimeData(indexes)
    parent = page.goal_editor.reveal(goal_id(store, target)) if target else QModelIndex()
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, row, 0, parent)
    return model.dropMimeData(data, Qt.DropAction.MoveAction, row, 0, parent)


def test_editable_goal_model_passes_the_model_tester(qtbot, qtmodeltester, demo_store):
    window = make_window(qtbot, demo_store)
    page = window.structure
    drop(page, ["1.1"], "3", 0)
    qtmodeltester.check(page.goal_model)


def test_drop_moves_subtree_and_ctrl_z_undoes_it(qtbot, demo_store):
    window = make_window(qtbot, demo_store)
    page = window.structure
    page.goal_tree.expand(page.goal_editor.reveal(goal_id(demo_store, "1.1")))
    assert drop(page, ["1.1", "1.3"], "2", 1)
    assert shown_children(page, "2") == ["2.1", "1.1", "1.3", "2.2", "2.3", "2.4"]
    assert shown_children(page, "1.1") == ["1.1.1", "1.1.2"]
    assert shown_children(page, "1") == ["1.2", "1.4"]
    assert page.goal_editor.selected_ids() == [goal_id(demo_store, "1.1"), goal_id(demo_store, "1.3")]
    with demo_store.session() as s:
        assert s.get(Goal, goal_id(demo_store, "1.1.1")).parent_id == goal_id(demo_store, "1.1")
    assert window.context.undo_stack.count() == 1
    page.goal_tree.setFocus()
    qtbot.keyClick(page.goal_tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert shown_children(page, "1") == ["1.1", "1.2", "1.3", "1.4"]
    assert shown_children(page, "2") == ["2.1", "2.2", "2.3", "2.4"]
    assert page.goal_tree.isExpanded(page.goal_model.index_for_id(goal_id(demo_store, "1.1")))


def test_refused_drop_leaves_tree_unchanged_and_says_why(qtbot, demo_store):
    window = make_window(qtbot, demo_store)
    page = window.structure
    before = shown_children(page, "1")
    assert not drop(page, ["1"], "1.1")
    assert shown_children(page, "1") == before
    assert "under sig själv" in page.goal_notice.text()
    assert page.goal_notice.isVisibleTo(page)
    assert not drop(page, ["1.1.1"], "2")
    assert "Ett delmål kan inte ligga under ett målområde" in page.goal_notice.text()
    assert window.statusBar().currentMessage() == page.goal_notice.text()
    assert window.context.undo_stack.count() == 0


def test_keyboard_reorder_indent_outdent_and_cut_paste(qtbot, demo_store):
    window = make_window(qtbot, demo_store)
    page = window.structure
    tree = page.goal_tree
    page.select_goal(goal_id(demo_store, "1.2"))
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert shown_children(page, "1") == ["1.2", "1.1", "1.3", "1.4"]
    qtbot.keyClick(tree, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(tree, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert shown_children(page, "1.1") == ["1.1.1", "1.1.2", "1.2"]
    qtbot.keyClick(tree, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert shown_children(page, "1") == ["1.1", "1.2", "1.3", "1.4"]
    qtbot.keyClick(tree, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    page.select_goal(goal_id(demo_store, "4"))
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert shown_children(page, "4")[-1] == "1.2"
    assert window.context.undo_stack.count() == 5
    while window.context.undo_stack.canUndo():
        window.context.undo_stack.undo()
    assert shown_children(page, "1") == ["1.1", "1.2", "1.3", "1.4"]


def test_new_child_and_sibling_then_rename_in_place(qtbot, demo_store):
    window = make_window(qtbot, demo_store)
    page = window.structure
    tree = page.goal_tree
    page.select_goal(goal_id(demo_store, "1.1"))
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Insert)
    new_id = page.goal_editor.current_id()
    with demo_store.session() as s:
        new = s.get(Goal, new_id)
        assert (new.parent_id, new.level.value) == (goal_id(demo_store, "1.1"), "sub_goal")
    index = page.goal_model.index_for_id(new_id)
    assert page.goal_model.setData(index, "Kortare väntetid i telefon")
    assert page.goal_model.index_for_id(new_id).data() == "Kortare väntetid i telefon"
    page.select_goal(goal_id(demo_store, "1.1"))
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    sibling = page.goal_editor.current_id()
    with demo_store.session() as s:
        assert s.get(Goal, sibling).level.value == "goal"
    assert shown_children(page, "1")[:2] == ["1.1", "Nytt mål"]
    assert window.context.undo_stack.count() == 3
    window.context.undo_stack.undo()
    assert not page.goal_model.index_for_id(sibling).isValid()
    window.context.undo_stack.undo()
    assert page.goal_model.index_for_id(new_id).data() != "Kortare väntetid i telefon"
    window.context.undo_stack.undo()
    assert not page.goal_model.index_for_id(new_id).isValid()


def test_delete_confirmation_states_what_lies_beneath_and_undo_restores(qtbot, demo_store):
    window = make_window(qtbot, demo_store)
    page = window.structure
    area = goal_id(demo_store, "1")
    # Exactly this goal (select_goal adds to the selection while an earlier test's modifier
    # key counts as held: the vision was deleted along with it).
    page.goal_editor.select_ids([area])
    text = page.goal_editor.deletion_text([area])
    assert "4 mål" in text and "3 delmål" in text
    assert "indikatorkoppling" in text and "bedömning" in text
    with demo_store.session() as s:
        links = s.execute(sa.select(sa.func.count()).select_from(GoalIndicator)).scalar_one()

    buttons = []

    def confirm():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox) and box.objectName() == "confirmDeleteGoals"
        buttons.append(box.button(QMessageBox.StandardButton.Yes).text())
        box.button(QMessageBox.StandardButton.Yes).click()

    QTimer.singleShot(0, confirm)
    page.goal_tree.setFocus()
    assert page.goal_editor.selected_ids() == [area]
    qtbot.keyClick(page.goal_tree, Qt.Key.Key_Delete)
    assert buttons == ["Ta bort 1 mål"]  # the button names the action
    assert not page.goal_model.index_for_id(area).isValid()
    # The selection stays near: the next målområde takes the deleted one's place.
    assert page.goal_editor.current_id() == goal_id(demo_store, "2")
    window.context.undo_stack.undo()
    assert shown_children(page, "1") == ["1.1", "1.2", "1.3", "1.4"]
    with demo_store.session() as s:
        assert s.execute(sa.select(sa.func.count()).select_from(GoalIndicator)).scalar_one() == links


def test_search_filter_shows_matches_with_ancestors_and_esc_clears(qtbot, demo_store):
    window = make_window(qtbot, demo_store)
    page = window.structure
    editor = page.goal_editor
    page.goal_tree.setFocus()
    qtbot.keyClick(page.goal_tree, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.goal_search.field.hasFocus()
    qtbot.keyClicks(page.goal_search.field, "samma dag")
    qtbot.waitUntil(lambda: page.goal_search.count.text() != "")
    match, parent, area = (goal_id(demo_store, c) for c in ("1.1.1", "1.1", "1"))
    assert editor.is_visible(match) and editor.is_visible(parent) and editor.is_visible(area)
    assert not editor.is_visible(goal_id(demo_store, "1.2"))
    assert not editor.is_visible(goal_id(demo_store, "2"))
    assert page.goal_model.index_for_id(match).data(Qt.ItemDataRole.FontRole).bold()
    assert page.goal_model.index_for_id(parent).data(Qt.ItemDataRole.FontRole) is None
    assert page.goal_search.count.text() == "1 träff"
    qtbot.keyClick(page.goal_search.field, Qt.Key.Key_Escape)
    assert page.goal_search.field.text() == ""
    assert editor.is_visible(goal_id(demo_store, "2"))


def test_form_edits_are_undoable_and_indicators_are_linked_with_the_picker(qtbot, demo_store):
    window = make_window(qtbot, demo_store)
    page = window.structure
    target = goal_id(demo_store, "1.2")
    page.select_goal(target)
    form = page.goal_form
    form.title.setText("Patienterna är delaktiga")
    form.title.editingFinished.emit()
    assert page.goal_model.index_for_id(target).data() == "1.2  Patienterna är delaktiga"
    form.end_year.setValue(2001)
    form.end_year.editingFinished.emit()
    assert "före startåret" in form.error.text()
    assert form.end_year.value() != 2001
    with demo_store.session() as s:
        indicator = s.execute(sa.select(Indicator).where(~Indicator.goal_links.any(GoalIndicator.goal_id == target))
                              .order_by(Indicator.code)).scalars().first()
        code = indicator.code

    def pick():
        picker = QApplication.activeModalWidget()
        picker.filter.setText(code)
        assert picker.proxy.rowCount() == 1
        picker.list.selectAll()
        picker.accept()

    QTimer.singleShot(0, pick)
    form.pick_indicators()
    assert any(form.indicators.item(r).text().startswith(code) for r in range(form.indicators.count()))
    stack = window.context.undo_stack
    assert stack.count() == 2
    stack.undo()
    assert not any(form.indicators.item(r).text().startswith(code) for r in range(form.indicators.count()))
    stack.undo()
    assert form.title.text() == "Patienterna är delaktiga i sin vård"
    assert page.goal_model.index_for_id(target).data() == "1.2  Patienterna är delaktiga i sin vård"


def test_cascade_shows_breakdown_by_owner_and_undo_history_lists_steps(qtbot, demo_store):
    window = make_window(qtbot, demo_store)
    page = window.structure
    page.select_goal(goal_id(demo_store, "1"))
    page.side.setCurrentWidget(page.cascade)
    tree = page.cascade.tree
    # The first item is the röd tråd (vision → goal, strategies, activities); then one per owner.
    assert tree.topLevelItem(0).text(0) == "Röd tråd"
    owners = [tree.topLevelItem(i).text(0) for i in range(1, tree.topLevelItemCount())]
    assert owners and all(owners)
    shown = [tree.topLevelItem(i).child(j).text(0) for i in range(1, tree.topLevelItemCount())
             for j in range(tree.topLevelItem(i).childCount())]
    assert len(shown) == 7 and any(text.startswith("1.1.1") for text in shown)
    with demo_store.session() as s:
        owner = s.get(Goal, goal_id(demo_store, "1.1.1")).owner_unit_id
        owned = s.execute(sa.select(sa.func.count()).where(Goal.owner_unit_id == owner)).scalar_one()
    page.select_unit(owner)
    assert page.cascade.caption.text() == f"Enheten äger {owned} mål."
    assert tree.topLevelItemCount() == owned
    page.select_goal(goal_id(demo_store, "1"))
    drop(page, ["1.4"], "2")
    history = window.findChild(type(page.goal_editor.history), "actionUndoHistory")
    history.trigger()
    from PySide6.QtWidgets import QUndoView

    view = window.findChild(QUndoView, "undoView")
    assert view.isVisible()
    assert view.model().rowCount() == 2  # <original> and the move
