"""Exempelkommunen: the kommun demo's data. A kommun runs skola (kommunala and fristående
skolor), äldreomsorg (egen regi and LOV providers) and individ- och familjeomsorg, and owns a
bostadsbolag. Indicators shared with the region demo are taken from it with the kommun's own
goal links. Deterministic."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from app.models import Direction, GoalLevel, Horizon, ProviderType, UnitKind
from app.services.demo import region
from app.services.demo.spec import DelegationOrder, DemoIndicator, DemoMeeting, DemoSpec

DEMO_NAME = "Exempelkommunen"
D = dt.date
IN, EXT, NP = ProviderType.IN_HOUSE, ProviderType.EXTERNAL, ProviderType.NON_PROFIT
FS = ProviderType.INDEPENDENT_SCHOOL
H, L = Direction.HIGHER_BETTER, Direction.LOWER_BETTER

ORGANISATION: list[tuple] = [
    ("KF", "Kommunfullmäktige", UnitKind.COUNCIL, None, {}),
    ("KS", "Kommunstyrelsen", UnitKind.EXECUTIVE_BOARD, "KF", {}),
    ("BUN", "Barn- och utbildningsnämnden", UnitKind.COMMITTEE, "KF", {}),
    ("VON", "Vård- och omsorgsnämnden", UnitKind.COMMITTEE, "KF", {}),
    ("SN", "Socialnämnden", UnitKind.COMMITTEE, "KF", {}),
    ("KLK", "Kommunledningskontoret", UnitKind.ADMINISTRATION, "KS", {}),
    ("BUF", "Barn- och utbildningsförvaltningen", UnitKind.ADMINISTRATION, "BUN", {}),
    ("VOF", "Vård- och omsorgsförvaltningen", UnitKind.ADMINISTRATION, "VON", {}),
    ("SF", "Socialförvaltningen", UnitKind.ADMINISTRATION, "SN", {}),
    ("BOST", "Exempelkommunens Bostäder AB", UnitKind.COMPANY, "KS",
     {"provider_name": "Exempelkommunens Bostäder AB", "org_number": "556432-1007",
      "description": "Helägt bostadsbolag; kommunstyrelsen har uppsikt (KL 6 kap. 1 §)."}),
    ("GR", "Grundskola", UnitKind.SERVICE_AREA, "BUF", {"service_area": "Grundskola"}),
    ("HT", "Hemtjänst", UnitKind.SERVICE_AREA, "VOF", {"service_area": "Hemtjänst"}),
    ("SÄBO", "Särskilt boende", UnitKind.SERVICE_AREA, "VOF", {"service_area": "Särskilt boende"}),
    ("IFO", "Individ- och familjeomsorg", UnitKind.SERVICE_AREA, "SF", {"service_area": "Individ- och familjeomsorg"}),
]

# (code, name, area, provider type, provider name, org number, kolada id). Fristående skolor are
# approved by Skolinspektionen (no avtal); hemtjänst has LOV providers; one säbo is upphandlat.
PROVIDERS: list[tuple] = [
    ("GR01", "Norrbyskolan", "GR", IN, DEMO_NAME, None, None),
    ("GR02", "Söderbyskolan", "GR", IN, DEMO_NAME, None, None),
    ("GR03", "Ekdalsskolan", "GR", IN, DEMO_NAME, None, None),
    ("GR04", "Friskolan Kunskapsvägen", "GR", FS, "Kunskapsvägen Skolor AB", "556123-4567", None),
    ("GR05", "Montessoriskolan Lärkan", "GR", FS, "Föreningen Montessori Lärkan", "802456-7896", None),
    ("HT01", "Hemtjänst Centrum", "HT", IN, DEMO_NAME, None, None),
    ("HT02", "Hemtjänst Landsbygd", "HT", IN, DEMO_NAME, None, None),
    ("HT03", "Omsorgshuset Hemtjänst", "HT", EXT, "Omsorgshuset AB", "559234-5671", None),
    ("HT04", "Hemtjänst Gemenskap", "HT", NP, "Föreningen Gemenskap i hemmet", "802012-3454", None),
    ("SB01", "Lindgården", "SÄBO", IN, DEMO_NAME, None, None),
    ("SB02", "Solbacken", "SÄBO", IN, DEMO_NAME, None, None),
    ("SB03", "Ängsro vård- och omsorgsboende", "SÄBO", EXT, "Ängsro Omsorg AB", "556345-6788", None),
    ("IF01", "Barn och unga", "IFO", IN, DEMO_NAME, None, None),
    ("IF02", "Vuxen och försörjningsstöd", "IFO", IN, DEMO_NAME, None, None),
    ("IF03", "Familjebehandling", "IFO", IN, DEMO_NAME, None, None),
]

GOALS: list[tuple] = [
    ("V", "Exempelkommunen – en trygg kommun där alla kan växa", GoalLevel.VISION, "KF", Horizon.LONG,
     "Visionen antagen av kommunfullmäktige och vägledande till 2035."),
    ("1", "Kunskap och lärande", GoalLevel.GOAL_AREA, "KF", Horizon.LONG,
     "Alla barn och unga ska nå kunskapsmålen och rustas för framtiden."),
    ("1.1", "Fler elever når betygskriterierna", GoalLevel.GOAL, "BUN", Horizon.LONG, ""),
    ("1.1.1", "Alla elever i åk 9 är behöriga till gymnasiet", GoalLevel.SUB_GOAL, "GR", Horizon.SHORT, ""),
    ("1.1.2", "Meritvärdet ökar i alla skolor", GoalLevel.SUB_GOAL, "GR", Horizon.SHORT, ""),
    ("1.2", "Eleverna känner sig trygga i skolan", GoalLevel.GOAL, "BUN", Horizon.SHORT, ""),
    ("1.3", "Legitimerade lärare i alla klassrum", GoalLevel.GOAL, "BUN", Horizon.LONG, ""),
    ("2", "Trygg och värdig äldreomsorg", GoalLevel.GOAL_AREA, "KF", Horizon.LONG,
     "Äldre ska kunna leva ett självständigt liv med trygghet och inflytande."),
    ("2.1", "Brukarna är nöjda med hemtjänsten", GoalLevel.GOAL, "VON", Horizon.SHORT, ""),
    ("2.1.1", "Högre personalkontinuitet i hemtjänsten", GoalLevel.SUB_GOAL, "HT", Horizon.SHORT,
     "Kontinuitet: färre olika personal kommer till varje brukare."),
    ("2.2", "Trygghet och inflytande i särskilt boende", GoalLevel.GOAL, "VON", Horizon.SHORT, ""),
    ("2.2.1", "Kortare väntetid till särskilt boende", GoalLevel.SUB_GOAL, "SÄBO", Horizon.SHORT, ""),
    ("2.3", "Lika villkor för egen regi och privata utförare", GoalLevel.GOAL, "VON", Horizon.LONG,
     "Program för utförare: samma krav och samma uppföljning oavsett regi."),
    ("3", "Stöd i rätt tid", GoalLevel.GOAL_AREA, "KF", Horizon.LONG,
     "Barn, unga och vuxna i utsatta situationer får stöd tidigt och blir självförsörjande."),
    ("3.1", "Barn och unga får skydd och stöd i tid", GoalLevel.GOAL, "SN", Horizon.SHORT, ""),
    ("3.2", "Fler går från försörjningsstöd till egen försörjning", GoalLevel.GOAL, "SN", Horizon.LONG, ""),
    ("4", "Attraktiv arbetsgivare", GoalLevel.GOAL_AREA, "KS", Horizon.LONG,
     "Medarbetarna har goda arbetsvillkor, inflytande och möjlighet att utvecklas."),
    ("4.1", "Sjukfrånvaron minskar", GoalLevel.GOAL, "KS", Horizon.SHORT, ""),
    ("4.2", "Medarbetarna rekommenderar sin arbetsplats", GoalLevel.GOAL, "KS", Horizon.SHORT, ""),
    ("4.3", "Heltid som norm", GoalLevel.GOAL, "KS", Horizon.LONG, ""),
    ("5", "Hållbar ekonomi", GoalLevel.GOAL_AREA, "KF", Horizon.LONG, "God ekonomisk hushållning."),
    ("5.1", "Ekonomi i balans", GoalLevel.GOAL, "KS", Horizon.SHORT, ""),
    ("5.2", "Kostnadseffektiva verksamheter", GoalLevel.GOAL, "KS", Horizon.LONG, ""),
]

_SHARED = {i.code: i for i in region.INDICATORS}
# The region's indicators with the kommun's goal links (each at one level only: once per subtree).
_LINKS = {
    "UB01": ("1.1",), "UB02": ("1.1.1",), "UB03": ("1.1.2",), "UB04": ("1.3",), "UB05": ("1.2",),
    "UB09": ("1.2",), "UB08": ("5.2",),
    "OM01": ("2.1",), "OM02": ("2.1.1",), "OM03": ("2.1",), "OM04": ("2.2",), "OM05": ("2.2.1",),
    "OM06": ("2.2",), "OM07": ("2.2",), "OM08": ("2.3",), "OM09": ("2.3",), "EK03": ("5.2",),
    "PE01": ("4.1",), "PE02": ("4.1",), "PE03": ("4.2",), "PE04": ("4.2",), "PE05": ("4.3",),
    "EK01": ("5.1",), "EK02": ("5.1",),
}
INDICATORS: list[DemoIndicator] = [replace(_SHARED[code], goals=goals) for code, goals in _LINKS.items()] + [
    DemoIndicator("IF01", "Barnavårdsutredningar avslutade inom fyra månader, andel (%)", "%", H, 1, 0, 100,
                  71, 8, 2.0, 85, 8, ("3.1",), "IFO", tertial=True),
    DemoIndicator("IF02", "Ungdomar 13–20 år som inte återaktualiserats ett år efter avslutad insats, andel (%)",
                  "%", H, 1, 0, 100, 74, 6, 1.0, 80, 5, ("3.1",), "IFO"),
    DemoIndicator("IF03", "Vuxna som lämnat ekonomiskt bistånd för arbete eller studier, andel (%)", "%", H, 1,
                  0, 100, 38, 7, 1.5, 45, 6, ("3.2",), "IFO", tertial=True),
    DemoIndicator("IF04", "Väntetid till första bistånd, medelvärde (dagar)", "dagar", L, 0, 0, 120,
                  19, 4, -1, 14, 4, ("3.2",), "IFO"),
]

ANALYSES = {
    ("1.1", "BUN"): (
        "Meritvärdet och behörigheten till gymnasiet ökar svagt men ligger under målen. Resultaten skiljer "
        "sig mer mellan skolor än mellan kommunala och fristående skolor.",
        "Kollegialt lärande mellan skolorna; riktade insatser i svenska som andraspråk."),
    ("2.1", "VON"): (
        "Brukarna är i huvudsak nöjda med bemötandet. Personalkontinuiteten är den största utmaningen: "
        "i flera hemtjänstgrupper möter brukarna många olika personal på två veckor.",
        "Mindre arbetslag per område. Dialogmöten med LOV-utförarna om schemaläggning."),
    ("3.1", "SN"): (
        "Fler utredningar blir klara inom fyra månader sedan handläggarbemanningen blev stabil, men målet "
        "på 85 procent nås ännu inte.",
        "Gemensam introduktion för nya socialsekreterare; uppföljning av utredningstider varje tertial."),
    ("4.1", "KS"): (
        "Sjukfrånvaron har ökat något och ligger över målet i alla förvaltningar, korttidsfrånvaron också.",
        "Tidiga rehabiliteringsinsatser och chefsstöd i arbetsmiljöarbetet."),
}

DIRECTIVES: list[tuple] = [
    ("Policy för styrning och ledning", "policy", "KS 2022/311", "KS", "KF", D(2023, 2, 27), D(2027, 2, 28),
     "adopted", "Anna Lindqvist, kommundirektör",
     "Kommunens styr- och ledningssystem: mål- och resultatstyrning med tillit till professionen."),
    ("Personalpolicy", "policy", "KS 2021/145", "KS", "KF", D(2021, 11, 22), D(2026, 6, 30), "adopted",
     "Erik Holm, HR-chef", "Förhållningssätt som arbetsgivare: ledarskap, medarbetarskap, arbetsmiljö."),
    ("Ägardirektiv för Exempelkommunens Bostäder AB", "policy", "KS 2024/150", "KS", "KF", D(2024, 6, 17),
     D(2027, 6, 30), "adopted", "Anna Lindqvist, kommundirektör",
     "Bolagets uppdrag, ekonomiska mål och rapportering till kommunstyrelsen."),
    ("Reglemente för barn- och utbildningsnämnden", "rules_of_procedure", "KS 2022/503", "BUN", "KF",
     D(2022, 12, 12), D(2026, 12, 31), "adopted", "Maria Söder, kanslichef",
     "Nämndens ansvar för förskola och grundskola."),
    ("Reglemente för vård- och omsorgsnämnden", "rules_of_procedure", "KS 2022/504", "VON", "KF",
     D(2022, 12, 12), D(2026, 12, 31), "adopted", "Maria Söder, kanslichef",
     "Nämndens ansvar för vård och omsorg om äldre."),
    ("Reglemente för socialnämnden", "rules_of_procedure", "KS 2022/505", "SN", "KF", D(2022, 12, 12),
     D(2026, 12, 31), "adopted", "Maria Söder, kanslichef", "Nämndens ansvar för individ- och familjeomsorg."),
    ("Riktlinjer för uppföljning av utförare", "guideline", "KS 2024/230", "KS", "KS", D(2024, 9, 2),
     D(2027, 6, 30), "adopted", "Lena Berg, controller",
     "Hur egen regi och privata utförare följs upp på lika villkor; fristående skolor jämförs i uppföljningen."),
    ("Riktlinjer för biståndsbedömning inom äldreomsorgen", "guideline", "VON 2023/57", "VON", "VON",
     D(2023, 5, 24), D(2026, 10, 31), "adopted", "Karin Olsson, avdelningschef",
     "Handläggning av ansökningar om hemtjänst och särskilt boende enligt socialtjänstlagen."),
    ("Program med mål och riktlinjer för utförare 2023–2026", "programme", "KS 2023/77", "KS", "KF",
     D(2023, 3, 27), D(2027, 3, 31), "adopted", "Lena Berg, controller",
     "Kommunallagen 5 kap. 3 §: mål och riktlinjer för egen regi, privata utförare och kommunala bolag."),
]

_ITEMS = list(region.DELEGATION_ITEMS)  # äldreomsorg under socialtjänstlagen: the same order
_DECISIONS = [(number, day, by, summary.replace("Omsorgshuset", "Hemtjänst Gemenskap"), case.replace("ON", "VON"),
               reported) for number, day, by, summary, case, reported in region.DELEGATION_DECISIONS]

PLANS: list[tuple] = [
    ("GR01", 2026, "Norrbyskolan F–9 med 540 elever.", [
        ("Språkutvecklande arbetssätt i alla ämnen", "Rektor", D(2026, 1, 8), D(2026, 12, 18), "ongoing", 50,
         ("1.1", "1.1.2")),
        ("Trygghetsvandringar med elevrådet", "Biträdande rektor", D(2026, 2, 1), D(2026, 5, 31), "done", 100,
         ("1.2",)),
    ]),
    ("HT01", 2026, "Hemtjänst Centrum ger stöd till 320 brukare.", [
        ("Schemaläggning med kontinuitet som första prioritet", "Enhetschef", D(2026, 1, 10), D(2026, 9, 30),
         "done", 100, ("2.1", "2.1.1")),
        ("Heltidsresan: önskad sysselsättningsgrad", "Enhetschef", D(2026, 3, 1), D(2026, 12, 31), "ongoing", 35,
         ("4.3",)),
    ]),
]

MILESTONES: list[tuple] = [
    (D(2026, 2, 15), "Budgetdialog med nämnderna inför 2027", "budget"),
    (D(2026, 4, 27), "Kommunfullmäktige: årsredovisning 2025", "council"),
    (D(2026, 6, 15), "Kommunfullmäktige: Mål och budget 2027–2029", "budget"),
    (D(2026, 9, 13), "Allmänna val till kommunfullmäktige", "election"),
    (D(2026, 10, 15), "Nyvalda kommunfullmäktige tillträder", "council"),
    (D(2026, 10, 26), "Kommunfullmäktige: delårsrapport jan–aug", "council"),
    (D(2026, 11, 23), "Nyvalda kommunfullmäktige: reviderad budget 2027", "budget"),
    (D(2026, 12, 14), "Nyvalda kommunfullmäktige: program med mål och riktlinjer för utförare 2027–2030",
     "council"),
]

KOMMUN = DemoSpec(
    name=DEMO_NAME, kind="kommun", organisation=ORGANISATION, providers=PROVIDERS, goals=GOALS,
    indicators=INDICATORS, analyses=ANALYSES, admin_units=("KLK", "BUF", "VOF", "SF"), council="KF",
    directives=DIRECTIVES,
    goal_links=[("Policy för styrning och ledning", ("1", "2", "3", "4", "5")),
                ("Personalpolicy", ("4.1", "4.2", "4.3")),
                ("Program med mål och riktlinjer för utförare 2023–2026", ("2.3",))],
    delegation=DelegationOrder(
        title="Delegationsordning för vård- och omsorgsnämnden", case_number="VON 2025/12", owner="VON",
        adopted_on=D(2025, 8, 20), valid_from=D(2025, 9, 1), review_due=D(2027, 8, 31),
        responsible="Maria Söder, nämndsekreterare",
        summary="Vilka beslut vård- och omsorgsnämnden delegerar, till vem och hur besluten anmäls.",
        body="Alla delegationsbeslut anmäls till nämnden (KL 6 kap. 40 §): var för sig, eller som förteckning "
             "ur verksamhetssystemet där det anges. Verkställighet är inte delegation och anmäls inte.",
        chapters=region.CHAPTERS, items=_ITEMS, decisions=_DECISIONS),
    plans=PLANS, milestones=MILESTONES,
    meetings=[DemoMeeting(
        unit="HT03", held_on=D(2026, 1, 28),
        participants="Verksamhetschef Omsorgshuset, avtalsuppföljare, controller (Vård- och omsorgsförvaltningen)",
        learnings="Schemat läggs per brukare och ändras ofta vid sjukfrånvaro; då kommer nya personer.",
        agreed_actions="Fasta arbetslag per område från mars. Ny avstämning av kontinuiteten efter T1.",
        goals=("2.1", "2.1.1"), cited_by=("2.1", "VON"))],
    draft_plan_unit="GR01",
)
