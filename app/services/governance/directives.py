"""Styrdokument and delegationsordningar: the register, the lifecycle (utkast → remiss →
fastställd → upphävd), versions, review dates, delegation items and delegationsbeslut.

An adopted (fastställd) or repealed document is never changed in place: `new_version` copies it
into a draft row pointing back with `previous_version_id`; adopting that draft repeals the one
before. Every write records the audit log in the caller's transaction."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session, aliased

from app.models import (
    AuditAction,
    DelegationDecision,
    DelegationItem,
    Directive,
    DirectiveState,
    DirectiveType,
    Goal,
    OrgUnit,
    UnitKind,
    directive_goal,
)
from app.models.errors import RuleViolation
from app.services.governance.register_export import Sheet, write_xlsx
from app.services.platform import audit
from app.services.platform.audited import add, assign, get_or_refuse, next_position

REVIEW_WINDOW_DAYS = 90
LOCKED_STATES = (DirectiveState.ADOPTED, DirectiveState.REPEALED)

# Field → (Swedish, English) label: for comparisons, validation messages and exports.
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "title": ("Titel", "Title"),
    "doc_type": ("Typ", "Type"),
    "case_number": ("Diarienummer", "Case number"),
    "owner_unit_id": ("Ägare", "Owner"),
    "adopted_by_unit_id": ("Fastställd av", "Adopted by"),
    "adopted_on": ("Fastställd datum", "Adoption date"),
    "valid_from": ("Gäller från", "Valid from"),
    "valid_to": ("Gäller till", "Valid to"),
    "review_due": ("Revideras senast", "Review due"),
    "responsible": ("Ansvarig tjänsteperson", "Responsible officer"),
    "summary": ("Sammanfattning", "Summary"),
    "body": ("Text", "Body text"),
    "attachment_name": ("Bilaga", "Attachment"),
    "attachment_link": ("Länk till bilaga", "Attachment link"),
    "goal_ids": ("Kopplade mål", "Linked goals"),
}
FIELDS = tuple(name for name in FIELD_LABELS if name != "goal_ids")
ITEM_FIELDS = ("chapter", "number", "matter", "legal_reference", "delegate", "deputy", "limits",
               "report_required")
DECISION_FIELDS = ("decided_on", "decided_by", "summary", "case_number", "reported_on")


@dataclass
class DirectiveRow:
    """One line of the register (the current version of each document)."""

    id: int
    title: str
    doc_type: DirectiveType
    case_number: str
    owner_unit_id: int | None
    owner_name: str
    state: DirectiveState
    version_no: int
    review_due: dt.date | None
    review: str | None  # "overdue", "due_soon" or None


@dataclass
class FieldDiff:
    field: str
    sv: str
    en: str
    old: object
    new: object


@dataclass
class FieldError:
    """An inline validation message for one form field."""

    field: str
    error: RuleViolation


@dataclass
class DecisionRow:
    id: int
    item_id: int
    item_number: str
    matter: str
    directive_title: str
    decided_on: dt.date
    decided_by: str
    summary: str
    case_number: str
    reported_on: dt.date | None


@dataclass
class ItemRow:
    id: int
    chapter: str
    number: str
    matter: str
    legal_reference: str
    delegate: str
    deputy: str
    limits: str
    report_required: bool
    decision_count: int = 0
    unreported_count: int = 0


@dataclass
class DirectiveVersion:
    id: int
    version_no: int
    state: DirectiveState
    adopted_on: dt.date | None
    title: str


@dataclass
class ItemSnapshot:
    """Everything to put a deleted delegation item back, decisions included (for undo)."""

    id: int
    directive_id: int
    position: int
    values: dict
    decisions: list[dict] = field(default_factory=list)


# --- reading -----------------------------------------------------------------------------------
def review_status(review_due: dt.date | None, today: dt.date) -> str | None:
    """"overdue" when the review date has passed, "due_soon" within 90 days, else None."""
    if review_due is None:
        return None
    if review_due < today:
        return "overdue"
    if review_due <= today + dt.timedelta(days=REVIEW_WINDOW_DAYS):
        return "due_soon"
    return None


def current_versions():
    """Rows that no later version points back to: the register shows one row per document.
    An uncorrelated NOT IN: SQLite builds the set once (previous_version_id has no index)."""
    newer = sa.select(Directive.previous_version_id).where(Directive.previous_version_id.is_not(None))
    return Directive.id.not_in(newer.scalar_subquery())


def register(session: Session, today: dt.date | None = None) -> list[DirectiveRow]:
    """Every document's current version, by type and title."""
    today = today or dt.date.today()
    owner = aliased(OrgUnit)
    rows = session.execute(
        sa.select(Directive, owner.name).outerjoin(owner, owner.id == Directive.owner_unit_id)
        .where(current_versions()).order_by(Directive.doc_type, Directive.title)
    ).all()
    return [
        DirectiveRow(
            id=d.id, title=d.title, doc_type=d.doc_type, case_number=d.case_number or "",
            owner_unit_id=d.owner_unit_id, owner_name=name or "", state=d.state, version_no=d.version_no,
            review_due=d.review_due,
            review=review_status(d.review_due, today) if d.state is DirectiveState.ADOPTED else None,
        )
        for d, name in rows
    ]


def due_for_review(session: Session, today: dt.date | None = None) -> list[DirectiveRow]:
    """"Att revidera": adopted current versions past or within 90 days of their review date."""
    return sorted((r for r in register(session, today) if r.review), key=lambda r: r.review_due)


def directive_values(session: Session, directive_id: int) -> dict:
    """The form's values as plain data (attachment bytes included), with linked goal ids."""
    d = _get(session, directive_id)
    values = {name: getattr(d, name) for name in FIELDS}
    values["attachment_data"] = d.attachment_data
    values["goal_ids"] = tuple(sorted(session.execute(
        sa.select(directive_goal.c.goal_id).where(directive_goal.c.directive_id == directive_id)).scalars()))
    values.update(state=d.state, version_no=d.version_no, previous_version_id=d.previous_version_id)
    return values


def version_chain(session: Session, directive_id: int) -> list[DirectiveVersion]:
    """All versions of the document, oldest first."""
    d = _get(session, directive_id)
    while d.previous_version_id is not None:
        d = session.get(Directive, d.previous_version_id)
    chain = []
    while d is not None:
        chain.append(DirectiveVersion(d.id, d.version_no, d.state, d.adopted_on, d.title))
        d = session.execute(sa.select(Directive).where(Directive.previous_version_id == d.id)).scalar()
    return chain


def compare(session: Session, old_id: int, new_id: int) -> list[FieldDiff]:
    """Fields that differ between two versions (unit ids shown as names, goals as codes)."""
    old, new = directive_values(session, old_id), directive_values(session, new_id)
    diffs = []
    for name, (sv, en) in FIELD_LABELS.items():
        a, b = old[name], new[name]
        if name == "attachment_name" and (a, old["attachment_data"]) != (b, new["attachment_data"]):
            diffs.append(FieldDiff(name, sv, en, a, b if a != b else f"{b} (ny fil)"))
            continue
        if a == b:
            continue
        if name.endswith("unit_id"):
            a, b = _unit_name(session, a), _unit_name(session, b)
        elif name == "goal_ids":
            a, b = _goal_codes(session, a), _goal_codes(session, b)
        diffs.append(FieldDiff(name, sv, en, a, b))
    return diffs


def _unit_name(session: Session, unit_id: int | None) -> str:
    unit = session.get(OrgUnit, unit_id) if unit_id else None
    return unit.name if unit else ""


def _goal_codes(session: Session, ids) -> str:
    if not ids:
        return ""
    return ", ".join(session.execute(
        sa.select(sa.func.coalesce(Goal.code, Goal.title)).where(Goal.id.in_(ids)).order_by(Goal.code)).scalars())


def adopting_bodies(session: Session) -> list[tuple[int, str]]:
    """Fullmäktige, styrelse and nämnder: who may adopt a document or own it."""
    kinds = (UnitKind.COUNCIL, UnitKind.EXECUTIVE_BOARD, UnitKind.COMMITTEE)
    return [tuple(r) for r in session.execute(
        sa.select(OrgUnit.id, OrgUnit.name).where(OrgUnit.kind.in_(kinds)).order_by(OrgUnit.position))]


def linkable_goals(session: Session) -> list[tuple[int, str | None, str]]:
    """(id, code, title) of every goal a document can name, by code."""
    return [tuple(r) for r in session.execute(sa.select(Goal.id, Goal.code, Goal.title).order_by(Goal.code))]


def existing_directives(session: Session, directive_ids) -> list[int]:
    """Those of the ids whose document still exists, in the order given (after an undo)."""
    found = set(session.execute(sa.select(Directive.id).where(Directive.id.in_(list(directive_ids)))).scalars())
    return [i for i in directive_ids if i in found]


# --- validation --------------------------------------------------------------------------------
def validate(session: Session, values: dict, directive_id: int | None = None) -> list[FieldError]:
    """Every problem with a form's values, per field (the form shows them all at once)."""
    errors: list[FieldError] = []
    if not (values.get("title") or "").strip():
        errors.append(FieldError("title", RuleViolation("Titel måste anges.", "A title is required.")))
    if values.get("doc_type") is None:
        errors.append(FieldError("doc_type", RuleViolation("Typ måste anges.", "A type is required.")))
    if values.get("owner_unit_id") is None:
        errors.append(FieldError("owner_unit_id", RuleViolation("Ägare måste anges.", "An owner is required.")))
    valid_from, valid_to = values.get("valid_from"), values.get("valid_to")
    if valid_from and valid_to and valid_to < valid_from:
        errors.append(FieldError("valid_to", RuleViolation(
            "Gäller till kan inte vara före gäller från.", "Valid to cannot be before valid from.")))
    adopted_on, review_due = values.get("adopted_on"), values.get("review_due")
    if adopted_on and review_due and review_due < adopted_on:
        errors.append(FieldError("review_due", RuleViolation(
            "Revideras senast kan inte vara före fastställd datum.",
            "The review date cannot be before the adoption date.")))
    case_number = (values.get("case_number") or "").strip()
    if case_number and values.get("owner_unit_id") is not None:
        same_document = {v.id for v in version_chain(session, directive_id)} if directive_id else set()
        clash = session.execute(
            sa.select(Directive.title).where(
                current_versions(), Directive.case_number == case_number,
                Directive.owner_unit_id == values["owner_unit_id"],
                Directive.state != DirectiveState.REPEALED,
                Directive.id.not_in(same_document) if same_document else sa.true(),
            )
        ).scalar()
        if clash:
            errors.append(FieldError("case_number", RuleViolation(
                f"Diarienumret {case_number} används redan av ”{clash}” hos samma ägare.",
                f"The case number {case_number} is already used by “{clash}” of the same owner.")))
    return errors


def raise_first(errors: list[FieldError]) -> None:
    if errors:
        raise errors[0].error


def _get(session: Session, directive_id: int) -> Directive:
    return get_or_refuse(session, Directive, directive_id, "Styrdokumentet finns inte längre.",
                         "The document no longer exists.")


def _ensure_editable(d: Directive) -> None:
    if d.state in LOCKED_STATES:
        raise RuleViolation(
            f"”{d.title}” är {d.state.sv.lower()} och kan inte ändras. Skapa en ny version.",
            f"“{d.title}” is {d.state.en.lower()} and cannot be changed. Create a new version.")


# --- writing documents ---------------------------------------------------------------------------
def _set_goals(session: Session, directive_id: int, goal_ids) -> None:
    session.execute(directive_goal.delete().where(directive_goal.c.directive_id == directive_id))
    if goal_ids:
        session.execute(directive_goal.insert(), [{"directive_id": directive_id, "goal_id": g} for g in goal_ids])


def create_directive(session: Session, values: dict) -> int:
    """A new document in state utkast."""
    raise_first(validate(session, values))
    d = Directive(**{k: values.get(k) for k in FIELDS if k in values},
                  attachment_data=values.get("attachment_data"), state=DirectiveState.DRAFT)
    d.responsible = d.responsible or ""
    d.summary, d.body = d.summary or "", d.body or ""
    add(session, "directive", d, d.title)
    _set_goals(session, d.id, values.get("goal_ids"))
    return d.id


def update_directive(session: Session, directive_id: int, values: dict) -> dict:
    """Change a draft or remiss version; returns the old values (for undo). Refuses a locked one."""
    d = _get(session, directive_id)
    _ensure_editable(d)
    raise_first(validate(session, {**directive_values(session, directive_id), **values}, directive_id))
    old = directive_values(session, directive_id)
    for name in FIELDS + ("attachment_data",):
        if name in values:
            setattr(d, name, values[name])
    if "goal_ids" in values:
        _set_goals(session, directive_id, values["goal_ids"])
    changed = {k: v for k, v in values.items() if k != "attachment_data"}
    if "attachment_data" in values and values["attachment_data"] != old["attachment_data"]:
        changed.setdefault("attachment_name", values.get("attachment_name"))
    audit.record_changes(session, "directive", directive_id,
                         {k: _audit_value(k, old[k]) for k in changed},
                         {k: _audit_value(k, v) for k, v in changed.items()})
    session.flush()
    return {k: old[k] for k in values}


def _audit_value(name: str, value):
    return ", ".join(map(str, value)) if name == "goal_ids" else value


ALLOWED_TRANSITIONS = {
    DirectiveState.DRAFT: {DirectiveState.CONSULTATION, DirectiveState.ADOPTED},
    DirectiveState.CONSULTATION: {DirectiveState.DRAFT, DirectiveState.ADOPTED},
    DirectiveState.ADOPTED: {DirectiveState.REPEALED},
    DirectiveState.REPEALED: set(),
}


def set_state(session: Session, directive_id: int, state: DirectiveState,
              adopted_on: dt.date | None = None) -> dict[int, tuple[DirectiveState, dt.date | None]]:
    """Move a document along its lifecycle. Adopting a new version repeals the previous one.
    Returns {id: (old state, old adoption date)} of every row touched, for `restore_states`."""
    d = _get(session, directive_id)
    if state not in ALLOWED_TRANSITIONS[d.state]:
        raise RuleViolation(f"Ett dokument som är {d.state.sv.lower()} kan inte bli {state.sv.lower()}.",
                            f"A document that is {d.state.en.lower()} cannot become {state.en.lower()}.")
    touched = {d.id: (d.state, d.adopted_on)}
    if state is DirectiveState.ADOPTED:
        # The adoption date is part of what is validated (a review date cannot precede it).
        d.adopted_on = adopted_on or d.adopted_on or dt.date.today()
        raise_first(validate(session, directive_values(session, directive_id), directive_id))
        if d.doc_type is DirectiveType.DELEGATION_ORDER:
            missing = [i.number for i in d.items if not i.delegate.strip()]
            if missing:
                raise RuleViolation(f"Punkt {', '.join(missing)} saknar delegat.",
                                    f"Item {', '.join(missing)} has no delegate.")
        previous = session.get(Directive, d.previous_version_id) if d.previous_version_id else None
        if previous is not None and previous.state is DirectiveState.ADOPTED:
            touched[previous.id] = (previous.state, previous.adopted_on)
            previous.state = DirectiveState.REPEALED
            audit.record(session, AuditAction.UPDATE, "directive", previous.id, field="state",
                         old=DirectiveState.ADOPTED, new=DirectiveState.REPEALED,
                         summary=f"Ersatt av version {d.version_no}")
    audit.record(session, AuditAction.UPDATE, "directive", d.id, field="state", old=d.state, new=state)
    d.state = state
    session.flush()
    return touched


def restore_states(session: Session, states: dict[int, tuple[DirectiveState, dt.date | None]]) -> None:
    """Undo of `set_state`."""
    for directive_id, (state, adopted_on) in states.items():
        d = _get(session, directive_id)
        audit.record(session, AuditAction.UPDATE, "directive", d.id, field="state", old=d.state, new=state)
        d.state, d.adopted_on = state, adopted_on
    session.flush()


def new_version(session: Session, directive_id: int) -> int:
    """A draft copy of an adopted document (items and goal links included): the way to change it."""
    d = _get(session, directive_id)
    if d.state is not DirectiveState.ADOPTED:
        raise RuleViolation("Bara ett fastställt dokument får en ny version; ändra utkastet direkt.",
                            "Only an adopted document gets a new version; edit the draft directly.")
    if session.execute(sa.select(Directive.id).where(Directive.previous_version_id == d.id)).scalar():
        raise RuleViolation("Det finns redan en nyare version av dokumentet.",
                            "A newer version of this document already exists.")
    copy = Directive(**{k: getattr(d, k) for k in FIELDS}, attachment_data=d.attachment_data,
                     state=DirectiveState.DRAFT, version_no=d.version_no + 1, previous_version_id=d.id)
    copy.adopted_on = None
    session.add(copy)
    session.flush()
    for item in d.items:
        session.add(DelegationItem(directive_id=copy.id, position=item.position,
                                   **{k: getattr(item, k) for k in ITEM_FIELDS}))
    _set_goals(session, copy.id, directive_values(session, d.id)["goal_ids"])
    audit.record(session, AuditAction.CREATE, "directive", copy.id,
                 summary=f"Version {copy.version_no} av {d.title}")
    session.flush()
    return copy.id


def delete_directive(session: Session, directive_id: int) -> None:
    """Remove a draft (undo of create or new version). Adopted documents are kept for the record."""
    d = _get(session, directive_id)
    _ensure_editable(d)
    audit.record(session, AuditAction.DELETE, "directive", d.id, old=audit.row_content(d), summary=d.title)
    session.delete(d)
    session.flush()


# --- delegation ----------------------------------------------------------------------------------
def items(session: Session, directive_id: int) -> list[ItemRow]:
    """A delegation order's items by chapter, then position, with their decision counts."""
    counts = dict(
        (r[0], (r[1], r[2])) for r in session.execute(
            sa.select(DelegationDecision.item_id, sa.func.count(),
                      sa.func.sum(sa.case((DelegationDecision.reported_on.is_(None), 1), else_=0)))
            .join(DelegationItem).where(DelegationItem.directive_id == directive_id)
            .group_by(DelegationDecision.item_id)))
    found = session.execute(
        sa.select(DelegationItem).where(DelegationItem.directive_id == directive_id)
        .order_by(DelegationItem.position, DelegationItem.id)).scalars()
    return [ItemRow(i.id, i.chapter, i.number, i.matter, i.legal_reference, i.delegate, i.deputy, i.limits,
                    i.report_required, *counts.get(i.id, (0, 0))) for i in found]


def _item_errors(values: dict) -> None:
    if not (values.get("number") or "").strip():
        raise RuleViolation("Punkten måste ha ett nummer.", "The item needs a number.")
    if not (values.get("matter") or "").strip():
        raise RuleViolation("Ärendet måste beskrivas.", "The matter must be described.")
    if not (values.get("delegate") or "").strip():
        raise RuleViolation("Varje punkt måste ha en delegat.", "Every item must have a delegate.")


def add_item(session: Session, directive_id: int, values: dict, item_id: int | None = None) -> int:
    """Add an item at the end of the order (or at its old id, when undo puts it back)."""
    d = _get(session, directive_id)
    _ensure_editable(d)
    _item_errors(values)
    position = values.get("position")
    if position is None:
        position = next_position(session, DelegationItem.position, DelegationItem.directive_id == directive_id)
    item = DelegationItem(id=item_id, directive_id=directive_id, position=position,
                          **{k: values.get(k, "" if k != "report_required" else True) for k in ITEM_FIELDS})
    return add(session, "delegation_item", item, f"{item.number} {item.matter}")


def update_item(session: Session, item_id: int, values: dict) -> dict:
    item = _get_item(session, item_id)
    _ensure_editable(item.directive)
    _item_errors({**{k: getattr(item, k) for k in ITEM_FIELDS}, **values})
    return assign(session, "delegation_item", item, values)


def _get_item(session: Session, item_id: int) -> DelegationItem:
    return get_or_refuse(session, DelegationItem, item_id, "Delegationspunkten finns inte längre.",
                         "The delegation item no longer exists.")


def delete_item(session: Session, item_id: int) -> ItemSnapshot:
    item = _get_item(session, item_id)
    _ensure_editable(item.directive)
    snapshot = ItemSnapshot(item.id, item.directive_id, item.position,
                            {k: getattr(item, k) for k in ITEM_FIELDS},
                            [{"id": x.id, **{k: getattr(x, k) for k in DECISION_FIELDS}} for x in item.decisions])
    audit.record(session, AuditAction.DELETE, "delegation_item", item.id, old=audit.row_content(item),
                 summary=f"{item.number} {item.matter}")
    session.delete(item)
    session.flush()
    return snapshot


def restore_item(session: Session, snapshot: ItemSnapshot) -> None:
    add_item(session, snapshot.directive_id, {**snapshot.values, "position": snapshot.position}, snapshot.id)
    for decision in snapshot.decisions:
        session.add(DelegationDecision(item_id=snapshot.id, **decision))
    session.flush()


def decisions(session: Session, item_id: int | None = None, *, unreported: bool = False,
              directive_id: int | None = None) -> list[DecisionRow]:
    """Delegationsbeslut, newest first; `unreported` keeps those that must still be reported."""
    query = (sa.select(DelegationDecision, DelegationItem, Directive.title)
             .join(DelegationItem, DelegationItem.id == DelegationDecision.item_id)
             .join(Directive, Directive.id == DelegationItem.directive_id))
    if item_id is not None:
        query = query.where(DelegationDecision.item_id == item_id)
    if directive_id is not None:
        # Decisions follow the document across versions: an item copied into a new version is
        # another row, so the whole chain counts.
        chain = [v.id for v in version_chain(session, directive_id)]
        query = query.where(DelegationItem.directive_id.in_(chain))
    if unreported:
        query = query.where(DelegationItem.report_required.is_(True), DelegationDecision.reported_on.is_(None))
    rows = session.execute(query.order_by(DelegationDecision.decided_on.desc(), DelegationDecision.id.desc()))
    return [DecisionRow(x.id, i.id, i.number, i.matter, title, x.decided_on, x.decided_by, x.summary,
                        x.case_number, x.reported_on) for x, i, title in rows]


def unreported_decisions(session: Session, directive_id: int | None = None) -> list[DecisionRow]:
    """Decisions under items with anmälan = ja that no nämnd meeting has received yet, oldest first."""
    return sorted(decisions(session, unreported=True, directive_id=directive_id),
                  key=lambda r: (r.decided_on, r.id))


def add_decision(session: Session, item_id: int, values: dict, decision_id: int | None = None) -> int:
    item = _get_item(session, item_id)
    if values.get("decided_on") is None:
        raise RuleViolation("Beslutsdatum måste anges.", "A decision date is required.")
    if not (values.get("decided_by") or "").strip():
        raise RuleViolation("Ange vem som fattade beslutet.", "Say who took the decision.")
    decision = DelegationDecision(id=decision_id, item_id=item_id,
                                  **{k: values.get(k) if k in ("decided_on", "reported_on") else values.get(k, "")
                                     for k in DECISION_FIELDS})
    session.add(decision)
    session.flush()
    audit.record(session, AuditAction.CREATE, "delegation_decision", decision.id,
                 summary=f"{item.number}: {decision.summary}")
    return decision.id


def _get_decision(session: Session, decision_id: int) -> DelegationDecision:
    return get_or_refuse(session, DelegationDecision, decision_id, "Beslutet finns inte längre.",
                         "The decision no longer exists.")


def delete_decision(session: Session, decision_id: int) -> tuple[int, dict]:
    decision = _get_decision(session, decision_id)
    values = {k: getattr(decision, k) for k in DECISION_FIELDS}
    item_id = decision.item_id
    audit.record(session, AuditAction.DELETE, "delegation_decision", decision_id, old=audit.row_content(decision),
                 summary=decision.summary)
    session.delete(decision)
    session.flush()
    return item_id, values


def mark_reported(session: Session, decision_ids, meeting: dt.date | None) -> dict[int, dt.date | None]:
    """Set (or with None, clear) the meeting date; returns the old dates for undo."""
    old: dict[int, dt.date | None] = {}
    for decision_id in decision_ids:
        decision = _get_decision(session, decision_id)
        if meeting is not None and meeting < decision.decided_on:
            raise RuleViolation("Ett beslut kan inte anmälas före beslutsdatumet.",
                                "A decision cannot be reported before it was taken.")
        old[decision_id] = decision.reported_on
        audit.record(session, AuditAction.UPDATE, "delegation_decision", decision_id, field="reported_on",
                     old=decision.reported_on, new=meeting)
        decision.reported_on = meeting
    session.flush()
    return old


def restore_reported(session: Session, dates: dict[int, dt.date | None]) -> None:
    for decision_id, date in dates.items():
        mark_reported(session, [decision_id], date)


DECISION_COLUMNS = (("Punkt", "Item"), ("Ärende", "Matter"), ("Beslutsdatum", "Decided on"),
                    ("Beslutat av", "Decided by"), ("Beslut", "Decision"), ("Diarienummer", "Case number"))


def _decision_cells(row: DecisionRow) -> list:
    return [row.item_number, row.matter, row.decided_on, row.decided_by, row.summary, row.case_number]


def export_decisions(rows: list[DecisionRow], path: Path, language: str = "sv") -> Path:
    """The list for the nämnd meeting as .xlsx or .csv (semicolon-separated, as Swedish Excel reads)."""
    header = [sv if language == "sv" else en for sv, en in DECISION_COLUMNS]
    if path.suffix.lower() == ".xlsx":
        title = "Delegationsbeslut" if language == "sv" else "Delegated decisions"
        return write_xlsx(path, [Sheet(title, header, [_decision_cells(r) for r in rows], (8, 40, 13, 24, 50, 16))])
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(header)
        for row in rows:
            writer.writerow([c.isoformat() if isinstance(c, dt.date) else c for c in _decision_cells(row)])
    return path


def decisions_html(rows: list[DecisionRow], title: str, language: str = "sv") -> str:
    """A printable list (the view prints or saves it as PDF through QTextDocument)."""
    from html import escape

    header = "".join(f"<th align='left'>{escape(sv if language == 'sv' else en)}</th>"
                     for sv, en in DECISION_COLUMNS)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in _decision_cells(r)) + "</tr>" for r in rows)
    return (f"<h2>{escape(title)}</h2><table border='1' cellspacing='0' cellpadding='4' width='100%'>"
            f"<tr>{header}</tr>{body}</table>")
