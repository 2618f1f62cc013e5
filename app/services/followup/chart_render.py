"""The follow-up charts drawn with matplotlib, for print, review packs and "Spara som PNG/SVG/PDF".

No Qt and no pyplot: a bare `Figure` saved through matplotlib's Agg, SVG and PDF backends, so
this runs in a worker thread, on the command line and in tests alike. The data come from
app/services/followup/chart_data.py, the same as the on-screen pyqtgraph charts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from app.models import Status
from app.services.followup.chart_data import (
    HIGHLIGHT_COLOUR,
    REFERENCE_COLOUR,
    STATUS_STYLE,
    TARGET_COLOUR,
    ProviderComparison,
    TimeSeries,
    is_external,
    quartiles,
    spread_values,
)
from app.services.platform.swedish import number

FORMATS = ("png", "svg", "pdf")
_MARKERS = {"o": "o", "t": "^", "x": "X", "s": "s"}
_REFERENCE_STYLES = ("--", ":", "-.")


def _figure(width: float = 8.0, height: float = 4.5):
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=100, layout="constrained")
    return figure, figure.add_subplot()


def _save(figure, target: str | Path | BinaryIO, fmt: str | None) -> None:
    if fmt is None:
        fmt = Path(str(target)).suffix.lstrip(".").lower() or "png"
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {FORMATS}")
    # metadata=None keeps the default; dpi only matters for the raster format.
    figure.savefig(target, format=fmt, dpi=150 if fmt == "png" else None)


def _legend_handles(data_has_external: bool, statuses, language: str):
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = [Patch(facecolor=STATUS_STYLE[s].colour, hatch=STATUS_STYLE[s].hatch, edgecolor="black",
                     label=f"{STATUS_STYLE[s].symbol} {s.label(language)}") for s in statuses]
    handles.append(Patch(facecolor="white", edgecolor="black", linewidth=1.2,
                         label="Egen regi" if language == "sv" else "In-house"))
    if data_has_external:
        handles.append(Patch(facecolor="white", edgecolor="black", linestyle="--", linewidth=1.2,
                             label="Extern utförare" if language == "sv" else "External provider"))
    handles.append(Line2D([], [], color=TARGET_COLOUR, linewidth=2, label="Målvärde" if language == "sv" else "Target"))
    return handles


@dataclass(frozen=True)
class ComparisonLook:
    """How a provider comparison is drawn. The defaults are the follow-up page's export (upright
    bars best first, status colour and hatch, dashed outline for externa utförare, references and
    legend); `PACK_LOOK` is the printed review pack's (one row per unit, a value column, the
    pack's unit marked)."""

    horizontal: bool = False
    # fpdf2 neither fills SVG <pattern>s nor clips collections: externa utförare get hatching
    # drawn as clipped lines (and status hatches, drawn the same way, would not be told apart).
    hatch_as_lines: bool = False
    palette: Mapping[Status, str] | None = None  # None: the status colours of STATUS_STYLE
    symbols: Mapping[Status, str] | None = None  # None: the status symbols of STATUS_STYLE
    highlight_unit_id: int | None = None
    value_column: bool = False  # values right of the plot rather than on the bars
    unit_targets: bool = False  # a short tick where a unit's own target differs from the chart's
    legend: bool = True
    title: bool = True


def _axis_decimals(low: float, high: float) -> int:
    span = high - low
    return 0 if span >= 5 else 1 if span >= 0.5 else 2


def hatch_lines(ax, patch, spacing: float) -> None:
    """Diagonal lines inside a bar, cut to its edges here, as one collection per bar."""
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


def draw_provider_comparison(ax, data: ProviderComparison, look: ComparisonLook = ComparisonLook(),
                             language: str = "sv") -> None:
    """Bars per provider in the order of `data.bars`, coloured by status and carrying the status
    symbol beside the value (never colour alone); externa utförare told apart by outline or
    hatching; target and reference lines. The one drawing of this chart, for export and packs."""
    from matplotlib.ticker import FuncFormatter

    palette = look.palette or {s: style.colour for s, style in STATUS_STYLE.items()}
    symbols = look.symbols or {s: style.symbol for s, style in STATUS_STYLE.items()}
    count = len(data.bars)
    positions = list(range(count))[::-1] if look.horizontal else list(range(count))
    values = [b.value for b in data.bars]
    if look.horizontal:
        # The value axis is fixed before bars are drawn: line hatching is spaced in its fractions.
        extent = values + [b.target for b in data.bars if b.target is not None]
        if data.target is not None:
            extent.append(data.target)
        low, high = min(0.0, *extent), max(0.0, *extent)
        pad = (high - low) * 0.04 or 1.0
        ax.set_xlim(low - (pad if low < 0 else 0), high + pad)
        decimals = _axis_decimals(low, high)
    highlighted = [b.unit_id == look.highlight_unit_id for b in data.bars]
    external = [is_external(b.provider_type) for b in data.bars]
    common = {
        "color": [palette[b.status] for b in data.bars],
        "edgecolor": ["#000000" if h else ("#444444" if look.hatch_as_lines else "black") for h in highlighted],
        "linewidth": [1.6 if h else (0.6 if look.hatch_as_lines else 1.2) for h in highlighted],
    }
    if look.horizontal:
        patches = ax.barh(positions, values, height=0.66, **common)
    else:
        patches = ax.bar(positions, values, **common)
    for bar, patch, ext in zip(data.bars, patches, external, strict=True):
        if look.hatch_as_lines:
            if ext:
                hatch_lines(ax, patch, 0.018)
        else:
            patch.set_hatch(STATUS_STYLE[bar.status].hatch)
            patch.set_linestyle("--" if ext else "-")
    for bar, pos, bold in zip(data.bars, positions, highlighted, strict=True):
        if look.unit_targets and bar.target is not None and bar.target != data.target:
            ax.plot([bar.target, bar.target], [pos - 0.4, pos + 0.4], color="#000000", linewidth=1.0)
        if look.value_column:
            # A column of values right of the plot: never on top of a bar or the target line.
            ax.annotate(f"{data.format(bar.value)} {symbols[bar.status]}", (1.0, pos),
                        xycoords=("axes fraction", "data"), xytext=(6, 0), textcoords="offset points",
                        va="center", ha="left", fontweight="bold" if bold else "normal", annotation_clip=False)
        else:
            ax.annotate(f"{symbols[bar.status]} {data.format(bar.value)}", (pos, bar.value), ha="center",
                        va="bottom", fontsize=8, xytext=(0, 2), textcoords="offset points")
    target_text = "Målvärde" if language == "sv" else "Target"
    if data.target is not None:
        if look.horizontal:
            ax.axvline(data.target, color="#000000", linestyle=(0, (4, 2)), linewidth=1.0)
        else:
            ax.axhline(data.target, color=TARGET_COLOUR, linewidth=2)
            ax.annotate(f"{target_text} {data.format(data.target)}", (1.0, data.target),
                        xycoords=("axes fraction", "data"), ha="right", va="bottom", color=TARGET_COLOUR,
                        fontsize=8)
    for i, ref in enumerate(data.references):
        ax.axhline(ref.value, color=REFERENCE_COLOUR, linewidth=1, linestyle=_REFERENCE_STYLES[i % 3])
        # Alternate above/below the line: Riket and the mean are often close.
        ax.annotate(f"{ref.label} {data.format(ref.value)}", (0.0, ref.value), xycoords=("axes fraction", "data"),
                    ha="left", va="bottom" if i % 2 == 0 else "top", fontsize=8)
    names = [("▶ " if h else "") + b.name for b, h in zip(data.bars, highlighted, strict=True)]
    if look.horizontal:
        ax.set_yticks(positions, names)
        for tick, bold in zip(ax.get_yticklabels(), highlighted, strict=True):
            if bold:
                tick.set_fontweight("bold")
        ax.set_ylim(-0.6, count - 0.4)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: number(v, decimals)))
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(axis="y", length=0)
        ax.set_xlabel(data.unit_of_measure)
    else:
        ax.set_xticks(positions, names, rotation=30, ha="right", fontsize=8)
        ax.set_ylabel(data.unit_of_measure)
    if look.title:
        ax.set_title(data.title, fontsize=10)
    if look.legend:
        statuses = [s for s in STATUS_STYLE if any(b.status is s for b in data.bars)]
        ax.legend(handles=_legend_handles(any(external), statuses, language),
                  fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))


def render_provider_comparison(data: ProviderComparison, target: str | Path | BinaryIO, fmt: str | None = None,
                               language: str = "sv") -> None:
    """Bars per provider (best first), coloured and hatched by status with the status symbol
    above each bar; externa utförare with a dashed outline; target and reference lines."""
    figure, ax = _figure()
    draw_provider_comparison(ax, data, ComparisonLook(), language)
    _save(figure, target, fmt)


def render_time_series(data: TimeSeries, target: str | Path | BinaryIO, fmt: str | None = None,
                       language: str = "sv") -> None:
    """One line per selected provider (dashed for externa utförare, a marker shape each), and
    the target as a thick stepped line."""
    figure, ax = _figure()
    x = list(range(len(data.period_codes)))
    shapes = ("o", "s", "^", "D", "v", "P")
    for i, series in enumerate(data.series):
        ys = [float("nan") if v is None else v for _, v in series.points]
        ax.plot(x, ys, marker=shapes[i % len(shapes)], linestyle="--" if is_external(series.provider_type) else "-",
                label=series.label)
    if any(t is not None for t in data.target):
        ax.plot(x, [float("nan") if t is None else t for t in data.target], color=TARGET_COLOUR, linewidth=3,
                drawstyle="steps-mid", label="Målvärde" if language == "sv" else "Target")
    ax.set_xticks(x, data.period_codes)
    ax.set_ylabel(data.unit_of_measure)
    ax.set_title(data.title, fontsize=10)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    _save(figure, target, fmt)


def render_spread(data: ProviderComparison, selected_unit_id: int | None, target: str | Path | BinaryIO,
                  fmt: str | None = None, language: str = "sv") -> None:
    """Every provider as a point (shape by status) over a box of the quartiles; the selected
    provider larger, highlighted and labelled."""
    figure, ax = _figure(6.0, 4.5)
    values = spread_values(data)
    box = quartiles(values)
    if box is not None:
        ax.boxplot([values], positions=[0], widths=0.5, showfliers=False)
    for i, bar in enumerate(data.bars):
        style = STATUS_STYLE[bar.status]
        jitter = ((i * 7) % 11 - 5) / 30
        selected = bar.unit_id == selected_unit_id
        ax.scatter([jitter], [bar.value], marker=_MARKERS[style.marker], s=140 if selected else 40,
                   color=style.colour, edgecolors=HIGHLIGHT_COLOUR if selected else "black",
                   linewidths=3 if selected else 0.5, zorder=3)
        if selected:
            ax.annotate(f"{bar.name} {data.format(bar.value)}", (jitter, bar.value), xytext=(12, 0),
                        textcoords="offset points", va="center", fontsize=9, fontweight="bold")
    if data.target is not None:
        ax.axhline(data.target, color=TARGET_COLOUR, linewidth=2,
                   label=f"{'Målvärde' if language == 'sv' else 'Target'} {data.format(data.target)}")
        ax.legend(fontsize=8, loc="upper right")
    ax.set_xticks([])
    ax.set_xlim(-1, 1.5)
    ax.set_ylabel(data.unit_of_measure)
    ax.set_title(data.title, fontsize=10)
    _save(figure, target, fmt)
