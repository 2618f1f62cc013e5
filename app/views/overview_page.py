"""Översikt, the start page: what needs the planner today for the chosen period and scope. Each
item opens the place where it is handled (Enter or double-click)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.commands import Change, EditContext
from app.models import Status
from app.services.followup import assessment
from app.services.followup.chart_data import STATUS_STYLE
from app.services.followup.overview import Overview, overview
from app.services.followup.periods import default_period, list_periods
from app.views.followup.followup_models import status_icon, status_text
from app.views.i18n import term
from app.views.lazy_page import LazyPage
from app.views.settings_dialog import preferred_period, preferred_scope
from app.widgets.operations import BackgroundOperation
from app.widgets.tables import IdRole, scrollable
from app.widgets.text import fmt

ITEM_LIMIT = 200  # a list longer than this says how many more there are
UNASSESSED_COLOUR = "#8C8C8C"


class FulfilmentBar(QStyledItemDelegate):
    """A small stacked bar of the status counts; the numbers stand beside it in their own columns,
    so the colour never carries the meaning alone."""

    def paint(self, painter: QPainter, option, index) -> None:
        counts = index.data(Qt.ItemDataRole.UserRole)
        if not counts:
            return
        total = sum(counts.values()) or 1
        rect = QRectF(option.rect.adjusted(4, 6, -4, -6))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        x = rect.left()
        for status in (Status.MET, Status.PARTLY_MET, Status.NOT_MET, Status.NOT_ASSESSED):
            width = rect.width() * counts.get(status, 0) / total
            if width <= 0:
                continue
            colour = STATUS_STYLE[status].colour if status in STATUS_STYLE else UNASSESSED_COLOUR
            painter.fillRect(QRectF(x, rect.top(), width, rect.height()), QColor(colour))
            x += width
        painter.setPen(QColor("#555555"))
        painter.drawRect(rect)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt override
        return QSize(140, 22)


class TaskList(QGroupBox):
    """One card of the page: a heading with the count, a list, and what to do when it is empty."""

    def __init__(self, object_name: str, title: str, empty: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.base_title = title
        self.empty = empty
        self.setObjectName(object_name)
        self.list = QListWidget()
        self.list.setObjectName(f"{object_name}List")
        self.list.setAccessibleName(title)
        self.list.setUniformItemSizes(True)
        self.list.setMinimumHeight(90)
        self.list.setToolTip(self.tr("Enter or double-click opens where it is handled"))
        self.empty_label = QLabel(empty)
        self.empty_label.setObjectName(f"{object_name}Empty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: #444444; font-style: italic")
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_label)

    def set_items(self, items: list[tuple[str, object, str]]) -> None:
        """(text, data, tooltip) per item."""
        self.list.clear()
        for text, data, tip in items[:ITEM_LIMIT]:
            item = QListWidgetItem(text)
            item.setData(IdRole, data)
            item.setToolTip(tip or text)
            self.list.addItem(item)
        if len(items) > ITEM_LIMIT:
            more = QListWidgetItem(fmt(self.tr("… and %1 more"), len(items) - ITEM_LIMIT))
            more.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(more)
        self.setTitle(f"{self.base_title} ({len(items)})")
        self.list.setVisible(bool(items))
        self.empty_label.setVisible(not items)

    def texts(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]


class OverviewPage(LazyPage):
    """Översikt: for a period and scope, goal fulfilment per målområde and the lists of what
    needs attention, each leading to the page where it is handled."""

    def __init__(self, context: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("overviewPage")
        self.data: Overview | None = None
        self._stale = False
        self.loading: BackgroundOperation | None = None
        self._again = False  # a change arrived while loading: load once more when done
        self._generation = -1

    def title(self) -> str:
        return self.tr("Overview")

    def build(self) -> None:
        self.period = QComboBox()
        self.period.setObjectName("overviewPeriod")
        self.scope = QComboBox()
        self.scope.setObjectName("overviewScope")
        self.scope.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.scope.setMinimumContentsLength(16)
        self.fill_choices()
        bar = QHBoxLayout()
        for text, combo in ((self.tr("&Period"), self.period), (self.tr("&Scope"), self.scope)):
            label = QLabel(text)
            label.setBuddy(combo)
            combo.setAccessibleName(text.replace("&", ""))
            bar.addWidget(label)
            bar.addWidget(combo)
        self.summary = QLabel()
        self.summary.setObjectName("overviewSummary")
        self.summary.setWordWrap(True)
        bar.addWidget(self.summary, 1)

        self.areas = QTableWidget(0, 6)
        self.areas.setObjectName("overviewAreas")
        self.areas.setAccessibleName(self.tr("Goal fulfilment per goal area"))
        self.areas.setHorizontalHeaderLabels([self.tr("Goal area"), self.tr("At a glance"), term(Status.MET),
                                              term(Status.PARTLY_MET), term(Status.NOT_MET),
                                              term(Status.NOT_ASSESSED)])
        self.areas.verticalHeader().hide()
        self.areas.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.areas.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.areas.setItemDelegateForColumn(1, FulfilmentBar(self.areas))
        header = self.areas.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(1, 150)
        for column in range(2, 6):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.areas.activated.connect(lambda index: self.open_goal(index.siblingAtColumn(0).data(IdRole)))
        areas_box = QGroupBox(self.tr("Goal fulfilment per goal area"))
        QVBoxLayout(areas_box).addWidget(self.areas)

        self.cards = {
            "not_reported": TaskList("overviewNotReported", self.tr("Providers that have not reported"),
                                     self.tr("Every unit and provider has reported for the period.")),
            "not_met": TaskList("overviewNotMet", self.tr("Goals not met"),
                                self.tr("No goal is assessed as not met in the period.")),
            "without_indicators": TaskList("overviewNoIndicators", self.tr("Goals without indicators"),
                                           self.tr("Every goal has an indicator. Link indicators on the goal "
                                                   "page (Edit).")),
            "without_activities": TaskList("overviewNoActivities", self.tr("Goals without activities"),
                                           self.tr("Every goal has at least one activity in a plan.")),
            "to_revise": TaskList("overviewToRevise", self.tr("Directives to revise"),
                                  self.tr("No adopted document is due for review within 90 days.")),
            "decisions": TaskList("overviewDecisions", self.tr("Delegated decisions not reported to the committee"),
                                  self.tr("Every delegated decision has been reported.")),
            "assignments": TaskList("overviewOverdueAssignments", self.tr("Overdue assignments"),
                                    self.tr("No assignment from the council or the board is past its due date.")),
            "events": TaskList("overviewEvents", self.tr("Next in the annual cycle"),
                               self.tr("Nothing planned ahead. Add milestones on the Annual cycle page.")),
        }
        handlers = {"not_reported": self.open_not_reported, "not_met": self.open_goal,
                    "without_indicators": self.open_goal_structure, "without_activities": self.open_plans,
                    "to_revise": self.open_directive, "decisions": self.open_decisions, "events": self.open_cycle,
                    "assignments": self.open_assignments}
        for key, card in self.cards.items():
            card.list.itemActivated.connect(lambda item, handler=handlers[key]: handler(item.data(IdRole)))

        body = QWidget()
        grid = QGridLayout(body)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(areas_box, 0, 0, 1, 2)
        order = ["not_met", "not_reported", "without_indicators", "without_activities", "to_revise",
                 "decisions", "assignments", "events"]
        for number, key in enumerate(order):
            grid.addWidget(self.cards[key], 1 + number // 2, number % 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addLayout(bar)
        layout.addWidget(scrollable(body), 1)
        self.period.currentIndexChanged.connect(lambda _i: self.reload())
        self.scope.currentIndexChanged.connect(lambda _i: self.reload())
        self.context.bus.changed.connect(self._on_change)
        self.reload()

    # --- data ---------------------------------------------------------------------------------
    def fill_choices(self) -> None:
        """Periods and scopes as they are now; the default period is the follow-up's default."""
        with self.context.store.session() as session:
            periods = [p.code for p in list_periods(session)]
            default = preferred_period(periods, default_period(session) or (periods[-1] if periods else ""))
            scopes = assessment.scope_options(session)
        first = self.period.count() == 0
        chosen_period = self.period.currentText() or default
        chosen_scope = preferred_scope() if first else self.scope.currentData()
        for combo in (self.period, self.scope):
            combo.blockSignals(True)
            combo.clear()
        self.period.addItems(periods)
        self.period.setCurrentText(chosen_period if chosen_period in periods else default)
        self.scope.addItem(self.tr("Whole organisation"), None)
        for uid, name, depth in scopes:
            self.scope.addItem("  " * depth + name, uid)
        self.scope.setCurrentIndex(max(0, self.scope.findData(chosen_scope)))
        for combo in (self.period, self.scope):
            combo.blockSignals(False)

    def reload(self) -> None:
        """Read the lists off the GUI thread (on 10 000 goals the statuses take most of a second):
        the page stays responsive and fills when they are ready."""
        self._stale = False
        if self.loading is not None and self.loading.running:
            self._again = True
            return
        store, period, scope = self.context.store, self.period.currentText() or None, self.scope.currentData()
        self._generation = self.context.generation

        def work(progress, cancelled):
            import datetime as dt

            from app.services.annual.assignments import overdue_assignments

            with store.session() as session:
                data = overview(session, period, scope)
                data.overdue_assignments = overdue_assignments(session, dt.date.today())
                return data

        self.summary.setText(self.tr("Reading…"))
        self.loading = BackgroundOperation(work, self)
        self.loading.done.connect(self._loaded)
        self.loading.failed.connect(self._load_failed)
        self.loading.start()

    def wait_loaded(self, timeout_ms: int = 30000) -> bool:
        """For tests and benchmarks: process events until the lists are filled."""
        from PySide6.QtCore import QDeadlineTimer, QEventLoop
        from PySide6.QtWidgets import QApplication

        deadline = QDeadlineTimer(timeout_ms)
        while self.loading is not None and self.loading.running and not deadline.hasExpired():
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        return self.loading is None or not self.loading.running

    def _load_failed(self, message: str) -> None:
        self.summary.setText(message)
        self.context.tell(message)

    def _loaded(self, data: Overview) -> None:
        if self._again:
            self._again = False
            self.reload()
            return
        self.fill(data)

    def fill(self, data: Overview) -> None:
        self.data = data
        follow_up = data.follow_up
        if follow_up is not None and self._generation == self.context.generation:
            # Nothing changed since it was read: Uppföljning may show the same statuses at once.
            self.context.shared[("follow_up", follow_up.period_code, follow_up.scope_unit_id, follow_up.rule)] = \
                follow_up
        self.areas.setRowCount(len(data.areas))
        for row, area in enumerate(data.areas):
            name = QTableWidgetItem(f"{area.code} {area.title}" if area.code else area.title)
            name.setData(IdRole, area.goal_id)
            name.setToolTip(name.text())
            self.areas.setItem(row, 0, name)
            bar = QTableWidgetItem()
            bar.setData(Qt.ItemDataRole.UserRole, area.counts)
            bar.setToolTip(", ".join(f"{term(s)}: {area.counts[s]}" for s in Status))
            self.areas.setItem(row, 1, bar)
            for column, status in enumerate((Status.MET, Status.PARTLY_MET, Status.NOT_MET, Status.NOT_ASSESSED), 2):
                cell = QTableWidgetItem(str(area.counts[status]))
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                cell.setIcon(status_icon(status))
                self.areas.setItem(row, column, cell)
        self.areas.setFixedHeight(self.areas.horizontalHeader().height()
                                  + sum(self.areas.rowHeight(r) for r in range(self.areas.rowCount())) + 4)
        self.cards["not_reported"].set_items([
            (f"{m.unit_name} ({term(m.provider_type)}): {', '.join(m.missing_codes)}", m.unit_id, "")
            for m in data.not_reported])
        self.cards["not_met"].set_items([(g.label, g.goal_id, status_text(Status.NOT_MET)) for g in data.not_met])
        self.cards["without_indicators"].set_items([(g.label, g.goal_id, "") for g in data.without_indicators])
        self.cards["without_activities"].set_items([(g.label, g.goal_id, "") for g in data.without_activities])
        overdue, due_soon = self.tr("overdue"), self.tr("due soon")
        self.cards["to_revise"].set_items([
            (f"{d.review_due.isoformat() if d.review_due else ''}  {d.title} "
             f"({overdue if d.review == 'overdue' else due_soon})", d.id, d.owner_name) for d in data.to_revise])
        self.cards["decisions"].set_items([
            (f"{d.decided_on.isoformat()}  {d.item_number} {d.summary}", d.id, d.directive_title)
            for d in data.unreported_decisions])
        self.cards["assignments"].set_items([
            (f"{a.due_on.isoformat() if a.due_on else ''}  {a.code} {a.title}", a.id, a.assignee)
            for a in data.overdue_assignments])
        self.cards["events"].set_items([(f"{e.due_on.isoformat()}  {e.title}", e.due_on.year, e.description)
                                        for e in data.next_events])
        # The same goals as the table and the lists count (mål and delmål), so the numbers agree.
        counts = {s: sum(area.counts[s] for area in data.areas) for s in Status}
        self.summary.setText("   ".join(f"{status_text(s)}: {counts[s]}" for s in Status))

    def _on_change(self, change: Change) -> None:
        if change.touches("org_unit") or change.everything:
            self.fill_choices()
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self.reload()

    # --- where each item is handled --------------------------------------------------------------
    def open_assignments(self, _assignment_id: int | None) -> None:
        page = self._page("annualPage")
        if page is not None and hasattr(page, "assignments"):
            page.tabs.setCurrentWidget(page.assignments)

    def _page(self, object_name: str):
        window = self.window()
        if hasattr(window, "page"):  # the main window also loads a page still behind a placeholder
            return window.page(object_name)
        pages = getattr(window, "pages", None)
        if pages is None:
            return None
        for index in range(pages.count()):
            if pages.widget(index).objectName() == object_name:
                pages.setCurrentIndex(index)
                page = pages.widget(index)
                if hasattr(page, "ensure_built"):
                    page.ensure_built()
                return page
        return None

    def _follow_up(self):
        """The follow-up page on this page's period and scope."""
        page = self._page("followUpPage")
        if page is not None:
            page.period.setCurrentText(self.period.currentText())
            page.scope.setCurrentIndex(max(0, page.scope.findData(self.scope.currentData())))
        return page

    def open_goal(self, goal_id: int | None) -> None:
        page = self._follow_up()
        if page is not None and goal_id is not None:
            page.select_goal(goal_id)

    def open_not_reported(self, unit_id: int | None) -> None:
        page = self._follow_up()
        if page is not None:
            page.tabs.setCurrentWidget(page.results)
            if unit_id is not None:
                page.unitSelected.emit(unit_id)

    def open_goal_structure(self, goal_id: int | None) -> None:
        page = self._page("structurePage")
        if page is not None and goal_id is not None:
            page.select_goal(goal_id)
            page.side.setCurrentWidget(page.goal_form)

    def open_plans(self, _goal_id: int | None) -> None:
        self._page("plansPage")

    def open_directive(self, directive_id: int | None) -> None:
        page = self._page("directivesPage")
        if page is not None and directive_id is not None:
            page.select_directive(directive_id)

    def open_decisions(self, _decision_id: int | None) -> None:
        page = self._page("directivesPage")
        if page is not None:
            page.tabs.setCurrentIndex(page.tabs.count() - 1)

    def open_cycle(self, year: int | None) -> None:
        page = self._page("annualCyclePage")
        if page is not None and year:
            page.year.setValue(int(year))


