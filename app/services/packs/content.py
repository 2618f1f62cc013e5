"""What a review pack (uppföljningsrapport) says: a plain, deterministic structure built from
the database for one scope and period. Rendering (pdf.py) only lays it out.

Scope rule (also in docs/packs.md): the whole organisation's pack has every mål and delmål.
A unit's pack (a nämnd, förvaltning, verksamhet or enhet) has the goals **owned** by that unit
or a unit below it, and the goals with **results reported by units in scope** for the period
(e.g. a regionwide goal on sick leave, as far as the nämnd's förvaltning reports it). Goals of
other nämnder without results in scope are left out, and so are their units and providers. For
a goal owned outside the scope only the indicators with results in scope are shown. A
provider's pack is the provider's own follow-up; its comparison charts show the provider among
the other units of its verksamhet, marked, so that it sees where it stands.

Statuses, values and targets of the scope all come from `app.services.followup.status.compute_follow_up`,
with the roll-up rule chosen for the database unless the options name one; comparison charts from
`app.services.followup.chart_data.provider_comparison`; the styrdokument and delegationsbeslut the scope's
nämnd must act on from `app.services.governance.directives`, judged on the pack's date.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import (
    Assessment,
    DirectiveType,
    Gender,
    Goal,
    GoalLevel,
    Indicator,
    OrgUnit,
    Period,
    ProviderType,
    Result,
    Status,
    UnitKind,
)
from app.models.errors import StyrkortError
from app.services.followup.assessment import scope_options
from app.services.followup.chart_data import ProviderBar, ProviderComparison, provider_comparison
from app.services.followup.periods import default_period, parse_period, previous_comparable, require_period
from app.services.followup.status import (
    FollowUp,
    RollupRule,
    Trend,
    compute_follow_up,
    result_status,
    rollup_rule,
    units_in_scope,
)
from app.services.followup.targets import Targets, targets_for
from app.services.governance.directives import (
    DecisionRow,
    DirectiveRow,
    due_for_review,
    register,
    unreported_decisions,
)
from app.services.organisation.units import unit_by_code
from app.services.platform.anchors import anchor_text
from app.services.platform.audit import chain_head
from app.services.platform.settings import ORGANISATION_NAME, get_setting
from app.services.platform.trees import depth_first

TITLE = "Uppföljningsrapport"
WHOLE_ORGANISATION = "Hela organisationen"
HISTORY_PERIODS = 2  # comparable periods shown before the current one
PACK_LEVELS = (GoalLevel.GOAL, GoalLevel.SUB_GOAL)


class PackCancelled(StyrkortError):
    """The user stopped the generation; nothing was written."""

    def __init__(self) -> None:
        super().__init__("Uppföljningsrapporten avbröts.", "The review pack was cancelled.")


class PackState:
    """Progress and interruption for long work (Orange's `run(data, state)` pattern): a GUI
    worker passes one that emits signals and answers a cancel button; the CLI uses this one."""

    def set_progress(self, fraction: float, text: str = "") -> None:  # noqa: B027 - optional hook
        pass

    def is_interruption_requested(self) -> bool:
        return False

    def check(self, fraction: float, text: str = "") -> None:
        if self.is_interruption_requested():
            raise PackCancelled()
        self.set_progress(fraction, text)


@dataclass(frozen=True)
class PackOptions:
    scope_code: str | None = None  # an org unit code; None: the whole organisation
    period_code: str | None = None  # None: the latest period with results
    generated_on: dt.date | None = None  # None: today; fix it for archiving
    rule: RollupRule | None = None  # None: the roll-up rule chosen for the database


@dataclass
class IndicatorRow:
    code: str
    name: str
    unit_of_measure: str
    decimals: int
    direction_text: str
    history: list[tuple[str, float | None]]  # earlier comparable periods, oldest first
    value: float | None
    target: float | None
    status: Status
    trend: Trend | None
    units_reporting: int


@dataclass
class ComparisonChart:
    """The follow-up's provider comparison, cut to the units of the pack, in organisation-chart
    order, against the scope's target; a provider's own pack marks the provider."""

    data: ProviderComparison
    highlight_unit_id: int | None = None

    @property
    def indicator_code(self) -> str:
        return self.data.indicator_code

    @property
    def title(self) -> str:
        return self.data.indicator_name

    @property
    def bars(self) -> list[ProviderBar]:
        return self.data.bars


@dataclass
class GoalSection:
    goal_id: int
    code: str
    title: str
    level: GoalLevel
    owner: str
    description: str
    status: Status
    score: float | None
    manual: bool
    justification: str
    indicators: list[IndicatorRow]
    charts: list[ComparisonChart]
    children: list[tuple[str, str, Status]]  # (code, title, status) of included sub-goals
    analysis: str = ""
    actions: str = ""
    analysis_by: str = ""


@dataclass
class AreaSection:
    code: str
    title: str
    status: Status
    goals: list[GoalSection] = field(default_factory=list)

    def counts(self) -> dict[Status, int]:
        tally = dict.fromkeys(Status, 0)
        for goal in self.goals:
            tally[goal.status] += 1
        return tally


@dataclass
class ProviderRow:
    indicator_code: str
    indicator_name: str
    unit_of_measure: str
    decimals: int
    value: float
    target: float | None
    status: Status


@dataclass
class ProviderResults:
    code: str
    name: str
    provider_type: ProviderType
    provider_name: str
    org_number: str
    service_area: str
    contract: str
    rows: list[ProviderRow]


@dataclass
class Governance:
    """Styrdokument and delegation for the pack's nämnd (everything for the whole organisation):
    documents due for review ("Att revidera") and delegationsbeslut not yet reported."""

    body_name: str = ""  # the nämnd; "" for the whole organisation
    due: list[DirectiveRow] = field(default_factory=list)
    unreported: list[DecisionRow] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.due or self.unreported)


@dataclass
class Pack:
    title: str
    organisation: str
    scope_code: str | None
    scope_name: str
    scope_kind: str
    period_code: str
    generated_on: dt.date
    overall_status: Status | None
    areas: list[AreaSection]
    providers: list[ProviderResults]
    governance: Governance = field(default_factory=Governance)
    # "Ändringsloggens kontrollsumma (date): N poster, hash": the audit chain's head when the pack
    # was made, printed on it so that `styrkort check --ankare pack.pdf` can compare later.
    audit_anchor: str = ""

    def goals(self) -> list[GoalSection]:
        return [g for area in self.areas for g in area.goals]

    def counts(self) -> dict[Status, int]:
        tally = dict.fromkeys(Status, 0)
        for goal in self.goals():
            tally[goal.status] += 1
        return tally

    def chart_count(self) -> int:
        return sum(len(g.charts) for g in self.goals())


def find_scope(session: Session, code: str | None) -> OrgUnit | None:
    """The unit a pack is about; None for the whole organisation. Unknown code → StyrkortError."""
    if code is None or not code.strip():
        return None
    unit = unit_by_code(session, code)
    if unit.kind is UnitKind.REFERENCE:
        raise StyrkortError(f"{unit.name} är ett jämförelseområde, inte en del av organisationen.",
                            f"{unit.name} is a reference area, not part of the organisation.")
    return unit


def pack_period(session: Session) -> str:
    """The period of a pack made without one: the default period of the follow-up page."""
    code = default_period(session)
    if code is None:
        raise StyrkortError("Databasen har inga utfall att rapportera.", "The database has no results to report.")
    return code


def _history_codes(session: Session, code: str) -> list[str]:
    existing = set(session.execute(sa.select(Period.code)).scalars())
    codes, spec = [], parse_period(code)
    for _ in range(HISTORY_PERIODS):
        spec = previous_comparable(spec)
        if spec.code in existing:
            codes.append(spec.code)
    return list(reversed(codes))


def build_pack(session: Session, options: PackOptions, state: PackState | None = None) -> Pack:
    """The content of a pack. Same data and options → the same structure, in the same order."""
    state = state or PackState()
    scope = find_scope(session, options.scope_code)
    period = require_period(session, options.period_code).code if options.period_code else pack_period(session)
    generated_on = options.generated_on or dt.date.today()
    scope_id = scope.id if scope else None
    state.check(0.02, "Beräknar måluppfyllelse")
    rule = options.rule or rollup_rule(session)
    follow = compute_follow_up(session, period, scope_id, rule)
    history = {code: compute_follow_up(session, code, scope_id, rule)
               for code in _history_codes(session, period)}
    scope_units = set(units_in_scope(session, scope_id))
    units = {u.id: u for u in session.execute(sa.select(OrgUnit)).scalars()}
    rank = _tree_rank(units)
    goals = list(session.execute(sa.select(Goal).order_by(Goal.position, Goal.id)).scalars())
    indicators = {i.id: i for i in session.execute(sa.select(Indicator)).scalars()}
    period_id = session.execute(sa.select(Period.id).where(Period.code == period)).scalar_one()

    provider_scope = scope is not None and scope.provider_type is not None and not scope.children
    chart_units = set(units_in_scope(session, scope.parent_id)) if provider_scope and scope.parent_id else scope_units
    own = _own_results(session, period_id, chart_units | scope_units)
    targets = targets_for(session, period_id)
    comparisons: dict[int, ProviderComparison] = {}
    state.check(0.06, "Samlar mål och indikatorer")

    by_parent: dict[int | None, list[Goal]] = defaultdict(list)
    for goal in goals:
        by_parent[goal.parent_id].append(goal)

    def included(goal: Goal) -> bool:
        if goal.level not in PACK_LEVELS:
            return False
        if scope is None or goal.owner_unit_id in scope_units:
            return True
        return any(o.units_reporting > 0 for o in follow.goals[goal.id].indicators)

    def section(goal: Goal) -> GoalSection:
        outcome = follow.goals[goal.id]
        owned = scope is None or goal.owner_unit_id in scope_units
        shown = [o for o in outcome.indicators if owned or o.units_reporting > 0]
        rows = [IndicatorRow(
            o.code, o.name, o.unit_of_measure, o.decimals, o.direction.sv,
            [(code, _indicator_value(fu, goal.id, o.indicator_id)) for code, fu in history.items()],
            o.value, o.target, o.status, o.trend, o.units_reporting) for o in shown]
        charts = []
        for o in shown:
            chart = _chart(session, comparisons, o.indicator_id, period, o.target, chart_units, rank,
                           scope_id if provider_scope else None)
            if chart is not None:
                charts.append(chart)
        kids = [(c.code or "", c.title, follow.goals[c.id].status) for c in by_parent[goal.id] if included(c)]
        analysis, actions, by = _analysis(session, goal, period_id, scope_id, scope_units, units)
        return GoalSection(
            goal.id, goal.code or "", goal.title, goal.level,
            units[goal.owner_unit_id].name if goal.owner_unit_id in units else "",
            goal.description, outcome.status, outcome.score, outcome.manual, outcome.justification,
            rows, charts, kids, analysis, actions, by)

    areas: list[AreaSection] = []
    loose = AreaSection("", "Övriga mål", Status.NOT_ASSESSED)

    def walk(goal: Goal, area: AreaSection | None) -> None:
        if goal.level is GoalLevel.GOAL_AREA:
            area = AreaSection(goal.code or "", goal.title, follow.goals[goal.id].status)
            areas.append(area)
        elif included(goal):
            (area or loose).goals.append(section(goal))
            done = sum(len(a.goals) for a in areas) + len(loose.goals)
            state.check(0.06 + 0.3 * done / max(1, len(goals)), f"Mål {goal.code or goal.title}")
        for child in by_parent[goal.id]:
            walk(child, area)

    for root in by_parent[None]:
        walk(root, None)
    areas = [a for a in areas if a.goals] + ([loose] if loose.goals else [])
    roots = [g for g in by_parent[None] if g.level is GoalLevel.VISION]
    overall = follow.goals[roots[0].id].status if roots and scope is None else None

    providers = _providers(scope_units, units, rank, own, targets, indicators)
    head = chain_head(session)
    return Pack(
        TITLE, get_setting(session, ORGANISATION_NAME, "") or "Organisationen",
        scope.code if scope else None, scope.name if scope else WHOLE_ORGANISATION,
        scope.kind.sv if scope else "", period, generated_on, overall, areas, providers,
        _governance(session, scope, units, generated_on), anchor_text(head.length, head.hash, generated_on))


GOVERNING_KINDS = (UnitKind.COMMITTEE, UnitKind.EXECUTIVE_BOARD)


def _governance(session: Session, scope: OrgUnit | None, units: dict[int, OrgUnit],
                today: dt.date) -> Governance:
    """The scope's nämnd (the scope or the nearest unit above it that is a nämnd or styrelse) and
    the documents owned by it or a unit below it; fullmäktige and the whole organisation: all.
    Review dates are judged on the pack's date, so the same options give the same pack."""
    body = scope
    while body is not None and body.kind not in GOVERNING_KINDS:
        body = units.get(body.parent_id) if body.parent_id else None
    due = due_for_review(session, today)
    if body is None:
        unreported = unreported_decisions(session)
    else:
        owners = set(units_in_scope(session, body.id))
        due = [r for r in due if r.owner_unit_id in owners]
        orders = [r.id for r in register(session, today)
                  if r.owner_unit_id in owners and r.doc_type is DirectiveType.DELEGATION_ORDER]
        unreported = sorted((d for order in orders for d in unreported_decisions(session, order)),
                            key=lambda d: (d.decided_on, d.id))
    # A decision taken after the pack's date is not part of it.
    return Governance(body.name if body else "", due, [d for d in unreported if d.decided_on <= today])


def _indicator_value(follow: FollowUp, goal_id: int, indicator_id: int) -> float | None:
    for o in follow.goals[goal_id].indicators:
        if o.indicator_id == indicator_id:
            return o.value
    return None


def _own_results(session: Session, period_id: int, unit_ids: set[int]) -> dict[int, list[tuple[int, float]]]:
    """indicator id → [(unit id, the unit's own value)] for the period (totals, not by gender)."""
    found: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for indicator_id, unit_id, value in session.execute(
        sa.select(Result.indicator_id, Result.unit_id, Result.value)
        .where(Result.period_id == period_id, Result.gender == Gender.TOTAL, Result.value.is_not(None))
        .order_by(Result.indicator_id, Result.unit_id)
    ):
        if unit_id in unit_ids:
            found[indicator_id].append((unit_id, value))
    return found


def _tree_rank(units: dict[int, OrgUnit]) -> dict[int, int]:
    """Each unit's place in the organisation chart, so that bars and the appendix follow the chart
    rather than the order rows were inserted."""
    ordered = depth_first(sorted(units.values(), key=lambda u: (u.position, u.id)))
    return {unit.id: place for place, (unit, _depth) in enumerate(ordered)}


def _chart(session: Session, comparisons: dict[int, ProviderComparison], indicator_id: int, period: str,
           scope_target: float | None, chart_units: set[int], rank: dict[int, int],
           highlight: int | None) -> ComparisonChart | None:
    if indicator_id not in comparisons:
        comparisons[indicator_id] = provider_comparison(session, indicator_id, period)
    data = comparisons[indicator_id]
    bars = sorted((b for b in data.bars if b.unit_id in chart_units), key=lambda b: rank[b.unit_id])
    if len(bars) < 2:
        return None  # one bar compares nothing; the table has the value
    # The pack compares units with each other: Riket and the mean of all providers belong to the
    # follow-up page, where the whole set of providers is shown.
    return ComparisonChart(replace(data, target=scope_target, bars=bars, references=[], not_reported=[]), highlight)


def _analysis(session: Session, goal: Goal, period_id: int, scope_id: int | None, scope_units: set[int],
              units: dict[int, OrgUnit]) -> tuple[str, str, str]:
    """The written analysis of the scope; else the goal owner's (the nämnd that answers for it)."""
    candidates = [scope_id]
    if goal.owner_unit_id is not None and (scope_id is None or goal.owner_unit_id in scope_units):
        candidates.append(goal.owner_unit_id)
    for unit_id in candidates:
        row = session.execute(sa.select(Assessment).where(
            Assessment.goal_id == goal.id, Assessment.period_id == period_id,
            Assessment.unit_id.is_(None) if unit_id is None else Assessment.unit_id == unit_id)).scalar_one_or_none()
        if row is not None and (row.analysis.strip() or row.actions.strip()):
            who = [units[unit_id].name] if unit_id in units else []
            if row.author:
                who.append(row.author)
            return row.analysis.strip(), row.actions.strip(), ", ".join(who)
    return "", "", ""


def _providers(scope_units: set[int], units: dict[int, OrgUnit], rank: dict[int, int], own: dict, targets: Targets,
               indicators: dict[int, Indicator]) -> list[ProviderResults]:
    by_unit: dict[int, list[ProviderRow]] = defaultdict(list)
    for indicator_id in sorted(own, key=lambda i: indicators[i].code):
        ind = indicators[indicator_id]
        for unit_id, value in own[indicator_id]:
            unit = units[unit_id]
            if unit_id not in scope_units or unit.provider_type is None:
                continue
            target = targets.of(indicator_id, unit_id)
            by_unit[unit_id].append(ProviderRow(
                ind.code, ind.name, ind.unit_of_measure, ind.decimals, value, target,
                result_status(value, target, ind.direction, ind.tolerance, ind.tolerance_kind)))
    result = []
    for unit in sorted((units[u] for u in by_unit), key=lambda u: rank[u.id]):
        contract = ""
        if unit.contract_start or unit.contract_end:
            start = unit.contract_start.isoformat() if unit.contract_start else ""
            end = unit.contract_end.isoformat() if unit.contract_end else ""
            contract = f"{start} – {end}"
        result.append(ProviderResults(
            unit.code, unit.name, unit.provider_type, unit.provider_name or "", unit.org_number or "",
            unit.service_area or "", contract, by_unit[unit.id]))
    return result




def scope_choices(session: Session) -> list[tuple[str, str, int]]:
    """(code, name, depth) of every unit a pack can be made for, in organisation-chart order: the
    follow-up page's scopes, by code."""
    codes = {unit_id: code for unit_id, code in session.execute(sa.select(OrgUnit.id, OrgUnit.code))}
    return [(codes[unit_id], name, depth) for unit_id, name, depth in scope_options(session)]


def period_choices(session: Session) -> list[str]:
    """Codes of the periods that have results, the latest first."""
    return list(session.execute(
        sa.select(Period.code).where(sa.exists().where(Result.period_id == Period.id))
        .order_by(Period.end_date.desc(), Period.start_date, Period.code)).scalars())
