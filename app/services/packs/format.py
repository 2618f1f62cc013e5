"""Swedish typography for printed packs: decimal comma, a non-breaking space between thousands,
a real minus sign, ISO dates, and the symbols that carry a status without colour."""

from __future__ import annotations

import datetime as dt

from app.models import PeriodKind, Status
from app.services.periods import parse_period
from app.services.status import Trend

NBSP = "\u00a0"
MINUS = "\u2212"
DASH = "–"

# Shape carries the status, colour only repeats it (never colour alone). Okabe–Ito colours.
STATUS_SYMBOL = {Status.MET: "✓", Status.PARTLY_MET: "◐", Status.NOT_MET: "✗", Status.NOT_ASSESSED: "○"}
STATUS_COLOUR = {Status.MET: "#009E73", Status.PARTLY_MET: "#E69F00", Status.NOT_MET: "#D55E00",
                 Status.NOT_ASSESSED: "#8C8C8C"}
TREND_TEXT = {Trend.IMPROVING: "↗ Bättre", Trend.UNCHANGED: "→ Oförändrad", Trend.WORSENING: "↘ Sämre"}


def number(value: float | None, decimals: int = 0) -> str:
    """1234.5 → "1 234,5" (NBSP between thousands, decimal comma, U+2212 minus); None → "–"."""
    if value is None:
        return DASH
    text = f"{abs(value):,.{decimals}f}".replace(",", NBSP).replace(".", ",")
    # "-0,0" would claim a sign the shown digits do not have.
    negative = value < 0 and any(ch not in "0," + NBSP for ch in text)
    return (MINUS if negative else "") + text


def quantity(value: float | None, decimals: int, unit: str) -> str:
    """A number with its unit of measure: "85,0 %", "5 900 kr"."""
    if value is None:
        return DASH
    return f"{number(value, decimals)}{NBSP}{unit}" if unit else number(value, decimals)


def date(day: dt.date) -> str:
    return day.isoformat()


def status_text(status: Status) -> str:
    return f"{STATUS_SYMBOL[status]} {status.sv}"


def trend_text(trend: Trend | None) -> str:
    return TREND_TEXT[trend] if trend is not None else DASH


def period_label(code: str) -> str:
    """"2025" → "Helår 2025"; "2025T2" → "Tertial 2 2025"; with the dates for the cover."""
    spec = parse_period(code)
    name = {
        PeriodKind.YEAR: f"Helår {spec.year}",
        PeriodKind.TERTIAL: f"Tertial {spec.number} {spec.year}",
        PeriodKind.QUARTER: f"Kvartal {spec.number} {spec.year}",
        PeriodKind.MONTH: f"Månad {spec.code}",
    }[spec.kind]
    return name


def period_span(code: str) -> str:
    spec = parse_period(code)
    return f"{date(spec.start_date)}{NBSP}{DASH} {date(spec.end_date)}"
