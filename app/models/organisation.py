"""The organisation: fullmäktige, styrelse, nämnder, förvaltningar, verksamheter, enheter, providers."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, enum_column
from app.models.enums import ProviderType, UnitKind


class OrgUnit(Base):
    """A node of the organisation tree. Enheter that deliver a service carry a provider type;
    external providers carry their organisationsnummer and contract (avtal) dates."""

    __tablename__ = "org_unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(64), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    kind: Mapped[UnitKind] = mapped_column(enum_column(UnitKind))
    parent_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("org_unit.id", ondelete="RESTRICT"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    provider_type: Mapped[ProviderType | None] = mapped_column(enum_column(ProviderType))
    provider_name: Mapped[str | None] = mapped_column(sa.String(200))
    org_number: Mapped[str | None] = mapped_column(sa.String(11))
    service_area: Mapped[str | None] = mapped_column(sa.String(120), index=True)
    contract_start: Mapped[dt.date | None]
    contract_end: Mapped[dt.date | None]
    # Kept as text: Kolada's municipality codes have leading zeros ("0180").
    municipality_code: Mapped[str | None] = mapped_column(sa.String(4))
    kolada_ou_id: Mapped[str | None] = mapped_column(sa.String(32), unique=True)
    description: Mapped[str] = mapped_column(sa.Text, default="")
    # The day a unit stopped existing (merged into or split among successors, see OrgUnitLink).
    # It keeps its results and its place in the tree for the periods before that day.
    closed_on: Mapped[dt.date | None]
    version: Mapped[int] = mapped_column(default=1)

    parent: Mapped[OrgUnit | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[OrgUnit]] = relationship(
        back_populates="parent", order_by="OrgUnit.position"
    )

    __mapper_args__ = {"version_id_col": version}

    __table_args__ = (
        sa.CheckConstraint("contract_end IS NULL OR contract_start IS NULL OR contract_end >= contract_start",
                           name="contract_order"),
    )

    def __repr__(self) -> str:
        return f"OrgUnit({self.code!r}, {self.name!r}, {self.kind.value})"


class OrgUnitLine(Base):
    """Where a unit sat before a dated reorganisation: until (not including) `valid_until`, the
    unit's parent was `parent_id`. `OrgUnit.parent_id` is the newest line; these rows keep who was
    responsible before, so the follow-up of an earlier period uses the organisation of the time."""

    __tablename__ = "org_unit_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("org_unit.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("org_unit.id", ondelete="RESTRICT"), index=True)
    valid_until: Mapped[dt.date]


class OrgUnitLink(Base):
    """A predecessor/successor link made by a merge or a split, effective from `effective_on`:
    the successor's time series continues the predecessor's."""

    __tablename__ = "org_unit_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    predecessor_id: Mapped[int] = mapped_column(sa.ForeignKey("org_unit.id", ondelete="CASCADE"), index=True)
    successor_id: Mapped[int] = mapped_column(sa.ForeignKey("org_unit.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(16))  # "merge" or "split"
    effective_on: Mapped[dt.date]

    __table_args__ = (
        sa.UniqueConstraint("predecessor_id", "successor_id", name="uq_org_unit_link_pair"),
        sa.CheckConstraint("kind IN ('merge', 'split')", name="link_kind"),
    )
