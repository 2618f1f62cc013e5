"""Editing results on a shared database: the units this user may not change (read-only, with the
reason), and when someone else saved the same result first, what they saved and the choice —
keep theirs, or save mine on top of it (now that I have seen it)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.commands.followup import SetResultCommand
from app.models import Gender
from app.services.followup import results
from app.services.followup.results import GridRow


def locked_reason(context) -> Callable[[int], str | None]:
    """unit id → why this user may not change its results (a regional database's roles), or None."""
    from app.views.i18n import current_language

    def reason(unit_id: int) -> str | None:
        access = context.access
        return None if access.may_edit_unit(unit_id) else access.reason(current_language() == "sv")

    return reason


class ResultConflictBar(QWidget):
    """Hidden until `show_conflict`; `push(command) -> bool` pushes like the page does and
    `reload()` shows the grid as it now is."""

    def __init__(self, page, reload: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultConflict")
        self.page = page
        self.reload = reload
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.keep_theirs = QPushButton(self.tr("Keep theirs"))
        self.keep_theirs.setObjectName("keepTheirs")
        self.keep_theirs.clicked.connect(self._keep_theirs)
        self.save_mine = QPushButton(self.tr("Save mine on top"))
        self.save_mine.setObjectName("saveMine")
        self.save_mine.clicked.connect(self._save_mine)
        bar = QHBoxLayout(self)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.text, 1)
        bar.addWidget(self.keep_theirs)
        bar.addWidget(self.save_mine)
        self.pending: tuple[GridRow, Gender, float | None] | None = None
        self.hide()

    def show_conflict(self, text: str, row: GridRow, gender: Gender, value: float | None) -> None:
        self.pending = (row, gender, value)
        self.text.setText(text)
        self.show()

    def _keep_theirs(self) -> None:
        self.pending = None
        self.hide()
        self.reload()

    def _save_mine(self) -> None:
        row, gender, value = self.pending
        period = self.page.period_code
        with self.page.context.store.session() as session:
            theirs = results.get_result(session, row.indicator_id, row.unit_id, period, gender)
        self.pending = None
        self.hide()
        self.page.push(SetResultCommand(self.page.context, row.indicator_id, row.unit_id, period, gender, value,
                                        expected=theirs.value), quiet=True)
