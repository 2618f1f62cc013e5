"""Review packs joined up with the follow-up and the directives: the roll-up rule the user chose,
and the styrdokument and delegationsbeslut a nämnd must act on — read back from real PDFs."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader

from app.models import Status
from app.services.followup.status import RollupRule, set_rollup_rule
from app.services.packs import PackOptions, build_pack, generate
from app.services.packs import format as fmt

pytestmark = pytest.mark.slow  # whole PDF packs

DAY = dt.date(2026, 1, 31)
LATE_DAY = dt.date(2026, 11, 27)  # the demo's delegationsbeslut are from autumn 2026
GOVERNANCE = "Styrdokument och delegation"


def _pages(path) -> list[str]:
    return [p.extract_text().replace("\xa0", " ") for p in PdfReader(path).pages]


def _goal_status(pages: list[str], title: str) -> str:
    page = next(p for p in pages if f"\n{title}\n" in f"\n{p}\n")
    section = page[page.index(title):]
    line = section[section.index("Status: "):].split("\n")[0]
    return line.split("  ")[0].strip()  # without "viktad andel uppfyllt …"


def test_a_pack_made_after_choosing_worst_shows_the_worst_rule_statuses(demo_store, tmp_path):
    # 3.1 has one indicator met and one not met: partly met by weighted share, not met by the worst.
    title = "3.1 Brukarna är nöjda med hemtjänsten"
    with demo_store.session() as session:
        before = {g.code: g.status for g in build_pack(session, PackOptions(None, "2025", DAY)).goals()}
    assert before["3.1"] is Status.PARTLY_MET and before["5.1"] is Status.MET

    with demo_store.transaction() as session:
        set_rollup_rule(session, RollupRule.WORST)
    after = tmp_path / "worst.pdf"
    generate(demo_store, PackOptions(None, "2025", DAY), after)
    pages = _pages(after)
    assert _goal_status(pages, title) == f"Status: {fmt.status_text(Status.NOT_MET)}"
    assert _goal_status(pages, "5.1 Ekonomi i balans") == f"Status: {fmt.status_text(Status.PARTLY_MET)}"
    summary = next(p for p in pages if "Samlad måluppfyllelse" in p)
    assert f"Samlad måluppfyllelse: {fmt.status_text(Status.NOT_MET)}" in summary


def _section(pages: list[str]) -> str:
    start = next(i for i, p in enumerate(pages) if p.startswith(GOVERNANCE) or f"\n{GOVERNANCE}\n" in p)
    return "\n".join(pages[start:]).split("Bilaga: Resultat per utförare")[0].replace("\n", " ")


def test_the_nämnd_pack_lists_documents_to_revise_and_decisions_to_report(demo_store, tmp_path):
    path = tmp_path / "on.pdf"
    generate(demo_store, PackOptions("ON", "2025", LATE_DAY), path)
    pages = _pages(path)
    section = _section(pages)
    assert "Omsorgsnämnden" in section
    # Unreported delegationsbeslut taken by the pack's date; reported ones are not listed.
    assert "2026-09-30 2.2 Tilldelning: trygghetslarm, 4 år" in section
    assert "Anmälan lex Sarah, Lindgården" in section
    assert "Tilldelning: inkontinenshjälpmedel" not in section  # reported 2026-09-22
    # The regionstyrelse's documents are not the omsorgsnämnd's business.
    assert "Personalpolicy" not in section
    assert GOVERNANCE in pages[1] + pages[2]  # in the table of contents
    # Deterministic: the same options give the same bytes.
    again = tmp_path / "on-again.pdf"
    generate(demo_store, PackOptions("ON", "2025", LATE_DAY), again)
    assert path.read_bytes() == again.read_bytes()

    # A pack dated before the decisions were taken does not list them.
    early = tmp_path / "on-early.pdf"
    generate(demo_store, PackOptions("ON", "2025", dt.date(2026, 10, 1)), early)
    section = _section(_pages(early))
    assert "Tilldelning: trygghetslarm, 4 år" in section
    assert "Avskrivning av fordran på avgift" not in section  # decided 2026-10-03


def test_the_whole_organisation_pack_lists_every_document_due(demo_store, tmp_path):
    path = tmp_path / "whole.pdf"
    first = generate(demo_store, PackOptions(None, "2025", LATE_DAY), path)
    section = _section(_pages(path))
    assert "Personalpolicy" in section and "2026-06-30 Försenad" in section
    assert "Reglemente för hälso- och sjukvårdsnämnden" in section and "Inom 90 dagar" in section
    assert "Miljöpolicy" not in section  # review due 2028
    assert "Anställning av avdelningschef myndighet" in section and first.pages > 0


def test_a_pack_with_nothing_to_act_on_has_no_such_section(demo_store, tmp_path):
    path = tmp_path / "hsn.pdf"
    generate(demo_store, PackOptions("HSN", "2025", DAY), path)
    assert not any(GOVERNANCE in p for p in _pages(path))
