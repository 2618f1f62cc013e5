"""The rest of the whole database: styrdokument with their delegation items and decisions,
verksamhetsplaner and activities, the årshjul, assessments, dialogue meetings, attachments and
the database's settings — written as sheets and read back so that export → import into an
empty database gives the same database.

The register sheets come from `directive_export.register_sheets` (one place for them); this
module adds the follow-up sheets and reads all of them. Rows that have no code refer to each
other by the "Id" the export wrote: ids inside the file, mapped to the new database's own ids.
A row already in the database is found by its natural key (a document by type, title and
version; a plan by unit, year and title …), so importing the same file again changes nothing."""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import (
    Activity,
    ActivityState,
    AdoptionState,
    Assessment,
    Assignment,
    AssignmentReport,
    AssignmentSource,
    AssignmentState,
    BalanceEntry,
    BalanceItem,
    ControlPoint,
    ControlResult,
    ControlRisk,
    DbSetting,
    DelegationDecision,
    DelegationItem,
    DialogueMeeting,
    Directive,
    DirectiveState,
    DirectiveType,
    FinanceKind,
    FinanceMeasure,
    FinancialFigure,
    Goal,
    GoalSdg,
    InternalControlPlan,
    Milestone,
    OperationalPlan,
    OrgUnit,
    Period,
    ReportSection,
    ReportText,
    Status,
    activity_goal,
    assessment_meeting,
    dialogue_meeting_goal,
    directive_goal,
)
from app.services.exchange.shapes import normalise
from app.services.exchange.structure import _change as structure_change
from app.services.exchange.structure import _convert as structure_convert
from app.services.exchange.structure import convert_cells, is_duplicate
from app.services.exchange.values import CellError, cell_text, is_blank, parse_number
from app.services.governance.register_export import Sheet

ATTACHMENT_SHEET = "Bilagor"
_CHUNK = 32_000  # base64 characters per cell, under Excel's 32 767


@dataclass(frozen=True)
class Field:
    header: str
    attr: str
    kind: str = "text"  # text, int, date, datetime, bool, enum, unit, goal, period, ref, goals, refs, bytes
    enum: type | None = None
    target: str | None = None  # the sheet a "ref"/"refs" id points into


@dataclass(frozen=True)
class RecordSpec:
    name: str
    entity: str
    model: type | None
    fields: tuple[Field, ...]
    key: tuple[str, ...]
    id_header: str | None = None
    links: tuple[tuple[str, sa.Table, str, str], ...] = ()  # (attr, table, own column, other column)


DIRECTIVES = RecordSpec("Styrdokument", "directive", Directive, (
    Field("Titel", "title"), Field("Typ", "doc_type", "enum", DirectiveType),
    Field("Diarienummer", "case_number"), Field("Ägarkod", "owner_unit_id", "unit"),
    Field("Fastställd av (kod)", "adopted_by_unit_id", "unit"), Field("Fastställd", "adopted_on", "date"),
    Field("Gäller från", "valid_from", "date"), Field("Gäller till", "valid_to", "date"),
    Field("Revideras senast", "review_due", "date"), Field("Status", "state", "enum", DirectiveState),
    Field("Version", "version_no", "int"), Field("Föregående version", "previous_version_id", "ref", None,
                                                   "directive"),
    Field("Ansvarig", "responsible"), Field("Sammanfattning", "summary"), Field("Text", "body"),
    Field("Bilagans namn", "attachment_name"), Field("Bilagelänk", "attachment_link"),
    Field("Kopplade mål", "goals", "goals")),
    ("doc_type", "title", "version_no"), "Id", (("goals", directive_goal, "directive_id", "goal_id"),))
ITEMS = RecordSpec("Delegationspunkter", "delegation_item", DelegationItem, (
    Field("Dokument-id", "directive_id", "ref", None, "directive"), Field("Kapitel", "chapter"),
    Field("Nr", "number"), Field("Ärende", "matter"), Field("Lagrum", "legal_reference"),
    Field("Delegat", "delegate"), Field("Ersättare", "deputy"), Field("Begränsningar", "limits"),
    Field("Anmälan", "report_required", "bool"), Field("Ordning", "position", "int")),
    ("directive_id", "number"), "Id")
DECISIONS = RecordSpec("Delegationsbeslut", "delegation_decision", DelegationDecision, (
    Field("Punkt-id", "item_id", "ref", None, "delegation_item"), Field("Beslutsdatum", "decided_on", "date"),
    Field("Beslutat av", "decided_by"), Field("Beslut", "summary"), Field("Diarienummer", "case_number"),
    Field("Anmält", "reported_on", "date")),
    ("item_id", "decided_on", "decided_by", "summary", "case_number"))
PLANS = RecordSpec("Verksamhetsplaner", "operational_plan", OperationalPlan, (
    Field("Enhetskod", "unit_id", "unit"), Field("År", "year", "int"), Field("Titel", "title"),
    Field("Status", "state", "enum", AdoptionState), Field("Uppdrag", "mission"), Field("Mål", "goals_text"),
    Field("Resurser", "resources"), Field("Uppföljning", "follow_up"),
    Field("Kopierad från", "copied_from_id", "ref", None, "operational_plan")),
    ("unit_id", "year", "title"), "Id")
ACTIVITIES = RecordSpec("Aktiviteter", "activity", Activity, (
    Field("Plan-id", "plan_id", "ref", None, "operational_plan"), Field("Aktivitet", "title"),
    Field("Ansvarig", "responsible"), Field("Start", "start_date", "date"), Field("Slut", "end_date", "date"),
    Field("Status", "state", "enum", ActivityState), Field("Framsteg %", "progress", "int"),
    Field("Beskrivning", "description"), Field("Ordning", "position", "int"), Field("Mål", "goals", "goals")),
    ("plan_id", "position", "title"), None, (("goals", activity_goal, "activity_id", "goal_id"),))
MILESTONES = RecordSpec("Årshjul", "milestone", Milestone, (
    Field("Datum", "due_on", "date"), Field("Händelse", "title"), Field("Slag", "kind"),
    Field("Beskrivning", "description"), Field("Enhetskod", "unit_id", "unit")),
    ("due_on", "title"))
MEETINGS = RecordSpec("Dialogmöten", "dialogue_meeting", DialogueMeeting, (
    Field("Enhet", "unit_id", "unit"), Field("Period", "period_id", "period"), Field("Datum", "held_on", "date"),
    Field("Deltagare", "participants"), Field("Lärdomar", "learnings"),
    Field("Överenskomna åtgärder", "agreed_actions"), Field("Mål", "goals", "goals")),
    ("unit_id", "held_on"), "Id", (("goals", dialogue_meeting_goal, "meeting_id", "goal_id"),))
ASSESSMENTS = RecordSpec("Bedömningar", "assessment", Assessment, (
    Field("Mål", "goal_id", "goal"), Field("Enhet", "unit_id", "unit"), Field("Period", "period_id", "period"),
    Field("Status", "status", "enum", Status), Field("Manuell", "manual", "bool"),
    Field("Motivering", "justification"), Field("Analys", "analysis"), Field("Åtgärder", "actions"),
    Field("Författare", "author"), Field("Bedömd", "assessed_at", "datetime"),
    Field("Dialogmöten", "meetings", "refs", None, "dialogue_meeting")),
    ("goal_id", "unit_id", "period_id"), None,
    (("meetings", assessment_meeting, "assessment_id", "meeting_id"),))
SETTINGS = RecordSpec("Inställningar", "db_setting", DbSetting, (
    Field("Nyckel", "key"), Field("Värde", "value")), ("key",))
# The year's cycle (app/services/annual): written by `spec_sheet` straight from these specs.
ASSIGNMENTS = RecordSpec("Uppdrag", "assignment", Assignment, (
    Field("Kod", "code"), Field("Uppdrag", "title"), Field("Beskrivning", "description"),
    Field("Källa", "source", "enum", AssignmentSource), Field("Givet av (kod)", "given_by_id", "unit"),
    Field("Nämnd (kod)", "assignee_id", "unit"), Field("Beslutat", "decided_on", "date"),
    Field("Klart senast", "due_on", "date"), Field("Beslut", "decision_reference")),
    ("code",), "Id")
ASSIGNMENT_REPORTS = RecordSpec("Uppdragsuppföljning", "assignment_report", AssignmentReport, (
    Field("Uppdrag-id", "assignment_id", "ref", None, "assignment"), Field("Period", "period_id", "period"),
    Field("Status", "state", "enum", AssignmentState), Field("Kommentar", "comment")),
    ("assignment_id", "period_id"))
CONTROL_PLANS = RecordSpec("Internkontrollplaner", "internal_control_plan", InternalControlPlan, (
    Field("Enhetskod", "unit_id", "unit"), Field("År", "year", "int"), Field("Titel", "title"),
    Field("Dokument-id", "directive_id", "ref", None, "directive")),
    ("unit_id", "year"), "Id")
RISKS = RecordSpec("Risker", "control_risk", ControlRisk, (
    Field("Plan-id", "plan_id", "ref", None, "internal_control_plan"), Field("Risk", "title"),
    Field("Beskrivning", "description"), Field("Sannolikhet", "likelihood", "int"),
    Field("Konsekvens", "consequence", "int"), Field("Ordning", "position", "int")),
    ("plan_id", "position", "title"), "Id")
CONTROLS = RecordSpec("Kontrollmoment", "control_point", ControlPoint, (
    Field("Risk-id", "risk_id", "ref", None, "control_risk"), Field("Kontrollmoment", "title"),
    Field("Ansvarig", "owner"), Field("Metod", "method"), Field("Frekvens", "frequency"),
    Field("Ordning", "position", "int")),
    ("risk_id", "position", "title"), "Id")
CONTROL_RESULTS = RecordSpec("Kontrollresultat", "control_result", ControlResult, (
    Field("Kontrollmoment-id", "control_id", "ref", None, "control_point"), Field("Period", "period_id", "period"),
    Field("Avvikelse", "deviation", "bool"), Field("Iakttagelse", "finding"), Field("Åtgärder", "actions")),
    ("control_id", "period_id"))
FINANCES = RecordSpec("Ekonomi", "financial_figure", FinancialFigure, (
    Field("Enhetskod", "unit_id", "unit"), Field("Period", "period_id", "period"),
    Field("Verksamhet", "activity"), Field("Slag", "kind", "enum", FinanceKind),
    Field("Mått", "measure", "enum", FinanceMeasure), Field("Belopp tkr", "amount", "float")),
    ("unit_id", "period_id", "activity", "kind", "measure"))
BALANCE = RecordSpec("Balanskrav", "balance_entry", BalanceEntry, (
    Field("År", "year", "int"), Field("Rad", "item", "enum", BalanceItem), Field("Belopp mnkr", "amount", "float")),
    ("year", "item"))
REPORT_TEXTS = RecordSpec("Rapporttexter", "report_text", ReportText, (
    Field("Enhetskod", "unit_id", "unit"), Field("Period", "period_id", "period"),
    Field("Avsnitt", "section", "enum", ReportSection), Field("Text", "text")),
    ("unit_id", "period_id", "section"))
SDGS = RecordSpec("Agenda 2030", "goal_sdg", GoalSdg, (
    Field("Mål", "goal_id", "goal"), Field("Globalt mål", "sdg", "int")), ("goal_id", "sdg"))
ANNUAL_SPECS = (ASSIGNMENTS, ASSIGNMENT_REPORTS, CONTROL_PLANS, RISKS, CONTROLS, CONTROL_RESULTS, FINANCES, BALANCE,
                REPORT_TEXTS, SDGS)
RECORD_SPECS = (DIRECTIVES, ITEMS, DECISIONS, PLANS, ACTIVITIES, MILESTONES, MEETINGS, ASSESSMENTS, *ANNUAL_SPECS,
                SETTINGS)
RECORD_ENTITIES = {s.entity: s.model for s in RECORD_SPECS if s.entity != "db_setting"}
# Children first: the order an undo removes what an import created.
RECORD_DELETE_ORDER = ["goal_sdg", "report_text", "balance_entry", "financial_figure", "control_result",
                       "control_point", "control_risk", "internal_control_plan", "assignment_report", "assignment",
                       "assessment", "dialogue_meeting", "milestone", "activity", "operational_plan",
                       "delegation_decision", "delegation_item", "directive"]
_BY_NAME = {normalise(s.name): s for s in RECORD_SPECS}


def is_record_sheet(sheet) -> bool:
    """A sheet of the whole-database export: its name and its header, so that a provider's
    sheet that happens to be called "Aktiviteter" is not taken for one."""
    if not sheet.rows:
        return False
    header = {normalise(cell_text(c)) for c in sheet.rows[0] if not is_blank(c)}
    if normalise(sheet.name) == normalise(ATTACHMENT_SHEET):
        return normalise("Dokument-id") in header
    spec = _BY_NAME.get(normalise(sheet.name))
    needed = [f.header for f in spec.fields if f.attr in spec.key] + [spec.id_header or ""] if spec else []
    return spec is not None and all(normalise(h) in header for h in needed if h)


# --- export ---------------------------------------------------------------------------------------

def follow_up_sheets(session: Session) -> list[Sheet]:
    """Assessments, dialogue meetings, the attachments' bytes and the settings, as sheets."""
    unit = dict(session.execute(sa.select(OrgUnit.id, OrgUnit.code)).all())
    goal = dict(session.execute(sa.select(Goal.id, Goal.code)).all())
    period = dict(session.execute(sa.select(Period.id, Period.code)).all())

    def joined(table, own, other, names=None):
        found: dict[int, list[str]] = {}
        for a, b in session.execute(sa.select(table.c[own], table.c[other]).order_by(table.c[own], table.c[other])):
            found.setdefault(a, []).append(str(names[b] if names else b))
        return {k: ", ".join(sorted(v)) for k, v in found.items()}

    meeting_goals = joined(dialogue_meeting_goal, "meeting_id", "goal_id", goal)
    meetings = Sheet(MEETINGS.name, ["Id"] + [f.header for f in MEETINGS.fields])
    for m in session.execute(sa.select(DialogueMeeting).order_by(DialogueMeeting.held_on,
                                                                 DialogueMeeting.id)).scalars():
        meetings.rows.append([m.id, unit.get(m.unit_id), period.get(m.period_id), m.held_on, m.participants,
                              m.learnings, m.agreed_actions, meeting_goals.get(m.id)])
    cited = joined(assessment_meeting, "assessment_id", "meeting_id")
    assessments = Sheet(ASSESSMENTS.name, [f.header for f in ASSESSMENTS.fields])
    for a in session.execute(sa.select(Assessment).order_by(Assessment.period_id, Assessment.goal_id,
                                                            Assessment.unit_id)).scalars():
        assessments.rows.append([goal.get(a.goal_id), unit.get(a.unit_id), period.get(a.period_id), a.status.sv,
                                 a.manual, a.justification, a.analysis, a.actions, a.author,
                                 a.assessed_at.isoformat() if a.assessed_at else None, cited.get(a.id)])
    attachments = Sheet(ATTACHMENT_SHEET, ["Dokument-id", "Del", "Data (base64)"])
    for directive_id, data in session.execute(sa.select(Directive.id, Directive.attachment_data).where(
            Directive.attachment_data.is_not(None)).order_by(Directive.id)):
        text = base64.b64encode(data).decode("ascii")
        for part, start in enumerate(range(0, max(len(text), 1), _CHUNK), 1):
            attachments.rows.append([directive_id, part, text[start:start + _CHUNK]])
    settings = Sheet(SETTINGS.name, ["Nyckel", "Värde"],
                     [[k, v] for k, v in session.execute(sa.select(DbSetting.key, DbSetting.value)
                                                          .order_by(DbSetting.key))])
    annual = [spec_sheet(session, spec, {"unit": unit, "goal": goal, "period": period}) for spec in ANNUAL_SPECS]
    return [meetings, assessments, *annual, attachments, settings]


def spec_sheet(session: Session, spec: RecordSpec, codes: dict[str, dict[int, str]]) -> Sheet:
    """A sheet written straight from its spec: what the import reads is what the export writes."""
    headers = ([spec.id_header] if spec.id_header else []) + [f.header for f in spec.fields]
    sheet = Sheet(spec.name, headers)
    for obj in session.execute(sa.select(spec.model).order_by(spec.model.id)).scalars():
        row = [obj.id] if spec.id_header else []
        for f in spec.fields:
            value = getattr(obj, f.attr)
            if value is not None and f.kind == "enum":
                value = value.sv
            elif value is not None and f.kind in codes:
                value = codes[f.kind].get(value)
            elif value is not None and f.kind == "datetime":
                value = value.isoformat()
            row.append(value)
        sheet.rows.append(row)
    return sheet


# --- import ---------------------------------------------------------------------------------------

@dataclass
class RecordRows:
    spec: RecordSpec
    sheet: str
    rows: list[tuple[int, int | None, dict]] = field(default_factory=list)  # (row number, file id, values)
    columns: dict[str, int] = field(default_factory=dict)


def _convert(f: Field, cell: object) -> object:
    """Lists and timestamps here; every other kind as the structure sheets read it."""
    if f.kind in ("goals", "refs"):
        items = [] if is_blank(cell) else [c.strip() for c in cell_text(cell).split(",") if c.strip()]
        if f.kind == "goals":
            return items
        try:
            return [int(c) for c in items]
        except ValueError:
            raise CellError(f"{cell_text(cell)!r} är ingen lista av id", f"{cell_text(cell)!r} is no list of ids") \
                from None
    if f.kind == "datetime" and not is_blank(cell):
        try:
            return dt.datetime.fromisoformat(cell_text(cell))
        except ValueError:
            raise CellError(f"{cell_text(cell)!r} är ingen tidpunkt", f"{cell_text(cell)!r} is no timestamp") from None
    return structure_convert(replace(f, kind="int") if f.kind == "ref" else f, cell)


def read_records(sheets, problem: Callable) -> list[RecordRows]:
    """The record sheets of a workbook, converted; problems located at their cells."""
    found: dict[str, RecordRows] = {}
    attachments: dict[int, list[tuple[int, str]]] = {}
    for sheet in sheets:
        if normalise(sheet.name) == normalise(ATTACHMENT_SHEET):
            for number, row in enumerate(sheet.rows[1:], start=2):
                if len(row) >= 3 and not is_blank(row[0]):
                    try:
                        attachments.setdefault(int(parse_number(row[0])), []).append(
                            (int(parse_number(row[1])), cell_text(row[2])))
                    except (CellError, TypeError, ValueError):
                        problem(sheet.name, number, 0, "ogiltig bilagerad", "invalid attachment row")
            continue
        spec = _BY_NAME.get(normalise(sheet.name))
        if spec is None or not sheet.rows:
            continue
        headers = {normalise(cell_text(c)): i for i, c in enumerate(sheet.rows[0]) if not is_blank(c)}
        positions = {f.attr: (f, headers[normalise(f.header)]) for f in spec.fields
                     if normalise(f.header) in headers}
        missing = [f.header for f in spec.fields if f.attr in spec.key and f.attr not in positions]
        id_col = headers.get(normalise(spec.id_header)) if spec.id_header else None
        if missing or (spec.id_header and id_col is None):
            what = ", ".join(missing or [spec.id_header])
            problem(sheet.name, 1, None, f"kolumnen {what} saknas", f"the column {what} is missing")
            continue
        read = found[spec.entity] = RecordRows(spec, sheet.name, columns={a: i for a, (_f, i) in positions.items()})
        if id_col is not None:
            positions["__id"] = (Field("Id", "id", "int"), id_col)
        seen: dict[tuple, int] = {}
        for number, row in enumerate(sheet.rows[1:], start=2):
            if all(is_blank(c) for c in row):
                continue
            values = convert_cells(sheet.name, number, row, positions, _convert, problem)
            if values is None:
                continue
            file_id = values.pop("__id", None)
            if is_duplicate(seen, tuple(values.get(k) for k in spec.key), sheet.name, number, problem):
                continue
            read.rows.append((number, file_id, values))
    if DIRECTIVES.entity in found:
        for _n, file_id, values in found[DIRECTIVES.entity].rows:
            parts = attachments.get(file_id)
            if parts:
                values["attachment_data"] = base64.b64decode("".join(p for _i, p in sorted(parts)))
    return [found[s.entity] for s in RECORD_SPECS if s.entity in found]


def check_records(records: list[RecordRows], known: dict[str, set[str]], problem: Callable) -> None:
    """Codes must be in the database or the file; ids must be rows of the file."""
    ids = {r.spec.entity: {file_id for _n, file_id, _v in r.rows} for r in records}
    for read in records:
        for number, _file_id, values in read.rows:
            for f in read.spec.fields:
                value = values.get(f.attr)
                if value is None or value == []:
                    continue
                where = read.columns.get(f.attr)
                if f.kind in ("unit", "goal", "period"):
                    bad = [value] if value not in known[f.kind] else []
                elif f.kind == "goals":
                    bad = [v for v in value if v not in known["goal"]]
                elif f.kind in ("ref", "refs"):
                    bad = [v for v in (value if isinstance(value, list) else [value])
                           if v not in ids.get(f.target, ())]
                else:
                    continue
                for code in bad:
                    problem(read.sheet, number, where, f"{f.header}: okänd kod {code!r}",
                            f"{f.header}: unknown code {code!r}")


def sync_records(session: Session, records: list[RecordRows], refs, changes: list[dict] | None) -> dict:
    """Match every row with the database by its natural key; with `changes` (applying), create and
    update rows and links and note each for undo. Returns entity → new/changed/unchanged counts."""
    writing = changes is not None
    id_maps: dict[str, dict[int, int | None]] = {}
    status: dict[str, dict[str, int]] = {}
    codes = {"unit": refs.units, "goal": refs.goals, "period": refs.periods}
    for read in records:
        spec = read.spec
        tally = status[spec.entity] = {"new": 0, "changed": 0, "unchanged": 0}
        id_map = id_maps.setdefault(spec.entity, {})
        self_refs = []
        for _number, file_id, values in read.rows:
            resolved, links = {}, {}
            for f in spec.fields:
                if f.attr not in values:
                    continue
                value = values[f.attr]
                if f.kind in ("unit", "goal", "period") and value is not None:
                    value = codes[f.kind].get(value)
                elif f.kind == "ref" and value is not None:
                    if f.target == spec.entity:
                        self_refs.append((file_id, f.attr, value))
                        continue
                    value = id_maps.get(f.target, {}).get(value)
                elif f.kind in ("goals", "refs"):
                    links[f.attr] = value
                    continue
                column = spec.model.__table__.columns[f.attr]
                if value is None and not column.nullable and f.kind == "text":
                    value = ""  # Excel cannot tell a blank cell from the empty text
                resolved[f.attr] = value
            if "attachment_data" in values:
                resolved["attachment_data"] = values["attachment_data"]
            obj = _existing(session, spec, resolved)
            if obj is None:
                tally["new"] += 1
                if writing:
                    obj = spec.model(**{k: v for k, v in resolved.items() if v is not None})
                    session.add(obj)
                    session.flush()
                    if spec.entity != "db_setting":
                        changes.append(_change(spec.entity, obj.id, "create", None))
            else:
                old = {k: getattr(obj, k) for k, v in resolved.items() if getattr(obj, k) != v}
                tally["changed" if old else "unchanged"] += 1
                if writing and old:
                    if spec.entity != "db_setting":
                        changes.append(_change(spec.entity, obj.id, "update", old))
                    for key in old:
                        setattr(obj, key, resolved[key])
            own_id = getattr(obj, "id", None) if obj is not None else None
            if file_id is not None:
                id_map[file_id] = own_id
            if writing:
                for attr, table, own, other in spec.links:
                    targets = links.get(attr, [])
                    other_ids = [refs.goals.get(t) for t in targets] if attr == "goals" else \
                        [id_maps.get("dialogue_meeting", {}).get(t) for t in targets]
                    have = set(session.execute(sa.select(table.c[other]).where(table.c[own] == own_id)).scalars())
                    new = [o for o in other_ids if o is not None and o not in have]
                    if new:
                        session.execute(sa.insert(table), [{own: own_id, other: o} for o in new])
                        changes.extend({"entity": table.name, "entity_id": own_id, "action": "link",
                                        "old_json": None, "new_json": json.dumps({own: own_id, other: o})}
                                       for o in new)
        for file_id, attr, target in self_refs:
            own_id, value = id_map.get(file_id), id_map.get(target)
            if own_id is None:
                continue
            obj = session.get(spec.model, own_id)
            if getattr(obj, attr) != value and writing:
                changes.append(_change(spec.entity, obj.id, "update", {attr: getattr(obj, attr)}))
                setattr(obj, attr, value)
        if writing:
            session.flush()
    return status


def _existing(session: Session, spec: RecordSpec, resolved: dict):
    if spec.entity == "db_setting":
        return session.get(DbSetting, resolved["key"])
    conditions = []
    for attr in spec.key:
        column = getattr(spec.model, attr)
        value = resolved.get(attr)
        if value is None and spec.model.__table__.columns[attr].nullable:
            conditions.append(column.is_(None))
        elif value is None:
            return None  # refers to a row still to be created
        else:
            conditions.append(column == value)
    return session.execute(sa.select(spec.model).where(*conditions).limit(1)).scalar()


def _change(entity: str, entity_id: int, action: str, old: dict | None) -> dict:
    # An attachment's bytes are not kept for undo: the import log is JSON.
    return structure_change(entity, entity_id, action, {k: v for k, v in old.items() if not isinstance(v, bytes)}
                  if old else None)
