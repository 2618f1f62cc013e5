"""Indicator rules every follow-up module shares: the indicator must exist, and a value
(result or target) must lie within its range."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.models import Indicator
from app.models.errors import RuleViolation, StyrkortError


def require_indicator(session: Session, indicator_id: int) -> Indicator:
    """The indicator; a StyrkortError when it was deleted meanwhile."""
    indicator = session.get(Indicator, indicator_id)
    if indicator is None:
        raise StyrkortError("Indikatorn finns inte längre.", "The indicator no longer exists.")
    return indicator


def check_range(indicator: Indicator, value: float | None) -> None:
    """A value (result or target) must lie within the indicator's min and max, where set."""
    low, high = indicator.min_value, indicator.max_value
    if value is None or ((low is None or value >= low) and (high is None or value <= high)):
        return
    bounds = f"{'' if low is None else f'{low:g}'}–{'' if high is None else f'{high:g}'}"
    raise RuleViolation(f"{value:g} ligger utanför intervallet för {indicator.code} ({bounds}).",
                        f"{value:g} is outside the range of {indicator.code} ({bounds}).")
