"""Editing the organisation tree (`orgTree`): new unit, rename in place, delete with what depends
on it, cut/paste and drag and drop to move, and the Reorganise dialog (a dated move, merge or
split that lists its impact before it is committed).

Every action builds one command from `app.commands.organisation` over the selection (by id)
and pushes it; the tree refreshes from the change bus, keeping expansion and selection by id."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QStackedWidget,
    QTreeView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.commands import EditContext
from app.commands.organisation import (
    CreateUnitCommand,
    DeleteUnitsCommand,
    MergeUnitsCommand,
    MoveUnitsCommand,
    SplitUnitCommand,
    UpdateUnitCommand,
)
from app.models.enums import ProviderType, UnitKind
from app.models.errors import RuleViolation
from app.services.followup.assessment import contract_warning
from app.services.organisation import editing as org
from app.services.organisation import reorganisation as reorg
from app.services.platform.trees import unit_ancestor_ids
from app.views.goals.tree_models import OrgTreeModel
from app.views.i18n import current_language, term
from app.widgets.tree_editing import TreeEditing


class UnitEditor(TreeEditing, QObject):
    """The organisation tree's editing behaviour, attached to a view over an editable `OrgTreeModel`."""

    def __init__(self, context: EditContext, view: QTreeView, model: OrgTreeModel, notice: QLabel,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context, self.view, self.model, self.notice = context, view, model, notice
        self._cut: list[int] = []
        view.setDragEnabled(True)
        view.setAcceptDrops(True)
        view.setDropIndicatorShown(True)
        view.setDragDropMode(QTreeView.DragDropMode.InternalMove)
        view.setDefaultDropAction(Qt.DropAction.MoveAction)
        view.setEditTriggers(QTreeView.EditTrigger.EditKeyPressed | QTreeView.EditTrigger.SelectedClicked)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._context_menu)
        view.installEventFilter(self)
        model.editRefused.connect(self.tell)
        model.goalsMoved.connect(self.select_ids)
        view.selectionModel().currentChanged.connect(lambda *_: self.notice.hide())

        action = self.tree_action

        self.new_unit = action("actionNewUnit", self.tr("New unit"), self.create_child, "Ins")
        self.rename = action("actionRenameUnit", self.tr("Rename"), self.rename_current, "F2")
        self.delete = action("actionDeleteUnit", self.tr("Delete…"), self.delete_selected, "Del")
        self.cut = action("actionCutUnit", self.tr("Cut (to move)"), self.cut_selected, "Ctrl+X")
        self.paste = action("actionPasteUnit", self.tr("Paste under selected unit"), self.paste_cut, "Ctrl+V")
        self.reorganise = action("actionReorganise", self.tr("Reorganise…"), self.open_reorganise)
        self.tree_actions = [self.new_unit, self.rename, self.delete, self.cut, self.paste, self.reorganise]
        editable = not context.store.readonly
        for act in self.tree_actions:
            act.setEnabled(editable)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # Claim the tree's keys before the window's shortcuts see them (the goal tree has the same keys).
        if watched is self.view and (claimed := self.claim_tree_key(event)) is not None:
            return claimed or super().eventFilter(watched, event)
        return super().eventFilter(watched, event)

    def _context_menu(self, pos) -> None:
        self.show_tree_menu(pos, 3)

    # --- selection by id: current_id, selected_ids (TreeEditing) ----------------------------------

    def reveal(self, unit_id: int):
        with self.context.store.session() as session:
            ancestors = unit_ancestor_ids(session, unit_id)
        for ancestor in ancestors:
            self.model.ensure_loaded(ancestor)
            self.view.expand(self.model.index_for_id(ancestor))
        return self.model.index_for_id(unit_id)

    def select_ids(self, unit_ids: list[int]) -> None:
        selection = self.view.selectionModel()
        selection.clearSelection()
        for unit_id in unit_ids:
            index = self.reveal(unit_id)
            if index.isValid():
                selection.select(index, QItemSelectionModel.SelectionFlag.Select)
        if unit_ids:
            index = self.reveal(unit_ids[0])
            if index.isValid():
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
                self.view.scrollTo(index)

    def reload(self) -> None:
        """Re-read the tree after a structural change, keeping what was expanded and selected."""
        expanded = {unit_id for unit_id in self.model.loaded_ids()
                    if self.view.isExpanded(self.model.index_for_id(unit_id))}
        selected = self.selected_ids()
        self.model.reload()
        pending = set(expanded)
        while pending:
            ready = {unit_id for unit_id in pending if self.model.index_for_id(unit_id).isValid()}
            if not ready:
                break
            for unit_id in ready:
                self.model.ensure_loaded(unit_id)
                self.view.expand(self.model.index_for_id(unit_id))
            pending -= ready
        self.select_ids([u for u in selected if self.model.index_for_id(u).isValid()])

    # --- commands --------------------------------------------------------------------------------
    def tell(self, message: str) -> None:
        self.notice.setText(message)
        self.notice.setVisible(bool(message))
        window = self.view.window()
        if message and hasattr(window, "statusBar"):
            window.statusBar().showMessage(message, 10000)

    def push(self, command) -> bool:
        self.tell("")
        if self.context.push(command):
            window = self.view.window()
            if hasattr(window, "statusBar"):
                text = self.tr("%1 – Ctrl+Z undoes it").replace("%1", self.context.undo_stack.undoText())
                window.statusBar().showMessage(text, 8000)
            return True
        if self.context.last_error is not None:
            self.tell(self.context.last_error.message(current_language()))
        return False

    def create_child(self) -> None:
        command = CreateUnitCommand(self.context, self.current_id(), self.tr("New unit"), -1, self.tr("New unit"))
        if self.push(command):
            self.select_ids([command.unit_id])
            self.view.edit(self.model.index_for_id(command.unit_id))

    def rename_current(self) -> None:
        if self.view.currentIndex().isValid():
            self.view.edit(self.view.currentIndex())

    def deletion_text(self, unit_ids: list[int]) -> str:
        with self.context.store.session() as session:
            found = org.dependents(session, unit_ids)
            first = org._name(session, unit_ids[0])
        head = (self.tr("Delete “%1”?").replace("%1", first) if found.units == 1
                else self.tr("Delete %n unit(s)?", "", found.units))
        language = current_language()
        lines = [f"{count} {sv if language == 'sv' else en}" for sv, en, count in found.lines]
        parts = [head]
        if lines:
            parts.append(self.tr("What depends on it: %1.").replace("%1", ", ".join(lines)))
        parts.append(self.tr("The audit history is kept. Undo (Ctrl+Z) restores everything."))
        return "\n\n".join(parts)

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Delete units"), self.deletion_text(ids),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self.view)
        box.setObjectName("confirmDeleteUnits")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        if box.exec() == QMessageBox.StandardButton.Yes:
            self.push(DeleteUnitsCommand(self.context, ids, self.tr("Delete %n unit(s)", "", len(ids))))

    def cut_selected(self) -> None:
        self._cut = self.selected_ids()
        self.tell(self.tr("%n unit(s) cut: select the new parent and press Ctrl+V.", "", len(self._cut)))

    def paste_cut(self) -> None:
        if not self._cut:
            self.tell(self.tr("Nothing is cut. Select units and press Ctrl+X first."))
            return
        ids = self._cut
        if self.push(MoveUnitsCommand(self.context, ids, self.current_id(), -1,
                                      text=self.tr("Move %n unit(s)", "", len(ids)))):
            self._cut = []
            self.select_ids(ids)

    def open_reorganise(self) -> None:
        ids = self.selected_ids()
        if not ids:
            self.tell(self.tr("Select the units to reorganise first."))
            return
        dialog = ReorganiseDialog(self.context, ids, self.view)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.command is not None:
            if self.push(dialog.command):
                self.select_ids(ids)


class ReorganiseDialog(QDialog):
    """A dated move, merge or split of the selected units. The impact (what the change touches,
    one line per item, with the follow-up actions offered) is listed before anything is written."""

    MOVE, MERGE, SPLIT = 0, 1, 2

    def __init__(self, context: EditContext, unit_ids: list[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context, self.unit_ids = context, list(unit_ids)
        self.command = None
        self.setObjectName("reorganiseDialog")
        self.setWindowTitle(self.tr("Reorganise"))
        with context.store.session() as session:
            self.names = [org._name(session, u) for u in unit_ids]
            self.choices = org.open_units(session)
        self.what = QComboBox()
        self.what.setObjectName("reorganiseKind")
        self.what.addItems([self.tr("Move under another unit"), self.tr("Merge into another unit"),
                            self.tr("Split into new units")])
        self.target = QComboBox()
        self.target.setObjectName("reorganiseTarget")
        for unit_id, name, kind in self.choices:
            if unit_id not in self.unit_ids:
                self.target.addItem(f"{name} ({term(kind)})", unit_id)
        self.effective = QDateEdit()
        self.effective.setObjectName("reorganiseFrom")
        self.effective.setCalendarPopup(True)
        self.effective.setDisplayFormat("yyyy-MM-dd")
        self.effective.setDate(QDate(dt.date.today().year + 1, 1, 1))
        self.parts = QPlainTextEdit()
        self.parts.setObjectName("reorganiseParts")
        self.parts.setPlaceholderText(self.tr("One new unit per line: CODE=Name"))
        self.flag = QCheckBox(self.tr("Flag the old committee's delegation order for revision"))
        self.flag.setObjectName("reorganiseFlagDelegation")
        self.flag.setChecked(True)
        self.hand_over = QCheckBox(self.tr("Hand goals, later targets and plans over to the successor"))
        self.hand_over.setObjectName("reorganiseHandOver")
        self.hand_over.setChecked(True)
        self.fields = QStackedWidget()
        self.impact_list = QTreeWidget()
        self.impact_list.setObjectName("reorganiseImpact")
        self.impact_list.setHeaderLabels([self.tr("What"), self.tr("Follow-up action offered")])
        self.impact_list.setUniformRowHeights(True)
        self.impact_list.header().setSectionResizeMode(0, self.impact_list.header().ResizeMode.Stretch)
        self.impact_list.header().setStretchLastSection(False)
        self.impact_list.header().setSectionResizeMode(1, self.impact_list.header().ResizeMode.ResizeToContents)
        self.summary = QLabel()
        self.summary.setObjectName("reorganiseSummary")
        self.summary.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("reorganiseError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Units"), QLabel(", ".join(self.names)))
        form.addRow(self.tr("Change"), self.what)
        self.target_label = QLabel(self.tr("To"))
        form.addRow(self.target_label, self.target)
        form.addRow(self.tr("From date"), self.effective)
        self.parts_label = QLabel(self.tr("New units"))
        form.addRow(self.parts_label, self.parts)
        form.addRow("", self.flag)
        form.addRow("", self.hand_over)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Reorganise"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("What this touches (before anything is changed):")))
        layout.addWidget(self.impact_list, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.what.currentIndexChanged.connect(self._update)
        self.target.currentIndexChanged.connect(self._update)
        self.effective.dateChanged.connect(self._update)
        self.resize(720, 560)
        self._update()

    def _day(self) -> dt.date:
        d = self.effective.date()
        return dt.date(d.year(), d.month(), d.day())

    def _parsed_parts(self) -> list[tuple[str, str]]:
        parts = []
        for line in self.parts.toPlainText().splitlines():
            code, _sep, name = line.partition("=")
            if code.strip() and name.strip():
                parts.append((code.strip(), name.strip()))
        return parts

    def _update(self) -> None:
        kind = self.what.currentIndex()
        split = kind == self.SPLIT
        self.target.setVisible(not split)
        self.target_label.setVisible(not split)
        self.parts.setVisible(split)
        self.parts_label.setVisible(split)
        self.hand_over.setVisible(kind == self.MERGE)
        self.flag.setVisible(kind != self.SPLIT)
        target = self.target.currentData()
        with self.context.store.session() as session:
            if split:
                parent = org._row(session, self.unit_ids[0]).parent_id
                found = reorg.impact(session, self.unit_ids[:1], parent, merging=True, day=self._day())
            elif kind == self.MERGE:
                found = reorg.impact(session, self.unit_ids, target, merging=True, day=self._day())
            else:
                found = reorg.impact(session, self.unit_ids, target, day=self._day())
        language = current_language()
        index = 0 if language == "sv" else 1
        self.impact_list.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        counts = found.counts()
        for item in found.items:
            group = groups.get(item.area)
            if group is None:
                group = groups[item.area] = QTreeWidgetItem(
                    [f"{reorg.AREA_LABELS[item.area][index]} ({counts[item.area]})"])
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                self.impact_list.addTopLevelItem(group)
            action = reorg.ACTION_LABELS[item.action][index] if item.action else ""
            child = QTreeWidgetItem([item.text, action])
            child.setToolTip(0, item.text)
            group.addChild(child)
        for group in groups.values():
            group.setExpanded(group.childCount() <= 12)
        self.found = found
        self.summary.setText(self.tr("%n unit(s) affected", "", len(found.units)) + "; "
                             + self.tr("%n item(s) touched", "", len(found.items)))

    def impact_lines(self) -> list[str]:
        """The impact as the command line prints it (one line per item)."""
        return self.found.lines(current_language())

    def _accept(self) -> None:
        kind = self.what.currentIndex()
        day = self._day()
        if kind == self.MOVE:
            self.command = MoveUnitsCommand(self.context, self.unit_ids, self.target.currentData(), effective_on=day,
                                            flag_delegation=self.flag.isChecked(),
                                            text=self.tr("Reorganise %n unit(s)", "", len(self.unit_ids)))
        elif kind == self.MERGE:
            self.command = MergeUnitsCommand(self.context, self.unit_ids, self.target.currentData(), day,
                                             hand_over=self.hand_over.isChecked(),
                                             flag_delegation=self.flag.isChecked(),
                                             text=self.tr("Merge %n unit(s)", "", len(self.unit_ids)))
        else:
            self.command = SplitUnitCommand(self.context, self.unit_ids[0], self._parsed_parts(), day,
                                            text=self.tr("Split unit"))
        # Check the rules here, so a refusal is explained in the dialog and nothing is written.
        with self.context.store.session() as session:
            try:
                self.command.check(session)
            except RuleViolation as exc:
                self.error.setText(exc.message(current_language()))
                self.command = None
                return
        self.accept()


class UnitForm(QWidget):
    """Editable fields of one unit; each finished field is one undoable command. Warns when an
    external provider's contract ends within the latest follow-up period."""

    def __init__(self, context: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("unitForm")
        self.unit_id: int | None = None
        self._filling = False
        self.heading = QLabel()
        self.heading.setObjectName("unitFormHeading")
        self.heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.name = QLineEdit()
        self.name.setObjectName("unitName")
        self.code = QLineEdit()
        self.code.setObjectName("unitCode")
        self.kind = QComboBox()
        self.kind.setObjectName("unitKind")
        for kind in UnitKind:
            if kind is not UnitKind.REFERENCE:
                self.kind.addItem(term(kind), kind)
        self.provider_type = QComboBox()
        self.provider_type.setObjectName("unitProviderType")
        self.provider_type.addItem("–", None)
        for provider_type in ProviderType:
            self.provider_type.addItem(term(provider_type), provider_type)
        self.provider_name = QLineEdit()
        self.provider_name.setObjectName("unitProviderName")
        self.org_number = QLineEdit()
        self.org_number.setObjectName("unitOrgNumber")
        self.org_number.setPlaceholderText("NNNNNN-NNNN")
        self.service_area = QLineEdit()
        self.service_area.setObjectName("unitServiceArea")
        self.contract_start = QLineEdit()
        self.contract_start.setObjectName("unitContractStart")
        self.contract_start.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.contract_end = QLineEdit()
        self.contract_end.setObjectName("unitContractEnd")
        self.contract_end.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.municipality_code = QLineEdit()
        self.municipality_code.setObjectName("unitMunicipalityCode")
        self.kolada_ou_id = QLineEdit()
        self.kolada_ou_id.setObjectName("unitKoladaId")
        self.description = QLineEdit()
        self.description.setObjectName("unitDescription")
        self.warning = QLabel()
        self.warning.setObjectName("unitContractWarning")
        self.warning.setStyleSheet("color: #8a5a00;")
        self.warning.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("unitFormError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Code"), self.code)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Provider type"), self.provider_type)
        form.addRow(self.tr("Provider"), self.provider_name)
        form.addRow(self.tr("Organisation number"), self.org_number)
        form.addRow(self.tr("Service area"), self.service_area)
        form.addRow(self.tr("Contract from"), self.contract_start)
        form.addRow(self.tr("Contract to"), self.contract_end)
        form.addRow(self.tr("Kolada municipality"), self.municipality_code)
        form.addRow(self.tr("Kolada unit id"), self.kolada_ou_id)
        form.addRow(self.tr("Description"), self.description)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(self.error)
        layout.addStretch(1)
        for name in ("name", "code", "provider_name", "org_number", "service_area", "municipality_code",
                     "kolada_ou_id", "description"):
            widget = getattr(self, name)
            widget.editingFinished.connect(lambda name=name, widget=widget: self._commit_text(name, widget))
        for name in ("contract_start", "contract_end"):
            widget = getattr(self, name)
            widget.editingFinished.connect(lambda name=name, widget=widget: self._commit_date(name, widget))
        self.kind.activated.connect(lambda _i: self._commit("kind", self.kind.currentData()))
        self.provider_type.activated.connect(lambda _i: self._commit("provider_type", self.provider_type.currentData()))
        context.bus.changed.connect(self._on_change)
        self.setEnabled(False)

    def show_unit(self, unit_id: int | None) -> None:
        self.unit_id = unit_id
        self.error.clear()
        self._fill()

    def _fill(self) -> None:
        if self.unit_id is None:
            self.setEnabled(False)
            return
        with self.context.store.session() as session:
            try:
                fields = org.unit_fields(session, self.unit_id)
            except RuleViolation:
                self.unit_id = None
                self.setEnabled(False)
                return
            warning = contract_warning(session, fields["contract_end"])
        self._filling = True
        self.setEnabled(not self.context.store.readonly and fields["kind"] is not UnitKind.REFERENCE)
        self.heading.setText(f"{term(fields['kind'])}: {fields['name']}")
        for name in ("name", "code", "provider_name", "org_number", "service_area", "municipality_code",
                     "kolada_ou_id", "description"):
            getattr(self, name).setText(fields[name] or "")
        for name in ("contract_start", "contract_end"):
            getattr(self, name).setText(fields[name].isoformat() if fields[name] else "")
        self.kind.setCurrentIndex(max(0, self.kind.findData(fields["kind"])))
        self.provider_type.setCurrentIndex(max(0, self.provider_type.findData(fields["provider_type"])))
        if warning:
            period, end = warning
            self.warning.setText(self.tr("The contract ends %1, within the follow-up period %2.")
                                 .replace("%1", end.isoformat()).replace("%2", period))
        self.warning.setVisible(bool(warning))
        self._filling = False

    def _on_change(self, change) -> None:
        if change.entity == "org_unit" and self.unit_id is not None:
            self._fill()

    def _commit_text(self, name: str, widget: QLineEdit) -> None:
        text = widget.text().strip()
        self._commit(name, text if text or name in ("name", "code", "description") else None)

    def _commit_date(self, name: str, widget: QLineEdit) -> None:
        text = widget.text().strip()
        if not text:
            self._commit(name, None)
            return
        try:
            value = dt.date.fromisoformat(text)
        except ValueError:
            self.error.setText(self.tr("%1 is not a date (write YYYY-MM-DD).").replace("%1", text))
            return
        self._commit(name, value)

    def _commit(self, name: str, value: object) -> None:
        if self._filling or self.unit_id is None:
            return
        with self.context.store.session() as session:
            current = org.unit_fields(session, self.unit_id)
        if current[name] == value:
            return
        self.error.clear()
        label = {"name": self.tr("name"), "code": self.tr("code"), "kind": self.tr("kind"),
                 "provider_type": self.tr("provider type"), "provider_name": self.tr("provider"),
                 "org_number": self.tr("organisation number"), "service_area": self.tr("service area"),
                 "contract_start": self.tr("contract start"), "contract_end": self.tr("contract end"),
                 "municipality_code": self.tr("Kolada municipality"), "kolada_ou_id": self.tr("Kolada unit id"),
                 "description": self.tr("description")}[name]
        command = UpdateUnitCommand(self.context, self.unit_id, {name: value},
                                    self.tr("Edit unit: %1").replace("%1", label))
        if not self.context.push(command) and self.context.last_error is not None:
            self.error.setText(self.context.last_error.message(current_language()))
            self._fill()
