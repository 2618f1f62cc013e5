"""Ekonomi: budget, utfall, prognos and avvikelse per nämnd with the print charts, the balanskrav
edited in place, and the ekonomisystem's file imported."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.commands import EditContext
from app.commands.annual import (
    ApplyFiguresCommand,
    SetBalanceEntryCommand,
)
from app.models import BalanceItem, FinanceKind
from app.models.errors import StyrkortError
from app.services.annual import finances
from app.services.platform.swedish import number
from app.views.annual.common import Panel, Row, period_combo
from app.views.governance.directive_models import Column, RowTableModel, fmt
from app.views.governance.directives_page import make_table
from app.views.i18n import current_language, term


class FinancePanel(Panel):
    def __init__(self, context: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("financePanel")
        self.period = period_combo(context, "financePeriod")
        with context.store.session() as session:
            latest = finances.periods_with_figures(session)
        if latest:  # open on the latest period the finance system reported, not an empty one
            self.period.setCurrentIndex(max(0, self.period.findData(latest[0])))
        columns = [Column("unit", self.tr("Unit")), Column("kind_text", self.tr("Kind")),
                   Column("budget", self.tr("Budget")), Column("outcome", self.tr("Outcome")),
                   Column("forecast", self.tr("Forecast")), Column("deviation", self.tr("Deviation"))]
        self.model = RowTableModel(columns, self)
        self.view = make_table(self.model, "financeTable", self.tr("Budget, outcome and forecast"))
        self.view.horizontalHeader().setStretchLastSection(False)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.balance = QTableWidget(0, 2)
        self.balance.setObjectName("balanceTable")
        self.balance.setAccessibleName(self.tr("Balance requirement"))
        self.balance.setHorizontalHeaderLabels([self.tr("Line"), self.tr("mnkr")])
        self.balance.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.balance.verticalHeader().hide()
        self.balance.itemChanged.connect(self._balance_edited)
        self.balance_year = QSpinBox()
        self.balance_year.setObjectName("balanceYear")
        self.balance_year.setRange(2000, 2100)
        self.balance_year.setValue(dt.date.today().year - 1)
        self.balance_year.valueChanged.connect(self.reload)
        import_button = QPushButton(self.tr("Import from the finance system…"))
        import_button.setObjectName("financeImport")
        import_button.clicked.connect(self.import_file)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Period")))
        top.addWidget(self.period)
        top.addStretch(1)
        top.addWidget(import_button)
        note = QLabel(self.tr("Amounts in tkr, net costs; deviation = budget − forecast (positive: a surplus). "
                              "Outcome is cumulative from 1 January."))
        note.setWordWrap(True)
        balance_box = QGroupBox(self.tr("Balance requirement (KL 11 kap.)"))
        balance_layout = QVBoxLayout(balance_box)
        year_row = QHBoxLayout()
        year_row.addWidget(QLabel(self.tr("Year")))
        year_row.addWidget(self.balance_year)
        year_row.addStretch(1)
        balance_layout.addLayout(year_row)
        balance_layout.addWidget(self.balance)
        self.chart = QLabel()
        self.chart.setObjectName("financeChart")
        self.chart.setAccessibleName(self.tr("Budget, forecast and outcome per unit"))
        self.chart.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.chart.setMinimumWidth(360)
        self.deviation_chart = QLabel()
        self.deviation_chart.setObjectName("deviationChart")
        self.deviation_chart.setAccessibleName(self.tr("Deviation from budget through the year"))
        self.deviation_chart.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        charts = QWidget()
        charts_layout = QVBoxLayout(charts)
        charts_layout.addWidget(self.chart)
        charts_layout.addWidget(self.deviation_chart)
        charts_layout.addStretch(1)
        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(self.view)
        upper.addWidget(charts)
        upper.setStretchFactor(0, 3)
        upper.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addWidget(upper, 2)
        layout.addWidget(balance_box, 1)
        self.period.currentIndexChanged.connect(self.reload)
        self._charts_key = None
        self.reload()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._draw_charts()

    def _draw_charts(self) -> None:
        """The print charts as pictures, drawn only when the tab is seen (matplotlib loads then)."""
        if not self.isVisible() or self.table is None:
            return
        key = (self.period.currentData(), tuple((r.unit, r.kind, r.budget, r.outcome, r.forecast)
                                               for r in self.table.rows))
        if key == self._charts_key:
            return
        self._charts_key = key
        from PySide6.QtGui import QPixmap

        from app.services.annual import report_charts

        rows = [r for r in self.table.rows if r.kind == FinanceKind.OPERATING]
        interim = self.period.currentData() and not str(self.period.currentData()).isdigit()
        for label, data in ((self.chart, report_charts.finance_chart(rows, bool(interim), "png") if rows else None),
                            (self.deviation_chart, report_charts.deviation_chart(self.deviation, "png")
                             if any(len(v) > 1 for v in self.deviation.values()) else None)):
            if data is None:
                label.clear()
                continue
            pixmap = QPixmap()
            pixmap.loadFromData(data)
            label.setPixmap(pixmap.scaledToWidth(min(560, max(360, label.width() or 480)),
                                                 Qt.TransformationMode.SmoothTransformation))

    def reload(self) -> None:
        code = self.period.currentData()
        with self.context.store.session() as session:
            table = finances.finance_table(session, code) if code else None
            self.deviation = finances.deviation_through_year(session, code) if code else {}
            statement = finances.balance_statement(session, self.balance_year.value())
        self.table = table
        rows = []
        if table:
            for kind in FinanceKind:
                kind_rows = [r for r in table.rows if r.kind == kind]
                if not kind_rows:
                    continue
                for r in [*kind_rows, table.total(kind)]:
                    rows.append(Row(id=None, unit=r.unit if r.unit_id else self.tr("Total"), kind_text=term(kind),
                                     budget=number(r.budget, 0), outcome=number(r.outcome, 0),
                                     forecast=number(r.forecast, 0), deviation=number(r.deviation, 0)))
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        self.balance.blockSignals(True)
        items = [BalanceItem.RESULT, *finances.ADJUSTMENTS, None, *finances.RESERVE, None]
        self.balance.setRowCount(len(statement.lines))
        for row, (line, item) in enumerate(zip(statement.lines, items, strict=True)):
            label = QTableWidgetItem(line.label)
            label.setFlags(Qt.ItemFlag.ItemIsEnabled)
            value = QTableWidgetItem(number(line.amount, 1))
            value.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setData(Qt.ItemDataRole.UserRole, item.value if item else None)
            if item is None:
                value.setFlags(Qt.ItemFlag.ItemIsEnabled)
                font = label.font()
                font.setBold(True)
                label.setFont(font)
                value.setFont(font)
            self.balance.setItem(row, 0, label)
            self.balance.setItem(row, 1, value)
        self.balance.blockSignals(False)
        self._draw_charts()

    def _balance_edited(self, item: QTableWidgetItem) -> None:
        key = item.data(Qt.ItemDataRole.UserRole)
        if not key:
            return
        from app.services.exchange.values import CellError, parse_number

        line = BalanceItem(key)
        text = item.text().replace("\u2212", "-").strip()
        try:
            amount = parse_number(text) if text else None
        except CellError:
            self.message.setText(fmt(self.tr("%1 is not a number."), item.text()))
            self.reload()
            return
        if amount is not None and line is not BalanceItem.RESULT:
            amount = abs(amount)  # the line's own sign is shown; the amount is entered without it
        self.push(SetBalanceEntryCommand(self.context, self.balance_year.value(), line, amount))
        self.reload()

    def import_file(self, path: str | None = None) -> bool:
        from app.services.annual.finance_import import plan_finance_import

        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Import from the finance system"), "",
                                                  self.tr("Spreadsheets (*.xlsx *.xlsm *.ods *.csv)"))
        if not path:
            return False
        try:
            plan = plan_finance_import(self.context.store, path)
        except StyrkortError as exc:
            self.message.setText(exc.message(current_language()))
            return False
        if not plan.ok:
            self.message.setText("\n".join(p.line() for p in plan.problems[:10]) +
                                 (fmt(self.tr("\n… and %1 more"), len(plan.problems) - 10)
                                  if len(plan.problems) > 10 else ""))
            return False
        if not (plan.new or plan.changed):
            self.message.setText(plan.summary())
            return False
        answer = QMessageBox.question(self, self.tr("Import from the finance system"),
                                      plan.summary() + "\n\n" + self.tr("Import these amounts?"))
        if answer != QMessageBox.StandardButton.Yes:
            return False
        from app.services.platform.backups import backup_before

        backup_before(self.context.store, "import")
        ok = self.push(ApplyFiguresCommand(self.context, plan.figures))
        if ok:
            self.message.setText(plan.summary())
        return ok


