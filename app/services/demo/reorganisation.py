"""Exempelregionen's one past reorganisation: Dalsskolan merged into Ekdalsskolan on 2024-01-01.

Kept apart from the demo builder (which others extend): it adds the closed school with its own
results for 2022–2023 (grundskola indicators, yearly and tertial, T/K/M as Ekdalsskolan's) and
its Kolada unit id, then merges it through the domain's own `merge_units`, so the history view
and the time series through a merge have something real to show."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import OrgUnit, Period, ProviderType, Result, UnitKind
from app.services.organisation.reorganisation import merge_units

MERGED_ON = dt.date(2024, 1, 1)
CLOSED_CODE, CLOSED_NAME, CLOSED_KOLADA = "GR06", "Dalsskolan", "V15E999900104"
SUCCESSOR_CODE = "GR03"
# Dalsskolan did a little worse than Ekdalsskolan: an offset per value, in the indicator's own unit.
OFFSET = -2.0


def add_past_merger(session: Session, organisation_name: str) -> None:
    successor = session.execute(sa.select(OrgUnit).where(OrgUnit.code == SUCCESSOR_CODE)).scalar_one_or_none()
    if successor is None:  # a demo without that school
        return
    closed = OrgUnit(code=CLOSED_CODE, name=CLOSED_NAME, kind=UnitKind.UNIT, parent_id=successor.parent_id,
                     position=max(c.position for c in successor.parent.children) + 1, provider_type=ProviderType.IN_HOUSE,
                     provider_name=organisation_name, service_area=successor.service_area,
                     kolada_ou_id=CLOSED_KOLADA,
                     description="Slogs ihop med Ekdalsskolan 2024-01-01.")
    session.add(closed)
    session.flush()
    r, p = Result.__table__.c, Period.__table__.c
    earlier = session.execute(
        sa.select(r.indicator_id, r.period_id, r.gender, r.value, r.entered_at, r.entered_by)
        .join(Period.__table__, p.id == r.period_id)
        .where(r.unit_id == successor.id, p.end_date < MERGED_ON, r.value.is_not(None))).all()
    rows = [dict(indicator_id=indicator_id, unit_id=closed.id, period_id=period_id, gender=gender,
                 value=round(max(0.0, value + OFFSET), 4), entered_at=entered_at, entered_by=entered_by)
            for indicator_id, period_id, gender, value, entered_at, entered_by in earlier]
    if rows:
        session.execute(Result.__table__.insert(), rows)
    merge_units(session, [closed.id], successor.id, MERGED_ON, hand_over=False, flag_delegation=False)
