"""Översikt: the start page lists what needs the planner and opens where each item is handled."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services.followup.overview import overview
from app.views.application import install_translators
from app.views.main_window import MainWindow


@pytest.fixture
def window(qtbot, demo_store):
    install_translators(QApplication.instance(), "sv")
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.context.stop_watching()


def test_overview_is_the_first_page_and_lists_what_needs_attention(window, demo_store):
    page = window.pages.widget(0)
    assert page.objectName() == "overviewPage" and window.pages.tabText(0) == "Översikt"
    window.pages.setCurrentIndex(0)
    QApplication.processEvents()
    assert page.wait_loaded()  # the lists are read off the GUI thread
    with demo_store.session() as session:
        expected = overview(session, page.period.currentText(), None)
    assert page.areas.rowCount() == len(expected.areas) > 0
    assert [page.areas.item(r, 0).text().split(" ", 1)[1] for r in range(page.areas.rowCount())] == \
        [a.title for a in expected.areas]
    assert page.cards["not_met"].list.count() == len(expected.not_met)
    # The summary counts the same goals as the table and the list.
    assert f"Ej uppfyllt: {len(expected.not_met)}" in page.summary.text()
    for key in page.cards:
        card = page.cards[key]
        # Either a list or a sentence that says what to do — never an empty box.
        assert card.list.isVisible() != card.empty_label.isVisible()
        assert card.title().endswith(f"({card.list.count() if card.list.isVisible() else 0})") \
            or "…" in card.texts()[-1]


def test_a_not_met_goal_opens_on_follow_up_and_its_fix_shows_everywhere(qtbot, window, demo_store):
    page = window.pages.widget(0)
    window.pages.setCurrentIndex(0)
    QApplication.processEvents()
    assert page.wait_loaded()  # the lists are read off the GUI thread
    not_met = page.cards["not_met"].list
    if not_met.count() == 0:
        pytest.skip("the demo has no goal that is not met")
    item = not_met.item(0)
    goal_id = item.data(Qt.ItemDataRole.UserRole + 1)
    not_met.itemActivated.emit(item)
    follow_up = window.pages.currentWidget()
    assert follow_up.objectName() == "followUpPage"
    assert follow_up.current_goal_id() == goal_id
    assert follow_up.period.currentText() == page.period.currentText()
    # A manual assessment "met" fixes it; back on the start page the goal is gone from the list.
    from app.commands.followup import SaveAssessmentCommand
    from app.models import Status
    from app.services.followup.assessment import AssessmentData

    data = AssessmentData(Status.MET, "Åtgärderna har gett effekt.", "", "", ())
    assert window.context.push(SaveAssessmentCommand(window.context, goal_id, None, follow_up.period_code, data))
    window.pages.setCurrentIndex(0)
    QApplication.processEvents()
    assert page.wait_loaded()  # the lists are read off the GUI thread
    assert goal_id not in [not_met.item(i).data(Qt.ItemDataRole.UserRole + 1) for i in range(not_met.count())]


def test_next_events_are_ahead_of_today(window):
    page = window.pages.widget(0)
    window.pages.setCurrentIndex(0)
    QApplication.processEvents()
    assert page.wait_loaded()  # the lists are read off the GUI thread
    for text in page.cards["events"].texts():
        assert dt.date.fromisoformat(text[:10]) >= dt.date.today()


def test_f1_opens_the_guide_at_the_page_in_view(qtbot, window):
    window.pages.setCurrentIndex(2)
    window.help_action.trigger()
    dialog = window.help_dialog
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and "Uppföljning" in dialog.browser.toPlainText()
    assert window.help_action.shortcut().toString() == "F1"
    assert window.findChild(type(window.help_action), "actionWhy").shortcut().toString() == "Shift+F1"


def test_no_shortcut_is_bound_twice_and_quit_is_last(window):
    from PySide6.QtGui import QAction

    seen = {}
    for action in window.findChildren(QAction):
        for key in {sequence.toString() for sequence in action.shortcuts()}:
            if key and action.shortcutContext() != Qt.ShortcutContext.WidgetShortcut:
                assert key not in seen, f"{key}: {seen.get(key)} and {action.text()}"
                seen[key] = action.text()
    assert window.file_menu.actions()[-1].objectName() == "actionQuit"


def test_every_control_on_every_page_has_an_accessible_name(qtbot, window):
    """A screen reader reads each control's name: none may be left unnamed, on any page or tab."""
    from app.widgets.accessibility import unnamed_controls

    for index in range(window.pages.count()):
        window.pages.setCurrentIndex(index)
        QApplication.processEvents()
        page = window.pages.widget(index)
        tabs = getattr(page, "tabs", None)
        for tab in range(tabs.count() if tabs is not None else 1):
            if tabs is not None:
                tabs.setCurrentIndex(tab)
                QApplication.processEvents()
            unnamed = [(w.metaObject().className(), w.objectName()) for w in unnamed_controls(page)]
            assert unnamed == [], f"{page.objectName()} tab {tab}: {unnamed}"
