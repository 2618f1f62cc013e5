"""Editing the organisation through `orgTree` as a planner does: rename in place, drag and drop,
new unit, delete with dependents, the unit form, the Reorganise dialog, and undo."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QTreeView

from app.models import OrgUnit, OrgUnitLine
from app.views.goals.tree_models import IdRole
from app.views.organisation.unit_editing import ReorganiseDialog
from tests.gui import test_main_window


def make_window(qtbot, store):
    window = test_main_window.make_window(qtbot, store)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.structure.trees.setCurrentIndex(1)
    return window


def unit_id(store, code: str) -> int:
    with store.session() as s:
        return s.execute(sa.select(OrgUnit.id).where(OrgUnit.code == code)).scalar_one()


def shown_children(page, code: str) -> list[str]:
    """The names a user sees under a unit in the tree."""
    model, view = page.org_model, page.org_tree
    parent = page.unit_editor.reveal(unit_id(page.context.store, code))
    model.ensure_loaded(parent.data(IdRole))
    view.expand(parent)
    return [model.index(r, 0, parent).data(Qt.ItemDataRole.DisplayRole) for r in range(model.rowCount(parent))]


def drop(page, codes: list[str], target: str | None, row: int = -1) -> bool:
    model = page.org_model
    store = page.context.store
    data = model.mimeData([page.unit_editor.reveal(unit_id(store, code)) for code in codes])
    parent = page.unit_editor.reveal(unit_id(store, target)) if target else QModelIndex()
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, row, 0, parent)
    return model.dropMimeData(data, Qt.DropAction.MoveAction, row, 0, parent)


def test_org_tree_is_editable_and_passes_the_model_tester(qtbot, qtmodeltester, demo_store):
    window = make_window(qtbot, demo_store)
    page = window.structure
    tree = window.findChild(QTreeView, "orgTree")
    index = page.unit_editor.reveal(unit_id(demo_store, "RS"))
    assert page.org_model.flags(index) & Qt.ItemFlag.ItemIsEditable
    tree.setCurrentIndex(index)
    assert page.side.isTabEnabled(1)
    assert page.forms.currentWidget() is page.unit_form and page.unit_form.isEnabled()
    assert page.unit_form.name.text() == "Regionstyrelsen"
    drop(page, ["HT01"], "SÄBO", 0)
    qtmodeltester.check(page.org_model)


def test_rename_in_place_and_undo(qtbot, demo_store):
    window = make_window(qtbot, demo_store)
    page = window.structure
    tree = page.org_tree
    index = page.unit_editor.reveal(unit_id(demo_store, "GR01"))
    tree.setCurrentIndex(index)
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_F2)
    editor = tree.findChild(QLineEdit)
    assert editor is not None and editor.text() == "Norrbyskolan"
    editor.setText("Norrbyskolan F–9")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits Return on the next turn of the event loop.
    qtbot.waitUntil(lambda: window.context.undo_stack.count() == 1)
    assert "Norrbyskolan F–9" in shown_children(page, "GR")
    assert page.unit_form.name.text() == "Norrbyskolan F–9"
    qtbot.keyClick(tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Norrbyskolan" in shown_children(page, "GR")
    assert "Norrbyskolan F–9" not in shown_children(page, "GR")


def test_drag_two_units_to_another_service_area_and_undo(qtbot, demo_store):
    window = make_window(qtbot, demo_store)
    page = window.structure
    assert drop(page, ["HT01", "HT02"], "SÄBO", 0)
    assert shown_children(page, "SÄBO")[:3] == ["Hemtjänst Norr", "Hemtjänst Söder", "Lindgården"]
    assert shown_children(page, "HT") == ["Hemtjänst Väster", "Omsorgshuset Hemtjänst"]
    assert page.unit_editor.selected_ids() == [unit_id(demo_store, "HT01"), unit_id(demo_store, "HT02")]
    assert window.context.undo_stack.count() == 1
    page.org_tree.setFocus()
    qtbot.keyClick(page.org_tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert shown_children(page, "HT") == ["Hemtjänst Norr", "Hemtjänst Söder", "Hemtjänst Väster",
                                          "Omsorgshuset Hemtjänst"]


def test_refused_drop_says_why(qtbot, demo_store):
    window = make_window(qtbot, demo_store)
    page = window.structure
    before = shown_children(page, "GR01")
    assert not drop(page, ["HSN"], "GR01")
    assert shown_children(page, "GR01") == before
    assert "nämnd kan inte ligga under en enhet" in page.org_notice.text()
    with demo_store.session() as s:
        assert s.get(OrgUnit, unit_id(demo_store, "HSN")).parent.code == "RF"


def test_new_unit_and_delete_with_dependents_counted(qtbot, demo_store):
    window = make_window(qtbot, demo_store)
    page = window.structure
    page.org_tree.setCurrentIndex(page.unit_editor.reveal(unit_id(demo_store, "GY")))
    page.unit_editor.new_unit.trigger()
    assert "New unit" in shown_children(page, "GY") or "Ny enhet" in shown_children(page, "GY")
    texts = []

    def answer():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            texts.append(box.text())
            box.button(QMessageBox.StandardButton.Cancel).click()

    page.org_tree.setCurrentIndex(page.unit_editor.reveal(unit_id(demo_store, "HT")))
    QTimer.singleShot(0, answer)
    page.unit_editor.delete_selected()
    assert texts and "4" in texts[0] and ("utfall" in texts[0] or "results" in texts[0])


def test_unit_form_edits_and_refuses_bad_input(qtbot, demo_store):
    window = make_window(qtbot, demo_store)
    page = window.structure
    page.org_tree.setCurrentIndex(page.unit_editor.reveal(unit_id(demo_store, "PV07")))
    form = page.unit_form
    assert not form.warning.isVisibleTo(form)  # the contract runs to 2026-12-31; 2025 is followed up
    form.org_number.setText("12345")
    form.org_number.editingFinished.emit()
    assert "NNNNNN-NNNN" in form.error.text()
    assert form.org_number.text() == "556677-8899"
    form.contract_end.setText("2025-06-30")
    form.contract_end.editingFinished.emit()
    with demo_store.session() as s:
        assert s.get(OrgUnit, unit_id(demo_store, "PV07")).contract_end == dt.date(2025, 6, 30)
    # Ending inside the period being followed up (2025, the latest year with results): the planner is told.
    assert form.warning.isVisibleTo(form)
    assert "2025-06-30" in form.warning.text() and "2025" in form.warning.text()
    window.context.undo_stack.undo()
    with demo_store.session() as s:
        assert s.get(OrgUnit, unit_id(demo_store, "PV07")).contract_end == dt.date(2026, 12, 31)
    assert form.contract_end.text() == "2026-12-31"
    assert not form.warning.isVisibleTo(form)


def test_reorganise_dialog_lists_the_impact_before_a_dated_move(qtbot, demo_store):
    window = make_window(qtbot, demo_store)
    dialog = ReorganiseDialog(window.context, [unit_id(demo_store, "HT")], window)
    qtbot.addWidget(dialog)
    dialog.target.setCurrentIndex(dialog.target.findData(unit_id(demo_store, "HSF")))
    lines = dialog.impact_lines()
    assert any("Delegationsordning för omsorgsnämnden" in line for line in lines)
    groups = [dialog.impact_list.topLevelItem(i).text(0) for i in range(dialog.impact_list.topLevelItemCount())]
    assert "Delegation (25)" in groups and "Program för utförare (1)" in groups
    directives = next(dialog.impact_list.topLevelItem(i) for i in range(len(groups))
                      if groups[i].startswith("Styrdokument"))
    offered = [directives.child(j).text(1) for j in range(directives.childCount())]
    assert "markera delegationsordningen för revidering" in offered
    with demo_store.session() as s:
        assert s.execute(sa.select(sa.func.count()).select_from(OrgUnitLine)).scalar() == 0
    dialog.effective.setDate(dialog.effective.date().fromString("2027-01-01", "yyyy-MM-dd"))
    dialog._accept()
    assert window.structure.unit_editor.push(dialog.command)
    with demo_store.session() as s:
        line = s.execute(sa.select(OrgUnitLine)).scalar_one()
        assert line.valid_until == dt.date(2027, 1, 1)
    window.context.undo_stack.undo()
    with demo_store.session() as s:
        assert s.execute(sa.select(sa.func.count()).select_from(OrgUnitLine)).scalar() == 0
        assert s.get(OrgUnit, unit_id(demo_store, "HT")).parent.code == "OF"


def test_steering_model_dialog_renames_levels_in_the_goal_tree_and_undo(qtbot, demo_store):
    from app.views.organisation.steering_dialogs import SteeringModelDialog

    window = make_window(qtbot, demo_store)
    page = window.structure
    area = page.goal_model.index(0, 0, page.goal_model.index(0, 0))
    assert area.data(Qt.ItemDataRole.AccessibleDescriptionRole) == "Målområde"
    dialog = SteeringModelDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.table.item(1, 1).setText("Strategiskt område")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert area.data(Qt.ItemDataRole.AccessibleDescriptionRole) == "Strategiskt område"
    # Depth 3 is refused while delmål exist, in the dialog, with the reason.
    again = SteeringModelDialog(window.context, window)
    qtbot.addWidget(again)
    again.table.cellWidget(3, 0).setChecked(False)
    again.save()
    assert "inriktnings" not in again.error.text() and "mål på nivåer under mål" in again.error.text()
    window.context.undo_stack.undo()
    assert area.data(Qt.ItemDataRole.AccessibleDescriptionRole) == "Målområde"


def test_strategy_linked_to_a_goal_shows_in_its_detail(qtbot, demo_store):
    from app.views.organisation.steering_dialogs import StrategiesDialog
    from tests.gui.test_goals_editing import goal_id

    window = make_window(qtbot, demo_store)
    page = window.structure
    goal = goal_id(demo_store, "1.1")
    dialog = StrategiesDialog(window.context, goal, window)
    qtbot.addWidget(dialog)
    dialog.new_strategy()
    dialog.title.setText("Nära vård först")
    dialog.title.editingFinished.emit()
    assert dialog.list.currentItem().text() == "Nära vård först"
    assert dialog.goals.count() == 1
    page.select_goal(goal)
    assert "Nära vård först" in page.detail.goal_page.values["strategies"].text()
    window.context.undo_stack.undo()
    window.context.undo_stack.undo()
    page.select_goal(goal)
    assert page.detail.goal_page.values["strategies"].text() == "–"


def test_merge_and_split_through_the_dialog_and_undo(qtbot, demo_store):
    window = make_window(qtbot, demo_store)
    page = window.structure
    merge = ReorganiseDialog(window.context, [unit_id(demo_store, "GR02")], window)
    qtbot.addWidget(merge)
    merge.what.setCurrentIndex(ReorganiseDialog.MERGE)
    merge.target.setCurrentIndex(merge.target.findData(unit_id(demo_store, "GR01")))
    merge.effective.setDate(merge.effective.date().fromString("2027-01-01", "yyyy-MM-dd"))
    merge._accept()
    assert page.unit_editor.push(merge.command)
    assert "Söderbyskolan (upphörd 2027-01-01)" in shown_children(page, "GR")
    split = ReorganiseDialog(window.context, [unit_id(demo_store, "HT")], window)
    qtbot.addWidget(split)
    split.what.setCurrentIndex(ReorganiseDialog.SPLIT)
    split.parts.setPlainText("HTN=Hemtjänst norra")
    split._accept()
    assert split.command is None and "minst två" in split.error.text()  # refused in the dialog
    split.parts.setPlainText("HTN=Hemtjänst norra\nHTS=Hemtjänst södra")
    split._accept()
    assert page.unit_editor.push(split.command)
    assert shown_children(page, "HTN") == ["Hemtjänst Norr", "Hemtjänst Söder", "Hemtjänst Väster",
                                           "Omsorgshuset Hemtjänst"]
    window.context.undo_stack.undo()
    window.context.undo_stack.undo()
    with demo_store.session() as s:
        assert s.execute(sa.select(OrgUnit.id).where(OrgUnit.code == "HTN")).first() is None
        assert s.get(OrgUnit, unit_id(demo_store, "GR02")).closed_on is None
    assert "Söderbyskolan" in shown_children(page, "GR")
    window.context.undo_stack.redo()
    assert "Söderbyskolan (upphörd 2027-01-01)" in shown_children(page, "GR")


def test_history_view_shows_the_organisation_as_it_stood(qtbot, demo_store):
    from PySide6.QtCore import QDate

    window = make_window(qtbot, demo_store)
    page = window.structure
    assert "Dalsskolan (upphörd 2024-01-01)" in shown_children(page, "GR")
    with demo_store.transaction() as s:
        from app.services.organisation.editing import move_units

        move_units(s, [unit_id(demo_store, "HT")], unit_id(demo_store, "HSF"), effective_on=dt.date(2027, 1, 1))
    page.unit_editor.reload()
    assert "Hemtjänst" in shown_children(page, "HSF")
    page.org_day.setDate(QDate(2023, 6, 30))
    page.org_as_of.setChecked(True)
    assert "Dalsskolan" in shown_children(page, "GR")  # before the merge: an ordinary school
    assert "Hemtjänst" in shown_children(page, "OF") and "Hemtjänst" not in shown_children(page, "HSF")
    assert not page.unit_editor.new_unit.isEnabled()
    assert not page.org_model.flags(page.org_model.index_for_id(unit_id(demo_store, "GR01"))) \
        & Qt.ItemFlag.ItemIsEditable
    page.org_as_of.setChecked(False)
    assert "Hemtjänst" in shown_children(page, "HSF")
    assert page.unit_editor.new_unit.isEnabled()
