"""Status boundaries, roll-up rules and manual overrides."""

import pytest
import sqlalchemy as sa

from app.models import Assessment, Direction, Goal, Period, Status, ToleranceKind
from app.services.followup.status import (
    RollupRule,
    Trend,
    combine,
    compute_follow_up,
    explain,
    result_status,
    trend,
)

H, L = Direction.HIGHER_BETTER, Direction.LOWER_BETTER
ABS, PCT = ToleranceKind.ABSOLUTE, ToleranceKind.PERCENT


@pytest.mark.parametrize(
    "value, target, direction, tolerance, kind, expected",
    [
        (85, 85, H, 5, ABS, Status.MET),
        (85.0001, 85, H, 5, ABS, Status.MET),
        (84.99, 85, H, 5, ABS, Status.PARTLY_MET),
        (80, 85, H, 5, ABS, Status.PARTLY_MET),
        (79.99, 85, H, 5, ABS, Status.NOT_MET),
        (50, 50, L, 10, ABS, Status.MET),
        (60, 50, L, 10, ABS, Status.PARTLY_MET),
        (60.01, 50, L, 10, ABS, Status.NOT_MET),
        (104, 100, L, 5, PCT, Status.PARTLY_MET),
        (105, 100, L, 5, PCT, Status.PARTLY_MET),
        (106, 100, L, 5, PCT, Status.NOT_MET),
        (190, 200, H, 5, PCT, Status.PARTLY_MET),
        (189, 200, H, 5, PCT, Status.NOT_MET),
        (None, 85, H, 5, ABS, Status.NOT_ASSESSED),
        (85, None, H, 5, ABS, Status.NOT_ASSESSED),
    ],
)
def test_result_status_boundaries(value, target, direction, tolerance, kind, expected):
    assert result_status(value, target, direction, tolerance, kind) is expected


def test_trend_respects_direction_and_precision():
    assert trend(81, 80, H, 0) is Trend.IMPROVING
    assert trend(81, 80, L, 0) is Trend.WORSENING
    assert trend(80.04, 80.0, H, 1) is Trend.UNCHANGED
    assert trend(80, None, H, 1) is None


def test_rollup_rules():
    met, partly, not_met, none = Status.MET, Status.PARTLY_MET, Status.NOT_MET, Status.NOT_ASSESSED
    assert combine([(met, 1), (met, 1), (partly, 1), (none, 1)], RollupRule.WEIGHTED_SHARE)[0] is met
    assert combine([(met, 1), (not_met, 1)], RollupRule.WEIGHTED_SHARE)[0] is partly
    assert combine([(met, 1), (not_met, 3)], RollupRule.WEIGHTED_SHARE)[0] is not_met
    assert combine([(met, 3), (not_met, 1)], RollupRule.WEIGHTED_SHARE)[0] is met
    assert combine([(met, 1), (partly, 1), (not_met, 0)], RollupRule.WORST)[0] is partly
    assert combine([(none, 1)], RollupRule.WEIGHTED_SHARE) == (none, None)
    assert combine([], RollupRule.WORST) == (none, None)


def goal_id(session, code):
    return session.execute(sa.select(Goal.id).where(Goal.code == code)).scalar_one()


def test_demo_follow_up_assesses_every_measured_goal(demo_store):
    with demo_store.session() as s:
        follow_up = compute_follow_up(s, "2025")
        assert len(follow_up.goals) == s.execute(sa.select(sa.func.count()).select_from(Goal)).scalar()
        vision = follow_up.goals[goal_id(s, "V")]
        assert vision.status is not Status.NOT_ASSESSED
        counts = follow_up.counts()
        assert counts[Status.MET] + counts[Status.PARTLY_MET] + counts[Status.NOT_MET] >= 30
        outcome = follow_up.goals[goal_id(s, "3.1")]
        assert {o.code for o in outcome.indicators} == {"OM01", "OM03"}
        assert all(o.target is not None and o.value is not None for o in outcome.indicators)
        assert all(o.units_reporting >= 3 for o in outcome.indicators)


def test_manual_assessment_overrides_and_rolls_up(demo_store):
    with demo_store.transaction() as s:
        period_id = s.execute(sa.select(Period.id).where(Period.code == "2025")).scalar_one()
        for code in ("3.1", "3.1.1", "3.2", "3.2.1", "3.3"):
            s.add(Assessment(goal_id=goal_id(s, code), unit_id=None, period_id=period_id,
                             status=Status.NOT_MET, manual=True, justification="Dialogmöten visar brister."))
    with demo_store.session() as s:
        follow_up = compute_follow_up(s, "2025")
        area = follow_up.goals[goal_id(s, "3")]
        assert area.status is Status.NOT_MET
        assert follow_up.goals[goal_id(s, "3.1")].manual
        titles = {goal_id(s, "3.1"): "Brukarna är nöjda med hemtjänsten"}
        lines = explain(follow_up, goal_id(s, "3.1"), titles)
        assert lines[0] == "Brukarna är nöjda med hemtjänsten: Ej uppfyllt"
        assert lines[1] == "Manuell bedömning: Dialogmöten visar brister."
        assert any("OM01" in line and "→" in line for line in lines)


def test_scope_of_one_provider_uses_its_own_results(demo_store):
    from app.models import OrgUnit

    with demo_store.session() as s:
        unit = s.execute(sa.select(OrgUnit.id).where(OrgUnit.code == "HT04")).scalar_one()
        follow_up = compute_follow_up(s, "2025", scope_unit_id=unit)
        outcome = follow_up.goals[goal_id(s, "3.1")]
        assert all(o.units_reporting <= 1 for o in outcome.indicators)
        # Goals whose indicators the provider does not report stay ej bedömt.
        assert follow_up.goals[goal_id(s, "2.1")].status is Status.NOT_ASSESSED


def test_worst_rule_is_never_kinder_than_the_share_rule(demo_store):
    severity = {Status.MET: 0, Status.PARTLY_MET: 1, Status.NOT_MET: 2, Status.NOT_ASSESSED: -1}
    with demo_store.session() as s:
        share = compute_follow_up(s, "2025")
        worst = compute_follow_up(s, "2025", rule=RollupRule.WORST)
    for goal, outcome in share.goals.items():
        assert severity[worst.goals[goal].status] >= severity[outcome.status]
