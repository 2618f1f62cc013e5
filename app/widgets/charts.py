"""Interactive follow-up charts with pyqtgraph: provider comparison, time series, spread.

pyqtgraph (and numpy behind it) is imported only when a chart widget is built: the main window
starts without it. The data come from app/services/followup/chart_data.py, shared with the matplotlib
renderers used for print and export, so the screen and the paper show the same thing.

Status is never colour alone: each bar carries a status marker shape (pyqtgraph symbol) and a
text symbol (✓ ◐ ✗) with its value; externa utförare have a dashed outline. Hovering shows the
values (in the line under the chart and as a tooltip); clicking a provider emits
`unitClicked(unit_id)`.

Readable at every size: the comparison is drawn as horizontal bars (a long name needs width,
not height), names longer than NAME_CHARS are elided (the whole name in the tooltip), the values
stand in their own column right of every bar and line, and the legend sits under the plot, never
over the data."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QPointF, QSettings, Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.models.enums import LabelledEnum
from app.services.followup.chart_data import (
    HIGHLIGHT_COLOUR,
    REFERENCE_COLOUR,
    STATUS_STYLE,
    TARGET_COLOUR,
    ProviderComparison,
    TimeSeries,
    is_external,
    quartiles,
)
from app.services.platform.swedish import number

BAR_WIDTH = 0.7
MAX_VALUE_LABELS = 40
NAME_CHARS = 26  # longer provider names are elided on the axis; the tooltip has the whole name
LINE_STYLES = {Qt.PenStyle.SolidLine: "━━", Qt.PenStyle.DashLine: "╍╍", Qt.PenStyle.DotLine: "┉┉",
               Qt.PenStyle.DashDotLine: "━┉"}


MARKER_GLYPH = {"o": "●", "s": "■", "t": "▼", "d": "◆", "t1": "▲", "p": "⬟"}


def elide(text: str, limit: int = NAME_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def term(member: LabelledEnum | None) -> str:
    # Widgets sit below app.views (import-linter layers), so read the language setting here.
    if member is None:
        return ""
    return member.label("en" if QSettings().value("ui/language", "sv") == "en" else "sv")


def _pg():
    import pyqtgraph as pg

    pg.setConfigOptions(antialias=True, foreground="k", background="w")
    return pg


class _ChartBase(QWidget):
    """A plot and a line of text under it that says what the mouse is over."""

    unitClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        pg = _pg()
        self.pg = pg
        self.plot_widget = pg.PlotWidget()
        self.plot_widget.setMenuEnabled(False)
        self.plot = self.plot_widget.getPlotItem()
        self.plot.showGrid(y=True, alpha=0.2)
        self.hover_label = QLabel(" ")
        self.hover_label.setObjectName("chartHover")
        self.hover_label.setWordWrap(True)
        self.hover_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # The legend stands under the plot, never over the data; it wraps on a narrow window.
        self.legend = QLabel()
        self.legend.setObjectName("chartLegend")
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend_entries: list[str] = []
        # The title above the plot as a label that wraps (pyqtgraph's own title is cut when narrow).
        self.title_label = QLabel()
        self.title_label.setObjectName("chartTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title_label.setStyleSheet("font-weight: bold")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title_label)
        layout.addWidget(self.plot_widget, 1)
        layout.addWidget(self.legend)
        layout.addWidget(self.hover_label)
        self.plot.scene().sigMouseMoved.connect(self._mouse_moved)
        self.plot.scene().sigMouseClicked.connect(self._mouse_clicked)

    def _reset(self) -> None:
        self.plot.clear()
        self.legend_entries = []
        self.legend.setText("")
        self.hover_label.setText(" ")

    def set_title(self, text: str) -> None:
        self.title_label.setText(text)

    def add_legend(self, text: str, colour: str = "#000000", glyph: str = "") -> None:
        """One legend entry: a coloured glyph (line or marker) and its text."""
        mark = f'<span style="color:{colour}">{escape(glyph)}</span> ' if glyph else ""
        self.legend_entries.append(f'<span style="white-space:nowrap">{mark}{escape(text)}</span>')
        self.legend.setText(" &nbsp; ".join(self.legend_entries))

    def legend_text(self) -> str:
        return self.legend.text()

    def _view_point(self, scene_pos) -> QPointF | None:
        if not self.plot.vb.sceneBoundingRect().contains(scene_pos):
            return None
        return self.plot.vb.mapSceneToView(scene_pos)

    def _mouse_moved(self, scene_pos) -> None:
        point = self._view_point(scene_pos)
        text = self.describe_at(point.x(), point.y()) if point is not None else " "
        self.hover_label.setText(text)
        self.plot_widget.setToolTip(text.strip())

    def _mouse_clicked(self, event) -> None:
        point = self._view_point(event.scenePos())
        if point is None:
            return
        unit_id = self.unit_at(point.x(), point.y())
        if unit_id is not None:
            self.unitClicked.emit(unit_id)

    def describe_at(self, x: float, y: float) -> str:
        return " "

    def unit_at(self, x: float, y: float) -> int | None:
        return None

    def _target_line(self, value: float, text: str, angle: int = 0) -> None:
        """The target as a line without a label on the plot (it would cross the values); the
        legend names it with its value."""
        pg = self.pg
        line = pg.InfiniteLine(pos=value, angle=angle, pen=pg.mkPen(TARGET_COLOUR, width=2.5))
        self.plot.addItem(line)
        self.target_line = line
        self.add_legend(text, TARGET_COLOUR, LINE_STYLES[Qt.PenStyle.SolidLine])


class ProviderComparisonChart(_ChartBase):
    """One horizontal bar per provider, best on top; the target and the reference areas as
    vertical lines; the values in a column to the right of everything."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("providerComparisonChart")
        self.data: ProviderComparison | None = None
        self.bar_items: list = []
        self.value_labels: list = []
        self.markers = None
        self.reference_lines: list = []
        self.target_line = None
        self.plot.showGrid(x=True, y=False, alpha=0.2)
        self.plot.invertY(True)  # the first (best) provider on top

    def set_data(self, data: ProviderComparison) -> None:
        pg = self.pg
        self._reset()
        self.data = data
        self.bar_items, self.value_labels, self.reference_lines, self.target_line = [], [], [], None
        levels = [b.value for b in data.bars] + [r.value for r in data.references]
        levels += [data.target] if data.target is not None else []
        low, high = (min(0.0, *levels), max(0.0, *levels)) if levels else (0.0, 1.0)
        span = (high - low) or 1.0
        value_x = high + span * 0.03  # the value column: right of every bar and line
        # One item for all bars (per-bar brushes and pens): 200 providers draw in milliseconds.
        pens = [pg.mkPen("k", width=2 if is_external(b.provider_type) else 1,
                         style=Qt.PenStyle.DashLine if is_external(b.provider_type) else Qt.PenStyle.SolidLine)
                for b in data.bars]
        if data.bars:
            item = pg.BarGraphItem(x0=[0.0] * len(data.bars), y=list(range(len(data.bars))),
                                   width=[b.value for b in data.bars], height=BAR_WIDTH,
                                   brushes=[STATUS_STYLE[b.status].colour for b in data.bars], pens=pens)
            self.plot.addItem(item)
            self.bar_items = [item]
        # Values as text while they can be read; beyond that the hover line and tooltip tell them.
        if len(data.bars) <= MAX_VALUE_LABELS:
            for i, bar in enumerate(data.bars):
                label = pg.TextItem(f"{STATUS_STYLE[bar.status].symbol} {data.format(bar.value)}", color="k",
                                    anchor=(0, 0.5))
                label.setPos(value_x, i)
                self.plot.addItem(label)
                self.value_labels.append(label)
        self.markers = pg.ScatterPlotItem(
            x=[b.value for b in data.bars], y=list(range(len(data.bars))),
            symbol=[STATUS_STYLE[b.status].marker for b in data.bars], size=11,
            brush=[pg.mkBrush("w") for _ in data.bars], pen=pg.mkPen("k", width=1.5),
            data=[b.unit_id for b in data.bars], hoverable=True,
            tip=lambda x, y, data: self.describe_at(x / 2, y))
        self.plot.addItem(self.markers)
        if data.target is not None:
            target_text = self.tr("Target")
            self._target_line(data.target, f"{target_text} {data.format(data.target)}", angle=90)
        styles = (Qt.PenStyle.DashLine, Qt.PenStyle.DotLine, Qt.PenStyle.DashDotLine)
        for n, ref in enumerate(data.references):
            style = styles[n % len(styles)]
            line = pg.InfiniteLine(pos=ref.value, angle=90, pen=pg.mkPen(REFERENCE_COLOUR, width=1.5, style=style))
            line.label_text = f"{ref.label} {data.format(ref.value)}"
            self.plot.addItem(line)
            self.reference_lines.append(line)
            self.add_legend(line.label_text, REFERENCE_COLOUR, LINE_STYLES[style])
        self._legend(data)
        axis = self.plot.getAxis("left")
        axis.setTicks([[(i, elide(b.name)) for i, b in enumerate(data.bars)]])
        self.plot.getAxis("bottom").setTicks(None)
        self.plot.setLabel("bottom", data.unit_of_measure)
        self.plot.setLabel("left", "")
        self.set_title(data.title)
        # Room on the right for the value column (its text is about a fifth of the span wide).
        self.plot.setXRange(low - span * 0.02, high + span * 0.28, padding=0)
        self.plot.setYRange(-0.6, max(len(data.bars), 1) - 0.4, padding=0)

    def _legend(self, data: ProviderComparison) -> None:
        for status, style in STATUS_STYLE.items():
            if any(b.status is status for b in data.bars):
                self.add_legend(term(status), style.colour, f"■ {style.symbol}")
        self.add_legend(self.tr("In-house (solid outline)"), "#000000", "□")
        if any(is_external(b.provider_type) for b in data.bars):
            self.add_legend(self.tr("External provider (dashed outline)"), "#000000", "⬚")

    def axis_names(self) -> list[str]:
        """The provider names as the axis shows them, top to bottom."""
        return [name for _, name in self.plot.getAxis("left")._tickLevels[0]]

    def bar_heights(self) -> list[float]:
        """The drawn bars' values (their lengths), top to bottom (what a test or a screen reader checks)."""
        return [float(v) for item in self.bar_items for v in item.opts["width"]]

    def bar_colours(self) -> list[str]:
        return [self.pg.mkBrush(b).color().name().upper() for item in self.bar_items for b in item.opts["brushes"]]

    def bar_pen_styles(self) -> list[Qt.PenStyle]:
        return [p.style() for item in self.bar_items for p in item.opts["pens"]]

    def _index_at(self, x: float, y: float) -> int | None:
        """The bar under the point (x along the values, y the row)."""
        if self.data is None:
            return None
        i = round(y)
        if not (0 <= i < len(self.data.bars) and abs(y - i) <= BAR_WIDTH / 2):
            return None
        value = self.data.bars[i].value
        lo, hi = sorted((0.0, value * 1.05))
        return i if lo <= x <= hi or (value == 0 and abs(x) < 1e-9) else None

    def describe_at(self, x: float, y: float) -> str:
        i = self._index_at(x, y)
        if i is None:
            return " "
        bar = self.data.bars[i]
        kind = term(bar.provider_type) if bar.provider_type else ""
        target = self.data.format(bar.target)
        late_text, target_text = self.tr("late"), self.tr("target")
        late = f" · {late_text}" if bar.late else ""
        return (f"{bar.name} ({kind}): {self.data.format(bar.value)} {self.data.unit_of_measure} · "
                f"{target_text} {target} · {STATUS_STYLE[bar.status].symbol} {term(bar.status)}{late}")

    def unit_at(self, x: float, y: float) -> int | None:
        i = self._index_at(x, y)
        return None if i is None else self.data.bars[i].unit_id


class TimeSeriesChart(_ChartBase):
    """The selected providers over the periods, with the target."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeSeriesChart")
        self.data: TimeSeries | None = None
        self.curves: list = []
        self.target_curve = None

    def set_data(self, data: TimeSeries) -> None:
        pg = self.pg
        self._reset()
        self.data = data
        self.curves = []
        shapes = ("o", "s", "t", "d", "t1", "p")
        palette = ("#56B4E9", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#000000")
        x = list(range(len(data.period_codes)))
        for n, series in enumerate(data.series):
            ys = [float("nan") if v is None else v for _, v in series.points]
            pen = pg.mkPen(palette[n % len(palette)], width=2,
                           style=Qt.PenStyle.DashLine if is_external(series.provider_type) else Qt.PenStyle.SolidLine)
            curve = pg.PlotDataItem(x, ys, pen=pen, symbol=shapes[n % len(shapes)], symbolSize=9,
                                    symbolBrush=palette[n % len(palette)], name=series.label, connect="finite")
            self.plot.addItem(curve)
            self.curves.append(curve)
            glyph = LINE_STYLES[Qt.PenStyle.DashLine if is_external(series.provider_type) else Qt.PenStyle.SolidLine]
            self.add_legend(series.label, palette[n % len(palette)], f"{glyph}{MARKER_GLYPH[shapes[n % len(shapes)]]}")
        self.target_curve = None
        if any(t is not None for t in data.target):
            self.target_curve = pg.PlotDataItem(
                x, [float("nan") if t is None else t for t in data.target], pen=pg.mkPen(TARGET_COLOUR, width=4),
                stepMode=None, name=self.tr("Target"), connect="finite")
            self.plot.addItem(self.target_curve)
            self.add_legend(self.tr("Target"), TARGET_COLOUR, LINE_STYLES[Qt.PenStyle.SolidLine])
        self.plot.getAxis("bottom").setTicks([[(i, code) for i, code in enumerate(data.period_codes)]])
        self.plot.setLabel("left", data.unit_of_measure)
        self.set_title(data.title)
        self.plot.enableAutoRange()

    def describe_at(self, x: float, y: float) -> str:
        if self.data is None or not self.data.period_codes:
            return " "
        i = round(x)
        if not 0 <= i < len(self.data.period_codes):
            return " "
        parts = [f"{s.label} {number(s.points[i][1], self.data.decimals)}" for s in self.data.series]
        target = number(self.data.target[i], self.data.decimals)
        target_text = self.tr("target")
        return f"{self.data.period_codes[i]}: " + " · ".join(parts) + f" · {target_text} {target}"


class SpreadChart(_ChartBase):
    """Every provider as a point over the quartile box; the selected provider highlighted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("spreadChart")
        self.data: ProviderComparison | None = None
        self.points = None
        self.selected_unit_id: int | None = None
        self.positions: list[tuple[float, float, int]] = []

    def set_data(self, data: ProviderComparison, selected_unit_id: int | None = None) -> None:
        pg = self.pg
        self._reset()
        self.data, self.selected_unit_id = data, selected_unit_id
        box = quartiles([b.value for b in data.bars])
        if box is not None:
            q1, median, q3 = box
            self.plot.addItem(pg.BarGraphItem(x=[0], y0=[q1], height=[q3 - q1], width=0.6,
                                              brush=pg.mkBrush(230, 230, 230), pen=pg.mkPen("k")))
            self.plot.addItem(pg.PlotDataItem([-0.3, 0.3], [median, median], pen=pg.mkPen("k", width=2)))
        self.positions = [(((i * 7) % 11 - 5) / 30, b.value, b.unit_id) for i, b in enumerate(data.bars)]
        selected = [b.unit_id == selected_unit_id for b in data.bars]
        self.points = pg.ScatterPlotItem(
            x=[p[0] for p in self.positions], y=[p[1] for p in self.positions],
            symbol=[STATUS_STYLE[b.status].marker for b in data.bars],
            size=[18 if s else 10 for s in selected],
            brush=[STATUS_STYLE[b.status].colour for b in data.bars],
            pen=[pg.mkPen(HIGHLIGHT_COLOUR, width=4) if s else pg.mkPen("k", width=1) for s in selected],
            data=[b.unit_id for b in data.bars], hoverable=True, tip=lambda x, y, data: self.describe_at(x, y))
        self.plot.addItem(self.points)
        for (x, y, unit_id), bar in zip(self.positions, data.bars, strict=True):
            if unit_id == selected_unit_id:
                label = pg.TextItem(f"{bar.name} {data.format(bar.value)}", color="k", anchor=(-0.15, 0.5))
                label.setPos(x, y)
                self.plot.addItem(label)
        if data.target is not None:
            target_text = self.tr("Target")
            self._target_line(data.target, f"{target_text} {data.format(data.target)}")
        self.plot.getAxis("bottom").setTicks([[]])
        self.plot.setXRange(-1, 1.5)
        self.plot.setLabel("left", data.unit_of_measure)
        self.set_title(data.title)

    def unit_at(self, x: float, y: float) -> int | None:
        if not self.positions:
            return None
        span = self.plot.vb.viewRange()[1]
        tolerance = (span[1] - span[0]) * 0.03
        near = [(abs(px - x) + abs(py - y) / max(tolerance, 1e-9) * 0.05, u) for px, py, u in self.positions
                if abs(px - x) < 0.08 and abs(py - y) < tolerance]
        return min(near)[1] if near else None

    def describe_at(self, x: float, y: float) -> str:
        unit_id = self.unit_at(x, y)
        if unit_id is None or self.data is None:
            return " "
        bar = next(b for b in self.data.bars if b.unit_id == unit_id)
        return f"{bar.name}: {self.data.format(bar.value)} {self.data.unit_of_measure} · {term(bar.status)}"
