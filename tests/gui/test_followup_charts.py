"""The pyqtgraph charts hold the expected bars, values, target and reference lines (the plot
items' data, not pixels); hovering describes a bar; clicking one emits its unit."""

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QPointF

from app.models import Indicator, OrgUnit, Status
from app.services.followup.chart_data import STATUS_STYLE, TARGET_COLOUR, provider_comparison, time_series
from app.widgets.charts import ProviderComparisonChart, SpreadChart, TimeSeriesChart


def ids(s, model, code):
    return s.execute(sa.select(model.id).where(model.code == code)).scalar_one()


@pytest.fixture
def om01(demo_store):
    with demo_store.session() as s:
        return provider_comparison(s, ids(s, Indicator, "OM01"), "2025")


def test_comparison_chart_bars_target_and_references(qtbot, om01):
    chart = ProviderComparisonChart()
    qtbot.addWidget(chart)
    chart.set_data(om01)
    assert chart.bar_heights() == [b.value for b in om01.bars]
    assert chart.bar_colours() == [STATUS_STYLE[b.status].colour for b in om01.bars]
    assert chart.target_line.value() == pytest.approx(om01.target)
    assert chart.target_line.pen.color().name().upper() == TARGET_COLOUR
    assert [line.value() for line in chart.reference_lines] == [r.value for r in om01.references]
    # Lines carry no text on the plot (it crossed the values); the legend under it names them.
    assert "Riket" in chart.legend_text() and f"{om01.format(om01.target)}<" in chart.legend_text()
    # Shapes, not colour alone: each status its own marker.
    symbols = [spot.symbol() for spot in chart.markers.points()]
    assert symbols == [STATUS_STYLE[b.status].marker for b in om01.bars]
    assert len(set(chart.bar_pen_styles())) == 2  # egen regi solid, externa dashed
    # Horizontal bars: the names on the left axis, whole or elided with "…".
    for shown, bar in zip(chart.axis_names(), om01.bars, strict=True):
        assert shown == bar.name or (shown.endswith("…") and bar.name.startswith(shown[:-1]))
    # The values stand right of every bar and line, never on the target line.
    right = max([b.value for b in om01.bars] + [r.value for r in om01.references] + [om01.target])
    assert all(label.pos().x() > right for label in chart.value_labels)


def test_hover_and_click_on_a_bar(qtbot, om01):
    chart = ProviderComparisonChart()
    qtbot.addWidget(chart)
    chart.resize(700, 400)
    chart.show()
    chart.set_data(om01)
    qtbot.waitExposed(chart)
    qtbot.wait(50)
    last = len(om01.bars) - 1
    text = chart.describe_at(om01.bars[last].value / 2, last)
    assert om01.bars[last].name in text and om01.format(om01.bars[last].value) in text
    assert chart.describe_at(1, last + 0.5) == " "
    scene_pos = chart.plot.vb.mapViewToScene(QPointF(om01.bars[0].value / 2, 0))
    chart.plot.scene().sigMouseMoved.emit(scene_pos)
    assert om01.bars[0].name in chart.hover_label.text()
    assert om01.bars[0].name in chart.plot_widget.toolTip()  # the whole name, also when elided
    with qtbot.waitSignal(chart.unitClicked) as clicked:
        chart.unitClicked.emit(chart.unit_at(om01.bars[0].value / 2, 0))
    assert clicked.args == [om01.bars[0].unit_id]


def test_time_series_and_spread(qtbot, demo_store, om01):
    with demo_store.session() as s:
        units = [ids(s, OrgUnit, "HT01"), ids(s, OrgUnit, "HT04")]
        data = time_series(s, ids(s, Indicator, "OM01"), units, "2025")
    chart = TimeSeriesChart()
    qtbot.addWidget(chart)
    chart.set_data(data)
    assert len(chart.curves) == 2
    xs, ys = chart.curves[1].getData()
    def nan_to_none(values):
        return [None if v != v else v for v in values]

    assert nan_to_none(ys) == [v for _, v in data.series[1].points]
    assert nan_to_none(chart.target_curve.getData()[1]) == data.target
    i = data.period_codes.index("2025")
    assert chart.describe_at(i, 0).startswith("2025: Hemtjänst Norr ")
    assert f"{data.series[1].points[i][1]:.0f}" in chart.describe_at(i, 0)

    spread = SpreadChart()
    qtbot.addWidget(spread)
    selected = om01.bars[1].unit_id
    spread.set_data(om01, selected)
    spots = spread.points.points()
    assert sorted(s.pos().y() for s in spots) == sorted(b.value for b in om01.bars)
    sizes = {s.data(): s.size() for s in spots}
    assert sizes[selected] > max(v for u, v in sizes.items() if u != selected)
    assert spread.unit_at(*spread.positions[1][:2]) == selected
    assert any(b.status is not Status.NOT_ASSESSED for b in om01.bars)
