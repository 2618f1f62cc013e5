"""What a demo is made of: plain data the builder turns into a database (`builder.build_demo`).
Each demo (`region.py`, `kommun.py`) is one `DemoSpec`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.models import Direction, ToleranceKind
from app.models.enums import Aggregation


@dataclass(frozen=True)
class DemoIndicator:
    code: str
    name: str
    unit_of_measure: str
    direction: Direction
    decimals: int
    low: float
    high: float
    base: float
    spread: float
    yearly_change: float
    target: float
    tolerance: float
    goals: tuple[str, ...]
    measured_at: str  # service area code, or "ADM" for the förvaltningar
    kolada: str | None = None
    tertial: bool = False
    by_gender: bool = False
    tolerance_kind: ToleranceKind = ToleranceKind.ABSOLUTE
    aggregation: Aggregation = Aggregation.WEIGHTED
    # Nämnare per unit (patients, pupils, brukare, employees …) as a multiple of the unit's size.
    denominator_scale: float = 1.0
    # Measured in egen regi only (an employer goal such as heltid): not at private providers.
    in_house_only: bool = False


@dataclass(frozen=True)
class DelegationOrder:
    title: str
    case_number: str
    owner: str  # unit code of the nämnd
    adopted_on: dt.date
    valid_from: dt.date
    review_due: dt.date
    responsible: str
    summary: str
    body: str
    chapters: tuple[str, ...]
    # (chapter index, number, ärende, lagrum, act, SFS, delegat, ersättare, limits, reporting)
    items: list[tuple]
    # (item number, decided on, decided by, summary, case number, reported on)
    decisions: list[tuple]


@dataclass(frozen=True)
class DemoMeeting:
    unit: str
    held_on: dt.date
    participants: str
    learnings: str
    agreed_actions: str
    goals: tuple[str, ...]
    cited_by: tuple[str, str] | None = None  # (goal code, unit code) of the assessment citing it


@dataclass(frozen=True)
class DemoSpec:
    name: str
    kind: str  # "region" or "kommun"
    organisation: list[tuple]  # (code, name, kind, parent code, extra)
    providers: list[tuple]  # (code, name, area code, provider type, provider name, org number, kolada id)
    goals: list[tuple]  # (code, title, level, owner code, horizon, description)
    indicators: list[DemoIndicator]
    analyses: dict[tuple[str, str], tuple[str, str]]
    admin_units: tuple[str, ...]  # where "ADM" indicators are measured
    council: str  # the fullmäktige's unit code
    directives: list[tuple]
    goal_links: list[tuple[str, tuple[str, ...]]]  # (directive title, goal codes)
    delegation: DelegationOrder
    plans: list[tuple]
    milestones: list[tuple]
    meetings: list[DemoMeeting] = field(default_factory=list)
    repealed_policy: bool = True
    draft_plan_unit: str = ""  # the unit whose plan for 2026 is still a draft
    settings: dict[str, str] = field(default_factory=dict)
