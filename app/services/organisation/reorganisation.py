"""Reorganisations with history: the organisation as it was on a day, merges and splits with
predecessor/successor links, and the impact of a change listed before it is committed."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import (
    Activity,
    AuditAction,
    DelegationItem,
    DialogueMeeting,
    Directive,
    DirectiveState,
    DirectiveType,
    Gender,
    Goal,
    Indicator,
    Milestone,
    OperationalPlan,
    OrgUnit,
    OrgUnitLine,
    OrgUnitLink,
    Period,
    Result,
    Target,
    UnitKind,
)
from app.models.errors import RuleViolation
from app.services.organisation.editing import (
    _name,
    _row,
    check_move,
    chunks,
    create_unit,
    move_units,
    subtree_ids,
    unit_id_by_code,
)
from app.services.organisation.journal import Journal
from app.services.platform import audit

_unit = OrgUnit.__table__
_line = OrgUnitLine.__table__


# --- the organisation on a day -------------------------------------------------------------------

def lines_on(session: Session, day: dt.date) -> dict[int, int | None]:
    """unit id → parent id for the units whose parent on `day` differs from today's newest line
    (a dated reorganisation after `day`). Usually empty: one indexed query on a small table."""
    # The earliest line still valid on `day` wins (lines end one after another).
    rows = session.connection().execute(
        sa.select(_line.c.unit_id, _line.c.parent_id).where(_line.c.valid_until > day)
        .order_by(_line.c.unit_id, _line.c.valid_until.desc()))
    return dict(rows.all())


def parents_on(session: Session, day: dt.date | None) -> dict[int, int | None]:
    """unit id → parent id as the organisation stood on `day` (None: today's newest line).
    A unit's dated lines override its current parent for the days before their `valid_until`."""
    parents = dict(session.connection().execute(sa.select(_unit.c.id, _unit.c.parent_id)).all())
    if day is not None:
        parents.update(lines_on(session, day))
    return parents


def units_under_on(session: Session, scope_unit_id: int, day: dt.date | None) -> list[int]:
    """The scope unit and every unit under it on `day`."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for unit_id, parent_id in parents_on(session, day).items():
        children[parent_id].append(unit_id)
    found, stack = [], [scope_unit_id]
    while stack:
        unit_id = stack.pop()
        found.append(unit_id)
        stack.extend(children[unit_id])
    return found


def parent_on(session: Session, unit_id: int, day: dt.date) -> int | None:
    line = session.execute(sa.select(_line.c.parent_id).where(_line.c.unit_id == unit_id, _line.c.valid_until > day)
                           .order_by(_line.c.valid_until).limit(1)).first()
    if line is not None:
        return line[0]
    return session.execute(sa.select(_unit.c.parent_id).where(_unit.c.id == unit_id)).scalar()


def committee_of(session: Session, unit_id: int, day: dt.date | None = None) -> int | None:
    """The nämnd (or styrelse) a unit answers to on a day: the nearest committee above or itself."""
    seen = set()
    current: int | None = unit_id
    while current is not None and current not in seen:
        seen.add(current)
        kind = UnitKind(_row(session, current).kind)
        if kind in (UnitKind.COMMITTEE, UnitKind.EXECUTIVE_BOARD):
            return current
        current = parent_on(session, current, day) if day else _row(session, current).parent_id
    return None


# --- history -------------------------------------------------------------------------------------

@dataclass
class UnitHistory:
    lines: list[tuple[str, dt.date]] = field(default_factory=list)  # (parent name, valid until)
    predecessors: list[tuple[int, str, str, dt.date]] = field(default_factory=list)  # id, name, kind, date
    successors: list[tuple[int, str, str, dt.date]] = field(default_factory=list)
    closed_on: dt.date | None = None


def unit_history(session: Session, unit_id: int) -> UnitHistory:
    history = UnitHistory(closed_on=_row(session, unit_id).closed_on)
    for parent_id, until in session.execute(sa.select(_line.c.parent_id, _line.c.valid_until)
                                            .where(_line.c.unit_id == unit_id).order_by(_line.c.valid_until)):
        history.lines.append((_name(session, parent_id) if parent_id else "–", until))
    links = OrgUnitLink.__table__.c
    for other, kind, day in session.execute(sa.select(links.predecessor_id, links.kind, links.effective_on)
                                            .where(links.successor_id == unit_id).order_by(links.effective_on)):
        history.predecessors.append((other, _name(session, other), kind, day))
    for other, kind, day in session.execute(sa.select(links.successor_id, links.kind, links.effective_on)
                                            .where(links.predecessor_id == unit_id).order_by(links.effective_on)):
        history.successors.append((other, _name(session, other), kind, day))
    return history


# Units of measure whose values add up across units (counts and money); others (shares, means)
# are shown side by side, never summed.
ADDITIVE_UNITS = {"st", "antal", "kr", "tkr", "mnkr", "personer", "timmar"}


@dataclass
class SeriesPoint:
    period: str
    value: float | None                 # the unit's own value
    parts: list[tuple[str, float]]      # its predecessors' values (periods before the merge)
    combined: float | None              # own + predecessors, when the indicator adds up (counts, money)


def unit_series(session: Session, unit_id: int, indicator_id: int) -> list[SeriesPoint]:
    """A unit's results for an indicator over time, continued backwards through its predecessors:
    for periods before a merge, the merged units' values are shown side by side (shares, means)
    and, when the indicator adds up (counts, money), summed with the unit's own, so the time
    series survives the reorganisation."""
    unit_of_measure = session.execute(sa.select(Indicator.unit_of_measure).where(Indicator.id == indicator_id)).scalar()
    additive = (unit_of_measure or "").strip().casefold() in ADDITIVE_UNITS
    links = OrgUnitLink.__table__.c
    predecessors = session.execute(sa.select(links.predecessor_id, links.effective_on)
                                   .where(links.successor_id == unit_id)).all()
    ids = [unit_id, *[p for p, _ in predecessors]]
    names = {u: _name(session, u) for u in ids}
    start_of = {p: day for p, day in predecessors}
    rows = session.execute(
        sa.select(Period.code, Period.end_date, Result.unit_id, Result.value)
        .join(Period, Period.id == Result.period_id)
        .where(Result.indicator_id == indicator_id, Result.unit_id.in_(ids), Result.gender == Gender.TOTAL)
        .order_by(Period.start_date, Period.code, Result.unit_id))
    by_period: dict[str, SeriesPoint] = {}
    for code, end_date, owner, value in rows:
        point = by_period.setdefault(code, SeriesPoint(code, None, [], None))
        if owner == unit_id:
            point.value = value
        elif value is not None and end_date < start_of[owner]:
            point.parts.append((names[owner], value))
    for point in by_period.values():
        if additive and point.parts:
            point.combined = (point.value or 0.0) + sum(v for _, v in point.parts)
        elif additive:
            point.combined = point.value
    return list(by_period.values())


@dataclass
class MergedSeries:
    indicator_code: str
    indicator_name: str
    unit_of_measure: str
    points: list[SeriesPoint]


def merged_series(session: Session, unit_id: int, yearly_only: bool = True) -> list[MergedSeries]:
    """For a unit with predecessors: each indicator its predecessors reported, as a time series
    through the merge (what the history view shows). Empty for a unit without predecessors."""
    links = OrgUnitLink.__table__.c
    predecessors = list(session.execute(sa.select(links.predecessor_id).where(links.successor_id == unit_id)).scalars())
    if not predecessors:
        return []
    indicators = session.execute(
        sa.select(Indicator.id, Indicator.code, Indicator.name, Indicator.unit_of_measure)
        .where(Indicator.id.in_(sa.select(Result.indicator_id).where(Result.unit_id.in_(predecessors)).distinct()))
        .order_by(Indicator.code)).all()
    found = []
    for indicator_id, code, name, unit_of_measure in indicators:
        points = unit_series(session, unit_id, indicator_id)
        if yearly_only:
            points = [p for p in points if p.period.isdigit()]
        found.append(MergedSeries(code, name, unit_of_measure, points))
    return found


# --- impact ----------------------------------------------------------------------------------------

@dataclass
class ImpactItem:
    area: str       # "goal", "target", "delegation", "plan", "activity", "programme", "meeting", "directive", "cycle"
    item_id: int
    text: str       # one line: what it is and why it is touched
    action: str = ""  # the follow-up action offered, if any ("hand_over", "move_plan", "revise")


AREA_LABELS = {
    "goal": ("Mål", "Goal"), "target": ("Målvärde", "Target"), "delegation": ("Delegation", "Delegation"),
    "plan": ("Verksamhetsplan", "Operational plan"), "activity": ("Aktivitet", "Activity"),
    "programme": ("Program för utförare", "Provider programme"), "meeting": ("Dialogmöte", "Dialogue meeting"),
    "directive": ("Styrdokument", "Governing document"), "cycle": ("Årshjul", "Annual cycle"),
}
ACTION_LABELS = {
    "hand_over": ("lämna över till efterträdaren", "hand over to the successor"),
    "move_plan": ("flytta planen", "move the plan"),
    "revise": ("markera delegationsordningen för revidering", "flag the delegation order for revision"),
}


@dataclass
class Impact:
    units: list[int]
    old_committees: set[int]
    new_committee: int | None
    items: list[ImpactItem] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for item in self.items:
            found[item.area] = found.get(item.area, 0) + 1
        return found

    def lines(self, language: str = "sv") -> list[str]:
        index = 0 if language == "sv" else 1
        out = []
        for item in self.items:
            line = f"{AREA_LABELS[item.area][index]}\t{item.text}"
            if item.action:
                line += f"\t→ {ACTION_LABELS[item.action][index]}"
            out.append(line)
        return out


def impact(session: Session, unit_ids, new_parent_id: int | None = None, *, merging: bool = False,
           day: dt.date | None = None) -> Impact:
    """What a move (to `new_parent_id`), merge or split of these units touches, one item per
    affected row: goals owned by or targets set for the units, plans and activities, dialogue
    meetings, årshjul events, and — when the responsible nämnd changes — the old nämnd's
    styrdokument, delegation items and provider programme of the units' verksamhetsområden.
    Reads only; a few set-based queries, whatever the number of units."""
    units = subtree_ids(session, unit_ids)
    old_committees = {c for c in (committee_of(session, u) for u in dict.fromkeys(unit_ids)) if c is not None}
    new_committee = committee_of(session, new_parent_id) if new_parent_id is not None else None
    result = Impact(units, old_committees, new_committee)
    items = result.items
    action_targets = "hand_over" if merging else ""
    names: dict[int, str] = {}
    for chunk in chunks(units):
        names.update(dict(session.execute(sa.select(_unit.c.id, _unit.c.name).where(_unit.c.id.in_(chunk))).all()))
    goal_rows, target_rows, plan_rows, activity_rows, meeting_rows, cycle_rows = [], [], [], [], [], []
    for chunk in chunks(units):
        goal_rows += session.execute(sa.select(Goal.id, Goal.code, Goal.title, Goal.owner_unit_id)
                                     .where(Goal.owner_unit_id.in_(chunk))).all()
        target_rows += session.execute(
            sa.select(Target.id, Indicator.code, Period.code, Target.value, Target.unit_id)
            .join(Indicator, Indicator.id == Target.indicator_id).join(Period, Period.id == Target.period_id)
            .where(Target.unit_id.in_(chunk), *( [Period.end_date >= day] if day else []))).all()
        plan_rows += session.execute(sa.select(OperationalPlan.id, OperationalPlan.year, OperationalPlan.title,
                                               OperationalPlan.unit_id)
                                     .where(OperationalPlan.unit_id.in_(chunk))).all()
        activity_rows += session.execute(sa.select(Activity.id, Activity.title, OperationalPlan.unit_id)
                                         .join(OperationalPlan, OperationalPlan.id == Activity.plan_id)
                                         .where(OperationalPlan.unit_id.in_(chunk))).all()
        meeting_rows += session.execute(sa.select(DialogueMeeting.id, DialogueMeeting.held_on,
                                                  DialogueMeeting.unit_id)
                                        .where(DialogueMeeting.unit_id.in_(chunk))).all()
        cycle_rows += session.execute(sa.select(Milestone.id, Milestone.due_on, Milestone.title, Milestone.unit_id)
                                      .where(Milestone.unit_id.in_(chunk))).all()
    for goal_id, code, title, owner in goal_rows:
        items.append(ImpactItem("goal", goal_id, f"{code or '-'} {title} (ägs av {names[owner]})", action_targets))
    for target_id, indicator, period, value, owner in target_rows:
        items.append(ImpactItem("target", target_id, f"{indicator} {period} = {value:g} för {names[owner]}",
                                action_targets))
    for plan_id, year, title, owner in plan_rows:
        items.append(ImpactItem("plan", plan_id, f"{year} {title} ({names[owner]})",
                                "move_plan" if merging else ""))
    for activity_id, title, owner in activity_rows:
        items.append(ImpactItem("activity", activity_id, f"{title} ({names[owner]})"))
    for meeting_id, held_on, owner in meeting_rows:
        items.append(ImpactItem("meeting", meeting_id, f"{held_on.isoformat()} med {names[owner]}"))
    for milestone_id, due_on, title, owner in cycle_rows:
        items.append(ImpactItem("cycle", milestone_id, f"{due_on.isoformat()} {title} ({names[owner]})"))
    committee_changes = new_parent_id is not None and old_committees != {new_committee}
    if committee_changes and old_committees:
        owners = list(old_committees)
        directives = session.execute(sa.select(Directive.id, Directive.title, Directive.doc_type, Directive.owner_unit_id)
                                     .where(sa.or_(Directive.owner_unit_id.in_(owners + units[:900]),
                                                   Directive.adopted_by_unit_id.in_(owners)))
                                     .order_by(Directive.title)).all()
        service_areas = set()
        for chunk in chunks(units):
            service_areas.update(a for a in session.execute(
                sa.select(_unit.c.service_area).where(_unit.c.id.in_(chunk))).scalars() if a)
        for directive_id, title, doc_type, _owner in directives:
            kind = DirectiveType(doc_type)
            if kind is DirectiveType.DELEGATION_ORDER:
                items.append(ImpactItem("directive", directive_id, f"{title} ({kind.sv})", "revise"))
                for item_id, number, matter, delegate in session.execute(
                        sa.select(DelegationItem.id, DelegationItem.number, DelegationItem.matter,
                                  DelegationItem.delegate).where(DelegationItem.directive_id == directive_id)
                        .order_by(DelegationItem.position)):
                    items.append(ImpactItem("delegation", item_id, f"{number} {matter[:80]} – delegat: {delegate}"))
            elif kind is DirectiveType.PROGRAMME:
                continue  # listed below, for the verksamhetsområden whoever owns it
            else:
                items.append(ImpactItem("directive", directive_id, f"{title} ({kind.sv})"))
        if service_areas:
            areas = ", ".join(sorted(service_areas))
            for directive_id, title in session.execute(
                    sa.select(Directive.id, Directive.title).where(Directive.doc_type == DirectiveType.PROGRAMME,
                                                                   Directive.state != DirectiveState.REPEALED)):
                items.append(ImpactItem("programme", directive_id, f"{title} (verksamhetsområden: {areas})"))
    return result


# --- dated move, merge, split ------------------------------------------------------------------

def reorganise(session: Session, unit_ids, new_parent_id: int | None, effective_on: dt.date | None,
               *, flag_delegation: bool = False, journal: Journal | None = None) -> Journal:
    """A move (dated or not), with the offered follow-up action of flagging the old nämnd's
    delegationsordning for revision on the day the move takes effect."""
    journal = journal or Journal()
    before = impact(session, unit_ids, new_parent_id) if flag_delegation else None
    move_units(session, unit_ids, new_parent_id, effective_on=effective_on, journal=journal)
    if before is not None:
        _flag_delegation_orders(session, journal, before, effective_on or dt.date.today())
    return journal


def _flag_delegation_orders(session: Session, journal: Journal, found: Impact, day: dt.date) -> None:
    for item in found.items:
        if item.action == "revise":
            journal.update(session, "directive", item.item_id, {"review_due": day})
            audit.record(session, AuditAction.UPDATE, "directive", item.item_id, field="review_due", new=day,
                         summary="Delegationsordningen ska revideras efter omorganisation")


def merge_units(session: Session, source_ids, into_id: int, effective_on: dt.date, *, hand_over: bool = True,
                flag_delegation: bool = True, journal: Journal | None = None) -> Journal:
    """Merge units into `into_id` from `effective_on`: the sources close that day and keep their
    results for earlier periods; links make `into_id` their successor (its time series continues
    theirs); their units move under `into_id`. With `hand_over`, goals they own, their targets
    for periods ending on or after the day and their plans for years from then on go to
    `into_id`; with `flag_delegation`, the delegation orders concerned are flagged for revision."""
    journal = journal or Journal()
    sources = list(dict.fromkeys(source_ids))
    if not sources:
        raise RuleViolation("Välj minst en enhet att slå ihop.", "Choose at least one unit to merge.")
    if into_id in sources:
        raise RuleViolation("En enhet kan inte slås ihop med sig själv.", "A unit cannot be merged into itself.")
    into = _row(session, into_id)
    if into.closed_on is not None:
        raise RuleViolation(f"”{into.name}” har redan upphört.", f"“{into.name}” has already closed.")
    for source in sources:
        row = _row(session, source)
        if row.closed_on is not None:
            raise RuleViolation(f"”{row.name}” upphörde redan {row.closed_on.isoformat()}.",
                                f"“{row.name}” already closed on {row.closed_on.isoformat()}.")
        if row.kind != into.kind:
            raise RuleViolation(
                f"”{row.name}” ({UnitKind(row.kind).sv.lower()}) kan inte slås ihop med ”{into.name}” "
                f"({UnitKind(into.kind).sv.lower()}): enheterna måste vara av samma slag.",
                f"“{row.name}” ({UnitKind(row.kind).en.lower()}) cannot be merged into “{into.name}” "
                f"({UnitKind(into.kind).en.lower()}): the units must be of the same kind.")
        if source in subtree_ids(session, [into_id]) or into_id in subtree_ids(session, [source]):
            raise RuleViolation(f"”{row.name}” och ”{into.name}” ligger under varandra.",
                                f"“{row.name}” and “{into.name}” are under one another.")
    found = impact(session, sources, into_id, merging=True, day=effective_on)
    for source in sources:
        children = list(session.execute(sa.select(_unit.c.id).where(_unit.c.parent_id == source)
                                        .order_by(_unit.c.position)).scalars())
        if children:
            move_units(session, children, into_id, effective_on=effective_on, journal=journal)
        journal.insert(session, "org_unit_link", {"predecessor_id": source, "successor_id": into_id,
                                                  "kind": "merge", "effective_on": effective_on})
        journal.update(session, "org_unit", source, {"closed_on": effective_on})
        audit.record(session, AuditAction.UPDATE, "org_unit", source, field="closed_on", new=effective_on,
                     summary=f"{_name(session, source)} slogs ihop med {into.name}")
    if hand_over:
        _hand_over(session, journal, sources, into_id, effective_on)
    if flag_delegation:
        _flag_delegation_orders(session, journal, found, effective_on)
    return journal


def _hand_over(session: Session, journal: Journal, sources: list[int], into_id: int, day: dt.date) -> None:
    for source in sources:
        for goal_id in session.execute(sa.select(Goal.id).where(Goal.owner_unit_id == source)).scalars().all():
            journal.update(session, "goal", goal_id, {"owner_unit_id": into_id})
            audit.record(session, AuditAction.UPDATE, "goal", goal_id, field="owner_unit_id", old=source, new=into_id)
        taken = set(session.execute(sa.select(Target.indicator_id, Target.period_id)
                                    .where(Target.unit_id == into_id)).all())
        for target_id, indicator_id, period_id in session.execute(
                sa.select(Target.id, Target.indicator_id, Target.period_id).join(Period)
                .where(Target.unit_id == source, Period.end_date >= day)).all():
            if (indicator_id, period_id) in taken:
                continue  # the successor's own target stands
            taken.add((indicator_id, period_id))
            journal.update(session, "target", target_id, {"unit_id": into_id})
            audit.record(session, AuditAction.UPDATE, "target", target_id, field="unit_id", old=source, new=into_id)
        years = set(session.execute(sa.select(OperationalPlan.year).where(OperationalPlan.unit_id == into_id)).scalars())
        for plan_id, year in session.execute(sa.select(OperationalPlan.id, OperationalPlan.year)
                                             .where(OperationalPlan.unit_id == source,
                                                    OperationalPlan.year >= day.year)).all():
            if year in years:
                continue
            years.add(year)
            journal.update(session, "operational_plan", plan_id, {"unit_id": into_id})
            audit.record(session, AuditAction.UPDATE, "operational_plan", plan_id, field="unit_id", old=source,
                         new=into_id)


def split_unit(session: Session, unit_id: int, parts: list[tuple[str, str]], effective_on: dt.date, *,
               new_ids: list[int] | None = None, journal: Journal | None = None) -> tuple[list[int], Journal]:
    """Split a unit from `effective_on` into new units (code, name) beside it: the unit closes that
    day, keeps its results for earlier periods and is linked to each part as their predecessor.
    Its own units go under the first part. Returns the new ids (redo passes them back)."""
    journal = journal or Journal()
    row = _row(session, unit_id)
    if row.closed_on is not None:
        raise RuleViolation(f"”{row.name}” upphörde redan {row.closed_on.isoformat()}.",
                            f"“{row.name}” already closed on {row.closed_on.isoformat()}.")
    if len(parts) < 2:
        raise RuleViolation("En delning behöver minst två nya enheter.", "A split needs at least two new units.")
    check_move(session, [unit_id], row.parent_id)
    created: list[int] = []
    carried = {name: row._mapping[name] for name in ("provider_type", "provider_name", "service_area",
                                                     "municipality_code")}
    for index, (code, name) in enumerate(parts):
        new_id, _ = create_unit(session, row.parent_id, name, kind=UnitKind(row.kind), code=code,
                                unit_id=new_ids[index] if new_ids else None, journal=journal, **carried)
        created.append(new_id)
        journal.insert(session, "org_unit_link", {"predecessor_id": unit_id, "successor_id": new_id,
                                                  "kind": "split", "effective_on": effective_on})
    children = list(session.execute(sa.select(_unit.c.id).where(_unit.c.parent_id == unit_id)
                                    .order_by(_unit.c.position)).scalars())
    if children:
        move_units(session, children, created[0], effective_on=effective_on, journal=journal)
    journal.update(session, "org_unit", unit_id, {"closed_on": effective_on})
    audit.record(session, AuditAction.UPDATE, "org_unit", unit_id, field="closed_on", new=effective_on,
                 summary=f"{row.name} delades i {', '.join(n for _, n in parts)}")
    return created, journal


def undo_reorganisation(session: Session, journal: Journal, summary: str) -> None:
    """Undo a move, merge or split exactly (audited as one entry per unit touched)."""
    from app.services.organisation.journal import undo

    touched = sorted({e[2]["id"] for e in journal.entries if e[1] == "org_unit" and "id" in e[2]}
                     | {e[2]["unit_id"] for e in journal.entries if e[1] == "org_unit_line"})
    undo(session, journal)
    for unit_id in touched:
        exists = session.execute(sa.select(_unit.c.id).where(_unit.c.id == unit_id)).scalar()
        if exists is not None:
            audit.record(session, AuditAction.UPDATE, "org_unit", unit_id, summary=f"Ångrat: {summary}")


def resolve_codes(session: Session, codes) -> list[int]:
    return [unit_id_by_code(session, code) for code in codes]


def merged_into(session: Session) -> dict[int, tuple[dt.date, int]]:
    """closed unit id → (merge day, successor) for units merged into exactly one other unit: where
    results reported for them from that day on belong (an import follows it)."""
    links = OrgUnitLink.__table__.c
    found: dict[int, list[tuple[dt.date, int]]] = defaultdict(list)
    for predecessor, successor, day in session.execute(
            sa.select(links.predecessor_id, links.successor_id, links.effective_on).where(links.kind == "merge")):
        found[predecessor].append((day, successor))
    return {unit: targets[0] for unit, targets in found.items() if len(targets) == 1}


def kolada_unit(session: Session, kolada_ou_id: str) -> int | None:
    """The unit a Kolada unit id belongs to. A merged unit keeps its own Kolada id, so results
    published under an id that ended with a reorganisation land on the predecessor (and are seen
    through the successor's time series)."""
    return session.execute(sa.select(_unit.c.id).where(_unit.c.kolada_ou_id == kolada_ou_id)).scalar()


def unit_children_on(session: Session, parent_id: int | None, day: dt.date) -> list:
    """The units under `parent_id` as the organisation stood on `day` (for the tree's history
    view): today's lines with the dated lines before their end put back, units not yet created
    or already closed on that day left out."""
    from app.services.platform.trees import TreeRow

    parents = parents_on(session, day)
    rows = session.connection().execute(
        sa.select(_unit.c.id, _unit.c.name, _unit.c.kind, _unit.c.code, _unit.c.closed_on)
        .order_by(_unit.c.position, _unit.c.id)).all()
    closed = {r.id for r in rows if r.closed_on is not None and r.closed_on <= day}
    created_after = set(session.execute(
        sa.select(OrgUnitLink.successor_id).where(OrgUnitLink.kind == "split", OrgUnitLink.effective_on > day))
        .scalars())
    alive = {r.id for r in rows} - closed - created_after
    counts: dict[int | None, int] = defaultdict(int)
    for unit_id in alive:
        counts[parents.get(unit_id)] += 1
    return [TreeRow(r.id, parents.get(r.id), r.name, r.kind, r.code, counts.get(r.id, 0))
            for r in rows if r.id in alive and parents.get(r.id) == parent_id]
