"""Exempelregionen: a demo region with a plausible organisation, goal hierarchy, indicators,
targets and four years of results. Deterministic: the same file every time."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import (
    AdoptionState,
    Assessment,
    AuditAction,
    DialogueMeeting,
    Direction,
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
    ToleranceKind,
    UnitKind,
)
from app.services.followup.periods import ensure_period
from app.services.platform import audit
from app.services.platform.settings import ORGANISATION_NAME, set_setting

DEMO_NAME = "Exempelregionen"
YEARS = (2022, 2023, 2024, 2025)
SEED = 2025

IN, EXT, NP = ProviderType.IN_HOUSE, ProviderType.EXTERNAL, ProviderType.NON_PROFIT

# (code, name, kind, parent code, extra)
ORGANISATION: list[tuple[str, str, UnitKind, str | None, dict]] = [
    ("RF", "Regionfullmäktige", UnitKind.COUNCIL, None, {}),
    ("RS", "Regionstyrelsen", UnitKind.EXECUTIVE_BOARD, "RF", {}),
    ("HSN", "Hälso- och sjukvårdsnämnden", UnitKind.COMMITTEE, "RF", {}),
    ("UN", "Utbildningsnämnden", UnitKind.COMMITTEE, "RF", {}),
    ("ON", "Omsorgsnämnden", UnitKind.COMMITTEE, "RF", {}),
    ("RK", "Regionkontoret", UnitKind.ADMINISTRATION, "RS", {}),
    ("HSF", "Hälso- och sjukvårdsförvaltningen", UnitKind.ADMINISTRATION, "HSN", {}),
    ("UF", "Utbildningsförvaltningen", UnitKind.ADMINISTRATION, "UN", {}),
    ("OF", "Omsorgsförvaltningen", UnitKind.ADMINISTRATION, "ON", {}),
    ("PV", "Primärvård", UnitKind.SERVICE_AREA, "HSF", {"service_area": "Primärvård"}),
    ("SV", "Specialiserad vård", UnitKind.SERVICE_AREA, "HSF", {"service_area": "Specialiserad vård"}),
    ("GR", "Grundskola", UnitKind.SERVICE_AREA, "UF", {"service_area": "Grundskola"}),
    ("GY", "Gymnasieskola", UnitKind.SERVICE_AREA, "UF", {"service_area": "Gymnasieskola"}),
    ("HT", "Hemtjänst", UnitKind.SERVICE_AREA, "OF", {"service_area": "Hemtjänst"}),
    ("SÄBO", "Särskilt boende", UnitKind.SERVICE_AREA, "OF", {"service_area": "Särskilt boende"}),
]

# (code, name, parent service area code, provider type, provider name, org number, kolada ou id)
PROVIDERS: list[tuple[str, str, str, ProviderType, str, str | None, str | None]] = [
    ("PV01", "Vårdcentralen Norrby", "PV", IN, DEMO_NAME, None, None),
    ("PV02", "Vårdcentralen Söderby", "PV", IN, DEMO_NAME, None, None),
    ("PV03", "Vårdcentralen Ekdalen", "PV", IN, DEMO_NAME, None, None),
    ("PV04", "Vårdcentralen Kvarnbacken", "PV", IN, DEMO_NAME, None, None),
    ("PV05", "Vårdcentralen Älvsbacka", "PV", IN, DEMO_NAME, None, None),
    ("PV06", "Strandstadens Vårdcentral", "PV", EXT, "Strandstaden Hälsa AB", "559012-3456", None),
    ("PV07", "Läkarhuset Torget", "PV", EXT, "Läkarhuset Torget AB", "556677-8899", None),
    ("SV01", "Akutmottagningen Centrallasarettet", "SV", IN, DEMO_NAME, None, None),
    ("SV02", "Medicinkliniken Centrallasarettet", "SV", IN, DEMO_NAME, None, None),
    ("GR01", "Norrbyskolan", "GR", IN, DEMO_NAME, None, "V15E999900101"),
    ("GR02", "Söderbyskolan", "GR", IN, DEMO_NAME, None, "V15E999900102"),
    ("GR03", "Ekdalsskolan", "GR", IN, DEMO_NAME, None, "V15E999900103"),
    ("GR04", "Friskolan Kunskapsvägen", "GR", EXT, "Kunskapsvägen Skolor AB", "556123-4567", "V15E999900201"),
    ("GR05", "Montessoriskolan Lärkan", "GR", NP, "Föreningen Montessori Lärkan", "802456-7890",
     "V15E999900202"),
    ("GY01", "Centralgymnasiet", "GY", IN, DEMO_NAME, None, None),
    ("GY02", "Teknikgymnasiet Framtid", "GY", EXT, "Framtidens Gymnasium AB", "556987-6543", None),
    ("HT01", "Hemtjänst Norr", "HT", IN, DEMO_NAME, None, None),
    ("HT02", "Hemtjänst Söder", "HT", IN, DEMO_NAME, None, None),
    ("HT03", "Hemtjänst Väster", "HT", IN, DEMO_NAME, None, None),
    ("HT04", "Omsorgshuset Hemtjänst", "HT", EXT, "Omsorgshuset i Exempelregionen AB", "559234-5678", None),
    ("SB01", "Lindgården", "SÄBO", IN, DEMO_NAME, None, None),
    ("SB02", "Solbacken", "SÄBO", IN, DEMO_NAME, None, None),
    ("SB03", "Ängsro vård- och omsorgsboende", "SÄBO", EXT, "Ängsro Omsorg AB", "556345-6789", None),
    ("SB04", "Ekens äldreboende", "SÄBO", NP, "Stiftelsen Eken", "802012-3456", None),
]

# (code, title, level, owner unit code, horizon, description)
GOALS: list[tuple[str, str, GoalLevel, str | None, Horizon | None, str]] = [
    ("V", "Exempelregionen – en hållbar region där alla kan växa", GoalLevel.VISION, "RF", Horizon.LONG,
     "Visionen antagen av regionfullmäktige och vägledande till 2035."),
    ("1", "God och jämlik hälsa", GoalLevel.GOAL_AREA, "RF", Horizon.LONG,
     "Invånarna ska ha en god och jämlik hälsa och tillgång till vård i rätt tid."),
    ("1.1", "Vården ges i rätt tid", GoalLevel.GOAL, "HSN", Horizon.SHORT,
     "Vårdgarantin uppfylls i primärvård och specialiserad vård."),
    ("1.1.1", "Primärvården är tillgänglig samma dag", GoalLevel.SUB_GOAL, "PV", Horizon.SHORT,
     "Kontakt och medicinsk bedömning samma dag."),
    ("1.1.2", "Akutmottagningens väntetider minskar", GoalLevel.SUB_GOAL, "SV", Horizon.SHORT, ""),
    ("1.2", "Patienterna är delaktiga i sin vård", GoalLevel.GOAL, "HSN", Horizon.LONG,
     "Patientens egen kunskap och vilja tas tillvara."),
    ("1.3", "Jämlik vård oavsett utförare", GoalLevel.GOAL, "HSN", Horizon.LONG,
     "Vården är lika god hos egen regi och privata utförare inom vårdvalet."),
    ("1.3.1", "Vårdcentralerna når målen för kontinuitet", GoalLevel.SUB_GOAL, "PV", Horizon.SHORT, ""),
    ("1.4", "Förebyggande arbete stärker folkhälsan", GoalLevel.GOAL, "HSN", Horizon.LONG, ""),
    ("2", "Kunskap och lärande", GoalLevel.GOAL_AREA, "RF", Horizon.LONG,
     "Alla barn och unga ska nå kunskapsmålen och rustas för framtiden."),
    ("2.1", "Fler elever når kunskapskraven", GoalLevel.GOAL, "UN", Horizon.LONG, ""),
    ("2.1.1", "Alla elever i åk 9 är behöriga till gymnasiet", GoalLevel.SUB_GOAL, "GR", Horizon.SHORT, ""),
    ("2.1.2", "Meritvärdet ökar i alla skolor", GoalLevel.SUB_GOAL, "GR", Horizon.SHORT, ""),
    ("2.2", "Fler fullföljer gymnasieutbildningen", GoalLevel.GOAL, "UN", Horizon.LONG, ""),
    ("2.3", "Eleverna känner sig trygga i skolan", GoalLevel.GOAL, "UN", Horizon.SHORT, ""),
    ("2.4", "Legitimerade lärare i alla klassrum", GoalLevel.GOAL, "UN", Horizon.LONG, ""),
    ("3", "Trygg och värdig omsorg", GoalLevel.GOAL_AREA, "RF", Horizon.LONG,
     "Äldre ska kunna leva ett självständigt liv med trygghet och inflytande."),
    ("3.1", "Brukarna är nöjda med hemtjänsten", GoalLevel.GOAL, "ON", Horizon.SHORT, ""),
    ("3.1.1", "Färre personal per brukare i hemtjänsten", GoalLevel.SUB_GOAL, "HT", Horizon.SHORT,
     "Kontinuitet: samma personal kommer till brukaren."),
    ("3.2", "Trygghet och inflytande i särskilt boende", GoalLevel.GOAL, "ON", Horizon.SHORT, ""),
    ("3.2.1", "Kortare väntetid till särskilt boende", GoalLevel.SUB_GOAL, "SÄBO", Horizon.SHORT, ""),
    ("3.3", "Lika villkor för egen regi och privata utförare", GoalLevel.GOAL, "ON", Horizon.LONG,
     "Program för utförare: samma krav och samma uppföljning oavsett regi."),
    ("4", "Attraktiv arbetsgivare", GoalLevel.GOAL_AREA, "RS", Horizon.LONG,
     "Medarbetarna har goda arbetsvillkor, inflytande och möjlighet att utvecklas."),
    ("4.1", "Sjukfrånvaron minskar", GoalLevel.GOAL, "RS", Horizon.SHORT, ""),
    ("4.2", "Medarbetarna rekommenderar sin arbetsplats", GoalLevel.GOAL, "RS", Horizon.SHORT, ""),
    ("4.3", "Heltid som norm", GoalLevel.GOAL, "RS", Horizon.LONG, ""),
    ("4.3.1", "Fler undersköterskor arbetar heltid", GoalLevel.SUB_GOAL, "OF", Horizon.SHORT, ""),
    ("5", "Hållbar ekonomi och miljö", GoalLevel.GOAL_AREA, "RF", Horizon.LONG,
     "God ekonomisk hushållning och minskad klimatpåverkan."),
    ("5.1", "Ekonomi i balans", GoalLevel.GOAL, "RS", Horizon.SHORT, ""),
    ("5.1.1", "Nämnderna håller sina budgetramar", GoalLevel.SUB_GOAL, "RS", Horizon.SHORT, ""),
    ("5.2", "Kostnadseffektiva verksamheter", GoalLevel.GOAL, "RS", Horizon.LONG, ""),
    ("5.3", "Minskade utsläpp från regionens verksamhet", GoalLevel.GOAL, "RS", Horizon.LONG, ""),
    ("5.3.1", "Fossilfria tjänsteresor", GoalLevel.SUB_GOAL, "RK", Horizon.SHORT, ""),
    ("5.3.2", "Mindre matsvinn i kök och restauranger", GoalLevel.SUB_GOAL, "OF", Horizon.SHORT, ""),
]


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


H, L = Direction.HIGHER_BETTER, Direction.LOWER_BETTER
PCT = ToleranceKind.PERCENT

INDICATORS: list[DemoIndicator] = [
    # God och jämlik hälsa
    DemoIndicator("HS01", "Medicinsk bedömning i primärvården inom tre dagar, andel (%)", "%", H, 1, 0, 100,
                  78, 6, 1.5, 85, 5, ("1.1", "1.1.1"), "PV", tertial=True),
    DemoIndicator("HS02", "Kontakt med primärvården samma dag, andel (%)", "%", H, 1, 0, 100,
                  84, 5, 1.0, 90, 5, ("1.1.1",), "PV", tertial=True),
    DemoIndicator("HS03", "Väntetid till läkare på akutmottagningen, median (minuter)", "minuter", L, 0,
                  10, 400, 95, 15, -4, 80, 15, ("1.1.2",), "SV", tertial=True),
    DemoIndicator("HS04", "Vistelsetid på akutmottagningen under fyra timmar, andel (%)", "%", H, 1, 0, 100,
                  68, 5, 1.2, 75, 5, ("1.1", "1.1.2"), "SV", tertial=True),
    DemoIndicator("HS05", "Patientupplevd delaktighet i primärvården, index", "index", H, 1, 0, 100,
                  77, 4, 0.5, 80, 3, ("1.2",), "PV", kolada="U71453"),
    DemoIndicator("HS06", "Patienter som fått en fast vårdkontakt, andel (%)", "%", H, 1, 0, 100,
                  46, 10, 3.0, 60, 10, ("1.3", "1.3.1"), "PV", tertial=True),
    DemoIndicator("HS07", "Patienter som träffar samma läkare vid återbesök, andel (%)", "%", H, 1, 0, 100,
                  52, 9, 1.0, 60, 8, ("1.3.1",), "PV"),
    DemoIndicator("HS08", "Nettokostnad primärvård, kr/invånare", "kr", L, 0, 2000, 12000,
                  5600, 300, 150, 5900, 5, ("1.3", "5.2"), "PV", kolada="N71007", tolerance_kind=PCT),
    DemoIndicator("HS09", "Hälsosamtal genomförda med 40-åringar, andel (%)", "%", H, 1, 0, 100,
                  38, 8, 3.0, 50, 8, ("1.4",), "PV"),
    DemoIndicator("HS10", "Rökare som fått rådgivning om rökstopp, andel (%)", "%", H, 1, 0, 100,
                  63, 9, 2.0, 75, 8, ("1.4",), "PV"),
    # Kunskap och lärande
    DemoIndicator("UB01", "Elever i åk 9 som uppnått betygskriterierna i alla ämnen, andel (%)", "%", H, 1,
                  0, 100, 74, 8, 0.8, 80, 5, ("2.1",), "GR", kolada="N15419", by_gender=True),
    DemoIndicator("UB02", "Elever i åk 9 som är behöriga till yrkesprogram, andel (%)", "%", H, 1, 0, 100,
                  85, 6, 0.6, 90, 4, ("2.1", "2.1.1"), "GR", kolada="N15436", by_gender=True),
    DemoIndicator("UB03", "Elever i åk 9, meritvärde, genomsnitt (17 ämnen)", "meritpoäng", H, 1, 0, 340,
                  228, 14, 1.5, 235, 5, ("2.1.2",), "GR", kolada="N15505", by_gender=True),
    DemoIndicator("UB04", "Lärare med lärarlegitimation och behörighet i grundskolan, andel (%)", "%", H, 1,
                  0, 100, 71, 8, 0.8, 80, 5, ("2.4",), "GR", kolada="N15814"),
    DemoIndicator("UB05", "Elever i åk 8 som känner sig trygga i skolan, andel (%)", "%", H, 1, 0, 100,
                  86, 5, 0.5, 90, 4, ("2.3",), "GR"),
    DemoIndicator("UB06", "Gymnasieelever med examen inom tre år, andel (%)", "%", H, 1, 0, 100,
                  72, 6, 0.7, 78, 5, ("2.2",), "GY", kolada="N17473"),
    DemoIndicator("UB07", "Gymnasieelever som känner sig trygga i skolan, andel (%)", "%", H, 1, 0, 100,
                  89, 4, 0.3, 92, 3, ("2.3",), "GY"),
    DemoIndicator("UB08", "Nettokostnad grundskola F-9, kr/elev", "kr", L, 0, 60000, 200000,
                  118000, 6000, 2500, 122000, 4, ("5.2",), "GR", kolada="U15011", tolerance_kind=PCT),
    DemoIndicator("UB09", "Ogiltig frånvaro i grundskolan, andel av undervisningstiden (%)", "%", L, 1,
                  0, 100, 3.1, 0.9, -0.1, 2.5, 1.0, ("2.3",), "GR", tertial=True),
    # Trygg och värdig omsorg
    DemoIndicator("OM01", "Brukarbedömning hemtjänst äldreomsorg – helhetssyn, andel (%)", "%", H, 0,
                  0, 100, 86, 4, 0.5, 90, 4, ("3.1",), "HT", kolada="U21468", by_gender=True),
    DemoIndicator("OM02", "Personalkontinuitet i hemtjänsten, antal personal på 14 dagar", "antal", L, 0,
                  3, 40, 16, 3, -0.4, 14, 2, ("3.1.1",), "HT", kolada="U21401", tertial=True),
    DemoIndicator("OM03", "Brukarbedömning hemtjänst – personalen kommer på avtalad tid, andel (%)", "%", H,
                  0, 0, 100, 80, 6, 0.5, 85, 4, ("3.1",), "HT", kolada="U21475"),
    DemoIndicator("OM04", "Brukarbedömning särskilt boende äldreomsorg – helhetssyn, andel (%)", "%", H, 0,
                  0, 100, 81, 5, 0.5, 85, 4, ("3.2",), "SÄBO", kolada="U23471", by_gender=True),
    DemoIndicator("OM05", "Väntetid till särskilt boende, medelvärde (dagar)", "dagar", L, 0, 1, 365,
                  62, 14, -3, 50, 10, ("3.2.1",), "SÄBO", kolada="U23401", tertial=True),
    DemoIndicator("OM06", "Boende som upplever trygghet i särskilt boende, andel (%)", "%", H, 0, 0, 100,
                  85, 5, 0.4, 88, 3, ("3.2",), "SÄBO"),
    DemoIndicator("OM07", "Avvikelser i läkemedelshantering per 1 000 vårddygn", "antal", L, 1, 0, 50,
                  4.2, 1.4, -0.2, 3.0, 1.0, ("3.2", "3.3"), "SÄBO", tertial=True),
    DemoIndicator("OM08", "Genomförandeplaner upprättade inom 14 dagar, andel (%)", "%", H, 1, 0, 100,
                  76, 9, 2.0, 90, 8, ("3.3",), "HT", tertial=True),
    DemoIndicator("OM09", "Brukare som har en utsedd kontaktman, andel (%)", "%", H, 1, 0, 100,
                  91, 5, 0.5, 95, 4, ("3.3",), "SÄBO"),
    # Attraktiv arbetsgivare
    DemoIndicator("PE01", "Sjukfrånvaro totalt bland anställda, andel (%)", "%", L, 1, 0, 30,
                  7.4, 1.1, -0.2, 6.5, 0.7, ("4.1",), "ADM", kolada="N00090", tertial=True),
    DemoIndicator("PE02", "Korttidssjukfrånvaro dag 1–14, andel (%)", "%", L, 1, 0, 20,
                  3.2, 0.6, -0.05, 2.8, 0.4, ("4.1",), "ADM", tertial=True),
    DemoIndicator("PE03", "Medarbetare som rekommenderar sin arbetsplats (eNPS)", "index", H, 0, -100, 100,
                  8, 9, 2, 15, 8, ("4.2",), "ADM"),
    DemoIndicator("PE04", "Hållbart medarbetarengagemang (HME), index", "index", H, 0, 0, 100,
                  77, 3, 0.5, 80, 3, ("4.2",), "ADM"),
    DemoIndicator("PE05", "Tillsvidareanställda som arbetar heltid, andel (%)", "%", H, 1, 0, 100,
                  74, 6, 2.0, 85, 6, ("4.3",), "ADM"),
    DemoIndicator("PE06", "Undersköterskor som arbetar heltid, andel (%)", "%", H, 1, 0, 100,
                  52, 8, 3.0, 70, 10, ("4.3.1",), "HT", tertial=True),
    # Hållbar ekonomi och miljö
    DemoIndicator("EK01", "Budgetavvikelse, andel av nettokostnad (%)", "%", H, 1, -15, 15,
                  -0.6, 1.2, 0.1, 0.0, 1.0, ("5.1", "5.1.1"), "ADM", tertial=True),
    DemoIndicator("EK02", "Prognossäkerhet vid delårsrapport, avvikelse (%)", "%", L, 1, 0, 20,
                  1.8, 0.8, -0.1, 1.0, 0.8, ("5.1.1",), "ADM"),
    DemoIndicator("EK03", "Nettokostnad hemtjänst, kr per brukare", "kr", L, 0, 100000, 600000,
                  292000, 18000, 6000, 300000, 5, ("5.2",), "HT", tolerance_kind=PCT),
    DemoIndicator("MI01", "Tjänsteresor med fossilfria drivmedel, andel (%)", "%", H, 1, 0, 100,
                  48, 10, 6.0, 75, 10, ("5.3", "5.3.1"), "ADM"),
    DemoIndicator("MI02", "Matsvinn i tillagningskök, gram per portion", "gram", L, 0, 0, 200,
                  44, 8, -2.5, 35, 6, ("5.3.2",), "SÄBO", tertial=True),
    DemoIndicator("MI03", "Energianvändning i lokaler, kWh/m²", "kWh/m²", L, 0, 40, 400,
                  148, 12, -3, 135, 5, ("5.3",), "ADM", tolerance_kind=PCT),
]

ANALYSES = {
    ("1.1", "HSN"): (
        "Tillgängligheten i primärvården har förbättrats sedan digitala kontaktvägar infördes, "
        "men skillnaderna mellan vårdcentralerna kvarstår. Två vårdcentraler har haft läkarvakanser.",
        "Gemensam bemanningspool för läkare. Uppföljning av telefontillgänglighet varje tertial."),
    ("2.1", "UN"): (
        "Andelen behöriga elever ökar svagt. Skolor med hög andel nyanlända elever har lägre resultat; "
        "resultaten skiljer sig mer mellan skolor än mellan regiformer.",
        "Riktade insatser i svenska som andraspråk; kollegialt lärande mellan skolorna."),
    ("3.1", "ON"): (
        "Brukarna är i huvudsak nöjda. Kontinuiteten är den största utmaningen: många brukare möter "
        "fler än 15 personal på två veckor.",
        "Mindre arbetslag per geografiskt område. Dialogmöten med utförarna om schemaläggning."),
    ("4.1", "RS"): (
        "Sjukfrånvaron minskar men ligger fortfarande över målet, särskilt inom omsorgen.",
        "Tidiga rehabiliteringsinsatser och chefsstöd i arbetsmiljöarbetet."),
}


@dataclass
class DemoContext:
    """What the demo has created so far, by code, for the steps that follow."""

    units: dict[str, OrgUnit] = field(default_factory=dict)
    goals: dict[str, Goal] = field(default_factory=dict)
    indicators: dict[str, Indicator] = field(default_factory=dict)
    periods: dict[str, Period] = field(default_factory=dict)


def build_demo(session: Session) -> DemoContext:
    """Fill an empty database with Exempelregionen."""
    ctx = DemoContext()
    set_setting(session, ORGANISATION_NAME, DEMO_NAME)
    _organisation(session, ctx)
    _goals(session, ctx)
    _periods(session, ctx)
    _indicators(session, ctx)
    _targets_and_results(session, ctx)
    _analyses(session, ctx)
    build_directives_demo(session, ctx)
    _dialogue_meetings(session, ctx)
    from app.services.demo.annual import build_annual_demo

    build_annual_demo(session)
    audit.record(session, AuditAction.CREATE, "database", None, summary=f"Demodata: {DEMO_NAME}")
    return ctx


def _organisation(session: Session, ctx: DemoContext) -> None:
    for position, (code, name, kind, parent, extra) in enumerate(ORGANISATION):
        unit = OrgUnit(code=code, name=name, kind=kind, position=position,
                       parent=ctx.units.get(parent) if parent else None, **extra)
        session.add(unit)
        ctx.units[code] = unit
    for position, (code, name, area, ptype, provider, orgnr, kolada) in enumerate(PROVIDERS):
        parent = ctx.units[area]
        external = ptype is not ProviderType.IN_HOUSE
        unit = OrgUnit(
            code=code, name=name, kind=UnitKind.UNIT, parent=parent, position=position,
            provider_type=ptype, provider_name=provider, org_number=orgnr,
            service_area=parent.service_area, kolada_ou_id=kolada,
            contract_start=dt.date(2021, 1, 1) if external else None,
            contract_end=dt.date(2026, 12, 31) if external else None,
        )
        session.add(unit)
        ctx.units[code] = unit
    riket = OrgUnit(code="0000", name="Riket", kind=UnitKind.REFERENCE, municipality_code="0000",
                    position=len(ORGANISATION), description="Jämförelsevärden för hela landet (Kolada).")
    session.add(riket)
    ctx.units["0000"] = riket
    session.flush()


def _goals(session: Session, ctx: DemoContext) -> None:
    counters: dict[str | None, int] = {}
    for code, title, level, owner, horizon, description in GOALS:
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
    for spec in INDICATORS:
        indicator = Indicator(
            code=spec.code, name=spec.name, unit_of_measure=spec.unit_of_measure, direction=spec.direction,
            decimals=spec.decimals, tolerance=spec.tolerance, tolerance_kind=spec.tolerance_kind,
            min_value=spec.low, max_value=spec.high, kolada_kpi_id=spec.kolada,
            source="Kolada" if spec.kolada else "Egen mätning",
            service_area=None if spec.measured_at == "ADM" else ctx.units[spec.measured_at].service_area,
        )
        session.add(indicator)
        ctx.indicators[spec.code] = indicator
        for position, goal_code in enumerate(spec.goals):
            session.add(GoalIndicator(goal=ctx.goals[goal_code], indicator=indicator, position=position))
    session.flush()


def _units_measured(ctx: DemoContext, spec: DemoIndicator) -> list[OrgUnit]:
    if spec.measured_at == "ADM":
        return [ctx.units[c] for c in ("RK", "HSF", "UF", "OF")]
    return [u for u in ctx.units.values() if u.parent is ctx.units[spec.measured_at]]


def _clamp(spec: DemoIndicator, value: float) -> float:
    return round(min(spec.high, max(spec.low, value)), spec.decimals)


def _targets_and_results(session: Session, ctx: DemoContext) -> None:
    rng = random.Random(SEED)
    entered = dt.datetime(2026, 1, 20, 9, 0)
    results: list[dict] = []
    for spec in INDICATORS:
        indicator = ctx.indicators[spec.code]
        for i, year in enumerate((*YEARS, YEARS[-1] + 1)):
            # Targets tighten towards the final target over the years.
            step = (spec.target - (spec.base + spec.yearly_change)) / len(YEARS)
            target = spec.target - step * (len(YEARS) - 1 - i) if i < len(YEARS) else spec.target
            session.add(Target(indicator_id=indicator.id, unit_id=None, period_id=ctx.periods[str(year)].id,
                               value=_clamp(spec, target)))
        for unit in _units_measured(ctx, spec):
            quality = rng.gauss(0, spec.spread)
            if unit.provider_type is ProviderType.EXTERNAL:
                quality += rng.choice((-0.3, 0.2)) * spec.spread
            for i, year in enumerate(YEARS):
                yearly = spec.base + quality + spec.yearly_change * i + rng.gauss(0, spec.spread * 0.25)
                periods = [(str(year), yearly)]
                if spec.tertial:
                    periods += [(f"{year}T{t}", yearly + rng.gauss(0, spec.spread * 0.3)) for t in (1, 2, 3)]
                for code, value in periods:
                    # A few gaps: providers that did not report (2025T3 mostly).
                    if rng.random() < (0.12 if code == f"{YEARS[-1]}T3" else 0.015):
                        continue
                    results.append(dict(indicator_id=indicator.id, unit_id=unit.id,
                                        period_id=ctx.periods[code].id, gender=Gender.TOTAL,
                                        value=_clamp(spec, value), entered_at=entered, entered_by="demo"))
                    if spec.by_gender and code == str(year):
                        gap = abs(rng.gauss(spec.spread * 0.3, spec.spread * 0.1))
                        for gender, sign in ((Gender.WOMEN, 1), (Gender.MEN, -1)):
                            results.append(dict(indicator_id=indicator.id, unit_id=unit.id,
                                                period_id=ctx.periods[code].id, gender=gender,
                                                value=_clamp(spec, value + sign * gap),
                                                entered_at=entered, entered_by="demo"))
        if spec.kolada:
            riket = ctx.units["0000"]
            for i, year in enumerate(YEARS):
                results.append(dict(indicator_id=indicator.id, unit_id=riket.id,
                                    period_id=ctx.periods[str(year)].id, gender=Gender.TOTAL,
                                    value=_clamp(spec, spec.base + spec.yearly_change * i * 0.8 + spec.spread * 0.1),
                                    entered_at=entered, entered_by="Kolada"))
    session.execute(Result.__table__.insert(), results)


def _analyses(session: Session, ctx: DemoContext) -> None:
    period = ctx.periods[str(YEARS[-1])]
    for (goal_code, unit_code), (analysis, actions) in ANALYSES.items():
        session.add(Assessment(
            goal_id=ctx.goals[goal_code].id, unit_id=ctx.units[unit_code].id, period_id=period.id,
            status=Status.NOT_ASSESSED, analysis=analysis, actions=actions, author="Planeringsavdelningen",
            assessed_at=dt.datetime(2026, 2, 10, 14, 0),
        ))
    session.flush()


# --- Styrdokument, delegationsordning, verksamhetsplaner and årshjul ------------------------------
D = dt.date

# (title, type, case number, owner, adopted by, adopted on, review due, state, responsible, summary)
DIRECTIVES: list[tuple] = [
    ("Policy för styrning och ledning", "policy", "RS 2022/311", "RS", "RF", D(2023, 2, 27), D(2027, 2, 28),
     "adopted", "Anna Lindqvist, planeringschef",
     "Regionens styr- och ledningssystem: mål- och resultatstyrning med tillit till professionen."),
    ("Personalpolicy", "policy", "RS 2021/145", "RS", "RF", D(2021, 11, 22), D(2026, 6, 30), "adopted",
     "Erik Holm, HR-direktör", "Förhållningssätt som arbetsgivare: ledarskap, medarbetarskap, arbetsmiljö."),
    ("Miljöpolicy", "policy", "RS 2024/88", "RS", "RF", D(2024, 4, 15), D(2028, 4, 30), "adopted",
     "Sara Nyberg, miljöstrateg", "Regionens miljöarbete och mål för minskad klimatpåverkan."),
    ("Policy för intern kontroll", "policy", "RS 2023/402", "RS", "RF", D(2023, 10, 30), D(2027, 1, 31),
     "adopted", "Johan Ek, ekonomidirektör", "Hur nämnderna säkerställer en tillräcklig intern kontroll."),
    ("Reglemente för regionstyrelsen", "rules_of_procedure", "RS 2022/501", "RS", "RF", D(2022, 12, 12),
     D(2026, 12, 31), "adopted", "Maria Söder, kanslichef",
     "Regionstyrelsens uppgifter, uppsiktsplikt och arbetsformer."),
    ("Reglemente för hälso- och sjukvårdsnämnden", "rules_of_procedure", "RS 2022/502", "HSN", "RF",
     D(2022, 12, 12), D(2026, 12, 31), "adopted", "Maria Söder, kanslichef",
     "Nämndens ansvar för hälso- och sjukvård enligt hälso- och sjukvårdslagen."),
    ("Reglemente för utbildningsnämnden", "rules_of_procedure", "RS 2022/503", "UN", "RF", D(2022, 12, 12),
     D(2026, 12, 31), "adopted", "Maria Söder, kanslichef", "Nämndens ansvar för grund- och gymnasieskola."),
    ("Reglemente för omsorgsnämnden", "rules_of_procedure", "RS 2022/504", "ON", "RF", D(2022, 12, 12),
     D(2026, 12, 31), "adopted", "Maria Söder, kanslichef", "Nämndens ansvar för vård och omsorg om äldre."),
    ("Riktlinjer för uppföljning av utförare", "guideline", "RS 2024/230", "RS", "RS", D(2024, 9, 2),
     D(2027, 6, 30), "adopted", "Lena Berg, controller",
     "Hur egen regi och privata utförare följs upp på lika villkor."),
    ("Riktlinjer för biståndsbedömning inom äldreomsorgen", "guideline", "ON 2023/57", "ON", "ON",
     D(2023, 5, 24), D(2026, 10, 31), "adopted", "Karin Olsson, avdelningschef",
     "Handläggning av ansökningar om hemtjänst och särskilt boende enligt SoL."),
    ("Riktlinjer för läkemedelshantering i särskilt boende", "guideline", "ON 2026/12", "ON", "ON", None,
     D(2029, 6, 30), "consultation", "Per Lund, medicinskt ansvarig sjuksköterska",
     "Ansvar och rutiner för ordination, iordningställande och administrering."),
    ("Riktlinjer för tillgänglighet i primärvården", "guideline", "HSN 2026/40", "HSN", "HSN", None,
     None, "draft", "Eva Strand, hälso- och sjukvårdsdirektör", "Utkast: kontakt samma dag och bedömning inom tre dagar."),
    ("Program med mål och riktlinjer för utförare 2023–2026", "programme", "RS 2023/77", "RS", "RF",
     D(2023, 3, 27), D(2027, 3, 31), "adopted", "Lena Berg, controller",
     "Kommunallagen 5 kap. 3 §: mål och riktlinjer för all verksamhet, egen regi och privata utförare."),
    ("Handlingsplan för minskad sjukfrånvaro", "action_plan", "RS 2025/19", "RS", "RS", D(2025, 2, 10),
     D(2026, 12, 15), "adopted", "Erik Holm, HR-direktör", "Tidiga insatser, rehabilitering och chefsstöd."),
    ("Plan för skolans trygghetsarbete", "plan", "UN 2024/66", "UN", "UN", D(2024, 8, 19), D(2027, 8, 31),
     "adopted", "Tomas Ahl, skolchef", "Förebyggande arbete mot kränkande behandling."),
]

CHAPTERS = ("1 Allmänna ärenden", "2 Ekonomi och upphandling", "3 Personal", "4 Äldreomsorg enligt SoL",
            "5 Offentlighet och sekretess")
# (chapter index, number, ärende, lagrum, delegat, ersättare, limits, anmälan)
DELEGATION_ITEMS: list[tuple] = [
    (0, "1.1", "Beslut i brådskande ärenden", "KL 6 kap. 39 §", "Ordförande", "Vice ordförande", "", True),
    (0, "1.2", "Yttrande till förvaltningsdomstol i överklagade ärenden", "FL 43 §", "Förvaltningschef",
     "Avdelningschef", "", True),
    (0, "1.3", "Avvisa för sent inkommen överklagan", "FL 45 §", "Den som fattat beslutet", "", "", False),
    (0, "1.4", "Besluta om rättelse av skrivfel", "FL 36 §", "Den som fattat beslutet", "", "", False),
    (0, "1.5", "Utse ombud att föra nämndens talan", "KL 6 kap. 15 §", "Förvaltningschef", "Ordförande", "",
     True),
    (1, "2.1", "Upphandling och tilldelningsbeslut", "LOU", "Förvaltningschef", "Ekonomichef",
     "Upp till 5 prisbasbelopp", True),
    (1, "2.2", "Upphandling och tilldelningsbeslut över 5 prisbasbelopp", "LOU", "Ordförande",
     "Vice ordförande", "Inom budget", True),
    (1, "2.3", "Avrop från ramavtal", "LOU", "Enhetschef", "Avdelningschef", "Inom enhetens budget", False),
    (1, "2.4", "Avskrivning av fordran", "", "Ekonomichef", "Förvaltningschef", "Högst 1 prisbasbelopp", True),
    (1, "2.5", "Beslut om val av utförare inom LOV", "LOV 9 kap. 1 §", "Förvaltningschef", "Avdelningschef",
     "", True),
    (2, "3.1", "Anställning av avdelningschef", "", "Förvaltningschef", "", "Efter samråd med HR", True),
    (2, "3.2", "Anställning av övrig personal", "", "Enhetschef", "Avdelningschef", "", False),
    (2, "3.3", "Uppsägning av personal", "LAS 7 §", "Förvaltningschef", "HR-chef", "", True),
    (2, "3.4", "Avstängning enligt AB", "AB § 10", "Förvaltningschef", "Avdelningschef", "", True),
    (3, "4.1", "Beslut om bistånd i form av hemtjänst", "SoL 4 kap. 1 §", "Biståndshandläggare",
     "Enhetschef myndighet", "Upp till 150 timmar per månad", False),
    (3, "4.2", "Beslut om hemtjänst över 150 timmar per månad", "SoL 4 kap. 1 §", "Enhetschef myndighet",
     "Avdelningschef", "", True),
    (3, "4.3", "Beslut om särskilt boende", "SoL 4 kap. 1 §", "Biståndshandläggare", "Enhetschef myndighet",
     "", True),
    (3, "4.4", "Beslut om korttidsvistelse", "SoL 4 kap. 1 §", "Biståndshandläggare", "Enhetschef myndighet",
     "Högst 30 dagar", False),
    (3, "4.5", "Beslut om avgift för hemtjänst och boende", "SoL 8 kap. 2 §", "Avgiftshandläggare",
     "Enhetschef myndighet", "", False),
    (3, "4.6", "Anmälan till IVO enligt lex Sarah", "SoL 14 kap. 7 §", "Förvaltningschef",
     "Avdelningschef", "", True),
    (3, "4.7", "Beslut om att inte verkställa beslut inom tre månader, rapport till IVO", "SoL 16 kap. 6 f §",
     "Avdelningschef", "Förvaltningschef", "", True),
    (4, "5.1", "Beslut att inte lämna ut allmän handling", "OSL 6 kap. 3 §", "Förvaltningschef",
     "Registrator", "", True),
    (4, "5.2", "Beslut att lämna ut handling med förbehåll", "OSL 10 kap. 14 §", "Förvaltningschef",
     "Avdelningschef", "", True),
    (4, "5.3", "Utlämnande av uppgifter till forskning", "OSL 26 kap. 1 §", "Förvaltningschef", "", "", True),
]

# (item number, decided on, decided by, summary, case number, reported on)
DELEGATION_DECISIONS: list[tuple] = [
    ("1.1", D(2026, 7, 8), "Ordförande Lars Malm", "Yttrande till IVO över tillsyn av Solbacken",
     "ON 2026/201", D(2026, 9, 22)),
    ("2.1", D(2026, 6, 12), "Förvaltningschef Karin Ek", "Tilldelning: inkontinenshjälpmedel", "ON 2026/150",
     D(2026, 9, 22)),
    ("2.2", D(2026, 9, 30), "Ordförande Lars Malm", "Tilldelning: trygghetslarm, 4 år", "ON 2026/233", None),
    ("2.4", D(2026, 10, 3), "Ekonomichef Ulf Berg", "Avskrivning av fordran på avgift, 12 400 kr", "ON 2026/240",
     None),
    ("2.5", D(2026, 8, 20), "Förvaltningschef Karin Ek", "Godkännande av Omsorgshuset som utförare inom LOV",
     "ON 2026/180", D(2026, 9, 22)),
    ("3.1", D(2026, 10, 14), "Förvaltningschef Karin Ek", "Anställning av avdelningschef myndighet",
     "ON 2026/251", None),
    ("4.2", D(2026, 10, 20), "Enhetschef myndighet Mona Ali", "Hemtjänst 180 timmar per månad", "ON 2026/262",
     None),
    ("4.3", D(2026, 9, 2), "Biståndshandläggare Jonas Ek", "Beviljat särskilt boende", "ON 2026/214",
     D(2026, 9, 22)),
    ("4.3", D(2026, 10, 28), "Biståndshandläggare Jonas Ek", "Beviljat särskilt boende", "ON 2026/270", None),
    ("4.6", D(2026, 11, 4), "Förvaltningschef Karin Ek", "Anmälan lex Sarah, Lindgården", "ON 2026/281", None),
    ("5.1", D(2026, 9, 9), "Förvaltningschef Karin Ek", "Avslag på begäran om utlämnande av journal",
     "ON 2026/220", D(2026, 9, 22)),
    ("5.2", D(2026, 11, 2), "Förvaltningschef Karin Ek", "Utlämnande med förbehåll till forskare",
     "ON 2026/279", None),
]

# (unit code, year, mission, [(activity, responsible, start, end, state, progress, goal codes)])
PLANS: list[tuple] = [
    ("PV01", 2025, "Vårdcentralen Norrby ger primärvård till 9 800 listade invånare.", [
        ("Inför digital första linjens bedömning", "Verksamhetschef", D(2025, 1, 15), D(2025, 6, 30), "done",
         100, ("1.1.1",)),
        ("Fast vårdkontakt för patienter med kroniska sjukdomar", "Vårdutvecklare", D(2025, 3, 1),
         D(2025, 12, 31), "done", 100, ("1.3.1",)),
    ]),
    ("PV01", 2026, "Vårdcentralen Norrby ger primärvård till 10 100 listade invånare.", [
        ("Telefontillgänglighet: återuppringning samma dag", "Verksamhetschef", D(2026, 1, 15), D(2026, 5, 31),
         "done", 100, ("1.1", "1.1.1")),
        ("Fast läkarkontakt för alla över 75 år", "Medicinskt ledningsansvarig läkare", D(2026, 2, 1),
         D(2026, 12, 31), "ongoing", 60, ("1.3", "1.3.1")),
        ("Hälsosamtal för 40-åringar", "Distriktssköterska", D(2026, 3, 1), D(2026, 11, 30), "ongoing", 45,
         ("1.4",)),
    ]),
    ("GR01", 2026, "Norrbyskolan F–9 med 540 elever.", [
        ("Språkutvecklande arbetssätt i alla ämnen", "Rektor", D(2026, 1, 8), D(2026, 12, 18), "ongoing", 50,
         ("2.1", "2.1.2")),
        ("Trygghetsvandringar med elevrådet", "Biträdande rektor", D(2026, 2, 1), D(2026, 5, 31), "done", 100,
         ("2.3",)),
    ]),
    ("HT01", 2025, "Hemtjänst Norr ger stöd till 310 brukare.", [
        ("Mindre arbetslag per geografiskt område", "Enhetschef", D(2025, 2, 1), D(2025, 10, 31), "done", 100,
         ("3.1.1",)),
    ]),
    ("HT01", 2026, "Hemtjänst Norr ger stöd till 320 brukare.", [
        ("Schemaläggning med kontinuitet som första prioritet", "Enhetschef", D(2026, 1, 10), D(2026, 9, 30),
         "done", 100, ("3.1", "3.1.1")),
        ("Heltidsresan: önskad sysselsättningsgrad", "Enhetschef", D(2026, 3, 1), D(2026, 12, 31), "ongoing", 35,
         ("4.3.1",)),
        ("Genomförandeplaner inom 14 dagar", "Samordnare", D(2026, 1, 10), D(2026, 6, 30), "cancelled", 20, ()),
    ]),
    ("OF", 2026, "Omsorgsförvaltningen leder äldreomsorgen i egen regi och följer upp privata utförare.", [
        ("Gemensam uppföljningsmodell för egen regi och privata utförare", "Kvalitetsstrateg", D(2026, 1, 1),
         D(2026, 10, 31), "ongoing", 80, ("3.3",)),
        ("Matsvinnsmätning i alla tillagningskök", "Kostchef", D(2026, 2, 1), D(2026, 12, 31), "ongoing", 55,
         ("5.3.2",)),
    ]),
]

MILESTONES: list[tuple] = [
    (D(2026, 2, 15), "Budgetdialog med nämnderna inför 2027", "budget"),
    (D(2026, 4, 28), "Regionfullmäktige: årsredovisning 2025", "council"),
    (D(2026, 6, 16), "Regionfullmäktige: Mål och budget 2027–2029", "budget"),
    (D(2026, 9, 15), "Dialogmöten med privata utförare", "follow_up"),
    (D(2026, 10, 27), "Regionfullmäktige: delårsrapport jan–aug", "council"),
    (D(2026, 11, 10), "Medarbetarenkät", "staff"),
    (D(2025, 6, 17), "Regionfullmäktige: Mål och budget 2026–2028", "budget"),
]


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

    units, goals = ctx.units, ctx.goals
    for title, doc_type, case, owner, adopted_by, adopted_on, review, state, responsible, summary in DIRECTIVES:
        session.add(Directive(
            title=title, doc_type=DirectiveType(doc_type), case_number=case, owner_unit_id=units[owner].id,
            adopted_by_unit_id=units[adopted_by].id, adopted_on=adopted_on, valid_from=adopted_on,
            review_due=review, state=DirectiveState(state), responsible=responsible, summary=summary,
            body=f"{summary}\n\n1. Syfte\n\n2. Omfattning\n\n3. Ansvar\n\n4. Uppföljning",
        ))
    # An older, repealed version of the personnel policy, so that the history has something to show.
    session.flush()
    current = session.query(Directive).filter_by(title="Personalpolicy").one()
    old = Directive(title="Personalpolicy", doc_type=DirectiveType.POLICY, case_number="RS 2017/98",
                    owner_unit_id=units["RS"].id, adopted_by_unit_id=units["RF"].id, adopted_on=D(2017, 6, 19),
                    valid_from=D(2017, 7, 1), valid_to=D(2021, 12, 31), review_due=D(2021, 6, 30),
                    state=DirectiveState.REPEALED, responsible="Erik Holm, HR-direktör",
                    summary="Förhållningssätt som arbetsgivare.", body="Personalpolicy 2017.")
    session.add(old)
    session.flush()
    current.previous_version_id, current.version_no = old.id, 2
    for title, codes in (("Policy för styrning och ledning", ("1", "2", "3", "4", "5")),
                         ("Personalpolicy", ("4.1", "4.2", "4.3")), ("Miljöpolicy", ("5.3",)),
                         ("Program med mål och riktlinjer för utförare 2023–2026", ("1.3", "3.3"))):
        directive_id = session.query(Directive.id).filter_by(title=title, version_no=2 if title == "Personalpolicy"
                                                             else 1).scalar()
        session.execute(directive_goal.insert(), [{"directive_id": directive_id, "goal_id": goals[c].id}
                                                  for c in codes])

    order = Directive(
        title="Delegationsordning för omsorgsnämnden", doc_type=DirectiveType.DELEGATION_ORDER,
        case_number="ON 2025/12", owner_unit_id=units["ON"].id, adopted_by_unit_id=units["ON"].id,
        adopted_on=D(2025, 2, 19), valid_from=D(2025, 3, 1), review_due=D(2027, 2, 28),
        state=DirectiveState.ADOPTED, responsible="Maria Söder, nämndsekreterare",
        summary="Vilka beslut omsorgsnämnden delegerar, till vem och om de ska anmälas till nämnden.",
        body="Delegationsbeslut anmäls till nämnden vid nästa sammanträde (KL 6 kap. 40 §).")
    session.add(order)
    session.flush()
    by_number = {}
    for position, (chapter, number, matter, lagrum, delegate, deputy, limits, report) in enumerate(DELEGATION_ITEMS):
        item = DelegationItem(directive_id=order.id, chapter=CHAPTERS[chapter], number=number, matter=matter,
                              legal_reference=lagrum, delegate=delegate, deputy=deputy, limits=limits,
                              report_required=report, position=position)
        session.add(item)
        by_number[number] = item
    session.flush()
    for number, decided_on, decided_by, summary, case, reported in DELEGATION_DECISIONS:
        session.add(DelegationDecision(item_id=by_number[number].id, decided_on=decided_on, decided_by=decided_by,
                                       summary=summary, case_number=case, reported_on=reported))

    for unit_code, year, mission, activities in PLANS:
        unit = units[unit_code]
        plan = OperationalPlan(
            unit_id=unit.id, year=year, title=f"Verksamhetsplan {year} – {unit.name}", mission=mission,
            goals_text="Planen utgår från nämndens mål och de delmål som gäller verksamheten.",
            resources="Budgetram enligt nämndens internbudget; bemanning enligt bemanningsplan.",
            follow_up="Aktiviteterna följs upp varje tertial på arbetsplatsträff och i verksamhetsdialogen.",
            state=AdoptionState.ADOPTED if year < 2026 or unit_code != "GR01" else AdoptionState.DRAFT,
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
    for due_on, title, kind in MILESTONES:
        session.add(Milestone(title=title, due_on=due_on, kind=kind, unit_id=units["RF"].id))
    session.flush()


def _dialogue_meetings(session: Session, ctx: DemoContext) -> None:
    """Tillitsbaserad styrning: a dialogue meeting with the external hemtjänst provider about
    continuity, cited by the omsorgsnämnd's assessment of goal 3.1."""
    from app.models.followup import assessment_meeting, dialogue_meeting_goal

    meeting = DialogueMeeting(
        unit_id=ctx.units["HT04"].id, period_id=ctx.periods[str(YEARS[-1])].id, held_on=dt.date(2026, 1, 28),
        participants="Verksamhetschef Omsorgshuset, avtalsuppföljare, controller (Omsorgsförvaltningen)",
        learnings="Schemat läggs per brukare och ändras ofta vid sjukfrånvaro; då kommer nya personer. "
                  "Brukarna uppskattar bemötandet men saknar kontinuitet.",
        agreed_actions="Fasta arbetslag per område från mars. Ny avstämning av kontinuiteten efter T1.")
    session.add(meeting)
    session.flush()
    session.execute(dialogue_meeting_goal.insert(), [{"meeting_id": meeting.id, "goal_id": ctx.goals["3.1"].id},
                                                     {"meeting_id": meeting.id, "goal_id": ctx.goals["3.1.1"].id}])
    assessment = session.execute(sa.select(Assessment.id).where(
        Assessment.goal_id == ctx.goals["3.1"].id, Assessment.unit_id == ctx.units["ON"].id)).scalar_one()
    session.execute(assessment_meeting.insert(), [{"assessment_id": assessment, "meeting_id": meeting.id}])
