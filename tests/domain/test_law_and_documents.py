"""Law and documents a kanslichef signs: lagrum with act and SFS number, how decisions are reported
(KL 6 kap. 40 §), what may not be delegated (KL 6 kap. 38 §), the Anmälan av delegationsbeslut,
the programme per verksamhetsområde, fristående skolor, organisation numbers (Luhn), both demos."""

from __future__ import annotations

import csv
import datetime as dt

import openpyxl
import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from app.cli import main
from app.models import DelegationItem, Directive, OrgUnit, ProviderType, UnitKind
from app.models.enums import ReportingMode
from app.models.errors import RuleViolation
from app.models.store import open_store
from app.services.demo.builder import build_demo
from app.services.governance import delegation_report as dr
from app.services.governance import directives as svc
from app.services.governance.delegation_law import lagrum_text, non_delegable_ground
from app.services.governance.programme import generate, to_markdown
from app.services.organisation.org_numbers import luhn_valid, normalise_org_number

D = dt.date


@pytest.mark.parametrize("matter, ground", [
    ("Yttrande till förvaltningsrätt när nämndens beslut i dess helhet har överklagats", "3 p."),
    ("Överklagande av nämndens egna beslut", "3 p."),
    ("Beslut om verksamhetens mål och inriktning", "1 p."),
    ("Yttrande till kommunfullmäktige över motion", "2 p."),
    ("Ärenden av principiell beskaffenhet", "4 p."),
    ("Yttrande till förvaltningsrätt när ett delegationsbeslut har överklagats", None),
    ("Beslut om bistånd i form av hemtjänst", None),
])
def test_kl_6_38_grounds(matter, ground):
    found = non_delegable_ground(matter)
    assert (found is None) if ground is None else (ground in found)


def _order(session) -> int:
    return session.execute(sa.select(Directive.id).where(Directive.title == "Delegationsordning för omsorgsnämnden")
                           ).scalar_one()


def test_a_non_delegable_item_is_refused_and_verkställighet_is_apart(demo_store):
    from app.models import DirectiveState, DirectiveType

    with demo_store.transaction() as s:
        draft = Directive(title="Delegationsordning, utkast", doc_type=DirectiveType.DELEGATION_ORDER,
                          state=DirectiveState.DRAFT)
        s.add(draft)
        s.flush()
        values = {"chapter": "1 Allmänna ärenden", "number": "1.9", "matter": "Överklagande av nämndens egna beslut",
                  "delegate": "Förvaltningschef"}
        with pytest.raises(RuleViolation) as refused:
            svc.add_item(s, draft.id, values)
        assert "6 kap. 38 §" in refused.value.sv
        item_id = svc.add_item(s, draft.id, {**values, "matter": "Avrop från ramavtal", "report_required": False})
        assert s.get(DelegationItem, item_id).reporting is ReportingMode.ENFORCEMENT
        listed = svc.add_item(s, draft.id, {**values, "number": "2.0", "matter": "Beslut om korttidsvistelse",
                                            "reporting": ReportingMode.LIST})
        svc.update_item(s, listed, {"report_required": True})  # a plain "yes" keeps the list mode
        assert s.get(DelegationItem, listed).reporting is ReportingMode.LIST
    with demo_store.session() as s:
        items = {i.number: i for i in svc.items(s, _order(s))}
        assert items["4.1"].reporting is ReportingMode.LIST and items["4.1"].report_required
        assert items["2.3"].reporting is ReportingMode.ENFORCEMENT and not items["2.3"].report_required
        # The SoL items cite socialtjänstlagen (2025:400), not the old act's numbering.
        assert items["4.1"].legal_act == "Socialtjänstlagen" and items["4.1"].sfs_number == "2025:400"
        assert lagrum_text(items["4.1"].legal_reference, items["4.1"].legal_act, items["4.1"].sfs_number) \
            == "11 kap. 1 § socialtjänstlagen (2025:400)"
        every = s.execute(sa.select(DelegationItem.legal_reference, DelegationItem.matter)).all()
        assert not [r for r in every if r[0].startswith(("SoL 4 kap", "SoL 8 kap", "SoL 14 kap", "SoL 16 kap"))]
        assert not any(non_delegable_ground(m) for _r, m in every)
        # The registrator refuses nothing: it lends out documents (verkställighet); a delegat refuses.
        refuse = next(i for i in items.values() if i.matter.startswith("Beslut att inte lämna ut"))
        assert refuse.deputy != "Registrator"


def test_anmälan_av_delegationsbeslut_per_nämnd_and_period(demo_store, tmp_path):
    with demo_store.session() as s:
        report = dr.delegation_report(s, "ON", D(2026, 9, 1), D(2026, 10, 31), D(2026, 11, 17))
    text = "\n".join(dr.to_text(report))
    assert "Anmälan av delegationsbeslut – Omsorgsnämnden" in text
    assert "Beslut fattade under perioden 2026-09-01 – 2026-10-31" in text
    assert "Anmäls vid omsorgsnämndens sammanträde 2026-11-17." in text
    numbers = [g.number for g in report.groups]
    assert numbers == sorted(numbers, key=lambda n: [int(p) for p in n.split(".")])  # the order's own order
    assert "Anmälan lex Sarah, Lindgården" not in text  # decided 2026-11-04, after the period
    assert "Tilldelning: inkontinenshjälpmedel" not in text  # decided 2026-06-12, before it
    assert "2026-09-30  Tilldelning: trygghetslarm, 4 år (ON 2026/233) – Ordförande Lars Malm" in text
    assert report.decision_count == sum(len(g.decisions) for g in report.groups) == 7
    pdf_path = tmp_path / "anmalan.pdf"
    dr.write_pdf(report, pdf_path)
    pdf = " ".join(p.extract_text() for p in PdfReader(pdf_path).pages).replace("\n", " ")
    assert "Anmälan av delegationsbeslut" in pdf and "Tilldelning: trygghetslarm, 4 år" in pdf
    assert "kommunallagen 6 kap. 40 §" in pdf
    xlsx = tmp_path / "anmalan.xlsx"
    dr.write_xlsx(report, xlsx)
    rows = list(openpyxl.load_workbook(xlsx).active.iter_rows(values_only=True))
    assert rows[0][:2] == ("Punkt", "Ärende") and len(rows) == 1 + report.decision_count


def test_anmälan_from_the_command_line(demo_path, tmp_path, capsys):
    assert main(["delegation-report", "ON", "--from", "2026-11-01", "--to", "2026-11-30", "--db", str(demo_path)]) == 0
    out = capsys.readouterr().out
    assert "Anmälan lex Sarah, Lindgården" in out and "Antal beslut: 2" in out
    assert main(["delegation-report", "XX", "--from", "2026-11-01", "--to", "2026-11-30",
                 "--db", str(demo_path)]) == 2


def test_programme_sections_per_verksamhetsområde(demo_store):
    with demo_store.session() as s:
        programme = generate(s, 2023)
    areas = {a.name: a for a in programme.areas}
    home, care = areas["Hemtjänst"], areas["Särskilt boende"]
    # The hemtjänst goal does not leak into särskilt boende.
    assert "3.1" in {g.code for g in home.goals} and "3.1" not in {g.code for g in care.goals}
    # The region's heltid goal is measured in egen regi only: marked, never put on private hemtjänst.
    heltid = next(g for g in home.goals if g.code == "4.3.1")
    assert heltid.id in home.in_house_only
    text = to_markdown(programme)
    assert "10 kap. 8–9 §§" in text and "10 kap. 7 §" not in text
    assert "### Riktlinjer" in text and "Riktlinjer för uppföljning av utförare (RS 2024/230)" in text
    school = areas["Grundskola"]
    free = next(p for p in school.providers if p.provider_type is ProviderType.INDEPENDENT_SCHOOL)
    assert "ingen avtalsuppföljning" in free.how and "avtalet" not in free.when


def test_the_kommun_programme_includes_its_company(tmp_path):
    store = open_store(tmp_path / "kommun.sqlite")
    with store.transaction() as s:
        build_demo(s, "kommun")
    with store.session() as s:
        text = to_markdown(generate(s, 2023))
        company = s.execute(sa.select(OrgUnit).where(OrgUnit.kind == UnitKind.COMPANY)).scalar_one()
    store.close()
    assert "## Kommunala bolag" in text and company.name in text and "uppsiktsplikt" in text


@pytest.mark.parametrize("text, expected", [
    ("556650-1796", "556650-1796"), ("5566501796", "556650-1796"), ("16556650-1796", "556650-1796"),
])
def test_organisation_numbers_are_normalised(text, expected):
    assert normalise_org_number(text) == expected


@pytest.mark.parametrize("text", ["556650-1797", "5566501769", "55665-01796", "abc"])
def test_a_wrong_check_digit_or_shape_is_refused(text):
    with pytest.raises(RuleViolation):
        normalise_org_number(text)


def test_every_real_huvudman_number_in_the_skolverket_file_passes_luhn(shared_data):
    path = shared_data / "skolverket" / "grundskola_slutbetyg_ak9_2024-25_skolenhet.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines()[5:]
    numbers = [r["Huvudman orgnr"] for r in csv.DictReader(lines, delimiter=";") if r.get("Huvudman orgnr")]
    assert len(numbers) == 1714 and all(luhn_valid(n.strip()) for n in numbers)


@pytest.mark.parametrize("kind, name", [("region", "Exempelregionen"), ("kommun", "Exempelkommunen")])
def test_both_demos_pass_check_and_print_packs(kind, name, tmp_path, capsys):
    db = tmp_path / f"{kind}.sqlite"
    assert main(["demo", "--kind", kind, "--db", str(db)]) == 0
    assert name in capsys.readouterr().out
    assert main(["check", "--db", str(db)]) == 0
    pdf = tmp_path / f"{kind}.pdf"
    assert main(["pack", str(pdf), "--db", str(db), "--period", "2025", "--date", "2026-02-01"]) == 0
    text = " ".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert name in text and "Läsanvisning" in text and "uppfyllt ≥ 75" in text.replace("\xa0", " ")
    store = open_store(db)
    with store.session() as s:
        numbers = [n for (n,) in s.execute(sa.select(OrgUnit.org_number).where(OrgUnit.org_number.is_not(None)))]
        schools = s.execute(sa.select(OrgUnit).where(OrgUnit.provider_type == ProviderType.INDEPENDENT_SCHOOL)
                            ).scalars().all()
    store.close()
    assert numbers and all(luhn_valid(n) for n in numbers)
    assert schools and all(u.contract_start is None and u.contract_end is None for u in schools)


def test_kommun_demo_is_a_kommun(tmp_path):
    store = open_store(tmp_path / "kommun.sqlite")
    with store.transaction() as s:
        build_demo(s, "kommun")
    with store.session() as s:
        areas = set(s.execute(sa.select(OrgUnit.service_area).where(OrgUnit.kind == UnitKind.SERVICE_AREA)).scalars())
        kinds = {u.provider_type for u in s.execute(sa.select(OrgUnit).where(OrgUnit.service_area == "Hemtjänst",
                                                                              OrgUnit.kind == UnitKind.UNIT)).scalars()}
    store.close()
    assert areas == {"Grundskola", "Hemtjänst", "Särskilt boende", "Individ- och familjeomsorg"}
    assert {ProviderType.IN_HOUSE, ProviderType.EXTERNAL} <= kinds


def test_årshjul_kinds_are_exported_in_swedish_with_the_election(demo_store, tmp_path):
    from app.services.exchange.export import export_database

    path = tmp_path / "allt.xlsx"
    with demo_store.session() as s:
        export_database(s, path)
    sheet = openpyxl.load_workbook(path, read_only=True)["Årshjul"]
    rows = list(sheet.iter_rows(values_only=True))
    kinds = {r[rows[0].index("Slag")] for r in rows[1:]}
    assert kinds <= {"Budget", "Fullmäktige", "Uppföljning", "Personal", "Val"} and "Val" in kinds
    assert not kinds & {"budget", "council", "follow_up", "staff"}
    titles = [r[1] for r in rows[1:]]
    assert any("Nyvalda regionfullmäktige" in t and "budget" in t for t in titles)
    assert any("program med mål och riktlinjer för utförare 2027–2030" in t for t in titles)
