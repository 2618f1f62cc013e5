"""The year's cycle in the demo: a year of budget, utfall and prognos per nämnd, two financial
goals for god ekonomisk hushållning, the balanskravsutredning, five uppdrag, an
internkontrollplan with eight risks, the people's text of the delårsrapport and Agenda 2030 tags.
Generic over the demo's organisation (its fullmäktige, styrelse and nämnder), so every demo gets
it; the figures agree with each other (resultat 2025 ÷ skatter och bidrag = the financial goal's
utfall; nämndernas prognoser sum to the organisation's)."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import (
    AssignmentSource,
    AssignmentState,
    BalanceItem,
    Direction,
    Directive,
    DirectiveState,
    DirectiveType,
    FinanceKind,
    FinanceMeasure,
    FinancialFigure,
    Goal,
    GoalIndicator,
    GoalLevel,
    Indicator,
    OrgUnit,
    ReportSection,
    Result,
    Target,
    UnitKind,
    goal_sdg,
)
from app.services.annual import assignments, internal_control
from app.services.annual.finances import set_balance_entry
from app.services.annual.report_content import FINANCIAL_SETTING, PERSONNEL_SETTING, set_report_text
from app.services.followup.periods import ensure_period
from app.services.platform.settings import set_setting

D = dt.date
# Skatteintäkter, generella statsbidrag och utjämning 2025 (mnkr) and årets resultat: 2,0 %.
TAXES_AND_GRANTS_2025 = 9120.0
RESULT_2025 = 182.4
# Nettokostnad per nämnd in tkr: (budget 2026, utfall jan–apr, utfall jan–aug, prognos T1, prognos T2,
# budget 2025, utfall 2025, utfall jan–aug 2025). The styrelse first, then the nämnder in order.
BUDGETS = [
    (620_000, 198_400, 405_300, 615_000, 610_000, 598_000, 589_900, 391_200),
    (6_850_000, 2_301_000, 4_655_500, 6_905_000, 6_920_000, 6_640_000, 6_702_300, 4_520_100),
    (980_000, 321_700, 648_200, 978_000, 975_000, 951_000, 946_400, 630_800),
    (1_240_000, 409_900, 820_100, 1_238_000, 1_235_000, 1_198_000, 1_203_600, 801_500),
]
INVESTMENTS = (410_000, 96_300, 214_800, 395_000, 372_000, 388_000, 351_200, 201_900)
FINANCIAL_GOALS = [
    # code, name, target, range, values 2022, 2023, 2024, 2025
    ("EKR", "Resultat i procent av skatter och bidrag (%)", 2.0, (-20.0, 20.0), (2.9, 1.4, 2.3, 2.0)),
    ("EKS", "Självfinansieringsgrad av investeringar (%)", 100.0, (0.0, 300.0), (112.0, 88.0, 104.0, 101.5)),
]
SDG_WORDS = [("hälsa", 3), ("vård", 3), ("utbildning", 4), ("skola", 4), ("kunskap", 4), ("jämlik", 10),
             ("jämställ", 5), ("utsläpp", 13), ("klimat", 13), ("arbetsgivare", 8),
             ("heltid", 8), ("sjukfrånvaro", 8), ("trafik", 11)]


def build_annual_demo(session: Session) -> None:
    units = list(session.scalars(sa.select(OrgUnit).order_by(OrgUnit.position, OrgUnit.id)))
    council = next((u for u in units if u.kind == UnitKind.COUNCIL), None)
    board = next((u for u in units if u.kind == UnitKind.EXECUTIVE_BOARD), None)
    committees = [u for u in units if u.kind == UnitKind.COMMITTEE]
    if council is None or board is None or not committees:
        return
    for code in ("2025", "2025T2", "2026", "2026T1", "2026T2"):
        ensure_period(session, code)
    session.flush()
    _finances(session, [board, *committees])
    _financial_goals(session, council)
    _balance(session)
    _assignments(session, council, board, committees)
    _internal_control(session, committees[-1])
    _texts(session, committees)
    _sdgs(session)
    _gender_split(session)
    personnel = [c for c in ("PE01", "PE05", "PE06")
                 if session.scalar(sa.select(Indicator.id).where(Indicator.code == c))]
    set_setting(session, PERSONNEL_SETTING, ",".join(personnel))
    set_setting(session, FINANCIAL_SETTING, ",".join(code for code, *_ in FINANCIAL_GOALS))


def _finances(session: Session, bodies: list[OrgUnit]) -> None:
    periods = {code: ensure_period(session, code).id for code in ("2025", "2025T2", "2026", "2026T1", "2026T2")}

    def put(unit: OrgUnit, code: str, measure: FinanceMeasure, amount: float, kind=FinanceKind.OPERATING) -> None:
        session.add(FinancialFigure(unit_id=unit.id, period_id=periods[code], kind=kind, measure=measure,
                                    amount=float(amount)))

    for index, unit in enumerate(bodies):
        b26, u1, u2, p1, p2, b25, u25, u25t2 = BUDGETS[index % len(BUDGETS)]
        if index >= len(BUDGETS):  # a demo with more nämnder: smaller ones, same shape
            b26, u1, u2, p1, p2, b25, u25, u25t2 = (round(v / (index + 1)) for v in BUDGETS[2])
        put(unit, "2026", FinanceMeasure.BUDGET, b26)
        put(unit, "2026T1", FinanceMeasure.OUTCOME, u1)
        put(unit, "2026T2", FinanceMeasure.OUTCOME, u2)
        put(unit, "2026T1", FinanceMeasure.FORECAST, p1)
        put(unit, "2026T2", FinanceMeasure.FORECAST, p2)
        put(unit, "2025", FinanceMeasure.BUDGET, b25)
        put(unit, "2025", FinanceMeasure.OUTCOME, u25)
        put(unit, "2025T2", FinanceMeasure.OUTCOME, u25t2)
    board = bodies[0]
    b26, u1, u2, p1, p2, b25, u25, u25t2 = INVESTMENTS
    for code, measure, amount in (("2026", FinanceMeasure.BUDGET, b26), ("2026T1", FinanceMeasure.OUTCOME, u1),
                                  ("2026T2", FinanceMeasure.OUTCOME, u2), ("2026T1", FinanceMeasure.FORECAST, p1),
                                  ("2026T2", FinanceMeasure.FORECAST, p2), ("2025", FinanceMeasure.BUDGET, b25),
                                  ("2025", FinanceMeasure.OUTCOME, u25), ("2025T2", FinanceMeasure.OUTCOME, u25t2)):
        put(board, code, measure, amount, FinanceKind.INVESTMENT)
    session.flush()


def _financial_goals(session: Session, council: OrgUnit) -> None:
    goal = session.scalar(sa.select(Goal).where(Goal.title.ilike("%ekonomi%"), Goal.level == GoalLevel.GOAL))
    for code, name, target, (low, high), values in FINANCIAL_GOALS:
        indicator = Indicator(code=code, name=name, unit_of_measure="%", direction=Direction.HIGHER_BETTER,
                              decimals=1, min_value=low, max_value=high, source="Årsredovisningen (resultaträkning, kassaflödesanalys)",
                              description="Finansiellt mål för god ekonomisk hushållning (KL 11 kap. 1 §).")
        session.add(indicator)
        session.flush()
        if goal is not None:
            position = (session.scalar(sa.select(sa.func.max(GoalIndicator.position))
                                       .where(GoalIndicator.goal_id == goal.id)) or 0) + 1
            session.add(GoalIndicator(goal_id=goal.id, indicator_id=indicator.id, position=position))
        for year, value in zip((2022, 2023, 2024, 2025), values, strict=True):
            period = ensure_period(session, str(year))
            session.add(Target(indicator_id=indicator.id, unit_id=None, period_id=period.id, value=target))
            session.add(Result(indicator_id=indicator.id, unit_id=council.id, period_id=period.id, value=value))
        session.add(Target(indicator_id=indicator.id, unit_id=None, period_id=ensure_period(session, "2026").id,
                           value=target))
    session.flush()


def _balance(session: Session) -> None:
    assert round(100 * RESULT_2025 / TAXES_AND_GRANTS_2025, 1) == FINANCIAL_GOALS[0][4][3]
    for item, amount in ((BalanceItem.RESULT, RESULT_2025), (BalanceItem.REALISED_GAINS, 6.1),
                         (BalanceItem.UNREALISED_LOSSES, 1.2), (BalanceItem.TO_RESERVE, 40.0)):
        set_balance_entry(session, 2025, item, amount)


ASSIGNMENTS = [
    ("U2026-01", "Ta fram en plan för heltid som norm", 1, D(2026, 6, 30), AssignmentState.IN_PROGRESS,
     "Planen är försenad: kartläggningen av önskad sysselsättningsgrad blev klar först i augusti."),
    ("U2026-02", "Utreda samlokalisering av vårdcentraler i norra länsdelen", 1, D(2026, 12, 31),
     AssignmentState.IN_PROGRESS, "Utredningen pågår; förslag till nämnden i november."),
    ("U2026-03", "Införa digitala möten i hemtjänsten", -1, D(2026, 10, 31), AssignmentState.DONE,
     "Infört i alla hemtjänstområden från 1 maj."),
    ("U2026-04", "Redovisa kostnaderna för inhyrd personal per verksamhet", 0, D(2026, 4, 30),
     AssignmentState.DONE, "Redovisat för styrelsen 2026-04-22."),
    ("U2026-05", "Ta fram en handlingsplan för minskade utsläpp från tjänsteresor", 0, D(2027, 3, 31),
     AssignmentState.NOT_STARTED, "Påbörjas efter att resepolicyn reviderats."),
]


def _assignments(session: Session, council: OrgUnit, board: OrgUnit, committees: list[OrgUnit]) -> None:
    bodies = [board, *committees]
    for code, title, who, due, state, comment in ASSIGNMENTS:
        assignee = bodies[who] if who >= 0 else committees[-1]
        assignment_id = assignments.create_assignment(session, {
            "code": code, "title": title, "assignee_id": assignee.id, "given_by_id": council.id,
            "source": AssignmentSource.BUDGET, "decided_on": D(2025, 6, 17), "due_on": due,
            "decision_reference": "Mål och budget 2026–2028, fullmäktige 2025-06-17 § 85"})
        assignments.report_assignment(session, assignment_id, "2026T1",
                                      AssignmentState.IN_PROGRESS if state != AssignmentState.NOT_STARTED
                                      else state, "Arbetet har startat." if state != AssignmentState.NOT_STARTED
                                      else "")
        assignments.report_assignment(session, assignment_id, "2026T2", state, comment)


RISKS = [
    ("Felaktiga utbetalningar av ersättning till utförare", 2, 4, "Stickprov på utbetalningar", "Controller",
     "20 stickprov mot beslut och avtal", "Tertial", (False, False)),
    ("Delegationsbeslut anmäls inte till nämnden", 3, 2, "Avstämning av beslutslistor", "Nämndsekreterare",
     "Jämför beslut i verksamhetssystemet med anmälningslistorna", "Tertial", (False, True)),
    ("Brister i dokumentation av genomförandeplaner", 3, 3, "Granskning av genomförandeplaner", "Enhetschef",
     "10 slumpvis valda brukare per enhet", "Halvår", (True, True)),
    ("Otillräcklig kompetens vid läkemedelshantering", 2, 4, "Kontroll av delegeringar", "MAS",
     "Gällande delegeringar mot personallistor", "Halvår", (False, False)),
    ("Avvikelser rapporteras inte", 3, 3, "Analys av avvikelsestatistik", "Kvalitetsstrateg",
     "Antal avvikelser per enhet jämfört med föregående år", "Tertial", (False, False)),
    ("Brister i informationssäkerhet och behörigheter", 2, 3, "Behörighetsgenomgång", "Systemförvaltare",
     "Aktiva konton mot anställningsregistret", "Årligen", (None, False)),
    ("Inköp utanför avtal", 3, 2, "Granskning av leverantörsfakturor", "Ekonom",
     "Fakturor över 100 000 kr utan avtalsnummer", "Tertial", (False, False)),
    ("Hög sjukfrånvaro ger brister i bemanning", 3, 3, "Uppföljning av bemanning och sjukfrånvaro", "HR-strateg",
     "Månadsvis statistik per enhet", "Månadsvis", (False, False)),
]


def _internal_control(session: Session, committee: OrgUnit) -> None:
    directive = Directive(doc_type=DirectiveType.PLAN, title=f"Internkontrollplan 2026 – {committee.name}",
                          case_number=f"{committee.code} 2025/310", owner_unit_id=committee.id,
                          adopted_by_unit_id=committee.id, adopted_on=D(2025, 12, 10), valid_from=D(2026, 1, 1),
                          valid_to=D(2026, 12, 31), state=DirectiveState.DRAFT,
                          summary="Risker, kontrollmoment och uppföljning av den interna kontrollen 2026.")
    session.add(directive)
    session.flush()
    plan_id = internal_control.create_plan(session, committee.id, 2026)
    from app.models import InternalControlPlan

    session.get(InternalControlPlan, plan_id).directive_id = directive.id
    for title, likelihood, consequence, control, owner, method, frequency, outcomes in RISKS:
        risk_id = internal_control.add_risk(session, plan_id, title, likelihood, consequence)
        control_id = internal_control.add_control(session, risk_id, control, owner, method, frequency)
        for period, deviation in zip(("2026T1", "2026T2"), outcomes, strict=True):
            if deviation is None:
                continue
            internal_control.record_result(
                session, control_id, period, deviation,
                "3 av 10 genomförandeplaner saknade aktuell uppföljning." if deviation and "plan" in title
                else "Två beslut från juni saknades på anmälningslistan." if deviation else "",
                "Utbildning för enhetscheferna i september; ny kontroll i december." if deviation and "plan" in title
                else "Rutinen för anmälan förtydligad." if deviation else "")
    directive.state = DirectiveState.ADOPTED
    session.flush()


def _texts(session: Session, committees: list[OrgUnit]) -> None:
    texts = {
        ReportSection.SUMMARY: "Verksamheten har under årets första åtta månader i huvudsak bedrivits enligt plan. "
        "Prognosen för helåret är ett resultat på 1,6 procent av skatter och bidrag, lägre än målet på "
        "2,0 procent, främst till följd av högre kostnader för hälso- och sjukvård.",
        ReportSection.EVENTS: "Den nya socialtjänstlagen trädde i kraft den 1 juli 2025 och har krävt nya "
        "rutiner. Två vårdcentraler i norra länsdelen har bytt utförare efter vårdval.",
        ReportSection.ECONOMY: "Hälso- och sjukvårdsnämnden prognostiserar ett underskott mot budget, som delvis "
        "vägs upp av överskott i styrelsen och övriga nämnder.",
        ReportSection.PERSONNEL: "Sjukfrånvaron har minskat något jämfört med samma period i fjol men är "
        "fortfarande högre bland kvinnor än bland män.",
        ReportSection.FUTURE: "Demografin ökar behoven inom vård och omsorg snabbare än skatteunderlaget. "
        "Effektiviseringar och heltid som norm är avgörande för god ekonomisk hushållning.",
    }
    for section, text in texts.items():
        set_report_text(session, None, "2026T2", section, text)
    first = committees[0]
    set_report_text(session, first.id, "2026T2", ReportSection.SUMMARY,
                    f"{first.name} bedömer att flertalet mål nås vid årets slut, men att budgeten inte håller.")
    set_report_text(session, first.id, "2026T2", ReportSection.ECONOMY,
                    "Underskottet beror på inhyrd personal och högre kostnader för köpt vård.")


def _sdgs(session: Session) -> None:
    for goal in session.scalars(sa.select(Goal).where(Goal.level.in_((GoalLevel.GOAL_AREA, GoalLevel.GOAL)))):
        found = {sdg for word, sdg in SDG_WORDS if word in goal.title.casefold()}
        for sdg in sorted(found):
            session.execute(goal_sdg.insert().values(goal_id=goal.id, sdg=sdg))


# Results by kön for the staff indicators. About four in five employees are women, so
# totalt = 0,8 × kvinnor + 0,2 × män holds: sick leave is higher among women, heltid lower.
# Only for 2024 on: the years the demo's personnel system reports by kön.
GENDER_FACTORS = {"PE01": (1.05, 0.80), "PE05": (0.97, 1.12), "PE06": (0.97, 1.12)}


def _gender_split(session: Session) -> None:
    from app.models import Gender, Period

    for code, (women, men) in GENDER_FACTORS.items():
        indicator = session.scalar(sa.select(Indicator).where(Indicator.code == code))
        if indicator is None:
            continue
        query = sa.select(Result).join(Period).where(Result.indicator_id == indicator.id,
                                                     Result.gender == Gender.TOTAL, Result.value.is_not(None),
                                                     Period.year >= 2024)
        for result in list(session.scalars(query)):
            for gender, factor in ((Gender.WOMEN, women), (Gender.MEN, men)):
                session.add(Result(indicator_id=indicator.id, unit_id=result.unit_id, period_id=result.period_id,
                                   gender=gender, value=round(result.value * factor, indicator.decimals)))
    session.flush()
