"""Moved to the one background-operation helper, `app.widgets.operations` (kept so that
older imports still work)."""

from app.widgets.operations import Worker, WorkerSignals  # noqa: F401
