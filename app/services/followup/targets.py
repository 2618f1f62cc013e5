"""Målvärden and tolerance: what each indicator's results are measured against.

A target belongs to an indicator and a period, for one unit or (unit None) for all units; a
unit's own target wins over the one for all units. That rule lives here once, in
`targets_for(...).of(...)`: the follow-up, the charts, the packs and the Excel export all read
targets through it. Every change is audited in the caller's transaction and returns what undo needs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import AuditAction, OrgUnit, Period, Target, ToleranceKind
from app.models.errors import RuleViolation
from app.services.followup.indicators import check_range, require_indicator
from app.services.followup.periods import ensure_period, parse_period
from app.services.platform import audit


@dataclass(frozen=True)
class TargetRow:
    indicator_id: int
    period_code: str
    unit_id: int | None
    unit_name: str | None
    value: float


@dataclass(frozen=True)
class Targets:
    """One period's targets as read by `targets_for`: (indicator id, unit id or None) → value."""

    values: Mapping[tuple[int, int | None], float] = field(default_factory=dict)

    def of(self, indicator_id: int, unit_id: int | None = None) -> float | None:
        """The target that applies to a unit (None: the whole organisation): the unit's own
        target when it has one, else the one for all units."""
        if unit_id is not None and (indicator_id, unit_id) in self.values:
            return self.values[(indicator_id, unit_id)]
        return self.values.get((indicator_id, None))

    def for_scope(self, unit_id: int | None = None) -> dict[int, float]:
        """indicator id → the target that applies to the unit (None: the whole organisation)."""
        found = {i: v for (i, u), v in self.values.items() if u is None}
        if unit_id is not None:
            found.update({i: v for (i, u), v in self.values.items() if u == unit_id})
        return found


def targets_for(session: Session, period_id: int | None, *, units: Iterable[int] | None = None,
                indicators: Iterable[int] | None = None) -> Targets:
    """The targets of a period (by id; None → none): always those for all units, and the units'
    own targets — every unit's, or with `units` only those units' (an empty list: none).
    `indicators` limits the indicators read. Ask the result `.of(indicator, unit)`."""
    if period_id is None:
        return Targets({})
    t = Target.__table__.c
    query = sa.select(t.indicator_id, t.unit_id, t.value).where(t.period_id == period_id)
    if units is not None:
        query = query.where(sa.or_(t.unit_id.is_(None), t.unit_id.in_(list(units))))
    if indicators is not None:
        query = query.where(t.indicator_id.in_(list(indicators)))
    return Targets({(i, u): v for i, u, v in session.execute(query)})


def list_targets(session: Session, indicator_id: int) -> list[TargetRow]:
    """The indicator's targets, by period then 'all units' first then unit name."""
    rows = session.execute(
        sa.select(Target.indicator_id, Period.code, Target.unit_id, OrgUnit.name, Target.value)
        .join(Period, Period.id == Target.period_id)
        .outerjoin(OrgUnit, OrgUnit.id == Target.unit_id)
        .where(Target.indicator_id == indicator_id)
        .order_by(Period.start_date, Period.end_date.desc(), Target.unit_id.is_not(None), OrgUnit.name)
    )
    return [TargetRow(*r) for r in rows]


def indicator_tolerance(session: Session, indicator_id: int) -> tuple[int, float, ToleranceKind]:
    """(decimals, tolerance, tolerance kind) of an indicator: what the targets dialog shows."""
    indicator = require_indicator(session, indicator_id)
    return indicator.decimals, indicator.tolerance, indicator.tolerance_kind


def get_target(session: Session, indicator_id: int, period_code: str, unit_id: int | None) -> float | None:
    target = _find(session, indicator_id, period_code, unit_id)
    return target.value if target else None


def _find(session: Session, indicator_id: int, period_code: str, unit_id: int | None) -> Target | None:
    code = parse_period(period_code).code
    return session.execute(
        sa.select(Target).join(Period, Period.id == Target.period_id)
        .where(Target.indicator_id == indicator_id, Period.code == code,
               Target.unit_id.is_(None) if unit_id is None else Target.unit_id == unit_id)
    ).scalar_one_or_none()


def set_target(session: Session, indicator_id: int, period_code: str, unit_id: int | None,
               value: float | None) -> float | None:
    """Set (or with None remove) a target; returns the previous value for undo."""
    indicator = require_indicator(session, indicator_id)
    check_range(indicator, value)
    target = _find(session, indicator_id, period_code, unit_id)
    old = target.value if target else None
    if old == value:
        return old
    period = ensure_period(session, period_code)
    if target is None:
        target = Target(indicator_id=indicator_id, unit_id=unit_id, period_id=period.id, value=value)
        session.add(target)
        session.flush()
        action = AuditAction.CREATE
    elif value is None:
        content = audit.row_content(target)
        session.delete(target)
        action = AuditAction.DELETE
    else:
        target.value = value
        action = AuditAction.UPDATE
    session.flush()
    scope = "alla enheter" if unit_id is None else f"enhet {unit_id}"
    if action is AuditAction.DELETE:
        audit.record(session, action, "target", target.id, old=content,
                     summary=f"Målvärde {indicator.code} {period.code} ({scope})")
    else:
        audit.record(session, action, "target", target.id, field="value", old=old, new=value,
                     summary=f"Målvärde {indicator.code} {period.code} ({scope})")
    return old


def _year_counterpart(code: str, to_year: int) -> str:
    # Every period code starts with its four-digit year: 2025, 2025T1, 2025K1, 2025-03.
    return f"{to_year}{code[4:]}"


def copy_targets_forward(session: Session, from_year: int, to_year: int,
                         indicator_ids: list[int] | None = None) -> list[int]:
    """Copy a year's targets (the year and its tertials, quarters, months) to another year,
    where that year has no target of its own yet. Returns the ids of the targets created."""
    if from_year == to_year:
        raise RuleViolation("Välj ett annat år att kopiera till.", "Choose another year to copy to.")
    query = (sa.select(Target.indicator_id, Target.unit_id, Period.code, Target.value)
             .join(Period, Period.id == Target.period_id).where(Period.year == from_year))
    if indicator_ids is not None:
        query = query.where(Target.indicator_id.in_(indicator_ids))
    created: list[int] = []
    for indicator_id, unit_id, code, value in session.execute(query).all():
        new_code = _year_counterpart(code, to_year)
        if _find(session, indicator_id, new_code, unit_id) is not None:
            continue
        period = ensure_period(session, new_code)
        target = Target(indicator_id=indicator_id, unit_id=unit_id, period_id=period.id, value=value)
        session.add(target)
        session.flush()
        created.append(target.id)
    if created:
        audit.record_many(session, [
            audit.Change(AuditAction.CREATE, "target", target_id, "value", None, value,
                         f"Kopierat från {from_year} till {to_year}")
            for target_id, value in session.execute(
                sa.select(Target.id, Target.value).where(Target.id.in_(created)).order_by(Target.id)).all()])
    return created


def delete_targets(session: Session, target_ids: list[int]) -> None:
    """Remove targets by id (undo of a copy)."""
    if not target_ids:
        return
    rows = session.execute(sa.select(Target.__table__).where(Target.id.in_(target_ids))
                           .order_by(Target.id)).mappings().all()
    session.execute(sa.delete(Target).where(Target.id.in_(target_ids)))
    audit.record_many(session, [audit.Change(AuditAction.DELETE, "target", row["id"], None, audit.row_content(row),
                                             None, "Målvärde borttaget") for row in rows])


def set_tolerance(session: Session, indicator_id: int, tolerance: float,
                  kind: ToleranceKind) -> tuple[float, ToleranceKind]:
    """Set the tolerance that separates delvis uppfyllt from ej uppfyllt; returns the old pair."""
    if tolerance < 0:
        raise RuleViolation("Toleransen kan inte vara negativ.", "The tolerance cannot be negative.")
    indicator = require_indicator(session, indicator_id)
    old = (indicator.tolerance, indicator.tolerance_kind)
    indicator.tolerance = tolerance
    indicator.tolerance_kind = kind
    session.flush()
    audit.record_changes(session, "indicator", indicator_id,
                         {"tolerance": old[0], "tolerance_kind": old[1]},
                         {"tolerance": tolerance, "tolerance_kind": kind})
    return old
