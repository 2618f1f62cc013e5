"""Program med mål och riktlinjer för utförare (kommunallagen 5 kap. 3 §).

Fullmäktige adopts it each term of office; since 1 July 2024 (prop. 2023/24:52) it covers egen regi
as well as private providers, on equal terms. The goals, indicators and the uppföljningsplan are
generated from the data per verksamhetsområde; the text around them (introduction and closing)
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
    "intro": ("Programmet anger mål och riktlinjer för verksamhet som regionen ansvarar för, oavsett om "
              "den bedrivs i egen regi eller av en privat utförare (kommunallagen 10 kap. 7 §, 5 kap. 3 §). "
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


@dataclass
class AreaSection:
    name: str
    committee: str
    goals: list[GoalRef] = field(default_factory=list)
    indicators: list[ProgrammeIndicator] = field(default_factory=list)
    providers: list[ProviderFollowUp] = field(default_factory=list)


@dataclass
class Programme:
    term: int
    organisation: str
    intro: str
    closing: str
    areas: list[AreaSection] = field(default_factory=list)

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
    for area in areas:
        committee = area
        while committee.parent is not None and committee.kind is not UnitKind.COMMITTEE:
            committee = committee.parent
        goals = owner_goals(session, area.id)
        section = AreaSection(area.service_area or area.name, committee.name, goals)
        providers = [u for u in area.children if u.provider_type is not None]
        provider_ids = {p.id for p in providers}
        indicators = session.execute(
            sa.select(Indicator).join(GoalIndicator).where(
                GoalIndicator.goal_id.in_([g.id for g in goals]), Indicator.service_area == area.service_area)
            .distinct().order_by(Indicator.code)).scalars().all()
        for ind in indicators:
            tertial = any((ind.id, pid) in tertial_pairs for pid in provider_ids)
            section.indicators.append(ProgrammeIndicator(ind.code, ind.name, ind.kolada_kpi_id, tertial))
        tertial_count = sum(i.tertial for i in section.indicators)
        for unit in providers:
            section.providers.append(_follow_up(unit, len(section.indicators), tertial_count))
        programme.areas.append(section)
    return programme


def _follow_up(unit: OrgUnit, indicator_count: int, tertial_count: int) -> ProviderFollowUp:
    how = f"Resultat för {indicator_count} indikatorer rapporteras och jämförs med övriga utförare"
    if unit.provider_type is ProviderType.IN_HOUSE:
        how += "; verksamhetsdialog med förvaltningen"
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
        lines += [f"- {g.code} {g.title} ({g.owner_name})" for g in area.goals] or ["- (inga mål)"]
        lines += ["", "### Indikatorer", ""]
        lines += [f"- {i.code} {i.name}" + (f" (Kolada {i.kolada})" if i.kolada else "")
                  for i in area.indicators] or ["- (inga indikatorer)"]
        lines += ["", "### Uppföljningsplan", "", "| Utförare | Regi | Hur | När |", "|---|---|---|---|"]
        lines += [f"| {p.name} | {p.provider_type.sv} | {p.how} | {p.when} |" for p in area.providers]
        lines.append("")
    lines += [programme.closing, ""]
    return "\n".join(lines)


def to_html(programme: Programme) -> str:
    parts = [f"<h1>{escape(programme.title)}</h1>", f"<p><i>{escape(programme.organisation)}</i></p>",
             _paragraphs(programme.intro)]
    for area in programme.areas:
        parts.append(f"<h2>{escape(area.name)}</h2><p>Ansvarig nämnd: {escape(area.committee)}</p><h3>Mål</h3><ul>")
        parts += [f"<li>{escape(g.code)} {escape(g.title)} <i>({escape(g.owner_name)})</i></li>" for g in area.goals]
        parts.append("</ul><h3>Indikatorer</h3><ul>")
        parts += [f"<li>{escape(i.code)} {escape(i.name)}" + (f" (Kolada {escape(i.kolada)})" if i.kolada else "")
                  + "</li>" for i in area.indicators]
        parts.append("</ul><h3>Uppföljningsplan</h3><table border='1' cellspacing='0' cellpadding='3' width='100%'>"
                     "<tr><th align='left'>Utförare</th><th align='left'>Regi</th><th align='left'>Hur</th>"
                     "<th align='left'>När</th></tr>")
        parts += [f"<tr><td>{escape(p.name)}</td><td>{escape(p.provider_type.sv)}</td><td>{escape(p.how)}</td>"
                  f"<td>{escape(p.when)}</td></tr>" for p in area.providers]
        parts.append("</table>")
    parts.append(_paragraphs(programme.closing))
    return "".join(parts)


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n") if p.strip())
