"""File → Review pack…: the dialog, the worker thread with its progress dialog, the preview."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from app.services.packs import PackOptions, generate
from app.views.application import install_translators
from app.views.main_window import MainWindow
from app.views.packs.pack_dialog import PackDialog, PackPreview, PackRunner, paint_pdf


def test_menu_entry_and_dialog_choices(qtbot, demo_store):
    install_translators(QApplication.instance(), "sv")
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    action = window.findChild(type(window.file_menu.actions()[0]), "actionReviewPack")
    assert action is not None and action.text() == "&Uppföljningsrapport…"
    dialog = PackDialog(demo_store, window)
    qtbot.addWidget(dialog)
    assert dialog.scope.itemText(0) == "Hela organisationen"
    labels = [dialog.scope.itemText(i).strip() for i in range(dialog.scope.count())]
    assert "Hälso- och sjukvårdsnämnden (HSN)" in labels and "Riket (0000)" not in labels
    assert dialog.period.currentText() == "2025"
    dialog.scope.setCurrentIndex(labels.index("Strandstadens Vårdcentral (PV06)"))
    dialog.date.setDate(dialog.date.date().fromString("2026-01-31", "yyyy-MM-dd"))
    assert dialog.options() == PackOptions("PV06", "2025", dt.date(2026, 1, 31))


@pytest.mark.slow
def test_generation_runs_in_a_thread_and_opens_the_preview(qtbot, demo_store, tmp_path):
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    runner = PackRunner(demo_store, window)
    operation = runner.start(PackOptions("PV06", "2025T2", dt.date(2026, 1, 31)))
    assert isinstance(runner.progress, QProgressDialog)
    with qtbot.waitSignal(operation.done, timeout=60000):
        pass
    qtbot.waitUntil(lambda: runner.preview is not None, timeout=5000)
    preview = runner.preview
    qtbot.addWidget(preview)
    assert isinstance(preview, PackPreview) and preview.data.startswith(b"%PDF")
    assert preview.save_action.text() == "Spara som PDF…"
    saved = tmp_path / "saved.pdf"
    preview.write(str(saved))
    assert saved.read_bytes() == preview.data
    preview.close()


def test_cancel_stops_the_worker_without_a_preview(qtbot, demo_store):
    install_translators(QApplication.instance(), "sv")
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    runner = PackRunner(demo_store, window)
    operation = runner.start(PackOptions(None, "2025", dt.date(2026, 1, 31)))
    cancel = runner.progress.findChild(QPushButton)
    assert cancel.text() == "Avbryt"
    with qtbot.waitSignal(operation.cancelled, timeout=60000):
        cancel.click()
    assert not operation.running and runner.preview is None


def test_paint_pdf_draws_every_page(demo_store, tmp_path):
    path = tmp_path / "pack.pdf"
    result = generate(demo_store, PackOptions("PV06", "2025T2", dt.date(2026, 1, 31)), path)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setFullPage(True)
    assert paint_pdf(printer, path.read_bytes(), dpi=40) == result.pages
    from pypdf import PdfReader

    assert len(PdfReader(tmp_path / "printed.pdf").pages) == result.pages


def test_a_pdf_that_cannot_be_saved_says_why(qtbot, monkeypatch, tmp_path):
    """tr() returns a plain str: the message is filled by app.widgets.text.fmt, not `.arg()`."""
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    preview = PackPreview(b"%PDF-1.4", "pack.pdf")
    qtbot.addWidget(preview)
    preview.write(str(tmp_path / "no such folder" / "pack.pdf"))
    assert len(shown) == 1 and "no such folder" in shown[0] and "%1" not in shown[0]
