"""The history a user reads: entries about one object, one import, or since a report; and a goal's
follow-up as it stood at a past moment, rebuilt from today's data and the audit log.

The log keeps old → new for every value, and a deleted row's content, so walking the entries
after a moment backwards gives each row as it was then. That is the only source: no snapshots."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import (
    AuditAction,
    AuditEntry,
    Gender,
    Goal,
    GoalIndicator,
    Indicator,
    OrgUnit,
    Period,
    Result,
    Target,
)
from app.services.followup.periods import parse_period, previous_comparable
from app.services.followup.status import (
    GoalOutcome,
    RollupRule,
    _goal_outcome,
    _indicator_outcome,
    _indicator_rules,
    rollup_rule,
    units_in_scope,
)
from app.services.platform import audit

CHUNK = 900
# What each kind of object's history covers: its own entries, and for an indicator or a unit the
# results (and targets) that hang on it.
ENTITY_LABELS = {"goal": "Mål", "org_unit": "Enhet", "indicator": "Indikator", "result": "Utfall",
                 "target": "Målvärde", "directive": "Styrdokument", "import_batch": "Import",
                 "assessment": "Bedömning", "activity": "Aktivitet", "operational_plan": "Verksamhetsplan",
                 "milestone": "Årshjulshändelse", "delegation_item": "Delegeringspunkt",
                 "delegation_decision": "Delegeringsbeslut", "dialogue_meeting": "Dialogmöte",
                 "db_setting": "Inställning", "database": "Databasen", "provider_programme": "Program"}


@dataclass(frozen=True)
class HistoryFilter:
    """Narrow a history: by user (part of the name), kind of change, date range, period (results
    and targets of that period only)."""

    user: str | None = None
    action: AuditAction | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    period_code: str | None = None


class HistoryRow(NamedTuple):
    """One entry as the history shows it (a tuple: ten thousand of them are made in milliseconds)."""

    id: int
    at: dt.datetime
    user: str
    action: AuditAction
    entity: str
    entity_id: int | None
    field: str | None
    old: str | None
    new: str | None
    summary: str
    batch_id: int | None
    entry_hash: str


# `at` and `action` as stored: SQLAlchemy's per-row DateTime and Enum processing cost more than
# the query for a long history; `_rows` converts them with the C parsers instead.
_COLUMNS = [AuditEntry.id, sa.type_coerce(AuditEntry.at, sa.String), AuditEntry.user,
            sa.type_coerce(AuditEntry.action, sa.String), AuditEntry.entity,
            AuditEntry.entity_id, AuditEntry.field, AuditEntry.old_value, AuditEntry.new_value, AuditEntry.summary,
            AuditEntry.batch_id, AuditEntry.entry_hash]


def _apply(query, f: HistoryFilter | None):
    if f is None:
        return query
    if f.user:
        query = query.where(AuditEntry.user.contains(f.user, autoescape=True))
    if f.action is not None:
        query = query.where(AuditEntry.action == f.action)
    if f.since is not None:
        query = query.where(AuditEntry.at >= dt.datetime.combine(f.since, dt.time()))
    if f.until is not None:
        query = query.where(AuditEntry.at < dt.datetime.combine(f.until + dt.timedelta(days=1), dt.time()))
    return query


_ACTIONS = {a.value: a for a in AuditAction}


def _driver_value(value):
    """A bound value as SQLAlchemy would hand it to sqlite3 (its DateTime text, an enum's value)."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, AuditAction):
        return value.value
    return value


def _rows(session: Session, query) -> list[HistoryRow]:
    parse, actions = dt.datetime.fromisoformat, _ACTIONS
    make = HistoryRow._make
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        # Straight from the driver: a long history is mostly rows, and SQLAlchemy's result layer
        # would cost as much as the query itself.
        compiled = query.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
        params = tuple(_driver_value(compiled.params[name]) for name in compiled.positiontup)
        rows = conn.connection.driver_connection.execute(str(compiled), params).fetchall()
    else:
        rows = conn.execute(query).all()
    return [make((r[0], parse(r[1]) if isinstance(r[1], str) else r[1], r[2], actions[r[3]], *r[4:]))
            for r in rows]


def expand(rows: list[HistoryRow]) -> list[HistoryRow]:
    """Bulk entries (an import's new values, their removal by its undo) as one row per value,
    each keeping its entry's id, time, user, batch and hash."""
    if not any(r.field in (audit.CREATED_ROWS, audit.DELETED_ROWS) for r in rows):
        return rows
    out: list[HistoryRow] = []
    for r in rows:
        if r.field == audit.CREATED_ROWS and r.new:
            out += [r._replace(entity_id=row_id, field="value", old=None, new=None if value is None else str(value))
                    for row_id, value in json.loads(r.new)]
        elif r.field == audit.DELETED_ROWS and r.old:
            out += [r._replace(entity_id=doc.get("id"), field=None, old=json.dumps(doc, ensure_ascii=False,
                                                                                    sort_keys=True), new=None)
                    for doc in json.loads(r.old)]
        else:
            out.append(r)
    return out


def _period_ids(session: Session, f: HistoryFilter | None) -> set[int] | None:
    if f is None or not f.period_code:
        return None
    return set(session.execute(sa.select(Period.id).where(Period.code == f.period_code.strip())).scalars())


def object_history(session: Session, entity: str, entity_id: int, f: HistoryFilter | None = None,
                   limit: int | None = None) -> list[HistoryRow]:
    """Who changed what about one object, oldest first. An indicator's or a unit's history includes
    its results and targets; a period filter keeps only those of that period."""
    periods = _period_ids(session, f)
    conditions = []
    if periods is None or entity in ("result", "target"):
        conditions.append(sa.and_(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id))
    related: dict[str, list[int]] = {}
    if entity in ("indicator", "org_unit"):
        column = "indicator_id" if entity == "indicator" else "unit_id"
        for model, name in ((Result, "result"), (Target, "target")):
            query = sa.select(model.id).where(getattr(model, column) == entity_id)
            if periods is not None:
                query = query.where(model.period_id.in_(periods))
            related[name] = list(session.execute(query).scalars())
            # Rows deleted since: their DELETE entry's content says where they belonged.
            for row_id, content in session.execute(sa.select(AuditEntry.entity_id, AuditEntry.old_value).where(
                    AuditEntry.entity == name, AuditEntry.action == AuditAction.DELETE,
                    AuditEntry.field.is_(None), AuditEntry.old_value.is_not(None))):
                try:
                    doc = json.loads(content)
                except ValueError:
                    continue
                if doc.get(column) == entity_id and (periods is None or doc.get("period_id") in periods):
                    related[name].append(row_id)
    out: list[HistoryRow] = []
    base = _apply(sa.select(*_COLUMNS), f)
    if conditions:
        out += _rows(session, base.where(sa.or_(*conditions)))
    for name, ids in related.items():
        ids = sorted(set(ids))
        for start in range(0, len(ids), CHUNK):
            out += _rows(session, base.where(AuditEntry.entity == name,
                                             AuditEntry.entity_id.in_(ids[start:start + CHUNK])))
    if entity in ("result", "indicator", "org_unit"):
        # Values an import created (or its undo removed) are in bulk entries: expand and pick.
        mine = {entity_id} if entity == "result" else set(related.get("result", ()))
        column = {"indicator": "indicator_id", "org_unit": "unit_id"}.get(entity)
        for row in expand(_rows(session, base.where(AuditEntry.entity == "result", AuditEntry.field.in_(
                (audit.CREATED_ROWS, audit.DELETED_ROWS))))):
            if row.entity_id in mine:
                out.append(row)
            elif column and row.action is AuditAction.DELETE and row.old:
                doc = json.loads(row.old)
                if doc.get(column) == entity_id and (periods is None or doc.get("period_id") in periods):
                    out.append(row)
    out.sort(key=lambda r: r.id)
    return out[-limit:] if limit else out


def batch_history(session: Session, batch_id: int, f: HistoryFilter | None = None) -> list[HistoryRow]:
    """Every value an import wrote (old → new), its undo and redo, in order."""
    return expand(_rows(session, _apply(sa.select(*_COLUMNS), f).where(AuditEntry.batch_id == batch_id)
                        .order_by(AuditEntry.id)))


def log(session: Session, f: HistoryFilter | None = None, *, entity: str | None = None,
        limit: int = 5000) -> list[HistoryRow]:
    """The newest entries of the whole log (newest first), filtered."""
    query = _apply(sa.select(*_COLUMNS), f)
    if entity:
        query = query.where(AuditEntry.entity == entity)
    return _rows(session, query.order_by(AuditEntry.id.desc()).limit(limit))


def describe(session: Session, rows: list[HistoryRow]) -> dict[tuple[str, int], str]:
    """A readable name per (entity, id) in `rows`: a goal's code and title, a result's indicator,
    unit, period and gender. Deleted objects are named from their DELETE entry's content."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for r in rows:
        if r.entity_id is not None:
            wanted[r.entity].add(r.entity_id)
    names: dict[tuple[str, int], str] = {}
    ind = dict(session.execute(sa.select(Indicator.id, Indicator.code)).all()) if (
        wanted.get("result") or wanted.get("target")) else {}
    units = dict(session.execute(sa.select(OrgUnit.id, OrgUnit.code)).all()) if (
        wanted.get("result") or wanted.get("target")) else {}
    periods = dict(session.execute(sa.select(Period.id, Period.code)).all()) if (
        wanted.get("result") or wanted.get("target")) else {}

    def value_name(doc: dict) -> str:
        parts = [ind.get(doc.get("indicator_id"), "?"), units.get(doc.get("unit_id"), "alla enheter"),
                 periods.get(doc.get("period_id"), "?")]
        if doc.get("gender"):
            parts.append(str(doc["gender"]))
        return " · ".join(str(p) for p in parts)

    for entity, model, render in (
        ("goal", Goal, lambda r: f"{r.code} {r.title}".strip()),
        ("org_unit", OrgUnit, lambda r: f"{r.code} {r.name}"),
        ("indicator", Indicator, lambda r: f"{r.code} {r.name}"),
        ("result", Result, lambda r: value_name({"indicator_id": r.indicator_id, "unit_id": r.unit_id,
                                                 "period_id": r.period_id, "gender": r.gender.value})),
        ("target", Target, lambda r: value_name({"indicator_id": r.indicator_id, "unit_id": r.unit_id,
                                                 "period_id": r.period_id})),
    ):
        ids = list(wanted.get(entity, ()))
        for start in range(0, len(ids), CHUNK):
            for obj in session.execute(sa.select(model).where(model.id.in_(ids[start:start + CHUNK]))).scalars():
                names[(entity, obj.id)] = render(obj)
    for r in rows:
        key = (r.entity, r.entity_id)
        if r.entity_id is None or key in names or r.action is not AuditAction.DELETE or not r.old:
            continue
        try:
            doc = json.loads(r.old)
        except ValueError:
            continue
        if isinstance(doc, dict):
            if r.entity in ("result", "target"):
                names[key] = value_name(doc)
            else:
                names[key] = " ".join(str(doc.get(k)) for k in ("code", "title", "name") if doc.get(k))
    return names


# --- as it was ---------------------------------------------------------------------------------

def _number(text: str | None) -> float | None:
    if text is None or text == "":
        return None
    try:
        return float(text)
    except ValueError:
        return None


def rows_as_of(session: Session, model, at: dt.datetime, where, keep) -> dict[int, dict]:
    """`model`'s rows matching `where` (today) or `keep` (a row dict, then) as they were at `at`:
    today's rows with every later entry walked back (an update restores the old value, a create
    removes the row, a delete puts its recorded content back)."""
    table = model.__table__
    entity = "result" if model is Result else "target"
    state = {r["id"]: dict(r) for r in session.execute(sa.select(table).where(where)).mappings()}
    events = _events_after(session, entity, at)
    state = _walk_back(state, events)
    return {i: row for i, row in state.items() if keep(row)}


def _result_sums_at(session: Session, indicator_ids: list[int], periods: set[int], unit_ids: set[int],
                    at: dt.datetime) -> dict[tuple[int, int], tuple[float, int]]:
    """(period, indicator) → (sum, count) of the total-gender results in the units, as at `at`:
    today's sums from the covering index, corrected only for the results the log says changed
    since (so the cost follows the number of later changes, not the size of the table)."""
    r = Result.__table__.c
    sums: dict[tuple[int, int], list] = {}
    wanted = set(indicator_ids)
    units = sorted(unit_ids)
    for start in range(0, len(indicator_ids), CHUNK):
        query = (sa.select(r.period_id, r.indicator_id, sa.func.sum(r.value), sa.func.count(r.value))
                 .where(r.period_id.in_(periods), r.gender == Gender.TOTAL.value,
                        r.indicator_id.in_(indicator_ids[start:start + CHUNK]), r.value.is_not(None))
                 .group_by(r.period_id, r.indicator_id))
        if len(units) <= CHUNK:
            query = query.where(r.unit_id.in_(units))
            for pid, iid, total, count in session.connection().execute(query):
                sums[(pid, iid)] = [float(total or 0.0), int(count)]
        else:  # more units than one IN list takes: sum per unit and keep those in scope
            per_unit = (sa.select(r.period_id, r.indicator_id, r.unit_id, r.value)
                        .where(r.period_id.in_(periods), r.gender == Gender.TOTAL.value,
                               r.indicator_id.in_(indicator_ids[start:start + CHUNK]), r.value.is_not(None)))
            for pid, iid, uid, value in session.connection().execute(per_unit):
                if uid in unit_ids:
                    entry = sums.setdefault((pid, iid), [0.0, 0])
                    entry[0] += value
                    entry[1] += 1
    events = _events_after(session, "result", at)
    touched = sorted({e.entity_id for e in events if e.entity_id is not None})

    def counts(row) -> bool:
        return (row.get("indicator_id") in wanted and row.get("period_id") in periods
                and row.get("unit_id") in unit_ids and row.get("value") is not None
                and str(getattr(row.get("gender"), "value", row.get("gender"))) == Gender.TOTAL.value)

    if touched:
        columns = (r.id, r.indicator_id, r.unit_id, r.period_id, r.gender, r.value)
        now: dict[int, dict] = {}
        for start in range(0, len(touched), CHUNK):
            for row in session.connection().execute(sa.select(*columns).where(r.id.in_(touched[start:start + CHUNK]))):
                now[row[0]] = dict(row._mapping)
        then = _walk_back({i: dict(v) for i, v in now.items()}, events)
        for row_id in touched:
            before, after = then.get(row_id), now.get(row_id)
            if after is not None and counts(after):
                entry = sums.setdefault((after["period_id"], after["indicator_id"]), [0.0, 0])
                entry[0] -= after["value"]
                entry[1] -= 1
            if before is not None and counts(before):
                entry = sums.setdefault((before["period_id"], before["indicator_id"]), [0.0, 0])
                entry[0] += float(before["value"])
                entry[1] += 1
    return {key: (total, count) for key, (total, count) in sums.items()}


def _events_after(session: Session, entity: str, at: dt.datetime) -> list[HistoryRow]:
    """Every change to an `entity` row after `at`, one per row (an import's bulk entries expanded)."""
    return expand(_rows(session, sa.select(*_COLUMNS).where(AuditEntry.entity == entity, AuditEntry.at > at)
                        .order_by(AuditEntry.id)))


def _walk_back(state: dict[int, dict], events: list[HistoryRow]) -> dict[int, dict]:
    """`state` (rows by id as they are now) with `events` undone, newest first."""
    for event in reversed(events):
        row_id, action = event.entity_id, event.action
        if row_id is None:
            continue
        if action is AuditAction.CREATE:
            state.pop(row_id, None)
        elif action is AuditAction.DELETE and event.field is None and event.old:
            doc = json.loads(event.old)
            state[row_id] = {**doc, "value": _number(None if doc.get("value") is None else str(doc["value"]))}
        elif action is AuditAction.DELETE:  # an entry written before deletes carried their content
            if row_id in state:
                state[row_id]["value"] = _number(event.old)
        elif event.field == "value" and row_id in state:
            state[row_id]["value"] = _number(event.old)
    return state


@dataclass
class GoalAsOf:
    """A goal's follow-up at a moment: its outcome and those of the goals below it."""

    goal_id: int
    period_code: str
    at: dt.datetime
    outcome: GoalOutcome
    outcomes: dict[int, GoalOutcome] = field(default_factory=dict)


def goal_follow_up_at(session: Session, goal_id: int, period_code: str, at: dt.datetime,
                      scope_unit_id: int | None = None, rule: RollupRule | None = None) -> GoalAsOf:
    """The goal's values and status for a period as they stood at `at` ("Visa som det var den …"),
    computed by the same rules as today's follow-up. Results, targets and manual assessments are
    rebuilt from the log; the goal structure and indicator links are today's (see docs/audit.md)."""
    rule = rule or rollup_rule(session)
    spec = parse_period(period_code)
    period_id = session.execute(sa.select(Period.id).where(Period.code == spec.code)).scalar()
    previous_id = session.execute(sa.select(Period.id).where(
        Period.code == previous_comparable(spec).code)).scalar()
    g = Goal.__table__.c
    children: dict[int | None, list[int]] = defaultdict(list)
    for child, parent in session.execute(sa.select(g.id, g.parent_id).order_by(g.position, g.id)):
        children[parent].append(child)
    subtree, stack = [], [goal_id]
    while stack:
        current = stack.pop()
        subtree.append(current)
        stack.extend(children[current])
    links: dict[int, list[tuple[int, float]]] = defaultdict(list)
    gi = GoalIndicator.__table__.c
    for start in range(0, len(subtree), CHUNK):
        for gid, iid, weight in session.execute(
                sa.select(gi.goal_id, gi.indicator_id, gi.weight).where(gi.goal_id.in_(subtree[start:start + CHUNK]))
                .order_by(gi.goal_id, gi.position)):
            links[gid].append((iid, weight))
    indicator_ids = sorted({i for pairs in links.values() for i, _w in pairs})
    rules = _indicator_rules(session, indicator_ids)
    unit_ids = set(units_in_scope(session, scope_unit_id))
    periods = {p for p in (period_id, previous_id) if p is not None}
    wanted = set(indicator_ids)

    sums = _result_sums_at(session, indicator_ids, periods, unit_ids, at) if periods else {}

    def scope_value(pid, iid):
        total, count = sums.get((pid, iid), (0.0, 0))
        return (total / count, count) if count else None

    target_rows = rows_as_of(
        session, Target, at, sa.and_(Target.indicator_id.in_(indicator_ids), Target.period_id == period_id),
        lambda r: r["indicator_id"] in wanted and r["period_id"] == period_id and (
            r["unit_id"] is None or r["unit_id"] == scope_unit_id)) if period_id else {}
    targets = {r["indicator_id"]: r["value"] for r in target_rows.values() if r["unit_id"] is None}
    if scope_unit_id is not None:
        targets.update({r["indicator_id"]: r["value"] for r in target_rows.values() if r["unit_id"] == scope_unit_id})
    manual = _manual_at(session, period_id, scope_unit_id, subtree, at) if period_id else {}

    rated = {}

    def rate(iid, weight):
        key = (iid, weight)
        if key not in rated:
            rated[key] = _indicator_outcome(rules[iid], weight, scope_value(period_id, iid),
                                            scope_value(previous_id, iid), targets.get(iid))
        return rated[key]

    outcomes: dict[int, GoalOutcome] = {}
    for gid in reversed(subtree):
        outcomes[gid] = _goal_outcome(gid, [rate(i, w) for i, w in links[gid]], children[gid], outcomes,
                                      manual.get(gid), rule)
    return GoalAsOf(goal_id, spec.code, at, outcomes[goal_id], outcomes)


def _manual_at(session: Session, period_id: int, scope_unit_id: int | None, goal_ids: list[int],
               at: dt.datetime) -> dict[int, tuple]:
    """Manual assessments (status and justification) of the period and scope as they were at `at`."""
    from app.models import Assessment, Status

    t = Assessment.__table__.c
    state = {r.id: {"goal_id": r.goal_id, "unit_id": r.unit_id, "period_id": r.period_id, "manual": bool(r.manual),
                    "status": r.status, "justification": r.justification}
             for r in session.execute(sa.select(t.id, t.goal_id, t.unit_id, t.period_id, t.manual, t.status,
                                                t.justification).where(t.period_id == period_id))}
    for event in reversed(_events_after(session, "assessment", at)):
        row_id = event.entity_id
        if event.action is AuditAction.CREATE:
            state.pop(row_id, None)
        elif event.action is AuditAction.DELETE and event.old:
            doc = json.loads(event.old)
            state[row_id] = {"goal_id": doc.get("goal_id"), "unit_id": doc.get("unit_id"),
                             "period_id": doc.get("period_id"), "manual": bool(doc.get("manual")),
                             "status": Status(doc.get("status") or Status.NOT_ASSESSED.value),
                             "justification": doc.get("justification") or ""}
        elif row_id in state and event.field == "manual_status":
            state[row_id]["manual"] = event.old is not None
            state[row_id]["status"] = Status(event.old) if event.old else Status.NOT_ASSESSED
        elif row_id in state and event.field == "justification":
            state[row_id]["justification"] = event.old or ""
    wanted = set(goal_ids)
    return {row["goal_id"]: (row["status"], row["justification"]) for row in state.values()
            if row["manual"] and row["period_id"] == period_id and row["goal_id"] in wanted
            and row["unit_id"] == scope_unit_id}


# --- since a report ------------------------------------------------------------------------------

@dataclass(frozen=True)
class ValueChange:
    """One result or target that differs from what a report (or any anchor) saw."""

    entity: str
    entity_id: int
    name: str
    then: str | None
    now: str | None
    entry_ids: tuple[int, ...]


@dataclass
class SinceReport:
    anchor_date: str
    matches: bool  # whether the log still agrees with the report's checksum
    changes: list[ValueChange]

    def headline(self) -> str:
        n = len(self.changes)
        what = "1 värde har ändrats" if n == 1 else f"{n} värden har ändrats"
        text = f"{what} sedan rapporten {self.anchor_date}"
        if not self.matches:
            text += " (ändringsloggen stämmer inte med rapportens kontrollsumma: kör styrkort check)"
        return text


def changes_since(session: Session, length: int, head: str, anchor_date: str, *,
                  period_code: str | None = None, scope_unit_id: int | None = None) -> SinceReport:
    """Results and targets changed after the first `length` entries (a pack's anchor), each with
    its value then and now and the entries that changed it. With `period_code` (and a scope unit)
    only those the report showed: that period, units in the scope (targets: general or the scope's)."""
    boundary = session.execute(sa.select(AuditEntry.id, AuditEntry.entry_hash).order_by(AuditEntry.id)
                               .offset(max(0, length - 1)).limit(1)).first() if length else None
    matches = (boundary is not None and boundary[1] == head) or (length == 0)
    after = boundary[0] if boundary is not None else 0
    rows = expand(_rows(session, sa.select(*_COLUMNS).where(AuditEntry.id > after,
                                                             AuditEntry.entity.in_(("result", "target")))
                        .order_by(AuditEntry.id)))
    grouped: dict[tuple[str, int], list[HistoryRow]] = defaultdict(list)
    for r in rows:
        if r.entity_id is not None and (r.field in (None, "value")):
            grouped[(r.entity, r.entity_id)].append(r)
    names = describe(session, rows)
    changes = []
    for (entity, entity_id), entries in grouped.items():
        first, last = entries[0], entries[-1]
        then = None if first.action is AuditAction.CREATE else _value_text(first, old=True)
        now = None if last.action is AuditAction.DELETE else _value_text(last, old=False)
        if _number(then) == _number(now) and (then is None) == (now is None):
            continue
        changes.append(ValueChange(entity, entity_id, names.get((entity, entity_id), f"{entity} {entity_id}"),
                                   then, now, tuple(e.id for e in entries)))
    if period_code:
        changes = _in_report(session, changes, rows, period_code, scope_unit_id)
    return SinceReport(anchor_date, matches, changes)


def _in_report(session: Session, changes: list[ValueChange], rows: list[HistoryRow], period_code: str,
               scope_unit_id: int | None) -> list[ValueChange]:
    """The changes to values of the report's period and scope (a removed value: by its content)."""
    period_id = session.execute(sa.select(Period.id).where(Period.code == period_code)).scalar()
    units = set(units_in_scope(session, scope_unit_id))
    where: dict[tuple[str, int], tuple] = {}
    for entity, model in (("result", Result), ("target", Target)):
        ids = sorted({c.entity_id for c in changes if c.entity == entity})
        for start in range(0, len(ids), CHUNK):
            for row_id, pid, uid in session.execute(sa.select(model.id, model.period_id, model.unit_id)
                                                    .where(model.id.in_(ids[start:start + CHUNK]))):
                where[(entity, row_id)] = (pid, uid)
    for r in rows:
        if r.action is AuditAction.DELETE and r.field is None and r.old and (r.entity, r.entity_id) not in where:
            doc = json.loads(r.old)
            where[(r.entity, r.entity_id)] = (doc.get("period_id"), doc.get("unit_id"))

    def shown(change: ValueChange) -> bool:
        pid, uid = where.get((change.entity, change.entity_id), (None, None))
        if pid != period_id:
            return False
        if change.entity == "target":
            return uid is None or uid == scope_unit_id
        return uid in units

    return [c for c in changes if shown(c)]


def _value_text(row: HistoryRow, *, old: bool) -> str | None:
    text = row.old if old else row.new
    if row.action is AuditAction.DELETE and row.field is None and old and text:
        try:
            value = json.loads(text).get("value")
        except ValueError:
            return None
        return None if value is None else str(value)
    return text


def unit_id_by_name(session: Session, name: str) -> int | None:
    """The unit a printed pack names on its cover (packs print the name, not the code)."""
    from app.models import OrgUnit

    return session.execute(sa.select(OrgUnit.id).where(OrgUnit.name == name)).scalar()
