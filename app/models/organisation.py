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
