"""The organisation: finding a unit by its code, reading a unit with its provider details."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import Goal, OrgUnit, ProviderType, UnitKind
from app.models.errors import StyrkortError


def unit_by_code(session: Session, code: str) -> OrgUnit:
    """The unit with this code (surrounding spaces ignored); a StyrkortError naming the code
    when there is none. The one lookup the command line, exports and packs use."""
    unit = session.execute(sa.select(OrgUnit).where(OrgUnit.code == code.strip())).scalar_one_or_none()
    if unit is None:
        raise StyrkortError(f"Det finns ingen enhet med koden {code!r} i databasen.",
                            f"There is no unit with the code {code!r} in the database.")
    return unit


@dataclass
class UnitDetail:
    id: int
    code: str
    name: str
    kind: UnitKind
    parent_name: str | None
    provider_type: ProviderType | None
    provider_name: str | None
    org_number: str | None
    service_area: str | None
    contract_start: dt.date | None
    contract_end: dt.date | None
    municipality_code: str | None
    kolada_ou_id: str | None
    description: str
    owned_goal_count: int
    child_count: int


def unit_detail(session: Session, unit_id: int) -> UnitDetail | None:
    unit = session.get(OrgUnit, unit_id)
    if unit is None:
        return None
    return UnitDetail(
        id=unit.id, code=unit.code, name=unit.name, kind=unit.kind,
        parent_name=unit.parent.name if unit.parent else None,
        provider_type=unit.provider_type, provider_name=unit.provider_name, org_number=unit.org_number,
        service_area=unit.service_area, contract_start=unit.contract_start, contract_end=unit.contract_end,
        municipality_code=unit.municipality_code, kolada_ou_id=unit.kolada_ou_id,
        description=unit.description,
        owned_goal_count=session.execute(
            sa.select(sa.func.count()).where(Goal.owner_unit_id == unit_id)).scalar_one(),
        child_count=session.execute(sa.select(sa.func.count()).where(OrgUnit.parent_id == unit_id)).scalar_one(),
    )
