"""Chart data, computed once for both renderers: pyqtgraph on screen (app/widgets/charts.py)
and matplotlib for print and export (app/services/followup/chart_render.py).

Status is never shown by colour alone: each status has an Okabe–Ito colour (distinguishable
with the common colour-vision deficiencies), a symbol and a marker shape. Egen regi and
externa utförare differ by outline (solid vs dashed / hatched)."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import (
    Direction,
    Gender,
    OrgUnit,
    Period,
    ProviderType,
    Result,
    Status,
    UnitKind,
)
from app.services.followup.indicators import require_indicator
from app.services.followup.periods import parse_period, require_period
from app.services.followup.status import result_status
from app.services.followup.targets import targets_for
from app.services.platform.swedish import number


@dataclass(frozen=True)
class StatusStyle:
    colour: str     # Okabe–Ito
    symbol: str     # printed beside the value
    marker: str     # shape: pyqtgraph and matplotlib share these letters ("o", "t", "x", "s")
    hatch: str      # matplotlib hatch for print in black and white


STATUS_STYLE: dict[Status, StatusStyle] = {
    Status.MET: StatusStyle("#009E73", "✓", "o", ""),
    Status.PARTLY_MET: StatusStyle("#E69F00", "◐", "t", ".."),
    Status.NOT_MET: StatusStyle("#D55E00", "✗", "x", "xx"),
    Status.NOT_ASSESSED: StatusStyle("#999999", "–", "s", ""),
}
TARGET_COLOUR = "#0072B2"
REFERENCE_COLOUR = "#000000"
HIGHLIGHT_COLOUR = "#CC79A7"


def is_external(provider_type: ProviderType | None) -> bool:
    return provider_type is not None and provider_type is not ProviderType.IN_HOUSE


@dataclass(frozen=True)
class ProviderBar:
    unit_id: int
    name: str
    provider_type: ProviderType | None
    value: float
    target: float | None
    status: Status
    late: bool = False


@dataclass(frozen=True)
class ReferenceLine:
    label: str
    value: float
    unit_id: int | None = None


@dataclass
class ProviderComparison:
    """One bar per provider (best first), the target, reference lines (Riket, municipality,
    the providers' mean) and who has not reported."""

    indicator_id: int
    indicator_code: str
    indicator_name: str
    unit_of_measure: str
    decimals: int
    direction: Direction
    period_code: str
    target: float | None
    bars: list[ProviderBar] = field(default_factory=list)
    references: list[ReferenceLine] = field(default_factory=list)
    not_reported: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.indicator_code} {self.indicator_name}, {self.period_code}"

    def format(self, value: float | None) -> str:
        """Swedish number format: decimal comma, space between thousands."""
        return number(value, self.decimals)


def provider_comparison(session: Session, indicator_id: int, period_code: str) -> ProviderComparison:
    """The providers of an indicator in a period against the target (unit target before the one
    for all units); reference areas (Riket 0000, a municipality) as lines."""
    ind = require_indicator(session, indicator_id)
    period = require_period(session, period_code)
    targets = targets_for(session, period.id, indicators=[indicator_id])
    general = targets.of(indicator_id)
    data = ProviderComparison(ind.id, ind.code, ind.name, ind.unit_of_measure, ind.decimals, ind.direction,
                              period.code, general)
    rows = session.execute(
        sa.select(OrgUnit.id, OrgUnit.name, OrgUnit.kind, OrgUnit.provider_type, OrgUnit.code, Result.value,
                  Result.late)
        .join(Result, Result.unit_id == OrgUnit.id)
        .where(Result.indicator_id == indicator_id, Result.period_id == period.id, Result.gender == Gender.TOTAL,
               Result.value.is_not(None))).all()
    providers = []
    for r in rows:
        if r.kind is UnitKind.REFERENCE:
            data.references.append(ReferenceLine(r.name, r.value, r.id))
            continue
        target = targets.of(indicator_id, r.id)
        status = result_status(r.value, target, ind.direction, ind.tolerance, ind.tolerance_kind)
        providers.append(ProviderBar(r.id, r.name, r.provider_type, r.value, target, status, r.late))
    providers.sort(key=lambda b: (-b.value if ind.direction is Direction.HIGHER_BETTER else b.value, b.name))
    data.bars = providers
    # Riket first, then municipalities, then the mean of the providers shown.
    data.references.sort(key=lambda r: (r.label != "Riket", r.label))
    if providers:
        data.references.append(ReferenceLine("Medel utförare", sum(b.value for b in providers) / len(providers)))
    reported = {b.unit_id for b in providers}
    if ind.service_area:
        data.not_reported = list(session.execute(
            sa.select(OrgUnit.name).where(OrgUnit.kind == UnitKind.UNIT, OrgUnit.service_area == ind.service_area,
                                          OrgUnit.id.not_in(reported)).order_by(OrgUnit.name)).scalars())
    return data


@dataclass
class Series:
    unit_id: int | None
    label: str
    provider_type: ProviderType | None
    points: list[tuple[str, float | None]]


@dataclass
class TimeSeries:
    indicator_code: str
    indicator_name: str
    unit_of_measure: str
    decimals: int
    period_codes: list[str]
    target: list[float | None]
    series: list[Series] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.indicator_code} {self.indicator_name}"


def time_series(session: Session, indicator_id: int, unit_ids: list[int], like_period: str) -> TimeSeries:
    """The selected units' values over every period of the same kind as `like_period` (years,
    or tertial T2 of each year …), with the target for all units."""
    ind = require_indicator(session, indicator_id)
    spec = parse_period(like_period)
    query = sa.select(Period.id, Period.code).where(Period.kind == spec.kind).order_by(Period.start_date)
    if spec.kind.value != "year":
        query = query.where(Period.number == spec.number)
    periods = session.execute(query).all()
    ids = [p.id for p in periods]
    values = {(r[0], r[1]): r[2] for r in session.execute(
        sa.select(Result.unit_id, Result.period_id, Result.value).where(
            Result.indicator_id == indicator_id, Result.gender == Gender.TOTAL, Result.period_id.in_(ids),
            Result.unit_id.in_(unit_ids)))}
    targets = {p.id: targets_for(session, p.id, units=[], indicators=[indicator_id]).of(indicator_id)
               for p in periods}
    # Keep only periods that have something to show.
    shown = [p for p in periods if targets[p.id] is not None or any((u, p.id) in values for u in unit_ids)]
    data = TimeSeries(ind.code, ind.name, ind.unit_of_measure, ind.decimals, [p.code for p in shown],
                      [targets[p.id] for p in shown])
    units = {r.id: r for r in session.execute(
        sa.select(OrgUnit.id, OrgUnit.name, OrgUnit.provider_type).where(OrgUnit.id.in_(unit_ids)))}
    for unit_id in unit_ids:
        if unit_id in units:
            data.series.append(Series(unit_id, units[unit_id].name, units[unit_id].provider_type,
                                      [(p.code, values.get((unit_id, p.id))) for p in shown]))
    return data


def spread_values(data: ProviderComparison) -> list[float]:
    return [b.value for b in data.bars]


def quartiles(values: list[float]) -> tuple[float, float, float] | None:
    """Lower quartile, median, upper quartile (linear interpolation, like numpy's default)."""
    if not values:
        return None
    ordered = sorted(values)

    def at(q: float) -> float:
        pos = (len(ordered) - 1) * q
        low = int(pos)
        high = min(low + 1, len(ordered) - 1)
        return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)

    return at(0.25), at(0.5), at(0.75)
