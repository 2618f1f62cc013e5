"""The organisation in the domain (no Qt): editing rules, moves, dated reorganisations, merges,
splits, the impact list and undo through the journal."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from app.models import (
    AuditEntry,
    Directive,
    Goal,
    OrgUnit,
    OrgUnitLine,
    OrgUnitLink,
    Period,
    Result,
    Target,
    UnitKind,
)
from app.models.errors import RuleViolation
from app.services.followup.status import compute_follow_up, units_in_scope
from app.services.organisation import editing as org
from app.services.organisation import reorganisation as reorg
from app.services.organisation.journal import undo


def uid(session, code: str) -> int:
    return org.unit_id_by_code(session, code)


def org_state(session) -> list:
    """Everything an undo must restore."""
    return {
        "units": sorted(session.execute(sa.select(OrgUnit.id, OrgUnit.parent_id, OrgUnit.position, OrgUnit.name,
                                                  OrgUnit.code, OrgUnit.closed_on)).all()),
        "lines": sorted(session.execute(sa.select(OrgUnitLine.unit_id, OrgUnitLine.parent_id)).all()),
        "links": sorted(session.execute(sa.select(OrgUnitLink.predecessor_id, OrgUnitLink.successor_id)).all()),
        "targets": sorted(session.execute(sa.select(Target.id, Target.unit_id)).all()),
        "owners": sorted(session.execute(sa.select(Goal.id, Goal.owner_unit_id)).all()),
        "reviews": sorted(session.execute(sa.select(Directive.id, Directive.review_due)).all()),
    }


def test_a_committee_cannot_go_under_a_unit(demo_store):
    with demo_store.transaction() as s:
        with pytest.raises(RuleViolation) as refused:
            org.move_units(s, [uid(s, "HSN")], uid(s, "GR01"))
    assert "nämnd kan inte ligga under en enhet" in refused.value.sv
    with demo_store.session() as s:
        assert s.get(OrgUnit, uid(s, "UN")).parent.code == "RF"


def test_a_unit_cannot_move_under_its_own_parts(demo_store):
    with demo_store.transaction() as s, pytest.raises(RuleViolation, match="under sig själv"):
        org.move_units(s, [uid(s, "UF")], uid(s, "GR"))


def test_create_rename_and_delete_a_unit_with_undo(demo_store):
    with demo_store.session() as s:
        before = org_state(s)
    with demo_store.transaction() as s:
        new_id, journal = org.create_unit(s, uid(s, "GR"), "Ny skola")
        assert s.get(OrgUnit, new_id).kind is UnitKind.UNIT
        assert s.get(OrgUnit, new_id).code == "GR-7"
        org.update_unit(s, new_id, {"name": "Nya Ekdalsskolan", "org_number": "556000-1111"})
    with demo_store.session() as s:
        assert s.get(OrgUnit, new_id).name == "Nya Ekdalsskolan"
        assert s.execute(sa.select(sa.func.count()).where(AuditEntry.entity == "org_unit",
                                                          AuditEntry.entity_id == new_id)).scalar() >= 3
    with demo_store.transaction() as s:
        deleted = org.delete_units(s, [new_id])
        assert s.get(OrgUnit, new_id) is None
        undo(s, deleted)
        assert s.get(OrgUnit, new_id).name == "Nya Ekdalsskolan"
        org.delete_units(s, [new_id])
        undo(s, journal)
    with demo_store.session() as s:
        assert org_state(s) == before


def test_bad_fields_are_refused_with_a_reason(demo_store):
    with demo_store.transaction() as s:
        unit = uid(s, "GR04")
        with pytest.raises(RuleViolation, match="NNNNNN-NNNN"):
            org.update_unit(s, unit, {"org_number": "5561234567"})
        with pytest.raises(RuleViolation, match="används redan"):
            org.update_unit(s, unit, {"code": "GR01"})
        with pytest.raises(RuleViolation, match="före sitt startdatum"):
            org.update_unit(s, unit, {"contract_start": dt.date(2026, 1, 1), "contract_end": dt.date(2025, 1, 1)})
        with pytest.raises(RuleViolation, match="måste ha ett namn"):
            org.update_unit(s, unit, {"name": "  "})


def test_a_unit_with_results_cannot_simply_vanish(demo_store):
    with demo_store.session() as s:
        counted = org.dependents(s, [uid(s, "GR01")])
        assert counted.results > 0
        assert ("utfall", "results", counted.results) in counted.lines
    with demo_store.transaction() as s, pytest.raises(RuleViolation, match="kan inte bara försvinna"):
        org.delete_units(s, [uid(s, "GR01")])
    with demo_store.session() as s:
        assert s.execute(sa.select(sa.func.count()).where(Result.unit_id == uid(s, "GR01"))).scalar() > 0


def test_a_dated_move_keeps_the_old_line_for_earlier_periods(demo_store):
    with demo_store.transaction() as s:
        ht, on, hsn = uid(s, "HT"), uid(s, "OF"), uid(s, "HSF")
        org.move_units(s, [ht], hsn, effective_on=dt.date(2026, 1, 1))
    with demo_store.session() as s:
        assert s.get(OrgUnit, ht).parent_id == hsn
        assert reorg.parent_on(s, ht, dt.date(2025, 12, 31)) == on
        assert reorg.parent_on(s, ht, dt.date(2026, 1, 1)) == hsn
        ht01 = uid(s, "HT01")
        assert ht01 in units_in_scope(s, uid(s, "ON"), dt.date(2025, 12, 31))
        assert ht01 not in units_in_scope(s, uid(s, "ON"), dt.date(2026, 12, 31))
        assert ht01 in units_in_scope(s, uid(s, "HSN"), dt.date(2026, 12, 31))
        # Follow-up: 2025 under omsorgsnämnden still counts hemtjänst's units, 2026 does not.
        assert ht01 in compute_follow_up(s, "2025", uid(s, "ON")).unit_ids
        assert ht01 not in compute_follow_up(s, "2026", uid(s, "ON")).unit_ids
        assert ht01 in compute_follow_up(s, "2026", uid(s, "HSN")).unit_ids


def test_a_second_dated_move_must_be_later(demo_store):
    with demo_store.transaction() as s:
        org.move_units(s, [uid(s, "HT")], uid(s, "HSF"), effective_on=dt.date(2027, 1, 1))
    with demo_store.transaction() as s, pytest.raises(RuleViolation, match="senare datum"):
        org.move_units(s, [uid(s, "HT")], uid(s, "OF"), effective_on=dt.date(2026, 6, 1))


def test_merge_closes_the_sources_links_them_and_hands_over(demo_store):
    with demo_store.transaction() as s:
        gr01, gr02 = uid(s, "GR01"), uid(s, "GR02")
        s.add(Target(indicator_id=1, unit_id=gr02, period_id=s.execute(
            sa.text("select id from period where code='2026'")).scalar(), value=81.234))
    with demo_store.session() as s:
        before = org_state(s)
    with demo_store.transaction() as s:
        journal = reorg.merge_units(s, [gr02], gr01, dt.date(2026, 1, 1))
    with demo_store.session() as s:
        assert s.get(OrgUnit, gr02).closed_on == dt.date(2026, 1, 1)
        history = reorg.unit_history(s, gr01)
        assert [(name, kind) for _, name, kind, _ in history.predecessors] == [("Söderbyskolan", "merge")]
        assert s.execute(sa.select(Target.unit_id).where(Target.value == 81.234)).scalar() == gr01
        # Results before the merge stay with the closed school.
        assert s.execute(sa.select(sa.func.count()).where(Result.unit_id == gr02)).scalar() > 0
        with pytest.raises(RuleViolation, match="upphört"):
            org.move_units(s, [uid(s, "GR03")], gr02)
    with demo_store.transaction() as s:
        undo(s, journal)
    with demo_store.session() as s:
        assert org_state(s) == before


def test_merge_refuses_units_of_different_kinds(demo_store):
    with demo_store.transaction() as s, pytest.raises(RuleViolation, match="samma slag"):
        reorg.merge_units(s, [uid(s, "GR")], uid(s, "GR01"), dt.date(2026, 1, 1))


def test_time_series_survives_a_merge(demo_store):
    """The demo's Dalsskolan merged into Ekdalsskolan on 2024-01-01 (app/services/demo/reorganisation.py)."""
    with demo_store.session() as s:
        ekdal, dals = uid(s, "GR03"), uid(s, "GR06")
        assert s.get(OrgUnit, dals).closed_on == dt.date(2024, 1, 1)
        assert reorg.unit_history(s, ekdal).predecessors[0][1:3] == ("Dalsskolan", "merge")
        indicator = s.execute(sa.text("select id from indicator where code='UB01'")).scalar()
        series = {p.period: p for p in reorg.unit_series(s, ekdal, indicator)}
        # A share is never summed: before the merge both schools are shown side by side …
        early = series["2023"]
        assert early.value is not None and early.combined is None
        assert [name for name, _ in early.parts] == ["Dalsskolan"]
        # … and after it only the merged school reports.
        assert series["2025"].value is not None and not series["2025"].parts
        # Dalsskolan reported nothing after it closed.
        assert not s.execute(sa.select(Result.id).join(Period).where(
            Result.unit_id == dals, Period.end_date >= dt.date(2024, 1, 1))).first()
        merged = reorg.merged_series(s, ekdal)
        assert "UB01" in [m.indicator_code for m in merged]


def test_counts_are_summed_through_a_merge(demo_store):
    with demo_store.transaction() as s:
        a, b = uid(s, "HT01"), uid(s, "HT02")
        counted = s.execute(sa.text("select id from indicator where unit_of_measure='antal'")).scalars().first()
        reorg.merge_units(s, [b], a, dt.date(2027, 1, 1))
        series = {p.period: p for p in reorg.unit_series(s, a, counted)}
    point = next(p for p in series.values() if p.value is not None and p.parts)
    assert point.combined == pytest.approx(point.value + sum(v for _, v in point.parts))


def test_split_creates_successors_beside_the_unit(demo_store):
    with demo_store.session() as s:
        before = org_state(s)
    with demo_store.transaction() as s:
        ht = uid(s, "HT")
        created, journal = reorg.split_unit(s, ht, [("HTN", "Hemtjänst norra"), ("HTS", "Hemtjänst södra")],
                                            dt.date(2027, 1, 1))
    with demo_store.session() as s:
        assert [s.get(OrgUnit, c).parent.code for c in created] == ["OF", "OF"]
        assert s.get(OrgUnit, uid(s, "HT01")).parent_id == created[0]
        assert reorg.parent_on(s, uid(s, "HT01"), dt.date(2026, 12, 31)) == ht
        assert [n for _, n, _, _ in reorg.unit_history(s, ht).successors] == ["Hemtjänst norra", "Hemtjänst södra"]
    with demo_store.transaction() as s:
        undo(s, journal)
    with demo_store.session() as s:
        assert org_state(s) == before


def test_impact_of_moving_a_service_area_to_another_committee(demo_store):
    with demo_store.session() as s:
        found = reorg.impact(s, [uid(s, "HT")], uid(s, "HSF"))
        areas = found.counts()
        assert areas.get("delegation", 0) > 0  # omsorgsnämndens delegationsordning
        assert areas.get("programme") == 1
        lines = found.lines()
        assert any(line.startswith("Styrdokument\tDelegationsordning för omsorgsnämnden") and
                   "revidering" in line for line in lines)
        # Moving within the same nämnd does not touch the nämnd's documents.
        same = reorg.impact(s, [uid(s, "HT01")], uid(s, "SÄBO"))
        assert "delegation" not in same.counts()


def test_flagging_the_delegation_order_is_undone_with_the_move(demo_store):
    with demo_store.session() as s:
        before = org_state(s)
    with demo_store.transaction() as s:
        journal = reorg.reorganise(s, [uid(s, "HT")], uid(s, "HSF"), dt.date(2027, 1, 1), flag_delegation=True)
        due = s.execute(sa.select(Directive.review_due).where(Directive.title.like("Delegationsordning%"))).scalar()
        assert due == dt.date(2027, 1, 1)
        reorg.undo_reorganisation(s, journal, "flytt")
    with demo_store.session() as s:
        assert org_state(s) == before


def test_contract_warning_within_the_period(demo_store):
    with demo_store.transaction() as s:
        org.update_unit(s, uid(s, "GR04"), {"contract_end": dt.date(2026, 6, 30)})
    with demo_store.session() as s:
        ending = org.contracts_ending(s, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
        assert ("Friskolan Kunskapsvägen", dt.date(2026, 6, 30)) in [(n, d) for _, n, d in ending]
    assert org.contract_ends_within(dt.date(2026, 6, 30), dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert not org.contract_ends_within(dt.date(2027, 6, 30), dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def test_reorganisations_and_strategies_survive_an_export_and_import(demo_store, demo_path, tmp_path):
    from app.cli import main
    from app.services.exchange.export import export_database
    from app.services.goals import strategies
    from app.services.goals.editing import goal_id_by_code
    from tests.domain.database_content import table_contents

    with demo_store.transaction() as s:
        org.move_units(s, [uid(s, "HT")], uid(s, "HSF"), effective_on=dt.date(2027, 1, 1))
        strategy = strategies.create_strategy(s, "Digitalt först", code="S1", owner_unit_id=uid(s, "RS"))
        strategies.link_goal(s, strategy, goal_id_by_code(s, "1.1"))
    workbook = tmp_path / "allt.xlsx"
    with demo_store.session() as s:
        export_database(s, workbook)
    target = tmp_path / "ny.sqlite"
    assert main(["new", "--db", str(target)]) == 0  # no command but new and demo creates a database
    assert main(["import", str(workbook), "--db", str(target)]) == 0
    before, after = table_contents(demo_path), table_contents(target)
    for table in ("org_unit", "org_unit_line", "org_unit_link", "strategy", "strategy_goal"):
        assert before[table], table
        assert after[table] == before[table], table


def test_steering_model_names_levels_and_limits_depth(demo_store):
    from app.services.goals import editing as goals
    from app.services.goals import steering_model as sm

    with demo_store.session() as s:
        assert sm.steering_model(s) == sm.SKR_DEFAULT
    regional = sm.parse_model({"name": "Region", "levels": [
        {"sv": "Vision", "en": "Vision"}, {"sv": "Strategiskt område", "en": "Strategic area"},
        {"sv": "Inriktningsmål", "en": "Direction goal", "adopted_by": "administration"}]})
    with demo_store.transaction() as s, pytest.raises(RuleViolation, match="11 mål på nivåer under inriktningsmål"):
        sm.set_steering_model(s, regional)  # the demo has delmål: a depth of 3 would orphan them
    four = sm.parse_model({"name": "Region", "levels": [
        {"sv": "Vision"}, {"sv": "Strategiskt område"}, {"sv": "Inriktningsmål"}, {"sv": "Effektmål",
                                                                                   "adopted_by": "administration"}]})
    with demo_store.transaction() as s:
        sm.set_steering_model(s, four)
    with demo_store.session() as s:
        model = sm.steering_model(s)
        assert model.label("sub_goal") == "Effektmål" and model.level("goal").adopted_by == "political"
        with pytest.raises(RuleViolation, match="Effektmål är styrmodellens lägsta nivå"):
            goals.child_level(s, goals.goal_id_by_code(s, "1.1.1"))
    with pytest.raises(RuleViolation, match="3–4 nivåer"):
        sm.parse_model({"levels": [{"sv": "Vision"}]})


def test_the_pack_shows_a_goals_strategies_and_the_organisation_of_its_period(demo_store, tmp_path):
    from pypdf import PdfReader

    from app.services.goals import strategies
    from app.services.goals.editing import goal_id_by_code
    from app.services.packs import PackOptions, generate

    with demo_store.transaction() as s:
        strategy = strategies.create_strategy(s, "Nära vård först", owner_unit_id=uid(s, "HSN"))
        strategies.link_goal(s, strategy, goal_id_by_code(s, "1.1"))
        # Hemtjänst moves to the hälso- och sjukvårdsnämnd from 2026: the 2025 pack of omsorgsnämnden
        # still covers it, as the organisation stood then.
        org.move_units(s, [uid(s, "HT")], uid(s, "HSF"), effective_on=dt.date(2026, 1, 1))
    path = tmp_path / "hela.pdf"
    generate(demo_store, PackOptions(None, "2025", dt.date(2026, 1, 31)), path)
    text = " ".join(p.extract_text() for p in PdfReader(path).pages).replace("\xa0", " ")
    assert "Strategier: Nära vård först" in text
    with demo_store.session() as s:
        from app.services.packs import build_pack

        pack_2025 = build_pack(s, PackOptions("ON", "2025", dt.date(2026, 1, 31)))
        pack_2026 = build_pack(s, PackOptions("ON", "2026", dt.date(2026, 1, 31)))
    owners_2025 = {g.owner for a in pack_2025.areas for g in a.goals}
    owners_2026 = {g.owner for a in pack_2026.areas for g in a.goals}
    assert "Hemtjänst" in owners_2025
    assert "Hemtjänst" not in owners_2026


def test_results_grid_and_missing_reports_use_the_organisation_of_the_period(demo_store):
    from app.services.followup.assessment import providers_not_reported
    from app.services.followup.results import ResultFilter, result_grid

    with demo_store.transaction() as s:
        org.move_units(s, [uid(s, "HT")], uid(s, "HSF"), effective_on=dt.date(2026, 1, 1))
    with demo_store.session() as s:
        on, ht01 = uid(s, "ON"), uid(s, "HT01")
        assert ht01 in {row.unit_id for row in result_grid(s, ResultFilter("2025", on))}
        assert ht01 not in {row.unit_id for row in result_grid(s, ResultFilter("2026", on))}
        assert ht01 in {row.unit_id for row in result_grid(s, ResultFilter("2026", uid(s, "HSN")))}
        providers_not_reported(s, "2025", on)  # runs with the period's organisation


def test_a_kolada_id_still_published_after_a_merge_lands_on_the_successor(demo_store, demo_path, tmp_path):
    from app.cli import main
    from tests.domain.test_exchange_import import workbook

    demo_store.close()
    # Dalsskolan (Kolada V15E999900104) merged into Ekdalsskolan on 2024-01-01 (the demo).
    path = workbook(tmp_path / "kolada.xlsx", [["Indikator", "Enhet", "Period", "Utfall"],
                                               ["UB01", "V15E999900104", "2023", 61.5],
                                               ["UB01", "V15E999900104", "2026", 77.25]])
    # 2023 is a closed period in the demo: importing into it is an explicit choice (issue 11).
    assert main(["import", str(path), "--db", str(demo_path), "--closed-periods"]) == 0
    from app.models.store import open_store

    store = open_store(demo_path)
    with store.session() as s:
        def owner(period, value):
            return s.execute(sa.select(OrgUnit.code).join(Result, Result.unit_id == OrgUnit.id).join(Period)
                             .where(Period.code == period, Result.value == value)).scalar()
        assert owner("2023", 61.5) == "GR06"
        assert owner("2026", 77.25) == "GR03"
    store.close()


def test_a_merged_units_kolada_id_and_its_successors_code_for_one_period_are_a_duplicate(demo_path, tmp_path,
                                                                                          capsys):
    from app.cli import main
    from tests.domain.test_exchange_import import workbook

    path = workbook(tmp_path / "dubbel.xlsx", [["Indikator", "Enhet", "Period", "Utfall"],
                                               ["UB01", "GR03", "2026", 70],
                                               ["UB01", "V15E999900104", "2026", 71]])
    assert main(["import", str(path), "--db", str(demo_path)]) == 2
    assert "dubblett" in capsys.readouterr().err
