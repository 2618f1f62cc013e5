"""Program med mål och riktlinjer för utförare (kommunallagen 5 kap. 3 §).

Fullmäktige adopts it each term of office; since 1 July 2024 (prop. 2023/24:52) it covers egen regi
as well as private providers, on equal terms, and kommunala bolag. Follow-up and insyn rest on
KL 10 kap. 8–9 §§. The goals, riktlinjer, indicators and the uppföljningsplan are generated from
the data per verksamhetsområde: a goal belongs to a verksamhetsområde's section when the area
owns it or it (or a delmål under it) is measured by one of the area's indicators — never because
a nämnd above owns it, so one area's goal does not leak into another's. A goal measured only in
egen regi (an employer goal such as heltid) is marked as such, not put on private providers.
Fristående skolor are approved by Skolinspektionen and paid grundbelopp: they are compared in
follow-up, never contract-managed; the text around them (introduction and closing)
is the planner's own and is stored in the database's settings (`db_setting`), one pair per term,
so that it travels with the file and is regenerated around fresh data every time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from html import escape

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import (
    AuditAction,
    Directive,
    DirectiveState,
    DirectiveType,
    Goal,
    GoalIndicator,
    Indicator,
    OrgUnit,
    Period,
    PeriodKind,
    ProviderType,
    Result,
    UnitKind,
)
from app.services.governance.plans import GoalRef, owner_goals
from app.services.platform import audit
from app.services.platform.settings import ORGANISATION_NAME, get_setting, set_setting

TEXT_PARTS = ("intro", "closing")
DEFAULT_TEXT = {
    "intro": ("Programmet anger mål och riktlinjer för de kommunala angelägenheter som utförs i egen regi, "
              "av privata utförare och av kommunala bolag (kommunallagen 5 kap. 3 §). Det anger också hur "
              "avtalen och verksamheten följs upp och hur allmänheten får insyn (10 kap. 8–9 §§). "
              "Alla utförare följs upp på lika villkor."),
    "closing": ("Allmänhetens insyn tillgodoses genom att resultaten publiceras. Nämnderna redovisar "
                "uppföljningen till regionfullmäktige i delårsrapport och årsredovisning."),
}


def term_of(year: int) -> int:
    """The first year of the term of office that `year` belongs to (elections 2018, 2022, 2026 …)."""
    return year - (year - 2023) % 4


def text_key(term: int, part: str) -> str:
    return f"provider_programme/{term}/{part}"


def programme_text(session: Session, term: int, part: str) -> str:
    return get_setting(session, text_key(term, part), DEFAULT_TEXT[part])


def set_programme_text(session: Session, term: int, part: str, text: str) -> str:
    """Store the planner's text; returns the old text (for undo). Audited."""
    old = programme_text(session, term, part)
    set_setting(session, text_key(term, part), text)
    audit.record(session, AuditAction.UPDATE, "provider_programme", term, field=part, old=old, new=text)
    return old


@dataclass
class ProgrammeIndicator:
    code: str
    name: str
    kolada: str | None
    tertial: bool


@dataclass
class ProviderFollowUp:
    name: str
    provider_type: ProviderType
    provider_name: str
    org_number: str | None
    contract_end: dt.date | None
    how: str
    when: str


# Riktlinjer every section carries: what KL 10 kap. 8–9 §§ asks of an avtal with a privat utförare.
GENERAL_GUIDELINES = (
    "Utföraren lämnar de uppgifter som behövs för att följa upp och kontrollera verksamheten "
    "(kommunallagen 10 kap. 8 §).",
    "Utföraren lämnar uppgifter som gör att allmänheten kan få insyn i hur verksamheten utförs "
    "(kommunallagen 10 kap. 9 §).",
    "Samma mål, indikatorer och uppföljning gäller egen regi och privata utförare.",
    "Avvikelser och klagomål rapporteras till nämnden enligt nämndens rutiner.",
)


@dataclass
class AreaSection:
    name: str
    committee: str
    goals: list[GoalRef] = field(default_factory=list)
    indicators: list[ProgrammeIndicator] = field(default_factory=list)
    providers: list[ProviderFollowUp] = field(default_factory=list)
    guidelines: list[str] = field(default_factory=list)
    in_house_only: set[int] = field(default_factory=set)  # goal ids measured in egen regi only


@dataclass
class Programme:
    term: int
    organisation: str
    intro: str
    closing: str
    areas: list[AreaSection] = field(default_factory=list)
    companies: list[ProviderFollowUp] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"Program med mål och riktlinjer för utförare {self.term}–{self.term + 3}"


def generate(session: Session, term: int) -> Programme:
    """The programme for a term, from the organisation, goals, indicators and results."""
    programme = Programme(term, get_setting(session, ORGANISATION_NAME, ""),
                          programme_text(session, term, "intro"), programme_text(session, term, "closing"))
    tertial_pairs = set(session.execute(
        sa.select(Result.indicator_id, Result.unit_id).join(Period, Period.id == Result.period_id)
        .where(Period.kind == PeriodKind.TERTIAL, Period.year.between(term - 1, term + 3)).distinct()).all())
    areas = session.execute(sa.select(OrgUnit).where(OrgUnit.kind == UnitKind.SERVICE_AREA)
                            .order_by(OrgUnit.parent_id, OrgUnit.position)).scalars()
    parents = dict(session.execute(sa.select(Goal.id, Goal.parent_id)).all())
    links = session.execute(sa.select(GoalIndicator.goal_id, GoalIndicator.indicator_id)).all()
    # Riktlinjer of the styrelse or fullmäktige apply everywhere; a nämnd's to its own areas.
    guidelines = session.execute(
        sa.select(Directive.title, Directive.owner_unit_id, Directive.case_number, OrgUnit.kind)
        .outerjoin(OrgUnit, OrgUnit.id == Directive.owner_unit_id)
        .where(Directive.doc_type == DirectiveType.GUIDELINE, Directive.state == DirectiveState.ADOPTED)
        .order_by(Directive.title)).all()
    for area in areas:
        committee = area
        while committee.parent is not None and committee.kind is not UnitKind.COMMITTEE:
            committee = committee.parent
        providers = [u for u in area.children if u.provider_type is not None]
        provider_ids = {p.id for p in providers}
        area_indicators = {i.id: i for i in session.execute(
            sa.select(Indicator).where(Indicator.service_area == area.service_area)).scalars()}
        measured_goals = _goals_measured_by(set(area_indicators), links, parents)
        goals = [g for g in owner_goals(session, area.id)
                 if g.id in measured_goals or _owned_by(session, g.id, area.id)]
        section = AreaSection(area.service_area or area.name, committee.name, goals)
        goal_ids = {g.id for g in goals}
        used = sorted({i for g, i in links if g in goal_ids and i in area_indicators},
                      key=lambda i: area_indicators[i].code)
        external_ids = {p.id for p in providers if p.provider_type is not ProviderType.IN_HOUSE}
        measured_outside = set(session.execute(
            sa.select(Result.indicator_id).where(Result.unit_id.in_(external_ids)).distinct()).scalars())
        for indicator_id in used:
            ind = area_indicators[indicator_id]
            tertial = any((ind.id, pid) in tertial_pairs for pid in provider_ids)
            section.indicators.append(ProgrammeIndicator(ind.code, ind.name, ind.kolada_kpi_id, tertial))
        for goal in goals:
            own = {i for g, i in links if g == goal.id and i in area_indicators}
            if own and external_ids and not own & measured_outside:
                section.in_house_only.add(goal.id)
        section.guidelines = [*GENERAL_GUIDELINES] + [
            f"{title} ({case})" if case else title for title, owner, case, kind in guidelines
            if owner in _steering_chain(area) or kind in (UnitKind.COUNCIL, UnitKind.EXECUTIVE_BOARD)]
        tertial_count = sum(i.tertial for i in section.indicators)
        for unit in providers:
            section.providers.append(_follow_up(unit, len(section.indicators), tertial_count))
        programme.areas.append(section)
    for company in session.execute(sa.select(OrgUnit).where(OrgUnit.kind == UnitKind.COMPANY)
                                   .order_by(OrgUnit.position, OrgUnit.name)).scalars():
        programme.companies.append(ProviderFollowUp(
            company.name, ProviderType.IN_HOUSE, company.provider_name or company.name, company.org_number, None,
            "Ägardirektiv och bolagsordning; styrelsens uppsiktsplikt (KL 6 kap. 1 §) och årlig prövning "
            "av verksamheten (6 kap. 9 §)", "Tertialvis rapport till kommunstyrelsen och årligen"))
    return programme


def _goals_measured_by(indicator_ids: set[int], links, parents: dict[int, int | None]) -> set[int]:
    """Goals linked to one of the indicators, and every goal above them."""
    found: set[int] = set()
    for goal_id, indicator_id in links:
        if indicator_id in indicator_ids:
            while goal_id is not None and goal_id not in found:
                found.add(goal_id)
                goal_id = parents.get(goal_id)
    return found


def _owned_by(session: Session, goal_id: int, unit_id: int) -> bool:
    return session.get(Goal, goal_id).owner_unit_id == unit_id


def _steering_chain(area: OrgUnit) -> set[int]:
    """The area and the bodies above it: whose riktlinjer apply to it."""
    found, unit = set(), area
    while unit is not None:
        found.add(unit.id)
        unit = unit.parent
    return found


def _follow_up(unit: OrgUnit, indicator_count: int, tertial_count: int) -> ProviderFollowUp:
    how = f"Resultat för {indicator_count} indikatorer rapporteras och jämförs med övriga utförare"
    if unit.provider_type is ProviderType.IN_HOUSE:
        how += "; verksamhetsdialog med förvaltningen"
    elif unit.provider_type is ProviderType.INDEPENDENT_SCHOOL:
        # Godkänd av Skolinspektionen, grundbelopp enligt skollagen: inget avtal att följa upp.
        how += ("; fristående skola med grundbelopp – jämförs i uppföljningen, ingen avtalsuppföljning "
                "(Skolinspektionen har tillsynen)")
    else:
        how += "; avtalsuppföljning med dialogmöte och granskning av avtalsvillkor"
    when = "Tertialvis (T1, T2, T3) och årligen" if tertial_count else "Årligen"
    if unit.contract_end:
        when += f"; avtalet löper till {unit.contract_end.isoformat()}"
    return ProviderFollowUp(unit.name, unit.provider_type, unit.provider_name or "", unit.org_number,
                            unit.contract_end, how, when)


def to_markdown(programme: Programme) -> str:
    lines = [f"# {programme.title}", "", programme.organisation, "", programme.intro, ""]
    for area in programme.areas:
        lines += [f"## {area.name}", "", f"Ansvarig nämnd: {area.committee}", "", "### Mål", ""]
        lines += [f"- {g.code} {g.title} ({g.owner_name})" + (" – gäller egen regi" if g.id in area.in_house_only
                                                                 else "")
                  for g in area.goals] or ["- (inga mål)"]
        lines += ["", "### Riktlinjer", ""]
        lines += [f"- {text}" for text in area.guidelines]
        lines += ["", "### Indikatorer", ""]
        lines += [f"- {i.code} {i.name}" + (f" (Kolada {i.kolada})" if i.kolada else "")
                  for i in area.indicators] or ["- (inga indikatorer)"]
        lines += ["", "### Uppföljningsplan", "", "| Utförare | Regi | Hur | När |", "|---|---|---|---|"]
        lines += [f"| {p.name} | {p.provider_type.sv} | {p.how} | {p.when} |" for p in area.providers]
        lines.append("")
    if programme.companies:
        lines += ["## Kommunala bolag", "", "| Bolag | Organisationsnummer | Hur | När |", "|---|---|---|---|"]
        lines += [f"| {c.name} | {c.org_number or ''} | {c.how} | {c.when} |" for c in programme.companies]
        lines.append("")
    lines += [programme.closing, ""]
    return "\n".join(lines)


def to_html(programme: Programme) -> str:
    parts = [f"<h1>{escape(programme.title)}</h1>", f"<p><i>{escape(programme.organisation)}</i></p>",
             _paragraphs(programme.intro)]
    for area in programme.areas:
        parts.append(f"<h2>{escape(area.name)}</h2><p>Ansvarig nämnd: {escape(area.committee)}</p><h3>Mål</h3><ul>")
        parts += [f"<li>{escape(g.code)} {escape(g.title)} <i>({escape(g.owner_name)})</i>"
                  + (" – gäller egen regi" if g.id in area.in_house_only else "") + "</li>" for g in area.goals]
        parts.append("</ul><h3>Riktlinjer</h3><ul>")
        parts += [f"<li>{escape(text)}</li>" for text in area.guidelines]
        parts.append("</ul><h3>Indikatorer</h3><ul>")
        parts += [f"<li>{escape(i.code)} {escape(i.name)}" + (f" (Kolada {escape(i.kolada)})" if i.kolada else "")
                  + "</li>" for i in area.indicators]
        parts.append("</ul><h3>Uppföljningsplan</h3><table border='1' cellspacing='0' cellpadding='3' width='100%'>"
                     "<tr><th align='left'>Utförare</th><th align='left'>Regi</th><th align='left'>Hur</th>"
                     "<th align='left'>När</th></tr>")
        parts += [f"<tr><td>{escape(p.name)}</td><td>{escape(p.provider_type.sv)}</td><td>{escape(p.how)}</td>"
                  f"<td>{escape(p.when)}</td></tr>" for p in area.providers]
        parts.append("</table>")
    if programme.companies:
        parts.append("<h2>Kommunala bolag</h2><table border='1' cellspacing='0' cellpadding='3' width='100%'>"
                     "<tr><th align='left'>Bolag</th><th align='left'>Organisationsnummer</th>"
                     "<th align='left'>Hur</th><th align='left'>När</th></tr>")
        parts += [f"<tr><td>{escape(c.name)}</td><td>{escape(c.org_number or '')}</td><td>{escape(c.how)}</td>"
                  f"<td>{escape(c.when)}</td></tr>" for c in programme.companies]
        parts.append("</table>")
    parts.append(_paragraphs(programme.closing))
    return "".join(parts)


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n") if p.strip())
