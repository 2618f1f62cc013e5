"""Verksamhetsplaner with activities, and the årshjul's milestones."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, enum_column
from app.models.enums import ActivityState, AdoptionState


class OperationalPlan(Base):
    """A verksamhetsplan for a unit (or nämnd) and year."""

    __tablename__ = "operational_plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("org_unit.id", ondelete="CASCADE"))
    year: Mapped[int]
    title: Mapped[str] = mapped_column(sa.String(300))
    state: Mapped[AdoptionState] = mapped_column(enum_column(AdoptionState), default=AdoptionState.DRAFT)
    mission: Mapped[str] = mapped_column(sa.Text, default="")
    goals_text: Mapped[str] = mapped_column(sa.Text, default="")
    resources: Mapped[str] = mapped_column(sa.Text, default="")
    follow_up: Mapped[str] = mapped_column(sa.Text, default="")
    copied_from_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("operational_plan.id", ondelete="SET NULL")
    )
    version: Mapped[int] = mapped_column(default=1)

    activities: Mapped[list[Activity]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="Activity.position"
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (sa.UniqueConstraint("unit_id", "year", name="uq_operational_plan_unit_year"),)


class Activity(Base):
    """An aktivitet in a plan, linked to the goals it serves."""

    __tablename__ = "activity"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("operational_plan.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    responsible: Mapped[str] = mapped_column(sa.String(200), default="")
    start_date: Mapped[dt.date | None]
    end_date: Mapped[dt.date | None]
    state: Mapped[ActivityState] = mapped_column(enum_column(ActivityState), default=ActivityState.PLANNED)
    progress: Mapped[int] = mapped_column(default=0)
    position: Mapped[int] = mapped_column(default=0)

    plan: Mapped[OperationalPlan] = relationship(back_populates="activities")

    __table_args__ = (
        sa.CheckConstraint("progress >= 0 AND progress <= 100", name="progress_range"),
        sa.CheckConstraint("end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
                           name="date_order"),
    )


activity_goal = sa.Table(
    "activity_goal",
    Base.metadata,
    sa.Column("activity_id", sa.ForeignKey("activity.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("goal_id", sa.ForeignKey("goal.id", ondelete="CASCADE"), primary_key=True),
)


class Milestone(Base):
    """An editable milestone of the årshjul (budget, delårsrapport, årsredovisning …)."""

    __tablename__ = "milestone"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    due_on: Mapped[dt.date] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(sa.String(40), default="")
    unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("org_unit.id", ondelete="SET NULL"))
    description: Mapped[str] = mapped_column(sa.Text, default="")
