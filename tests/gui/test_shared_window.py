"""The window on a regional database: a rapportör sees other units' results read-only with the
reason, the role in the status bar, others' commits arrive live, and the connect dialog
remembers servers (without passwords)."""

from __future__ import annotations

import multiprocessing

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.cli import main
from app.models import OrgUnit
from app.models.store import open_store
from app.views.application import install_translators
from app.views.connect_dialog import ConnectDialog, remembered_servers
from app.views.main_window import MainWindow
from tests import postgres


@pytest.fixture
def reporter_window(qtbot, demo_db, logins):
    name, url = demo_db
    reporter = logins("rapportor")
    assert main(["roles-setup", "--db", url]) == 0
    assert main(["roles-grant", "--db", url, reporter, "rapportor", "--unit", "HT01"]) == 0
    install_translators(QApplication.instance(), "sv")
    store = open_store(postgres.url_of(name, reporter))
    win = MainWindow(store)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win, url
    win.live.stop()
    win.context.undo_stack.cleanChanged.disconnect()
    win.context.undo_stack.indexChanged.disconnect()
    store.close()


def test_a_reporter_sees_other_units_read_only_with_the_reason(reporter_window):
    win, _url = reporter_window
    assert win.role_label.text() == "Roll: rapportör"
    page = win.page("followUpPage")
    win.pages.setCurrentIndex(1)
    page.tabs.setCurrentWidget(page.results)
    model = page.results.model
    with win.store.session() as session:
        own = session.execute(sa.select(OrgUnit.id).where(OrgUnit.code == "HT01")).scalar_one()
    own_rows = [r for r, row in enumerate(model.rows) if row.unit_id == own]
    other_rows = [r for r, row in enumerate(model.rows) if row.unit_id != own]
    assert own_rows and other_rows
    assert model.flags(model.index(own_rows[0], 4)) & Qt.ItemFlag.ItemIsEditable
    locked = model.index(other_rows[0], 4)
    assert not model.flags(locked) & Qt.ItemFlag.ItemIsEditable
    assert locked.data(Qt.ItemDataRole.ToolTipRole) == "Du rapporterar bara för dina egna enheter."


def test_a_planners_commit_elsewhere_reaches_the_open_window(qtbot, reporter_window):
    from tests.shared_workers import set_goal_title

    win, url = reporter_window
    worker = multiprocessing.get_context("spawn").Process(target=set_goal_title, args=(url, "Ändrad av planeraren"))
    with qtbot.waitSignal(win.context.bus.changed, timeout=10_000,
                          check_params_cb=lambda change: change.entity == "goal" and change.structure):
        worker.start()
    worker.join(timeout=30)
    structure = win.page("structurePage")
    assert structure.goal_model.index(0, 0).data().endswith("Ändrad av planeraren")


def test_the_connect_dialog_remembers_servers_without_passwords(qtbot):
    dialog = ConnectDialog()
    qtbot.addWidget(dialog)
    dialog.address.setEditText("region.sqlite")
    dialog.accept()
    assert dialog.result() == 0 and "postgresql://" in dialog.error.text()
    dialog.address.setEditText("postgresql://anna:hemligt@db.region.se:5433/styrkort")
    dialog.accept()
    assert dialog.result() == 1
    assert remembered_servers() == ["postgresql://anna@db.region.se:5433/styrkort"]
    again = ConnectDialog()
    qtbot.addWidget(again)
    assert again.address.itemText(0) == "postgresql://anna@db.region.se:5433/styrkort"


@pytest.fixture
def server_db_url():
    postgres.require_server()
    name = postgres.new_name()
    yield postgres.create_database(name)
    postgres.drop_database(name)


def test_the_window_copies_its_file_into_a_regional_database_with_progress(qtbot, demo_store, server_db_url):
    from app.views.copy_dialog import CopyDialog

    install_translators(QApplication.instance(), "sv")
    dialog = CopyDialog(demo_store)
    qtbot.addWidget(dialog)
    dialog.target.setText(server_db_url)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=60_000)
    assert dialog.progress.value() == dialog.progress.maximum() > 2000
    assert "kontrollerade tabell för tabell" in dialog.status.text()
    with demo_store.session() as session:
        units = session.execute(sa.select(sa.func.count()).select_from(OrgUnit)).scalar_one()
    copied = open_store(server_db_url)
    with copied.session() as session:
        assert session.execute(sa.select(sa.func.count()).select_from(OrgUnit)).scalar_one() == units > 40
    copied.close()


def test_the_loser_of_two_saves_sees_the_winner_and_chooses(qtbot, demo_store):
    from app.models import Gender, Indicator
    from app.services.followup import results

    install_translators(QApplication.instance(), "sv")
    win = MainWindow(demo_store)
    qtbot.addWidget(win)
    win.show()
    page = win.page("followUpPage")
    win.pages.setCurrentIndex(1)
    page.tabs.setCurrentWidget(page.results)
    panel, model = page.results, page.results.model
    with demo_store.session() as session:
        om01 = session.execute(sa.select(Indicator.id).where(Indicator.code == "OM01")).scalar_one()
        ht01 = session.execute(sa.select(OrgUnit.id).where(OrgUnit.code == "HT01")).scalar_one()
    row = model.row_of(om01, ht01)
    # Someone else saves the same result after the grid was shown (as another planner would).
    with demo_store.transaction() as session:
        results.set_result(session, om01, ht01, page.period_code, Gender.TOTAL, 55.0)
    assert not model.setData(model.index(row, 4), "60")
    assert not panel.conflict.isHidden()
    assert "ändrade result" in panel.conflict.text.text() and "→ 55.0" in panel.conflict.text.text()
    with demo_store.session() as session:
        assert results.get_result(session, om01, ht01, page.period_code).value == 55.0  # theirs kept
    panel.conflict.save_mine.click()
    assert panel.conflict.isHidden()
    with demo_store.session() as session:
        assert results.get_result(session, om01, ht01, page.period_code).value == 60.0
    win.context.undo_stack.undo()  # undo puts theirs back, not the value I first saw
    with demo_store.session() as session:
        assert results.get_result(session, om01, ht01, page.period_code).value == 55.0
    win.context.undo_stack.cleanChanged.disconnect()
    win.context.undo_stack.indexChanged.disconnect()
