"""Indicators, periods, targets, results and assessments: what follow-up is made of."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, enum_column
from app.models.enums import Aggregation, Direction, Gender, PeriodKind, Status, ToleranceKind


class Indicator(Base):
    """An indicator (nyckeltal): how goal fulfilment is measured."""

    __tablename__ = "indicator"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(32), unique=True)
    name: Mapped[str] = mapped_column(sa.String(300))
    unit_of_measure: Mapped[str] = mapped_column(sa.String(32), default="%")
    direction: Mapped[Direction] = mapped_column(enum_column(Direction), default=Direction.HIGHER_BETTER)
    decimals: Mapped[int] = mapped_column(default=1)
    tolerance: Mapped[float] = mapped_column(default=0.0)
    tolerance_kind: Mapped[ToleranceKind] = mapped_column(
        enum_column(ToleranceKind), default=ToleranceKind.ABSOLUTE
    )
    min_value: Mapped[float | None]
    max_value: Mapped[float | None]
    source: Mapped[str] = mapped_column(sa.String(200), default="")
    kolada_kpi_id: Mapped[str | None] = mapped_column(sa.String(16), unique=True)
    service_area: Mapped[str | None] = mapped_column(sa.String(120))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    version: Mapped[int] = mapped_column(default=1)
    # How unit values make a nämnd's or the organisation's value (docs/follow-up.md, "Aggregation").
    aggregation: Mapped[Aggregation] = mapped_column(
        enum_column(Aggregation), default=Aggregation.WEIGHTED, server_default=Aggregation.WEIGHTED.value
    )

    goal_links: Mapped[list[GoalIndicator]] = relationship(
        back_populates="indicator", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        sa.CheckConstraint("decimals >= 0 AND decimals <= 6", name="decimals_range"),
        sa.CheckConstraint("tolerance >= 0", name="tolerance_non_negative"),
        # '12,5' would otherwise be stored as text (migration 0401; see app/models/guards.py).
        sa.CheckConstraint("typeof(min_value) IN ('real', 'integer', 'null')",
                           name="min_value_is_number").ddl_if(dialect="sqlite"),
        sa.CheckConstraint("typeof(max_value) IN ('real', 'integer', 'null')",
                           name="max_value_is_number").ddl_if(dialect="sqlite"),
    )


class GoalIndicator(Base):
    """Many-to-many link goal ↔ indicator, with the indicator's weight in the goal's roll-up."""

    __tablename__ = "goal_indicator"

    goal_id: Mapped[int] = mapped_column(sa.ForeignKey("goal.id", ondelete="CASCADE"), primary_key=True)
    indicator_id: Mapped[int] = mapped_column(
        sa.ForeignKey("indicator.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    weight: Mapped[float] = mapped_column(default=1.0)
    position: Mapped[int] = mapped_column(default=0)

    goal: Mapped[Goal] = relationship(back_populates="indicator_links")  # noqa: F821
    indicator: Mapped[Indicator] = relationship(back_populates="goal_links")

    __table_args__ = (sa.CheckConstraint("weight >= 0", name="weight_non_negative"),)


class Period(Base):
    """A follow-up period with a stable code: 2025, 2025T1, 2025K1, 2025-03."""

    __tablename__ = "period"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(16), unique=True)
    kind: Mapped[PeriodKind] = mapped_column(enum_column(PeriodKind))
    year: Mapped[int]
    number: Mapped[int] = mapped_column(default=1)
    start_date: Mapped[dt.date]
    end_date: Mapped[dt.date]
    # A closed period still takes results; they are marked late.
    closed: Mapped[bool] = mapped_column(default=False)

    __table_args__ = (
        sa.CheckConstraint("end_date >= start_date", name="date_order"),
        sa.Index("ix_period_kind_year", "kind", "year", "number"),
    )


class Target(Base):
    """Målvärde for an indicator and period, for one unit or (unit_id NULL) for all units."""

    __tablename__ = "target"

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(sa.ForeignKey("indicator.id", ondelete="CASCADE"))
    unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("org_unit.id", ondelete="CASCADE"))
    period_id: Mapped[int] = mapped_column(sa.ForeignKey("period.id", ondelete="RESTRICT"))
    value: Mapped[float]

    __table_args__ = (
        # NULL unit = all units; COALESCE makes the "all units" target unique too.
        sa.Index("uq_target_key", "indicator_id", sa.func.coalesce(sa.column("unit_id"), 0), "period_id",
                 unique=True),
    )


class ImportBatch(Base):
    """One import of one file: its provenance stays with the values it wrote."""

    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(sa.String(500))
    checksum: Mapped[str] = mapped_column(sa.String(64), index=True)
    imported_at: Mapped[dt.datetime]
    user: Mapped[str] = mapped_column(sa.String(100))
    source_kind: Mapped[str] = mapped_column(sa.String(40), default="")
    # Text: a whole-database workbook names 17 sheets (PostgreSQL enforces lengths; migration 1501).
    sheet: Mapped[str | None] = mapped_column(sa.Text)
    rows_read: Mapped[int] = mapped_column(default=0)
    rows_new: Mapped[int] = mapped_column(default=0)
    rows_changed: Mapped[int] = mapped_column(default=0)
    rows_unchanged: Mapped[int] = mapped_column(default=0)
    rows_skipped: Mapped[int] = mapped_column(default=0)
    undone_at: Mapped[dt.datetime | None]


class ImportChange(Base):
    """What one import batch did to one row: created it, or updated it from `old_json`.
    Undoing the batch reads these back; results a batch created are found by import_batch_id."""

    __tablename__ = "import_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(sa.ForeignKey("import_batch.id", ondelete="CASCADE"), index=True)
    entity: Mapped[str] = mapped_column(sa.String(40))
    entity_id: Mapped[int]
    action: Mapped[str] = mapped_column(sa.String(10))
    old_json: Mapped[str | None] = mapped_column(sa.Text)
    new_json: Mapped[str | None] = mapped_column(sa.Text)


class Result(Base):
    """Utfall: the value of an indicator for a unit, period and gender (T/K/M)."""

    __tablename__ = "result"

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(sa.ForeignKey("indicator.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("org_unit.id", ondelete="CASCADE"), index=True)
    # No index of its own: ix_result_period_indicator starts with it (migration 1102 dropped it).
    period_id: Mapped[int] = mapped_column(sa.ForeignKey("period.id", ondelete="RESTRICT"))
    gender: Mapped[Gender] = mapped_column(enum_column(Gender), default=Gender.TOTAL)
    value: Mapped[float | None]
    # Nämnaren (denominator) or population the value rests on, as Kolada stores it: the weight of a
    # share or rate when units are aggregated.
    count: Mapped[float | None]
    comment: Mapped[str] = mapped_column(sa.Text, default="")
    import_batch_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("import_batch.id", ondelete="SET NULL"), index=True
    )
    entered_at: Mapped[dt.datetime | None]
    entered_by: Mapped[str | None] = mapped_column(sa.String(100))
    late: Mapped[bool] = mapped_column(default=False)
    # Two people saving the same result: the second save is refused, not lost (migration 1501).
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        sa.UniqueConstraint("indicator_id", "unit_id", "period_id", "gender", name="uq_result_key"),
        # Covering: the follow-up averages one period's values per indicator from the index alone.
        sa.Index("ix_result_period_indicator", "period_id", "gender", "indicator_id", "unit_id", "value",
                 "count"),
        # '12,5' would otherwise be stored as text: a CHECK, checked in C, instead of the per-row
        # triggers of migration 0401 (migration 1102; see app/models/guards.py).
        sa.CheckConstraint("typeof(value) IN ('real', 'integer', 'null')",
                           name="value_is_number").ddl_if(dialect="sqlite"),
    )


class Assessment(Base):
    """Bedömning of a goal for a unit (NULL: the whole organisation) and period: the computed
    status or a person's manual judgement, with analys and åtgärder."""

    __tablename__ = "assessment"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(sa.ForeignKey("goal.id", ondelete="CASCADE"))
    unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("org_unit.id", ondelete="CASCADE"))
    period_id: Mapped[int] = mapped_column(sa.ForeignKey("period.id", ondelete="RESTRICT"))
    status: Mapped[Status] = mapped_column(enum_column(Status), default=Status.NOT_ASSESSED)
    manual: Mapped[bool] = mapped_column(default=False)
    justification: Mapped[str] = mapped_column(sa.Text, default="")
    analysis: Mapped[str] = mapped_column(sa.Text, default="")
    actions: Mapped[str] = mapped_column(sa.Text, default="")
    author: Mapped[str | None] = mapped_column(sa.String(100))
    assessed_at: Mapped[dt.datetime | None]
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        sa.Index("uq_assessment_key", "goal_id", sa.func.coalesce(sa.column("unit_id"), 0), "period_id",
                 unique=True),
        sa.CheckConstraint("NOT manual OR length(justification) > 0", name="manual_needs_justification"),
    )


class DialogueMeeting(Base):
    """Dialogue meeting (tillitsbaserad styrning): what was learned with a unit or provider."""

    __tablename__ = "dialogue_meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("org_unit.id", ondelete="CASCADE"), index=True)
    period_id: Mapped[int | None] = mapped_column(sa.ForeignKey("period.id", ondelete="SET NULL"))
    held_on: Mapped[dt.date]
    participants: Mapped[str] = mapped_column(sa.Text, default="")
    learnings: Mapped[str] = mapped_column(sa.Text, default="")
    agreed_actions: Mapped[str] = mapped_column(sa.Text, default="")


dialogue_meeting_goal = sa.Table(
    "dialogue_meeting_goal",
    Base.metadata,
    sa.Column("meeting_id", sa.ForeignKey("dialogue_meeting.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("goal_id", sa.ForeignKey("goal.id", ondelete="CASCADE"), primary_key=True),
)

assessment_meeting = sa.Table(
    "assessment_meeting",
    Base.metadata,
    sa.Column("assessment_id", sa.ForeignKey("assessment.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("meeting_id", sa.ForeignKey("dialogue_meeting.id", ondelete="CASCADE"), primary_key=True),
)
