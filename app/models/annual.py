"""Planering och uppföljning through the year: uppdrag, internkontroll, finances and the people's
text of the delårsrapport and årsredovisning."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, enum_column
from app.models.enums import (
    AssignmentSource,
    AssignmentState,
    BalanceItem,
    FinanceKind,
    FinanceMeasure,
    ReportSection,
)


class Assignment(Base):
    """An uppdrag from fullmäktige or the styrelse to a nämnd: who, what, decided when, by when."""

    __tablename__ = "assignment"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(32), unique=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    source: Mapped[AssignmentSource] = mapped_column(enum_column(AssignmentSource),
                                                    default=AssignmentSource.BUDGET)
    given_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("org_unit.id", ondelete="SET NULL"))
    assignee_id: Mapped[int] = mapped_column(sa.ForeignKey("org_unit.id", ondelete="RESTRICT"), index=True)
    decided_on: Mapped[dt.date]
    due_on: Mapped[dt.date | None]
    decision_reference: Mapped[str] = mapped_column(sa.String(120), default="")
    version: Mapped[int] = mapped_column(default=1)

    reports: Mapped[list[AssignmentReport]] = relationship(
        back_populates="assignment", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        sa.CheckConstraint("due_on IS NULL OR due_on >= decided_on", name="due_after_decision"),
    )


class AssignmentReport(Base):
    """How an uppdrag stands at a follow-up period, with the nämnd's comment."""

    __tablename__ = "assignment_report"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(sa.ForeignKey("assignment.id", ondelete="CASCADE"))
    period_id: Mapped[int] = mapped_column(sa.ForeignKey("period.id", ondelete="RESTRICT"))
    state: Mapped[AssignmentState] = mapped_column(enum_column(AssignmentState),
                                                  default=AssignmentState.NOT_STARTED)
    comment: Mapped[str] = mapped_column(sa.Text, default="")

    assignment: Mapped[Assignment] = relationship(back_populates="reports")

    __table_args__ = (
        sa.UniqueConstraint("assignment_id", "period_id", name="uq_assignment_report_key"),
    )


class InternalControlPlan(Base):
    """A nämnd's internkontrollplan for a year. It is adopted as a styrdokument (its lifecycle)."""

    __tablename__ = "internal_control_plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("org_unit.id", ondelete="CASCADE"))
    year: Mapped[int]
    title: Mapped[str] = mapped_column(sa.String(300))
    directive_id: Mapped[int | None] = mapped_column(sa.ForeignKey("directive.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(default=1)

    risks: Mapped[list[ControlRisk]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="ControlRisk.position"
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (sa.UniqueConstraint("unit_id", "year", name="uq_internal_control_plan_unit_year"),)


class ControlRisk(Base):
    """A risk in the plan, assessed by sannolikhet × konsekvens (1–4 each)."""

    __tablename__ = "control_risk"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("internal_control_plan.id", ondelete="CASCADE"),
                                         index=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    likelihood: Mapped[int]
    consequence: Mapped[int]
    position: Mapped[int] = mapped_column(default=0)

    plan: Mapped[InternalControlPlan] = relationship(back_populates="risks")
    controls: Mapped[list[ControlPoint]] = relationship(
        back_populates="risk", cascade="all, delete-orphan", order_by="ControlPoint.position"
    )

    __table_args__ = (
        sa.CheckConstraint("likelihood BETWEEN 1 AND 4", name="likelihood_range"),
        sa.CheckConstraint("consequence BETWEEN 1 AND 4", name="consequence_range"),
    )


class ControlPoint(Base):
    """A kontrollmoment: what is checked, by whom, how and how often."""

    __tablename__ = "control_point"

    id: Mapped[int] = mapped_column(primary_key=True)
    risk_id: Mapped[int] = mapped_column(sa.ForeignKey("control_risk.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    owner: Mapped[str] = mapped_column(sa.String(200), default="")
    method: Mapped[str] = mapped_column(sa.Text, default="")
    frequency: Mapped[str] = mapped_column(sa.String(60), default="")
    position: Mapped[int] = mapped_column(default=0)

    risk: Mapped[ControlRisk] = relationship(back_populates="controls")
    results: Mapped[list[ControlResult]] = relationship(back_populates="control", cascade="all, delete-orphan")


class ControlResult(Base):
    """The result of a kontrollmoment for a period: deviations found and the actions taken."""

    __tablename__ = "control_result"

    id: Mapped[int] = mapped_column(primary_key=True)
    control_id: Mapped[int] = mapped_column(sa.ForeignKey("control_point.id", ondelete="CASCADE"))
    period_id: Mapped[int] = mapped_column(sa.ForeignKey("period.id", ondelete="RESTRICT"))
    deviation: Mapped[bool] = mapped_column(default=False)
    finding: Mapped[str] = mapped_column(sa.Text, default="")
    actions: Mapped[str] = mapped_column(sa.Text, default="")

    control: Mapped[ControlPoint] = relationship(back_populates="results")

    __table_args__ = (sa.UniqueConstraint("control_id", "period_id", name="uq_control_result_key"),)


class FinancialFigure(Base):
    """Budget, utfall or prognos in tkr for a unit, verksamhet and kind (drift, investering).
    `period_id` names the period the figure covers from 1 January (a year's budget, utfall
    januari–augusti, the full-year prognos made at the delårsrapport)."""

    __tablename__ = "financial_figure"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("org_unit.id", ondelete="CASCADE"), index=True)
    period_id: Mapped[int] = mapped_column(sa.ForeignKey("period.id", ondelete="RESTRICT"))
    activity: Mapped[str] = mapped_column(sa.String(120), default="")
    kind: Mapped[FinanceKind] = mapped_column(enum_column(FinanceKind), default=FinanceKind.OPERATING)
    measure: Mapped[FinanceMeasure] = mapped_column(enum_column(FinanceMeasure))
    amount: Mapped[float]

    __table_args__ = (
        sa.UniqueConstraint("unit_id", "period_id", "activity", "kind", "measure", name="uq_financial_figure_key"),
        sa.CheckConstraint("typeof(amount) IN ('real', 'integer')", name="amount_is_number").ddl_if(dialect="sqlite"),
    )


class BalanceEntry(Base):
    """One line of the year's balanskravsutredning (amount in mnkr, as entered; the sign of each
    line in the computation follows the line, see app/services/annual/finances.py)."""

    __tablename__ = "balance_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int]
    item: Mapped[BalanceItem] = mapped_column(enum_column(BalanceItem))
    amount: Mapped[float]

    __table_args__ = (
        sa.UniqueConstraint("year", "item", name="uq_balance_entry_year"),
        sa.CheckConstraint("typeof(amount) IN ('real', 'integer')", name="amount_is_number").ddl_if(dialect="sqlite"),
    )


class ReportText(Base):
    """People's text of a report section (viktiga händelser, framtid …) for a scope and period.
    `unit_id` NULL is the whole organisation (styrelsen bedömer); a nämnd's own text is kept
    apart from it."""

    __tablename__ = "report_text"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("org_unit.id", ondelete="CASCADE"))
    period_id: Mapped[int] = mapped_column(sa.ForeignKey("period.id", ondelete="RESTRICT"))
    section: Mapped[ReportSection] = mapped_column(enum_column(ReportSection))
    text: Mapped[str] = mapped_column(sa.Text, default="")

    __table_args__ = (
        sa.Index("uq_report_text_key", sa.func.coalesce(sa.column("unit_id"), 0), "period_id", "section",
                 unique=True),
    )


class GoalSdg(Base):
    """A goal tagged with one of Agenda 2030's seventeen global goals, so a report can be grouped
    by them."""

    __tablename__ = "goal_sdg"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(sa.ForeignKey("goal.id", ondelete="CASCADE"))
    sdg: Mapped[int]

    __table_args__ = (
        sa.UniqueConstraint("goal_id", "sdg", name="uq_goal_sdg_key"),
        sa.CheckConstraint("sdg BETWEEN 1 AND 17", name="sdg_range"),
    )


goal_sdg = GoalSdg.__table__
