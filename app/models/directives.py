"""Styrdokument, delegationsordning and delegationsbeslut."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, enum_column
from app.models.enums import DirectiveState, DirectiveType, ReportingMode


class Directive(Base):
    """A styrdokument. An adopted (fastställd) version is never edited in place: a change
    creates a new row with `previous_version_id` pointing back."""

    __tablename__ = "directive"

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_type: Mapped[DirectiveType] = mapped_column(enum_column(DirectiveType))
    title: Mapped[str] = mapped_column(sa.String(300))
    case_number: Mapped[str | None] = mapped_column(sa.String(64))
    owner_unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("org_unit.id", ondelete="SET NULL"))
    adopted_by_unit_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("org_unit.id", ondelete="SET NULL")
    )
    adopted_on: Mapped[dt.date | None]
    valid_from: Mapped[dt.date | None]
    valid_to: Mapped[dt.date | None]
    review_due: Mapped[dt.date | None] = mapped_column(index=True)
    responsible: Mapped[str] = mapped_column(sa.String(200), default="")
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    body: Mapped[str] = mapped_column(sa.Text, default="")
    state: Mapped[DirectiveState] = mapped_column(enum_column(DirectiveState), default=DirectiveState.DRAFT)
    version_no: Mapped[int] = mapped_column(default=1)
    previous_version_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("directive.id", ondelete="SET NULL")
    )
    attachment_name: Mapped[str | None] = mapped_column(sa.String(300))
    attachment_data: Mapped[bytes | None] = mapped_column(sa.LargeBinary)
    attachment_link: Mapped[str | None] = mapped_column(sa.String(1000))
    version: Mapped[int] = mapped_column(default=1)

    items: Mapped[list[DelegationItem]] = relationship(
        back_populates="directive", cascade="all, delete-orphan", order_by="DelegationItem.position"
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        sa.CheckConstraint("valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from",
                           name="valid_order"),
    )


directive_goal = sa.Table(
    "directive_goal",
    Base.metadata,
    sa.Column("directive_id", sa.ForeignKey("directive.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("goal_id", sa.ForeignKey("goal.id", ondelete="CASCADE"), primary_key=True),
)


class DelegationItem(Base):
    """One line of a delegationsordning: ärende, lagrum, delegat, ersättare, limits, anmälan."""

    __tablename__ = "delegation_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    directive_id: Mapped[int] = mapped_column(sa.ForeignKey("directive.id", ondelete="CASCADE"), index=True)
    chapter: Mapped[str] = mapped_column(sa.String(200), default="")
    number: Mapped[str] = mapped_column(sa.String(32))
    matter: Mapped[str] = mapped_column(sa.Text)
    legal_reference: Mapped[str] = mapped_column(sa.String(200), default="")
    delegate: Mapped[str] = mapped_column(sa.String(200))
    deputy: Mapped[str] = mapped_column(sa.String(200), default="")
    limits: Mapped[str] = mapped_column(sa.Text, default="")
    report_required: Mapped[bool] = mapped_column(default=True)
    # The act and its SFS number ("Socialtjänstlagen", "2025:400"): a new act is a data change.
    legal_act: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")
    sfs_number: Mapped[str] = mapped_column(sa.String(32), default="", server_default="")
    # How decisions under the item are reported (KL 6 kap. 40 §), or verkställighet (not reported).
    reporting: Mapped[ReportingMode] = mapped_column(
        enum_column(ReportingMode), default=ReportingMode.INDIVIDUAL, server_default=ReportingMode.INDIVIDUAL.value
    )
    position: Mapped[int] = mapped_column(default=0)

    directive: Mapped[Directive] = relationship(back_populates="items")
    decisions: Mapped[list[DelegationDecision]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="DelegationDecision.decided_on"
    )


class DelegationDecision(Base):
    """A delegationsbeslut taken under an item; `reported_on` is the nämnd meeting it was reported to."""

    __tablename__ = "delegation_decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(sa.ForeignKey("delegation_item.id", ondelete="CASCADE"), index=True)
    decided_on: Mapped[dt.date]
    decided_by: Mapped[str] = mapped_column(sa.String(200))
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    case_number: Mapped[str] = mapped_column(sa.String(64), default="")
    reported_on: Mapped[dt.date | None]

    item: Mapped[DelegationItem] = relationship(back_populates="decisions")
