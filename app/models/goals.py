"""The goal hierarchy: vision → målområde → mål → delmål."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, enum_column
from app.models.enums import AdoptionState, GoalLevel, Horizon


class Goal(Base):
    """A node of the goal tree. Order among siblings is `position`; a move writes only the moved
    node's parent and position, never a row per descendant."""

    __tablename__ = "goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str | None] = mapped_column(sa.String(32), unique=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    level: Mapped[GoalLevel] = mapped_column(enum_column(GoalLevel))
    parent_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("goal.id", ondelete="RESTRICT"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    horizon: Mapped[Horizon | None] = mapped_column(enum_column(Horizon))
    start_year: Mapped[int | None]
    end_year: Mapped[int | None]
    owner_unit_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("org_unit.id", ondelete="SET NULL"), index=True
    )
    description: Mapped[str] = mapped_column(sa.Text, default="")
    state: Mapped[AdoptionState] = mapped_column(enum_column(AdoptionState), default=AdoptionState.DRAFT)
    version: Mapped[int] = mapped_column(default=1)

    parent: Mapped[Goal | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Goal]] = relationship(back_populates="parent", order_by="Goal.position")
    owner: Mapped[OrgUnit | None] = relationship()  # noqa: F821
    indicator_links: Mapped[list[GoalIndicator]] = relationship(  # noqa: F821
        back_populates="goal", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        sa.CheckConstraint("end_year IS NULL OR start_year IS NULL OR end_year >= start_year",
                           name="year_order"),
    )

    def __repr__(self) -> str:
        return f"Goal({self.id}, {self.level.value}, {self.title!r})"
