"""Delårsrapport and årsredovisning (issue 20): the whole organisation's årsredovisning for the
10 000-goal database (10 nämnder, 200 units, 20 years of results, a year of finances), pages per
second against drawing the same report's charts alone with matplotlib (to SVG, as the PDF does),
in the same run, as for review packs: the ratio says what reading and layout cost on top."""

from __future__ import annotations

import io
import shutil
import tempfile
import time
from pathlib import Path

from bench_followup import FIRST_YEAR, PERIODS, build
from common import heading, median_seconds, report

from app.models import FinanceKind, FinanceMeasure, FinancialFigure, OrgUnit, ReportSection, UnitKind
from app.models.store import open_store
from app.services.annual import report_charts
from app.services.annual import report_layout as layout
from app.services.annual.report_content import build_report, set_report_text
from app.services.annual.report_pdf import render_report_pdf
from app.services.followup.periods import ensure_period


def _finances(store, year: int) -> None:
    import sqlalchemy as sa

    with store.transaction() as session:
        period = ensure_period(session, str(year))
        committees = session.scalars(sa.select(OrgUnit).where(OrgUnit.kind == UnitKind.COMMITTEE)).all()
        for index, unit in enumerate(committees):
            budget = 500_000 + 50_000 * index
            for measure, amount in ((FinanceMeasure.BUDGET, budget), (FinanceMeasure.OUTCOME, budget * 1.01)):
                session.add(FinancialFigure(unit_id=unit.id, period_id=period.id, kind=FinanceKind.OPERATING,
                                            measure=measure, amount=amount))
            set_report_text(session, unit.id, str(year), ReportSection.SUMMARY, "Nämndens sammanfattning. " * 20)
        for section in ReportSection:
            set_report_text(session, None, str(year), section, f"{section.sv}. " * 60)


def _charts_alone(report) -> int:
    drawn = 0
    for block in layout.blocks(report):
        if isinstance(block, layout.Chart):
            if block.kind == "finance":
                report_charts.finance_chart(block.data, block.interim)
            else:
                report_charts.deviation_chart(block.data)
            drawn += 1
    return drawn


def main(repeat: int = 3) -> None:
    heading("Delårsrapport and årsredovisning (issue 20): the 10 000-goal database")
    folder = Path(tempfile.mkdtemp(prefix="styrkort-bench-reports-"))
    path = folder / "big.sqlite"
    build(path)
    store = open_store(path)
    year = FIRST_YEAR + PERIODS - 1
    _finances(store, year)
    start = time.perf_counter()
    with store.session() as session:
        annual = build_report(session, "årsredovisning", str(year))
    content = time.perf_counter() - start
    charts = _charts_alone(annual)  # imports matplotlib and warms its font cache outside the timings
    pages = render_report_pdf(annual, io.BytesIO())
    charts_only = median_seconds(lambda: _charts_alone(annual), repeat)
    whole = median_seconds(lambda: render_report_pdf(annual, io.BytesIO()), repeat)
    goals = len(annual.main.goals) + sum(len(c.goals) for c in annual.committees)
    report(f"{charts} charts alone (matplotlib → SVG)", charts_only, "charts", charts_only)
    report(f"reading the report's content ({goals} goal lines, {len(annual.committees)} nämnder)", content,
           "charts", charts_only)
    report(f"{pages}-page årsredovisning laid out ({pages / whole:.1f} pages/s; "
           f"charts alone {pages / charts_only:.1f} pages/s)", whole, "charts", charts_only, goal=1 / 0.8)
    store.close()
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
