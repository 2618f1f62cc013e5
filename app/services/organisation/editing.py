"""Editing the organisation: create, change, move and delete units, with the rules.

Rules live here, not in the views: the command line and the window refuse the same things with
the same explanation. Every write goes through a `Journal` (undo) and the audit log."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import (
    Activity,
    Assessment,
    AuditAction,
    DialogueMeeting,
    Directive,
    Goal,
    Milestone,
    OperationalPlan,
    OrgUnit,
    OrgUnitLine,
    OrgUnitLink,
    ProviderType,
    Result,
    Strategy,
    Target,
    UnitKind,
)
from app.models.errors import RuleViolation
from app.services.organisation.journal import Journal
from app.services.platform import audit

_unit = OrgUnit.__table__

# Which kinds a unit may sit under (None: at the top). A nämnd answers to fullmäktige, never to a
# förvaltning or an enhet; a förvaltning serves a nämnd or the styrelse.
ALLOWED_PARENTS: dict[UnitKind, tuple[UnitKind | None, ...]] = {
    UnitKind.COUNCIL: (None,),
    UnitKind.EXECUTIVE_BOARD: (UnitKind.COUNCIL,),
    UnitKind.COMMITTEE: (UnitKind.COUNCIL,),
    UnitKind.ADMINISTRATION: (UnitKind.COMMITTEE, UnitKind.EXECUTIVE_BOARD),
    UnitKind.SERVICE_AREA: (UnitKind.ADMINISTRATION, UnitKind.SERVICE_AREA),
    UnitKind.UNIT: (UnitKind.SERVICE_AREA, UnitKind.ADMINISTRATION, UnitKind.UNIT),
    UnitKind.REFERENCE: (None,),
}
# The kind a new unit gets under a parent of this kind.
CHILD_KIND: dict[UnitKind | None, UnitKind] = {
    None: UnitKind.COUNCIL,
    UnitKind.COUNCIL: UnitKind.COMMITTEE,
    UnitKind.EXECUTIVE_BOARD: UnitKind.ADMINISTRATION,
    UnitKind.COMMITTEE: UnitKind.ADMINISTRATION,
    UnitKind.ADMINISTRATION: UnitKind.SERVICE_AREA,
    UnitKind.SERVICE_AREA: UnitKind.UNIT,
    UnitKind.UNIT: UnitKind.UNIT,
}
EDITABLE_FIELDS = ("name", "code", "kind", "provider_type", "provider_name", "org_number", "service_area",
                   "contract_start", "contract_end", "municipality_code", "kolada_ou_id", "description")
ORG_NUMBER = re.compile(r"^\d{6}-\d{4}$")


# --- reading -----------------------------------------------------------------------------------

def unit_id_by_code(session: Session, code: str) -> int:
    unit_id = session.execute(sa.select(OrgUnit.id).where(OrgUnit.code == code)).scalar()
    if unit_id is None:
        raise RuleViolation(f"Det finns ingen enhet med koden {code}.", f"There is no unit with the code {code}.")
    return unit_id


def _row(session: Session, unit_id: int):
    row = session.execute(sa.select(_unit).where(_unit.c.id == unit_id)).one_or_none()
    if row is None:
        raise RuleViolation(f"Enheten {unit_id} finns inte (längre).", f"Unit {unit_id} does not exist (any more).")
    return row


def _kind(session: Session, unit_id: int | None) -> UnitKind | None:
    return None if unit_id is None else UnitKind(_row(session, unit_id).kind)


def _name(session: Session, unit_id: int) -> str:
    return session.execute(sa.select(_unit.c.name).where(_unit.c.id == unit_id)).scalar() or str(unit_id)


def open_units(session: Session) -> list[tuple[int, str, UnitKind]]:
    """Units that can take part in a reorganisation (not closed, not reference areas), by name."""
    rows = session.execute(sa.select(_unit.c.id, _unit.c.name, _unit.c.kind)
                           .where(_unit.c.kind != UnitKind.REFERENCE.value, _unit.c.closed_on.is_(None))
                           .order_by(_unit.c.name))
    return [(unit_id, name, UnitKind(kind)) for unit_id, name, kind in rows]


def closed_units(session: Session) -> dict[int, dt.date]:
    """id → closing day of the units that have closed (shown greyed in the tree)."""
    return dict(session.execute(sa.select(_unit.c.id, _unit.c.closed_on).where(_unit.c.closed_on.is_not(None))).all())


def unit_names(session: Session, unit_ids) -> dict[int, tuple[str, str | None]]:
    """id → (name, code) of the units that still exist: what a tree row shows."""
    found: dict[int, tuple[str, str | None]] = {}
    for chunk in chunks(list(unit_ids)):
        for unit_id, name, code in session.execute(
                sa.select(_unit.c.id, _unit.c.name, _unit.c.code).where(_unit.c.id.in_(chunk))):
            found[unit_id] = (name, code)
    return found


def unit_fields(session: Session, unit_id: int) -> dict[str, object]:
    """The editable fields' current values (what a form shows and a command keeps as old)."""
    row = _row(session, unit_id)
    return {name: row._mapping[name] for name in EDITABLE_FIELDS}


def children_ids(session: Session, parent_id: int | None) -> list[int]:
    condition = _unit.c.parent_id.is_(None) if parent_id is None else _unit.c.parent_id == parent_id
    return list(session.execute(sa.select(_unit.c.id).where(condition).order_by(_unit.c.position, _unit.c.id))
                .scalars())


def subtree_ids(session: Session, unit_ids) -> list[int]:
    """The units and all below them, parents first (one query per level)."""
    order = list(dict.fromkeys(unit_ids))
    frontier = order
    while frontier:
        found: list[int] = []
        for chunk in chunks(frontier):
            found.extend(session.execute(sa.select(_unit.c.id).where(_unit.c.parent_id.in_(chunk))
                                         .order_by(_unit.c.position, _unit.c.id)).scalars())
        order.extend(found)
        frontier = found
    return order


def ancestor_ids(session: Session, unit_id: int) -> list[int]:
    chain: list[int] = []
    parent = session.execute(sa.select(_unit.c.parent_id).where(_unit.c.id == unit_id)).scalar()
    while parent is not None:
        chain.append(parent)
        parent = session.execute(sa.select(_unit.c.parent_id).where(_unit.c.id == parent)).scalar()
    return chain


def top_level(session: Session, unit_ids) -> list[int]:
    """The given units minus those under another given unit (they go along with it)."""
    chosen = set(unit_ids)
    return [u for u in dict.fromkeys(unit_ids) if not chosen.intersection(ancestor_ids(session, u))]


def chunks(ids: list[int], size: int = 900):
    # SQLite limits the bound parameters of one statement.
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


# --- rules -------------------------------------------------------------------------------------

def check_parent(kind: UnitKind, parent_kind: UnitKind | None) -> None:
    """Refuse a parent of the wrong kind, saying which kinds are allowed."""
    allowed = ALLOWED_PARENTS[kind]
    if parent_kind in allowed:
        return
    if kind is UnitKind.REFERENCE:
        raise RuleViolation("Ett jämförelseområde hör inte till organisationen och kan inte flyttas.",
                            "A reference area is not part of the organisation and cannot be moved.")
    if parent_kind is None:
        raise RuleViolation(
            f"En {kind.sv.lower()} kan inte ligga överst; den måste ligga under "
            f"{' eller '.join(a.sv.lower() for a in allowed if a)}.",
            f"A {kind.en.lower()} cannot be at the top; it must be under a "
            f"{' or '.join(a.en.lower() for a in allowed if a)}.")
    if None in allowed:
        raise RuleViolation(f"{kind.sv} ligger alltid överst och kan inte läggas under något annat.",
                            f"The {kind.en.lower()} is always at the top and cannot be placed under anything.")
    raise RuleViolation(
        f"En {kind.sv.lower()} kan inte ligga under en {parent_kind.sv.lower()}; den får ligga under "
        f"{' eller '.join(a.sv.lower() for a in allowed if a)}.",
        f"A {kind.en.lower()} cannot be under a {parent_kind.en.lower()}; it may be under a "
        f"{' or '.join(a.en.lower() for a in allowed if a)}.")


def check_move(session: Session, unit_ids, new_parent_id: int | None) -> list[int]:
    """Refuse a move that breaks a rule; returns the units that actually move."""
    moving = top_level(session, unit_ids)
    if not moving:
        raise RuleViolation("Ingen enhet är vald.", "No unit is selected.")
    parent_kind = _kind(session, new_parent_id)
    above = set() if new_parent_id is None else {new_parent_id, *ancestor_ids(session, new_parent_id)}
    if new_parent_id is not None and _row(session, new_parent_id).closed_on is not None:
        raise RuleViolation(f"”{_name(session, new_parent_id)}” har upphört och kan inte ta emot enheter.",
                            f"“{_name(session, new_parent_id)}” has closed and cannot take units.")
    for unit_id in moving:
        kind = _kind(session, unit_id)
        if unit_id in above:
            raise RuleViolation(
                f"”{_name(session, unit_id)}” kan inte flyttas in under sig själv eller sina egna delar.",
                f"“{_name(session, unit_id)}” cannot be moved under itself or its own parts.")
        check_parent(kind, parent_kind)
    return moving


def _check_fields(session: Session, unit_id: int | None, values: dict[str, object], parent_id=None) -> None:
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if "name" in values and not str(values["name"] or "").strip():
        raise RuleViolation("En enhet måste ha ett namn.", "A unit needs a name.")
    if "code" in values:
        code = str(values["code"] or "").strip()
        if not code:
            raise RuleViolation("En enhet måste ha en kod.", "A unit needs a code.")
        clash = session.execute(sa.select(_unit.c.id).where(_unit.c.code == code, _unit.c.id != (unit_id or -1))).scalar()
        if clash is not None:
            raise RuleViolation(f"Koden {code} används redan av ”{_name(session, clash)}”.",
                                f"The code {code} is already used by “{_name(session, clash)}”.")
    kolada = values.get("kolada_ou_id")
    if kolada:
        clash = session.execute(sa.select(_unit.c.id).where(_unit.c.kolada_ou_id == kolada,
                                                            _unit.c.id != (unit_id or -1))).scalar()
        if clash is not None:
            raise RuleViolation(f"Kolada-id {kolada} används redan av ”{_name(session, clash)}”.",
                                f"The Kolada id {kolada} is already used by “{_name(session, clash)}”.")
    number = values.get("org_number")
    if number and not ORG_NUMBER.match(str(number)):
        raise RuleViolation(f"Organisationsnumret {number} ska skrivas NNNNNN-NNNN.",
                            f"The organisation number {number} must be written NNNNNN-NNNN.")
    if "kind" in values and unit_id is not None:
        kind = UnitKind(values["kind"])
        row = _row(session, unit_id)
        check_parent(kind, _kind(session, row.parent_id))
        for child in children_ids(session, unit_id):
            check_parent(_kind(session, child), kind)
    if unit_id is not None:
        row = _row(session, unit_id)
        start = values.get("contract_start", row.contract_start)
        end = values.get("contract_end", row.contract_end)
    else:
        start, end = values.get("contract_start"), values.get("contract_end")
    if start is not None and end is not None and end < start:
        raise RuleViolation(f"Avtalet slutar {end.isoformat()}, före sitt startdatum {start.isoformat()}.",
                            f"The contract ends {end.isoformat()}, before it starts ({start.isoformat()}).")


# --- placements (order among siblings) ----------------------------------------------------------

def _write_order(journal: Journal, session: Session, parent_id: int | None, ordered: list[int]) -> None:
    for position, unit_id in enumerate(ordered):
        journal.update(session, "org_unit", unit_id, {"parent_id": parent_id, "position": position})


# --- create, update ----------------------------------------------------------------------------

def _new_code(session: Session, parent_id: int | None) -> str:
    base = session.execute(sa.select(_unit.c.code).where(_unit.c.id == parent_id)).scalar() if parent_id else "E"
    n = len(children_ids(session, parent_id)) + 1
    while session.execute(sa.select(_unit.c.id).where(_unit.c.code == f"{base}-{n}")).scalar() is not None:
        n += 1
    return f"{base}-{n}"


def create_unit(session: Session, parent_id: int | None, name: str, *, kind: UnitKind | None = None,
                row: int = -1, unit_id: int | None = None, journal: Journal | None = None,
                **values) -> tuple[int, Journal]:
    """A new unit under `parent_id` before the child at `row` (-1: last). The kind follows from
    the parent unless given; a code is made up from the parent's unless given. `unit_id`
    recreates a unit under its old id (redo after undo)."""
    journal = journal or Journal()
    parent_kind = _kind(session, parent_id)
    if kind is None:
        if parent_kind not in CHILD_KIND:
            raise RuleViolation("Här kan ingen enhet skapas.", "No unit can be created here.")
        kind = CHILD_KIND[parent_kind]
    check_parent(kind, parent_kind)
    if parent_id is not None and _row(session, parent_id).closed_on is not None:
        raise RuleViolation(f"”{_name(session, parent_id)}” har upphört och kan inte ta emot enheter.",
                            f"“{_name(session, parent_id)}” has closed and cannot take units.")
    values = {"name": name.strip(), "code": values.pop("code", None) or _new_code(session, parent_id), **values}
    _check_fields(session, None, values)
    siblings = children_ids(session, parent_id)
    if unit_id is not None:
        values["id"] = unit_id
    new_id = journal.insert(session, "org_unit", {
        "kind": kind, "parent_id": parent_id, "position": len(siblings), "description": "", "version": 1,
        **values})
    audit.record(session, AuditAction.CREATE, "org_unit", new_id, summary=f"{kind.sv}: {values['name']}")
    if row < 0 or row > len(siblings):
        row = len(siblings)
    _write_order(journal, session, parent_id, siblings[:row] + [new_id] + siblings[row:])
    return new_id, journal


def update_unit(session: Session, unit_id: int, values: dict[str, object]) -> dict[str, object]:
    """Change fields of a unit; returns their old values (for undo). Audited per field."""
    values = {k: (v.strip() if isinstance(v, str) and k in ("name", "code") else v) for k, v in values.items()}
    _check_fields(session, unit_id, values)
    old = {name: _row(session, unit_id)._mapping[name] for name in values}
    if "kind" in values:
        values["kind"] = UnitKind(values["kind"])
    if values.get("provider_type") is not None:
        values["provider_type"] = ProviderType(values["provider_type"])
    session.execute(sa.update(_unit).where(_unit.c.id == unit_id).values(**values, version=_unit.c.version + 1))
    audit.record_changes(session, "org_unit", unit_id, old, values)
    return old


# --- move ----------------------------------------------------------------------------------------

def _latest_line(session: Session, unit_id: int) -> dt.date | None:
    return session.execute(sa.select(sa.func.max(OrgUnitLine.valid_until))
                           .where(OrgUnitLine.unit_id == unit_id)).scalar()


def move_units(session: Session, unit_ids, new_parent_id: int | None, row: int = -1, *,
               effective_on: dt.date | None = None, journal: Journal | None = None) -> Journal:
    """Move units (with everything under them) under `new_parent_id`, before the child at `row`.
    With `effective_on`, the move is a reorganisation from that day: the old line is kept for
    the periods before it (follow-up and packs of those periods use it). Without, it corrects the
    tree as if it had always been so."""
    journal = journal or Journal()
    moving = check_move(session, unit_ids, new_parent_id)
    old_parents = {u: _row(session, u).parent_id for u in moving}
    if effective_on is not None:
        for unit_id in moving:
            latest = _latest_line(session, unit_id)
            if latest is not None and latest >= effective_on:
                raise RuleViolation(
                    f"”{_name(session, unit_id)}” omorganiserades redan {latest.isoformat()}; en ny flytt "
                    f"måste gälla från ett senare datum.",
                    f"“{_name(session, unit_id)}” was already reorganised on {latest.isoformat()}; a new move "
                    f"must take effect later.")
    target = children_ids(session, new_parent_id)
    if row < 0 or row > len(target):
        row = len(target)
    anchor = sum(1 for u in target[:row] if u not in moving)
    remaining = [u for u in target if u not in moving]
    _write_order(journal, session, new_parent_id, remaining[:anchor] + moving + remaining[anchor:])
    for parent_id in set(old_parents.values()) - {new_parent_id}:
        _write_order(journal, session, parent_id, [u for u in children_ids(session, parent_id) if u not in moving])
    for unit_id in moving:
        old_parent = old_parents[unit_id]
        if old_parent == new_parent_id:
            continue
        if effective_on is not None:
            journal.insert(session, "org_unit_line",
                           {"unit_id": unit_id, "parent_id": old_parent, "valid_until": effective_on})
        when = f" från {effective_on.isoformat()}" if effective_on else ""
        audit.record(session, AuditAction.MOVE, "org_unit", unit_id, field="parent_id", old=old_parent,
                     new=new_parent_id, summary=f"{_name(session, unit_id)}{when}")
    return journal


# --- dependents and delete -----------------------------------------------------------------------

@dataclass
class Dependents:
    """What hangs on a set of units (and everything under them): shown before a delete."""

    units: int = 0
    beneath: int = 0
    goals: int = 0
    targets: int = 0
    results: int = 0
    assessments: int = 0
    dialogue_meetings: int = 0
    plans: int = 0
    activities: int = 0
    directives: int = 0
    milestones: int = 0
    strategies: int = 0
    history: int = 0
    lines: list[tuple[str, str, int]] = field(default_factory=list)  # (sv, en, count) of the non-zero ones


_COUNTED = [
    ("goals", "mål som enheten äger", "goals owned", Goal.owner_unit_id),
    ("targets", "målvärden", "targets", Target.unit_id),
    ("results", "utfall", "results", Result.unit_id),
    ("assessments", "bedömningar", "assessments", Assessment.unit_id),
    ("dialogue_meetings", "dialogmöten", "dialogue meetings", DialogueMeeting.unit_id),
    ("plans", "verksamhetsplaner", "operational plans", OperationalPlan.unit_id),
    ("directives", "styrdokument", "governing documents", Directive.owner_unit_id),
    ("milestones", "händelser i årshjulet", "annual cycle events", Milestone.unit_id),
    ("strategies", "strategier", "strategies", Strategy.owner_unit_id),
]


def dependents(session: Session, unit_ids) -> Dependents:
    roots = top_level(session, unit_ids)
    ids = subtree_ids(session, roots)
    found = Dependents(units=len(roots), beneath=len(ids) - len(roots))
    for chunk in chunks(ids):
        for name, _sv, _en, column in _COUNTED:
            count = session.execute(sa.select(sa.func.count()).where(column.in_(chunk))).scalar_one()
            setattr(found, name, getattr(found, name) + count)
        found.activities += session.execute(
            sa.select(sa.func.count()).select_from(Activity).join(OperationalPlan)
            .where(OperationalPlan.unit_id.in_(chunk))).scalar_one()
        found.history += session.execute(sa.select(sa.func.count()).where(
            OrgUnitLine.parent_id.in_(chunk))).scalar_one()
        found.history += session.execute(sa.select(sa.func.count()).where(sa.or_(
            OrgUnitLink.predecessor_id.in_(chunk), OrgUnitLink.successor_id.in_(chunk)))).scalar_one()
    if found.beneath:
        found.lines.append(("enheter under", "units beneath", found.beneath))
    for name, sv, en, _column in _COUNTED:
        if getattr(found, name):
            found.lines.append((sv, en, getattr(found, name)))
    if found.activities:
        found.lines.append(("aktiviteter", "activities", found.activities))
    return found


def _cascade_plan(table: sa.Table) -> list[tuple[sa.Table, sa.Column, str]]:
    """(referencing table, column, ondelete) for every foreign key to `table`."""
    found = []
    for other in table.metadata.sorted_tables:
        for fk in other.foreign_keys:
            if fk.column.table is table:
                found.append((other, fk.parent, (fk.ondelete or "RESTRICT").upper()))
    return found


def _delete_rows(session: Session, journal: Journal, table: sa.Table, ids: list[int]) -> None:
    """Delete rows and, first, what cascades from them (journalled so undo restores it all)."""
    for other, column, ondelete in _cascade_plan(table):
        if other is table:
            continue
        for chunk in chunks(ids):
            if ondelete == "CASCADE":
                if "id" in other.c:
                    child_ids = list(session.execute(sa.select(other.c.id).where(column.in_(chunk))).scalars())
                    if child_ids:
                        _delete_rows(session, journal, other, child_ids)
                else:
                    journal.delete_where(session, other.name, column.in_(chunk))
            elif ondelete == "SET NULL":
                journal.update_where(session, other.name, column.in_(chunk), {column.name: None})
    for chunk in chunks(ids):
        journal.delete_where(session, table.name, table.c.id.in_(chunk))


def delete_units(session: Session, unit_ids) -> Journal:
    """Delete units with everything under them. Refused for a unit with results (its history
    would vanish: merge it into another unit or close it instead) or one that is part of a
    reorganisation's history."""
    journal = Journal()
    roots = top_level(session, unit_ids)
    for unit_id in roots:
        _row(session, unit_id)
    ids = subtree_ids(session, roots)
    counted = dependents(session, roots)
    if counted.results:
        raise RuleViolation(
            f"{_name(session, roots[0])} har {counted.results} utfall och kan inte bara försvinna: "
            f"slå ihop enheten med en annan eller låt den upphöra i stället.",
            f"{_name(session, roots[0])} has {counted.results} results and cannot simply vanish: "
            f"merge it into another unit or close it instead.")
    if counted.history:
        raise RuleViolation(f"{_name(session, roots[0])} ingår i en omorganisations historik och kan inte tas bort.",
                            f"{_name(session, roots[0])} is part of a reorganisation's history and cannot be deleted.")
    for unit_id in ids:
        row = _row(session, unit_id)
        audit.record(session, AuditAction.DELETE, "org_unit", unit_id, summary=f"{UnitKind(row.kind).sv}: {row.name}")
    # Children first: org_unit.parent_id is ON DELETE RESTRICT.
    for unit_id in reversed(ids):
        _delete_rows(session, journal, _unit, [unit_id])
    return journal


def contract_ends_within(contract_end: dt.date | None, start: dt.date, end: dt.date) -> bool:
    """True when an avtal ends inside the period being followed up (the planner should know)."""
    return contract_end is not None and start <= contract_end <= end


def contracts_ending(session: Session, start: dt.date, end: dt.date) -> list[tuple[int, str, dt.date]]:
    """Units whose contract ends within [start, end]: (id, name, end date), soonest first."""
    rows = session.execute(sa.select(OrgUnit.id, OrgUnit.name, OrgUnit.contract_end)
                           .where(OrgUnit.contract_end.between(start, end)).order_by(OrgUnit.contract_end))
    return [(unit_id, name, end_date) for unit_id, name, end_date in rows]
