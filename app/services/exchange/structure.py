"""Structure workbooks: organisation units, goals (by parent code or outline numbering 1, 1.1,
1.1.2), indicators, goal ↔ indicator links, periods and targets — one sheet each, with Swedish
headers. The same sheet definitions write the database export, so export → import round-trips."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import (
    AdoptionState,
    Direction,
    Goal,
    GoalIndicator,
    GoalLevel,
    Horizon,
    Indicator,
    OrgUnit,
    Period,
    ProviderType,
    Target,
    ToleranceKind,
    UnitKind,
)
from app.models.enums import Aggregation
from app.services.exchange.mapping import Known, sheet_mapping
from app.services.exchange.parsing import cell_records
from app.services.exchange.planning import plan_records
from app.services.exchange.plans import ImportPlan, Located, Problem
from app.services.exchange.reading import FileData, SheetData
from app.services.exchange.records import check_records, is_record_sheet, read_records, sync_records
from app.services.exchange.shapes import LONG, column_letter, normalise
from app.services.exchange.sheets import Col, _change, _convert, convert_cells, is_duplicate
from app.services.exchange.values import (
    cell_text,
    is_blank,
    year_pairs,
)
from app.services.exchange.writing import restore_long_texts
from app.services.followup.periods import ensure_period


@dataclass(frozen=True)
class SheetSpec:
    name: str
    entity: str
    model: type
    key: tuple[str, ...]
    columns: tuple[Col, ...]
    aliases: tuple[str, ...] = ()


UNITS = SheetSpec("Enheter", "org_unit", OrgUnit, ("code",), (
    Col("Kod", "code", required=True, width=12), Col("Namn", "name", required=True, width=36),
    Col("Typ", "kind", "enum", UnitKind, required=True), Col("Överordnad", "parent_id", "unit"),
    Col("Ordning", "position", "int", width=9), Col("Utförartyp", "provider_type", "enum", ProviderType),
    Col("Utförare", "provider_name", width=28), Col("Organisationsnummer", "org_number", "orgnr"),
    Col("Verksamhetsområde", "service_area", width=20), Col("Avtal från", "contract_start", "date"),
    Col("Avtal till", "contract_end", "date"), Col("Kommunkod", "municipality_code", "code4", width=11),
    Col("Kolada-id", "kolada_ou_id"), Col("Beskrivning", "description", width=40),
    Col("Upphörd", "closed_on", "date")),
    ("organisation", "units", "enhet"))
GOALS = SheetSpec("Mål", "goal", Goal, ("code",), (
    Col("Kod", "code", required=True, width=9), Col("Titel", "title", required=True, width=50),
    Col("Nivå", "level", "enum", GoalLevel, required=True), Col("Överordnad", "parent_id", "goal", width=11),
    Col("Ordning", "position", "int", width=9), Col("Tidshorisont", "horizon", "enum", Horizon),
    Col("Startår", "start_year", "int", width=9), Col("Slutår", "end_year", "int", width=9),
    Col("Ansvarig enhet", "owner_unit_id", "unit"), Col("Status", "state", "enum", AdoptionState),
    Col("Beskrivning", "description", width=40)),
    ("goals", "mal"))
INDICATORS = SheetSpec("Indikatorer", "indicator", Indicator, ("code",), (
    Col("Kod", "code", required=True, width=10), Col("Namn", "name", required=True, width=50),
    Col("Måttenhet", "unit_of_measure", width=11), Col("Riktning", "direction", "enum", Direction, width=17),
    Col("Decimaler", "decimals", "int", width=10), Col("Tolerans", "tolerance", "float", width=10),
    Col("Toleranstyp", "tolerance_kind", "enum", ToleranceKind), Col("Min", "min_value", "float", width=9),
    Col("Max", "max_value", "float", width=9), Col("Källa", "source"),
    Col("Kolada-id", "kolada_kpi_id", width=11), Col("Verksamhetsområde", "service_area", width=20),
    Col("Beskrivning", "description", width=40),
    Col("Sammanvägning", "aggregation", "enum", Aggregation, width=24)),
    ("indicators", "nyckeltal"))
LINKS = SheetSpec("Mål och indikatorer", "goal_indicator", GoalIndicator, ("goal_id", "indicator_id"), (
    Col("Mål", "goal_id", "goal", required=True, width=9), Col("Indikator", "indicator_id", "indicator",
                                                               required=True, width=11),
    Col("Vikt", "weight", "float", width=8), Col("Ordning", "position", "int", width=9)),
    ("goal indicators", "mål indikatorer"))
PERIODS = SheetSpec("Perioder", "period", Period, ("code",), (
    Col("Kod", "code", "period", required=True, width=10), Col("Stängd", "closed", "bool", width=9)),
    ("periods",))
TARGETS = SheetSpec("Målvärden", "target", Target, ("indicator_id", "unit_id", "period_id"), (
    Col("Indikator", "indicator_id", "indicator", required=True, width=11),
    Col("Enhet", "unit_id", "unit", width=12), Col("Period", "period_id", "period", required=True, width=10),
    Col("Målvärde", "value", "float", required=True, width=11)),
    ("targets",))
SPECS = (UNITS, GOALS, INDICATORS, LINKS, PERIODS, TARGETS)
RESULTS_SHEET = "Utfall"
RESULT_HEADERS = ("Indikator", "Enhet", "Period", "Kön", "Utfall", "Kommentar", "Sen", "Nämnare")
STRUCTURE_ENTITIES = {spec.entity: spec.model for spec in SPECS}
_SHEETS = {normalise(n): spec for spec in SPECS for n in (spec.name, *spec.aliases)}
_OUTLINE = re.compile(r"^\d+(\.\d+)+$")


def is_structure_workbook(data: FileData) -> bool:
    return any(normalise(s.name) in _SHEETS or is_record_sheet(s) for s in data.sheets)


@dataclass
class Refs:
    """Codes ↔ ids of what the database holds, and the codes the file adds."""

    units: dict[str, int]
    goals: dict[str, int]
    indicators: dict[str, int]
    periods: dict[str, int]

    @classmethod
    def load(cls, session: Session) -> Refs:
        pairs = lambda model: dict(session.execute(sa.select(model.code, model.id)).all())  # noqa: E731
        goals = {c: i for c, i in session.execute(sa.select(Goal.code, Goal.id)).all() if c}
        return cls(pairs(OrgUnit), goals, pairs(Indicator), pairs(Period))

    def codes(self, kind: str) -> dict[int, str]:
        return {v: k for k, v in getattr(self, kind + "s").items()}


@dataclass
class SheetRows:
    spec: SheetSpec
    sheet: str
    rows: list[tuple[int, dict]] = field(default_factory=list)  # (row number, attr → converted value)
    columns: dict[str, int] = field(default_factory=dict)  # attr → column index in the file


@dataclass
class StructurePlan:
    sheets: list[SheetRows]
    status: dict[str, dict[str, int]] = field(default_factory=dict)  # entity → new/changed/unchanged
    records: list = field(default_factory=list)  # records.RecordRows: directives, plans, assessments …
    created: dict[str, list[str]] = field(default_factory=dict)  # "units", "goals" … → "code (name)"
    changes: list[str] = field(default_factory=list)  # "Mål 1.1: Titel: 'old' → 'new'"

    def created_names(self) -> dict[str, list[str]]:
        return self.created

    def change_lines(self) -> list[str]:
        return self.changes

    def counts(self) -> dict[str, int]:
        total = {"new": 0, "changed": 0, "unchanged": 0}
        for tally in self.status.values():
            for key in total:
                total[key] += tally.get(key, 0)
        return total

    def apply(self, session: Session, batch_id: int, changes: list[dict]) -> tuple[dict, dict]:
        """Create and update the rows; returns (unit code → id, indicator code → id) for the results."""
        refs = Refs.load(session)
        for sheet in self.sheets:
            _apply_sheet(session, sheet, refs, changes)
        if self.records:
            sync_records(session, self.records, refs, changes)
        return refs.units, refs.indicators


def _read_sheet(spec: SheetSpec, sheet: SheetData, problem: Callable) -> SheetRows | None:
    result = SheetRows(spec, sheet.name)
    rows = sheet.rows
    header_row = next((i for i, r in enumerate(rows[:20]) if any(not is_blank(c) for c in r)), None)
    if header_row is None:
        return result
    headers = {normalise(cell_text(c)): i for i, c in enumerate(rows[header_row]) if not is_blank(c)}
    positions = {}
    for col in spec.columns:
        index = headers.get(normalise(col.header))
        if index is None and col.required:
            problem(sheet.name, header_row + 1, None, f"kolumnen {col.header!r} saknas",
                    f"the column {col.header!r} is missing")
        elif index is not None:
            positions[col.attr] = (col, index)
    if any(c.required and c.attr not in positions for c in spec.columns):
        return None
    result.columns = {attr: index for attr, (_col, index) in positions.items()}
    # A period column is read as one kind, decided from all its cells (values.year_pairs).
    pairs = {attr for attr, (col, index) in positions.items() if col.kind == "period" and year_pairs(
        r[index] for r in rows[header_row + 1:] if index < len(r))}

    def convert(col: Col, cell: object) -> object:
        return _convert(col, cell, col.attr in pairs)

    seen: dict[tuple, int] = {}
    for offset, row in enumerate(rows[header_row + 1:]):
        number = header_row + 2 + offset
        if all(is_blank(c) for c in row):
            continue
        values = convert_cells(sheet.name, number, row, positions, convert, problem)
        if values is None:
            continue
        missing = [(col, index) for col, index in positions.values() if col.required and values[col.attr] is None]
        for col, index in missing:
            problem(sheet.name, number, index, f"{col.header} saknas", f"{col.header} missing")
        if missing or is_duplicate(seen, tuple(values.get(k) for k in spec.key), sheet.name, number, problem):
            continue
        result.rows.append((number, values))
    return result


def plan_structure(session: Session, path: Path, data: FileData, options, checksum: str, *,
                   progress=None, cancelled=None):
    """Plan a structure workbook (and its 'Utfall' sheet of results, if any)."""
    plan = ImportPlan(str(path), path.name, checksum, ", ".join(s.name for s in data.sheets),
                                "structure")

    origins = {s.name: s.paths for s in data.sheets if s.paths}  # a goal matrix's sheets: their cells

    def problem(sheet, row, col, sv, en):
        paths = origins.get(sheet)
        where = paths[row - 1] if paths and row is not None and 1 < row <= len(paths) else None
        plan.problems.append(Problem(path.name, sheet, row, column_letter(col) if col is not None
                                     else None, sv, en, where or None))

    restore_long_texts(data.sheets)
    by_spec = {}
    results_sheet = None
    for sheet in data.sheets:
        spec = _SHEETS.get(normalise(sheet.name))
        if spec is not None:
            read = _read_sheet(spec, sheet, problem)
            if read is not None:
                by_spec[spec.entity] = read
        elif normalise(sheet.name) == normalise(RESULTS_SHEET):
            results_sheet = sheet
    sheets = [by_spec[s.entity] for s in SPECS if s.entity in by_spec]
    structure = StructurePlan(sheets)
    plan.structure = structure
    refs = Refs.load(session)
    file_codes = {"unit": set(), "goal": set(), "indicator": set(), "period": set()}
    for sheet in sheets:
        if sheet.spec.entity in ("org_unit", "goal", "indicator", "period"):
            kind = {"org_unit": "unit"}.get(sheet.spec.entity, sheet.spec.entity)
            file_codes[kind].update(v["code"] for _n, v in sheet.rows)
    for sheet in sheets:
        _check_refs(sheet, refs, file_codes, problem)
        if sheet.spec.entity == "indicator":
            _require_direction(sheet, refs, problem)
        structure.status[sheet.spec.entity] = _compare(session, sheet, refs, structure,
                                                       None if options.update_existing else problem)
        plan.rows_read += len(sheet.rows)
    _plan_records(session, structure, data, refs, file_codes, problem)
    plan.rows_read += sum(len(r.rows) for r in structure.records)
    if results_sheet is not None:  # also when other sheets have problems: all are found in one pass
        _plan_results(session, plan, data, results_sheet, options, file_codes, progress, cancelled)
    return plan


def _plan_records(session: Session, structure: StructurePlan, data: FileData, refs: Refs, file_codes: dict,
                  problem: Callable) -> None:
    structure.records = read_records(data.sheets, problem)
    if not structure.records:
        return
    known = {kind: set(getattr(refs, kind + "s")) | file_codes[kind] for kind in ("unit", "goal", "period")}
    check_records(structure.records, known, problem)
    structure.status.update(sync_records(session, structure.records, refs, None))


def _check_refs(sheet: SheetRows, refs: Refs, file_codes: dict, problem: Callable) -> None:
    for number, values in sheet.rows:
        implied = set()
        if sheet.spec.entity == "goal" and values.get("parent_id") is None and _OUTLINE.match(values["code"]):
            values["parent_id"] = values["code"].rsplit(".", 1)[0]  # 1.1.2 sits under 1.1
            implied.add("parent_id")
        for col in sheet.spec.columns:
            value = values.get(col.attr)
            if col.kind in ("unit", "goal", "indicator") and value is not None:
                known = getattr(refs, col.kind + "s")
                if value not in known and value not in file_codes[col.kind]:
                    # An implied parent is located at the code it was read from.
                    where = sheet.columns.get("code" if col.attr in implied else col.attr)
                    problem(sheet.sheet, number, where,
                            f"{col.header}: okänd kod {value!r}", f"{col.header}: unknown code {value!r}")


def _require_direction(sheet: SheetRows, refs: Refs, problem: Callable) -> None:
    """A new indicator's direction is never guessed: without one the row is refused (an existing
    indicator keeps its own)."""
    choices = ", ".join(d.sv.lower() for d in Direction)
    for number, values in sheet.rows:
        if values.get("direction") is None and values["code"] not in refs.indicators:
            problem(sheet.sheet, number, sheet.columns.get("direction", sheet.columns.get("code")),
                    f"indikatorn {values['code']} har ingen riktning; skriv en av: {choices}",
                    f"the indicator {values['code']} has no direction; write one of: "
                    + ", ".join(d.en.lower() for d in Direction))
        elif values.get("direction") is None:
            values.pop("direction", None)  # blank: the stored direction stays


def _existing(session: Session, spec: SheetSpec, values: dict, refs: Refs):
    if spec.entity == "goal_indicator":
        goal, ind = refs.goals.get(values["goal_id"]), refs.indicators.get(values["indicator_id"])
        return session.get(GoalIndicator, (goal, ind)) if goal and ind else None
    if spec.entity == "target":
        ind, period = refs.indicators.get(values["indicator_id"]), refs.periods.get(values["period_id"])
        unit = refs.units.get(values["unit_id"]) if values.get("unit_id") else None
        if not ind or not period or (values.get("unit_id") and not unit):
            return None
        return session.execute(sa.select(Target).where(
            Target.indicator_id == ind, Target.period_id == period,
            Target.unit_id.is_(None) if unit is None else Target.unit_id == unit)).scalar()
    return session.execute(sa.select(spec.model).where(spec.model.code == values["code"])).scalar()


def _resolved(spec: SheetSpec, values: dict, refs: Refs) -> dict:
    """Attribute values with codes turned into ids (None where the code is still to be created)."""
    out = {}
    for col in spec.columns:
        if col.attr not in values:
            continue
        value = values[col.attr]
        if col.kind in ("unit", "goal", "indicator", "period") and col.attr != "code" and value is not None:
            value = getattr(refs, col.kind + "s").get(value)
        column = spec.model.__table__.columns.get(col.attr)
        if value is None and column is not None and not column.nullable:
            # A blank text cell is the empty text (Excel cannot tell them apart); other blanks the default.
            if col.kind == "text":
                value = ""
            elif column.default is not None and not callable(column.default.arg):
                value = column.default.arg
        out[col.attr] = value
    return out


# What a structure sheet creates, as the preview names it, and the entities whose change needs
# the user's explicit choice (--update-existing / the dialog's checkbox).
_CREATED_KIND = {"org_unit": ("units", "name"), "goal": ("goals", "title"), "indicator": ("indicators", "name"),
                 "period": ("periods", None)}
_GUARDED = {"org_unit": ("Enhet", "Unit"), "goal": ("Mål", "Goal"), "indicator": ("Indikator", "Indicator")}


def _shown(value: object, col: Col | None, refs: Refs) -> str:
    if value is None or value == "":
        return "(tomt)"
    if col is not None and col.kind in ("unit", "goal", "indicator") and isinstance(value, int):
        value = refs.codes(col.kind).get(value, value)
    if hasattr(value, "sv"):
        return value.sv
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return repr(value) if isinstance(value, str) else str(value)


def _compare(session: Session, sheet: SheetRows, refs: Refs, plan: StructurePlan | None = None,
             refuse: Callable | None = None) -> dict[str, int]:
    """Tally new/changed/unchanged; name what is created and list each change (field: old → new).
    With `refuse`, a change to an existing goal, unit or indicator is a located problem."""
    tally = {"new": 0, "changed": 0, "unchanged": 0}
    spec = sheet.spec
    columns = {c.attr: c for c in spec.columns}
    for number, values in sheet.rows:
        obj = _existing(session, spec, values, refs)
        if obj is None:
            tally["new"] += 1
            if plan is not None and spec.entity in _CREATED_KIND:
                kind, name_attr = _CREATED_KIND[spec.entity]
                name = values.get(name_attr) if name_attr else None
                plan.created.setdefault(kind, []).append(f"{values['code']} ({name})" if name else values["code"])
            continue
        resolved = _resolved(spec, values, refs)
        old = _differences(obj, resolved)
        if not old:
            tally["unchanged"] += 1
            continue
        tally["changed"] += 1
        if plan is None:
            continue
        label = _GUARDED.get(spec.entity, (spec.name, spec.name))
        code = values.get("code") or " / ".join(str(values.get(k)) for k in spec.key)
        fields = "; ".join(f"{columns[k].header if k in columns else k}: {_shown(v, columns.get(k), refs)} → "
                           f"{_shown(resolved[k], columns.get(k), refs)}" for k, v in old.items())
        plan.changes.append(f"{label[0]} {code}: {fields}")
        if refuse is not None and spec.entity in _GUARDED:
            refuse(sheet.sheet, number, sheet.columns.get("code"),
                   f"{label[0].lower()} {code} finns redan och skulle ändras ({fields}); välj "
                   "--update-existing / ”Ändra befintliga mål, enheter och indikatorer” för att ändra det",
                   f"{label[1].lower()} {code} exists and would change ({fields}); choose --update-existing / "
                   "'Change existing goals, units and indicators' to change it")
    return tally


def _differences(obj, resolved: dict) -> dict:
    return {k: getattr(obj, k) for k, v in resolved.items()
            if k not in ("code", "goal_id", "indicator_id", "unit_id", "period_id") and getattr(obj, k) != v}


def _apply_sheet(session: Session, sheet: SheetRows, refs: Refs, changes: list[dict]) -> None:
    spec = sheet.spec
    self_ref = {"org_unit": "parent_id", "goal": "parent_id"}.get(spec.entity)
    pending_parents = []
    for position, (_number, values) in enumerate(sheet.rows):
        if spec.entity == "period":
            period = ensure_period(session, values["code"])
            refs.periods[period.code] = period.id
            if "closed" in values and period.closed != bool(values["closed"]):
                changes.append(_change("period", period.id, "update", {"closed": period.closed}))
                period.closed = bool(values["closed"])
            continue
        resolved = _resolved(spec, values, refs)
        if self_ref:
            pending_parents.append((values.get(self_ref), values["code"]))
            resolved.pop(self_ref, None)
        obj = _existing(session, spec, values, refs)
        if obj is None:
            if "position" in {c.attr for c in spec.columns}:
                resolved.setdefault("position", position)
            if spec.entity == "target" and resolved.get("period_id") is None:
                resolved["period_id"] = ensure_period(session, values["period_id"]).id
            obj = spec.model(**{k: v for k, v in resolved.items() if v is not None})
            session.add(obj)
            session.flush()
            changes.append(_change(spec.entity, getattr(obj, "id", 0), "create", None,
                                   {"goal_id": obj.goal_id, "indicator_id": obj.indicator_id}
                                   if spec.entity == "goal_indicator" else None))
        else:
            old = _differences(obj, resolved)
            if old:
                changes.append(_change(spec.entity, getattr(obj, "id", 0), "update", old,
                                       {"goal_id": obj.goal_id, "indicator_id": obj.indicator_id}
                                       if spec.entity == "goal_indicator" else None))
                for key in old:
                    setattr(obj, key, resolved[key])
        if spec.entity in ("org_unit", "goal", "indicator"):
            getattr(refs, {"org_unit": "unit"}.get(spec.entity, spec.entity) + "s")[obj.code] = obj.id
    session.flush()
    for parent_code, code in pending_parents:
        obj = session.get(spec.model, getattr(refs, {"org_unit": "unit"}.get(spec.entity, spec.entity) + "s")[code])
        parent_id = getattr(refs, {"org_unit": "unit"}.get(spec.entity, spec.entity) + "s").get(parent_code) \
            if parent_code else None
        if obj.parent_id != parent_id:
            if not any(c["entity"] == spec.entity and c["entity_id"] == obj.id and c["action"] == "create"
                       for c in changes):
                changes.append(_change(spec.entity, obj.id, "update", {"parent_id": obj.parent_id}))
            obj.parent_id = parent_id
    session.flush()


def _plan_results(session, plan, data, sheet, options, file_codes, progress, cancelled) -> None:
    known = Known.load(session)
    mapping, plan.source_key = sheet_mapping(session, data, sheet)
    if mapping is None or mapping.shape != LONG:
        plan.problems.append(Problem(plan.file_name, sheet.name, 1, None,
                                               "bladet Utfall saknar rubrikerna Indikator, Enhet, Period, Utfall",
                                               "the sheet Utfall lacks the headers Indikator, Enhet, Period, Utfall"))
        return
    sub = ImportPlan(plan.path, plan.file_name, plan.checksum, sheet.name, "structure")
    sub.row_paths = sheet.paths
    sub.mapping = mapping
    sub.header = [cell_text(c) for c in sheet.rows[mapping.header_row]]
    report = Located(sub)
    records = list(cell_records(sub, sheet, mapping, None, report, progress, cancelled, options.decimal))
    # Units and indicators the structure sheets create are known by code until applied.
    for code in file_codes["unit"]:
        known.units_by_code.setdefault(code, code)
    for code in file_codes["indicator"]:
        known.indicators.by_code.setdefault(code, code)
        known.indicator_ranges.setdefault(code, (None, None, code))
    if not sub.problems and not plan.problems:
        plan_records(session, sub, known, records, False, options, Path(plan.path), progress,
                                cancelled)
    plan.problems += sub.problems
    plan.rows_read += sub.rows_read
    plan.skipped += sub.skipped
    plan.notes_rows += sub.notes_rows
    for reason, count in sub.skip_reasons.items():
        plan.skip_reasons[reason] = plan.skip_reasons.get(reason, 0) + count
    plan.number_formats, plan.new_periods, plan.closed_rows = sub.number_formats, sub.new_periods, sub.closed_rows
    plan.unchanged += sub.unchanged
    plan.new, plan.changed, plan.targets, plan.preview = sub.new, sub.changed, sub.targets, sub.preview
    plan.missing_units, plan.missing_indicators = sub.missing_units, sub.missing_indicators
    plan.mapping = mapping
