"""Review packs (issue 7): pages per second for Exempelregionen's whole-organisation pack and for
a synthetic pack of 100 goals with 100 charts, each against rendering the same charts alone with
matplotlib (to SVG, as the pack does) in the same run: the ratio says what layout costs on top."""

from __future__ import annotations

import datetime as dt
import io
import random
import shutil
import tempfile
import time
from pathlib import Path

from common import heading, median_seconds, report

from app.models import Direction, GoalLevel, ProviderType, Status
from app.models.store import open_store
from app.services.demo.builder import build_demo
from app.services.followup.chart_data import ProviderBar, ProviderComparison
from app.services.packs import PackOptions, build_pack
from app.services.packs import charts as pack_charts
from app.services.packs.content import AreaSection, ComparisonChart, GoalSection, IndicatorRow, Pack
from app.services.packs.pdf import render_pdf

DAY = dt.date(2026, 1, 31)


def _charts_alone(pack: Pack) -> None:
    for goal in pack.goals():
        for chart in goal.charts:
            pack_charts.comparison_svg(chart)
    pack_charts.summary_svg([(a.title, a.counts()) for a in pack.areas])


def _render(pack: Pack) -> int:
    return render_pdf(pack, io.BytesIO())


def synthetic_pack(goals: int = 100, bars: int = 8) -> Pack:
    """100 goals in 5 målområden, each with one indicator and one comparison chart."""
    rng = random.Random(7)
    statuses = [Status.MET, Status.PARTLY_MET, Status.NOT_MET]
    areas = [AreaSection(str(a + 1), f"Målområde {a + 1}", rng.choice(statuses)) for a in range(5)]
    for g in range(goals):
        area = areas[g % 5]
        code = f"{area.code}.{len(area.goals) + 1}"
        target = 80.0
        chart = ComparisonChart(ProviderComparison(
            g, f"S{g:03d}", f"Syntetisk indikator {g}, andel (%)", "%", 1, Direction.HIGHER_BETTER, "2025", target,
            [ProviderBar(b, f"Utförare {b:02d} med ett långt namn",
                         ProviderType.EXTERNAL if b % 3 == 0 else ProviderType.IN_HOUSE, rng.uniform(50, 99),
                         target, rng.choice(statuses)) for b in range(bars)]))
        row = IndicatorRow(chart.indicator_code, chart.title, "%", 1, "högre är bättre",
                           [("2023", 71.5), ("2024", 74.25)], 77.0, target, Status.PARTLY_MET, None, bars)
        area.goals.append(GoalSection(g, code, f"Syntetiskt mål {code}", GoalLevel.GOAL, "Nämnden", "",
                                      rng.choice(statuses), 0.5, False, "", [row], [chart], [],
                                      "Analys. " * 30, "Åtgärder. " * 10, "Nämnden"))
    return Pack("Uppföljningsrapport", "Benchmarkregionen", None, "Hela organisationen", "", "2025", DAY,
                Status.PARTLY_MET, areas, [])


def main(repeat: int = 3) -> None:
    heading("Review packs (issue 7)")
    folder = Path(tempfile.mkdtemp(prefix="styrkort-bench-packs-"))
    store = open_store(folder / "demo.sqlite")
    with store.transaction() as session:
        build_demo(session)
    with store.session() as session:
        demo = build_pack(session, PackOptions(None, "2025", DAY))
    _charts_alone(demo)  # import matplotlib and warm its font cache outside the timings
    pages = _render(demo)
    charts_only = median_seconds(lambda: _charts_alone(demo), repeat)
    whole = median_seconds(lambda: _render(demo), repeat)
    start = time.perf_counter()
    with store.session() as session:
        build_pack(session, PackOptions(None, "2025", DAY))
    content = time.perf_counter() - start
    report(f"Exempelregionen: {demo.chart_count() + 1} charts alone (matplotlib → SVG)", charts_only,
           "charts", charts_only)
    report("Exempelregionen: reading the pack's content", content, "charts", charts_only)
    report(f"Exempelregionen: {pages}-page pack laid out ({pages / whole:.1f} pages/s)", whole, "charts",
           charts_only)

    synthetic = synthetic_pack()
    _render(synthetic)
    charts_only = median_seconds(lambda: _charts_alone(synthetic), repeat)
    pages = _render(synthetic)
    seconds = median_seconds(lambda: _render(synthetic), repeat)
    report(f"Synthetic: {synthetic.chart_count() + 1} charts alone (matplotlib → SVG)", charts_only, "charts",
           charts_only)
    report(f"Synthetic: 100 goals, {pages}-page pack ({pages / seconds:.1f} pages/s)", seconds, "charts",
           charts_only)
    store.close()
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
