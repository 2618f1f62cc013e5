"""Utfall: entering results and reading them as a grid (indicator × unit, one period, T/K/M).

A result entered for a closed period is still accepted, and marked late. Every change is
audited in the caller's transaction and returns the previous state for undo."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import (
    AuditAction,
    Gender,
    Indicator,
    OrgUnit,
    ProviderType,
    Result,
    Status,
    UnitKind,
)
from app.models.errors import StyrkortError
from app.services.followup.indicators import check_range
from app.services.followup.periods import require_period
from app.services.followup.status import result_status, units_in_scope
from app.services.followup.targets import targets_for
from app.services.platform import audit


@dataclass(frozen=True)
class ResultState:
    """One cell's stored state: what undo restores."""

    value: float | None
    late: bool = False
    entered_by: str | None = None
    entered_at: dt.datetime | None = None


def _find(session: Session, indicator_id: int, unit_id: int, period_id: int, gender: Gender) -> Result | None:
    return session.execute(sa.select(Result).where(
        Result.indicator_id == indicator_id, Result.unit_id == unit_id, Result.period_id == period_id,
        Result.gender == gender)).scalar_one_or_none()


def get_result(session: Session, indicator_id: int, unit_id: int, period_code: str,
               gender: Gender = Gender.TOTAL) -> ResultState:
    result = _find(session, indicator_id, unit_id, require_period(session, period_code).id, gender)
    if result is None:
        return ResultState(None)
    return ResultState(result.value, result.late, result.entered_by, result.entered_at)


def check_result(session: Session, indicator_id: int, unit_id: int, value: float | None) -> Indicator:
    """Refuse a value outside the indicator's range, or a vanished indicator or unit."""
    indicator = session.get(Indicator, indicator_id)
    unit = session.get(OrgUnit, unit_id)
    if indicator is None or unit is None:
        raise StyrkortError("Indikatorn eller enheten finns inte längre.",
                            "The indicator or the unit no longer exists.")
    check_range(indicator, value)
    return indicator


def set_result(session: Session, indicator_id: int, unit_id: int, period_code: str, gender: Gender,
               value: float | None, *, restore: ResultState | None = None) -> ResultState:
    """Enter (or with None remove) one result; returns the previous state. A result entered
    for a closed period is marked late. `restore` puts back a previous state exactly (undo)."""
    indicator = check_result(session, indicator_id, unit_id, value)
    unit = session.get(OrgUnit, unit_id)
    period = require_period(session, period_code)
    result = _find(session, indicator_id, unit_id, period.id, gender)
    old = ResultState(None) if result is None else ResultState(
        result.value, result.late, result.entered_by, result.entered_at)
    if restore is None:
        state = ResultState(value, period.closed, audit.current_user(), dt.datetime.now().replace(microsecond=0))
    else:
        state = restore
    if state.value is None:
        if result is not None:
            content = audit.row_content(result)
            session.delete(result)
            session.flush()
            audit.record(session, AuditAction.DELETE, "result", result.id, old=content,
                         summary=f"Utfall {indicator.code} {unit.code} {period.code} {gender.value}")
        return old
    if result is None:
        result = Result(indicator_id=indicator_id, unit_id=unit_id, period_id=period.id, gender=gender)
        session.add(result)
    result.value = state.value
    result.late = state.late
    result.entered_by = state.entered_by
    result.entered_at = state.entered_at
    result.import_batch_id = None if restore is None else result.import_batch_id
    session.flush()
    late = " (sent inrapporterat)" if state.late else ""
    audit.record(session, AuditAction.UPDATE if old.value is not None else AuditAction.CREATE, "result",
                 result.id, field="value", old=old.value, new=state.value,
                 summary=f"Utfall {indicator.code} {unit.code} {period.code} {gender.value}{late}")
    return old


@dataclass(frozen=True)
class ResultFilter:
    period_code: str
    committee_id: int | None = None
    service_area: str | None = None
    provider_type: ProviderType | None = None


@dataclass
class GridRow:
    indicator_id: int
    indicator_code: str
    indicator_name: str
    decimals: int
    unit_id: int
    unit_name: str
    provider_type: ProviderType | None
    target: float | None
    status: Status
    values: dict[Gender, float | None] = field(default_factory=dict)
    late: dict[Gender, bool] = field(default_factory=dict)


def service_areas(session: Session) -> list[str]:
    return list(session.execute(sa.select(OrgUnit.service_area).where(OrgUnit.service_area.is_not(None))
                                .distinct().order_by(OrgUnit.service_area)).scalars())


def committees(session: Session) -> list[tuple[int, str]]:
    return [tuple(r) for r in session.execute(sa.select(OrgUnit.id, OrgUnit.name)
                                              .where(OrgUnit.kind == UnitKind.COMMITTEE).order_by(OrgUnit.position))]


def result_grid(session: Session, criteria: ResultFilter) -> list[GridRow]:
    """Rows for every indicator measured at a unit (it has results there, or it belongs to the
    unit's verksamhet), restricted by nämnd, verksamhet and provider type, for one period."""
    period = require_period(session, criteria.period_code)
    units_q = sa.select(OrgUnit.id, OrgUnit.name, OrgUnit.provider_type, OrgUnit.service_area, OrgUnit.kind).where(
        OrgUnit.kind != UnitKind.REFERENCE)
    if criteria.committee_id is not None:
        units_q = units_q.where(OrgUnit.id.in_(units_in_scope(session, criteria.committee_id)))
    if criteria.service_area:
        units_q = units_q.where(OrgUnit.service_area == criteria.service_area)
    if criteria.provider_type is not None:
        units_q = units_q.where(OrgUnit.provider_type == criteria.provider_type)
    units = {r.id: r for r in session.execute(units_q)}
    indicators = {r.id: r for r in session.execute(
        sa.select(Indicator.id, Indicator.code, Indicator.name, Indicator.decimals, Indicator.service_area,
                  Indicator.direction, Indicator.tolerance, Indicator.tolerance_kind))}
    pairs = set(tuple(r) for r in session.execute(sa.select(Result.indicator_id, Result.unit_id).distinct()
                                .where(Result.unit_id.in_(list(units)))).all())
    for unit in units.values():
        if unit.kind is UnitKind.UNIT and unit.service_area:
            pairs |= {(i.id, unit.id) for i in indicators.values() if i.service_area == unit.service_area}
    values: dict[tuple[int, int], dict[Gender, tuple[float | None, bool]]] = {}
    for r in session.execute(sa.select(Result.indicator_id, Result.unit_id, Result.gender, Result.value,
                                       Result.late).where(Result.period_id == period.id,
                                                          Result.unit_id.in_(list(units)))):
        values.setdefault((r[0], r[1]), {})[Gender(r[2])] = (r[3], r[4])
    targets = targets_for(session, period.id, units=units)
    rows = []
    for indicator_id, unit_id in pairs:
        ind, unit = indicators[indicator_id], units[unit_id]
        cell = values.get((indicator_id, unit_id), {})
        target = targets.of(indicator_id, unit_id)
        total = cell.get(Gender.TOTAL, (None, False))[0]
        rows.append(GridRow(
            indicator_id, ind.code, ind.name, ind.decimals, unit_id, unit.name, unit.provider_type, target,
            result_status(total, target, ind.direction, ind.tolerance, ind.tolerance_kind),
            {g: cell.get(g, (None, False))[0] for g in Gender}, {g: cell.get(g, (None, False))[1] for g in Gender}))
    rows.sort(key=lambda r: (r.indicator_code, r.unit_name))
    return rows
