"""Read side of the two trees (goals, organisation): one level at a time, so a view can load
children lazily however large the tree is."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import Goal, OrgUnit


@dataclass(slots=True)
class TreeRow:
    """What a tree view needs of one node, and nothing more."""

    id: int
    parent_id: int | None
    title: str
    kind: str
    code: str | None
    child_count: int


@functools.cache
def _children_query(table: sa.Table, title: str, kind: str, roots: bool) -> sa.Select:
    # Core, not ORM, and built once: this runs for every expanded node and at start-up.
    child = table.alias("child")
    counts = sa.select(sa.func.count()).where(child.c.parent_id == table.c.id).scalar_subquery()
    condition = table.c.parent_id.is_(None) if roots else table.c.parent_id == sa.bindparam("parent_id")
    return (
        sa.select(table.c.id, table.c.parent_id, table.c[title], table.c[kind], table.c.code, counts)
        .where(condition)
        .order_by(table.c.position, table.c.id)
    )


def _children(session: Session, table: sa.Table, title: str, kind: str, parent_id: int | None) -> list[TreeRow]:
    query = _children_query(table, title, kind, parent_id is None)
    rows = session.connection().execute(query, {} if parent_id is None else {"parent_id": parent_id})
    return [TreeRow(*row) for row in rows]


def goal_children(session: Session, parent_id: int | None) -> list[TreeRow]:
    """The goals directly under `parent_id` (None: the roots, normally the single vision)."""
    return _children(session, Goal.__table__, "title", "level", parent_id)


def unit_children(session: Session, parent_id: int | None) -> list[TreeRow]:
    """The organisation units directly under `parent_id` (None: the top, and reference areas)."""
    return _children(session, OrgUnit.__table__, "name", "kind", parent_id)


def goal_ancestor_ids(session: Session, goal_id: int) -> list[int]:
    """Ids from the root down to the goal's parent: what a view expands to reveal a goal."""
    return _ancestor_ids(session, Goal, goal_id)


def unit_ancestor_ids(session: Session, unit_id: int) -> list[int]:
    return _ancestor_ids(session, OrgUnit, unit_id)


def _ancestor_ids(session: Session, entity, node_id: int) -> list[int]:
    chain: list[int] = []
    parent = session.execute(sa.select(entity.parent_id).where(entity.id == node_id)).scalar()
    while parent is not None:
        chain.append(parent)
        parent = session.execute(sa.select(entity.parent_id).where(entity.id == parent)).scalar()
    return list(reversed(chain))


def depth_first(rows: Iterable[Any]) -> list[tuple[Any, int]]:
    """Rows with `.id` and `.parent_id`, already in sibling order (position, id), as (row, depth)
    parents before children: the order of the tree views, for lists and print. A row whose parent
    is not among the rows is left out."""
    children: dict[int | None, list] = {}
    for r in rows:
        children.setdefault(r.parent_id, []).append(r)
    ordered, stack = [], [(r, 0) for r in reversed(children.get(None, []))]
    while stack:
        r, depth = stack.pop()
        ordered.append((r, depth))
        stack.extend((c, depth + 1) for c in reversed(children.get(r.id, [])))
    return ordered
