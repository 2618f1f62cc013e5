"""„Visa som det var den …": a goal's follow-up (values, targets, status) at a chosen moment,
beside today's, rebuilt from the audit log by the same rules as the follow-up page."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.models.store import Store
from app.services.followup.periods import default_period, list_periods
from app.services.followup.status import compute_follow_up
from app.services.history.changes import goal_follow_up_at
from app.services.platform import swedish
from app.views.i18n import term


class AsOfDialog(QDialog):
    def __init__(self, store: Store, goal_id: int, goal_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.goal_id = store, goal_id
        self.setObjectName("asOfDialog")
        self.setWindowTitle(self.tr("Show as it was on …") + f" – {goal_name}")
        self.resize(860, 420)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.period = QComboBox()
        self.period.setObjectName("asOfPeriod")
        with store.session() as session:
            codes = [p.code for p in list_periods(session)]
            chosen = default_period(session)
        for code in codes:
            self.period.addItem(code, code)
        if chosen in codes:
            self.period.setCurrentIndex(codes.index(chosen))
        self.moment = QDateTimeEdit(QDateTime(QDateTime.currentDateTime().date().addDays(-1), QTime(23, 59, 59)))
        self.moment.setObjectName("asOfMoment")
        self.moment.setCalendarPopup(True)
        self.moment.setDisplayFormat("yyyy-MM-dd HH:mm:ss")
        bar.addWidget(QLabel(self.tr("Period")))
        bar.addWidget(self.period)
        bar.addWidget(QLabel(self.tr("As it was on")))
        bar.addWidget(self.moment)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.headline = QLabel()
        self.headline.setObjectName("asOfHeadline")
        self.headline.setWordWrap(True)
        layout.addWidget(self.headline)
        self.table = QTableWidget(0, 7)
        self.table.setObjectName("asOfTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("Indicator"), self.tr("Value then"), self.tr("Target then"), self.tr("Status then"),
            self.tr("Value now"), self.tr("Target now"), self.tr("Status now")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 260)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.period.currentIndexChanged.connect(self.reload)
        self.moment.dateTimeChanged.connect(self.reload)
        self.reload()

    def chosen_moment(self) -> dt.datetime:
        value = self.moment.dateTime()
        d, t = value.date(), value.time()
        return dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second())

    def reload(self) -> None:
        code = self.period.currentData()
        if not code:
            self.headline.setText(self.tr("There are no periods yet."))
            self.table.setRowCount(0)
            return
        with self.store.session() as session:
            then = goal_follow_up_at(session, self.goal_id, code, self.chosen_moment()).outcome
            now = compute_follow_up(session, code).goals.get(self.goal_id)
        moment = self.chosen_moment().strftime("%Y-%m-%d %H:%M")
        self.headline.setText(self.tr("Status on %1: %2 · today: %3").replace("%1", moment)
                              .replace("%2", term(then.status)).replace("%3", term(now.status) if now else "–"))
        current = {i.indicator_id: i for i in (now.indicators if now else [])}
        self.table.setRowCount(len(then.indicators))
        for row, outcome in enumerate(then.indicators):
            today = current.get(outcome.indicator_id)
            cells = [f"{outcome.code} {outcome.name}", _number(outcome.value, outcome.decimals),
                     _number(outcome.target, outcome.decimals), term(outcome.status),
                     _number(today.value, today.decimals) if today else "–",
                     _number(today.target, today.decimals) if today else "–", term(today.status) if today else "–"]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))


def _number(value: float | None, decimals: int) -> str:
    return "–" if value is None else swedish.number(value, decimals)
