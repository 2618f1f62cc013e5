"""One edited result or target updates only the statuses it affects, to the same answer as a
full recompute; goal trends compare against the previous comparable period."""

import sqlalchemy as sa

from app.models import Assessment, Gender, Goal, Indicator, OrgUnit, Period, Status
from app.services.followup import results, targets
from app.services.followup.status import RollupRule, Trend, compute_follow_up, goal_trends, refresh_indicator


def ids(s, model, code):
    return s.execute(sa.select(model.id).where(model.code == code)).scalar_one()


def test_refresh_after_edits_equals_full_recompute(demo_store):
    with demo_store.session() as s:
        follow_up = compute_follow_up(s, "2025")
        scoped = compute_follow_up(s, "2025", scope_unit_id=ids(s, OrgUnit, "ON"), rule=RollupRule.WORST)
    with demo_store.transaction() as s:
        om01 = ids(s, Indicator, "OM01")
        for code in ("HT01", "HT02", "HT03", "HT04"):
            results.set_result(s, om01, ids(s, OrgUnit, code), "2025", Gender.TOTAL, 20)
    with demo_store.session() as s:
        changed = refresh_indicator(s, follow_up, om01)
        refresh_indicator(s, scoped, om01)
        full = compute_follow_up(s, "2025")
        assert follow_up.goals == full.goals
        assert scoped.goals == compute_follow_up(s, "2025", scope_unit_id=ids(s, OrgUnit, "ON"),
                                                 rule=RollupRule.WORST).goals
        # Only the goals linking OM01 and their ancestors, not the whole tree.
        assert ids(s, Goal, "3.1") in changed and ids(s, Goal, "2.1") not in changed
        assert len(changed) < len(full.goals) / 3
    with demo_store.transaction() as s:
        targets.set_target(s, om01, "2025", None, 10)
    with demo_store.session() as s:
        refresh_indicator(s, follow_up, om01)
        assert follow_up.goals == compute_follow_up(s, "2025").goals


def test_refresh_keeps_manual_status(demo_store):
    with demo_store.transaction() as s:
        period = s.execute(sa.select(Period.id).where(Period.code == "2025")).scalar_one()
        s.add(Assessment(goal_id=ids(s, Goal, "3.1"), unit_id=None, period_id=period, status=Status.MET,
                         manual=True, justification="Dialog"))
    with demo_store.session() as s:
        follow_up = compute_follow_up(s, "2025")
    with demo_store.transaction() as s:
        om01 = ids(s, Indicator, "OM01")
        results.set_result(s, om01, ids(s, OrgUnit, "HT01"), "2025", Gender.TOTAL, 5)
    with demo_store.session() as s:
        refresh_indicator(s, follow_up, om01)
        assert follow_up.goals[ids(s, Goal, "3.1")].status is Status.MET
        assert follow_up.goals == compute_follow_up(s, "2025").goals


def test_goal_trend_against_previous_year(demo_store):
    with demo_store.session() as s:
        now = compute_follow_up(s, "2025")
        before = compute_follow_up(s, "2024")
        trends = goal_trends(now, before)
        assert set(trends) == set(now.goals)
        assert {Trend.IMPROVING, Trend.WORSENING, Trend.UNCHANGED} & set(trends.values())
        for goal_id, t in trends.items():
            a, b = now.goals[goal_id], before.goals[goal_id]
            if t is Trend.IMPROVING and a.score is not None and b.score is not None:
                assert a.score > b.score
        assert all(t is None for t in goal_trends(now, None).values())
