"""Ändringslogg in the window, as a planner uses it: an import's changed values, a goal's history
and „Visa som det var den …" from the detail panel, a review pack compared with today."""

import datetime as dt
import time

import openpyxl
import pytest
import sqlalchemy as sa
from PySide6.QtCore import QDate, QDateTime
from PySide6.QtWidgets import QApplication

from app.commands import EditContext
from app.models import Gender, Goal, GoalIndicator, Indicator, OrgUnit, Period, Result
from app.services.exchange.importing import run_import
from app.services.followup.results import set_result
from app.views.application import install_translators
from app.views.detail_panel import DetailPanel
from app.views.history.change_log_page import ChangeLogPage


@pytest.fixture(autouse=True)
def swedish():
    install_translators(QApplication.instance(), "sv")


def _result(s, indicator="UB01", unit="GR01", period="2025"):
    return s.execute(
        sa.select(Result).join(Indicator, Indicator.id == Result.indicator_id)
        .join(OrgUnit, OrgUnit.id == Result.unit_id).join(Period, Period.id == Result.period_id)
        .where(Indicator.code == indicator, OrgUnit.code == unit, Period.code == period,
               Result.gender == Gender.TOTAL)).scalar_one()


@pytest.fixture
def page(qtbot, demo_store):
    context = EditContext(demo_store)
    widget = ChangeLogPage(context)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _texts(model):
    return [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_the_history_view_lists_an_imports_changed_values(qtbot, page, demo_store, tmp_path, qtmodeltester):
    with demo_store.session() as s:
        old = _result(s).value
    book = openpyxl.Workbook()
    book.active.title = "Utfall"
    for row in (["Indikator", "Enhet", "Period", "Utfall"], ["UB01", "GR01", 2025, old + 3]):
        book.active.append(row)
    book.save(tmp_path / "rattelse.xlsx")
    batch = run_import(demo_store, tmp_path / "rattelse.xlsx").batch_id
    page.refresh()
    qtmodeltester.check(page.view.model)
    rows = page.view.model.rows
    import_row = next(r for r in rows if r.entity == "import_batch" and r.batch_id == batch)
    page.open_entry(import_row)
    dialog = page.last_dialog
    qtbot.addWidget(dialog)
    texts = _texts(dialog.view.model)
    assert ["Utfall: UB01 · GR01 · 2025 · T", "value", str(old), str(old + 3)] in [t[3:7] for t in texts]
    assert texts[0][2] == "Ändrad"
    assert dialog.view.summary.text() == "2 ändringar"
    assert page.checksum.text().startswith("Ändringsloggens kontrollsumma (")


def test_filters_narrow_the_log(qtbot, page, demo_store):
    with demo_store.session() as s:
        row = _result(s)
    with demo_store.transaction() as s:
        set_result(s, row.indicator_id, row.unit_id, "2025", Gender.TOTAL, row.value + 1)
    page.refresh()
    everything = page.view.model.rowCount()
    page.entity.setCurrentIndex(page.entity.findData("result"))
    assert 0 < page.view.model.rowCount() < everything
    page.view.action.setCurrentIndex(page.view.action.findText("Borttagen"))
    assert page.view.model.rowCount() == 0
    page.view.action.setCurrentIndex(0)
    page.view.use_since.setChecked(True)
    page.view.since.setDate(QDate.currentDate().addDays(1))  # from tomorrow on: nothing
    assert page.view.model.rowCount() == 0
    page.view.since.setDate(QDate.currentDate())
    assert page.view.model.rowCount() > 0


def test_detail_panel_opens_a_goals_history_and_as_it_was(qtbot, demo_store):
    with demo_store.session() as s:
        goal_id, indicator_id = s.execute(sa.select(GoalIndicator.goal_id, GoalIndicator.indicator_id)
                                          .where(GoalIndicator.indicator_id == _result(s).indicator_id)).first()
        title = s.get(Goal, goal_id).title
        row = _result(s)
    panel = DetailPanel(demo_store)
    qtbot.addWidget(panel)
    panel.show_goal(goal_id)
    from app.services.goals.editing import update_goal

    with demo_store.transaction() as s:
        update_goal(s, goal_id, {"title": title + " (reviderat)"})
    panel.show_goal(goal_id)
    panel.goal_history_button.click()
    texts = _texts(panel.history_dialog.view.model)
    assert [t[4:7] for t in texts][-1] == ["title", title, title + " (reviderat)"]
    before = dt.datetime.now().replace(microsecond=0)
    time.sleep(1.1)
    with demo_store.transaction() as s:
        set_result(s, row.indicator_id, row.unit_id, "2025", Gender.TOTAL, row.value / 2 + 1)
    panel.as_of_button.click()
    dialog = panel.as_of_dialog
    dialog.period.setCurrentIndex(dialog.period.findData("2025"))
    dialog.moment.setDateTime(QDateTime(before))
    assert dialog.headline.text().startswith(f"Status den {before:%Y-%m-%d %H:%M}: ")
    table = dialog.table
    cells = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
    mine = next(c for c in cells if c[0].startswith("UB01"))
    assert mine[1] != mine[4]  # the value then is not today's


def test_a_pack_compared_with_today(qtbot, page, demo_store, demo_path, tmp_path):
    from app.cli import main

    pack = tmp_path / "rapport.pdf"
    assert main(["pack", str(pack), "--db", str(demo_path), "--period", "2025", "--date", "2026-04-15"]) == 0
    with demo_store.session() as s:
        rows = [_result(s, unit=u) for u in ("GR01", "GR02")]
        elsewhere = s.execute(sa.select(Result).join(Period, Period.id == Result.period_id)
                              .where(Period.code != "2025", Result.value.is_not(None)).limit(1)).scalar_one()
        elsewhere_period = s.get(Period, elsewhere.period_id).code
    with demo_store.transaction() as s:  # not in the report: another period
        set_result(s, elsewhere.indicator_id, elsewhere.unit_id, elsewhere_period, elsewhere.gender,
                   elsewhere.value / 2 + 1)
    for row in rows:
        with demo_store.transaction() as s:
            set_result(s, row.indicator_id, row.unit_id, "2025", Gender.TOTAL, row.value + 1)
    dialog = page.compare_with(pack)
    qtbot.addWidget(dialog)
    assert dialog.headline.text() == "2 värden har ändrats sedan rapporten 2026-04-15"
    first = [dialog.table.item(0, c).text() for c in range(4)]
    assert first[0] == "Utfall: UB01 · GR01 · 2025 · T" and first[1] == str(rows[0].value)
    dialog.table.doubleClicked.emit(dialog.table.model().index(0, 0))
    assert dialog.last_dialog.view.model.rowCount() == 1
