"""Strategier: how goals are to be reached, each linked to the goals it serves."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class Strategy(Base):
    """A strategy with an owner, optionally written down in a styrdokument of the register.
    It is followed up through the goals it is linked to (strategy_goal)."""

    __tablename__ = "strategy"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str | None] = mapped_column(sa.String(32), unique=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    owner_unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("org_unit.id", ondelete="SET NULL"))
    directive_id: Mapped[int | None] = mapped_column(sa.ForeignKey("directive.id", ondelete="SET NULL"))
    position: Mapped[int] = mapped_column(default=0)


strategy_goal = sa.Table(
    "strategy_goal",
    Base.metadata,
    sa.Column("strategy_id", sa.ForeignKey("strategy.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("goal_id", sa.ForeignKey("goal.id", ondelete="CASCADE"), primary_key=True, index=True),
)
