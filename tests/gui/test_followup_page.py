"""The follow-up page on Exempelregionen, driven as a planner would: pick a period, see the
statuses, ask why, edit a result (undoable, late for a closed period), write an assessment,
compare providers in a chart and click one."""

import subprocess
import sys

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTreeView

from app.models import Goal, Indicator, OrgUnit, Status
from app.services.followup import assessment as followup
from app.services.followup import results
from app.services.followup.chart_data import STATUS_STYLE, provider_comparison
from app.services.followup.status import RollupRule, rollup_rule
from app.views.application import install_translators
from app.views.followup.followup_models import SWEDISH, IdRole, format_value, parse_value
from app.views.followup.followup_page import FollowUpPage, WhyDialog
from app.views.followup.targets_dialog import TargetsDialog
from app.views.main_window import MainWindow


def ids(s, model, code):
    return s.execute(sa.select(model.id).where(model.code == code)).scalar_one()


@pytest.fixture
def window(qtbot, demo_store):
    install_translators(QApplication.instance(), "sv")
    win = MainWindow(demo_store)
    qtbot.addWidget(win)
    win.resize(1300, 800)
    win.show()
    qtbot.waitExposed(win)
    win.pages.setCurrentIndex(2)
    yield win
    # MainWindow connects the undo stack's signals to lambdas over itself; when the window is
    # deleted later, the dying stack would still call them (a pitfall reported to the lead).
    win.context.undo_stack.cleanChanged.disconnect()
    win.context.undo_stack.indexChanged.disconnect()


@pytest.fixture
def page(window) -> FollowUpPage:
    return window.pages.widget(2)


def goal_row(page, code):
    with page.context.store.session() as s:
        return page.tree_model.index_for_id(ids(s, Goal, code))


def test_page_shows_statuses_with_symbol_label_and_trend(window, page, qtmodeltester):
    assert window.pages.tabText(2) == "Uppföljning"
    assert page.period.currentText() == "2025"
    qtmodeltester.check(page.tree_model)
    vision = page.tree_model.index(0, 0)
    status = vision.siblingAtColumn(1).data()
    outcome = page.follow_up.goals[vision.data(IdRole)]
    assert status == f"{STATUS_STYLE[outcome.status].symbol} {outcome.status.sv}"
    assert vision.siblingAtColumn(1).data(Qt.ItemDataRole.DecorationRole) is not None
    trends = [goal_row(page, c).siblingAtColumn(2).data() for c in ("1", "2", "3", "4", "5")]
    assert any(t and t[0] in "↑↓→" for t in trends)
    assert "Uppfyllt" in page.counts.text()


def test_why_dialog_lists_indicators_and_rule(qtbot, page):
    page.tree.setCurrentIndex(goal_row(page, "3.1"))
    lines = page.why_lines()
    assert any("OM01" in line for line in lines)
    assert lines[-1].startswith("Regel: viktad andel")
    dialog = WhyDialog(lines)
    qtbot.addWidget(dialog)
    assert "OM01" in dialog.text.toPlainText()


def test_results_grid_edit_is_undoable_late_and_updates_status(qtbot, window, page, qtmodeltester):
    page.period.setCurrentText("2024")  # a closed period
    page.tabs.setCurrentWidget(page.results)
    model = page.results.model
    qtmodeltester.check(model)
    with page.context.store.session() as s:
        om01, ht01 = ids(s, Indicator, "OM01"), ids(s, OrgUnit, "HT01")
        before = results.get_result(s, om01, ht01, "2024")
    row = model.row_of(om01, ht01)
    cell = model.index(row, 4)
    assert cell.data() == format_value(before.value, 0)
    goal_31 = goal_row(page, "3.1")
    for code in ("HT01", "HT02", "HT03", "HT04"):
        with page.context.store.session() as s:
            r = model.row_of(om01, ids(s, OrgUnit, code))
        assert model.setData(model.index(r, 4), "1,0")
    with page.context.store.session() as s:
        now = results.get_result(s, om01, ht01, "2024")
    assert now.value == 1.0 and now.late
    assert model.index(row, 4).data(Qt.ItemDataRole.FontRole).italic()
    assert model.index(row, 7).data() == f"{STATUS_STYLE[Status.NOT_MET].symbol} Ej uppfyllt"
    # The tree followed the edit without a full recompute, and agrees with one.
    incremental = page.follow_up.goals.copy()
    page.recompute()
    assert incremental == page.follow_up.goals
    assert "Ej uppfyllt" in goal_31.siblingAtColumn(1).data() or "Delvis" in goal_31.siblingAtColumn(1).data()
    for _ in range(4):
        page.context.undo_stack.undo()
    with page.context.store.session() as s:
        assert results.get_result(s, om01, ht01, "2024") == before
    assert not model.setData(model.index(row, 4), "abc")
    assert not model.setData(model.index(row, 4), "250")  # outside 0–100
    assert "utanför" in page.results.message.text()


def test_manual_assessment_needs_justification(qtbot, page):
    page.tree.setCurrentIndex(goal_row(page, "3.1"))
    panel = page.assessment
    panel.manual.setCurrentIndex(panel.manual.findData(Status.NOT_MET))
    panel.analysis.setPlainText("Kontinuiteten brister.")
    assert not panel.save()
    assert "motiveras" in page.message.text()
    panel.justification.setPlainText("Dialogmöten med utförarna visar brister.")
    assert panel.save()
    status = goal_row(page, "3.1").siblingAtColumn(1).data()
    assert status.startswith("✗ Ej uppfyllt") and "(manuell)" in status
    assert "Dialogmöten" in panel.others.toPlainText()
    assert panel.author.text()
    page.context.undo_stack.undo()
    assert "(manuell)" not in goal_row(page, "3.1").siblingAtColumn(1).data()


def test_demo_analysis_shows_with_author_for_the_committee(page):
    page.scope.setCurrentIndex(page.scope.findText("Omsorgsnämnden", Qt.MatchFlag.MatchContains))
    page.tree.setCurrentIndex(goal_row(page, "3.1"))
    assert "Kontinuiteten" in page.assessment.analysis.toPlainText()
    assert "Planeringsavdelningen" in page.assessment.author.text()
    # The demo's dialogue meeting with Omsorgshuset is cited by this assessment.
    cited = page.assessment.meetings.item(0)
    assert "Omsorgshuset" in cited.text() and cited.checkState() == Qt.CheckState.Checked
    assert "Fasta arbetslag" in page.assessment.others.toPlainText()


def test_rule_choice_is_stored_and_undoable(page):
    page.rule.setCurrentIndex(page.rule.findData(RollupRule.WORST))
    with page.context.store.session() as s:
        assert rollup_rule(s) is RollupRule.WORST
    assert page.follow_up.rule is RollupRule.WORST
    page.context.undo_stack.undo()
    assert page.current_rule() is RollupRule.WEIGHTED_SHARE
    assert page.follow_up.rule is RollupRule.WEIGHTED_SHARE


def test_chart_tab_compares_providers_and_click_selects_unit(qtbot, window, page):
    page.tree.setCurrentIndex(goal_row(page, "3.1"))
    page.tabs.setCurrentWidget(page.chart_holder)
    panel = page.charts
    with page.context.store.session() as s:
        om01 = ids(s, Indicator, "OM01")
        expected = provider_comparison(s, om01, "2025")
    panel.select_indicator(om01)
    assert panel.comparison.bar_heights() == [b.value for b in expected.bars]
    unit = expected.bars[-1].unit_id
    with qtbot.waitSignal(page.unitSelected) as selected:
        panel.comparison.unitClicked.emit(unit)
    assert selected.args == [unit]
    org_tree = window.findChild(QTreeView, "orgTree")
    assert org_tree.currentIndex().data(IdRole) == unit
    assert panel.spread.selected_unit_id == unit
    assert panel.series_data.series[0].unit_id == unit


def test_chart_save_as_writes_the_file(qtbot, page, tmp_path):
    page.tabs.setCurrentWidget(page.chart_holder)
    path = tmp_path / "chart.svg"
    page.charts.save_to(str(path))
    assert path.read_text().lstrip().startswith(("<?xml", "<svg"))


def test_attention_lists(page):
    page.period.setCurrentText("2025T3")
    page.tabs.setCurrentWidget(page.attention)
    assert page.attention.thin.count() > 0
    assert page.attention.missing.count() > 0


def test_targets_dialog(qtbot, page, qtmodeltester):
    with page.context.store.session() as s:
        indicators = followup.indicators_of_goal(s, None)
        om01 = ids(s, Indicator, "OM01")
    dialog = TargetsDialog(page.context, indicators, om01, "2025", page)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    rows = dialog.model.rowCount()
    dialog.new_period.setCurrentText("2025")
    dialog.new_unit.setCurrentIndex(dialog.new_unit.findText("Hemtjänst Norr", Qt.MatchFlag.MatchContains))
    dialog.new_value.setText("92,5")
    dialog.add_target()
    assert dialog.model.rowCount() == rows + 1
    assert any(r.value == 92.5 and r.unit_name == "Hemtjänst Norr" for r in dialog.model.rows)
    row = next(i for i, r in enumerate(dialog.model.rows) if r.value == 92.5)
    assert dialog.model.setData(dialog.model.index(row, 2), "93")
    assert dialog.model.rows[row].value == 93
    dialog.from_year.setValue(2025)
    dialog.to_year.setValue(2027)
    dialog.copy_forward()
    assert any(r.period_code == "2027" for r in dialog.model.rows)
    page.context.undo_stack.undo()
    assert not any(r.period_code == "2027" for r in dialog.model.rows)


def test_swedish_numbers():
    assert format_value(1234.5, 1) == SWEDISH.toString(1234.5, "f", 1)
    assert "," in format_value(1234.5, 1)
    assert parse_value("1 234,5") == 1234.5
    assert parse_value("12.5") == 12.5
    assert parse_value("") is None
    with pytest.raises(ValueError):
        parse_value("tolv")


def test_main_window_does_not_load_pyqtgraph_until_a_chart_is_shown(tmp_path):
    code = (
        "import sys; from PySide6.QtWidgets import QApplication; app = QApplication([]);"
        "from app.models.store import open_store; from app.views.main_window import MainWindow;"
        f"w = MainWindow(open_store({str(tmp_path / 'x.sqlite')!r})); w.pages.setCurrentIndex(2);"
        "print('pyqtgraph' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == "False"




def test_new_dialogue_meeting_is_listed_and_undoable(qtbot, page):
    from app.commands.followup import AddMeetingCommand
    from app.views.followup.followup_page import MeetingDialog

    page.tree.setCurrentIndex(goal_row(page, "2.1"))
    dialog = MeetingDialog(page.scopes, None, page)
    qtbot.addWidget(dialog)
    dialog.unit.setCurrentIndex(dialog.unit.findText("Utbildningsnämnden", Qt.MatchFlag.MatchContains))
    dialog.participants.setText("Rektorer, förvaltningschef")
    dialog.learnings.setPlainText("Skolorna med nyanlända elever behöver stöd i svenska som andraspråk.")
    meeting = dialog.meeting(page.period_code, page.current_goal_id())
    assert meeting.goal_ids == (page.current_goal_id(),) and meeting.unit_id is not None
    assert page.push(AddMeetingCommand(page.context, meeting))
    items = [page.assessment.meetings.item(i).text() for i in range(page.assessment.meetings.count())]
    assert any("Utbildningsnämnden" in text for text in items)
    page.context.undo_stack.undo()
    assert page.assessment.meetings.count() == len(items) - 1
    page.context.undo_stack.redo()
    assert page.assessment.meetings.count() == len(items)
    empty = MeetingDialog(page.scopes, None, page)
    qtbot.addWidget(empty)
    assert not page.push(AddMeetingCommand(page.context, empty.meeting(page.period_code, page.current_goal_id())))
    assert "lärde" in page.message.text()


def test_new_dialogue_meeting_refused_keeps_the_dialog_open_and_the_input(qtbot, page):
    from PySide6.QtWidgets import QDialogButtonBox, QLabel

    page.tabs.setCurrentWidget(page.assessment_scroll)
    page.tree.setCurrentIndex(goal_row(page, "2.1"))
    before = page.assessment.meetings.count()
    dialog = page.assessment.meeting_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.participants.setText("Rektorer, förvaltningschef")
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    # Still open, what was typed is kept, and the reason stands under the field it concerns.
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.participants.text() == "Rektorer, förvaltningschef"
    error = dialog.findChild(QLabel, "error_learnings")
    assert error.isVisible() and "lärde" in error.text()
    assert page.message.text() == ""  # nothing on the page behind it
    dialog.learnings.setPlainText("Stödet i svenska som andraspråk behöver bli större.")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and dialog.result() == 1
    assert page.assessment.meetings.count() == before + 1
