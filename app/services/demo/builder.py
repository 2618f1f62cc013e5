"""The demo builder: turns a demo's data (`DemoSpec`: `region.py` Exempelregionen, `kommun.py`
Exempelkommunen) into a database with organisation, goal hierarchy, indicators, targets, four
years of results with their nämnare, analyses, styrdokument, delegation, plans and årshjul.
Deterministic: the same file every time."""

from __future__ import annotations

import datetime as dt
import random
import zlib
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import (
    AdoptionState,
    Assessment,
    AuditAction,
    DialogueMeeting,
    Gender,
    Goal,
    GoalIndicator,
    GoalLevel,
    Horizon,
    Indicator,
    OrgUnit,
    Period,
    ProviderType,
    Result,
    Status,
    Target,
    UnitKind,
)
from app.models.enums import Aggregation
from app.services.demo.reorganisation import add_past_merger
from app.services.demo.spec import DemoIndicator, DemoSpec
from app.services.followup.periods import ensure_period
from app.services.platform import audit
from app.services.platform.settings import ORGANISATION_NAME, set_setting

DEMO_NAME = "Exempelregionen"
KINDS = ("region", "kommun")
YEARS = (2022, 2023, 2024, 2025)
SEED = 2025
D = dt.date


def demo_spec(kind: str = "region") -> DemoSpec:
    """The demo of a kind: "region" (Exempelregionen) or "kommun" (Exempelkommunen)."""
    if kind == "kommun":
        from app.services.demo.kommun import KOMMUN

        return KOMMUN
    if kind == "region":
        from app.services.demo.region import REGION

        return REGION
    from app.models.errors import StyrkortError

    raise StyrkortError(f"Okänd demo {kind!r}; välj region eller kommun.", f"Unknown demo {kind!r}; choose region or kommun.")


@dataclass
class DemoContext:
    """What the demo has created so far, by code, for the steps that follow."""

    spec: DemoSpec
    session: Session | None = None
    units: dict[str, OrgUnit] = field(default_factory=dict)
    goals: dict[str, Goal] = field(default_factory=dict)
    indicators: dict[str, Indicator] = field(default_factory=dict)
    periods: dict[str, Period] = field(default_factory=dict)


def build_demo(session: Session, kind: str = "region") -> DemoContext:
    """Fill an empty database with a demo: Exempelregionen (default) or Exempelkommunen."""
    spec = demo_spec(kind)
    ctx = DemoContext(spec, session)
    set_setting(session, ORGANISATION_NAME, spec.name)
    for key, value in spec.settings.items():
        set_setting(session, key, value)
    _organisation(session, ctx)
    _goals(session, ctx)
    _periods(session, ctx)
    _indicators(session, ctx)
    _targets_and_results(session, ctx)
    _analyses(session, ctx)
    build_directives_demo(session, ctx)
    _dialogue_meetings(session, ctx)
    # Issue 13: one past reorganisation (two schools merged in 2024), in its own module.
    add_past_merger(session, spec.name)
    from app.services.demo.annual import build_annual_demo

    build_annual_demo(session)
    audit.record(session, AuditAction.CREATE, "database", None, summary=f"Demodata: {spec.name}")
    return ctx


def _organisation(session: Session, ctx: DemoContext) -> None:
    spec = ctx.spec
    for position, (code, name, kind, parent, extra) in enumerate(spec.organisation):
        unit = OrgUnit(code=code, name=name, kind=kind, position=position,
                       parent=ctx.units.get(parent) if parent else None, **extra)
        session.add(unit)
        ctx.units[code] = unit
    for position, (code, name, area, ptype, provider, orgnr, kolada) in enumerate(spec.providers):
        parent = ctx.units[area]
        # A contract (avtal) for contracted providers only: a fristående skola has none.
        contracted = ptype in (ProviderType.EXTERNAL, ProviderType.NON_PROFIT)
        unit = OrgUnit(
            code=code, name=name, kind=UnitKind.UNIT, parent=parent, position=position,
            provider_type=ptype, provider_name=provider, org_number=orgnr,
            service_area=parent.service_area, kolada_ou_id=kolada,
            contract_start=dt.date(2021, 1, 1) if contracted else None,
            contract_end=dt.date(2026, 12, 31) if contracted else None,
        )
        session.add(unit)
        ctx.units[code] = unit
    riket = OrgUnit(code="0000", name="Riket", kind=UnitKind.REFERENCE, municipality_code="0000",
                    position=len(spec.organisation), description="Jämförelsevärden för hela landet (Kolada).")
    session.add(riket)
    ctx.units["0000"] = riket
    session.flush()


def _goals(session: Session, ctx: DemoContext) -> None:
    counters: dict[str | None, int] = {}
    for code, title, level, owner, horizon, description in ctx.spec.goals:
        parent_code = None if level is GoalLevel.VISION else ("V" if "." not in code else code.rsplit(".", 1)[0])
        position = counters.get(parent_code, 0)
        counters[parent_code] = position + 1
        goal = Goal(
            code=code, title=title, level=level, parent=ctx.goals.get(parent_code) if parent_code else None,
            position=position, horizon=horizon, owner=ctx.units[owner] if owner else None,
            description=description, state=AdoptionState.ADOPTED,
            start_year=2023 if level is not GoalLevel.VISION else 2020,
            end_year=2026 if horizon is Horizon.SHORT else 2035,
        )
        session.add(goal)
        ctx.goals[code] = goal
    session.flush()


def _periods(session: Session, ctx: DemoContext) -> None:
    for year in (*YEARS, YEARS[-1] + 1):
        for code in (f"{year}", f"{year}T1", f"{year}T2", f"{year}T3"):
            period = ensure_period(session, code)
            period.closed = year < YEARS[-1]
            ctx.periods[code] = period


def _indicators(session: Session, ctx: DemoContext) -> None:
    for spec in ctx.spec.indicators:
        indicator = Indicator(
            code=spec.code, name=spec.name, unit_of_measure=spec.unit_of_measure, direction=spec.direction,
            decimals=spec.decimals, tolerance=spec.tolerance, tolerance_kind=spec.tolerance_kind,
            min_value=spec.low, max_value=spec.high, kolada_kpi_id=spec.kolada,
            source="Kolada" if spec.kolada else "Egen mätning", aggregation=spec.aggregation,
            service_area=None if spec.measured_at == "ADM" else ctx.units[spec.measured_at].service_area,
        )
        session.add(indicator)
        ctx.indicators[spec.code] = indicator
        for position, goal_code in enumerate(spec.goals):
            session.add(GoalIndicator(goal=ctx.goals[goal_code], indicator=indicator, position=position))
    session.flush()


def _units_measured(ctx: DemoContext, spec: DemoIndicator) -> list[OrgUnit]:
    if spec.measured_at == "ADM":
        return [ctx.units[c] for c in ctx.spec.admin_units]
    return [u for u in ctx.units.values() if u.parent is ctx.units[spec.measured_at]]


def _clamp(spec: DemoIndicator, value: float) -> float:
    return round(min(spec.high, max(spec.low, value)), spec.decimals)


def unit_size(code: str) -> int:
    """A unit's size (listed patients, pupils, brukare, employees): stable per unit code, from its
    own generator so that the results' random stream is the same whatever the sizes."""
    return random.Random(zlib.crc32(code.encode("utf-8"))).randrange(150, 2400, 10)


def _targets_and_results(session: Session, ctx: DemoContext) -> None:
    rng = random.Random(SEED)
    entered = dt.datetime(2026, 1, 20, 9, 0)
    results: list[dict] = []
    for spec in ctx.spec.indicators:
        indicator = ctx.indicators[spec.code]
        for i, year in enumerate((*YEARS, YEARS[-1] + 1)):
            # Targets tighten towards the final target over the years.
            step = (spec.target - (spec.base + spec.yearly_change)) / len(YEARS)
            target = spec.target - step * (len(YEARS) - 1 - i) if i < len(YEARS) else spec.target
            session.add(Target(indicator_id=indicator.id, unit_id=None, period_id=ctx.periods[str(year)].id,
                               value=_clamp(spec, target)))
        for unit in _units_measured(ctx, spec):
            quality = rng.gauss(0, spec.spread)
            # Companies differ more from egen regi than idéburna (org numbers from 8: föreningar, stiftelser).
            if unit.provider_type in (ProviderType.EXTERNAL, ProviderType.INDEPENDENT_SCHOOL) \
                    and not (unit.org_number or "").startswith("8"):
                quality += rng.choice((-0.3, 0.2)) * spec.spread
            # The nämnare: only where the value is weighted by it.
            count = (round(unit_size(unit.code) * spec.denominator_scale, 1)
                     if spec.aggregation is Aggregation.WEIGHTED else None)
            skip = spec.in_house_only and unit.provider_type not in (None, ProviderType.IN_HOUSE)
            for i, year in enumerate(YEARS):
                yearly = spec.base + quality + spec.yearly_change * i + rng.gauss(0, spec.spread * 0.25)
                periods = [(str(year), yearly)]
                if spec.tertial:
                    periods += [(f"{year}T{t}", yearly + rng.gauss(0, spec.spread * 0.3)) for t in (1, 2, 3)]
                for code, value in periods:
                    # A few gaps: providers that did not report (2025T3 mostly).
                    if rng.random() < (0.12 if code == f"{YEARS[-1]}T3" else 0.015):
                        continue
                    if not skip:
                        results.append(dict(indicator_id=indicator.id, unit_id=unit.id,
                                            period_id=ctx.periods[code].id, gender=Gender.TOTAL,
                                            value=_clamp(spec, value), count=count, entered_at=entered,
                                            entered_by="demo"))
                    if spec.by_gender and code == str(year):
                        gap = abs(rng.gauss(spec.spread * 0.3, spec.spread * 0.1))
                        for gender, sign in ((Gender.WOMEN, 1), (Gender.MEN, -1)) if not skip else ():
                            results.append(dict(indicator_id=indicator.id, unit_id=unit.id,
                                                period_id=ctx.periods[code].id, gender=gender,
                                                value=_clamp(spec, value + sign * gap), count=None,
                                                entered_at=entered, entered_by="demo"))
        if spec.kolada:
            riket = ctx.units["0000"]
            for i, year in enumerate(YEARS):
                results.append(dict(indicator_id=indicator.id, unit_id=riket.id,
                                    period_id=ctx.periods[str(year)].id, gender=Gender.TOTAL,
                                    value=_clamp(spec, spec.base + spec.yearly_change * i * 0.8 + spec.spread * 0.1),
                                    count=None, entered_at=entered, entered_by="Kolada"))
    results += _cumulative_results(ctx, results)
    session.execute(Result.__table__.insert(), results)


# The delårsrapport's periods, jan–apr and jan–aug, for the last two years (a trend needs the year before).
CUMULATIVE = {4: (1,), 8: (1, 2)}


def _cumulative_results(ctx: DemoContext, results: list[dict]) -> list[dict]:
    """Part-year values from the tertials already drawn (no new random numbers): a sum adds the
    tertials up; any other value is their mean (a unit's nämnare is the same in every tertial)."""
    aggregation = {ctx.indicators[spec.code].id: spec.aggregation for spec in ctx.spec.indicators}
    decimals = {ctx.indicators[spec.code].id: spec.decimals for spec in ctx.spec.indicators}
    by_code = {period.id: code for code, period in ctx.periods.items()}
    tertials: dict[tuple, dict[int, dict]] = {}
    for row in results:
        code = by_code[row["period_id"]]
        if row["gender"] is Gender.TOTAL and "T" in code and int(code[:4]) >= YEARS[-2]:
            tertials.setdefault((row["indicator_id"], row["unit_id"], int(code[:4])), {})[int(code[-1])] = row
    made = []
    for (indicator_id, _unit_id, year), found in tertials.items():
        for months, parts in CUMULATIVE.items():
            if not all(t in found for t in parts):
                continue
            rows = [found[t] for t in parts]
            values = [r["value"] for r in rows]
            if aggregation[indicator_id] is Aggregation.SUM:
                value = sum(values)
            else:
                value = sum(values) / len(values)
            code = f"{year}A{months}"
            if code not in ctx.periods:
                ctx.periods[code] = ensure_period(ctx.session, code)
                ctx.periods[code].closed = year < YEARS[-1]
            made.append(dict(rows[-1], period_id=ctx.periods[code].id, value=round(value, decimals[indicator_id])))
    return made


def _analyses(session: Session, ctx: DemoContext) -> None:
    period = ctx.periods[str(YEARS[-1])]
    for (goal_code, unit_code), (analysis, actions) in ctx.spec.analyses.items():
        session.add(Assessment(
            goal_id=ctx.goals[goal_code].id, unit_id=ctx.units[unit_code].id, period_id=period.id,
            status=Status.NOT_ASSESSED, analysis=analysis, actions=actions, author="Planeringsavdelningen",
            assessed_at=dt.datetime(2026, 2, 10, 14, 0),
        ))
    session.flush()


def build_directives_demo(session: Session, ctx: DemoContext) -> None:
    """The register, one delegationsordning with decisions, verksamhetsplaner and årshjul."""
    from app.models import (
        Activity,
        ActivityState,
        DelegationDecision,
        DelegationItem,
        Directive,
        DirectiveState,
        DirectiveType,
        Milestone,
        OperationalPlan,
        activity_goal,
        directive_goal,
    )

    spec, units, goals = ctx.spec, ctx.units, ctx.goals
    for title, doc_type, case, owner, adopted_by, adopted_on, review, state, responsible, summary in spec.directives:
        session.add(Directive(
            title=title, doc_type=DirectiveType(doc_type), case_number=case, owner_unit_id=units[owner].id,
            adopted_by_unit_id=units[adopted_by].id, adopted_on=adopted_on, valid_from=adopted_on,
            review_due=review, state=DirectiveState(state), responsible=responsible, summary=summary,
            body=f"{summary}\n\n1. Syfte\n\n2. Omfattning\n\n3. Ansvar\n\n4. Uppföljning",
        ))
    session.flush()
    if spec.repealed_policy:
        # An older, repealed version of the personnel policy, so that the history has something to show.
        current = session.query(Directive).filter_by(title="Personalpolicy").one()
        old = Directive(title="Personalpolicy", doc_type=DirectiveType.POLICY, case_number=current.case_number
                        .replace("2021/145", "2017/98"),
                        owner_unit_id=current.owner_unit_id, adopted_by_unit_id=current.adopted_by_unit_id,
                        adopted_on=D(2017, 6, 19), valid_from=D(2017, 7, 1), valid_to=D(2021, 12, 31),
                        review_due=D(2021, 6, 30), state=DirectiveState.REPEALED, responsible=current.responsible,
                        summary="Förhållningssätt som arbetsgivare.", body="Personalpolicy 2017.")
        session.add(old)
        session.flush()
        current.previous_version_id, current.version_no = old.id, 2
    for title, codes in spec.goal_links:
        directive_id = session.query(Directive.id).filter_by(title=title).order_by(Directive.version_no.desc()) \
            .limit(1).scalar()
        session.execute(directive_goal.insert(), [{"directive_id": directive_id, "goal_id": goals[c].id}
                                                  for c in codes])

    delegation = spec.delegation
    order = Directive(
        title=delegation.title, doc_type=DirectiveType.DELEGATION_ORDER, case_number=delegation.case_number,
        owner_unit_id=units[delegation.owner].id, adopted_by_unit_id=units[delegation.owner].id,
        adopted_on=delegation.adopted_on, valid_from=delegation.valid_from, review_due=delegation.review_due,
        state=DirectiveState.ADOPTED, responsible=delegation.responsible, summary=delegation.summary,
        body=delegation.body)
    session.add(order)
    session.flush()
    by_number = {}
    for position, (chapter, number, matter, lagrum, act, sfs, delegate, deputy, limits, reporting) in enumerate(
            delegation.items):
        item = DelegationItem(directive_id=order.id, chapter=delegation.chapters[chapter], number=number,
                              matter=matter, legal_reference=lagrum, legal_act=act, sfs_number=sfs,
                              delegate=delegate, deputy=deputy, limits=limits, reporting=reporting,
                              report_required=reporting.value != "enforcement", position=position)
        session.add(item)
        by_number[number] = item
    session.flush()
    for number, decided_on, decided_by, summary, case, reported in delegation.decisions:
        session.add(DelegationDecision(item_id=by_number[number].id, decided_on=decided_on, decided_by=decided_by,
                                       summary=summary, case_number=case, reported_on=reported))

    for unit_code, year, mission, activities in spec.plans:
        unit = units[unit_code]
        plan = OperationalPlan(
            unit_id=unit.id, year=year, title=f"Verksamhetsplan {year} – {unit.name}", mission=mission,
            goals_text="Planen utgår från nämndens mål och de delmål som gäller verksamheten.",
            resources="Budgetram enligt nämndens internbudget; bemanning enligt bemanningsplan.",
            follow_up="Aktiviteterna följs upp varje tertial på arbetsplatsträff och i verksamhetsdialogen.",
            state=AdoptionState.DRAFT if year >= 2026 and unit_code == spec.draft_plan_unit else AdoptionState.ADOPTED,
        )
        session.add(plan)
        session.flush()
        for position, (title, responsible, start, end, state, progress, codes) in enumerate(activities):
            activity = Activity(plan_id=plan.id, title=title, responsible=responsible, start_date=start,
                                end_date=end, state=ActivityState(state), progress=progress, position=position)
            session.add(activity)
            session.flush()
            if codes:
                session.execute(activity_goal.insert(), [{"activity_id": activity.id, "goal_id": goals[c].id}
                                                         for c in codes])
    for due_on, title, kind in spec.milestones:
        session.add(Milestone(title=title, due_on=due_on, kind=kind, unit_id=units[spec.council].id))
    session.flush()


def _dialogue_meetings(session: Session, ctx: DemoContext) -> None:
    """Tillitsbaserad styrning: dialogue meetings with providers, cited by a nämnd's assessment."""
    from app.models.followup import assessment_meeting, dialogue_meeting_goal

    for spec in ctx.spec.meetings:
        meeting = DialogueMeeting(
            unit_id=ctx.units[spec.unit].id, period_id=ctx.periods[str(YEARS[-1])].id, held_on=spec.held_on,
            participants=spec.participants, learnings=spec.learnings, agreed_actions=spec.agreed_actions)
        session.add(meeting)
        session.flush()
        session.execute(dialogue_meeting_goal.insert(), [{"meeting_id": meeting.id, "goal_id": ctx.goals[c].id}
                                                         for c in spec.goals])
        if spec.cited_by:
            goal_code, unit_code = spec.cited_by
            assessment = session.execute(sa.select(Assessment.id).where(
                Assessment.goal_id == ctx.goals[goal_code].id,
                Assessment.unit_id == ctx.units[unit_code].id)).scalar_one()
            session.execute(assessment_meeting.insert(), [{"assessment_id": assessment, "meeting_id": meeting.id}])
