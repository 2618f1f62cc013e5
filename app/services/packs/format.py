"""Typography of printed packs: the shared Swedish number and date format (app/services/platform/swedish.py),
period names, and the symbols that carry a status without colour."""

from __future__ import annotations

from app.models import PeriodKind, Status
from app.services.followup.chart_data import STATUS_STYLE
from app.services.followup.periods import MONTHS_SV, parse_period
from app.services.followup.status import Trend
from app.services.platform.swedish import DASH, MINUS, NBSP, date, number, quantity

__all__ = ["DASH", "MINUS", "NBSP", "STATUS_COLOUR", "STATUS_SYMBOL", "TREND_TEXT", "date", "number",
           "period_label", "period_span", "quantity", "status_text", "trend_text"]

# Shape carries the status, colour only repeats it (never colour alone): the follow-up's symbols
# and Okabe–Ito colours, except "Ej bedömd", whose "–" in a pack already means "no value".
STATUS_SYMBOL = {s: style.symbol for s, style in STATUS_STYLE.items()} | {Status.NOT_ASSESSED: "○"}
STATUS_COLOUR = {s: style.colour for s, style in STATUS_STYLE.items()} | {Status.NOT_ASSESSED: "#8C8C8C"}
# One trend vocabulary for the window, the pack and Excel (Trend.label, Trend.arrow).
TREND_TEXT = {t: f"{t.arrow} {t.label()}" for t in Trend}


def status_text(status: Status) -> str:
    return f"{STATUS_SYMBOL[status]} {status.sv}"


def trend_text(trend: Trend | None) -> str:
    return TREND_TEXT[trend] if trend is not None else DASH


def period_label(code: str) -> str:
    """"2025" → "Helår 2025"; "2025T2" → "Tertial 2 2025"; "2025A8" → "Delår jan–aug 2025"."""
    spec = parse_period(code)
    name = {
        PeriodKind.YEAR: f"Helår {spec.year}",
        PeriodKind.TERTIAL: f"Tertial {spec.number} {spec.year}",
        PeriodKind.QUARTER: f"Kvartal {spec.number} {spec.year}",
        PeriodKind.MONTH: f"Månad {spec.code}",
        # January up to a month: the delårsrapport's period ("Delår jan–aug 2025").
        PeriodKind.CUMULATIVE: f"Delår jan–{MONTHS_SV[spec.number - 1]} {spec.year}",
    }[spec.kind]
    return name


def period_span(code: str) -> str:
    spec = parse_period(code)
    return f"{date(spec.start_date)}{NBSP}{DASH} {date(spec.end_date)}"
