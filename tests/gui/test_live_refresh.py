"""Every page follows every committed change: an edit on one page, undo and redo, an import and
another process writing the same file — asserted on every other page, as a user would read it."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QLabel
from sqlalchemy import select

from app.commands.goals import CreateGoalCommand, UpdateGoalCommand
from app.models import Goal
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


def model_texts(model: QAbstractItemModel, parent: QModelIndex | None = None) -> list[str]:
    flat = parent is None  # table and list models hide the parent argument
    parent = parent or QModelIndex()
    texts = []
    for row in range(model.rowCount() if flat else model.rowCount(parent)):
        column = 0
        while (cell := model.index(row, column, parent)).isValid():
            value = cell.data(Qt.ItemDataRole.DisplayRole)
            if value is not None:
                texts.append(str(value))
            column += 1
        child = model.index(row, 0, parent)
        if isinstance(model, (QAbstractTableModel, QAbstractListModel)):
            continue
        if model.rowCount(child) and not model.canFetchMore(child):
            texts += model_texts(model, child)
    return texts


def page_texts(page) -> str:
    """Everything a user can read on a page: item views (loaded rows), labels and combo boxes."""
    parts = []
    for view in page.findChildren(QAbstractItemView):
        if view.model() is not None and not isinstance(view.parent(), QComboBox):
            parts += model_texts(view.model())
    parts += [label.text() for label in page.findChildren(QLabel)]
    for combo in page.findChildren(QComboBox):
        parts += [combo.itemText(i) for i in range(combo.count())]
    return "\n".join(parts)


def show_page(window, object_name: str):
    for index in range(window.pages.count()):
        if window.pages.widget(index).objectName() == object_name:
            window.pages.setCurrentIndex(index)
            QApplication.processEvents()
            return window.pages.widget(index)
    raise AssertionError(f"no page {object_name}")


def goal_id(store, code: str) -> int:
    with store.session() as session:
        return session.execute(select(Goal.id).where(Goal.code == code)).scalar_one()


def test_renaming_a_goal_shows_on_follow_up_page_at_once_and_after_undo(qtbot, window, demo_store):
    follow_up = show_page(window, "followUpPage")
    follow_up.select_goal(goal_id(demo_store, "1.1"))
    assert "Vården ges i rätt tid" in page_texts(follow_up)
    show_page(window, "structurePage")
    gid = goal_id(demo_store, "1.1")
    assert window.context.push(UpdateGoalCommand(window.context, gid, {"title": "Vård i tid", "code": "1.9"}))
    follow_up = show_page(window, "followUpPage")
    texts = page_texts(follow_up)
    assert "1.9  Vård i tid" in texts and "Vården ges i rätt tid" not in texts
    # The heading of the selected goal follows too.
    assert "1.9 Vård i tid" in follow_up.findChild(QLabel, "assessmentHeading").text()
    window.context.undo_stack.undo()  # while the page is shown
    texts = page_texts(follow_up)
    assert "1.1  Vården ges i rätt tid" in texts and "Vård i tid" not in texts


def test_a_new_goal_appears_in_follow_up_tree_and_counts(qtbot, window, demo_store):
    follow_up = show_page(window, "followUpPage")
    before = follow_up.follow_up.counts()
    show_page(window, "structurePage")
    parent = goal_id(demo_store, "1")
    window.context.push(CreateGoalCommand(window.context, parent, "Alldeles nytt mål"))
    follow_up = show_page(window, "followUpPage")
    follow_up.tree.expandAll()
    assert "Alldeles nytt mål" in page_texts(follow_up)
    assert sum(follow_up.follow_up.counts().values()) == sum(before.values()) + 1


# What another process changes (raw SQL on its own connection, as the command line or a colleague
# would), and where each page shows it.
EXTERNAL = [
    ("structurePage", "UPDATE goal SET title = 'Externt ändrat mål' WHERE code = '1.1'", "Externt ändrat mål"),
    ("followUpPage", "UPDATE goal SET title = 'Externt ändrat mål' WHERE code = '1.1'", "Externt ändrat mål"),
    ("directivesPage", "UPDATE directive SET title = 'Externt ändrad riktlinje' WHERE id = "
                       "(SELECT min(id) FROM directive)", "Externt ändrad riktlinje"),
    ("annualCyclePage", "UPDATE milestone SET title = 'Externt ändrad händelse' WHERE id = "
                        "(SELECT min(id) FROM milestone)", "Externt ändrad händelse"),
    ("plansPage", "UPDATE activity SET title = 'Externt ändrad aktivitet'", "Externt ändrad aktivitet"),
    ("overviewPage", "UPDATE goal SET title = 'Externt ändrat mål' WHERE id IN (SELECT id FROM goal "
                     "WHERE level != 'vision')", "Externt ändrat mål"),
]


@pytest.mark.parametrize(("page_name", "sql", "expected"), EXTERNAL, ids=[e[0] for e in EXTERNAL])
def test_a_change_by_another_process_reaches_the_page(qtbot, window, demo_path, page_name, sql, expected):
    page = show_page(window, page_name)
    if page_name == "followUpPage":
        page.tree.expandAll()
    assert expected not in page_texts(page)
    other = sqlite3.connect(demo_path)
    with other:
        other.execute(sql)
    other.close()
    # The window polls the file's change counter; no restart, no click.
    qtbot.waitUntil(lambda: expected in page_texts(page), timeout=5000)


def test_an_external_change_while_a_page_is_hidden_shows_when_it_is_opened(qtbot, window, demo_path):
    show_page(window, "followUpPage")
    show_page(window, "structurePage")
    other = sqlite3.connect(demo_path)
    with other:
        other.execute("UPDATE goal SET title = 'Medan sidan var dold' WHERE code = '1.1'")
    other.close()
    qtbot.waitUntil(lambda: "Medan sidan var dold" in page_texts(window.structure), timeout=5000)
    follow_up = show_page(window, "followUpPage")
    follow_up.tree.expandAll()
    assert "Medan sidan var dold" in page_texts(follow_up)


def test_our_own_edits_are_not_announced_twice(qtbot, window, demo_store):
    seen = []
    window.context.bus.changed.connect(seen.append)
    gid = goal_id(demo_store, "1.1")
    window.context.push(UpdateGoalCommand(window.context, gid, {"title": "Ett"}))
    assert not window.context.watcher.check()  # our own commit is already known
    assert [c.entity for c in seen] == ["goal"]


def test_a_refused_edit_is_told_in_the_status_bar(qtbot, window, demo_store):
    from app.commands.goals import MoveGoalsCommand

    area, child = goal_id(demo_store, "1"), goal_id(demo_store, "1.1")
    # A målområde dropped onto its own child: refused, and the user is told why.
    assert not window.context.push(MoveGoalsCommand(window.context, [area], child, -1, "Move"))
    assert window.statusBar().currentMessage() == window.context.last_error.message("sv")
    assert window.statusBar().currentMessage()


def test_not_a_number_in_results_grid_is_told(qtbot, window):
    page = show_page(window, "followUpPage")
    page.tabs.setCurrentWidget(page.results)
    model = page.results.model
    index = model.index(0, 4)
    assert not model.setData(index, "abc", Qt.ItemDataRole.EditRole)
    assert "abc" in page.results.message.text()
    assert "abc" in window.statusBar().currentMessage()
