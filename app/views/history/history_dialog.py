"""The history of one object or one import, in a dialog of its own (from the detail panel, from
the Ändringslogg page)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from app.models.store import Store
from app.services.history import changes as history
from app.views.history.history_view import HistoryView


class HistoryDialog(QDialog):
    def __init__(self, store: Store, title: str, loader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(title)
        self.resize(1000, 560)
        layout = QVBoxLayout(self)
        self.view = HistoryView(store, loader, self)
        layout.addWidget(self.view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.view.reload()

    @classmethod
    def for_object(cls, store: Store, entity: str, entity_id: int, name: str,
                   parent: QWidget | None = None) -> HistoryDialog:
        title = QCoreApplication.translate("HistoryDialog", "Change log") + f" – {name}"
        return cls(store, title, lambda session, f: history.object_history(session, entity, entity_id, f), parent)

    @classmethod
    def for_batch(cls, store: Store, batch_id: int, parent: QWidget | None = None) -> HistoryDialog:
        title = QCoreApplication.translate("HistoryDialog", "Change log – import %1").replace("%1", str(batch_id))
        return cls(store, title, lambda session, f: history.batch_history(session, batch_id, f), parent)
