"""Editing the goal hierarchy in the domain: rules, moves that write little, delete and restore."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.models import Assessment, AuditEntry, Goal, GoalIndicator, GoalLevel, Indicator
from app.models.errors import RuleViolation
from app.services.goals import editing as goals


def ids(session, **codes) -> dict[str, int]:
    return {name: session.execute(sa.select(Goal.id).where(Goal.code == code)).scalar_one()
            for name, code in codes.items()}


def tree_state(session) -> dict:
    """Everything undo must restore: ids, parents, positions, owners, links, assessments."""
    return {
        "goals": sorted(session.execute(
            sa.select(Goal.id, Goal.parent_id, Goal.position, Goal.level, Goal.title, Goal.owner_unit_id)).all()),
        "links": sorted(session.execute(
            sa.select(GoalIndicator.goal_id, GoalIndicator.indicator_id, GoalIndicator.weight,
                      GoalIndicator.position)).all()),
        "assessments": sorted(session.execute(sa.select(Assessment.id, Assessment.goal_id, Assessment.status)).all()),
    }


def children(session, parent_id) -> list[str]:
    return list(session.execute(sa.select(Goal.code).where(Goal.parent_id == parent_id)
                                .order_by(Goal.position, Goal.id)).scalars())


def test_move_goal_to_another_goal_area_keeps_its_subtree(demo_store):
    with demo_store.transaction() as s:
        g = ids(s, goal="1.1", area="3", sub="1.1.1")
        goals.move_goals(s, [g["goal"]], g["area"], 1)
    with demo_store.session() as s:
        assert children(s, g["area"]) == ["3.1", "1.1", "3.2", "3.3"]
        assert children(s, ids(s, a="1")["a"]) == ["1.2", "1.3", "1.4"]
        assert s.get(Goal, g["sub"]).parent_id == g["goal"]
        moves = s.execute(sa.select(AuditEntry).where(AuditEntry.action == "move")).scalars().all()
        assert [(m.entity_id, m.field, m.new_value) for m in moves] == [(g["goal"], "parent_id", str(g["area"]))]


@pytest.mark.parametrize(("moved", "target", "message"), [
    ("1", "1.1", "under itself or its own descendants"),
    ("1.1", "1.1.1", "under itself or its own descendants"),
    ("V", "1", "single root"),
    ("1.1.1", "2", "A sub-goal cannot be under a goal area"),
    ("1", "2", "A goal area cannot be under a goal area"),
    ("1.1", "V", "A goal cannot be under a vision"),
])
def test_invalid_moves_are_refused_with_a_reason(demo_store, moved, target, message):
    with demo_store.session() as s:
        before = tree_state(s)
        g = ids(s, moved=moved, target=target)
    with pytest.raises(RuleViolation) as refused, demo_store.transaction() as s:
        goals.move_goals(s, [g["moved"]], g["target"])
    assert message in refused.value.message("en")
    assert refused.value.message("sv") != refused.value.message("en")
    with demo_store.session() as s:
        assert tree_state(s) == before


def test_a_goal_may_sit_under_a_goal_and_a_root_is_refused(demo_store):
    with demo_store.transaction() as s:
        g = ids(s, a="1.2", b="1.1")
        goals.move_goals(s, [g["a"]], g["b"], 0)
        assert children(s, g["b"]) == ["1.2", "1.1.1", "1.1.2"]
        with pytest.raises(RuleViolation, match="Bara visionen"):
            goals.move_goals(s, [g["a"]], None)


def test_multi_select_move_keeps_order_and_drops_selected_descendants(demo_store):
    with demo_store.transaction() as s:
        g = ids(s, a="1.1", a1="1.1.1", b="2.1", target="4")
        goals.move_goals(s, [g["a"], g["a1"], g["b"]], g["target"], 0)
        assert children(s, g["target"]) == ["1.1", "2.1", "4.1", "4.2", "4.3"]
        assert children(s, g["a"]) == ["1.1.1", "1.1.2"]


def test_reorder_indent_outdent(demo_store):
    with demo_store.transaction() as s:
        g = ids(s, area="1", g2="1.2", g1="1.1")
        goals.reorder_goal(s, g["g2"], -1)
        assert children(s, g["area"]) == ["1.2", "1.1", "1.3", "1.4"]
        goals.reorder_goal(s, g["g2"], +1)
        assert children(s, g["area"]) == ["1.1", "1.2", "1.3", "1.4"]
        with pytest.raises(RuleViolation, match="redan först"):
            goals.reorder_goal(s, g["g1"], -1)
        goals.indent_goal(s, g["g2"])
        assert children(s, g["g1"]) == ["1.1.1", "1.1.2", "1.2"]
        goals.outdent_goal(s, g["g2"])
        assert children(s, g["area"]) == ["1.1", "1.2", "1.3", "1.4"]
        with pytest.raises(RuleViolation, match="single root"):
            try:
                goals.outdent_goal(s, g["area"])
            except RuleViolation as exc:
                raise RuleViolation(exc.en) from exc


def test_create_child_and_sibling_levels_and_single_vision(demo_store):
    with demo_store.transaction() as s:
        g = ids(s, area="1", goal="1.1", sub="1.1.1", vision="V")
        new_id, before = goals.create_goal(s, g["goal"], "Ny", row=0, owner_unit_id=None)
        assert s.get(Goal, new_id).level is GoalLevel.SUB_GOAL
        assert children(s, g["goal"])[1:] == ["1.1.1", "1.1.2"]
        goals.delete_goals(s, [new_id])
        goals.restore_placements(s, before, [])
        assert [p for p, in s.execute(sa.select(Goal.position).where(Goal.parent_id == g["goal"])
                                      .order_by(Goal.position))] == [0, 1]
        with pytest.raises(RuleViolation, match="Ett delmål kan inte brytas ned"):
            goals.create_goal(s, g["sub"], "Under delmål")
        with pytest.raises(RuleViolation, match="redan en vision"):
            goals.create_goal(s, None, "Vision två")
        with pytest.raises(RuleViolation, match="rubrik"):
            goals.create_goal(s, g["area"], "  ")


def test_update_checks_years_and_codes_and_audits_each_field(demo_store):
    with demo_store.transaction() as s:
        g = ids(s, goal="1.1")
        with pytest.raises(RuleViolation, match="före startåret"):
            goals.update_goal(s, g["goal"], {"start_year": 2030, "end_year": 2020})
        with pytest.raises(RuleViolation, match="används redan"):
            goals.update_goal(s, g["goal"], {"code": "1.2"})
        old = goals.update_goal(s, g["goal"], {"title": "Vård i rätt tid", "description": "Ny text"})
        assert old["title"] == "Vården ges i rätt tid"
        fields = s.execute(sa.select(AuditEntry.field).where(AuditEntry.entity == "goal",
                                                             AuditEntry.entity_id == g["goal"])).scalars().all()
        assert set(fields) == {"title", "description"}


def test_delete_summary_and_restore_exactly(demo_store):
    with demo_store.session() as s:
        before = tree_state(s)
        g = ids(s, area="1")
        summary = goals.deletion_summary(s, [g["area"]])
    assert summary.goals == 1
    assert summary.beneath == {GoalLevel.GOAL: 4, GoalLevel.SUB_GOAL: 3}
    assert summary.indicator_links > 0
    with demo_store.transaction() as s:
        snapshot = goals.delete_goals(s, [g["area"]])
        assert s.get(Goal, g["area"]) is None
    with demo_store.transaction() as s:
        goals.restore_goals(s, snapshot)
    with demo_store.session() as s:
        assert tree_state(s) == before
        history = s.execute(sa.select(AuditEntry.action).where(AuditEntry.entity == "goal",
                                                               AuditEntry.entity_id == g["area"])).scalars().all()
        assert [a.value for a in history] == ["delete", "create"]


def test_link_and_unlink_indicator(demo_store):
    with demo_store.transaction() as s:
        g = ids(s, goal="1.2")
        indicator = s.execute(sa.select(Indicator.id).order_by(Indicator.id.desc())).scalars().first()
        goals.link_indicator(s, g["goal"], indicator)
        with pytest.raises(RuleViolation, match="redan kopplad"):
            goals.link_indicator(s, g["goal"], indicator)
        assert indicator in [i.id for i in goals.goal_detail(s, g["goal"]).indicators]
        goals.unlink_indicator(s, g["goal"], indicator)
        assert indicator not in [i.id for i in goals.goal_detail(s, g["goal"]).indicators]


def test_search_matches_title_code_description_and_indicator_names_with_ancestors(demo_store):
    with demo_store.session() as s:
        g = ids(s, vision="V", area="1", goal="1.1", sub="1.1.1")
        found = goals.search_goals(s, "SAMMA DAG")
        assert found.matches == {g["sub"]}
        assert found.visible == {g["sub"], g["goal"], g["area"], g["vision"]}
        assert g["sub"] in goals.search_goals(s, "1.1.1").matches
        name = s.execute(sa.select(Indicator.name).join(GoalIndicator)
                         .where(GoalIndicator.goal_id == g["goal"])).scalars().first()
        assert g["goal"] in goals.search_goals(s, name.upper()).matches
        assert goals.search_goals(s, "").matches == set()


def test_cascade_groups_breakdown_by_owner_unit(demo_store):
    with demo_store.session() as s:
        g = ids(s, area="1")
        groups = goals.goal_cascade(s, g["area"])
        assert sum(len(group.goals) for group in groups) == 7
        owned = [group for group in groups if group.unit_id is not None]
        assert owned
        for group in owned:
            assert {c.id for c in goals.unit_goals(s, group.unit_id)} >= {c.id for c in group.goals}


# --- property: any sequence of edits, undone in reverse, restores the tree exactly -----------------

operations = st.lists(st.tuples(st.sampled_from(["move", "reorder", "indent", "outdent", "delete", "create"]),
                                st.integers(0, 10_000), st.integers(0, 10_000), st.integers(-1, 6)),
                      min_size=1, max_size=8)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=operations)
def test_undo_of_random_edits_restores_the_tree(demo_store, steps):
    # One store for every example: each example must leave it exactly as it found it.
    with demo_store.session() as s:
        original = tree_state(s)
        ids = sorted(s.execute(sa.select(Goal.id)).scalars())
        vision = s.execute(sa.select(Goal.id).where(Goal.parent_id.is_(None))).scalar_one()
    # A new goal under the vision is always allowed: every example applies at least one edit.
    steps = [("create", ids.index(vision), 0, -1), *steps]
    undo: list = []
    try:
        applied = _apply_random(demo_store, steps, undo)
        assert applied >= 1 and len(undo) == applied
    finally:
        for step in reversed(undo):
            with demo_store.transaction() as s:
                step(s)
    with demo_store.session() as s:
        assert tree_state(s) == original


def _apply_random(demo_store, steps, undo) -> int:
    """Apply the steps the rules allow; returns how many were applied. A refused step must leave
    the tree as it was; an applied one must change it (a move may put a goal where it already is)."""
    applied = 0
    for kind, a, b, row in steps:
        with demo_store.session() as s:
            all_ids = sorted(s.execute(sa.select(Goal.id)).scalars())
            before_step = tree_state(s)
        if not all_ids:  # the vision was deleted: nothing left to edit
            break
        first, second = all_ids[a % len(all_ids)], all_ids[b % len(all_ids)]
        try:
            with demo_store.transaction() as s:
                if kind == "move":
                    moved = [first, all_ids[(a + row) % len(all_ids)]] if row % 2 else [first]
                    before = goals.move_goals(s, moved, second, row)
                    undo.append(lambda s, before=before, moved=moved: goals.restore_placements(s, before, moved))
                elif kind in ("reorder", "indent", "outdent"):
                    if kind == "reorder":
                        before = goals.reorder_goal(s, first, 1 if row % 2 else -1)
                    else:
                        before = (goals.indent_goal if kind == "indent" else goals.outdent_goal)(s, first)
                    undo.append(lambda s, before=before, moved=[first]: goals.restore_placements(s, before, moved))
                elif kind == "delete":
                    snapshot = goals.delete_goals(s, [first])
                    undo.append(lambda s, snapshot=snapshot: goals.restore_goals(s, snapshot))
                else:
                    new_id, before = goals.create_goal(s, first, "Nytt", row=row)
                    undo.append(lambda s, new_id=new_id, before=before: (
                        goals.delete_goals(s, [new_id]), goals.restore_placements(s, before, [])))
        except RuleViolation:
            with demo_store.session() as s:
                assert tree_state(s) == before_step, f"a refused {kind} changed the tree"
            continue
        applied += 1
        with demo_store.session() as s:
            assert tree_state(s) != before_step or kind == "move", f"an applied {kind} changed nothing"
    return applied
