"""The follow-up charts drawn with matplotlib, for print, review packs and "Spara som PNG/SVG/PDF".

No Qt and no pyplot: a bare `Figure` saved through matplotlib's Agg, SVG and PDF backends, so
this runs in a worker thread, on the command line and in tests alike. The data come from
app/services/charts.py, the same as the on-screen pyqtgraph charts."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from app.services.charts import (
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


def render_provider_comparison(data: ProviderComparison, target: str | Path | BinaryIO, fmt: str | None = None,
                               language: str = "sv") -> None:
    """Bars per provider (best first), coloured and hatched by status with the status symbol
    above each bar; externa utförare with a dashed outline; target and reference lines."""
    figure, ax = _figure()
    positions = list(range(len(data.bars)))
    for x, bar in zip(positions, data.bars, strict=True):
        style = STATUS_STYLE[bar.status]
        ax.bar(x, bar.value, color=style.colour, hatch=style.hatch, edgecolor="black",
               linestyle="--" if is_external(bar.provider_type) else "-", linewidth=1.2)
        ax.annotate(f"{style.symbol} {data.format(bar.value)}", (x, bar.value), ha="center", va="bottom",
                    fontsize=8, xytext=(0, 2), textcoords="offset points")
    if data.target is not None:
        ax.axhline(data.target, color=TARGET_COLOUR, linewidth=2)
        ax.annotate(f"{'Målvärde' if language == 'sv' else 'Target'} {data.format(data.target)}",
                    (1.0, data.target), xycoords=("axes fraction", "data"), ha="right", va="bottom",
                    color=TARGET_COLOUR, fontsize=8)
    for i, ref in enumerate(data.references):
        ax.axhline(ref.value, color=REFERENCE_COLOUR, linewidth=1, linestyle=_REFERENCE_STYLES[i % 3])
        # Alternate above/below the line: Riket and the mean are often close.
        ax.annotate(f"{ref.label} {data.format(ref.value)}", (0.0, ref.value), xycoords=("axes fraction", "data"),
                    ha="left", va="bottom" if i % 2 == 0 else "top", fontsize=8)
    ax.set_xticks(positions, [b.name for b in data.bars], rotation=30, ha="right", fontsize=8)
    ax.set_ylabel(data.unit_of_measure)
    ax.set_title(data.title, fontsize=10)
    statuses = [s for s in STATUS_STYLE if any(b.status is s for b in data.bars)]
    ax.legend(handles=_legend_handles(any(is_external(b.provider_type) for b in data.bars), statuses, language),
              fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
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
