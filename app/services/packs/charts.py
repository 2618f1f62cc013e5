"""Charts of a review pack as SVG text (vector in the PDF), drawn with matplotlib's object API.

The comparison chart is the follow-up's (app/services/followup/chart_render.py) in the pack's look; the
summary chart is the pack's own. matplotlib is imported on first use: it
costs start-up time the app does not want to pay until a pack is made.

Status is never shown by colour alone: every bar carries its status symbol (✓ ◐ ✗) next to its
value, and external providers are told apart from egen regi by hatching, not by colour.
fpdf2 does not draw SVG <pattern> fills, so the hatching is drawn as clipped lines."""

from __future__ import annotations

import io
import re
from dataclasses import replace

from app.models import Status
from app.services.followup.chart_render import ComparisonLook, draw_provider_comparison
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


PACK_LOOK = ComparisonLook(horizontal=True, hatch_as_lines=True, palette=_LIGHT, symbols=fmt.STATUS_SYMBOL,
                           value_column=True, unit_targets=True, legend=False, title=False)


def comparison_svg(chart: ComparisonChart) -> str:
    """Horizontal bars: each unit's own result, the target as a dashed line, status by symbol;
    drawn by the follow-up's renderer with the pack's look."""
    import matplotlib

    with matplotlib.rc_context(_RC):
        height = comparison_height(len(chart.bars))
        figure = _figure(height)
        ax = figure.add_axes((0.34, 0.42 / height, 0.52, 1 - 0.52 / height))
        draw_provider_comparison(ax, chart.data, replace(PACK_LOOK, highlight_unit_id=chart.highlight_unit_id))
        return _svg(figure)


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
