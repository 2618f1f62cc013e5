"""The follow-up page's chart tab: provider comparison, time series and spread for one
indicator of the selected goal, with "Save as PNG/SVG/PDF" through the matplotlib renderers.

Imported only when the tab is first shown, so pyqtgraph is not loaded at start-up."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.followup import chart_render
from app.services.followup.assessment import indicators_of_goal
from app.services.followup.chart_data import ProviderComparison, TimeSeries, provider_comparison, time_series
from app.views.i18n import current_language
from app.widgets.charts import ProviderComparisonChart, SpreadChart, TimeSeriesChart

MAX_SERIES = 6


class ChartPanel(QWidget):
    def __init__(self, page) -> None:
        super().__init__(page)
        self.page = page
        self.setObjectName("chartPanel")
        self.goal_id: int | None = None
        self.selected_units: list[int] = []
        self.comparison_data: ProviderComparison | None = None
        self.series_data: TimeSeries | None = None
        self.indicator = QComboBox()
        self.indicator.setObjectName("chartIndicator")
        self.indicator.setMinimumContentsLength(40)
        self.indicator.currentIndexChanged.connect(lambda _i: self.reload())
        self.save_button = QPushButton(self.tr("Save &as…"))
        self.save_button.setObjectName("saveChart")
        self.save_button.clicked.connect(self.save_as)
        self.comparison = ProviderComparisonChart()
        self.series = TimeSeriesChart()
        self.spread = SpreadChart()
        for chart in (self.comparison, self.series, self.spread):
            chart.unitClicked.connect(self.unit_clicked)
        self.charts = QTabWidget()
        self.charts.setObjectName("chartTabs")
        self.charts.addTab(self.comparison, self.tr("Providers"))
        self.charts.addTab(self.series, self.tr("Over time"))
        self.charts.addTab(self.spread, self.tr("Spread"))
        self.note = QLabel()
        self.note.setObjectName("chartNote")
        self.note.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Indicator")))
        top.addWidget(self.indicator, 1)
        top.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.charts, 1)
        layout.addWidget(self.note)

    def set_goal(self, goal_id: int | None) -> None:
        """Offer the goal's indicators (all indicators when the goal has none)."""
        if goal_id == self.goal_id and self.indicator.count():
            self.reload()
            return
        self.goal_id = goal_id
        with self.page.context.store.session() as session:
            indicators = indicators_of_goal(session, goal_id) or indicators_of_goal(session, None)
        current = self.indicator.currentData()
        self.indicator.blockSignals(True)
        self.indicator.clear()
        for indicator_id, code, name in indicators:
            self.indicator.addItem(f"{code} {name}", indicator_id)
        index = self.indicator.findData(current)
        self.indicator.setCurrentIndex(index if index >= 0 else 0)
        self.indicator.blockSignals(False)
        self.reload()

    def select_indicator(self, indicator_id: int) -> None:
        index = self.indicator.findData(indicator_id)
        if index >= 0:
            self.indicator.setCurrentIndex(index)

    def reload(self) -> None:
        indicator_id = self.indicator.currentData()
        period = self.page.period_code
        if indicator_id is None or not period:
            return
        with self.page.context.store.session() as session:
            self.comparison_data = provider_comparison(session, indicator_id, period)
            shown = {b.unit_id for b in self.comparison_data.bars}
            self.selected_units = [u for u in self.selected_units if u in shown]
            if not self.selected_units:
                self.selected_units = [b.unit_id for b in self.comparison_data.bars[:3]]
            self.series_data = time_series(session, indicator_id, self.selected_units, period)
        self.comparison.set_data(self.comparison_data)
        self.series.set_data(self.series_data)
        self.spread.set_data(self.comparison_data, self.selected_units[0] if self.selected_units else None)
        missing = ", ".join(self.comparison_data.not_reported)
        self.note.setText(self.tr("Not reported: %1").replace("%1", missing) if missing else "")

    def unit_clicked(self, unit_id: int) -> None:
        """Make the provider the highlighted one and add it to the time series; select it elsewhere."""
        self.selected_units = [unit_id, *[u for u in self.selected_units if u != unit_id]][:MAX_SERIES]
        with self.page.context.store.session() as session:
            self.series_data = time_series(session, self.indicator.currentData(), self.selected_units,
                                           self.page.period_code)
        self.series.set_data(self.series_data)
        self.spread.set_data(self.comparison_data, unit_id)
        self.page.select_unit(unit_id)

    def save_as(self) -> None:
        if self.comparison_data is None:
            return
        name = f"{self.comparison_data.indicator_code}-{self.page.period_code}.png"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save chart"), str(Path.home() / name),
                                              self.tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"))
        if path:
            self.save_to(path)

    def save_to(self, path: str) -> None:
        language = current_language()
        tab = self.charts.currentIndex()
        if tab == 0:
            chart_render.render_provider_comparison(self.comparison_data, path, language=language)
        elif tab == 1:
            chart_render.render_time_series(self.series_data, path, language=language)
        else:
            chart_render.render_spread(self.comparison_data, self.spread.selected_unit_id, path, language=language)
