"""Moved to the shared table kit, `app.widgets.tables` (kept so that older imports still work)."""

from app.widgets.tables import (  # noqa: F401
    DUE_SOON,
    OVERDUE,
    Column,
    IdRole,
    RowRole,
    RowTableModel,
    SortRole,
    display,
)
from app.widgets.text import fmt  # noqa: F401
