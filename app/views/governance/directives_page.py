"""Styrdokument: the register with its filters and form, the "Att revidera" list, and the
delegationsordning with its decisions and the list of decisions still to be reported."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QRunnable,
    QSortFilterProxyModel,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.commands import Change, EditContext
from app.commands import directives as commands
from app.models import DirectiveState, DirectiveType
from app.services.governance import directives as svc
from app.views.governance.directive_form import DirectiveForm
from app.views.governance.directive_models import (
    DUE_SOON,
    OVERDUE,
    Column,
    IdRole,
    RowRole,
    RowTableModel,
    SortRole,
    fmt,
)
from app.views.i18n import current_language, term
from app.views.lazy_page import LazyPage
from app.widgets.forms import ValidatedDialog
from app.widgets.tables import fit_columns, from_qdate, make_table, scrollable, to_qdate

DIRECTIVE_ENTITIES = {"directive", "delegation_item", "delegation_decision"}


def review_background(row) -> object:
    return {"overdue": OVERDUE, "due_soon": DUE_SOON}.get(getattr(row, "review", None))


class RegisterFilter(QSortFilterProxyModel):
    """Filters the register by type, owner, status, review and free text."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.doc_type = self.owner = self.state = None
        self.due_only = False
        self.text = ""
        self.setSortRole(SortRole)

    def set_filter(self, **values) -> None:
        self.beginFilterChange()
        for name, value in values.items():
            setattr(self, name, value)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:  # noqa: N802
        row = self.sourceModel().index(source_row, 0, source_parent).data(RowRole)
        if row is None:
            return False
        # Combo boxes hand enum members back as plain strings; StrEnum compares equal to them.
        return ((self.doc_type is None or row.doc_type == self.doc_type)
                and (self.owner is None or row.owner_unit_id == self.owner)
                and (self.state is None or row.state == self.state)
                and (not self.due_only or row.review is not None)
                and (not self.text or self.text.casefold() in f"{row.title} {row.case_number}".casefold()))


class ExportSignals(QObject):
    finished = Signal(str)
    failed = Signal(str)


class RegisterExport(QRunnable):
    """Writes the register workbook on a worker thread with its own session; `cancel()` stops it
    between sheets. Results come back through `signals` (queued to the GUI thread)."""

    def __init__(self, store, path: Path, language: str) -> None:
        super().__init__()
        self.store, self.path, self.language = store, path, language
        self.cancelled = False
        self.signals = ExportSignals()

    def cancel(self) -> None:
        self.cancelled = True

    def run(self) -> None:
        from app.models.errors import StyrkortError
        from app.services.governance.register_export import register_sheets, write_xlsx

        try:
            with self.store.session() as session:
                sheets = register_sheets(session, self.language)
            write_xlsx(self.path, sheets, should_stop=lambda: self.cancelled)
        except StyrkortError as exc:
            self.signals.failed.emit(exc.message(self.language))
        except OSError as exc:
            self.signals.failed.emit(str(exc))
        else:
            self.signals.finished.emit(str(self.path))


class DirectivesPage(LazyPage):
    """Register, Att revidera and Delegation as sub-tabs."""

    exportFinished = Signal(str)  # path, or "" when it failed or was cancelled

    def __init__(self, context: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("directivesPage")

    def build(self) -> None:
        context = self.context
        self.tabs = QTabWidget()
        self.tabs.setObjectName("directiveTabs")
        self.tabs.addTab(scrollable(self._build_register()), self.tr("Register"))
        self.tabs.addTab(self._build_due(), self.tr("To review"))
        self.delegation = DelegationPanel(context, self)
        self.tabs.addTab(scrollable(self.delegation), self.tr("Delegation"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)
        context.bus.changed.connect(self._on_change)
        self.reload()
        first = self.register_proxy.index(0, 0)
        if first.isValid():
            self.select_directive(first.data(IdRole))

    def title(self) -> str:
        return self.tr("Directives")

    def menu_actions(self) -> list[tuple[str, QAction]]:
        action = QAction(self.tr("New &document"), self)
        action.setShortcut(QKeySequence("Ctrl+Shift+D"))
        action.triggered.connect(self.new_document)
        export = QAction(self.tr("Export directives &register…"), self)
        export.triggered.connect(lambda: self.export_register())
        return [("file", action), ("file", export)]

    def export_register(self, path: Path | None = None) -> RegisterExport | None:
        """Directives, delegation, plans and milestones to an Excel workbook, off the GUI thread."""
        self.ensure_built()
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Export directives register"),
                                                    str(Path.home() / "styrdokument.xlsx"), "Excel (*.xlsx)")
            if not chosen:
                return None
            path = Path(chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx")
        worker = RegisterExport(self.context.store, path, current_language())
        progress = QProgressDialog(self.tr("Exporting the register…"), self.tr("Cancel"), 0, 0, self)
        progress.setWindowTitle(self.tr("Export"))
        progress.setMinimumDuration(300)
        progress.canceled.connect(worker.cancel)
        self.export_message.clear()

        def done(result: str, ok: bool) -> None:
            progress.reset()
            progress.deleteLater()
            self.export_message.setText(fmt(self.tr("Saved %1"), result) if ok else result)
            self.exportFinished.emit(result if ok else "")

        worker.signals.finished.connect(lambda p: done(p, True))
        worker.signals.failed.connect(lambda message: done(message, False))
        self._export = worker  # keep the signals object alive until the worker reports
        QThreadPool.globalInstance().start(worker)
        return worker

    # --- register -----------------------------------------------------------------------------
    def _build_register(self) -> QWidget:
        # Review date and status first after the title: what a planner scans the register for.
        columns = [Column("title", self.tr("Title")), Column("doc_type", self.tr("Type")),
                   Column("review_due", self.tr("Review due")), Column("state", self.tr("Status")),
                   Column("owner_name", self.tr("Owner")), Column("case_number", self.tr("Case number")),
                   Column("version_no", self.tr("Version"))]
        self.register_model = RowTableModel(columns, self, background=review_background)
        self.register_proxy = RegisterFilter(self)
        self.register_proxy.setSourceModel(self.register_model)
        self.register_view = make_table(self.register_proxy, "directiveRegister", self.tr("Directive register"))
        self.register_view.setSortingEnabled(True)
        self.register_view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.register_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.register_view.selectionModel().currentRowChanged.connect(self._register_current)

        self.type_filter, self.owner_filter, self.state_filter = QComboBox(), QComboBox(), QComboBox()
        self.type_filter.setObjectName("typeFilter")
        self.owner_filter.setObjectName("ownerFilter")
        self.state_filter.setObjectName("stateFilter")
        everything = self.tr("All")
        for combo in (self.type_filter, self.owner_filter, self.state_filter):
            combo.addItem(everything, None)
        for member in DirectiveType:
            self.type_filter.addItem(term(member), member)
        for member in DirectiveState:
            self.state_filter.addItem(term(member), member)
        with self.context.store.session() as session:
            for unit_id, name in svc.adopting_bodies(session):
                self.owner_filter.addItem(name, unit_id)
        self.due_filter = QCheckBox(self.tr("Due for review"))
        self.due_filter.setObjectName("dueFilter")
        self.search = QLineEdit()
        self.search.setObjectName("directiveSearch")
        self.search.setPlaceholderText(self.tr("Search title or case number"))
        self.search.setClearButtonEnabled(True)
        for combo, name in ((self.type_filter, "doc_type"), (self.owner_filter, "owner"),
                            (self.state_filter, "state")):
            combo.currentIndexChanged.connect(
                lambda _i, c=combo, n=name: self.register_proxy.set_filter(**{n: c.currentData()}))
        self.due_filter.toggled.connect(lambda on: self.register_proxy.set_filter(due_only=on))
        self.search.textChanged.connect(lambda text: self.register_proxy.set_filter(text=text.strip()))
        new_button = QPushButton(self.tr("New document"))
        new_button.setObjectName("newDirective")
        new_button.clicked.connect(self.new_document)
        export_button = QPushButton(self.tr("Export…"))
        export_button.setToolTip(self.tr("Directives, delegation, plans and milestones to Excel"))
        export_button.clicked.connect(lambda: self.export_register())
        self.export_message = QLabel()
        self.export_message.setObjectName("exportMessage")

        filters = QHBoxLayout()
        for label, widget in ((self.tr("Type"), self.type_filter), (self.tr("Owner"), self.owner_filter),
                              (self.tr("Status"), self.state_filter)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.due_filter)
        filters.addWidget(self.search, 1)
        filters.addWidget(new_button)
        filters.addWidget(export_button)

        self.form = DirectiveForm(self.context, self)
        self.form.saved.connect(self.select_directive)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.register_view)
        splitter.addWidget(self.form)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([780, 620])
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.export_message)
        return page

    def _build_due(self) -> QWidget:
        columns = [Column("review_due", self.tr("Review due")), Column("title", self.tr("Title")),
                   Column("doc_type", self.tr("Type")), Column("owner_name", self.tr("Owner")),
                   Column("case_number", self.tr("Case number"))]
        self.due_model = RowTableModel(columns, self, background=review_background)
        self.due_view = make_table(self.due_model, "dueList", self.tr("Directives to review"))
        self.due_view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.due_view.doubleClicked.connect(lambda index: self.select_directive(index.data(IdRole)))
        hint = QLabel(self.tr("Adopted documents whose review date has passed (red) or falls within 90 days "
                              "(yellow). Double-click to open."))
        hint.setWordWrap(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(hint)
        layout.addWidget(self.due_view)
        return page

    def reload(self) -> None:
        with self.context.store.session() as session:
            rows = svc.register(session)
        current = self.form.directive_id
        self.register_model.set_rows(rows)
        self.due_model.set_rows(sorted((r for r in rows if r.review), key=lambda r: r.review_due))
        fit_columns(self.register_view)
        self.register_view.setColumnWidth(0, min(self.register_view.columnWidth(0), 260))
        self.register_view.setColumnWidth(4, min(self.register_view.columnWidth(4), 170))
        fit_columns(self.due_view)
        if current is not None:
            self._select_row(current)

    def _select_row(self, directive_id: int) -> bool:
        row = self.register_model.row_for_id(directive_id)
        if row < 0:
            return False
        index = self.register_proxy.mapFromSource(self.register_model.index(row, 0))
        if not index.isValid():
            return False
        selection = self.register_view.selectionModel()
        selection.blockSignals(True)
        self.register_view.setCurrentIndex(index)
        self.register_view.selectRow(index.row())
        selection.blockSignals(False)
        return True

    def select_directive(self, directive_id: int) -> None:
        """Show a document in the register's form (clearing filters that would hide it)."""
        self.ensure_built()
        self.tabs.setCurrentIndex(0)
        if not self._select_row(directive_id):
            for combo in (self.type_filter, self.owner_filter, self.state_filter):
                combo.setCurrentIndex(0)
            self.due_filter.setChecked(False)
            self.search.clear()
            self._select_row(directive_id)
        if self.form.directive_id != directive_id:
            self.form.load(directive_id)

    def new_document(self) -> None:
        self.ensure_built()
        self.tabs.setCurrentIndex(0)
        if not self.form.confirm_leave():
            return
        self.register_view.clearSelection()
        self.form.new_document()
        self.form.inputs["title"].setFocus()

    def _register_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        directive_id = current.data(IdRole)
        if directive_id is None or directive_id == self.form.directive_id:
            return
        if not self.form.confirm_leave():
            # Stay on the document being edited, typed text and all.
            if self.form.directive_id is None or not self._select_row(self.form.directive_id):
                selection = self.register_view.selectionModel()
                selection.blockSignals(True)
                self.register_view.clearSelection()
                selection.blockSignals(False)
            return
        self.form.load(directive_id)

    def _on_change(self, change: Change) -> None:
        if change.touches("directive"):
            self.when_shown(self.reload)


class ItemDialog(ValidatedDialog):
    """A new delegation item; OK stays open (input kept) while a required field is empty."""

    REQUIRED = ("number", "matter", "delegate")

    def __init__(self, chapters: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New delegation item"))
        self.chapter = QComboBox()
        self.chapter.setEditable(True)
        self.chapter.addItems(chapters)
        self.edits = {name: QLineEdit() for name in ("number", "matter", "legal_reference", "delegate", "deputy",
                                                      "limits")}
        self.report = QCheckBox()
        self.report.setChecked(True)
        self.add_field("chapter", self.tr("Chapter"), self.chapter)
        labels = {"number": self.tr("Number"), "matter": self.tr("Matter"), "legal_reference": self.tr("Legal reference"),
                  "delegate": self.tr("Delegate"), "deputy": self.tr("Deputy"), "limits": self.tr("Limits/conditions")}
        for name, edit in self.edits.items():
            edit.setObjectName(f"item_{name}")
            self.add_field(name, labels[name], edit)
        self.add_field("report_required", self.tr("Report to committee"), self.report)
        self.errors.add_general()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.form.addRow(buttons)

    def problems(self) -> dict[str, str]:
        missing = self.tr("Required.")
        return {name: missing for name in self.REQUIRED if not self.edits[name].text().strip()}

    def values(self) -> dict:
        return {"chapter": self.chapter.currentText().strip(), "report_required": self.report.isChecked(),
                **{name: edit.text().strip() for name, edit in self.edits.items()}}


class DelegationPanel(QWidget):
    """A delegation order's items grouped by chapter, the decisions per item and the unreported list."""

    def __init__(self, context: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("delegationPanel")
        self.context = context
        self.order_combo = QComboBox()
        self.order_combo.setObjectName("delegationOrder")
        self.order_combo.currentIndexChanged.connect(self.reload_items)
        self.message = QLabel()
        self.message.setObjectName("delegationMessage")
        self.message.setStyleSheet("color: #b00020")
        self.message.setWordWrap(True)

        item_columns = [Column("number", self.tr("No."), True), Column("matter", self.tr("Matter"), True),
                        Column("legal_reference", self.tr("Legal reference"), True),
                        Column("delegate", self.tr("Delegate"), True), Column("deputy", self.tr("Deputy"), True),
                        Column("limits", self.tr("Limits/conditions"), True),
                        Column("report_required", self.tr("Report"), True, check=True),
                        Column("unreported_count", self.tr("Unreported"))]
        self.item_model = RowTableModel(item_columns, self, on_edit=self._edit_item)
        self.item_view = make_table(self.item_model, "delegationItems", self.tr("Delegation items"))
        self.item_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.item_view.setWordWrap(True)
        self.item_view.selectionModel().currentRowChanged.connect(lambda *_: self.reload_decisions())
        add_item = QPushButton(self.tr("Add item…"))
        add_item.setObjectName("addItem")
        add_item.clicked.connect(self.add_item)
        delete_item = QPushButton(self.tr("Delete item"))
        delete_item.clicked.connect(self.delete_item)

        decision_columns = [Column("decided_on", self.tr("Decided on")), Column("decided_by", self.tr("Decided by")),
                            Column("summary", self.tr("Decision")), Column("case_number", self.tr("Case number")),
                            Column("reported_on", self.tr("Reported"))]
        self.decision_model = RowTableModel(decision_columns, self)
        self.decision_view = make_table(self.decision_model, "itemDecisions", self.tr("Decisions under the item"))
        self.decision_date = QDateEdit(to_qdate(dt.date.today()))
        self.decision_date.setAccessibleName(self.tr("Decided on"))
        self.decision_date.setCalendarPopup(True)
        self.decision_date.setDisplayFormat("yyyy-MM-dd")
        self.decision_by, self.decision_summary, self.decision_case = QLineEdit(), QLineEdit(), QLineEdit()
        self.decision_by.setPlaceholderText(self.tr("Decided by"))
        self.decision_summary.setPlaceholderText(self.tr("Decision"))
        self.decision_case.setPlaceholderText(self.tr("Case number"))
        log_button = QPushButton(self.tr("Log decision"))
        log_button.setObjectName("logDecision")
        log_button.clicked.connect(self.log_decision)
        delete_decision = QPushButton(self.tr("Delete decision"))
        delete_decision.clicked.connect(self.delete_decision)
        log_row = QHBoxLayout()
        log_row.addWidget(self.decision_date)
        log_row.addWidget(self.decision_by, 1)
        log_row.addWidget(self.decision_summary, 2)
        log_row.addWidget(self.decision_case, 1)
        log_row.addWidget(log_button)
        log_row.addWidget(delete_decision)
        decisions_box = QGroupBox(self.tr("Decisions under the selected item"))
        decisions_layout = QVBoxLayout(decisions_box)
        decisions_layout.addWidget(self.decision_view)
        decisions_layout.addLayout(log_row)

        unreported_columns = [Column("item_number", self.tr("No.")), Column("decided_on", self.tr("Decided on")),
                              Column("summary", self.tr("Decision")), Column("decided_by", self.tr("Decided by")),
                              Column("case_number", self.tr("Case number"))]
        self.unreported_model = RowTableModel(unreported_columns, self)
        self.unreported_view = make_table(self.unreported_model, "unreportedDecisions",
                                          self.tr("Decisions not yet reported"))
        self.unreported_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.meeting_date = QDateEdit(to_qdate(dt.date.today()))
        self.meeting_date.setObjectName("meetingDate")
        self.meeting_date.setCalendarPopup(True)
        self.meeting_date.setDisplayFormat("yyyy-MM-dd")
        mark = QPushButton(self.tr("Mark as reported"))
        mark.setObjectName("markReported")
        mark.setToolTip(self.tr("Marks the selected decisions, or all listed when none is selected"))
        mark.clicked.connect(self.mark_reported)
        export = QPushButton(self.tr("Export…"))
        export.setObjectName("exportUnreported")
        export.clicked.connect(self.export_unreported)
        mark_row = QHBoxLayout()
        mark_row.addWidget(QLabel(self.tr("Committee meeting")))
        mark_row.addWidget(self.meeting_date)
        mark_row.addWidget(mark)
        mark_row.addStretch(1)
        mark_row.addWidget(export)
        unreported_box = QGroupBox(self.tr("Not yet reported to the committee"))
        unreported_layout = QVBoxLayout(unreported_box)
        unreported_layout.addWidget(self.unreported_view)
        unreported_layout.addLayout(mark_row)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Delegation order")))
        top.addWidget(self.order_combo, 1)
        top.addWidget(add_item)
        top.addWidget(delete_item)
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(decisions_box)
        bottom.addWidget(unreported_box)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.item_view)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)
        context.bus.changed.connect(self._on_change)
        self.reload_orders()

    @property
    def directive_id(self) -> int | None:
        return self.order_combo.currentData()

    def reload_orders(self) -> None:
        current = self.directive_id
        with self.context.store.session() as session:
            orders = [r for r in svc.register(session) if r.doc_type is DirectiveType.DELEGATION_ORDER]
        self.order_combo.blockSignals(True)
        self.order_combo.clear()
        for row in orders:
            self.order_combo.addItem(fmt(self.tr("%1 – version %2 (%3)"), row.title, row.version_no, term(row.state)),
                                     row.id)
        self.order_combo.setCurrentIndex(max(0, self.order_combo.findData(current)))
        self.order_combo.blockSignals(False)
        self.reload_items()

    def reload_items(self) -> None:
        selected = self.item_view.currentIndex().data(IdRole)
        rows: list = []
        if self.directive_id is not None:
            with self.context.store.session() as session:
                chapter = None
                for item in svc.items(session, self.directive_id):
                    if item.chapter != chapter:
                        chapter = item.chapter
                        rows.append(chapter or self.tr("(no chapter)"))
                    rows.append(item)
        self.item_model.set_rows(rows)
        self.item_view.clearSpans()
        for number, row in enumerate(rows):
            if isinstance(row, str):
                self.item_view.setSpan(number, 0, 1, len(self.item_model.columns))
        fit_columns(self.item_view)
        self.item_view.setColumnWidth(1, min(self.item_view.columnWidth(1), 380))
        if selected is not None and self.item_model.row_for_id(selected) >= 0:
            self.item_view.selectRow(self.item_model.row_for_id(selected))
        self.reload_decisions()
        self.reload_unreported()

    def current_item_id(self) -> int | None:
        return self.item_view.currentIndex().data(IdRole)

    def reload_decisions(self) -> None:
        item_id = self.current_item_id()
        with self.context.store.session() as session:
            rows = svc.decisions(session, item_id) if item_id is not None else []
        self.decision_model.set_rows(rows)
        fit_columns(self.decision_view)

    def reload_unreported(self) -> None:
        with self.context.store.session() as session:
            rows = svc.unreported_decisions(session, self.directive_id) if self.directive_id else []
        self.unreported_model.set_rows(rows)
        fit_columns(self.unreported_view)

    def _report(self, ok: bool) -> bool:
        error = self.context.last_error
        self.message.setText("" if ok or error is None else error.message(current_language()))
        return ok

    def _edit_item(self, row, key: str, value) -> bool:
        if isinstance(value, str):
            value = value.strip()
        return self._report(self.context.push(commands.update_delegation_item(self.context, row.id, {key: value})))

    def add_item(self) -> bool:
        if self.directive_id is None:
            return False
        chapters = list(dict.fromkeys(r for r in self.item_model.rows if isinstance(r, str)))
        dialog = ItemDialog(chapters, self)
        directive_id = self.directive_id

        def submit() -> str | None:
            if self.context.push(commands.add_delegation_item(self.context, directive_id, dialog.values())):
                return None
            error = self.context.last_error
            return error.message(current_language()) if error else self.tr("Not saved.")

        dialog.submitter = submit
        return dialog.exec() == QDialog.DialogCode.Accepted

    def delete_item(self) -> bool:
        item_id = self.current_item_id()
        if item_id is None:
            return False
        return self._report(self.context.push(commands.delete_delegation_item(self.context, item_id)))

    def log_decision(self) -> bool:
        item_id = self.current_item_id()
        if item_id is None:
            self.message.setText(self.tr("Select the item the decision was taken under."))
            return False
        values = {"decided_on": from_qdate(self.decision_date.date()), "decided_by": self.decision_by.text().strip(),
                  "summary": self.decision_summary.text().strip(), "case_number": self.decision_case.text().strip()}
        if self._report(self.context.push(commands.add_decision(self.context, item_id, values))):
            for edit in (self.decision_summary, self.decision_case):
                edit.clear()
            return True
        return False

    def delete_decision(self) -> bool:
        decision_id = self.decision_view.currentIndex().data(IdRole)
        if decision_id is None:
            return False
        return self._report(self.context.push(commands.delete_decision(self.context, decision_id)))

    def selected_unreported(self) -> list:
        rows = {index.row() for index in self.unreported_view.selectionModel().selectedRows()}
        chosen = [self.unreported_model.rows[r] for r in sorted(rows)]
        return chosen or list(self.unreported_model.rows)

    def mark_reported(self) -> bool:
        rows = self.selected_unreported()
        if not rows:
            return False
        meeting = from_qdate(self.meeting_date.date())
        return self._report(self.context.push(commands.mark_reported(self.context, [r.id for r in rows], meeting)))

    def export_unreported(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export decisions to report"), str(Path.home() / "delegationsbeslut.pdf"),
            self.tr("PDF (*.pdf);;Excel (*.xlsx);;CSV (*.csv);;HTML (*.html)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> Path:
        """Write the unreported decisions for the meeting: PDF/HTML for print, XLSX/CSV for editing."""
        rows = list(self.unreported_model.rows)
        language = current_language()
        suffix = path.suffix.lower()
        if suffix in (".xlsx", ".csv"):
            return svc.export_decisions(rows, path, language)
        title = fmt(self.tr("Delegated decisions to report – %1"), self.order_combo.currentText())
        html = svc.decisions_html(rows, title, language)
        if suffix == ".html":
            path.write_text(f"<html><meta charset='utf-8'><body>{html}</body></html>", encoding="utf-8")
            return path
        # A one-page list: rendering it takes milliseconds, so it is done here rather than on a worker.
        writer = QPdfWriter(str(path))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setPageOrientation(QPageLayout.Orientation.Landscape)
        writer.setTitle(title)
        document = QTextDocument()
        document.setHtml(html)
        document.print_(writer)
        return path

    def _on_change(self, change: Change) -> None:
        if change.touches("directive"):
            self.reload_orders()
        elif change.entity in DIRECTIVE_ENTITIES:
            self.reload_items()
