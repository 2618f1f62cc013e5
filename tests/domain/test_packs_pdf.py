"""Review packs read back from real PDF files: what a nämnd member would see on paper."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest
from pypdf import PdfReader

from app.models import Status
from app.models.errors import StyrkortError
from app.models.store import open_store
from app.services.packs import PackCancelled, PackOptions, PackState, build_pack, generate
from app.services.packs import format as fmt

pytestmark = pytest.mark.slow  # whole PDF packs

DAY = dt.date(2026, 1, 31)
TOC_ENTRY = re.compile(r"^(?P<name>.+?)\s*(?:\s\.)+\s*(?P<page>\d+)$")


def _norm(text: str) -> str:
    return text.replace("\xa0", " ")


@pytest.fixture(scope="module")
def store(demo_template, tmp_path_factory):
    path = tmp_path_factory.mktemp("packs") / "demo.sqlite"
    shutil.copyfile(demo_template, path)
    opened = open_store(path)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def whole(store, tmp_path_factory):
    """The whole organisation's pack for 2025 with its content, written once for this module."""
    path = tmp_path_factory.mktemp("whole") / "hela.pdf"
    options = PackOptions(None, "2025", DAY)
    result = generate(store, options, path)
    with store.session() as session:
        pack = build_pack(session, options)
    return result, pack, [_norm(p.extract_text()) for p in PdfReader(path).pages], path


def test_format_is_swedish():
    assert fmt.number(1234567.25, 1) == "1\xa0234\xa0567,2" or fmt.number(1234567.25, 1) == "1\xa0234\xa0567,3"
    assert fmt.number(-0.04, 1) == "0,0"
    assert fmt.number(-5.5, 1) == "\u22125,5"
    assert fmt.number(None) == "–"
    assert fmt.quantity(85, 1, "%") == "85,0\xa0%"
    assert fmt.status_text(Status.PARTLY_MET) == "◐ Delvis uppfyllt"
    assert fmt.period_label("2025T2") == "Tertial 2 2025"


def test_cover_header_and_page_numbers(whole):
    result, pack, pages, _path = whole
    assert result.pages == len(pages) > 20
    cover = pages[0]
    for text in ("Uppföljningsrapport", "Exempelregionen", "Hela organisationen",
                 "Period: Helår 2025 (2025-01-01 – 2025-12-31)", "Datum: 2026-01-31"):
        assert text in cover
    assert "Sida 1 av" not in cover  # the cover carries no running header or footer
    for number, text in enumerate(pages[1:], start=2):
        assert f"Sida {number} av {len(pages)}" in text
        assert "Hela organisationen · Helår 2025" in text


def test_table_of_contents_matches_the_pages(whole):
    _result, pack, pages, _path = whole
    entries = []
    for text in pages[1:4]:
        for line in text.splitlines():
            match = TOC_ENTRY.match(line.strip())
            if match:
                entries.append((match["name"].strip(), int(match["page"])))
    names = [name for name, _ in entries]
    assert names[0] == "Sammanfattning"
    assert "Bilaga: Resultat per utförare" in names
    for goal in pack.goals():
        assert f"{goal.code} {goal.title}" in names
    for name, page in entries:
        assert name.rstrip("…") in pages[page - 1].replace("\n", " "), (name, page)


def test_every_goal_appears_with_status_and_swedish_numbers(whole):
    _result, pack, pages, _path = whole
    assert len(pack.goals()) == 28
    for goal in pack.goals():
        title = f"{goal.code} {goal.title}"
        page = next(p for p in pages if f"\n{title}\n" in f"\n{p}\n")
        section = page[page.index(title):]
        assert f"Status: {fmt.status_text(goal.status)}" in section
        for row in goal.indicators:
            if row.value is not None:
                assert _norm(fmt.number(row.value, row.decimals)) in section, (title, row.code)
    # A decimal comma and a space between thousands, never a decimal point in the tables.
    everything = "\n".join(pages)
    assert re.search(r"\b\d{1,3} \d{3}\b", everything)
    assert not re.search(r"\b\d+\.\d+ [✓◐✗○]", everything)


def test_summary_counts_goals_by_status(whole):
    _result, pack, pages, _path = whole
    summary = next(p for p in pages if "\nSammanfattning\n" in p).replace("\n", " ")
    counts = pack.counts()
    assert f"Rapporten omfattar {sum(counts.values())} mål och delmål" in summary
    assert "Måluppfyllelse per målområde" in summary
    for status in (Status.MET, Status.PARTLY_MET, Status.NOT_MET):
        assert f"{counts[status]} {status.sv.lower()}" in summary


def test_fonts_embedded_and_charts_are_vectors(whole):
    *_, path = whole
    reader = PdfReader(path)
    embedded, images = set(), 0
    for page in reader.pages:
        resources = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in descendant["/FontDescriptor"]
            embedded.add(str(font["/BaseFont"]))
        for xobject in resources.get("/XObject", {}).values():
            images += xobject.get_object().get("/Subtype") == "/Image"
    assert any("DejaVuSans" in name for name in embedded)
    assert images == 0  # every chart is drawn as paths and text, none as a picture


def test_analysis_of_the_owning_nämnd_is_printed(whole):
    _result, _pack, pages, _path = whole
    text = "\n".join(pages).replace("\n", " ")
    assert "Gemensam bemanningspool för läkare" in text
    assert "Bedömning av: Hälso- och sjukvårdsnämnden, Planeringsavdelningen" in text


def test_a_nämnd_pack_leaves_other_nämnder_out(store, tmp_path):
    path = tmp_path / "hsn.pdf"
    generate(store, PackOptions("HSN", "2025", DAY), path)
    text = "\n".join(_norm(p.extract_text()) for p in PdfReader(path).pages)
    assert "Hälso- och sjukvårdsnämnden" in text and "Vårdcentralen Norrby" in text
    for other in ("Utbildningsnämnden", "Omsorgsnämnden", "Norrbyskolan", "Lindgården",
                  "Fler elever når kunskapskraven", "Brukarna är nöjda med hemtjänsten"):
        assert other not in text
    # A regionwide goal appears as far as the nämnd's own förvaltning reports on it.
    assert "4.1 Sjukfrånvaron minskar" in text


def test_a_provider_pack_is_its_own_follow_up(store, tmp_path):
    path = tmp_path / "pv06.pdf"
    generate(store, PackOptions("PV06", "2025", DAY), path)
    pages = [_norm(p.extract_text()) for p in PdfReader(path).pages]
    assert "Strandstadens Vårdcentral" in pages[0]
    text = "\n".join(pages)
    assert "▶ Strandstadens Vårdcentral" in text  # marked among the other vårdcentraler
    appendix = text[text.rindex("Bilaga: Resultat per utförare"):]
    assert "Strandstaden Hälsa AB · 559012-3456" in appendix
    assert "Vårdcentralen Norrby\n" not in appendix


def test_same_data_and_date_give_the_same_document(store, tmp_path):
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    generate(store, PackOptions("HT", "2025T2", DAY), first)
    generate(store, PackOptions("HT", "2025T2", DAY), second)
    texts = [[p.extract_text() for p in PdfReader(f).pages] for f in (first, second)]
    assert texts[0] == texts[1]
    assert first.read_bytes() == second.read_bytes()
    assert PdfReader(first).metadata.creation_date.date() == DAY


def test_unknown_scope_or_period_is_refused(store, tmp_path):
    for options, message in ((PackOptions("XYZ"), "ingen enhet med koden 'XYZ'"),
                             (PackOptions("0000"), "Riket är ett jämförelseområde"),
                             (PackOptions(None, "2031"), "Perioden 2031 finns inte")):
        with pytest.raises(StyrkortError, match=message):
            generate(store, options, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


class _Recorder(PackState):
    def __init__(self, stop_after: int | None = None) -> None:
        self.seen: list[float] = []
        self.stop_after = stop_after

    def set_progress(self, fraction: float, text: str = "") -> None:
        self.seen.append(fraction)

    def is_interruption_requested(self) -> bool:
        return self.stop_after is not None and len(self.seen) >= self.stop_after


def test_progress_rises_to_done_and_cancel_writes_nothing(store, tmp_path):
    state = _Recorder()
    generate(store, PackOptions("PV06", "2025", DAY), tmp_path / "ok.pdf", state)
    assert state.seen == sorted(state.seen) and state.seen[-1] == 1.0 and len(state.seen) > 5
    stopping = _Recorder(stop_after=4)
    with pytest.raises(PackCancelled):
        generate(store, PackOptions("PV06", "2025", DAY), tmp_path / "stopped.pdf", stopping)
    assert not (tmp_path / "stopped.pdf").exists()
