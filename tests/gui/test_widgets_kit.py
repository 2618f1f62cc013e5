"""The shared view kit: the tab-text fix, the form helper, the table kit and fmt."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLineEdit, QStyle, QStyleOptionTab, QTabWidget, QWidget

from app.widgets.forms import ValidatedDialog
from app.widgets.style import StyrkortStyle
from app.widgets.text import fmt

# Kept for the whole session: a widget does not own the style set on it, and a style freed while
# a widget still uses it crashes.
STYLE = StyrkortStyle("fusion")


def test_unselected_tabs_have_room_for_swedish_letters(qtbot):
    """Fusion clips an unselected tab's text 2 px short of a line: Ö lost its dots ("Over tid")."""
    style = STYLE
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


def test_background_operation_done(qtbot):
    from app.widgets.operations import BackgroundOperation

    parent = QWidget()
    qtbot.addWidget(parent)

    def adds(progress, cancelled):
        progress("Räknar", 1, 2)
        return 1 + 1

    operation = BackgroundOperation(adds, parent, label="Räknar…", cancel_text="Avbryt", min_duration=0)
    with qtbot.waitSignal(operation.done) as done:
        operation.start()
    assert done.args == [2] and not operation.running  # closing the dialog did not count as Cancel


def test_background_operation_refused(qtbot):
    from app.models.errors import StyrkortError
    from app.widgets.operations import BackgroundOperation

    parent = QWidget()
    qtbot.addWidget(parent)

    def refuses(progress, cancelled):
        raise StyrkortError("Filen är låst.", "The file is locked.")

    refusing = BackgroundOperation(refuses, parent)
    with qtbot.waitSignal(refusing.failed) as failed:
        refusing.start()
    assert failed.args == ["Filen är låst."]


def test_background_operation_cancelled(qtbot):
    import threading

    from app.widgets.operations import BackgroundOperation

    parent = QWidget()
    qtbot.addWidget(parent)
    release = threading.Event()

    def waits(progress, cancelled):
        release.wait(5)
        return "för sent" if not cancelled() else None

    waiting = BackgroundOperation(waits, parent, label="Väntar…", cancel_text="Avbryt", min_duration=0)
    waiting.start()
    from PySide6.QtWidgets import QPushButton

    with qtbot.waitSignal(waiting.cancelled):
        waiting.progress.findChild(QPushButton).click()  # the dialog's Cancel
        release.set()
