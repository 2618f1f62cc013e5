"""Hjälp: the Swedish user guide that ships with Styrkort (resources/help/guide_sv.html) and works
offline, opened at the section of the page in view (F1)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app.models.paths import resource_path

GUIDE = "guide_sv.html"


class HelpDialog(QDialog):
    """The user guide in a browser pane; not modal, so the planner can follow it while working."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.setWindowTitle(self.tr("Styrkort – user guide"))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.browser = QTextBrowser()
        self.browser.setObjectName("helpText")
        self.browser.setAccessibleName(self.tr("User guide"))
        self.browser.setOpenExternalLinks(False)
        path = resource_path("help", GUIDE)
        self.browser.setSearchPaths([str(path.parent)])
        missing = self.tr("The user guide is missing from this installation.")
        self.browser.setHtml(path.read_text(encoding="utf-8") if path.exists() else f"<p>{missing}</p>")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(760, 640)

    def show_topic(self, anchor: str) -> None:
        """Scroll to a section: a page's object name (e.g. "followUpPage") or a topic ("status")."""
        self.browser.scrollToAnchor(anchor or "top")
