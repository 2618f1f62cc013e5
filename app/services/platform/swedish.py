"""Swedish number and date typography, the one formatter for every printed or exported number:
review packs, charts (on screen and saved), the results grid and the command line.

Decimal comma, a non-breaking space between thousands (so "1 234" never breaks over a line), a
real minus sign (U+2212), ISO dates; a missing value is a dash."""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"
MINUS = "\u2212"
DASH = "–"


def rounded(value: float, decimals: int = 0) -> Decimal:
    """Half away from zero, as Swedish reports round (12,5 → 13; 2,675 → 2,68 at two decimals).
    Python's round() and format() round half to even on the binary value; the shortest decimal
    text of the float (its repr) is what the user typed and sees, so that is what is rounded."""
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def number(value: float | None, decimals: int = 0) -> str:
    """1234.5 → "1 234,5" (NBSP between thousands, decimal comma, U+2212 minus); None → "–".
    Rounded half up (`rounded`)."""
    if value is None:
        return DASH
    shown = rounded(value, decimals) if math.isfinite(value) else value
    text = f"{abs(shown):,.{decimals}f}".replace(",", NBSP).replace(".", ",")
    # "-0,0" would claim a sign the shown digits do not have.
    negative = value < 0 and any(ch not in "0," + NBSP for ch in text)
    return (MINUS if negative else "") + text


def shortest(value: float | None, max_decimals: int = 6) -> str:
    """As many decimals as the value has (up to `max_decimals`): 72.2 → "72,2", 91.0 → "91"."""
    if value is None:
        return DASH
    text = f"{value:.{max_decimals}f}".rstrip("0")
    return number(value, len(text.split(".")[1]) if "." in text else 0)


def quantity(value: float | None, decimals: int, unit: str) -> str:
    """A number with its unit of measure: "85,0 %", "5 900 kr"."""
    if value is None:
        return DASH
    return f"{number(value, decimals)}{NBSP}{unit}" if unit else number(value, decimals)


def date(day: dt.date) -> str:
    return day.isoformat()
