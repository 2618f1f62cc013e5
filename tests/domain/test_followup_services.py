"""Targets, results, assessments, dialogue meetings and the attention lists, on the demo region."""

import datetime as dt

import pytest
import sqlalchemy as sa

from app.models import (
    AuditEntry,
    Gender,
    Goal,
    Indicator,
    OrgUnit,
    Period,
    ProviderType,
    Status,
    ToleranceKind,
)
from app.models.errors import RuleViolation
from app.services.followup import assessment as followup
from app.services.followup import results, targets
from app.services.followup.status import RollupRule, compute_follow_up, rollup_rule, set_rollup_rule


def ids(s, model, code):
    return s.execute(sa.select(model.id).where(model.code == code)).scalar_one()


def test_set_target_per_unit_wins_and_undo_restores(demo_store):
    with demo_store.transaction() as s:
        om01, ht04 = ids(s, Indicator, "OM01"), ids(s, OrgUnit, "HT04")
        general = targets.get_target(s, om01, "2025", None)
        assert general is not None
        assert targets.set_target(s, om01, "2025", ht04, 99) is None
    with demo_store.session() as s:
        own = compute_follow_up(s, "2025", scope_unit_id=ht04)
        outcome = next(o for g in own.goals.values() for o in g.indicators if o.code == "OM01")
        assert outcome.target == 99
        assert targets.get_target(s, om01, "2025", None) == general
    with demo_store.transaction() as s:
        assert targets.set_target(s, om01, "2025", ht04, None) == 99
        assert targets.get_target(s, om01, "2025", ht04) is None
        with pytest.raises(RuleViolation):
            targets.set_target(s, om01, "2025", None, 140)  # a share above 100 %


def test_copy_a_year_forward_keeps_existing_targets(demo_store):
    with demo_store.transaction() as s:
        om01 = ids(s, Indicator, "OM01")
        targets.set_target(s, om01, "2027", None, 50)
        created = targets.copy_targets_forward(s, 2025, 2027)
        assert created
        assert targets.get_target(s, om01, "2027", None) == 50
        hs01 = ids(s, Indicator, "HS01")
        assert targets.get_target(s, hs01, "2027", None) == targets.get_target(s, hs01, "2025", None)
        targets.delete_targets(s, created)
        assert targets.get_target(s, hs01, "2027", None) is None


def test_tolerance_changes_status_and_is_audited(demo_store):
    with demo_store.transaction() as s:
        om01 = ids(s, Indicator, "OM01")
        old = targets.set_tolerance(s, om01, 50, ToleranceKind.PERCENT)
        assert old == (4, ToleranceKind.ABSOLUTE)
        entries = s.execute(sa.select(AuditEntry.field).where(AuditEntry.entity == "indicator",
                                                              AuditEntry.entity_id == om01)).scalars().all()
        assert set(entries) == {"tolerance", "tolerance_kind"}


def test_result_for_closed_period_is_late_and_restorable(demo_store):
    with demo_store.transaction() as s:
        om01, ht04 = ids(s, Indicator, "OM01"), ids(s, OrgUnit, "HT04")
        assert s.execute(sa.select(Period.closed).where(Period.code == "2024")).scalar_one()
        old = results.set_result(s, om01, ht04, "2024", Gender.TOTAL, 77)
        assert old.value is not None and not old.late
        now = results.get_result(s, om01, ht04, "2024")
        assert now.value == 77 and now.late
        results.set_result(s, om01, ht04, "2024", Gender.TOTAL, None, restore=old)
        assert results.get_result(s, om01, ht04, "2024") == old
        open_old = results.set_result(s, om01, ht04, "2025", Gender.WOMEN, 91)
        assert not results.get_result(s, om01, ht04, "2025", Gender.WOMEN).late
        results.set_result(s, om01, ht04, "2025", Gender.WOMEN, None, restore=open_old)
        with pytest.raises(RuleViolation):
            results.set_result(s, om01, ht04, "2025", Gender.TOTAL, 101)


def test_result_grid_filters(demo_store):
    with demo_store.session() as s:
        everything = results.result_grid(s, results.ResultFilter("2025"))
        external = results.result_grid(s, results.ResultFilter("2025", provider_type=ProviderType.EXTERNAL))
        area = results.result_grid(s, results.ResultFilter("2025", service_area=results.service_areas(s)[0]))
        assert 0 < len(external) < len(everything) and 0 < len(area) < len(everything)
        assert all(r.provider_type is ProviderType.EXTERNAL for r in external)
        om01 = next(r for r in everything if r.indicator_code == "OM01" and r.values[Gender.TOTAL] is not None)
        assert om01.values[Gender.WOMEN] is not None and om01.target is not None
        assert om01.status is not Status.NOT_ASSESSED


def test_manual_assessment_needs_justification_and_is_manual(demo_store):
    with demo_store.transaction() as s:
        goal = ids(s, Goal, "3.1")
        with pytest.raises(RuleViolation):
            followup.save_assessment(s, goal, None, "2025", followup.AssessmentData(Status.NOT_MET))
        meeting = followup.add_meeting(s, followup.MeetingData(
            ids(s, OrgUnit, "HT04"), dt.date(2026, 2, 3), "2025", "Verksamhetschef, controller",
            "Schemat styr kontinuiteten.", "Pröva mindre arbetslag.", (goal,)))
        old = followup.save_assessment(s, goal, None, "2025", followup.AssessmentData(
            Status.NOT_MET, "Dialogmötet visar brister.", "Analys", "Åtgärder", (meeting,)))
        assert old is None
    with demo_store.session() as s:
        outcome = compute_follow_up(s, "2025").goals[goal]
        assert outcome.manual and outcome.status is Status.NOT_MET
        saved = followup.get_assessment(s, goal, None, "2025")
        assert saved.meeting_ids == (meeting,) and saved.author
        assert meeting in [m.id for m in followup.meetings_for_goal(s, goal, "2025")]
        listed = followup.assessments_for_goal(s, goal, "2025")
        assert listed[0].unit_id is None and listed[0].manual_status is Status.NOT_MET
    with demo_store.transaction() as s:
        followup.save_assessment(s, goal, None, "2025", None)
        removed = followup.delete_meeting(s, meeting)
        assert followup.add_meeting(s, removed) == meeting


def test_attention_lists(demo_store):
    with demo_store.session() as s:
        thin = followup.goals_with_few_indicators(s, at_most=1)
        assert thin and all(g.indicator_count <= 1 for g in thin)
        missing = followup.providers_not_reported(s, "2025T3")
        assert missing and all(m.missing_codes for m in missing)


def test_rollup_rule_setting(demo_store):
    with demo_store.transaction() as s:
        assert rollup_rule(s) is RollupRule.WEIGHTED_SHARE
        assert set_rollup_rule(s, RollupRule.WORST) is RollupRule.WEIGHTED_SHARE
    with demo_store.session() as s:
        assert rollup_rule(s) is RollupRule.WORST
