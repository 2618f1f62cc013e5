"""Running exchange work off the GUI thread: a function that takes `progress` and `cancelled`,
run on the thread pool, reporting back through signals (never touching a widget)."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.models.errors import StyrkortError


class WorkerSignals(QObject):
    progress = Signal(str, int, int)
    finished = Signal(object)
    failed = Signal(object)  # a StyrkortError, or a string for an unexpected fault


class Worker(QRunnable):
    """Calls fn(progress=…, cancelled=…) on a pool thread; `cancel()` asks it to stop."""

    def __init__(self, fn: Callable[..., object]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = WorkerSignals()
        self._cancel = threading.Event()
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            result = self.fn(progress=self.signals.progress.emit, cancelled=self._cancel.is_set)
        except StyrkortError as exc:
            self.signals.failed.emit(exc)
        except Exception:  # noqa: BLE001 - reported to the user, not swallowed
            self.signals.failed.emit(traceback.format_exc())
        else:
            self.signals.finished.emit(result)

    def start(self) -> Worker:
        QThreadPool.globalInstance().start(self)
        return self
