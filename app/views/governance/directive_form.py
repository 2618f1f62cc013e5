"""The form for one styrdokument, with its lifecycle buttons, version history and comparison.

Validation runs as the planner types (after a short pause) and again on save; messages appear
under each field and the typed text is never reset by a refused save. An adopted or repealed
version is shown read-only: "New version" is the way to change it."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.commands import Change, EditContext
from app.commands import directives as commands
from app.models import DirectiveState, DirectiveType
from app.services.governance import directives as svc
from app.views.governance.directive_models import fmt
from app.views.i18n import current_language, term

DATE_FIELDS = ("adopted_on", "valid_from", "valid_to", "review_due")
TEXT_FIELDS = ("title", "case_number", "responsible")
MAX_ATTACHMENT = 25 * 1024 * 1024  # larger files are linked, not copied into the database


def parse_date(text: str) -> dt.date | None:
    """ISO date or empty; raises ValueError otherwise."""
    text = text.strip()
    return dt.date.fromisoformat(text) if text else None


class DirectiveForm(QWidget):
    """Shows and edits one document; `saved(id)` after a new document was created."""

    saved = Signal(int)

    def __init__(self, context: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("directiveForm")
        self.context = context
        self.directive_id: int | None = None
        self.state = DirectiveState.DRAFT
        self.loaded: dict = {}
        self.attachment: dict = {"attachment_name": None, "attachment_data": None, "attachment_link": None}
        self._loading = False

        self.heading = QLabel()
        self.heading.setObjectName("directiveHeading")
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold")
        self.state_label = QLabel()
        self.state_label.setObjectName("directiveState")

        self.inputs: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        def add(name: str, label: str, widget: QWidget) -> None:
            widget.setObjectName(f"field_{name}")
            widget.setAccessibleName(label)
            error = QLabel()
            error.setObjectName(f"error_{name}")
            error.setStyleSheet("color: #b00020")
            error.setWordWrap(True)
            error.hide()
            box = QVBoxLayout()
            box.setSpacing(1)
            box.addWidget(widget)
            box.addWidget(error)
            form.addRow(label, box)
            self.inputs[name], self.errors[name] = widget, error

        add("title", self.tr("Title"), QLineEdit())
        doc_type = QComboBox()
        for member in DirectiveType:
            doc_type.addItem(term(member), member)
        add("doc_type", self.tr("Type"), doc_type)
        add("case_number", self.tr("Case number"), QLineEdit())
        self.inputs["case_number"].setPlaceholderText("RS 2026/123")
        owner, adopted_by = QComboBox(), QComboBox()
        with context.store.session() as session:
            bodies = svc.adopting_bodies(session)
            goals = svc.linkable_goals(session)
        for combo in (owner, adopted_by):
            combo.addItem("", None)
            for unit_id, name in bodies:
                combo.addItem(name, unit_id)
        add("owner_unit_id", self.tr("Owner"), owner)
        add("adopted_by_unit_id", self.tr("Adopted by"), adopted_by)
        date_hint = self.tr("YYYY-MM-DD")
        for name, label in (("adopted_on", self.tr("Adoption date")), ("valid_from", self.tr("Valid from")),
                            ("valid_to", self.tr("Valid to")), ("review_due", self.tr("Review due"))):
            edit = QLineEdit()
            edit.setPlaceholderText(date_hint)
            add(name, label, edit)
        add("responsible", self.tr("Responsible officer"), QLineEdit())
        summary = QPlainTextEdit()
        summary.setMaximumHeight(70)
        add("summary", self.tr("Summary"), summary)
        add("body", self.tr("Body text"), QPlainTextEdit())

        self.attachment_label = QLabel()
        self.attachment_label.setObjectName("attachmentLabel")
        self.attach_button = QPushButton(self.tr("Attach file…"))
        self.link_button = QPushButton(self.tr("Link…"))
        self.open_button = QPushButton(self.tr("Open"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.attach_button.clicked.connect(self.attach_file)
        self.link_button.clicked.connect(self.link_file)
        self.open_button.clicked.connect(self.open_attachment)
        self.remove_button.clicked.connect(self.remove_attachment)
        row = QHBoxLayout()
        row.addWidget(self.attachment_label, 1)
        for button in (self.attach_button, self.link_button, self.open_button, self.remove_button):
            row.addWidget(button)
        form.addRow(self.tr("Attachment"), row)

        self.goal_list = QListWidget()
        self.goal_list.setObjectName("field_goal_ids")
        self.goal_list.setAccessibleName(self.tr("Linked goals"))
        self.goal_list.setMaximumHeight(120)
        for goal_id, code, title in goals:
            item = QListWidgetItem(f"{code or ''}  {title}")
            item.setData(Qt.ItemDataRole.UserRole, goal_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.goal_list.addItem(item)
        form.addRow(self.tr("Linked goals"), self.goal_list)

        self.general_error = QLabel()
        self.general_error.setObjectName("generalError")
        self.general_error.setStyleSheet("color: #b00020")
        self.general_error.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("saveDirective")
        self.consult_button = QPushButton(self.tr("Send for consultation"))
        self.adopt_button = QPushButton(self.tr("Adopt"))
        self.adopt_button.setObjectName("adoptDirective")
        self.repeal_button = QPushButton(self.tr("Repeal"))
        self.draft_button = QPushButton(self.tr("Back to draft"))
        self.version_button = QPushButton(self.tr("New version"))
        self.version_button.setObjectName("newVersion")
        self.save_button.clicked.connect(self.save)
        self.consult_button.clicked.connect(lambda: self.set_state(DirectiveState.CONSULTATION))
        self.adopt_button.clicked.connect(lambda: self.set_state(DirectiveState.ADOPTED))
        self.repeal_button.clicked.connect(lambda: self.set_state(DirectiveState.REPEALED))
        self.draft_button.clicked.connect(lambda: self.set_state(DirectiveState.DRAFT))
        self.version_button.clicked.connect(self.new_version)
        buttons = QHBoxLayout()
        for button in (self.save_button, self.consult_button, self.adopt_button, self.repeal_button,
                       self.draft_button, self.version_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        fields = QWidget()
        fields_layout = QVBoxLayout(fields)
        fields_layout.addWidget(self.heading)
        fields_layout.addWidget(self.state_label)
        fields_layout.addLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(fields)

        # Version history with a field-by-field comparison of any two versions.
        self.version_list = QListWidget()
        self.version_list.setObjectName("versionList")
        self.version_list.setAccessibleName(self.tr("Versions"))
        self.version_list.itemActivated.connect(
            lambda item: self.load(item.data(Qt.ItemDataRole.UserRole)))
        self.compare_from, self.compare_to = QComboBox(), QComboBox()
        self.compare_from.setObjectName("compareFrom")
        self.compare_to.setObjectName("compareTo")
        self.compare_from.currentIndexChanged.connect(self.show_comparison)
        self.compare_to.currentIndexChanged.connect(self.show_comparison)
        self.diff_table = QTableWidget(0, 3)
        self.diff_table.setObjectName("diffTable")
        self.diff_table.setAccessibleName(self.tr("Differences between the versions"))
        self.diff_table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Before"), self.tr("After")])
        self.diff_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.diff_table.verticalHeader().hide()
        self.diff_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        history = QGroupBox(self.tr("Version history"))
        history_layout = QHBoxLayout(history)
        history_layout.addWidget(self.version_list, 2)
        compare = QVBoxLayout()
        pick = QHBoxLayout()
        pick.addWidget(QLabel(self.tr("Compare")))
        pick.addWidget(self.compare_from)
        pick.addWidget(QLabel(self.tr("with")))
        pick.addWidget(self.compare_to)
        compare.addLayout(pick)
        compare.addWidget(self.diff_table)
        history_layout.addLayout(compare, 3)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(scroll)
        splitter.addWidget(history)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([500, 260])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.general_error)
        layout.addLayout(buttons)

        self._validate_timer = QTimer(self)
        self._validate_timer.setSingleShot(True)
        self._validate_timer.setInterval(300)
        self._validate_timer.timeout.connect(self.validate)
        for widget in self.inputs.values():
            signal = (widget.textChanged if isinstance(widget, QLineEdit | QPlainTextEdit)
                      else widget.currentIndexChanged)
            signal.connect(self._edited)
        self.goal_list.itemChanged.connect(self._edited)
        context.bus.changed.connect(self._on_change)
        self.new_document()

    # --- loading ----------------------------------------------------------------------------
    def new_document(self) -> None:
        """An empty form for a new draft."""
        self.directive_id = None
        self._fill({"doc_type": DirectiveType.GUIDELINE}, DirectiveState.DRAFT)
        self.heading.setText(self.tr("New document"))
        self.version_list.clear()
        self._fill_compare([])

    def load(self, directive_id: int | None) -> None:
        if directive_id is None:
            self.new_document()
            return
        with self.context.store.session() as session:
            values = svc.directive_values(session, directive_id)
            chain = svc.version_chain(session, directive_id)
        self.directive_id = directive_id
        self._fill(values, values["state"])
        self.heading.setText(values["title"])
        self.version_list.clear()
        for version in chain:
            text = fmt(self.tr("Version %1 – %2"), version.version_no, term(version.state))
            if version.adopted_on:
                text += f" ({version.adopted_on.isoformat()})"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, version.id)
            self.version_list.addItem(item)
            if version.id == directive_id:
                item.setSelected(True)
                font = item.font()
                font.setBold(True)
                item.setFont(font)
        self._fill_compare(chain)

    def _fill(self, values: dict, state: DirectiveState) -> None:
        self._loading = True
        try:
            self.state = state
            for name in TEXT_FIELDS:
                self.inputs[name].setText(values.get(name) or "")
            for name in DATE_FIELDS:
                date = values.get(name)
                self.inputs[name].setText(date.isoformat() if date else "")
            for name in ("summary", "body"):
                self.inputs[name].setPlainText(values.get(name) or "")
            for name in ("doc_type", "owner_unit_id", "adopted_by_unit_id"):
                combo = self.inputs[name]
                combo.setCurrentIndex(max(0, combo.findData(values.get(name))))
            goal_ids = set(values.get("goal_ids") or ())
            for row in range(self.goal_list.count()):
                item = self.goal_list.item(row)
                item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in goal_ids
                                   else Qt.CheckState.Unchecked)
            self.attachment = {k: values.get(k) for k in ("attachment_name", "attachment_data", "attachment_link")}
            self.loaded = self.values() if not self._parse_errors() else {}
        finally:
            self._loading = False
        self.general_error.clear()
        self._show_errors({})
        self._update_state()

    def _fill_compare(self, chain) -> None:
        for combo in (self.compare_from, self.compare_to):
            combo.blockSignals(True)
            combo.clear()
            for version in chain:
                combo.addItem(fmt(self.tr("Version %1"), version.version_no), version.id)
            combo.blockSignals(False)
        if len(chain) >= 2:
            current = next((i for i, v in enumerate(chain) if v.id == self.directive_id), len(chain) - 1)
            self.compare_to.setCurrentIndex(max(current, 1))
            self.compare_from.setCurrentIndex(max(current, 1) - 1)
        self.show_comparison()

    def show_comparison(self) -> None:
        old, new = self.compare_from.currentData(), self.compare_to.currentData()
        self.diff_table.setRowCount(0)
        if old is None or new is None or old == new:
            return
        with self.context.store.session() as session:
            diffs = svc.compare(session, old, new)
        language = current_language()
        self.diff_table.setRowCount(len(diffs))
        for row, diff in enumerate(diffs):
            cells = (diff.sv if language == "sv" else diff.en, _plain(diff.old), _plain(diff.new))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.diff_table.setItem(row, column, item)

    # --- values and validation ----------------------------------------------------------------
    def _parse_errors(self) -> dict[str, str]:
        problems = {}
        for name in DATE_FIELDS:
            try:
                parse_date(self.inputs[name].text())
            except ValueError:
                problems[name] = self.tr("Enter a date as YYYY-MM-DD.")
        return problems

    def values(self) -> dict:
        """The form's values as plain data (dates that do not parse are left out)."""
        values: dict = {name: self.inputs[name].text().strip() for name in TEXT_FIELDS}
        for name in DATE_FIELDS:
            try:
                values[name] = parse_date(self.inputs[name].text())
            except ValueError:
                values[name] = None
        values["summary"] = self.inputs["summary"].toPlainText()
        values["body"] = self.inputs["body"].toPlainText()
        for name in ("owner_unit_id", "adopted_by_unit_id"):
            values[name] = self.inputs[name].currentData()
        # Qt hands enum members back as plain strings.
        doc_type = self.inputs["doc_type"].currentData()
        values["doc_type"] = DirectiveType(doc_type) if doc_type else None
        values["goal_ids"] = tuple(sorted(
            self.goal_list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.goal_list.count())
            if self.goal_list.item(r).checkState() == Qt.CheckState.Checked))
        values.update(self.attachment)
        return values

    def validate(self) -> bool:
        """Show every problem under its field; True when the form can be saved."""
        problems = self._parse_errors()
        with self.context.store.session() as session:
            for error in svc.validate(session, self.values(), self.directive_id):
                problems.setdefault(error.field, error.error.message(current_language()))
        self._show_errors(problems)
        return not problems

    def _show_errors(self, problems: dict[str, str]) -> None:
        for name, label in self.errors.items():
            label.setText(problems.get(name, ""))
            label.setVisible(name in problems)

    def is_dirty(self) -> bool:
        return self.values() != self.loaded

    def _edited(self, *_args) -> None:
        if not self._loading:
            self._validate_timer.start()
            self._update_state()

    def _update_state(self) -> None:
        locked = self.state in svc.LOCKED_STATES
        text = term(self.state)
        if locked:
            text += " – " + self.tr("read-only; create a new version to change it")
        self.state_label.setText(text)
        for widget in self.inputs.values():
            if isinstance(widget, QLineEdit | QPlainTextEdit):
                widget.setReadOnly(locked)
            else:
                widget.setEnabled(not locked)
        self.goal_list.setEnabled(not locked)
        for button in (self.attach_button, self.link_button, self.remove_button):
            button.setEnabled(not locked)
        has_attachment = bool(self.attachment.get("attachment_data") or self.attachment.get("attachment_link"))
        self.open_button.setEnabled(has_attachment)
        self.remove_button.setEnabled(has_attachment and not locked)
        link = self.attachment.get("attachment_link")
        name = self.attachment.get("attachment_name")
        data = self.attachment.get("attachment_data")
        if data is not None:
            self.attachment_label.setText(fmt(self.tr("%1 (stored in the database, %2 kB)"), name or "",
                                              max(1, len(data) // 1024)))
        elif link:
            self.attachment_label.setText(fmt(self.tr("Link: %1"), link))
        else:
            self.attachment_label.setText(self.tr("No attachment"))
        existing = self.directive_id is not None
        self.save_button.setEnabled(not locked)
        self.consult_button.setEnabled(existing and self.state is DirectiveState.DRAFT)
        self.adopt_button.setEnabled(existing and self.state in (DirectiveState.DRAFT, DirectiveState.CONSULTATION))
        self.draft_button.setEnabled(existing and self.state is DirectiveState.CONSULTATION)
        self.repeal_button.setEnabled(existing and self.state is DirectiveState.ADOPTED)
        self.version_button.setEnabled(existing and self.state is DirectiveState.ADOPTED)

    # --- actions ------------------------------------------------------------------------------
    def confirm_leave(self) -> bool:
        """Before showing another document: offer to save typed changes. False means stay."""
        if not self.is_dirty():
            return True
        answer = QMessageBox.question(
            self, self.tr("Unsaved changes"),
            fmt(self.tr("Save the changes to “%1”?"), self.inputs["title"].text() or self.tr("New document")),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def _fail(self) -> bool:
        error = self.context.last_error
        self.general_error.setText(error.message(current_language()) if error else "")
        return False

    def save(self) -> bool:
        """Validate and save; on a refusal the typed text stays as it is."""
        self.general_error.clear()
        if not self.validate():
            self.general_error.setText(self.tr("Correct the marked fields; nothing was saved."))
            return False
        values = self.values()
        if self.directive_id is None:
            command = commands.create_directive(self.context, values)
            if not self.context.push(command):
                return self._fail()
            self.load(command.row_id)
            self.saved.emit(command.row_id)
            return True
        changed = {k: v for k, v in values.items() if self.loaded.get(k) != v}
        if not changed:
            return True
        if not self.context.push(commands.update_directive(self.context, self.directive_id, changed)):
            return self._fail()
        return True

    def set_state(self, state: DirectiveState) -> bool:
        if self.directive_id is None:
            return False
        if self.is_dirty() and not self.save():
            return False
        adopted_on = None
        if state is DirectiveState.ADOPTED:
            try:
                adopted_on = parse_date(self.inputs["adopted_on"].text())
            except ValueError:
                adopted_on = None
        if not self.context.push(commands.set_directive_state(self.context, self.directive_id, state, adopted_on)):
            return self._fail()
        return True

    def new_version(self) -> bool:
        command = commands.new_version(self.context, self.directive_id)
        if not self.context.push(command):
            return self._fail()
        self.load(command.row_id)
        self.saved.emit(command.row_id)
        return True

    def attach_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Attach file"))
        if path:
            self.set_attachment_file(Path(path))

    def set_attachment_file(self, path: Path) -> None:
        """Copy a file into the form (saved into the database with the document)."""
        if path.stat().st_size > MAX_ATTACHMENT:
            self.general_error.setText(self.tr("The file is larger than 25 MB; link to it instead."))
            return
        self.attachment = {"attachment_name": path.name, "attachment_data": path.read_bytes(),
                           "attachment_link": None}
        self._edited()

    def link_file(self) -> None:
        link, ok = QInputDialog.getText(self, self.tr("Link to attachment"), self.tr("Address or file path:"),
                                        text=self.attachment.get("attachment_link") or "")
        if ok and link.strip():
            self.attachment = {"attachment_name": Path(link.strip()).name, "attachment_data": None,
                               "attachment_link": link.strip()}
            self._edited()

    def remove_attachment(self) -> None:
        self.attachment = {"attachment_name": None, "attachment_data": None, "attachment_link": None}
        self._edited()

    def open_attachment(self) -> None:
        data, link = self.attachment.get("attachment_data"), self.attachment.get("attachment_link")
        if data is not None:
            folder = Path(tempfile.mkdtemp(prefix="styrkort-"))
            target = folder / (self.attachment.get("attachment_name") or "bilaga")
            target.write_bytes(data)
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
        elif link:
            url = QUrl(link) if "://" in link else QUrl.fromLocalFile(link)
            QDesktopServices.openUrl(url)

    def _on_change(self, change: Change) -> None:
        if change.everything and self.directive_id is not None:
            change = Change("directive", frozenset({self.directive_id}))
        if change.entity == "directive" and self.directive_id in change.ids:
            # After undoing a new version, show the version that remains.
            with self.context.store.session() as session:
                remaining = svc.existing_directives(session, [self.directive_id, *sorted(change.ids)])
            self.load(remaining[0] if remaining else None)


def _plain(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "sv"):
        return term(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
