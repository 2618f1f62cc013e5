"""Settings: the UI language and the user's name (recorded in the audit log beside the OS user)."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from app.services.platform import audit
from app.views.i18n import LANGUAGES, current_language


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        layout = QFormLayout(self)
        self.language = QComboBox()
        self.language.setObjectName("languageCombo")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(list(LANGUAGES).index(current_language()))
        layout.addRow(self.tr("Language"), self.language)
        note = QLabel(self.tr("A new language is used the next time Styrkort starts."))
        note.setWordWrap(True)
        layout.addRow(note)
        self.user_name = QLineEdit(str(QSettings().value(USER_NAME_KEY, "") or ""))
        self.user_name.setObjectName("userNameEdit")
        self.user_name.setMaxLength(60)
        self.user_name.setPlaceholderText(audit.os_user())
        layout.addRow(self.tr("Your name"), self.user_name)
        name_note = QLabel(self.tr("Recorded with every change in the change log, beside the computer user name."))
        name_note.setWordWrap(True)
        layout.addRow(name_note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    def accept(self) -> None:
        QSettings().setValue("ui/language", self.language.currentData())
        QSettings().setValue(USER_NAME_KEY, self.user_name.text().strip())
        apply_user_name()
        super().accept()


USER_NAME_KEY = "user/name"


def apply_user_name() -> None:
    """Tell the audit log who works here (called at start-up and when the setting changes)."""
    audit.set_display_name(str(QSettings().value(USER_NAME_KEY, "") or ""))
