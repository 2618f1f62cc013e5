"""Exempelregionen: the region demo's data (organisation, goals, indicators, documents). The
builder (`app.services.demo.builder`) turns it into a database. Deterministic."""

from __future__ import annotations

import datetime as dt

from app.models import Direction, GoalLevel, Horizon, ProviderType, ToleranceKind, UnitKind
from app.models.enums import Aggregation, ReportingMode
from app.services.demo.spec import DelegationOrder, DemoIndicator, DemoMeeting, DemoSpec

DEMO_NAME = "Exempelregionen"
D = dt.date

IN, EXT, NP = ProviderType.IN_HOUSE, ProviderType.EXTERNAL, ProviderType.NON_PROFIT
# Fristående skolor: approved by Skolinspektionen, paid grundbelopp; no avtal.
FS = ProviderType.INDEPENDENT_SCHOOL

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
    # What a region runs beside hälso- och sjukvård: tandvård and kollektivtrafik (with its bolag).
    ("KTN", "Kollektivtrafiknämnden", UnitKind.COMMITTEE, "RF", {}),
    ("KTF", "Kollektivtrafikförvaltningen", UnitKind.ADMINISTRATION, "KTN", {}),
    ("KT", "Kollektivtrafik", UnitKind.SERVICE_AREA, "KTF", {"service_area": "Kollektivtrafik"}),
    ("TV", "Tandvård", UnitKind.SERVICE_AREA, "HSF", {"service_area": "Tandvård"}),
    ("EXTR", "Exempeltrafik AB", UnitKind.COMPANY, "RS",
     {"provider_name": "Exempeltrafik AB", "org_number": "556789-0123",
      "description": "Regionens helägda trafikbolag; regionstyrelsen har uppsikt (KL 6 kap. 1 §)."}),
]

# (code, name, parent service area code, provider type, provider name, org number, kolada ou id)
PROVIDERS: list[tuple[str, str, str, ProviderType, str, str | None, str | None]] = [
    ("PV01", "Vårdcentralen Norrby", "PV", IN, DEMO_NAME, None, None),
    ("PV02", "Vårdcentralen Söderby", "PV", IN, DEMO_NAME, None, None),
    ("PV03", "Vårdcentralen Ekdalen", "PV", IN, DEMO_NAME, None, None),
    ("PV04", "Vårdcentralen Kvarnbacken", "PV", IN, DEMO_NAME, None, None),
    ("PV05", "Vårdcentralen Älvsbacka", "PV", IN, DEMO_NAME, None, None),
    ("PV06", "Strandstadens Vårdcentral", "PV", EXT, "Strandstaden Hälsa AB", "559012-3450", None),
    ("PV07", "Läkarhuset Torget", "PV", EXT, "Läkarhuset Torget AB", "556677-8899", None),
    ("SV01", "Akutmottagningen Centrallasarettet", "SV", IN, DEMO_NAME, None, None),
    ("SV02", "Medicinkliniken Centrallasarettet", "SV", IN, DEMO_NAME, None, None),
    ("GR01", "Norrbyskolan", "GR", IN, DEMO_NAME, None, "V15E999900101"),
    ("GR02", "Söderbyskolan", "GR", IN, DEMO_NAME, None, "V15E999900102"),
    ("GR03", "Ekdalsskolan", "GR", IN, DEMO_NAME, None, "V15E999900103"),
    ("GR04", "Friskolan Kunskapsvägen", "GR", FS, "Kunskapsvägen Skolor AB", "556123-4567", "V15E999900201"),
    ("GR05", "Montessoriskolan Lärkan", "GR", FS, "Föreningen Montessori Lärkan", "802456-7896",
     "V15E999900202"),
    ("GY01", "Centralgymnasiet", "GY", IN, DEMO_NAME, None, None),
    ("GY02", "Teknikgymnasiet Framtid", "GY", FS, "Framtidens Gymnasium AB", "556987-6542", None),
    ("HT01", "Hemtjänst Norr", "HT", IN, DEMO_NAME, None, None),
    ("HT02", "Hemtjänst Söder", "HT", IN, DEMO_NAME, None, None),
    ("HT03", "Hemtjänst Väster", "HT", IN, DEMO_NAME, None, None),
    ("HT04", "Omsorgshuset Hemtjänst", "HT", EXT, "Omsorgshuset i Exempelregionen AB", "559234-5671", None),
    ("SB01", "Lindgården", "SÄBO", IN, DEMO_NAME, None, None),
    ("SB02", "Solbacken", "SÄBO", IN, DEMO_NAME, None, None),
    ("SB03", "Ängsro vård- och omsorgsboende", "SÄBO", EXT, "Ängsro Omsorg AB", "556345-6788", None),
    ("SB04", "Ekens äldreboende", "SÄBO", NP, "Stiftelsen Eken", "802012-3454", None),
    ("KT01", "Stadstrafiken", "KT", EXT, "Stadsbuss i Exempelregionen AB", "559111-2221", None),
    ("KT02", "Regionbussarna", "KT", EXT, "Regionbuss Norr AB", "559333-4443", None),
    ("TV01", "Folktandvården Centrum", "TV", IN, DEMO_NAME, None, None),
    ("TV02", "Folktandvården Norrby", "TV", IN, DEMO_NAME, None, None),
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
    ("2.1", "Fler elever når betygskriterierna", GoalLevel.GOAL, "UN", Horizon.LONG, ""),
    ("2.1.1", "Alla elever i åk 9 är behöriga till gymnasiet", GoalLevel.SUB_GOAL, "GR", Horizon.SHORT, ""),
    ("2.1.2", "Meritvärdet ökar i alla skolor", GoalLevel.SUB_GOAL, "GR", Horizon.SHORT, ""),
    ("2.2", "Fler fullföljer gymnasieutbildningen", GoalLevel.GOAL, "UN", Horizon.LONG, ""),
    ("2.3", "Eleverna känner sig trygga i skolan", GoalLevel.GOAL, "UN", Horizon.SHORT, ""),
    ("2.4", "Legitimerade lärare i alla klassrum", GoalLevel.GOAL, "UN", Horizon.LONG, ""),
    ("3", "Trygg och värdig omsorg", GoalLevel.GOAL_AREA, "RF", Horizon.LONG,
     "Äldre ska kunna leva ett självständigt liv med trygghet och inflytande."),
    ("3.1", "Brukarna är nöjda med hemtjänsten", GoalLevel.GOAL, "ON", Horizon.SHORT, ""),
    ("3.1.1", "Högre personalkontinuitet i hemtjänsten", GoalLevel.SUB_GOAL, "HT", Horizon.SHORT,
     "Kontinuitet: färre olika personal kommer till varje brukare."),
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
    ("6", "Tillgänglig region", GoalLevel.GOAL_AREA, "RF", Horizon.LONG,
     "Hela regionen nås med kollektivtrafik, och barn och unga har god tandhälsa."),
    ("6.1", "Fler reser med kollektivtrafiken", GoalLevel.GOAL, "KTN", Horizon.LONG, ""),
    ("6.2", "Kollektivtrafiken går enligt tidtabell", GoalLevel.GOAL, "KTN", Horizon.SHORT, ""),
    ("6.3", "Barn och unga har god tandhälsa", GoalLevel.GOAL, "HSN", Horizon.LONG, ""),
]

H, L = Direction.HIGHER_BETTER, Direction.LOWER_BETTER
PCT = ToleranceKind.PERCENT

INDICATORS: list[DemoIndicator] = [
    # God och jämlik hälsa
    DemoIndicator("HS01", "Medicinsk bedömning i primärvården inom tre dagar, andel (%)", "%", H, 1, 0, 100,
                  78, 6, 1.5, 85, 5, ("1.1", "1.1.1"), "PV", tertial=True),
    DemoIndicator("HS02", "Kontakt med primärvården samma dag, andel (%)", "%", H, 1, 0, 100,
                  84, 5, 1.0, 90, 5, ("1.1.1",), "PV", tertial=True),
    DemoIndicator("HS03", "Väntetid till läkare på akutmottagningen, median (minuter)", "minuter", L, 0,
                  10, 400, 95, 15, -4, 80, 15, ("1.1.2",), "SV", tertial=True,
                  # A median cannot be put together from the units' medians.
                  aggregation=Aggregation.NONE),
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
                  52, 8, 3.0, 70, 10, ("4.3.1",), "HT", tertial=True, in_house_only=True),
    # Hållbar ekonomi och miljö
    DemoIndicator("EK01", "Budgetavvikelse, andel av nettokostnad (%)", "%", H, 1, -15, 15,
                  -0.6, 1.2, 0.1, 0.0, 1.0, ("5.1", "5.1.1"), "ADM", tertial=True, denominator_scale=0.5),
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
    # Tillgänglig region
    DemoIndicator("KT01", "Resor med kollektivtrafiken, miljoner påstigande", "milj. resor", H, 1, 0, 200,
                  21.5, 1.0, 0.6, 25, 5, ("6.1",), "KT", tolerance_kind=PCT,
                  # A count: the region's figure is the sum of its traffic contracts.
                  aggregation=Aggregation.SUM),
    DemoIndicator("KT02", "Turer som går enligt tidtabell, andel (%)", "%", H, 1, 0, 100,
                  89, 2.5, 0.4, 93, 3, ("6.2",), "KT", tertial=True, denominator_scale=20),
    DemoIndicator("TV01", "Kariesfria 12-åringar, andel (%)", "%", H, 1, 0, 100,
                  68, 5, 0.5, 72, 4, ("6.3",), "TV"),
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
        "Sjukfrånvaron har minskat och ligger under målet för regionen som helhet, korttidsfrånvaron också. "
        "Omsorgsförvaltningen har fortfarande högst sjukfrånvaro och ligger över målet.",
        "Fortsatta tidiga rehabiliteringsinsatser och chefsstöd i arbetsmiljöarbetet, med omsorgen först."),
}

# --- Styrdokument, delegationsordning, verksamhetsplaner and årshjul ------------------------------

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

CHAPTERS = ("1 Allmänna ärenden", "2 Ekonomi och upphandling", "3 Personal",
            "4 Äldreomsorg enligt socialtjänstlagen", "5 Offentlighet och sekretess")
KL, FL, SOL = ("Kommunallagen", "2017:725"), ("Förvaltningslagen", "2017:900"), ("Socialtjänstlagen", "2025:400")
LOU, LOV = ("Lagen om offentlig upphandling", "2016:1145"), ("Lagen om valfrihetssystem", "2008:962")
LAS, OSL = ("Lagen om anställningsskydd", "1982:80"), ("Offentlighets- och sekretesslagen", "2009:400")
AB = ("Allmänna bestämmelser (kollektivavtal)", "")
NONE_ = ("", "")
ONE, LIST, EXEC = ReportingMode.INDIVIDUAL, ReportingMode.LIST, ReportingMode.ENFORCEMENT
# (chapter index, number, ärende, lagrum, act, SFS, delegat, ersättare, limits, reporting). Socialtjänstlagen
# (2025:400) applies from 1 July 2025: biståndsparagrafen is 11 kap. 1 §. Where the demo does not
# know the new act's paragraph it names the act only; the kanslichef completes it (a data change).
DELEGATION_ITEMS: list[tuple] = [
    (0, "1.1", "Beslut i brådskande ärenden där nämndens avgörande inte kan avvaktas", "KL 6 kap. 39 §", *KL,
     "Ordförande", "Vice ordförande", "", ONE),
    (0, "1.2", "Yttrande till förvaltningsrätt när ett delegationsbeslut har överklagats", "FL 43 §", *FL,
     "Den som fattat det överklagade beslutet", "Avdelningschef", "", ONE),
    (0, "1.3", "Avvisning av överklagande som har kommit in för sent", "FL 45 §", *FL,
     "Den som fattat det överklagade beslutet", "", "", LIST),
    (0, "1.4", "Rättelse av skrivfel och liknande förbiseenden", "FL 36 §", *FL, "Den som fattat beslutet", "",
     "", LIST),
    (0, "1.5", "Utse ombud att föra nämndens talan", "KL 6 kap. 15 §", *KL, "Förvaltningschef", "Ordförande", "",
     ONE),
    (1, "2.1", "Upphandling och tilldelningsbeslut", "LOU", *LOU, "Förvaltningschef", "Ekonomichef",
     "Upp till 5 prisbasbelopp", ONE),
    (1, "2.2", "Upphandling och tilldelningsbeslut över 5 prisbasbelopp", "LOU", *LOU, "Ordförande",
     "Vice ordförande", "Inom budget", ONE),
    (1, "2.3", "Avrop från ramavtal", "LOU", *LOU, "Enhetschef", "Avdelningschef", "Inom enhetens budget", EXEC),
    (1, "2.4", "Avskrivning av fordran", "", *NONE_, "Ekonomichef", "Förvaltningschef", "Högst 1 prisbasbelopp",
     ONE),
    (1, "2.5", "Godkännande av leverantör i valfrihetssystem och beslut att utesluta leverantör", "LOV", *LOV,
     "Förvaltningschef", "Avdelningschef", "Brukaren väljer själv utförare bland de godkända", ONE),
    (2, "3.1", "Anställning av avdelningschef", "", *NONE_, "Förvaltningschef", "", "Efter samråd med HR", ONE),
    (2, "3.2", "Anställning av övrig personal inom budget", "", *NONE_, "Enhetschef", "Avdelningschef", "", EXEC),
    (2, "3.3", "Uppsägning av personal", "LAS 7 §", *LAS, "Förvaltningschef", "HR-chef", "", ONE),
    (2, "3.4", "Avstängning enligt AB", "AB § 10", *AB, "Förvaltningschef", "Avdelningschef", "", ONE),
    (3, "4.1", "Beslut om bistånd i form av hemtjänst", "SoL 11 kap. 1 §", *SOL, "Biståndshandläggare",
     "Enhetschef myndighet", "Upp till 150 timmar per månad", LIST),
    (3, "4.2", "Beslut om hemtjänst över 150 timmar per månad", "SoL 11 kap. 1 §", *SOL, "Enhetschef myndighet",
     "Avdelningschef", "", ONE),
    (3, "4.3", "Beslut om särskilt boende", "SoL 11 kap. 1 §", *SOL, "Biståndshandläggare", "Enhetschef myndighet",
     "", ONE),
    (3, "4.4", "Beslut om korttidsvistelse", "SoL 11 kap. 1 §", *SOL, "Biståndshandläggare",
     "Enhetschef myndighet", "Högst 30 dagar", LIST),
    (3, "4.5", "Beslut om avgift för hemtjänst och boende", "SoL", *SOL, "Avgiftshandläggare",
     "Enhetschef myndighet", "", LIST),
    (3, "4.6", "Anmälan till IVO av allvarligt missförhållande (lex Sarah)", "SoL", *SOL, "Förvaltningschef",
     "Avdelningschef", "", ONE),
    (3, "4.7", "Rapport till IVO och revisorerna om gynnande beslut som inte har verkställts inom tre månader",
     "SoL", *SOL, "Avdelningschef", "Förvaltningschef", "", ONE),
    (4, "5.1", "Beslut att inte lämna ut allmän handling eller uppgift ur den", "OSL 6 kap. 3 §", *OSL,
     "Förvaltningschef", "Avdelningschef", "Beslutet skrivs med överklagandehänvisning", ONE),
    (4, "5.2", "Beslut att lämna ut handling med förbehåll", "OSL 10 kap. 14 §", *OSL, "Förvaltningschef",
     "Avdelningschef", "", ONE),
    (4, "5.3", "Utlämnande av uppgifter till forskning", "OSL 26 kap. 1 §", *OSL, "Förvaltningschef", "", "", ONE),
    (4, "5.4", "Lämna ut allmän handling som inte omfattas av sekretess", "OSL 6 kap. 3 §", *OSL, "Registrator",
     "Handläggare", "Vid tveksamhet lämnas frågan till delegaten i 5.1", EXEC),
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
    # 2026 is an election year: the new fullmäktige takes office on 15 October and may revise the
    # budget the old one adopted in June; it adopts the programme for providers for its term.
    (D(2026, 9, 13), "Allmänna val till regionfullmäktige", "election"),
    (D(2026, 10, 15), "Nyvalda regionfullmäktige tillträder", "council"),
    (D(2026, 11, 24), "Nyvalda regionfullmäktige: reviderad budget 2027", "budget"),
    (D(2026, 12, 15), "Nyvalda regionfullmäktige: program med mål och riktlinjer för utförare 2027–2030", "council"),
]



REGION = DemoSpec(
    name=DEMO_NAME, kind="region", organisation=ORGANISATION, providers=PROVIDERS, goals=GOALS,
    indicators=INDICATORS, analyses=ANALYSES, admin_units=("RK", "HSF", "UF", "OF"), council="RF",
    directives=DIRECTIVES,
    goal_links=[("Policy för styrning och ledning", ("1", "2", "3", "4", "5", "6")),
                ("Personalpolicy", ("4.1", "4.2", "4.3")), ("Miljöpolicy", ("5.3",)),
                ("Program med mål och riktlinjer för utförare 2023–2026", ("1.3", "3.3"))],
    delegation=DelegationOrder(
        title="Delegationsordning för omsorgsnämnden", case_number="ON 2025/12", owner="ON",
        adopted_on=D(2025, 2, 19), valid_from=D(2025, 3, 1), review_due=D(2027, 2, 28),
        responsible="Maria Söder, nämndsekreterare",
        summary="Vilka beslut omsorgsnämnden delegerar, till vem och hur besluten anmäls till nämnden.",
        body="Alla delegationsbeslut anmäls till nämnden (KL 6 kap. 40 §): var för sig, eller som förteckning "
             "ur verksamhetssystemet där det anges. Verkställighet är inte delegation och anmäls inte.",
        chapters=CHAPTERS, items=DELEGATION_ITEMS, decisions=DELEGATION_DECISIONS),
    plans=PLANS, milestones=MILESTONES,
    meetings=[DemoMeeting(
        unit="HT04", held_on=D(2026, 1, 28),
        participants="Verksamhetschef Omsorgshuset, avtalsuppföljare, controller (Omsorgsförvaltningen)",
        learnings="Schemat läggs per brukare och ändras ofta vid sjukfrånvaro; då kommer nya personer. "
                  "Brukarna uppskattar bemötandet men saknar kontinuitet.",
        agreed_actions="Fasta arbetslag per område från mars. Ny avstämning av kontinuiteten efter T1.",
        goals=("3.1", "3.1.1"), cited_by=("3.1", "ON"))],
    draft_plan_unit="GR01",
)
