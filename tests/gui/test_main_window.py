"""The main window on Exempelregionen, driven as a user would."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QTreeView

from app.models.store import open_store
from app.views.application import install_translators, open_database
from app.views.goals.tree_models import IdRole
from app.views.main_window import MainWindow


def make_window(qtbot, store) -> MainWindow:
    install_translators(QApplication.instance(), "sv")
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    # Översikt is the first page; these tests work on the goal and organisation page.
    window.pages.setCurrentWidget(window.structure)
    return window


def tree_texts(view: QTreeView, parent=None, depth: int = 2) -> list[str]:
    model = view.model()
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    texts = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        texts.append(index.data())
        if depth > 1:
            texts += tree_texts(view, index, depth - 1)
    return texts


def test_window_opens_with_both_trees_filled_in_swedish(qtbot, demo_store):
    window = make_window(qtbot, demo_store)
    goal_tree = window.findChild(QTreeView, "goalTree")
    org_tree = window.findChild(QTreeView, "orgTree")
    assert goal_tree is not None and org_tree is not None
    assert window.findChild(object, "detailPanel") is not None
    goals = tree_texts(goal_tree, depth=3)
    assert goals[0].startswith("V  Exempelregionen")
    assert "1  God och jämlik hälsa" in goals
    assert "1.1  Vården ges i rätt tid" in goals
    units = tree_texts(org_tree, depth=3)
    assert "Regionfullmäktige" in units and "Hälso- och sjukvårdsnämnden" in units
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&Arkiv", "&Redigera", "&Visa", "&Hjälp"]
    assert window.pages.tabText(0) == "Översikt" and window.pages.widget(0).objectName() == "overviewPage"
    assert window.pages.tabText(1) == "Mål och organisation"
    assert goal_tree.accessibleName() == "Målhierarki"


def test_selecting_a_goal_shows_its_details(qtbot, demo_store):
    window = make_window(qtbot, demo_store)
    page = window.structure
    with demo_store.session() as session:
        from sqlalchemy import select

        from app.models import Goal

        goal_id = session.execute(select(Goal.id).where(Goal.code == "3.1")).scalar_one()
    page.select_goal(goal_id)
    assert page.goal_tree.currentIndex().data(IdRole) == goal_id
    heading = page.detail.goal_page.heading
    assert heading.text() == "Brukarna är nöjda med hemtjänsten"
    table = page.detail.indicator_table
    codes = {table.item(r, 0).text() for r in range(table.rowCount())}
    assert {"OM01", "OM03"} <= codes
    assert page.detail.goal_page.values["owner"].text() == "Omsorgsnämnden"


def test_selecting_a_provider_shows_contract_and_org_number(qtbot, demo_store):
    window = make_window(qtbot, demo_store)
    page = window.structure
    with demo_store.session() as session:
        from sqlalchemy import select

        from app.models import OrgUnit

        unit_id = session.execute(select(OrgUnit.id).where(OrgUnit.code == "HT04")).scalar_one()
    page.select_unit(unit_id)
    values = page.detail.unit_page.values
    assert values["provider_type"].text() == "Extern utförare"
    assert values["org_number"].text() == "559234-5671"  # a valid check digit (Luhn)
    assert "2026-12-31" in values["contract"].text()


def test_window_geometry_and_splitter_are_remembered(qtbot, demo_path):
    store = open_store(demo_path)
    window = make_window(qtbot, store)
    window.resize(760, 560)
    window.structure.splitter.setSizes([250, 500])
    sizes = window.structure.splitter.sizes()
    window.close()
    assert QSettings().value("window/geometry") is not None
    again = make_window(qtbot, store)
    assert (again.width(), again.height()) == (760, 560)
    assert again.structure.splitter.sizes() == sizes


def test_tree_models_pass_qt_model_tester(qtbot, qtmodeltester, demo_store):
    window = make_window(qtbot, demo_store)
    qtmodeltester.check(window.structure.goal_model)
    qtmodeltester.check(window.structure.org_model)


def test_first_start_creates_the_demo_region_in_the_data_folder(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("STYRKORT_DATA_DIR", str(tmp_path / "fresh-data"))
    store = open_database(None)
    assert store.path == tmp_path / "fresh-data" / "styrkort.sqlite"
    window = make_window(qtbot, store)
    assert window.structure.goal_model.rowCount() == 1
    assert window.windowTitle().startswith("styrkort.sqlite")


def test_a_new_file_given_on_the_command_line_starts_empty(qtbot, tmp_path):
    store = open_database(tmp_path / "ny.sqlite")
    window = make_window(qtbot, store)
    assert window.structure.goal_model.rowCount() == 0
    assert window.structure.detail.currentWidget() is window.structure.detail.empty


def test_read_only_database_is_marked_in_the_title(qtbot, demo_path):
    store = open_store(demo_path, readonly=True)
    window = make_window(qtbot, store)
    assert "[skrivskyddad]" in window.windowTitle()
    assert window.context.undo_stack.count() == 0
    assert Qt.ItemFlag.ItemIsEditable not in window.structure.goal_model.flags(
        window.structure.goal_model.index(0, 0))


def test_english_can_be_chosen_in_settings(qtbot, demo_store):
    from app.views.settings_dialog import SettingsDialog

    install_translators(QApplication.instance(), "sv")
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.accept()
    assert QSettings().value("ui/language") == "en"
    install_translators(QApplication.instance())
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    assert [a.text() for a in window.menuBar().actions()] == ["&File", "&Edit", "&View", "&Help"]
    assert window.structure.goal_model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole).startswith("Vision:")
    QSettings().setValue("ui/language", "sv")
    install_translators(QApplication.instance(), "sv")


def test_upgrade_backup_and_save_copy_are_reported_in_the_status_bar(qtbot, tmp_path, demo_path, monkeypatch):
    from alembic import command
    from PySide6.QtWidgets import QFileDialog

    from app.models.store import alembic_config, make_engine

    old = tmp_path / "gammal.sqlite"
    engine = make_engine(old)
    cfg = alembic_config()
    with engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.commit()
    engine.dispose()
    window = make_window(qtbot, open_store(old))
    import re

    assert re.search(r"säkerhetskopia sparades som gammal\.\d{8}-\d{6}\.before-upgrade-0001\.sqlite",
                     window.statusBar().currentMessage())

    copy = tmp_path / "kopia.sqlite"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(copy), ""))
    window.save_copy()
    assert copy.exists()
    assert window.statusBar().currentMessage() == f"En kopia sparades som {copy}"
    assert open_store(copy).revision() == open_store(old).revision()
