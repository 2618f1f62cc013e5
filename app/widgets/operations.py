"""The one way to run long work off the GUI thread (like Anki's aqt/operations): a plain function
`fn(progress, cancelled)` runs on the thread pool, opening its own session; it reports progress as
`progress(text, done, total)` and stops when `cancelled()` is true. The window shows a progress
dialog with Cancel (only when the work lasts), and the result, a refusal or a fault comes back on
the GUI thread. Nothing here touches a widget from the worker."""

from __future__ import annotations

import gc
import threading
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.models.errors import StyrkortError
from app.widgets.i18n import current_language

_gc_lock = threading.Lock()
_gc_holders = 0
_gc_was_enabled = True


def _hold_gc() -> None:
    """No cyclic garbage collection while a worker runs: a collection started on the worker's
    thread may free Qt objects of the GUI thread there, which crashes (seen as a segfault in a
    full test run; pyqtgraph's GarbageCollector exists for the same reason). Reference counting
    still frees everything else; the GUI thread collects when the last worker is done."""
    global _gc_holders, _gc_was_enabled
    with _gc_lock:
        if _gc_holders == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_holders += 1


def _release_gc() -> None:
    global _gc_holders
    with _gc_lock:
        _gc_holders -= 1
        if _gc_holders == 0 and _gc_was_enabled:
            gc.enable()


# Workers stay referenced until well after they report: a QRunnable owned by Python that the
# garbage collector frees while a pool thread still runs it crashes (the window that started it
# may be gone by then, e.g. a page closed during a background load).
_running: set = set()
KEEP_AFTER_MS = 2000


class _GcRelease(QObject):
    """Lives on the GUI thread, so that collection is switched back on there (queued)."""

    def release(self, *_args) -> None:
        _release_gc()

    def forget(self, worker) -> None:
        QTimer.singleShot(KEEP_AFTER_MS, lambda: _running.discard(worker))


_gc_release: _GcRelease | None = None


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

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

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
        global _gc_release
        if _gc_release is None:
            _gc_release = _GcRelease()  # created on the GUI thread, where start() is called
        _hold_gc()  # on the GUI thread, before the worker can allocate anything
        self.signals.finished.connect(_gc_release.release)
        self.signals.failed.connect(_gc_release.release)
        _running.add(self)
        self.signals.finished.connect(lambda _result, worker=self: _gc_release.forget(worker))
        self.signals.failed.connect(lambda _error, worker=self: _gc_release.forget(worker))
        QThreadPool.globalInstance().start(self)
        return self


class BackgroundOperation(QObject):
    """A Worker with the window's side: an optional progress dialog (after `min_duration` ms)
    whose Cancel stops the work, and `done(result)`, `failed(message)`, `cancelled()`.
    A result that arrives after Cancel counts as cancelled: the user asked not to have it."""

    done = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, fn: Callable[..., object], parent: QWidget | None = None, *, label: str | None = None,
                 cancel_text: str = "", title: str = "", min_duration: int = 300) -> None:
        super().__init__(parent)
        self.worker = Worker(fn)
        self.progress: QProgressDialog | None = None
        if label is not None:
            self.progress = QProgressDialog(label, cancel_text, 0, 0, parent)
            self.progress.setObjectName("operationProgress")
            if title:
                self.progress.setWindowTitle(title)
            self.progress.setMinimumDuration(min_duration)
            self.progress.canceled.connect(self.cancel)
            self.worker.signals.progress.connect(self._progressed)
        self.worker.signals.finished.connect(self._finished)
        self.worker.signals.failed.connect(self._failed)
        self.running = False

    def start(self) -> BackgroundOperation:
        self.running = True
        self.worker.start()
        return self

    def cancel(self) -> None:
        self.worker.cancel()

    def _progressed(self, text: str, done: int, total: int) -> None:
        if self.progress is None:
            return
        if text:
            self.progress.setLabelText(text)
        if total:
            self.progress.setMaximum(total)
            self.progress.setValue(min(done, total - 1))

    def _close(self) -> None:
        self.running = False
        if self.progress is not None:
            # Closing a QProgressDialog emits `canceled`: let go of it first, or the finished
            # work would count as cancelled.
            self.progress.canceled.disconnect(self.cancel)
            self.progress.reset()
            self.progress.close()

    def _finished(self, result: object) -> None:
        self._close()
        if self.worker.is_cancelled():
            self.cancelled.emit()
        else:
            self.done.emit(result)

    def _failed(self, error: object) -> None:
        self._close()
        if self.worker.is_cancelled():
            self.cancelled.emit()
            return
        self.failed.emit(error.message(current_language()) if isinstance(error, StyrkortError) else str(error))


def run_in_background(fn: Callable[..., object], parent: QWidget | None = None, **options) -> BackgroundOperation:
    """Start `fn(progress, cancelled)` now; connect to the returned operation's signals."""
    return BackgroundOperation(fn, parent, **options).start()
