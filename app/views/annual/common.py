"""What the annual page's panels share: the entities they follow, the period picker, the status
line that shows a refused edit, and plain rows for the tables."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QWidget,
)

from app.commands import Change, EditContext
from app.services.followup.periods import list_periods
from app.views.i18n import current_language

ANNUAL_ENTITIES = {"assignment", "report_text", "balance_entry", "financial_figure", "control_risk",
                   "control_point", "internal_control_plan", "org_unit", "period", "database"}
OVERDUE = QColor("#f8d7da")
RISK_COLOUR = {"Låg": QColor("#ccebc5"), "Medel": QColor("#fee6aa"), "Hög": QColor("#f4b4aa")}


def period_combo(context: EditContext, name: str, kinds: tuple[str, ...] = ("year", "tertial")) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    with context.store.session() as session:
        codes = [p.code for p in list_periods(session) if p.kind.value in kinds]
    for code in sorted(codes, reverse=True):
        combo.addItem(code, code)
    return combo


class Panel(QWidget):
    """Shared: the status line that shows a refused edit, and reloading on relevant changes."""

    def __init__(self, context: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName(f"{type(self).__name__[0].lower()}{type(self).__name__[1:]}Message")
        context.bus.changed.connect(self._on_change)

    def push(self, command) -> bool:
        ok = self.context.push(command)
        error = self.context.last_error
        self.message.setText("" if ok or error is None else error.message(current_language()))
        return ok

    def _on_change(self, change: Change) -> None:
        if change.touches(*ANNUAL_ENTITIES) or change.entity.startswith("import"):
            self.reload()

    def reload(self) -> None:  # pragma: no cover - each panel has its own
        raise NotImplementedError


class Row:
    def __init__(self, **values) -> None:
        self.__dict__.update(values)


