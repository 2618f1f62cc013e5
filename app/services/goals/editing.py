"""Goals: reading a goal with what hangs on it, and every edit of the goal hierarchy with its rules."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import (
    AdoptionState,
    Assessment,
    AuditAction,
    Goal,
    GoalIndicator,
    GoalLevel,
    Horizon,
    Indicator,
    OrgUnit,
    UnitKind,
)
from app.models.errors import RuleViolation
from app.services.platform import audit, audited
from app.services.platform.trees import goal_ancestor_ids


@dataclass
class LinkedIndicator:
    id: int
    code: str
    name: str
    unit_of_measure: str
    weight: float


@dataclass
class GoalDetail:
    id: int
    code: str | None
    title: str
    level: GoalLevel
    horizon: Horizon | None
    start_year: int | None
    end_year: int | None
    state: AdoptionState
    description: str
    owner_name: str | None
    parent_title: str | None
    child_count: int
    assessment_count: int
    indicators: list[LinkedIndicator] = field(default_factory=list)


def goal_detail(session: Session, goal_id: int) -> GoalDetail | None:
    goal = session.get(Goal, goal_id)
    if goal is None:
        return None
    links = session.execute(
        sa.select(Indicator, GoalIndicator.weight)
        .join(GoalIndicator, GoalIndicator.indicator_id == Indicator.id)
        .where(GoalIndicator.goal_id == goal_id)
        .order_by(GoalIndicator.position, Indicator.code)
    ).all()
    return GoalDetail(
        id=goal.id, code=goal.code, title=goal.title, level=goal.level, horizon=goal.horizon,
        start_year=goal.start_year, end_year=goal.end_year, state=goal.state, description=goal.description,
        owner_name=goal.owner.name if goal.owner else None,
        parent_title=goal.parent.title if goal.parent else None,
        child_count=session.execute(sa.select(sa.func.count()).where(Goal.parent_id == goal_id)).scalar_one(),
        assessment_count=session.execute(
            sa.select(sa.func.count()).where(Assessment.goal_id == goal_id)).scalar_one(),
        indicators=[LinkedIndicator(i.id, i.code, i.name, i.unit_of_measure, w) for i, w in links],
    )


# --- editing -------------------------------------------------------------------------------------
# Rules live here, not in the views: the command line, imports and the GUI refuse the same things
# with the same explanation.

ALLOWED_PARENTS: dict[GoalLevel, tuple[GoalLevel, ...]] = {
    GoalLevel.VISION: (),
    GoalLevel.GOAL_AREA: (GoalLevel.VISION,),
    GoalLevel.GOAL: (GoalLevel.GOAL_AREA, GoalLevel.GOAL),
    GoalLevel.SUB_GOAL: (GoalLevel.GOAL,),
}
CHILD_LEVEL: dict[GoalLevel, GoalLevel] = {
    GoalLevel.VISION: GoalLevel.GOAL_AREA,
    GoalLevel.GOAL_AREA: GoalLevel.GOAL,
    GoalLevel.GOAL: GoalLevel.SUB_GOAL,
}
EDITABLE_FIELDS = ("title", "code", "description", "horizon", "start_year", "end_year", "owner_unit_id", "state")

# id → (parent_id, position): where a set of goals sits, enough to put them back exactly.
Placement = dict[int, tuple[int | None, int]]

_goal = Goal.__table__


def _level(session: Session, goal_id: int) -> GoalLevel:
    level = session.execute(sa.select(Goal.level).where(Goal.id == goal_id)).scalar()
    if level is None:
        raise RuleViolation(f"Målet {goal_id} finns inte (längre).", f"Goal {goal_id} does not exist (any more).")
    return level


def _title(session: Session, goal_id: int) -> str:
    return session.execute(sa.select(Goal.title).where(Goal.id == goal_id)).scalar() or str(goal_id)


def check_parent(level: GoalLevel, parent_level: GoalLevel | None) -> None:
    """Refuse a parent of the wrong kind, saying which kinds are allowed."""
    allowed = ALLOWED_PARENTS[level]
    if parent_level is None and not allowed:
        return
    if parent_level is None:
        raise RuleViolation(
            f"Bara visionen kan ligga överst; ett {level.sv.lower()} måste ligga under "
            f"{' eller '.join(a.sv.lower() for a in allowed)}.",
            f"Only the vision can be at the top; a {level.en.lower()} must be under a "
            f"{' or '.join(a.en.lower() for a in allowed)}.")
    if not allowed:
        raise RuleViolation("Visionen är den enda roten och kan inte läggas under något annat.",
                            "The vision is the single root and cannot be placed under anything.")
    if parent_level not in allowed:
        raise RuleViolation(
            f"Ett {level.sv.lower()} kan inte ligga under ett {parent_level.sv.lower()}; det får ligga under "
            f"{' eller '.join(a.sv.lower() for a in allowed)}.",
            f"A {level.en.lower()} cannot be under a {parent_level.en.lower()}; it may be under a "
            f"{' or '.join(a.en.lower() for a in allowed)}.")


def child_level(session: Session, parent_id: int | None) -> GoalLevel:
    """The level a new goal under `parent_id` gets (None: a new vision in an empty tree)."""
    if parent_id is None:
        return GoalLevel.VISION
    parent_level = _level(session, parent_id)
    if parent_level not in CHILD_LEVEL:
        raise RuleViolation("Ett delmål kan inte brytas ned vidare.", "A sub-goal cannot be broken down further.")
    return CHILD_LEVEL[parent_level]


def _children_ids(session: Session, parent_id: int | None) -> list[int]:
    condition = _goal.c.parent_id.is_(None) if parent_id is None else _goal.c.parent_id == parent_id
    return list(session.execute(
        sa.select(_goal.c.id).where(condition).order_by(_goal.c.position, _goal.c.id)).scalars())


def placements(session: Session, parent_ids) -> Placement:
    """Where the children of these parents sit now."""
    result: Placement = {}
    for parent_id in set(parent_ids):
        condition = _goal.c.parent_id.is_(None) if parent_id is None else _goal.c.parent_id == parent_id
        for goal_id, position in session.execute(sa.select(_goal.c.id, _goal.c.position).where(condition)):
            result[goal_id] = (parent_id, position)
    return result


def _write_order(session: Session, parent_id: int | None, ordered: list[int], current: Placement,
                 moved: set[int]) -> None:
    """Number `ordered` 0..n-1 under `parent_id`, writing only the rows that change."""
    for position, goal_id in enumerate(ordered):
        if current.get(goal_id) != (parent_id, position):
            session.execute(sa.update(_goal).where(_goal.c.id == goal_id)
                            .values(parent_id=parent_id, position=position))
        if goal_id in moved:
            old_parent, old_position = current[goal_id]
            if old_parent != parent_id:
                audit.record(session, AuditAction.MOVE, "goal", goal_id, field="parent_id",
                             old=old_parent, new=parent_id, summary=_title(session, goal_id))
            elif old_position != position:
                audit.record(session, AuditAction.MOVE, "goal", goal_id, field="position",
                             old=old_position, new=position, summary=_title(session, goal_id))


def restore_placements(session: Session, before: Placement, moved) -> None:
    """Put goals back where `placements` found them (undo of a move, create or reorder)."""
    current = placements(session, {p for p, _ in before.values()})
    current.update(placements(session, {session.execute(
        sa.select(_goal.c.parent_id).where(_goal.c.id == goal_id)).scalar() for goal_id in moved}))
    moved = set(moved)
    for goal_id, (parent_id, position) in before.items():
        now = current.get(goal_id)
        if now is None or now == (parent_id, position):
            continue
        session.execute(sa.update(_goal).where(_goal.c.id == goal_id).values(parent_id=parent_id, position=position))
        if goal_id in moved:
            field_name = "parent_id" if now[0] != parent_id else "position"
            audit.record(session, AuditAction.MOVE, "goal", goal_id, field=field_name,
                         old=now[0] if field_name == "parent_id" else now[1],
                         new=parent_id if field_name == "parent_id" else position,
                         summary=_title(session, goal_id))


def top_level(session: Session, goal_ids) -> list[int]:
    """The given goals minus those under another given goal (they move or go along with it)."""
    chosen = set(goal_ids)
    return [g for g in dict.fromkeys(goal_ids) if not chosen.intersection(goal_ancestor_ids(session, g))]


def check_move(session: Session, goal_ids, new_parent_id: int | None) -> list[int]:
    """Refuse a move that breaks a rule; returns the goals that actually move."""
    moving = top_level(session, goal_ids)
    if not moving:
        raise RuleViolation("Inget mål är valt.", "No goal is selected.")
    parent_level = None if new_parent_id is None else _level(session, new_parent_id)
    above = set() if new_parent_id is None else {new_parent_id, *goal_ancestor_ids(session, new_parent_id)}
    for goal_id in moving:
        level = _level(session, goal_id)
        if level is GoalLevel.VISION:
            raise RuleViolation("Visionen är den enda roten och kan inte flyttas.",
                                "The vision is the single root and cannot be moved.")
        if goal_id in above:
            raise RuleViolation(
                f"”{_title(session, goal_id)}” kan inte flyttas in under sig själv eller sina egna delar.",
                f"“{_title(session, goal_id)}” cannot be moved under itself or its own descendants.")
        check_parent(level, parent_level)
    return moving


def move_goals(session: Session, goal_ids, new_parent_id: int | None, row: int = -1) -> Placement:
    """Move goals (with their subtrees) under `new_parent_id`, before the child now at `row`
    (-1: last). Writes only the moved goals' parent and position and their siblings' positions.
    Returns where everything was, for `restore_placements`."""
    moving = check_move(session, goal_ids, new_parent_id)
    old_parents = {session.execute(sa.select(_goal.c.parent_id).where(_goal.c.id == g)).scalar() for g in moving}
    before = placements(session, old_parents | {new_parent_id})
    target = _children_ids(session, new_parent_id)
    if row < 0 or row > len(target):
        row = len(target)
    anchor = sum(1 for g in target[:row] if g not in moving)
    remaining = [g for g in target if g not in moving]
    _write_order(session, new_parent_id, remaining[:anchor] + moving + remaining[anchor:], before, set(moving))
    for parent_id in old_parents - {new_parent_id}:
        _write_order(session, parent_id, [g for g in _children_ids(session, parent_id) if g not in moving],
                     before, set())
    return before


def reorder_goal(session: Session, goal_id: int, delta: int) -> Placement:
    """Move a goal up (delta -1) or down (+1) among its siblings."""
    parent_id = session.execute(sa.select(_goal.c.parent_id).where(_goal.c.id == goal_id)).scalar()
    siblings = _children_ids(session, parent_id)
    index = siblings.index(goal_id)
    if not 0 <= index + delta < len(siblings):
        edge_sv, edge_en = ("först", "first") if delta < 0 else ("sist", "last")
        raise RuleViolation(f"”{_title(session, goal_id)}” ligger redan {edge_sv}.",
                            f"“{_title(session, goal_id)}” is already {edge_en}.")
    return move_goals(session, [goal_id], parent_id, index + delta + (1 if delta > 0 else 0))


def indent_goal(session: Session, goal_id: int) -> Placement:
    """Make a goal the last child of the sibling above it."""
    parent_id = session.execute(sa.select(_goal.c.parent_id).where(_goal.c.id == goal_id)).scalar()
    siblings = _children_ids(session, parent_id)
    index = siblings.index(goal_id)
    if index == 0:
        raise RuleViolation(f"”{_title(session, goal_id)}” har inget mål ovanför sig att läggas under.",
                            f"“{_title(session, goal_id)}” has no goal above it to go under.")
    return move_goals(session, [goal_id], siblings[index - 1], -1)


def outdent_goal(session: Session, goal_id: int) -> Placement:
    """Make a goal the sibling right after its parent."""
    parent_id = session.execute(sa.select(_goal.c.parent_id).where(_goal.c.id == goal_id)).scalar()
    if parent_id is None:
        raise RuleViolation("Visionen ligger redan överst.", "The vision is already at the top.")
    grandparent = session.execute(sa.select(_goal.c.parent_id).where(_goal.c.id == parent_id)).scalar()
    if grandparent is None:
        raise RuleViolation(
            f"”{_title(session, goal_id)}” kan inte ligga bredvid visionen: visionen är den enda roten.",
            f"“{_title(session, goal_id)}” cannot sit beside the vision: the vision is the single root.")
    row = _children_ids(session, grandparent).index(parent_id) + 1
    return move_goals(session, [goal_id], grandparent, row)


def _check_fields(session: Session, goal_id: int | None, values: dict[str, object]) -> None:
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if "title" in values and not str(values["title"] or "").strip():
        raise RuleViolation("Ett mål måste ha en rubrik.", "A goal needs a title.")
    code = values.get("code")
    if code:
        clash = session.execute(sa.select(Goal.id).where(Goal.code == code, Goal.id != (goal_id or -1))).scalar()
        if clash is not None:
            raise RuleViolation(f"Koden {code} används redan av ”{_title(session, clash)}”.",
                                f"The code {code} is already used by “{_title(session, clash)}”.")
    if goal_id is not None:
        row = session.execute(sa.select(Goal.start_year, Goal.end_year).where(Goal.id == goal_id)).one()
        start, end = values.get("start_year", row.start_year), values.get("end_year", row.end_year)
    else:
        start, end = values.get("start_year"), values.get("end_year")
    if start is not None and end is not None and end < start:
        raise RuleViolation(f"Slutåret {end} ligger före startåret {start}.",
                            f"The end year {end} is before the start year {start}.")


def create_goal(session: Session, parent_id: int | None, title: str, *, row: int = -1,
                goal_id: int | None = None, **values) -> tuple[int, Placement]:
    """A new goal under `parent_id` before the child now at `row` (-1: last). The level follows
    from the parent. `goal_id` recreates a goal under its old id (redo after undo).
    Returns the id and where the siblings were, for `restore_placements` on undo."""
    level = child_level(session, parent_id)
    if level is GoalLevel.VISION and _children_ids(session, None):
        raise RuleViolation("Det finns redan en vision; visionen är den enda roten.",
                            "There is already a vision; the vision is the single root.")
    values = {"title": title, **values}
    _check_fields(session, None, values)
    before = placements(session, [parent_id])
    if goal_id is not None:
        values["id"] = goal_id
    new_id = session.execute(sa.insert(_goal).values(
        level=level, parent_id=parent_id, position=len(before), description="",
        state=AdoptionState.DRAFT, version=1, **values)).inserted_primary_key[0]
    audit.record(session, AuditAction.CREATE, "goal", new_id, summary=f"{level.sv}: {title}")
    siblings = [g for g in _children_ids(session, parent_id) if g != new_id]
    if row < 0 or row > len(siblings):
        row = len(siblings)
    current = {**before, new_id: (parent_id, len(before))}
    _write_order(session, parent_id, siblings[:row] + [new_id] + siblings[row:], current, set())
    return new_id, before


def update_goal(session: Session, goal_id: int, values: dict[str, object]) -> dict[str, object]:
    """Change fields of a goal; returns their old values (for undo). Audited per field."""
    _check_fields(session, goal_id, values)
    goal = session.get(Goal, goal_id)
    if goal is None:
        _level(session, goal_id)
    return audited.assign(session, "goal", goal, values)


# --- delete and restore ------------------------------------------------------------------------

@dataclass
class GoalSnapshot:
    """Everything a delete removed, as plain rows: the goals (parents first) and, table by table,
    the rows that hung on them (indicator links, assessments, activity and directive links …)."""

    goals: list[dict] = field(default_factory=list)
    dependents: list[tuple[str, list[dict]]] = field(default_factory=list)


@dataclass
class DeletionSummary:
    goals: int
    beneath: dict[GoalLevel, int]
    indicator_links: int
    assessments: int


def subtree_ids(session: Session, goal_ids) -> list[int]:
    """The goals and all their descendants, parents before children."""
    order = list(dict.fromkeys(goal_ids))
    frontier = order
    while frontier:
        frontier = list(session.execute(
            sa.select(_goal.c.id).where(_goal.c.parent_id.in_(frontier))
            .order_by(_goal.c.parent_id, _goal.c.position, _goal.c.id)).scalars())
        order.extend(frontier)
    return order


def deletion_summary(session: Session, goal_ids) -> DeletionSummary:
    """What a delete of these goals would take with it: shown before the user confirms."""
    roots = top_level(session, goal_ids)
    ids = subtree_ids(session, roots)
    beneath: dict[GoalLevel, int] = {}
    below = ids[len(roots):]
    for chunk in _chunks(below):
        for level, count in session.execute(
                sa.select(Goal.level, sa.func.count()).where(Goal.id.in_(chunk)).group_by(Goal.level)):
            beneath[level] = beneath.get(level, 0) + count
    links = assessments = 0
    for chunk in _chunks(ids):
        links += session.execute(sa.select(sa.func.count()).where(GoalIndicator.goal_id.in_(chunk))).scalar_one()
        assessments += session.execute(
            sa.select(sa.func.count()).where(Assessment.goal_id.in_(chunk))).scalar_one()
    return DeletionSummary(len(roots), beneath, links, assessments)


def _chunks(ids: list[int], size: int = 900):
    # SQLite limits bound parameters per statement.
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def _dependent_tables() -> list[tuple[sa.Table, sa.Column, sa.Table]]:
    """(table, column, referenced table) for every ON DELETE CASCADE reference, reachable from goal."""
    metadata = _goal.metadata
    reached = {_goal}
    found: list[tuple[sa.Table, sa.Column, sa.Table]] = []
    for table in metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table in reached and fk.ondelete == "CASCADE" and table is not _goal:
                found.append((table, fk.parent, fk.column.table))
                reached.add(table)
    return found


def delete_goals(session: Session, goal_ids) -> GoalSnapshot:
    """Delete goals with their subtrees; returns what `restore_goals` needs to undo it exactly.
    Audit entries are keyed by entity and id, so a deleted goal keeps its history."""
    roots = top_level(session, goal_ids)
    for goal_id in roots:
        _level(session, goal_id)
    ids = subtree_ids(session, roots)
    snapshot = GoalSnapshot()
    for chunk in _chunks(ids):
        snapshot.goals.extend(dict(r._mapping) for r in session.execute(sa.select(_goal).where(_goal.c.id.in_(chunk))))
    order = {goal_id: i for i, goal_id in enumerate(ids)}
    snapshot.goals.sort(key=lambda row: order[row["id"]])
    keys: dict[str, list] = {"goal": ids}
    for table, column, referenced in _dependent_tables():
        referenced_keys = keys.get(referenced.name, [])
        rows: list[dict] = []
        for chunk in _chunks(list(referenced_keys)):
            rows.extend(dict(r._mapping) for r in session.execute(sa.select(table).where(column.in_(chunk))))
        if rows:
            snapshot.dependents.append((table.name, rows))
            if "id" in table.c:
                keys[table.name] = keys.get(table.name, []) + [row["id"] for row in rows]
    for row in snapshot.goals:
        audit.record(session, AuditAction.DELETE, "goal", row["id"], old=audit.row_content(row),
                     summary=f"{row['level'].sv}: {row['title']}")
    # Children first: goal.parent_id is ON DELETE RESTRICT, checked row by row.
    for goal_id in reversed(ids):
        session.execute(sa.delete(_goal).where(_goal.c.id == goal_id))
    return snapshot


def restore_goals(session: Session, snapshot: GoalSnapshot) -> None:
    """Put deleted goals back with their ids, order, parents, owners and everything that hung on them."""
    if snapshot.goals:
        session.execute(sa.insert(_goal), snapshot.goals)
    tables = _goal.metadata.tables
    for name, rows in snapshot.dependents:
        session.execute(sa.insert(tables[name]), rows)
    for row in snapshot.goals:
        audit.record(session, AuditAction.CREATE, "goal", row["id"],
                     summary=f"Återställd {row['level'].sv.lower()}: {row['title']}")


# --- indicator links ---------------------------------------------------------------------------

def link_indicator(session: Session, goal_id: int, indicator_id: int, *, weight: float = 1.0,
                   position: int | None = None) -> None:
    """Link an indicator to a goal (last, unless a position is given: undo puts it back in place)."""
    _level(session, goal_id)
    code = session.execute(sa.select(Indicator.code).where(Indicator.id == indicator_id)).scalar()
    if code is None:
        raise RuleViolation(f"Indikatorn {indicator_id} finns inte.", f"Indicator {indicator_id} does not exist.")
    exists = session.get(GoalIndicator, (goal_id, indicator_id))
    if exists is not None:
        raise RuleViolation(f"Indikatorn {code} är redan kopplad till målet.",
                            f"Indicator {code} is already linked to the goal.")
    if position is None:
        position = (session.execute(sa.select(sa.func.max(GoalIndicator.position))
                                    .where(GoalIndicator.goal_id == goal_id)).scalar() or -1) + 1
    session.add(GoalIndicator(goal_id=goal_id, indicator_id=indicator_id, weight=weight, position=position))
    audit.record(session, AuditAction.UPDATE, "goal", goal_id, field="indicator", new=code,
                 summary=f"Indikator kopplad: {code}")
    session.flush()


def unlink_indicator(session: Session, goal_id: int, indicator_id: int) -> tuple[float, int]:
    """Remove a goal's link to an indicator; returns (weight, position) so undo can restore it."""
    link = session.get(GoalIndicator, (goal_id, indicator_id))
    if link is None:
        raise RuleViolation("Indikatorn är inte kopplad till målet.", "The indicator is not linked to the goal.")
    code = session.execute(sa.select(Indicator.code).where(Indicator.id == indicator_id)).scalar()
    kept = (link.weight, link.position)
    session.delete(link)
    audit.record(session, AuditAction.UPDATE, "goal", goal_id, field="indicator", old=code,
                 summary=f"Indikator bortkopplad: {code}")
    session.flush()
    return kept


def indicator_choices(session: Session) -> list[LinkedIndicator]:
    """Every indicator, for the picker (weight is the default 1)."""
    rows = session.execute(sa.select(Indicator.id, Indicator.code, Indicator.name, Indicator.unit_of_measure)
                           .order_by(Indicator.code))
    return [LinkedIndicator(i, code, name, unit, 1.0) for i, code, name, unit in rows]


def owner_choices(session: Session) -> list[tuple[int, str]]:
    """Organisation units that can own a goal (not the Kolada reference areas)."""
    rows = session.execute(sa.select(OrgUnit.id, OrgUnit.name).where(OrgUnit.kind != UnitKind.REFERENCE)
                           .order_by(OrgUnit.name))
    return [(unit_id, name) for unit_id, name in rows]


def titles(session: Session, goal_ids) -> dict[int, tuple[str, str | None]]:
    """id → (title, code) of the goals that still exist: what a tree row shows."""
    found: dict[int, tuple[str, str | None]] = {}
    for chunk in _chunks(list(goal_ids)):
        for goal_id, title, code in session.execute(
                sa.select(_goal.c.id, _goal.c.title, _goal.c.code).where(_goal.c.id.in_(chunk))):
            found[goal_id] = (title, code)
    return found


def goal_id_by_code(session: Session, code: str) -> int:
    goal_id = session.execute(sa.select(Goal.id).where(Goal.code == code)).scalar()
    if goal_id is None:
        raise RuleViolation(f"Det finns inget mål med koden {code}.", f"There is no goal with the code {code}.")
    return goal_id


def in_tree_order(session: Session, goal_ids) -> list[int]:
    """The given goals in the order the tree shows them (depth first, by position)."""
    wanted = set(goal_ids)
    ordered: list[int] = []

    def walk(parent_id):
        for child in _children_ids(session, parent_id):
            if child in wanted:
                ordered.append(child)
            walk(child)

    walk(None)
    return ordered


def goal_fields(session: Session, goal_id: int) -> dict[str, object]:
    """The editable fields' current values (what a form shows and a command captures as old)."""
    row = session.execute(sa.select(*[_goal.c[name] for name in EDITABLE_FIELDS]).where(_goal.c.id == goal_id)).one()
    return dict(row._mapping)


# --- search --------------------------------------------------------------------------------------

@dataclass
class GoalSearch:
    matches: set[int]
    visible: set[int]  # the matches and their ancestors


def search_goals(session: Session, text: str) -> GoalSearch:
    """Goals whose title, code, description or a linked indicator's name contains `text`
    (case-insensitive, also for å, ä, ö), with their ancestors so a tree can show the path."""
    needle = text.strip().casefold()
    parents: dict[int, int | None] = {}
    matches: set[int] = set()
    rows = session.connection().execute(
        sa.select(_goal.c.id, _goal.c.parent_id, _goal.c.title, _goal.c.code, _goal.c.description))
    for goal_id, parent_id, title, code, description in rows:
        parents[goal_id] = parent_id
        if needle and (needle in title.casefold() or (code and needle in code.casefold())
                       or (description and needle in description.casefold())):
            matches.add(goal_id)
    if needle:
        for goal_id, name in session.execute(
                sa.select(GoalIndicator.goal_id, Indicator.name).join(Indicator)):
            if needle in name.casefold():
                matches.add(goal_id)
    visible: set[int] = set()
    for goal_id in matches:
        while goal_id is not None and goal_id not in visible:
            visible.add(goal_id)
            goal_id = parents.get(goal_id)
    return GoalSearch(matches, visible)


# --- cascade -------------------------------------------------------------------------------------

@dataclass
class CascadeGoal:
    id: int
    code: str | None
    title: str
    level: GoalLevel
    parent_title: str | None


@dataclass
class CascadeGroup:
    unit_id: int | None
    unit_name: str | None
    goals: list[CascadeGoal]


def goal_cascade(session: Session, goal_id: int) -> list[CascadeGroup]:
    """Where a goal is broken down: its descendants grouped by owner unit (units in name order,
    goals without an owner last)."""
    ids = subtree_ids(session, [goal_id])[1:]
    return _grouped(session, ids)


def unit_goals(session: Session, unit_id: int) -> list[CascadeGoal]:
    """The goals a unit owns, in tree order of their levels."""
    ids = list(session.execute(sa.select(Goal.id).where(Goal.owner_unit_id == unit_id)).scalars())
    groups = _grouped(session, ids)
    return [goal for group in groups for goal in group.goals]


def _grouped(session: Session, ids: list[int]) -> list[CascadeGroup]:
    parent = sa.orm.aliased(Goal)
    groups: dict[int | None, CascadeGroup] = {}
    order = {goal_id: i for i, goal_id in enumerate(ids)}
    for chunk in _chunks(ids):
        rows = session.execute(
            sa.select(Goal.id, Goal.code, Goal.title, Goal.level, parent.title, OrgUnit.id, OrgUnit.name)
            .outerjoin(parent, parent.id == Goal.parent_id).outerjoin(OrgUnit, OrgUnit.id == Goal.owner_unit_id)
            .where(Goal.id.in_(chunk)))
        for goal_id, code, title, level, parent_title, unit_id, unit_name in rows:
            group = groups.setdefault(unit_id, CascadeGroup(unit_id, unit_name, []))
            group.goals.append(CascadeGoal(goal_id, code, title, level, parent_title))
    for group in groups.values():
        group.goals.sort(key=lambda g: order[g.id])
    return sorted(groups.values(), key=lambda g: (g.unit_name is None, g.unit_name or ""))
