"""The finance charts of a delårsrapport or årsredovisning, drawn once with matplotlib's object
API: SVG for the PDF (vector, searchable text), PNG for the .docx. Series are told apart by
hatching and labels as well as colour, never by colour alone."""

from __future__ import annotations

import io

from app.services.annual.finances import FinanceRow
from app.services.packs import charts as pack_charts
from app.services.platform.swedish import number

# Each bar is also labelled with its series' letter, so colour is never the only clue.
SERIES = (("budget", "Budget", "#D9D9D9", "B"), ("forecast", "Prognos helår", "#9BC4E2", "P"),
          ("outcome", "Utfall", "#4A7FB0", "U"))


def finance_height(count: int) -> float:
    return 0.9 + 0.55 * count


def _draw_finance(figure, rows: list[FinanceRow], interim: bool) -> None:
    height = figure.get_figheight()
    ax = figure.add_axes((0.30, 0.5 / height, 0.58, 1 - 0.9 / height))
    series = [s for s in SERIES if interim or s[0] != "forecast"]
    band = 0.8 / len(series)
    positions = list(range(len(rows)))[::-1]
    largest = max((getattr(r, key) or 0 for r in rows for key, *_ in series), default=1) or 1
    for index, (key, label, colour, letter) in enumerate(series):
        values = [(getattr(r, key) or 0) / 1000 for r in rows]  # mnkr reads better than tkr on an axis
        ys = [p + 0.4 - band * (index + 0.5) for p in positions]
        bars = ax.barh(ys, values, height=band * 0.92, color=colour, edgecolor="#333333",
                       linewidth=0.5, label=f"{letter} {label}")
        for bar, value in zip(bars, values, strict=True):
            ax.text(bar.get_width() + largest / 1000 * 0.01, bar.get_y() + bar.get_height() / 2,
                    f"{letter} {number(value, 0)}", va="center", fontsize=6.5)
    ax.set_yticks(positions, [r.unit for r in rows])
    ax.set_xlim(0, largest / 1000 * 1.18)
    ax.set_xlabel("mnkr")
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=len(series), frameon=False)


def _draw_deviation(figure, series: dict[str, list[tuple[str, float | None]]]) -> None:
    height = figure.get_figheight()
    ax = figure.add_axes((0.1, 0.55 / height, 0.62, 1 - 0.75 / height))
    markers = "osD^v<>"
    labels = []
    for index, (unit, points) in enumerate(series.items()):
        shown = [(code, value / 1000) for code, value in points if value is not None]
        if not shown:
            continue
        ax.plot([c for c, _ in shown], [v for _, v in shown], marker=markers[index % len(markers)], linewidth=1,
                label=unit)
        code, value = shown[-1]
        labels.append((code, value))
    ax.axhline(0, color="#333333", linewidth=0.6)
    ax.set_ylabel("Avvikelse mot budget, mnkr")
    ax.spines[["top", "right"]].set_visible(False)
    if labels:
        ax.legend(loc="center left", bbox_to_anchor=(1.02, 0.5), frameon=False)


def _render(draw, height: float, fmt: str, *args) -> str | bytes:
    import matplotlib

    with matplotlib.rc_context(pack_charts._RC):
        if fmt == "svg":
            figure = pack_charts._figure(height)
            draw(figure, *args)
            return pack_charts._svg(figure)
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        figure = Figure(figsize=(pack_charts.WIDTH_IN, height))
        FigureCanvasAgg(figure)
        draw(figure, *args)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=150, metadata={"Software": None})
        return buffer.getvalue()


def finance_chart(rows: list[FinanceRow], interim: bool, fmt: str = "svg") -> str | bytes:
    """Budget, prognos and utfall so far per nämnd (driftredovisning), horizontal bars."""
    return _render(_draw_finance, finance_height(len(rows)), fmt, rows, interim)


def deviation_chart(series: dict[str, list[tuple[str, float | None]]], fmt: str = "svg") -> str | bytes:
    """Each nämnd's budgetavvikelse (budget − prognos; the year's utfall at the end) through the year."""
    return _render(_draw_deviation, 2.6, fmt, series)
