"""One rule, one function, one answer everywhere: which target applies, which period a follow-up
starts from, and a unit by its code — the same in the follow-up, the results grid, the charts,
the Excel export and the packs."""

from __future__ import annotations

import openpyxl
import pytest
import sqlalchemy as sa

from app.models import Indicator, OrgUnit, Period, PeriodKind, Result
from app.models.errors import StyrkortError
from app.services.exchange.export import export_follow_up, latest_year, scope_unit
from app.services.followup import targets
from app.services.followup.assessment import status_report
from app.services.followup.chart_data import provider_comparison
from app.services.followup.periods import default_period
from app.services.followup.results import ResultFilter, result_grid
from app.services.followup.status import compute_follow_up
from app.services.organisation.units import unit_by_code
from app.services.packs import PackOptions, build_pack
from app.services.packs.content import find_scope


def _ids(s, indicator: str, unit: str) -> tuple[int, int]:
    return (s.execute(sa.select(Indicator.id).where(Indicator.code == indicator)).scalar_one(),
            s.execute(sa.select(OrgUnit.id).where(OrgUnit.code == unit)).scalar_one())


def test_a_units_own_target_is_the_one_every_reader_shows(demo_store, tmp_path):
    with demo_store.transaction() as s:
        om01, ht04 = _ids(s, "OM01", "HT04")
        general = targets.get_target(s, om01, "2025", None)
        targets.set_target(s, om01, "2025", ht04, 97)
    with demo_store.session() as s:
        period_id = s.execute(sa.select(Period.id).where(Period.code == "2025")).scalar_one()
        found = targets.targets_for(s, period_id)
        assert found.of(om01, ht04) == 97
        assert found.of(om01) == general != 97
        assert targets.targets_for(s, period_id, units=[]).of(om01, ht04) == general  # own ones not read
        assert targets.targets_for(s, None).of(om01) is None
        # The follow-up scoped to the unit, the results grid, the provider chart and the export agree.
        scoped = compute_follow_up(s, "2025", ht04)
        assert {o.target for g in scoped.goals.values() for o in g.indicators if o.code == "OM01"} == {97}
        whole = compute_follow_up(s, "2025")
        assert {o.target for g in whole.goals.values() for o in g.indicators if o.code == "OM01"} == {general}
        grid = [r for r in result_grid(s, ResultFilter("2025")) if r.indicator_id == om01]
        assert {r.target for r in grid if r.unit_id == ht04} == {97}
        assert {r.target for r in grid if r.unit_id != ht04} == {general}
        bars = provider_comparison(s, om01, "2025").bars
        assert [b.target for b in bars if b.unit_id == ht04] == [97]
        assert {b.target for b in bars if b.unit_id != ht04} == {general}
        out = tmp_path / "uppfoljning.xlsx"
        export_follow_up(s, out, "2025")
    sheet = openpyxl.load_workbook(out)["Per enhet 2025"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, r, strict=False)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    om01_rows = [r for r in rows if r["Indikator"] == "OM01"]
    assert {r["Målvärde"] for r in om01_rows if r["Enhet"] == "HT04"} == {97}
    assert {r["Målvärde"] for r in om01_rows if r["Enhet"] != "HT04"} == {general}


def test_the_default_period_is_the_same_for_the_follow_up_the_export_and_a_pack(demo_store):
    with demo_store.session() as s:
        default = default_period(s)
        latest_year_with_results = s.execute(
            sa.select(sa.func.max(Period.year)).join(Result, Result.period_id == Period.id)
            .where(Period.kind == PeriodKind.YEAR)).scalar_one()
        assert default == str(latest_year_with_results)
        assert latest_year(s) == default
        assert build_pack(s, PackOptions(None)).period_code == default
    # Without results for any whole year, the latest period that has results.
    with demo_store.transaction() as s:
        s.execute(sa.delete(Result).where(Result.period_id.in_(
            sa.select(Period.id).where(Period.kind == PeriodKind.YEAR))))
    with demo_store.session() as s:
        latest = s.execute(sa.select(Period.code).join(Result, Result.period_id == Period.id)
                           .order_by(Period.end_date.desc(), Period.start_date).limit(1)).scalar_one()
        assert default_period(s) == latest != default
        assert latest_year(s) == latest
        assert build_pack(s, PackOptions(None)).period_code == latest
    with demo_store.transaction() as s:
        s.execute(sa.delete(Result))
    with demo_store.session() as s:
        assert default_period(s) is None
        with pytest.raises(StyrkortError, match="inga utfall"):
            latest_year(s)
        with pytest.raises(StyrkortError, match="inga utfall"):
            build_pack(s, PackOptions(None))


def test_a_unit_by_its_code_one_lookup_one_message(demo_store):
    with demo_store.session() as s:
        ht04 = unit_by_code(s, "HT04")
        assert unit_by_code(s, " HT04 ").id == ht04.id == scope_unit(s, "HT04") == find_scope(s, "HT04").id
        refusals = []
        for lookup in (lambda: unit_by_code(s, "NOPE"), lambda: scope_unit(s, "NOPE"),
                       lambda: find_scope(s, "NOPE"), lambda: status_report(s, "2025", "NOPE")):
            with pytest.raises(StyrkortError) as refused:
                lookup()
            refusals.append(refused.value.message("sv"))
        assert refusals == ["Det finns ingen enhet med koden 'NOPE' i databasen."] * 4
