"""The shared view kit: the tab-text fix, the form helper, the table kit and fmt."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLineEdit, QStyle, QStyleOptionTab, QTabWidget, QWidget

from app.widgets.forms import ValidatedDialog
from app.widgets.style import StyrkortStyle
from app.widgets.text import fmt


def test_unselected_tabs_have_room_for_swedish_letters(qtbot):
    """Fusion clips an unselected tab's text 2 px short of a line: Ö lost its dots ("Over tid")."""
    style = StyrkortStyle("fusion")
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tabs.setStyle(style)
    tabs.tabBar().setStyle(style)
    for name in ("Översikt", "Över tid", "Ändringar"):
        tabs.addTab(QWidget(), name)
    tabs.show()
    for index in (1, 2):  # not selected
        option = QStyleOptionTab()
        tabs.tabBar().initStyleOption(option, index)
        rect = style.subElementRect(QStyle.SubElement.SE_TabBarTabText, option, tabs.tabBar())
        assert rect.height() >= option.fontMetrics.height()
    plain = QApplication.style()
    option = QStyleOptionTab()
    tabs.tabBar().initStyleOption(option, 1)
    # Guard that the test can fail: the plain style is what clipped (when it clips here).
    assert plain.subElementRect(QStyle.SubElement.SE_TabBarTabText, option, tabs.tabBar()).height() <= \
        style.subElementRect(QStyle.SubElement.SE_TabBarTabText, option, tabs.tabBar()).height()


class NameDialog(ValidatedDialog):
    def __init__(self):
        super().__init__()
        self.name = QLineEdit()
        self.add_field("name", "Namn", self.name)
        self.errors.add_general()
        self.submitted = []

    def problems(self):
        return {} if self.name.text().strip() else {"name": "Skriv ett namn."}


def test_validated_dialog_stays_open_keeps_input_and_shows_refusal(qtbot):
    dialog = NameDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.accept()
    assert dialog.isVisible() and dialog.errors.text("name") == "Skriv ett namn."
    dialog.name.setText("Anna")
    dialog.submitter = lambda: "Databasen är skrivskyddad."
    dialog.accept()
    assert dialog.isVisible() and dialog.name.text() == "Anna"
    assert dialog.errors.text("") == "Databasen är skrivskyddad." and dialog.errors.text("name") == ""
    dialog.submitter = lambda: None
    dialog.accept()
    assert not dialog.isVisible() and dialog.result() == 1


def test_fmt_fills_numbered_placeholders():
    assert fmt("%1 av %2 (%10)", *range(1, 11)) == "1 av 2 (10)"
    assert fmt("Kunde inte spara: %1", OSError("disk full")) == "Kunde inte spara: disk full"
