"""How units' values make one value for a nämnd, a förvaltning or the whole organisation.

Each indicator declares its rule (`Indicator.aggregation`), as Kolada computes its municipality
and region figures:

- `weighted`: Σ(värde × nämnare) / Σ nämnare — shares (andel %), rates, kr per invånare. The
  nämnare (or population) is stored with each result as `count`. When a reporting unit lacks
  it, the value is the unweighted mean and the explanation says so (never a silent guess).
- `sum`: Σ värde — counts, kronor.
- `mean`: the mean of the units' values — only where that is the definition.
- `none`: not aggregated; a value only when exactly one unit in the scope reports it.

The SQL side reads a handful of sums per indicator (`Sums`) in one grouped query; `aggregate`
applies the rule. Worked examples are in docs/follow-up.md.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from app.models import Gender, Result
from app.models.enums import Aggregation


@dataclass(frozen=True, slots=True)
class Sums:
    """What the rules need from one indicator's values in a scope."""

    reporting: int  # units with a value
    total: float  # Σ value
    weighted_total: float  # Σ value × count over units with a count
    denominator: float  # Σ count over units with a count
    with_count: int  # units with a count
    only: float | None  # the value, when exactly one unit reports


@dataclass(frozen=True, slots=True)
class ScopeValue:
    """One indicator's value in a scope, with the rule that made it."""

    value: float | None
    reporting: int
    rule: Aggregation  # the rule applied: `mean` when `weighted` lacked nämnare
    denominator: float | None = None  # Σ nämnare behind a weighted value
    fell_back: bool = False  # `weighted` asked for, nämnare missing: the unweighted mean


def aggregate(rule: Aggregation, sums: Sums | None) -> ScopeValue | None:
    """The scope value of one indicator under its rule; None when no unit reports."""
    if sums is None or sums.reporting == 0:
        return None
    if rule is Aggregation.WEIGHTED:
        if sums.with_count == sums.reporting and sums.denominator > 0:
            return ScopeValue(sums.weighted_total / sums.denominator, sums.reporting, rule, sums.denominator)
        return ScopeValue(sums.total / sums.reporting, sums.reporting, Aggregation.MEAN, fell_back=True)
    if rule is Aggregation.SUM:
        return ScopeValue(sums.total, sums.reporting, rule)
    if rule is Aggregation.MEAN:
        return ScopeValue(sums.total / sums.reporting, sums.reporting, rule)
    return ScopeValue(sums.only, sums.reporting, rule)


def aggregate_pairs(rule: Aggregation, pairs: list[tuple[float, float | None]]) -> ScopeValue | None:
    """`aggregate` over (value, nämnare) pairs already in memory (charts, exports)."""
    counted = [(v, c) for v, c in pairs if c is not None]
    sums = Sums(len(pairs), sum(v for v, _ in pairs), sum(v * c for v, c in counted), sum(c for _, c in counted),
                len(counted), pairs[0][0] if len(pairs) == 1 else None)
    return aggregate(rule, sums)


def scope_sums(conn: Connection, period_id: int | None, unit_ids: list[int],
               indicator_ids: list[int] | None = None) -> dict[int, Sums]:
    """indicator id → the sums of its total (T) values over `unit_ids` in one period."""
    if period_id is None:
        return {}
    r = Result.__table__.c
    # NULL propagation keeps units without a nämnare out of the weighted sums (no CASE per row:
    # this runs over every result of a period).
    query = (
        sa.select(r.indicator_id, sa.func.count(r.value), sa.func.sum(r.value), sa.func.sum(r.value * r.count),
                  sa.func.sum(r.count), sa.func.count(r.count), sa.func.min(r.value))
        .where(r.period_id == period_id, r.gender == Gender.TOTAL.value, r.value.is_not(None),
               r.unit_id.in_(unit_ids))
        .group_by(r.indicator_id)
    )
    if indicator_ids is not None:
        query = query.where(r.indicator_id.in_(indicator_ids))
    # The covering index ix_result_period_indicator answers it without touching the table.
    return {row[0]: Sums(int(row[1]), float(row[2] or 0.0), float(row[3] or 0.0), float(row[4] or 0.0),
                         int(row[5]), float(row[6]) if row[1] == 1 else None)
            for row in conn.execute(query)}


def describe(scope_value: ScopeValue | None, language: str = "sv") -> str:
    """Which rule made a figure, for "Varför denna status?": one short clause."""
    from app.services.platform import swedish

    if scope_value is None:
        return "inget utfall" if language == "sv" else "no result"
    n = scope_value.reporting
    sv = language == "sv"
    units = ("enhet" if n == 1 else "enheter") if sv else ("unit" if n == 1 else "units")
    if scope_value.fell_back:
        return (f"ovägt medelvärde av {n} {units} – nämnare saknas" if sv
                else f"unweighted mean of {n} {units} – denominator missing")
    if scope_value.rule is Aggregation.WEIGHTED:
        den = swedish.shortest(scope_value.denominator, 1)
        return (f"vägt med nämnaren, {n} {units}, nämnare {den}" if sv
                else f"weighted by the denominator, {n} {units}, denominator {den}")
    if scope_value.rule is Aggregation.SUM:
        return f"summa av {n} {units}" if sv else f"sum of {n} {units}"
    if scope_value.rule is Aggregation.MEAN:
        return f"medelvärde av {n} {units}" if sv else f"mean of {n} {units}"
    if scope_value.value is None:
        return (f"summeras inte – {n} {units} rapporterar" if sv
                else f"not aggregated – {n} {units} report")
    return "summeras inte – en enhet rapporterar" if sv else "not aggregated – one unit reports"
