"""Through the undo stack, as the GUI does it: any sequence of goal commands, undone, restores the
tree exactly; redone, gives the same tree as before the undo."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.commands import EditContext
from app.commands.goals import (
    CreateGoalCommand,
    DeleteGoalsCommand,
    IndentGoalCommand,
    LinkIndicatorCommand,
    MoveGoalsCommand,
    OutdentGoalCommand,
    ReorderGoalCommand,
    UnlinkIndicatorCommand,
    UpdateGoalCommand,
)
from app.models import Goal, Indicator
from tests.domain.test_goals_editing import tree_state

pytestmark = pytest.mark.slow  # property test: many command sequences

KINDS = ["move", "move2", "reorder", "indent", "outdent", "delete", "create", "title", "link", "unlink"]
steps_strategy = st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 999), st.integers(0, 999),
                                    st.integers(-1, 5)), min_size=1, max_size=10)


def make_command(context, session, kind, a, b, row):
    goal_ids = sorted(session.execute(sa.select(Goal.id)).scalars())
    if not goal_ids:
        return None
    first, second = goal_ids[a % len(goal_ids)], goal_ids[b % len(goal_ids)]
    indicators = sorted(session.execute(sa.select(Indicator.id)).scalars())
    indicator = indicators[b % len(indicators)]
    return {
        "move": lambda: MoveGoalsCommand(context, [first], second, row),
        "move2": lambda: MoveGoalsCommand(context, [first, goal_ids[(a + 7) % len(goal_ids)]], second, row),
        "reorder": lambda: ReorderGoalCommand(context, first, 1 if row % 2 else -1),
        "indent": lambda: IndentGoalCommand(context, first),
        "outdent": lambda: OutdentGoalCommand(context, first),
        "delete": lambda: DeleteGoalsCommand(context, [first]),
        "create": lambda: CreateGoalCommand(context, first, "Nytt", row),
        "title": lambda: UpdateGoalCommand(context, first, {"title": f"Titel {b}"}),
        "link": lambda: LinkIndicatorCommand(context, first, indicator),
        "unlink": lambda: UnlinkIndicatorCommand(context, first, indicator),
    }[kind]()


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=steps_strategy)
def test_undo_all_then_redo_all(qapp, demo_store, steps):
    context = EditContext(demo_store)
    with demo_store.session() as s:
        original = tree_state(s)
        ids = sorted(s.execute(sa.select(Goal.id)).scalars())
    # Renaming a goal is always allowed: every example applies at least one edit.
    steps = [("title", 0, len(ids) + 1, -1), *steps]
    accepted = 0
    try:
        for kind, a, b, row in steps:
            with demo_store.session() as s:
                command = make_command(context, s, kind, a, b, row)
                before = tree_state(s)
            if command is None:
                continue
            if context.push(command):  # refused ones are not on the stack and change nothing
                accepted += 1
                with demo_store.session() as s:
                    # A move may put a goal where it is; a title may be the one it has.
                    assert tree_state(s) != before or kind in ("move", "move2", "title"), kind
            else:
                with demo_store.session() as s:
                    assert tree_state(s) == before, f"a refused {kind} changed the tree"
        assert accepted >= 1
        with demo_store.session() as s:
            edited = tree_state(s)
        assert edited != original or accepted > 1
        pushed = context.undo_stack.count()
        assert pushed == accepted
        while context.undo_stack.canUndo():
            context.undo_stack.undo()
        with demo_store.session() as s:
            assert tree_state(s) == original
        while context.undo_stack.canRedo():
            context.undo_stack.redo()
        assert context.undo_stack.count() == pushed
        with demo_store.session() as s:
            assert tree_state(s) == edited
    finally:
        while context.undo_stack.canUndo():
            context.undo_stack.undo()
