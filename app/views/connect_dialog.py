"""'Anslut till regionens databas': a PostgreSQL address, with the servers used before."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from app.models.database_url import DatabaseUrlError, engine_url, is_url, without_password

SETTINGS_KEY = "shared/servers"
REMEMBERED = 10


def remembered_servers() -> list[str]:
    value = QSettings().value(SETTINGS_KEY, [])
    return [value] if isinstance(value, str) else list(value or [])


def remember_server(url: str) -> None:
    """The address without its password (libpq finds it in the user's pgpass file), most recent first."""
    shown = without_password(url)
    servers = [shown] + [s for s in remembered_servers() if s != shown]
    QSettings().setValue(SETTINGS_KEY, servers[:REMEMBERED])


class ConnectDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectDialog")
        self.setWindowTitle(self.tr("Connect to the regional database"))
        self.address = QComboBox()
        self.address.setObjectName("serverAddress")
        self.address.setEditable(True)
        self.address.addItems(remembered_servers())
        self.address.setMinimumWidth(420)
        self.address.lineEdit().setPlaceholderText("postgresql://användare@server:5432/region")
        hint = QLabel(self.tr("The address your IT department gave you: postgresql://user@server[:port]/database. "
                              "Your database user decides what you may change."))
        hint.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("connectError")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Address"), self.address)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Connect"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def url(self) -> str:
        return self.address.currentText().strip()

    def accept(self) -> None:
        url = self.url()
        if not is_url(url):
            self.error.setText(self.tr("Write an address that starts with postgresql://"))
            return
        try:
            engine_url(url)
        except DatabaseUrlError as exc:
            from app.views.i18n import current_language

            self.error.setText(exc.message(current_language()))
            return
        remember_server(url)
        super().accept()
