"""Who may write for which units in a regional (PostgreSQL) database: a database role and the
units it answers for. A unit's rapportör or enhetschef may enter results, analyses and
activities for these units and those beneath them; a nämndsekreterare records delegation
decisions for the nämnd named here. The row-level security policies read this table
(`app.services.platform.roles`); on a laptop file it stays empty and unused."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class RoleUnit(Base):
    __tablename__ = "role_unit"

    role_name: Mapped[str] = mapped_column(sa.String(63), primary_key=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("org_unit.id", ondelete="CASCADE"), primary_key=True)
