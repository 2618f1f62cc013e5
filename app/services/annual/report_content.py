"""What a delårsrapport or årsredovisning says: a plain, deterministic structure built from the
database for one scope (a nämnd, or the whole organisation) and a cumulative period
(januari–april = T1, januari–augusti = T2, helår = the year). Rendering (report_pdf.py,
report_docx.py) only lays it out.

The whole organisation's report gathers each nämnd's section (its goals, its own analysis,
finances, uppdrag and internkontroll) after the styrelse's own, so that what the nämnd judged
(*nämnden bedömer*) and what the styrelse judged (*styrelsen bedömer*) stay apart."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import (
    Assessment,
    Gender,
    Goal,
    GoalLevel,
    Indicator,
    OrgUnit,
    Period,
    PeriodKind,
    ReportSection,
    ReportText,
    Result,
    Status,
    UnitKind,
    goal_sdg,
)
from app.models.enums import Forecast
from app.models.errors import StyrkortError
from app.services.annual.agenda2030 import SDG_NAMES  # noqa: F401 - part of the report's vocabulary
from app.services.annual.assignments import AssignmentRow, list_assignments
from app.services.annual.finances import (
    BalanceStatement,
    FinanceTable,
    balance_statement,
    deviation_through_year,
    finance_table,
)
from app.services.annual.internal_control import PlanSummary, plan_summaries
from app.services.followup.periods import parse_period, require_period
from app.services.followup.status import FollowUp, compute_follow_up, rollup_rule, units_in_scope
from app.services.packs.content import find_scope
from app.services.platform.settings import ORGANISATION_NAME, get_setting
from app.services.platform.trees import depth_first

PERSONNEL_SETTING = "reports.personnel_indicators"
FINANCIAL_SETTING = "reports.financial_indicators"
MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december")


class ReportKind(enum.StrEnum):
    INTERIM = "delårsrapport"
    ANNUAL = "årsredovisning"

    @property
    def title(self) -> str:
        return "Delårsrapport" if self is ReportKind.INTERIM else "Årsredovisning"

    @classmethod
    def parse(cls, text: str) -> ReportKind:
        needle = text.strip().casefold().replace("arsredovisning", "årsredovisning").replace(
            "delarsrapport", "delårsrapport")
        for kind in cls:
            if needle in (kind.value, kind.name.casefold()):
                return kind
        raise StyrkortError(f"Okänd rapport {text!r}: välj delårsrapport eller årsredovisning.",
                            f"Unknown report {text!r}: choose delårsrapport or årsredovisning.")


FORECAST_OF_STATUS = {Status.MET: Forecast.MET, Status.PARTLY_MET: Forecast.PARTLY_MET,
                      Status.NOT_MET: Forecast.NOT_MET, Status.NOT_ASSESSED: Forecast.NOT_ASSESSED}


def cumulative_label(code: str) -> str:
    """"2026T2" → "januari–augusti 2026"; "2025" → "helår 2025"."""
    spec = parse_period(code)
    if spec.kind == PeriodKind.YEAR:
        return f"helår {spec.year}"
    return f"januari–{MONTHS[spec.end_date.month - 1]} {spec.year}"


@dataclass
class GoalLine:
    goal_id: int
    code: str
    title: str
    level: GoalLevel
    depth: int
    status: Status
    forecast: Forecast | None
    analysis: str = ""
    actions: str = ""
    # Analyses written at the levels below (the nämnder's), kept apart from this level's own.
    analyses_below: list[tuple[str, str]] = field(default_factory=list)
    sdgs: list[int] = field(default_factory=list)


@dataclass
class GenderLine:
    code: str
    name: str
    unit_of_measure: str
    decimals: int
    total: float | None
    women: float | None
    men: float | None
    target: float | None
    status: Status

    @property
    def gap(self) -> float | None:
        """Women − men, in the indicator's unit (procentenheter for a share)."""
        if self.women is None or self.men is None:
            return None
        return self.women - self.men


@dataclass
class ScopeSection:
    """What one scope (the organisation, or a nämnd) reports."""

    unit_id: int | None
    name: str
    goals: list[GoalLine]
    counts: dict[Status, int]
    texts: dict[ReportSection, str]
    finance: FinanceTable
    deviation: dict[str, list[tuple[str, float | None]]]
    assignments: list[AssignmentRow]
    internal_control: list[PlanSummary]
    judged_by: str  # "Nämnden bedömer" / "Styrelsen bedömer"
    follow: FollowUp | None = None


@dataclass
class Report:
    kind: ReportKind
    title: str
    organisation: str
    scope_name: str
    period_code: str
    period_text: str
    generated_on: dt.date
    main: ScopeSection
    personnel: list[GenderLine]
    financial_goals: list[GenderLine]
    balance: BalanceStatement | None
    committees: list[ScopeSection]
    sdg_groups: dict[int, list[tuple[str, str, Status]]]

    # The attributes the pack's page layout reads (running header and footer).
    @property
    def running_title(self) -> str:
        return f"{self.scope_name} · {self.period_text}"


def _status_period(session: Session, code: str) -> str:
    """The cumulative period whose goal status a delårsrapport shows: 2026T2 → 2026A8 (januari–
    augusti) when the database has it; the period itself otherwise."""
    spec = parse_period(code)
    if spec.kind is PeriodKind.CUMULATIVE:
        return spec.code
    cumulative = f"{spec.year}A{spec.end_date.month}"
    exists = session.scalar(sa.select(sa.func.count()).select_from(Period).where(Period.code == cumulative))
    return cumulative if exists else spec.code


def _finance_period(code: str) -> str:
    """Finance figures are kept per tertial, cumulative from 1 January: 2026A8 → 2026T2."""
    spec = parse_period(code)
    if spec.kind is PeriodKind.CUMULATIVE and spec.number in (4, 8):
        return f"{spec.year}T{spec.number // 4}"
    return spec.code


def _check_period(kind: ReportKind, code: str) -> str:
    spec = parse_period(code)
    if kind is ReportKind.ANNUAL and spec.kind != PeriodKind.YEAR:
        raise StyrkortError(f"En årsredovisning gäller ett helt år: ange t.ex. {spec.year}, inte {code}.",
                            f"An annual report covers a whole year: give e.g. {spec.year}, not {code}.")
    if kind is ReportKind.INTERIM and spec.kind not in (PeriodKind.TERTIAL, PeriodKind.MONTH, PeriodKind.QUARTER,
                                                        PeriodKind.CUMULATIVE):
        raise StyrkortError(
            f"En delårsrapport gäller en del av året: ange t.ex. {spec.year}T1 (januari–april) eller "
            f"{spec.year}T2 (januari–augusti), inte {code}.",
            f"An interim report covers part of a year: give e.g. {spec.year}T2, not {code}.")
    return spec.code


GOAL_DEPTH_SETTING = "reports.goal_depth"


def _goal_depth(session: Session) -> int:
    """How deep the whole organisation's goal list goes below the vision (2: målområden and mål)."""
    try:
        return max(1, int(get_setting(session, GOAL_DEPTH_SETTING, "2")))
    except ValueError:
        return 2


def _codes_setting(session: Session, key: str) -> list[str]:
    return [code.strip() for code in get_setting(session, key, "").split(",") if code.strip()]


def _texts(session: Session, unit_id: int | None, period_id: int) -> dict[ReportSection, str]:
    query = sa.select(ReportText.section, ReportText.text).where(ReportText.period_id == period_id)
    query = query.where(ReportText.unit_id.is_(None) if unit_id is None else ReportText.unit_id == unit_id)
    return {section: text for section, text in session.execute(query)}


def set_report_text(session: Session, unit_id: int | None, period_code: str, section: ReportSection,
                    text: str) -> str | None:
    """People's text for a report section; returns the previous text (None: there was none), audited."""
    from app.models import AuditAction
    from app.services.platform import audit

    period = require_period(session, period_code)
    query = sa.select(ReportText).where(ReportText.period_id == period.id, ReportText.section == section)
    query = query.where(ReportText.unit_id.is_(None) if unit_id is None else ReportText.unit_id == unit_id)
    row = session.scalar(query)
    old = row.text if row else None
    if row is None:
        row = ReportText(unit_id=unit_id, period_id=period.id, section=section, text=text)
        session.add(row)
    else:
        row.text = text
    session.flush()
    if old != text:
        audit.record(session, AuditAction.UPDATE, "report_text", row.id,
                     field=f"{section.sv} {period.code}", old=old, new=text)
    return old


def report_texts(session: Session, unit_id: int | None, period_code: str) -> dict[ReportSection, str]:
    """The texts written so far for a scope and period (for the form)."""
    return _texts(session, unit_id, require_period(session, period_code).id)


def periods_with_texts(session: Session) -> list[str]:
    """Codes of the periods that have report text, latest first."""
    query = (sa.select(Period.code).join(ReportText, ReportText.period_id == Period.id).distinct()
             .order_by(Period.end_date.desc()))
    return list(session.scalars(query))


def report_scopes(session: Session) -> list[tuple[str | None, str]]:
    """(code, name) of the scopes a report is written for: the whole organisation, then each nämnd."""
    rows = session.execute(sa.select(OrgUnit.code, OrgUnit.name).where(OrgUnit.kind == UnitKind.COMMITTEE)
                           .order_by(OrgUnit.position, OrgUnit.id)).all()
    return [(None, get_setting(session, ORGANISATION_NAME, "Hela organisationen"))] + [tuple(r) for r in rows]


def _goal_lines(session: Session, follow: FollowUp, goals: dict[int, Goal], period_id: int,
                unit_id: int | None, committees: dict[int, str], interim: bool,
                sdgs: dict[int, list[int]], max_depth: int | None = None,
                forecasts: dict[int, Forecast] | None = None) -> list[GoalLine]:
    assessments: dict[tuple[int, int | None], Assessment] = {
        (a.goal_id, a.unit_id): a for a in session.scalars(sa.select(Assessment).where(
            Assessment.period_id == period_id))}
    lines = []
    for goal, depth in depth_first(sorted(goals.values(), key=lambda g: (g.position, g.id))):
        goal_id = goal.id
        outcome = follow.goals.get(goal_id)
        if outcome is None or goal.level == GoalLevel.VISION or (max_depth is not None and depth > max_depth):
            continue
        own = assessments.get((goal_id, unit_id))
        below = [(name, a.analysis) for (g, u), a in sorted(assessments.items(), key=lambda kv: kv[0][1] or 0)
                 if g == goal_id and u is not None and u != unit_id and u in committees and a.analysis.strip()
                 for name in [committees[u]]]
        lines.append(GoalLine(
            goal_id, goal.code or "", goal.title, goal.level, depth, outcome.status,
            (forecasts.get(goal_id, FORECAST_OF_STATUS[outcome.status]) if forecasts is not None
             else FORECAST_OF_STATUS[outcome.status]) if interim else None,
            own.analysis if own else "", own.actions if own else "", below, sdgs.get(goal_id, [])))
    return lines


def _gender_lines(session: Session, codes: list[str], period_id: int, unit_ids: list[int],
                  follow: FollowUp) -> list[GenderLine]:
    if not codes:
        return []
    indicators = {i.code: i for i in session.scalars(sa.select(Indicator).where(Indicator.code.in_(codes)))}
    outcomes = {o.indicator_id: o for goal in follow.goals.values() for o in goal.indicators}
    lines = []
    for code in codes:
        indicator = indicators.get(code)
        if indicator is None:
            continue
        values: dict[Gender, list[float]] = {g: [] for g in Gender}
        query = sa.select(Result.gender, Result.value).where(
            Result.indicator_id == indicator.id, Result.period_id == period_id, Result.unit_id.in_(unit_ids),
            Result.value.is_not(None))
        for gender, value in session.execute(query):
            values[gender].append(value)

        def mean(g: Gender, values: dict[Gender, list[float]] = values) -> float | None:
            return sum(values[g]) / len(values[g]) if values[g] else None

        outcome = outcomes.get(indicator.id)
        total = outcome.value if outcome and outcome.value is not None else mean(Gender.TOTAL)
        lines.append(GenderLine(code, indicator.name, indicator.unit_of_measure, indicator.decimals, total,
                                mean(Gender.WOMEN), mean(Gender.MEN), outcome.target if outcome else None,
                                outcome.status if outcome else Status.NOT_ASSESSED))
    return lines


def _committee_units(session: Session, scope: OrgUnit | None) -> dict[int, OrgUnit]:
    query = sa.select(OrgUnit).where(OrgUnit.kind.in_((UnitKind.COMMITTEE, UnitKind.EXECUTIVE_BOARD)))
    found = {u.id: u for u in session.scalars(query.order_by(OrgUnit.position, OrgUnit.id))}
    if scope is not None:
        inside = set(units_in_scope(session, scope.id))
        found = {k: v for k, v in found.items() if k in inside}
    return found


def _section(session: Session, scope: OrgUnit | None, period_code: str, period_id: int, interim: bool,
             goals: dict[int, Goal], committees: dict[int, str], sdgs: dict[int, list[int]],
             judged_by: str, owned_only: bool = False, max_depth: int | None = None) -> ScopeSection:
    """One scope's sections. A nämnd's own report has the goals it owns and those its units report
    on; inside the whole organisation's compilation a nämnd's section has the goals it owns (its
    analysis of the organisation's goals is shown beside them in the main list). The whole
    organisation lists its goals down to `max_depth` (målområden and mål; delmål are the
    nämnder's)."""
    scope_id = scope.id if scope else None
    unit_ids = set(units_in_scope(session, scope_id))
    owned = {g.id for g in goals.values() if g.owner_unit_id in unit_ids} if scope is not None else set()
    forecasts = None
    status_code = _status_period(session, period_code) if interim else period_code
    if owned_only and not owned:
        follow = FollowUp(period_code, scope_id, rollup_rule(session), {})  # nothing of its own to show
    elif status_code != period_code:  # januari–augusti: status so far and the full-year forecast
        from app.services.followup.forecast import part_year_follow_up

        part_year = part_year_follow_up(session, status_code, scope_id, rollup_rule(session))
        follow = part_year.follow_up
        forecasts = {goal_id: f.forecast for goal_id, f in part_year.forecasts.items()}
    else:
        follow = compute_follow_up(session, period_code, scope_id, rollup_rule(session))
    if scope is not None:
        reported = {goal_id for goal_id, o in follow.goals.items()
                    if any(i.value is not None for i in o.indicators)}
        keep = owned if owned_only else owned | reported
        # Keep the path to each kept goal so the hierarchy still reads.
        for goal_id in list(keep):
            parent = goals[goal_id].parent_id
            while parent is not None and parent not in keep:
                keep.add(parent)
                parent = goals[parent].parent_id
        shown = {k: v for k, v in goals.items() if k in keep}
    else:
        shown = goals
    status_period = require_period(session, status_code).id if status_code != period_code else period_id
    lines = _goal_lines(session, follow, shown, status_period, scope_id, committees, interim, sdgs, max_depth,
                        forecasts)
    counts = dict.fromkeys(Status, 0)
    for line in lines:
        if line.level in (GoalLevel.GOAL, GoalLevel.SUB_GOAL):
            counts[line.status] += 1
    year = parse_period(period_code).year
    return ScopeSection(
        scope_id, scope.name if scope else get_setting(session, ORGANISATION_NAME, "Hela organisationen"),
        lines, counts, _texts(session, scope_id, period_id),
        finance_table(session, period_code, None if scope is None else unit_ids),
        deviation_through_year(session, period_code, None if scope is None else unit_ids),
        list_assignments(session, period_code, None if scope is None else unit_ids),
        plan_summaries(session, year, period_code, None if scope is None else unit_ids), judged_by, follow)


def build_report(session: Session, kind: ReportKind | str, period_code: str, scope_code: str | None = None,
                 generated_on: dt.date | None = None) -> Report:
    """The content of a delårsrapport or årsredovisning. Unknown kind, period or scope →
    StyrkortError (one line for the command line)."""
    kind = ReportKind.parse(kind) if isinstance(kind, str) else kind
    try:
        code = _finance_period(_check_period(kind, period_code))  # 2026A8 → 2026T2: the report's own period
    except ValueError as exc:
        raise StyrkortError(f"{period_code!r} är ingen period: {exc}", f"{period_code!r} is not a period.") from None
    period = require_period(session, code)
    scope = find_scope(session, scope_code)
    interim = kind is ReportKind.INTERIM
    goals = {g.id: g for g in session.scalars(sa.select(Goal))}
    sdgs: dict[int, list[int]] = {}
    for goal_id, sdg in session.execute(sa.select(goal_sdg.c.goal_id, goal_sdg.c.sdg).order_by(goal_sdg.c.sdg)):
        sdgs.setdefault(goal_id, []).append(sdg)
    committee_units = _committee_units(session, scope)
    names = {k: v.name for k, v in committee_units.items()}
    whole = scope is None or scope.kind in (UnitKind.COUNCIL, UnitKind.EXECUTIVE_BOARD)
    main = _section(session, scope, code, period.id, interim, goals, names, sdgs,
                    "Styrelsen bedömer" if whole else "Nämnden bedömer",
                    max_depth=_goal_depth(session) if whole else None)
    committees = []
    if whole:
        for unit in committee_units.values():
            if unit.kind != UnitKind.COMMITTEE:
                continue
            committees.append(_section(session, unit, code, period.id, interim, goals, names, sdgs,
                                       "Nämnden bedömer", owned_only=True))
    follow = main.follow
    unit_ids = units_in_scope(session, scope.id if scope else None)
    personnel = _gender_lines(session, _codes_setting(session, PERSONNEL_SETTING), period.id, unit_ids, follow)
    financial = _gender_lines(session, _codes_setting(session, FINANCIAL_SETTING), period.id, unit_ids, follow)
    balance = balance_statement(session, period.year) if whole else None
    groups: dict[int, list[tuple[str, str, Status]]] = {}
    for line in main.goals:
        for sdg in line.sdgs:
            groups.setdefault(sdg, []).append((line.code, line.title, line.status))
    return Report(kind, kind.title, get_setting(session, ORGANISATION_NAME, ""), main.name, code,
                  cumulative_label(code), generated_on or dt.date.today(), main, personnel, financial, balance,
                  committees, dict(sorted(groups.items())))
