"""The steering model (the region's level names, depth and who adopts each level) and the
strategier with the goals they serve. Each change is one undoable command."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.commands import Change, EditContext
from app.commands.steering import (
    CreateStrategyCommand,
    DeleteStrategyCommand,
    LinkStrategyGoalCommand,
    SetSteeringModelCommand,
    UpdateStrategyCommand,
)
from app.models.errors import RuleViolation
from app.services.goals import editing as goals
from app.services.goals import steering_model as sm
from app.services.goals import strategies
from app.views.i18n import current_language, term


class SteeringModelDialog(QDialog):
    """Name the levels (Swedish, English), choose how deep the hierarchy goes and whether each
    level is adopted politically or by the förvaltning. SKR's model is one button away."""

    def __init__(self, context: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("steeringModelDialog")
        self.setWindowTitle(self.tr("Steering model"))
        with context.store.session() as session:
            model = sm.steering_model(session)
        self.name = QLineEdit(model.name)
        self.name.setObjectName("steeringModelName")
        self.table = QTableWidget(len(sm.LEVELS), 4)
        self.table.setObjectName("steeringModelLevels")
        self.table.setHorizontalHeaderLabels([self.tr("In use"), self.tr("Swedish name"), self.tr("English name"),
                                              self.tr("Adopted by")])
        self.table.setVerticalHeaderLabels([term(level) for level in sm.LEVELS])
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, level in enumerate(sm.LEVELS):
            current = model.level(level) or sm.SKR_DEFAULT.level(level)
            used = QCheckBox()
            used.setChecked(model.level(level) is not None)
            used.setEnabled(row >= 3)  # vision, målområde and mål are always there
            self.table.setCellWidget(row, 0, used)
            self.table.setItem(row, 1, QTableWidgetItem(current.sv))
            self.table.setItem(row, 2, QTableWidgetItem(current.en))
            adopters = QComboBox()
            for key, (sv, en) in sm.ADOPTERS.items():
                adopters.addItem(sv if current_language() == "sv" else en, key)
            adopters.setCurrentIndex(adopters.findData(current.adopted_by))
            self.table.setCellWidget(row, 3, adopters)
        self.table.resizeColumnsToContents()
        self.error = QLabel()
        self.error.setObjectName("steeringModelError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        skr = QPushButton(self.tr("SKR's model"))
        skr.setObjectName("steeringModelSkr")
        skr.clicked.connect(self._skr)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(skr, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(640, 300)

    def _skr(self) -> None:
        self.name.setText(sm.SKR_DEFAULT.name)
        for row, level in enumerate(sm.SKR_DEFAULT.levels):
            self.table.cellWidget(row, 0).setChecked(True)
            self.table.item(row, 1).setText(level.sv)
            self.table.item(row, 2).setText(level.en)
            combo = self.table.cellWidget(row, 3)
            combo.setCurrentIndex(combo.findData(level.adopted_by))

    def model(self) -> sm.SteeringModel:
        levels = []
        for row in range(len(sm.LEVELS)):
            if not self.table.cellWidget(row, 0).isChecked():
                break
            levels.append({"sv": self.table.item(row, 1).text(), "en": self.table.item(row, 2).text(),
                           "adopted_by": self.table.cellWidget(row, 3).currentData()})
        return sm.parse_model({"name": self.name.text(), "levels": levels})

    def save(self) -> None:
        try:
            model = self.model()
        except RuleViolation as exc:
            self.error.setText(exc.message(current_language()))
            return
        if self.context.push(SetSteeringModelCommand(self.context, model, self.tr("Change steering model"))):
            self.accept()
        elif self.context.last_error is not None:
            self.error.setText(self.context.last_error.message(current_language()))


class StrategiesDialog(QDialog):
    """The strategier: each with a title, code, owner and description, linked to the goals it
    serves. Opened on a goal, a new strategy is linked to it."""

    def __init__(self, context: EditContext, goal_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context, self.goal_id = context, goal_id
        self.setObjectName("strategiesDialog")
        self.setWindowTitle(self.tr("Strategies"))
        self.list = QListWidget()
        self.list.setObjectName("strategyList")
        self.title = QLineEdit()
        self.title.setObjectName("strategyTitle")
        self.code = QLineEdit()
        self.code.setObjectName("strategyCode")
        self.owner = QComboBox()
        self.owner.setObjectName("strategyOwner")
        self.description = QLineEdit()
        self.description.setObjectName("strategyDescription")
        self.goals = QListWidget()
        self.goals.setObjectName("strategyGoals")
        self.goal_choice = QComboBox()
        self.goal_choice.setObjectName("strategyGoalChoice")
        self.goal_choice.setEditable(True)
        self.goal_choice.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        with context.store.session() as session:
            self.owner.addItem("–", None)
            for unit_id, name in goals.owner_choices(session):
                self.owner.addItem(name, unit_id)
            for goal_id_, code, title in strategies.goal_choices(session):
                self.goal_choice.addItem(f"{code or '-'}  {title}", goal_id_)
        add = QPushButton(self.tr("New strategy"))
        add.setObjectName("newStrategy")
        remove = QPushButton(self.tr("Delete strategy"))
        remove.setObjectName("deleteStrategy")
        link = QPushButton(self.tr("Link goal"))
        link.setObjectName("linkStrategyGoal")
        unlink = QPushButton(self.tr("Unlink goal"))
        unlink.setObjectName("unlinkStrategyGoal")
        self.error = QLabel()
        self.error.setObjectName("strategyError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Code"), self.code)
        form.addRow(self.tr("Owner"), self.owner)
        form.addRow(self.tr("Description"), self.description)
        form.addRow(self.tr("Goals"), self.goals)
        linking = QHBoxLayout()
        linking.addWidget(self.goal_choice, 1)
        linking.addWidget(link)
        linking.addWidget(unlink)
        form.addRow("", linking)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        left.addLayout(row)
        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addLayout(form, 3)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(self.error)
        layout.addWidget(close)
        self.resize(860, 420)
        self._filling = False
        self.list.currentItemChanged.connect(lambda *_: self._show())
        add.clicked.connect(self.new_strategy)
        remove.clicked.connect(self.delete_strategy)
        link.clicked.connect(lambda: self._link(True))
        unlink.clicked.connect(lambda: self._link(False))
        self.title.editingFinished.connect(lambda: self._commit("title", self.title.text().strip()))
        self.code.editingFinished.connect(lambda: self._commit("code", self.code.text().strip() or None))
        self.description.editingFinished.connect(lambda: self._commit("description", self.description.text()))
        self.owner.activated.connect(lambda _i: self._commit("owner_unit_id", self.owner.currentData()))
        context.bus.changed.connect(self._on_change)
        self._reload()

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _reload(self, select: int | None = None) -> None:
        select = select if select is not None else self.current_id()
        with self.context.store.session() as session:
            self._infos = {s.id: s for s in strategies.all_strategies(session)}
        self._filling = True
        self.list.clear()
        for info in self._infos.values():
            item = QListWidgetItem(info.title)
            item.setData(Qt.ItemDataRole.UserRole, info.id)
            self.list.addItem(item)
            if info.id == select:
                self.list.setCurrentItem(item)
        self._filling = False
        self._show()

    def _show(self) -> None:
        info = self._infos.get(self.current_id())
        self._filling = True
        for widget in (self.title, self.code, self.description, self.owner, self.goals):
            widget.setEnabled(info is not None)
        self.title.setText(info.title if info else "")
        self.code.setText(info.code or "" if info else "")
        self.description.setText(info.description if info else "")
        self.owner.setCurrentIndex(max(0, self.owner.findText(info.owner_name)) if info and info.owner_name else 0)
        self.goals.clear()
        for goal_id, code, title in info.goals if info else []:
            item = QListWidgetItem(f"{code or '-'}  {title}")
            item.setData(Qt.ItemDataRole.UserRole, goal_id)
            self.goals.addItem(item)
        self._filling = False

    def _push(self, command) -> bool:
        self.error.clear()
        if self.context.push(command):
            return True
        if self.context.last_error is not None:
            self.error.setText(self.context.last_error.message(current_language()))
        return False

    def _on_change(self, change: Change) -> None:
        if change.entity == "goal":
            self._reload()

    def new_strategy(self) -> None:
        command = CreateStrategyCommand(self.context, self.tr("New strategy"),
                                        [self.goal_id] if self.goal_id else [], self.tr("New strategy"))
        if self._push(command):
            self._reload(command.strategy_id)
            self.title.setFocus()
            self.title.selectAll()

    def delete_strategy(self) -> None:
        strategy_id = self.current_id()
        if strategy_id is not None:
            self._push(DeleteStrategyCommand(self.context, strategy_id, self.tr("Delete strategy")))
            self._reload()

    def _commit(self, name: str, value) -> None:
        strategy_id = self.current_id()
        info = self._infos.get(strategy_id)
        if self._filling or info is None:
            return
        current = {"title": info.title, "code": info.code, "description": info.description,
                   "owner_unit_id": self.owner.itemData(max(0, self.owner.findText(info.owner_name or "")))
                   if info.owner_name else None}
        if current[name] == value:
            return
        self._push(UpdateStrategyCommand(self.context, strategy_id, {name: value}, self.tr("Edit strategy")))
        self._reload(strategy_id)

    def _link(self, link: bool) -> None:
        strategy_id = self.current_id()
        if strategy_id is None:
            return
        if link:
            goal_id = self.goal_choice.currentData()
        else:
            item = self.goals.currentItem()
            goal_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        if goal_id is None:
            return
        text = self.tr("Link goal") if link else self.tr("Unlink goal")
        self._push(LinkStrategyGoalCommand(self.context, strategy_id, goal_id, link, text))
        self._reload(strategy_id)
