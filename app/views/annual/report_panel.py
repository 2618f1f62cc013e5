"""Rapporter: the people's text of a delårsrapport or årsredovisning, and writing the report off the
GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.commands import EditContext
from app.commands.annual import (
    SetReportTextCommand,
)
from app.models import ReportSection
from app.models.errors import StyrkortError
from app.services.annual.report_content import ReportKind, periods_with_texts, report_scopes, report_texts
from app.services.followup.periods import list_periods
from app.views.annual.common import Panel
from app.views.governance.directive_models import fmt
from app.views.governance.directives_page import scrollable
from app.views.i18n import current_language, term


class ReportPanel(Panel):
    SECTIONS = (ReportSection.SUMMARY, ReportSection.EVENTS, ReportSection.ECONOMY, ReportSection.PERSONNEL,
                ReportSection.FUTURE)

    def __init__(self, context: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("reportPanel")
        self.kind = QComboBox()
        self.kind.setObjectName("reportKind")
        self.kind.addItem(self.tr("Interim report"), ReportKind.INTERIM)
        self.kind.addItem(self.tr("Annual report"), ReportKind.ANNUAL)
        self.period = QComboBox()
        self.period.setObjectName("reportPeriod")
        self.scope = QComboBox()
        self.scope.setObjectName("reportScope")
        with context.store.session() as session:
            for code, name in report_scopes(session):
                self.scope.addItem(name, code)
            self.periods = [(p.code, p.kind.value) for p in list_periods(session)]
            self.written = periods_with_texts(session)
        self.edits: dict[ReportSection, QPlainTextEdit] = {}
        form = QFormLayout()
        for section in self.SECTIONS:
            edit = QPlainTextEdit()
            edit.setObjectName(f"reportText_{section.value}")
            edit.setAccessibleName(term(section))
            edit.setMinimumHeight(70)
            self.edits[section] = edit
            form.addRow(term(section), edit)
        save = QPushButton(self.tr("Save texts"))
        save.setObjectName("saveReportTexts")
        save.clicked.connect(self.save_texts)
        self.write_button = QPushButton(self.tr("Write report…"))
        self.write_button.setObjectName("writeReport")
        self.write_button.clicked.connect(self.write_report)
        top = QHBoxLayout()
        for label, widget in ((self.tr("Report"), self.kind), (self.tr("Period"), self.period),
                              (self.tr("For"), self.scope)):
            top.addWidget(QLabel(label))
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(save)
        top.addWidget(self.write_button)
        help_text = QLabel(self.tr("The report takes goal fulfilment, finances, staff by gender, assignments and "
                                   "internal control from the database; write the texts below for the chosen scope "
                                   "and period. The whole organisation's report gathers each committee's own "
                                   "sections and keeps their analysis apart."))
        help_text.setWordWrap(True)
        body = QWidget()
        body.setLayout(form)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(help_text)
        layout.addWidget(self.message)
        layout.addWidget(scrollable(body), 1)
        self.kind.currentIndexChanged.connect(self._fill_periods)
        self.period.currentIndexChanged.connect(self._load_texts)
        self.scope.currentIndexChanged.connect(self._load_texts)
        self._fill_periods()
        self.worker = None

    def _fill_periods(self) -> None:
        wanted = ("year",) if ReportKind(self.kind.currentData()) is ReportKind.ANNUAL else ("tertial",)
        self.period.blockSignals(True)
        self.period.clear()
        for code, kind in sorted(self.periods, reverse=True):
            if kind in wanted:
                self.period.addItem(code, code)
        # Open on the latest period someone has written report text for (else the latest period).
        written = next((c for c in self.written if self.period.findData(c) >= 0), None)
        if written is not None:
            self.period.setCurrentIndex(self.period.findData(written))
        self.period.blockSignals(False)
        self._load_texts()

    def _scope_unit_id(self) -> int | None:
        code = self.scope.currentData()
        if not code:
            return None
        from app.services.packs.content import find_scope

        with self.context.store.session() as session:
            return find_scope(session, code).id

    def _load_texts(self) -> None:
        code = self.period.currentData()
        texts = {}
        if code:
            with self.context.store.session() as session:
                texts = report_texts(session, self._scope_unit_id(), code)
        for section, edit in self.edits.items():
            edit.setPlainText(texts.get(section, ""))

    def reload(self) -> None:
        # Keep what is being typed: only sections the user has not changed follow the database.
        code = self.period.currentData()
        if not code:
            return
        with self.context.store.session() as session:
            texts = report_texts(session, self._scope_unit_id(), code)
        for section, edit in self.edits.items():
            if not edit.document().isModified():
                edit.setPlainText(texts.get(section, ""))

    def save_texts(self) -> int:
        """One undoable step per changed section (a macro when several changed)."""
        code = self.period.currentData()
        if not code:
            return 0
        unit_id = self._scope_unit_id()
        with self.context.store.session() as session:
            stored = report_texts(session, unit_id, code)
        changed = [(s, e.toPlainText()) for s, e in self.edits.items() if e.toPlainText() != stored.get(s, "")]
        stack = self.context.undo_stack
        if len(changed) > 1:
            stack.beginMacro(self.tr("Edit report texts"))
        saved = 0
        for section, text in changed:
            saved += self.push(SetReportTextCommand(self.context, unit_id, code, section, text))
        if len(changed) > 1:
            stack.endMacro()
        for edit in self.edits.values():
            edit.document().setModified(False)
        self.message.setText(self.tr("%n texts saved.", "", saved) if changed else self.tr("No changes to save."))
        return saved

    def write_report(self, path: str | None = None):
        from app.services.annual.reports import write_report
        from app.views.exchange.exchange_workers import Worker

        if not path:
            kind = ReportKind(self.kind.currentData())
            suggested = f"{kind.title} {self.period.currentData()}.pdf"
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Write report"), suggested,
                                                  self.tr("PDF (*.pdf);;Word (*.docx)"))
        if not path:
            return None
        kind, period, scope, store = ReportKind(self.kind.currentData()), self.period.currentData(), self.scope.currentData(), \
            self.context.store
        progress = QProgressDialog(self.tr("Writing the report…"), self.tr("Cancel"), 0, 0, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        self.write_button.setEnabled(False)
        worker = Worker(lambda progress, cancelled: write_report(store, kind, period, scope, Path(path)))
        # Collect garbage here, on the GUI thread: a collection the worker's allocations would
        # otherwise trigger could delete Qt objects from the wrong thread.
        import gc

        gc.collect()
        self.progress = progress

        def done(result) -> None:
            progress.close()
            self.write_button.setEnabled(True)
            self.message.setText(fmt(self.tr("%1 written: %2 pages."), str(result.path), result.pages))

        def failed(error) -> None:
            progress.close()
            self.write_button.setEnabled(True)
            self.message.setText(error.message(current_language()) if isinstance(error, StyrkortError)
                                 else str(error).splitlines()[-1])

        worker.signals.finished.connect(done)
        worker.signals.failed.connect(failed)
        progress.canceled.connect(worker.cancel)
        self.worker = worker.start()
        return worker
