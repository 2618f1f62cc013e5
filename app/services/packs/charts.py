"""Charts of a review pack as SVG text (vector in the PDF), drawn with matplotlib's object API.

Small and data-driven: each renderer takes plain data from content.py and returns SVG, so the
pack can later be pointed at shared chart renderers. matplotlib is imported on first use: it
costs start-up time the app does not want to pay until a pack is made.

Status is never shown by colour alone: every bar carries its status symbol (✓ ◐ ✗) next to its
value, and external providers are told apart from egen regi by hatching, not by colour.
fpdf2 does not draw SVG <pattern> fills, so the hatching is drawn as clipped lines."""

from __future__ import annotations

import io
import re

from app.models import Status
from app.services.packs import format as fmt
from app.services.packs.content import ComparisonChart

WIDTH_IN = 6.5  # the text width of an A4 page with binding margins
FONT_SIZE = 7.5
_RC = {
    "svg.hashsalt": "styrkort",  # stable element ids: same data → same SVG bytes
    # Text stays text: the PDF sets it in its embedded DejaVu Sans (same font as matplotlib's), so
    # it is searchable, and fpdf2 draws it ten times faster than glyph outlines.
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": FONT_SIZE,
    "axes.linewidth": 0.6,
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.6,
}
_METADATA = re.compile(r"<metadata>.*?</metadata>", re.DOTALL)
_FONT_PX = re.compile(r"font-size: ([0-9.]+)px")
_LIGHT = {Status.MET: "#9BD8C3", Status.PARTLY_MET: "#F5D08A", Status.NOT_MET: "#F0A987",
          Status.NOT_ASSESSED: "#D9D9D9"}


def _figure(height_in: float):
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_IN, height_in))
    FigureCanvasSVG(figure)
    return figure


def _svg(figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    # fpdf2 has no use for <metadata> and logs a warning for each one. matplotlib's SVG user unit
    # is the point, but fpdf2 reads "px" as CSS pixels (¾ pt): say pt, so text keeps its size.
    return _FONT_PX.sub(r"font-size: \1pt", _METADATA.sub("", buffer.getvalue()))


def _hatch(ax, patch, spacing: float) -> None:
    """Diagonal lines inside a bar, cut to its edges here (fpdf2 neither fills SVG <pattern>s nor
    clips collections), as one collection per bar."""
    from matplotlib.collections import LineCollection

    left = min(patch.get_x(), patch.get_x() + patch.get_width())
    right = max(patch.get_x(), patch.get_x() + patch.get_width())
    bottom, height = patch.get_y(), patch.get_height()
    # Steps in axes fractions, so that every bar gets the same density on paper.
    x_min, x_max = ax.get_xlim()
    step = (x_max - x_min) * spacing
    run = 2 * step  # horizontal run of one line from the bar's bottom to its top
    segments = []
    start = left - run
    while start < right:
        lo = max(0.0, (left - start) / run)
        hi = min(1.0, (right - start) / run)
        if hi > lo:
            segments.append([(start + run * lo, bottom + height * lo), (start + run * hi, bottom + height * hi)])
        start += step
    ax.add_collection(LineCollection(segments, colors="#333333", linewidths=0.5), autolim=False)


def comparison_svg(chart: ComparisonChart) -> str:
    """Horizontal bars: each unit's own result, the target as a dashed line, status by symbol."""
    import matplotlib
    from matplotlib.ticker import FuncFormatter

    with matplotlib.rc_context(_RC):
        count = len(chart.bars)
        height = comparison_height(count)
        figure = _figure(height)
        ax = figure.add_axes((0.34, 0.42 / height, 0.52, 1 - 0.52 / height))
        values = [b.value for b in chart.bars]
        references = values + [b.target for b in chart.bars if b.target is not None]
        if chart.target is not None:
            references.append(chart.target)
        low, high = min(0.0, *references), max(0.0, *references)
        pad = (high - low) * 0.04 or 1.0
        ax.set_xlim(low - (pad if low < 0 else 0), high + pad)
        positions = list(range(count))[::-1]
        patches = ax.barh(positions, values, height=0.66,
                          color=[_LIGHT[b.status] for b in chart.bars],
                          edgecolor=["#000000" if b.highlight else "#444444" for b in chart.bars],
                          linewidth=[1.6 if b.highlight else 0.6 for b in chart.bars])
        for bar, patch in zip(chart.bars, patches):
            if bar.external:
                _hatch(ax, patch, 0.018)
        for bar, y in zip(chart.bars, positions):
            if bar.target is not None and bar.target != chart.target:
                ax.plot([bar.target, bar.target], [y - 0.4, y + 0.4], color="#000000", linewidth=1.0)
            # A column of values right of the plot: never on top of a bar or the target line.
            label = f"{fmt.number(bar.value, chart.decimals)} {fmt.STATUS_SYMBOL[bar.status]}"
            ax.annotate(label, (1.0, y), xycoords=("axes fraction", "data"), xytext=(6, 0),
                        textcoords="offset points", va="center", ha="left", fontsize=FONT_SIZE,
                        fontweight="bold" if bar.highlight else "normal", annotation_clip=False)
        if chart.target is not None:
            ax.axvline(chart.target, color="#000000", linestyle=(0, (4, 2)), linewidth=1.0)
        ax.set_yticks(positions, [("▶ " if b.highlight else "") + b.name for b in chart.bars])
        for tick, bar in zip(ax.get_yticklabels(), chart.bars):
            if bar.highlight:
                tick.set_fontweight("bold")
        ax.set_ylim(-0.6, count - 0.4)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt.number(v, _axis_decimals(low, high))))
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(axis="y", length=0)
        ax.set_xlabel(chart.unit_of_measure)
        return _svg(figure)


def _axis_decimals(low: float, high: float) -> int:
    span = high - low
    return 0 if span >= 5 else 1 if span >= 0.5 else 2


def summary_svg(rows: list[tuple[str, dict[Status, int]]]) -> str:
    """One stacked bar per målområde: how many goals have each status, labelled with symbol and count."""
    import matplotlib

    order = [Status.MET, Status.PARTLY_MET, Status.NOT_MET, Status.NOT_ASSESSED]
    with matplotlib.rc_context(_RC):
        count = len(rows)
        height = summary_height(count)
        figure = _figure(height)
        ax = figure.add_axes((0.34, 0.55 / height, 0.62, 1 - 0.7 / height))
        positions = list(range(count))[::-1]
        lefts = [0] * count
        for status in order:
            widths = [counts.get(status, 0) for _, counts in rows]
            patches = ax.barh(positions, widths, left=lefts, height=0.62, color=_LIGHT[status],
                              edgecolor="#444444", linewidth=0.6)
            for patch, width in zip(patches, widths):
                if width:
                    ax.text(patch.get_x() + width / 2, patch.get_y() + patch.get_height() / 2,
                            f"{fmt.STATUS_SYMBOL[status]} {width}", ha="center", va="center")
            lefts = [a + b for a, b in zip(lefts, widths)]
        ax.set_yticks(positions, [label for label, _ in rows])
        ax.set_xlim(0, max(lefts + [1]))
        ax.set_ylim(-0.6, count - 0.4)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.set_xlabel("Antal mål")
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(axis="y", length=0)
        return _svg(figure)


def comparison_height(count: int) -> float:
    return 0.55 + 0.24 * count


def summary_height(count: int) -> float:
    return 0.7 + 0.3 * count
