"""File → Review pack…: choose scope, period and date; the pack is made off the GUI thread with
a cancellable progress dialog, then shown in a print preview that can print or save the PDF."""

from __future__ import annotations

import datetime as dt
import io

from PySide6.QtCore import QDate, QMarginsF, QObject, QRectF
from PySide6.QtGui import QAction, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QMessageBox,
    QProgressDialog,
    QToolBar,
    QWidget,
)

from app import APP_NAME
from app.models.store import Store
from app.services.followup.periods import default_period
from app.services.packs import PackCancelled, PackOptions, PackState, generate
from app.services.packs.content import WHOLE_ORGANISATION, period_choices, scope_choices
from app.widgets.operations import BackgroundOperation
from app.widgets.text import fmt

PREVIEW_DPI = 150  # sharp enough on screen and paper; the saved PDF keeps the vector original


class PackDialog(QDialog):
    """Scope, period and date of a pack."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("packDialog")
        self.setWindowTitle(self.tr("Review pack"))
        with store.session() as session:
            scopes = scope_choices(session)
            periods = period_choices(session)
            default = default_period(session)
        layout = QFormLayout(self)
        self.scope = QComboBox()
        self.scope.setObjectName("packScope")
        self.scope.addItem(WHOLE_ORGANISATION, None)
        for code, name, depth in scopes:
            self.scope.addItem("    " * depth + f"{name} ({code})", code)
        self.period = QComboBox()
        self.period.setObjectName("packPeriod")
        for code in periods:
            self.period.addItem(code, code)
        self.period.setCurrentIndex(max(self.period.findData(default), 0))
        self.date = QDateEdit(QDate.currentDate())
        self.date.setObjectName("packDate")
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setCalendarPopup(True)
        layout.addRow(self.tr("Scope"), self.scope)
        layout.addRow(self.tr("Period"), self.period)
        layout.addRow(self.tr("Date"), self.date)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    def options(self) -> PackOptions:
        day = self.date.date()
        return PackOptions(self.scope.currentData(), self.period.currentData(),
                           dt.date(day.year(), day.month(), day.day()))


class _OperationState(PackState):
    """The pack's progress and interruption, through the background-operation helper."""

    def __init__(self, progress, cancelled) -> None:
        self.progress, self.cancelled = progress, cancelled

    def set_progress(self, fraction: float, text: str = "") -> None:
        self.progress(text, round(fraction * 1000), 1000)

    def is_interruption_requested(self) -> bool:
        return self.cancelled()


def pack_work(store: Store, options: PackOptions):
    """The pack as a background operation: the PDF's bytes, or None when cancelled."""

    def work(progress, cancelled) -> bytes | None:
        buffer = io.BytesIO()
        try:
            generate(store, options, buffer, _OperationState(progress, cancelled))
        except PackCancelled:
            return None
        return buffer.getvalue()

    return work


def paint_pdf(printer: QPrinter, data: bytes, dpi: int = PREVIEW_DPI) -> int:
    """Draw each page of a PDF onto the printer (or preview), one page per sheet; returns pages."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    # The preview scales the page images down; smooth scaling keeps small print readable.
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    try:
        for index in range(len(document)):
            if index:
                printer.newPage()
            bitmap = document[index].render(scale=dpi / 72)
            pil = bitmap.to_pil().convert("RGB")
            image = QImage(pil.tobytes("raw", "RGB"), pil.width, pil.height, 3 * pil.width,
                           QImage.Format.Format_RGB888)
            target = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
            scale = min(target.width() / image.width(), target.height() / image.height())
            painter.drawImage(QRectF(0, 0, image.width() * scale, image.height() * scale), image)
        return len(document)
    finally:
        painter.end()
        document.close()


class PackPreview(QPrintPreviewDialog):
    """Qt's print preview of the pack, with Print, and a "Save as PDF" that writes the original file."""

    def __init__(self, data: bytes, suggested_name: str, parent: QWidget | None = None) -> None:
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.printer.setFullPage(True)  # the PDF carries its own margins
        self.printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                               QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
        super().__init__(self.printer, parent)
        self.setObjectName("packPreview")
        self.data = data
        self.suggested_name = suggested_name
        self.setWindowTitle(self.tr("Review pack – print preview"))
        self.paintRequested.connect(lambda printer: paint_pdf(printer, self.data))
        self.save_action = QAction(self.tr("Save as PDF…"), self)
        self.save_action.setObjectName("actionSavePackPdf")
        self.save_action.triggered.connect(self.save_pdf)
        toolbar = self.findChild(QToolBar)
        if toolbar is not None:
            toolbar.addSeparator()
            toolbar.addAction(self.save_action)

    def save_pdf(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save as PDF"), self.suggested_name, "PDF (*.pdf)")
        if path:
            self.write(path)

    def write(self, path: str) -> None:
        try:
            with open(path, "wb") as handle:
                handle.write(self.data)
        except OSError as exc:
            QMessageBox.critical(self, APP_NAME, fmt(self.tr("The file could not be saved: %1"), exc))


class PackRunner(QObject):
    """The whole flow for the main window: dialog → worker with progress → preview."""

    def __init__(self, store: Store, parent: QWidget) -> None:
        super().__init__(parent)
        self.store = store
        self.window = parent
        self.operation: BackgroundOperation | None = None
        self.progress: QProgressDialog | None = None
        self.preview: PackPreview | None = None
        self.options: PackOptions | None = None

    def ask(self) -> None:
        dialog = PackDialog(self.store, self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.start(dialog.options())

    def start(self, options: PackOptions) -> BackgroundOperation:
        self.options = options
        self.operation = BackgroundOperation(pack_work(self.store, options), self.window,
                                             label=self.tr("Creating the review pack…"),
                                             cancel_text=self.tr("Cancel"), title=APP_NAME, min_duration=0)
        self.progress = self.operation.progress
        self.progress.setObjectName("packProgress")
        self.progress.setRange(0, 1000)
        self.operation.done.connect(self._done)
        self.operation.failed.connect(self._failed)
        self.operation.cancelled.connect(self._close_progress)
        return self.operation.start()

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.reset()
            self.progress.close()

    def _failed(self, message: str) -> None:
        self._close_progress()
        QMessageBox.warning(self.window, APP_NAME, message)

    def _done(self, data: bytes | None) -> None:
        self._close_progress()
        if data is None:
            return
        scope = self.options.scope_code or "hela-organisationen"
        name = f"Uppföljningsrapport-{scope}-{self.options.period_code or ''}.pdf".replace("--", "-")
        self.preview = PackPreview(data, name, self.window)
        self.preview.open()
