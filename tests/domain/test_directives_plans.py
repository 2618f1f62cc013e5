"""Verksamhetsplaner, the provider programme and the årshjul, on Exempelregionen."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from app.models import ActivityState, Goal, Milestone, OrgUnit, ProviderType
from app.models.errors import RuleViolation
from app.services.governance import annual_cycle, plans, programme


def unit_id(session, code):
    return session.execute(sa.select(OrgUnit.id).where(OrgUnit.code == code)).scalar_one()


def goal_id(session, code):
    return session.execute(sa.select(Goal.id).where(Goal.code == code)).scalar_one()


def test_uncovered_goals_are_the_owners_goals_without_an_activity(demo_store):
    with demo_store.transaction() as s:
        plan = plans.plan_for(s, unit_id(s, "GR01"), 2026)
        owners = [g.code for g in plans.owner_goals(s, unit_id(s, "GR01"))]
        # Norrbyskolan answers to grundskolan's delmål and utbildningsnämndens mål, not to HSN's.
        assert owners == ["2.1", "2.1.1", "2.1.2", "2.2", "2.3", "2.4"]
        assert [g.code for g in plans.uncovered_goals(s, plan)] == ["2.1.1", "2.2", "2.4"]
        plans.add_activity(s, plan, {"title": "Studiehandledning på modersmål"}, [goal_id(s, "2.1.1")])
        assert [g.code for g in plans.uncovered_goals(s, plan)] == ["2.2", "2.4"]
        with pytest.raises(RuleViolation):
            plans.add_activity(s, plan, {"title": "X", "start_date": dt.date(2026, 5, 1),
                                         "end_date": dt.date(2026, 1, 1)})


def test_copying_last_years_plan_makes_a_draft_with_shifted_dates(demo_store):
    with demo_store.transaction() as s:
        source = plans.plan_for(s, unit_id(s, "PV01"), 2026)
        copy = plans.copy_plan(s, source)
        with pytest.raises(RuleViolation, match="redan en verksamhetsplan"):
            plans.copy_plan(s, source)
    with demo_store.session() as s:
        values = plans.plan_values(s, copy)
        assert values["year"] == 2027 and values["title"] == "Verksamhetsplan 2027 – Vårdcentralen Norrby"
        assert values["state"].value == "draft"
        before, after = plans.activities(s, source), plans.activities(s, copy)
        assert [a.title for a in after] == [a.title for a in before]
        assert after[0].start_date == dt.date(2027, 1, 15)
        assert {a.state for a in after} == {ActivityState.PLANNED} and {a.progress for a in after} == {0}
        assert [a.goal_codes for a in after] == [a.goal_codes for a in before]


def test_activity_update_and_delete_restore_goal_links(demo_store):
    with demo_store.transaction() as s:
        plan = plans.plan_for(s, unit_id(s, "HT01"), 2026)
        first = plans.activities(s, plan)[0]
        old = plans.update_activity(s, first.id, {"progress": 75, "goal_ids": (goal_id(s, "3.2"),)})
        assert plans.activities(s, plan)[0].goal_codes == "3.2"
        plans.update_activity(s, first.id, old)
        assert plans.activities(s, plan)[0].goal_codes == "3.1, 3.1.1"
        snapshot = plans.delete_activity(s, first.id)
        plans.restore_activity(s, snapshot)
        assert plans.activities(s, plan)[0] == first


def test_programme_covers_every_service_area_and_every_provider_on_equal_terms(demo_store):
    with demo_store.session() as s:
        prog = programme.generate(s, programme.term_of(2025))
        providers = s.execute(sa.select(OrgUnit.name).where(OrgUnit.provider_type.is_not(None))).scalars().all()
    assert prog.term == 2023 and prog.title.endswith("2023–2026")
    areas = {a.name: a for a in prog.areas}
    assert set(areas) == {"Primärvård", "Specialiserad vård", "Grundskola", "Gymnasieskola", "Hemtjänst",
                          "Särskilt boende", "Kollektivtrafik", "Tandvård"}
    assert sorted(p.name for a in prog.areas for p in a.providers) == sorted(providers)
    home = areas["Hemtjänst"]
    assert home.committee == "Omsorgsnämnden"
    assert {"3.1", "3.1.1", "3.3"} <= {g.code for g in home.goals}
    assert "1.1" not in {g.code for g in home.goals}
    assert {"OM01", "OM02", "OM08"} <= {i.code for i in home.indicators}
    assert {p.provider_type for p in home.providers} == {ProviderType.IN_HOUSE, ProviderType.EXTERNAL}
    external = next(p for p in home.providers if p.provider_type is ProviderType.EXTERNAL)
    assert "avtalsuppföljning" in external.how and "2026-12-31" in external.when
    assert all(p.when.startswith("Tertialvis") for p in home.providers)  # OM02 is reported per tertial
    text = programme.to_markdown(prog)
    assert "## Särskilt boende" in text and "| Ekens äldreboende | Idéburen utförare |" in text
    assert "kommunallagen" in text


def test_programme_text_is_stored_per_term(demo_store):
    with demo_store.transaction() as s:
        old = programme.set_programme_text(s, 2023, "intro", "Vår egen inledning.")
    with demo_store.session() as s:
        assert programme.generate(s, 2023).intro == "Vår egen inledning."
        assert programme.generate(s, 2027).intro == old == programme.DEFAULT_TEXT["intro"]
        assert "Vår egen inledning." in programme.to_html(programme.generate(s, 2023))


def test_annual_cycle_joins_derived_and_editable_milestones(demo_store):
    with demo_store.transaction() as s:
        new = annual_cycle.add_milestone(s, {"title": "Internkontrollplan 2027", "due_on": dt.date(2026, 12, 9),
                                             "kind": "council"})
        with pytest.raises(RuleViolation):
            annual_cycle.add_milestone(s, {"title": " ", "due_on": dt.date(2026, 1, 1)})
    with demo_store.session() as s:
        events = annual_cycle.events(s, 2026)
    titles = [e.title for e in events]
    assert titles.index("Tertialrapport T1 2026") < titles.index("Delårsrapport jan–aug 2026")
    assert "Årsredovisning 2025" in titles and "Revideras senast: Personalpolicy" in titles
    assert "Verksamhetsplaner 2027 fastställs" in titles
    mine = next(e for e in events if e.title == "Internkontrollplan 2027")
    assert mine.milestone_id == new and mine.due_on == dt.date(2026, 12, 9)
    assert [e.due_on for e in events] == sorted(e.due_on for e in events)
    with demo_store.transaction() as s:
        annual_cycle.delete_milestone(s, new)
        assert s.get(Milestone, new) is None
