"""Verksamhetsplaner per unit and year (sections, activities linked to goals, goals without an
activity, copy last year's plan) and the programme for providers (KL 5 kap. 3 §)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.commands import Change, EditContext
from app.commands import plans as commands
from app.models import ActivityState, AdoptionState
from app.services.governance import plans as svc
from app.services.governance import programme
from app.views.governance.directive_models import Column, IdRole, RowTableModel, fmt
from app.views.i18n import current_language, term
from app.views.lazy_page import LazyPage
from app.widgets.tables import fit_columns, make_table, scrollable

PLAN_ENTITIES = {"operational_plan", "activity"}
SECTION_FIELDS = ("mission", "goals_text", "resources", "follow_up")


class PlansPage(LazyPage):
    """Verksamhetsplaner and the programme for providers as sub-tabs."""

    def __init__(self, context: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("plansPage")

    def build(self) -> None:
        context = self.context
        self.tabs = QTabWidget()
        self.plan = PlanPanel(context, self)
        self.programme = ProgrammePanel(context, self)
        self.tabs.addTab(scrollable(self.plan), self.tr("Operational plans"))
        self.tabs.addTab(scrollable(self.programme), self.tr("Programme for providers"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)

    def title(self) -> str:
        return self.tr("Operational plans")


class PlanPanel(QWidget):
    def __init__(self, context: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planPanel")
        self.context = context
        self.plan_id: int | None = None
        self.unit_combo = QComboBox()
        self.unit_combo.setObjectName("planUnit")
        with context.store.session() as session:
            units = svc.planning_units(session)
            latest = max((p.year for p in svc.plans(session)), default=dt.date.today().year)
            with_plans = [p.unit_id for p in svc.plans(session, latest)]
        for unit_id, name in units:
            self.unit_combo.addItem(name, unit_id)
        self.year = QSpinBox()
        self.year.setObjectName("planYear")
        self.year.setRange(2000, 2100)
        self.year.setValue(latest)
        self.new_button = QPushButton(self.tr("New plan"))
        self.new_button.setObjectName("newPlan")
        self.copy_button = QPushButton(self.tr("Copy last year's plan"))
        self.copy_button.setObjectName("copyPlan")
        self.new_button.clicked.connect(self.new_plan)
        self.copy_button.clicked.connect(self.copy_last_year)
        self.status = QLabel()
        self.status.setObjectName("planStatus")
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Unit")))
        top.addWidget(self.unit_combo, 1)
        top.addWidget(QLabel(self.tr("Year")))
        top.addWidget(self.year)
        top.addWidget(self.new_button)
        top.addWidget(self.copy_button)

        self.plan_title = QLineEdit()
        self.plan_title.setObjectName("planTitle")
        self.plan_state = QComboBox()
        for member in AdoptionState:
            self.plan_state.addItem(term(member), member)
        self.sections: dict[str, QPlainTextEdit] = {}
        sections = QFormLayout()
        sections.addRow(self.tr("Title"), self.plan_title)
        sections.addRow(self.tr("Status"), self.plan_state)
        for name, label in (("mission", self.tr("Mission")), ("goals_text", self.tr("Goals")),
                            ("resources", self.tr("Resources")), ("follow_up", self.tr("Follow-up"))):
            edit = QPlainTextEdit()
            edit.setObjectName(f"plan_{name}")
            edit.setMaximumHeight(64)
            self.sections[name] = edit
            sections.addRow(label, edit)
        self.save_button = QPushButton(self.tr("Save plan text"))
        self.save_button.setObjectName("savePlan")
        self.save_button.clicked.connect(self.save_text)
        sections.addRow(self.save_button)
        sections_box = QGroupBox(self.tr("Plan"))
        sections_box.setLayout(sections)

        columns = [Column("title", self.tr("Activity"), True), Column("responsible", self.tr("Responsible"), True),
                   Column("start_date", self.tr("Start"), True), Column("end_date", self.tr("End"), True),
                   Column("state", self.tr("Status"), True), Column("progress", self.tr("Progress %"), True),
                   Column("goal_codes", self.tr("Goals"))]
        self.activity_model = RowTableModel(columns, self, on_edit=self._edit_activity)
        self.activity_view = make_table(self.activity_model, "activities", self.tr("Activities"),
                                        [240, 170, 100, 100, 100, 90, 80])
        self.activity_view.selectionModel().currentRowChanged.connect(lambda *_: self._show_links())
        self.new_activity = QLineEdit()
        self.new_activity.setObjectName("newActivity")
        self.new_activity.setPlaceholderText(self.tr("New activity"))
        self.new_activity.returnPressed.connect(self.add_activity)
        add = QPushButton(self.tr("Add"))
        add.clicked.connect(self.add_activity)
        delete = QPushButton(self.tr("Delete activity"))
        delete.clicked.connect(self.delete_activity)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_activity, 1)
        add_row.addWidget(add)
        add_row.addWidget(delete)
        activities_box = QGroupBox(self.tr("Activities"))
        activities_layout = QVBoxLayout(activities_box)
        activities_layout.addWidget(self.activity_view)
        activities_layout.addLayout(add_row)

        self.link_list = QListWidget()
        self.link_list.setObjectName("activityGoals")
        self.link_list.itemChanged.connect(self._link_changed)
        links_box = QGroupBox(self.tr("Goals of the selected activity"))
        QVBoxLayout(links_box).addWidget(self.link_list)
        self.uncovered = QListWidget()
        self.uncovered.setObjectName("uncoveredGoals")
        uncovered_box = QGroupBox(self.tr("Goals without an activity"))
        QVBoxLayout(uncovered_box).addWidget(self.uncovered)

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(links_box)
        right.addWidget(uncovered_box)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(sections_box)
        left.addWidget(activities_box)
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(left)
        body.addWidget(right)
        body.setStretchFactor(0, 2)
        body.setStretchFactor(1, 1)
        body.setSizes([900, 450])
        self.body = body
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(body, 1)
        self.unit_combo.currentIndexChanged.connect(self.reload)
        self.year.valueChanged.connect(self.reload)
        context.bus.changed.connect(self._on_change)
        if with_plans:
            self.unit_combo.setCurrentIndex(max(0, self.unit_combo.findData(with_plans[0])))
        self.reload()

    @property
    def unit_id(self) -> int | None:
        return self.unit_combo.currentData()

    def reload(self) -> None:
        with self.context.store.session() as session:
            self.plan_id = svc.plan_for(session, self.unit_id, self.year.value()) if self.unit_id else None
            values = svc.plan_values(session, self.plan_id) if self.plan_id else {}
            rows = svc.activities(session, self.plan_id) if self.plan_id else []
            uncovered = svc.uncovered_goals(session, self.plan_id) if self.plan_id else []
            self.owner_goals = svc.owner_goals(session, self.unit_id) if self.unit_id else []
            last_year = svc.plan_for(session, self.unit_id, self.year.value() - 1) if self.unit_id else None
        self.last_year_id = last_year
        has_plan = self.plan_id is not None
        self.body.setEnabled(has_plan)
        self.new_button.setEnabled(not has_plan)
        self.copy_button.setEnabled(not has_plan and last_year is not None)
        if has_plan:
            self.status.setText(self.tr("%n activities", "", len(rows)))
        elif last_year is not None:
            self.status.setText(self.tr("No plan for this year yet: copy last year's plan or start a new one."))
        else:
            self.status.setText(self.tr("No plan for this year yet."))
        self.plan_title.setText(values.get("title", ""))
        self.plan_state.setCurrentIndex(max(0, self.plan_state.findData(values.get("state"))))
        for name, edit in self.sections.items():
            edit.setPlainText(values.get(name, ""))
        current = self.activity_view.currentIndex().data(IdRole)
        self.activity_model.set_rows(rows)
        fit_columns(self.activity_view)
        if current is not None and self.activity_model.row_for_id(current) >= 0:
            self.activity_view.selectRow(self.activity_model.row_for_id(current))
        self.uncovered.clear()
        for goal in uncovered:
            self.uncovered.addItem(f"{goal.code}  {goal.title}  ({goal.owner_name})")
        self._show_links()

    def _show_links(self) -> None:
        row = self.activity_view.currentIndex().row()
        activity = self.activity_model.rows[row] if 0 <= row < len(self.activity_model.rows) else None
        self.link_list.blockSignals(True)
        self.link_list.clear()
        if activity is not None:
            for goal in self.owner_goals:
                item = QListWidgetItem(f"{goal.code}  {goal.title}")
                item.setData(Qt.ItemDataRole.UserRole, goal.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if goal.id in activity.goal_ids else Qt.CheckState.Unchecked)
                self.link_list.addItem(item)
        self.link_list.blockSignals(False)

    def _report(self, ok: bool) -> bool:
        error = self.context.last_error
        if not ok and error is not None:
            self.status.setText(error.message(current_language()))
        return ok

    def new_plan(self) -> bool:
        return self._report(self.context.push(commands.create_plan(self.context, self.unit_id, self.year.value())))

    def copy_last_year(self) -> bool:
        if self.last_year_id is None:
            return False
        return self._report(self.context.push(
            commands.create_plan(self.context, self.unit_id, self.year.value(), copy_from=self.last_year_id)))

    def save_text(self) -> bool:
        if self.plan_id is None:
            return False
        with self.context.store.session() as session:
            old = svc.plan_values(session, self.plan_id)
        values = {name: edit.toPlainText() for name, edit in self.sections.items()}
        values.update(title=self.plan_title.text().strip(), state=AdoptionState(self.plan_state.currentData()))
        changed = {k: v for k, v in values.items() if old.get(k) != v}
        if not changed:
            return True
        return self._report(self.context.push(commands.update_plan(self.context, self.plan_id, changed)))

    def add_activity(self) -> bool:
        title = self.new_activity.text().strip()
        if self.plan_id is None or not title:
            return False
        if self._report(self.context.push(commands.add_activity(self.context, self.plan_id, {"title": title}))):
            self.new_activity.clear()
            return True
        return False

    def delete_activity(self) -> bool:
        activity_id = self.activity_view.currentIndex().data(IdRole)
        if activity_id is None:
            return False
        return self._report(self.context.push(commands.delete_activity(self.context, activity_id)))

    def _edit_activity(self, row, key: str, value) -> bool:
        if key == "state":
            try:
                value = ActivityState.from_text(str(value))
            except ValueError:
                self.status.setText(fmt(self.tr("Status is one of: %1"), ", ".join(term(m) for m in ActivityState)))
                return False
        elif isinstance(value, str):
            value = value.strip()
        return self._report(self.context.push(commands.update_activity(self.context, row.id, {key: value})))

    def _link_changed(self, _item) -> None:
        activity_id = self.activity_view.currentIndex().data(IdRole)
        if activity_id is None:
            return
        goal_ids = tuple(sorted(
            self.link_list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.link_list.count())
            if self.link_list.item(r).checkState() == Qt.CheckState.Checked))
        self._report(self.context.push(commands.update_activity(self.context, activity_id, {"goal_ids": goal_ids})))

    def _on_change(self, change: Change) -> None:
        if change.touches(*PLAN_ENTITIES, "goal", "org_unit"):
            self.reload()


class ProgrammePanel(LazyPage):
    """The programme generated for a term, the planner's own text around it, and export."""

    def __init__(self, context: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("programmePanel")

    def build(self) -> None:
        context = self.context
        self.term = QSpinBox()
        self.term.setObjectName("programmeTerm")
        self.term.setRange(2003, 2099)
        self.term.setSingleStep(4)
        self.term.setValue(programme.term_of(dt.date.today().year))
        self.term.valueChanged.connect(self.reload)
        self.texts = {part: QPlainTextEdit() for part in programme.TEXT_PARTS}
        for part, edit in self.texts.items():
            edit.setObjectName(f"programme_{part}")
            edit.setMaximumHeight(90)
        save = QPushButton(self.tr("Save text"))
        save.setObjectName("saveProgrammeText")
        save.clicked.connect(self.save_text)
        export = QPushButton(self.tr("Export…"))
        export.clicked.connect(self.export)
        self.preview = QTextBrowser()
        self.preview.setAccessibleName(self.tr("Programme preview"))
        self.preview.setObjectName("programmePreview")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Term of office starting")))
        top.addWidget(self.term)
        top.addStretch(1)
        top.addWidget(save)
        top.addWidget(export)
        hint = QLabel(self.tr("Kommunallagen 5 kap. 3 §: goals and guidelines for all providers, in-house and "
                              "private, on equal terms. Goals, indicators and the follow-up plan are generated "
                              "from the data; the introduction and closing text are yours."))
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Introduction"), self.texts["intro"])
        form.addRow(self.tr("Closing text"), self.texts["closing"])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)
        context.bus.changed.connect(self._on_change)
        self.reload()

    def generated(self) -> programme.Programme:
        with self.context.store.session() as session:
            return programme.generate(session, self.term.value())

    def reload(self) -> None:
        result = self.generated()
        for part, edit in self.texts.items():
            edit.setPlainText(getattr(result, part))
        self.preview.setHtml(programme.to_html(result))

    def save_text(self) -> bool:
        current = self.generated()
        ok = True
        for part, edit in self.texts.items():
            if edit.toPlainText() != getattr(current, part):
                ok = self.context.push(commands.set_programme_text(self.context, self.term.value(), part,
                                                               edit.toPlainText())) and ok
        return ok

    def export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export programme"), str(Path.home() / f"program-utforare-{self.term.value()}.pdf"),
            self.tr("PDF (*.pdf);;HTML (*.html);;Markdown (*.md);;Text (*.txt)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> Path:
        result = self.generated()
        suffix = path.suffix.lower()
        if suffix in (".md", ".txt"):
            path.write_text(programme.to_markdown(result), encoding="utf-8")
        elif suffix == ".html":
            path.write_text(f"<html><meta charset='utf-8'><body>{programme.to_html(result)}</body></html>",
                            encoding="utf-8")
        else:
            # Some ten pages of text: QTextDocument lays it out in well under a second.
            writer = QPdfWriter(str(path))
            writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
            writer.setTitle(result.title)
            document = QTextDocument()
            document.setHtml(programme.to_html(result))
            document.print_(writer)
        return path

    def _on_change(self, change: Change) -> None:
        if change.touches("provider_programme", "goal", "indicator", "org_unit"):
            self.when_shown(self.reload)
