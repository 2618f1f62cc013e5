"""Importing results: validate every row before anything is written, plan what changes (new,
changed old → new, unchanged, skipped), then apply the plan in one transaction with Core
executemany and record an ImportBatch; undo a batch as a whole.

The plan is computed from plain rows and the database's current state; nothing is written until
`apply_plan`, and `apply_plan` either writes everything or (on an error or a cancel) nothing."""

from __future__ import annotations

import base64
import contextlib
import csv
import datetime as dt
import gc
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import (
    AuditAction,
    Base,
    Gender,
    GoalIndicator,
    ImportBatch,
    ImportChange,
    ImportMapping,
    Indicator,
    OrgUnit,
    Period,
    ProviderType,
    Result,
    Target,
    UnitKind,
)
from app.models.errors import StyrkortError
from app.models.store import Store
from app.services.exchange.reading import FileData, ReadCancelled, ReadError, SheetData, read_file
from app.services.exchange.records import RECORD_DELETE_ORDER
from app.services.exchange.shapes import (
    LONG,
    WIDE_PERIOD,
    IndicatorIndex,
    Mapping,
    column_letter,
    guess_mapping,
    source_key,
)
from app.services.exchange.values import (
    CellError,
    cell_text,
    code_text,
    is_blank,
    parse_number,
    parse_value,
    period_text,
)
from app.services.followup.periods import ensure_period, parse_period
from app.services.platform import audit
from app.services.platform.backups import backup_before

Progress = Callable[[str, int, int], None]
CHUNK = 20_000
PREVIEW_LIMIT = 500

GENDERS = {"": "T", "t": "T", "totalt": "T", "total": "T", "alla": "T", "samtliga": "T",
           "k": "K", "kvinnor": "K", "kvinna": "K", "flickor": "K", "women": "K", "f": "K", "female": "K",
           "m": "M", "män": "M", "man": "M", "pojkar": "M", "men": "M", "male": "M"}
PROVIDER_TYPES = {"kommunal": ProviderType.IN_HOUSE, "egen regi": ProviderType.IN_HOUSE,
                  "regional": ProviderType.IN_HOUSE, "offentlig": ProviderType.IN_HOUSE,
                  "enskild": ProviderType.EXTERNAL, "privat": ProviderType.EXTERNAL,
                  "fristående": ProviderType.EXTERNAL, "extern utförare": ProviderType.EXTERNAL,
                  "idéburen": ProviderType.NON_PROFIT, "ideell": ProviderType.NON_PROFIT}


class ImportCancelled(StyrkortError):
    def __init__(self) -> None:
        super().__init__("Importen avbröts; ingenting skrevs.", "The import was cancelled; nothing was written.")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file, located as FILE:SHEET:ROW:COLUMN (row 1-based, column a letter)."""

    file: str
    sheet: str
    row: int | None
    column: str | None
    sv: str
    en: str

    def line(self, language: str = "sv") -> str:
        text = self.sv if language == "sv" else self.en
        return f"{self.file}:{self.sheet}:{self.row or ''}:{self.column or ''}: {text}"


@dataclass
class PreviewRow:
    status: str  # "new", "changed", "unchanged"
    indicator: str
    unit: str
    period: str
    gender: str
    old: float | None
    new: float | None
    row: int


@dataclass
class ImportOptions:
    sheet: str | None = None
    create_missing: bool = False
    mapping: Mapping | None = None
    period: str | None = None
    save_mapping: bool = False
    user: str | None = None


@dataclass
class ImportPlan:
    """What an import would do; `problems` empty means it can be applied."""

    path: str
    file_name: str
    checksum: str
    sheet: str
    source_kind: str
    source_key: str = ""
    mapping: Mapping | None = None
    header: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows_read: int = 0
    skipped: int = 0
    unchanged: int = 0
    # (indicator key, unit key, period code, gender, value, comment, late); keys: id or code to create
    new: list[tuple] = field(default_factory=list)
    # (result id, value, comment, late, old value, old comment, old batch id, old late)
    changed: list[tuple] = field(default_factory=list)
    # (indicator key, unit key, period code, value, target id or None, old value)
    targets: list[tuple] = field(default_factory=list)
    missing_units: dict[str, dict] = field(default_factory=dict)
    missing_indicators: dict[str, dict] = field(default_factory=dict)
    preview: list[PreviewRow] = field(default_factory=list)
    preview_counts: dict[str, int] = field(default_factory=dict)
    structure: object | None = None  # a structure.StructurePlan for structure workbooks
    batch_id: int | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def nothing_to_do(self) -> bool:
        counts = self.counts()
        return not (counts["new"] or counts["changed"])

    def counts(self) -> dict[str, int]:
        counts = {"read": self.rows_read, "new": len(self.new), "changed": len(self.changed),
                  "unchanged": self.unchanged, "skipped": self.skipped}
        counts["new"] += sum(1 for t in self.targets if t[4] is None)
        counts["changed"] += sum(1 for t in self.targets if t[4] is not None and t[5] != t[3])
        counts["new"] += len(self.missing_units) + len(self.missing_indicators)
        if self.structure is not None:
            for key, value in self.structure.counts().items():
                counts[key] += value
        return counts

    def summary(self, language: str = "sv") -> str:
        c = self.counts()
        if language == "sv":
            return (f"{c['read']} rader lästa: {c['new']} nya, {c['changed']} ändrade, "
                    f"{c['unchanged']} oförändrade, {c['skipped']} överhoppade")
        return (f"{c['read']} rows read: {c['new']} new, {c['changed']} changed, "
                f"{c['unchanged']} unchanged, {c['skipped']} skipped")


def file_checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


# --- what the database knows ---------------------------------------------------------------

@dataclass
class Known:
    indicators: IndicatorIndex
    indicator_ranges: dict[int, tuple[float | None, float | None, str]]
    units_by_code: dict[str, int]
    units_by_ou: dict[str, int]
    municipalities: dict[str, int]
    periods: dict[str, tuple[int, bool]]  # code → (id, closed)

    @classmethod
    def load(cls, session: Session) -> Known:
        index = IndicatorIndex()
        ranges = {}
        for ind_id, code, name, kolada, low, high in session.execute(sa.select(
                Indicator.id, Indicator.code, Indicator.name, Indicator.kolada_kpi_id,
                Indicator.min_value, Indicator.max_value)):
            index.by_code[code] = ind_id
            index.by_name[name.casefold().strip()] = ind_id
            if kolada:
                index.by_kolada[kolada.upper()] = ind_id
            ranges[ind_id] = (low, high, code)
        by_code, by_ou, munis = {}, {}, {}
        for unit_id, code, ou, muni, kind in session.execute(sa.select(
                OrgUnit.id, OrgUnit.code, OrgUnit.kolada_ou_id, OrgUnit.municipality_code, OrgUnit.kind)):
            by_code[code] = unit_id
            if ou:
                by_ou[ou] = unit_id
            if muni and kind is UnitKind.REFERENCE:
                munis[muni] = unit_id
        periods = {code: (pid, closed) for pid, code, closed in
                   session.execute(sa.select(Period.id, Period.code, Period.closed))}
        return cls(index, ranges, by_code, by_ou, munis, periods)

    def unit_code(self, unit_id: int) -> str:
        if not hasattr(self, "_codes"):
            self._codes = {i: c for c, i in self.units_by_code.items()}
        return self._codes.get(unit_id, str(unit_id))

    def unit(self, ref: str, by_municipality: bool) -> int | None:
        if by_municipality:
            return self.municipalities.get(ref)
        return self.units_by_code.get(ref) or self.units_by_ou.get(ref)


# --- choosing what to read ---------------------------------------------------------------------

def load_file(path: str | Path, cancelled: Callable[[], bool] | None = None) -> FileData:
    """Read the file in the child process; a refusal becomes a located StyrkortError."""
    path = Path(path)
    try:
        return read_file(path, cancelled=cancelled)
    except ReadCancelled:
        raise ImportCancelled() from None
    except ReadError as exc:
        where = ":".join(str(w) for w in exc.where) if exc.where else "::"
        raise StyrkortError(f"{path.name}:{where}: {exc.sv}", f"{path.name}:{where}: {exc.en}") from None


def choose_sheet(data: FileData, name: str | None) -> SheetData:
    file_name = Path(data.path).name
    if name is not None:
        for sheet in data.sheets:
            if sheet.name == name:
                return sheet
        names = ", ".join(s.name for s in data.sheets)
        raise StyrkortError(f"{file_name}:{name}::: bladet finns inte (blad: {names})",
                            f"{file_name}:{name}::: no such sheet (sheets: {names})")
    if data.json_kind and data.json_kind.startswith("invalid"):
        raise StyrkortError(f"{file_name}:::: ogiltig JSON ({data.json_kind[8:]})",
                            f"{file_name}:::: invalid JSON ({data.json_kind[8:]})")
    visible = [s for s in data.sheets if not s.hidden and any(not is_blank(c) for r in s.rows[:50] for c in r)]
    if visible:
        return visible[0]
    hidden = [s for s in data.sheets if s.hidden and s.rows]
    if hidden:
        raise StyrkortError(
            f"{file_name}:{hidden[0].name}::: bladet är dolt och importeras inte utan att du väljer det "
            f"(--sheet \"{hidden[0].name}\")",
            f"{file_name}:{hidden[0].name}::: the sheet is hidden and is only imported when chosen "
            f"(--sheet \"{hidden[0].name}\")")
    first = data.sheets[0].name if data.sheets else ""
    raise StyrkortError(f"{file_name}:{first}::: bladet är tomt; det finns inget att importera",
                        f"{file_name}:{first}::: the sheet is empty; there is nothing to import")


def saved_mapping(session: Session, key: str) -> Mapping | None:
    text = session.execute(sa.select(ImportMapping.mapping_json).where(ImportMapping.source_key == key)).scalar()
    return Mapping.from_json(text) if text else None


def save_mapping(session: Session, key: str, mapping: Mapping) -> None:
    row = session.execute(sa.select(ImportMapping).where(ImportMapping.source_key == key)).scalar()
    now = dt.datetime.now().replace(microsecond=0)
    if row is None:
        session.add(ImportMapping(source_key=key, mapping_json=mapping.to_json(), saved_at=now))
    else:
        row.mapping_json, row.saved_at = mapping.to_json(), now
    session.flush()


def sheet_mapping(session: Session, data: FileData, sheet: SheetData,
                  given: Mapping | None = None) -> tuple[Mapping | None, str]:
    """The mapping to use: the one given, the one saved for this source, or a guess."""
    known = Known.load(session)
    guess = guess_mapping(sheet.rows, known.indicators)
    header = sheet.rows[guess.header_row] if guess else []
    key = source_key(data.kind, sheet.name, header)
    if given is not None:
        return given, source_key(data.kind, sheet.name, sheet.rows[given.header_row])
    # A saved mapping names its header row; look for a row above the data with that header.
    candidates = {source_key(data.kind, sheet.name, row): number for number, row in enumerate(sheet.rows[:30])}
    for found_key, text in session.execute(sa.select(ImportMapping.source_key, ImportMapping.mapping_json)
                                           .where(ImportMapping.source_key.in_(candidates))):
        mapping = Mapping.from_json(text)
        if mapping.header_row == candidates[found_key]:
            return mapping, found_key
    return guess, key


# --- reading rows into records -------------------------------------------------------------

class _Located:
    def __init__(self, plan: ImportPlan) -> None:
        self.plan = plan

    def __call__(self, row: int | None, col: int | None, sv: str, en: str) -> None:
        self.plan.problems.append(Problem(self.plan.file_name, self.plan.sheet, row,
                                          column_letter(col) if col is not None else None, sv, en))


_PERIOD_CACHE: dict[object, str] = {}


def _period_code(cell: object) -> str:
    try:
        return _PERIOD_CACHE[cell]
    except (KeyError, TypeError):
        code = parse_period(period_text(cell)).code
        if len(_PERIOD_CACHE) < 10_000:
            _PERIOD_CACHE[cell] = code
        return code


def _gender(cell: object) -> str | None:
    return GENDERS.get(cell_text(cell).casefold())


def _provider_type(text: str) -> ProviderType | None:
    if not text:
        return None
    found = PROVIDER_TYPES.get(text.strip().casefold())
    if found:
        return found
    try:
        return ProviderType.from_text(text)
    except ValueError:
        return None


def _org_number(text: str) -> str | None:
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) == 10:
        return f"{digits[:6]}-{digits[6:]}"
    return text[:11] or None


def _records(plan: ImportPlan, sheet: SheetData, mapping: Mapping, fixed_period: str | None,
             report: _Located, progress: Progress | None, cancelled: Callable[[], bool] | None):
    """Yield (row number, indicator ref, unit ref, period, gender, value, comment, target, late, unit info)."""
    cols = mapping.columns
    col_of = {f: c for c, f in cols.items()}
    ind_col, unit_col, muni_col = col_of.get("indicator"), col_of.get("unit"), col_of.get("municipality")
    period_col, gender_col, value_col = col_of.get("period"), col_of.get("gender"), col_of.get("value")
    target_col, comment_col, late_col = col_of.get("target"), col_of.get("comment"), col_of.get("late")
    info_cols = {f: col_of[f] for f in ("unit_name", "provider_type", "provider_name", "org_number")
                 if f in col_of}
    if unit_col is not None and muni_col is not None:
        info_cols["municipality_code"] = muni_col
    key_col = unit_col if unit_col is not None else muni_col
    by_municipality = unit_col is None
    rows = sheet.rows
    start = mapping.header_row + 1
    width = len(rows[mapping.header_row])
    header = [cell_text(c) for c in rows[mapping.header_row]]

    if key_col is None:
        report(mapping.header_row + 1, None, "ingen kolumn för enhet (Enhet, Utförare, Skola, Kommun …)",
               "no column for the unit (Enhet, Utförare, Skola, Kommun …)")
    if mapping.shape in (LONG, WIDE_PERIOD) and ind_col is None:
        report(mapping.header_row + 1, None, "ingen kolumn för indikator (Indikator, Nyckeltal, KPI …)",
               "no column for the indicator (Indikator, Nyckeltal, KPI …)")
    if mapping.shape == LONG and value_col is None:
        report(mapping.header_row + 1, None, "ingen kolumn för utfall (Utfall, Värde, Resultat …)",
               "no column for the value (Utfall, Värde, Resultat …)")
    if mapping.shape != WIDE_PERIOD and period_col is None and fixed_period is None:
        report(mapping.header_row + 1, None, "ingen kolumn för period (År, Period, Tertial …) och ingen period vald",
               "no column for the period (År, Period, Tertial …) and no period chosen")
    for r0, c0, r1, c1 in sheet.merged:
        if r0 <= mapping.header_row <= r1 and c1 > c0:
            report(mapping.header_row + 1, c0,
                   f"sammanslagna rubrikceller {column_letter(c0)}–{column_letter(c1)}: ge varje kolumn en egen rubrik",
                   f"merged header cells {column_letter(c0)}–{column_letter(c1)}: give each column its own header")
    if plan.problems:
        return
    blank_seen = False
    mapped = len(cols) + len(mapping.period_columns) + len(mapping.indicator_columns)
    for index in range(start, len(rows)):
        row = rows[index]
        if len(row) < width:
            row = list(row) + [None] * (width - len(row))
        number = index + 1
        if (index - start) % 10_000 == 0:
            if cancelled is not None and cancelled():
                raise ImportCancelled()
            if progress is not None:
                progress("read", index - start, len(rows) - start)
        filled = len(row) - row.count(None) - row.count("")  # counted in C: this runs per row
        if filled == 0:
            blank_seen = True
            continue
        if blank_seen and filled * 2 < min(mapped, width):
            # Notes below the data (Skolverket's definitions): the table has ended.
            plan.skipped += sum(1 for r in rows[index:] if any(not is_blank(c) for c in r))
            break
        plan.rows_read += 1
        try:
            unit_ref = code_text(row[key_col], 4 if by_municipality else 0)
            if not unit_ref:
                report(number, key_col, "enhet saknas", "unit missing")
                continue
            gender = "T"
            if gender_col is not None:
                gender = _gender(row[gender_col])
                if gender is None:
                    report(number, gender_col, f"{cell_text(row[gender_col])!r} är inget kön (T, K eller M)",
                           f"{cell_text(row[gender_col])!r} is not a gender (T, K or M)")
                    continue
            period = fixed_period
            if period_col is not None and not is_blank(row[period_col]):
                period = _period_code(row[period_col])
            info = None
            if info_cols:
                info = {f: cell_text(row[c]) for f, c in info_cols.items()}
            comment = cell_text(row[comment_col]) if comment_col is not None else None
            late = None
            if late_col is not None:
                late = cell_text(row[late_col]).casefold() in ("ja", "yes", "1", "true", "sant")
        except StyrkortError as exc:
            report(number, period_col, exc.sv, exc.en)
            continue
        except CellError as exc:
            report(number, period_col, exc.args[0], exc.args[-1])
            continue
        if mapping.shape == LONG:
            cells = [(value_col, cell_text(row[ind_col]), period)]
        elif mapping.shape == WIDE_PERIOD:
            cells = [(c, cell_text(row[ind_col]), p) for c, p in mapping.period_columns.items()]
        else:
            cells = [(c, ref, period) for c, ref in mapping.indicator_columns.items()]
        for col, ind_ref, cell_period in cells:
            if not ind_ref:
                report(number, ind_col, "indikator saknas", "indicator missing")
                continue
            if cell_period is None:
                report(number, period_col, "period saknas", "period missing")
                continue
            target = None
            try:
                value, code = parse_value(row[col])
                if target_col is not None:
                    target = parse_number(row[target_col])
            except CellError as exc:
                bad = col if target is None and _invalid(row[col]) else target_col
                report(number, bad, f"{header[bad]}: {exc.args[0]}", f"{header[bad]}: {exc.args[-1]}")
                continue
            if mapping.shape != LONG and value is None and code is None and is_blank(row[col]):
                plan.skipped += 1  # an empty cell in a wide table: nothing reported
                continue
            row_comment = comment if comment is not None else code
            yield number, col, ind_ref, unit_ref, cell_period, gender, value, row_comment, target, late, info


def _invalid(cell: object) -> bool:
    try:
        parse_value(cell)
    except CellError:
        return True
    return False


def _unit_info(ref: str, info: dict | None, by_municipality: bool, names: dict[str, str]) -> dict:
    info = info or {}
    if by_municipality:
        return {"code": ref, "name": names.get(ref) or ("Riket" if ref == "0000" else f"Kommun {ref}"),
                "kind": UnitKind.REFERENCE, "municipality_code": ref}
    ptype = _provider_type(info.get("provider_type", ""))
    return {"code": ref, "name": info.get("unit_name") or ref, "kind": UnitKind.UNIT,
            "municipality_code": (info.get("municipality_code") or None),
            "provider_type": ptype, "provider_name": info.get("provider_name") or None,
            "org_number": _org_number(info.get("org_number", "")) if info.get("org_number") else None}


def _beside(path: Path, pattern: str) -> list[Path]:
    return sorted(path.parent.glob(pattern)) if path.parent.is_dir() else []


def kpi_metadata(path: Path) -> dict[str, dict]:
    """Kolada KPI titles found beside the imported file (ddf--concepts.csv or the API's JSON)."""
    found: dict[str, dict] = {}
    for concepts in _beside(path, "*concepts*.csv"):
        with concepts.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                if row.get("concept_type") == "measure" and row.get("name"):
                    found[row["concept"].upper()] = {"title": row["name"].replace("  ", " "),
                                                     "description": row.get("description") or "",
                                                     "operating_area": row.get("operating_area") or ""}
    for meta in _beside(path, "*kpi*.json"):
        try:
            doc = json.loads(meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        items = doc.get("values", []) if isinstance(doc, dict) else doc
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and item.get("id") and item.get("title"):
                found.setdefault(str(item["id"]).upper(), {
                    "title": item["title"], "description": item.get("description") or "",
                    "operating_area": item.get("operating_area") or ""})
    return found


def municipality_names(path: Path) -> dict[str, str]:
    names = {"0000": "Riket"}
    for table in _beside(path, "*kommun*.csv"):
        with table.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                if row.get("kommun") and row.get("name"):
                    names[row["kommun"].zfill(4)] = row["name"]
    return names


def _indicator_info(ref: str, header: str | None, metadata: dict[str, dict]) -> dict:
    from app.services.exchange.shapes import KPI_ID

    kolada = ref.upper() if KPI_ID.match(ref) else None
    meta = metadata.get(kolada or "", {})
    name = meta.get("title") or header or ref
    percent = "(%)" in name or "andel" in name.casefold()
    return {"code": ref if not kolada else kolada, "name": name[:300], "kolada_kpi_id": kolada,
            "description": meta.get("description", ""), "unit_of_measure": "%" if percent else "",
            "min_value": 0.0 if percent else None, "max_value": 100.0 if percent else None,
            "source": "Kolada" if kolada else "", "service_area": meta.get("operating_area") or None}


# --- planning ------------------------------------------------------------------------------

def plan_import(session: Session, path: str | Path, options: ImportOptions | None = None, *,
                data: FileData | None = None, progress: Progress | None = None,
                cancelled: Callable[[], bool] | None = None, release: bool = False) -> ImportPlan:
    """Read, validate and plan. Writes nothing (a saved mapping is written only by apply)."""
    from app.services.exchange import structure

    options = options or ImportOptions()
    path = Path(path)
    data = data or load_file(path, cancelled)
    if progress:
        progress("read", 0, 0)
    if structure.is_structure_workbook(data) and options.sheet is None:
        return structure.plan_structure(session, path, data, options, file_checksum(path),
                                        progress=progress, cancelled=cancelled)
    sheet = choose_sheet(data, options.sheet)
    plan = ImportPlan(str(path), path.name, file_checksum(path), sheet.name, data.json_kind or data.kind)
    if data.json_kind == "kolada-kpi":
        return _plan_catalogue(session, plan, sheet, options)
    mapping, plan.source_key = sheet_mapping(session, data, sheet, options.mapping)
    plan.mapping = mapping
    report = _Located(plan)
    if mapping is None:
        report(None, None, "ingen rubrikrad hittades; ange kolumnerna", "no header row found; map the columns")
        return plan
    plan.header = [cell_text(c) for c in sheet.rows[mapping.header_row]]
    fixed_period = None
    if options.period:
        fixed_period = parse_period(options.period).code
    elif mapping.fixed_period:
        fixed_period = mapping.fixed_period
    known = Known.load(session)
    by_municipality = mapping.field_column("unit") is None
    # A generator: 500 000 rows are not held twice; with `release` the sheet's rows go once read.
    records = _records(plan, sheet, mapping, fixed_period, report, progress, cancelled)
    _plan_records(session, plan, known, records, by_municipality, options, path, progress, cancelled,
                  after_reading=sheet.rows.clear if release else None)
    return plan


def _plan_records(session, plan, known, records, by_municipality, options, path, progress, cancelled,
                  after_reading: Callable[[], None] | None = None) -> None:
    report = _Located(plan)
    seen: dict[tuple, int] = {}
    unknown_units: dict[str, list[int]] = {}
    unknown_indicators: dict[str, list[int]] = {}
    unit_infos: dict[str, dict] = {}
    indicator_headers: dict[str, str] = {}
    ind_cache: dict[str, int | None] = {}
    unit_col = plan.mapping.field_column("unit")
    key_col = unit_col if unit_col is not None else plan.mapping.field_column("municipality")
    ind_col = plan.mapping.field_column("indicator")
    planned = []
    for number, col, ind_ref, unit_ref, period, gender, value, comment, target, late, info in records:
        if ind_ref in ind_cache:
            ind_id = ind_cache[ind_ref]
        else:
            ind_id = ind_cache[ind_ref] = known.indicators.find(ind_ref)
        unit_id = known.unit(unit_ref, by_municipality)
        key = (ind_ref, unit_ref, period, gender)
        first = seen.get(key)
        if first is not None:
            report(number, col, f"dubblett: samma indikator, enhet, period och kön som rad {first}",
                   f"duplicate: same indicator, unit, period and gender as row {first}")
            continue
        seen[key] = number
        if ind_id is None:
            unknown_indicators.setdefault(ind_ref, []).append(number)
            indicator_headers.setdefault(ind_ref, plan.header[col] if ind_col is None else ind_ref)
        elif value is not None:
            low, high, code = known.indicator_ranges[ind_id]
            if (low is not None and value < low) or (high is not None and value > high):
                report(number, col, f"{value:g} ligger utanför indikatorns intervall {low:g}–{high:g} ({code})",
                       f"{value:g} is outside the indicator's range {low:g}–{high:g} ({code})")
                continue
        if unit_id is None:
            unknown_units.setdefault(unit_ref, []).append(number)
            if info is not None or by_municipality:
                unit_infos.setdefault(unit_ref, info)
        planned.append((number, ind_id if ind_id is not None else ind_ref,
                        unit_id if unit_id is not None else unit_ref, period, gender, value, comment,
                        target, late))
    if after_reading is not None:
        after_reading()
    if plan.problems:
        return
    if unknown_units or unknown_indicators:
        if options.create_missing:
            names = municipality_names(Path(plan.path)) if by_municipality else {}
            plan.missing_units = {ref: _unit_info(ref, unit_infos.get(ref), by_municipality, names)
                                  for ref in unknown_units}
            metadata = kpi_metadata(Path(plan.path)) if unknown_indicators else {}
            plan.missing_indicators = {ref: _indicator_info(ref, indicator_headers.get(ref), metadata)
                                       for ref in unknown_indicators}
        else:
            for kind_sv, kind_en, col, unknown in (("enheter", "units", key_col, unknown_units),
                                                   ("indikatorer", "indicators", ind_col, unknown_indicators)):
                if not unknown:
                    continue
                listed = [f"{ref!r} (rad {rows[0]})" for ref, rows in list(unknown.items())[:20]]
                more = f" och {len(unknown) - 20} till" if len(unknown) > 20 else ""
                more_en = f" and {len(unknown) - 20} more" if len(unknown) > 20 else ""
                first = min(rows[0] for rows in unknown.values())
                report(first, col,
                       f"{len(unknown)} okända {kind_sv}: {', '.join(listed)}{more}; skapa dem med "
                       "--create-missing / ”Skapa saknade”",
                       f"{len(unknown)} unknown {kind_en}: {', '.join(listed).replace('(rad', '(row')}{more_en}; "
                       "create them with --create-missing / 'Create missing'")
            return
    if plan.problems:
        return
    _classify(session, plan, known, planned, progress, cancelled)


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _classify(session, plan, known, planned, progress, cancelled) -> None:
    ind_ids = {p[1] for p in planned if isinstance(p[1], int)}
    period_ids = {known.periods[p[3]][0] for p in planned if p[3] in known.periods}
    existing: dict[tuple, tuple] = {}
    if ind_ids and period_ids:
        query = sa.select(Result.id, Result.indicator_id, Result.unit_id, Result.period_id, Result.gender,
                          Result.value, Result.comment, Result.import_batch_id, Result.late).where(
            Result.indicator_id.in_(ind_ids), Result.period_id.in_(period_ids))
        for rid, ind, unit, period, gender, value, comment, batch, late in session.execute(query):
            existing[(ind, unit, period, gender.value)] = (rid, value, comment, batch, late)
    targets: dict[tuple, tuple] = {}
    if ind_ids and any(p[7] is not None for p in planned):
        for tid, ind, unit, period, value in session.execute(sa.select(
                Target.id, Target.indicator_id, Target.unit_id, Target.period_id, Target.value).where(
                Target.indicator_id.in_(ind_ids))):
            targets[(ind, unit, period)] = (tid, value)
    seen_targets = set()
    planned.reverse()
    n = 0
    while planned:
        # Popped, not iterated: each planned row is freed as its plan entry is made.
        number, ind, unit, period, gender, value, comment, target, late = planned.pop()
        n += 1
        if n % 50_000 == 0 and cancelled is not None and cancelled():
            raise ImportCancelled()
        pinfo = known.periods.get(period)
        period_id = pinfo[0] if pinfo else None
        closed = bool(pinfo and pinfo[1])
        new_late = closed if late is None else late
        old = existing.get((ind, unit, period_id, gender)) if period_id else None
        if old is None:
            plan.new.append((ind, unit, period, gender, value, comment or "", new_late))
            _preview(plan, "new", ind, unit, period, gender, None, value, number, known)
        else:
            rid, old_value, old_comment, old_batch, old_late = old
            new_comment = old_comment if comment is None else comment
            if _same(old_value, value) and new_comment == old_comment:
                plan.unchanged += 1
                _preview(plan, "unchanged", ind, unit, period, gender, old_value, value, number, known)
            else:
                plan.changed.append((rid, value, new_comment, old_late if late is None else late,
                                     old_value, old_comment, old_batch, old_late))
                _preview(plan, "changed", ind, unit, period, gender, old_value, value, number, known)
        if target is not None and (ind, unit, period) not in seen_targets:
            seen_targets.add((ind, unit, period))
            old_target = targets.get((ind, unit, period_id)) if period_id else None
            if old_target is None:
                plan.targets.append((ind, unit, period, target, None, None))
            elif not _same(old_target[1], target):
                plan.targets.append((ind, unit, period, target, old_target[0], old_target[1]))


def _preview(plan, status, ind, unit, period, gender, old, new, number, known) -> None:
    shown = plan.preview_counts
    if shown.get(status, 0) >= PREVIEW_LIMIT:
        return
    shown[status] = shown.get(status, 0) + 1
    ind_text = ind if isinstance(ind, str) else known.indicator_ranges[ind][2]
    unit_text = unit if isinstance(unit, str) else known.unit_code(unit)
    plan.preview.append(PreviewRow(status, ind_text, unit_text, period, gender, old, new, number))


def _plan_catalogue(session: Session, plan: ImportPlan, sheet: SheetData, options: ImportOptions) -> ImportPlan:
    """Kolada's KPI catalogue: indicators are created for KPIs not yet in the database (on request)."""
    known = Known.load(session)
    for row in sheet.rows[1:]:
        plan.rows_read += 1
        kpi, title = cell_text(row[0]).upper(), cell_text(row[1])
        if not kpi or not title:
            plan.skipped += 1
        elif kpi in known.indicators.by_kolada or kpi in known.indicators.by_code:
            plan.unchanged += 1
        elif options.create_missing:
            plan.missing_indicators[kpi] = _indicator_info(kpi, None, {kpi: {
                "title": title, "description": cell_text(row[2]), "operating_area": cell_text(row[3])}})
        else:
            plan.skipped += 1
    return plan


# --- applying ------------------------------------------------------------------------------

def _json(values: dict) -> str:
    return json.dumps({k: (v.value if hasattr(v, "value") else v.isoformat() if isinstance(v, dt.date)
                           else base64.b64encode(v).decode("ascii") if isinstance(v, bytes) else v)
                       for k, v in values.items()}, ensure_ascii=False)


def apply_plan(session: Session, plan: ImportPlan, *, user: str | None = None, save_mapping_for: bool = False,
               progress: Progress | None = None, cancelled: Callable[[], bool] | None = None) -> int | None:
    """Write the plan inside the caller's transaction; returns the batch id (None: nothing to do).
    Raises ImportCancelled (the caller's transaction rolls back) when cancelled."""
    if not plan.ok:
        raise StyrkortError("Importen har fel och skrevs inte.", "The import has errors and was not written.")
    if save_mapping_for and plan.mapping is not None and plan.source_key:
        save_mapping(session, plan.source_key, plan.mapping)
    if plan.nothing_to_do:
        return None
    user = user or audit.current_user()
    now = dt.datetime.now().replace(microsecond=0)
    counts = plan.counts()
    batch = ImportBatch(file_name=plan.file_name, checksum=plan.checksum, imported_at=now, user=user,
                        source_kind=plan.source_kind, sheet=plan.sheet, rows_read=counts["read"],
                        rows_new=counts["new"], rows_changed=counts["changed"],
                        rows_unchanged=counts["unchanged"], rows_skipped=counts["skipped"])
    session.add(batch)
    session.flush()
    changes: list[dict] = []
    unit_ids = _create(session, OrgUnit, "org_unit", plan.missing_units, changes)
    ind_ids = _create(session, Indicator, "indicator", plan.missing_indicators, changes)
    if plan.structure is not None:
        made_units, made_indicators = plan.structure.apply(session, batch.id, changes)
        unit_ids, ind_ids = {**made_units, **unit_ids}, {**made_indicators, **ind_ids}
    period_ids = {}
    for code in sorted({r[2] for r in plan.new} | {t[2] for t in plan.targets}):
        period_ids[code] = ensure_period(session, code).id
    conn = session.connection()
    total = len(plan.new) + len(plan.changed)
    done = 0
    insert_rows = _result_inserter(conn, batch.id, now, user)
    for start in range(0, len(plan.new), CHUNK):
        if cancelled is not None and cancelled():
            raise ImportCancelled()
        insert_rows([
            (ind if ind.__class__ is int else ind_ids[ind], unit if unit.__class__ is int else unit_ids[unit],
             period_ids[period], gender, value, comment, late)
            for ind, unit, period, gender, value, comment, late in plan.new[start:start + CHUNK]])
        done += min(CHUNK, len(plan.new) - start)
        if progress:
            progress("write", done, total)
    # The history: one entry per value written, old → new, linked to the batch (before the
    # updates below, only this batch's new rows carry its id).
    trail: list[audit.Change] = []
    if plan.new:
        table = Result.__table__
        trail += audit.bulk_created("result", [tuple(r) for r in conn.execute(
            sa.select(table.c.id, table.c.value).where(table.c.import_batch_id == batch.id).order_by(table.c.id))])
    for c in plan.changed:
        if audit.differs(c[4], c[1]):
            trail.append(audit.Change(AuditAction.UPDATE, "result", c[0], "value", c[4], c[1]))
        if audit.differs(c[5], c[2]):
            trail.append(audit.Change(AuditAction.UPDATE, "result", c[0], "comment", c[5], c[2]))
    if plan.changed:
        update = sa.update(Result.__table__).where(Result.__table__.c.id == sa.bindparam("rid")).values(
            value=sa.bindparam("v"), comment=sa.bindparam("c"), late=sa.bindparam("l"),
            import_batch_id=batch.id, entered_at=now, entered_by=user)
        for start in range(0, len(plan.changed), CHUNK):
            if cancelled is not None and cancelled():
                raise ImportCancelled()
            chunk = plan.changed[start:start + CHUNK]
            conn.execute(update, [{"rid": c[0], "v": c[1], "c": c[2], "l": c[3]} for c in chunk])
            changes.extend({"entity": "result", "entity_id": c[0], "action": "update",
                            "old_json": json.dumps({"value": c[4], "comment": c[5], "import_batch_id": c[6],
                                                    "late": c[7]})} for c in chunk)
            done += len(chunk)
            if progress:
                progress("write", done, total)
    for ind, unit, period, value, target_id, old_value in plan.targets:
        ind = ind if isinstance(ind, int) else ind_ids[ind]
        unit = unit if isinstance(unit, int) else unit_ids[unit]
        if target_id is None:
            target = Target(indicator_id=ind, unit_id=unit, period_id=period_ids[period], value=value)
            session.add(target)
            session.flush()
            changes.append({"entity": "target", "entity_id": target.id, "action": "create", "old_json": None})
            trail.append(audit.Change(AuditAction.CREATE, "target", target.id, "value", None, value))
        else:
            session.get(Target, target_id).value = value
            changes.append({"entity": "target", "entity_id": target_id, "action": "update",
                            "old_json": json.dumps({"value": old_value})})
            trail.append(audit.Change(AuditAction.UPDATE, "target", target_id, "value", old_value, value))
    if changes:
        conn.execute(sa.insert(ImportChange.__table__),
                     [{"batch_id": batch.id, "new_json": None, **c} for c in changes])
    trail += [audit.Change(AuditAction.CREATE, c["entity"], c["entity_id"], summary="Skapad av importen")
              for c in changes if c["action"] == "create" and c["entity"] not in ("result", "target")]
    trail += _structure_updates(session, changes)
    audit.record_many(session, trail, user=user, batch_id=batch.id)
    audit.record(session, AuditAction.IMPORT, "import_batch", batch.id, user=user, batch_id=batch.id,
                 summary=f"{plan.file_name} ({plan.checksum[:12]}): {plan.summary('sv')}")
    plan.batch_id = batch.id
    return batch.id


def _structure_updates(session: Session, changes: list[dict]) -> list[audit.Change]:
    """Field-level entries for the structure rows (units, goals, records …) an import updated."""
    session.flush()
    out = []
    for c in changes:
        if c["action"] != "update" or c["entity"] in ("result", "target") or not c.get("old_json"):
            continue
        model = _entity(c["entity"])
        obj = session.get(model, c["entity_id"]) if model is not GoalIndicator else None
        if obj is None:
            continue
        for key, old in _from_json(model, json.loads(c["old_json"])).items():
            new = getattr(obj, key, None)
            if audit.differs(old, new):
                out.append(audit.Change(AuditAction.UPDATE, c["entity"], c["entity_id"], key, old, new))
    return out


_RESULT_COLUMNS = ("indicator_id", "unit_id", "period_id", "gender", "value", "comment", "late",
                   "import_batch_id", "entered_at", "entered_by")


def _result_inserter(conn, batch_id: int, now: dt.datetime, user: str):
    """Insert (indicator, unit, period, gender, value, comment, late) tuples with executemany.
    On SQLite the driver gets the rows directly (Core's per-row parameter processing roughly
    doubles the cost, see benchmarks/bench_exchange.py); elsewhere Core's insert converts types."""
    if conn.dialect.name == "sqlite":
        sql = (f"INSERT INTO result ({', '.join(_RESULT_COLUMNS)}) "
               f"VALUES ({', '.join('?' * 7)}, {batch_id}, ?, ?)")
        # SQLAlchemy's SQLite DateTime storage format, so the ORM reads these back unchanged.
        stamp = now.strftime("%Y-%m-%d %H:%M:%S.%f")

        def insert(rows):
            # The session's own sqlite3 connection, inside its transaction: exec_driver_sql costs
            # 70 % more per row here (measured: 6.8 s against 11.7 s for 500 000 rows).
            conn.connection.driver_connection.executemany(sql, [(*r, stamp, user) for r in rows])
        return insert
    statement = sa.insert(Result.__table__)
    return lambda rows: conn.execute(statement, [
        dict(zip(_RESULT_COLUMNS, (*r, batch_id, now, user))) for r in rows])


def _create(session: Session, model, entity: str, missing: dict[str, dict], changes: list[dict]) -> dict[str, int]:
    made = {ref: model(**{k: v for k, v in info.items() if v is not None}) for ref, info in missing.items()}
    session.add_all(made.values())
    session.flush()
    changes.extend({"entity": entity, "entity_id": obj.id, "action": "create", "old_json": None}
                   for obj in made.values())
    return {ref: obj.id for ref, obj in made.items()}


@contextlib.contextmanager
def _no_cyclic_gc():
    """Planning makes a million tuples that hold no cycles; the cyclic collector would rescan
    them again and again (import time grew faster than the file did). Reference counting still
    frees everything; the collector runs once at the end."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def run_import(store: Store, path: str | Path, options: ImportOptions | None = None, *, dry_run: bool = False,
               progress: Progress | None = None, cancelled: Callable[[], bool] | None = None) -> ImportPlan:
    """Plan, and unless there are problems or it is a dry run, apply in one transaction."""
    options = options or ImportOptions()
    with _no_cyclic_gc():
        data = load_file(path, cancelled)
    with _no_cyclic_gc(), store.transaction() as session:
        plan = plan_import(session, path, options, data=data, progress=progress, cancelled=cancelled,
                           release=True)
        del data
        if plan.ok and not dry_run:
            backup_before(store, "import")  # raises, and nothing is written, when it cannot be made
            apply_plan(session, plan, user=options.user, save_mapping_for=options.save_mapping,
                       progress=progress, cancelled=cancelled)
    return plan


# --- undo --------------------------------------------------------------------------------------

ENTITIES = {"org_unit": OrgUnit, "indicator": Indicator, "target": Target, "result": Result}


def _entity(name: str):
    from app.services.exchange.records import RECORD_ENTITIES
    from app.services.exchange.structure import STRUCTURE_ENTITIES

    return ENTITIES.get(name) or STRUCTURE_ENTITIES.get(name) or RECORD_ENTITIES[name]


def _row_json(obj) -> str:
    table = obj.__table__
    return _json({c.key: getattr(obj, c.key) for c in table.columns})


def _from_json(model, doc: dict) -> dict:
    values = {}
    for column in model.__table__.columns:
        if column.key not in doc:
            continue
        value = doc[column.key]
        python_type = None
        try:
            python_type = column.type.python_type
        except NotImplementedError:
            pass
        if value is not None and python_type is not None and python_type in (dt.date, dt.datetime):
            value = python_type.fromisoformat(value)
        elif value is not None and hasattr(column.type, "enum_class") and column.type.enum_class is not None:
            value = column.type.enum_class(value)
        elif value is not None and python_type is bytes:
            value = base64.b64decode(value)
        values[column.key] = value
    return values


DELETE_ORDER = [*RECORD_DELETE_ORDER, "goal_indicator", "target", "indicator", "goal", "org_unit", "period"]


def _changed_row(session: Session, model, change: ImportChange):
    """The row a change is about; a goal ↔ indicator link has no id of its own, its JSON names it."""
    if model is GoalIndicator:
        doc = json.loads(change.new_json)
        return session.get(model, (doc["goal_id"], doc["indicator_id"]))
    return session.get(model, change.entity_id)


def undo_batch(session: Session, batch_id: int, *, user: str | None = None) -> None:
    """Take a whole batch back: restore updated rows, remove created ones. Kept so it can be redone."""
    batch = session.get(ImportBatch, batch_id)
    if batch is None or batch.undone_at is not None:
        raise StyrkortError("Importen är redan ångrad eller finns inte.", "The import is already undone or gone.")
    later = session.execute(sa.select(sa.func.count()).where(
        ImportBatch.id > batch_id, ImportBatch.undone_at.is_(None))).scalar_one()
    if later:
        raise StyrkortError("Ångra de senare importerna först; importer ångras i omvänd ordning.",
                            "Undo the later imports first; imports are undone in reverse order.")
    changes = session.execute(sa.select(ImportChange).where(ImportChange.batch_id == batch_id)
                              .order_by(ImportChange.id)).scalars().all()
    updated_results = {c.entity_id for c in changes if c.entity == "result" and c.action == "update"}
    # Results this batch created: kept as JSON so that a redo can put them back.
    conn = session.connection()
    table = Result.__table__
    created = conn.execute(sa.select(table).where(table.c.import_batch_id == batch_id)).mappings().all()
    kept = [{"batch_id": batch_id, "entity": "result", "entity_id": r["id"], "action": "undone",
             "old_json": None, "new_json": _json(dict(r))} for r in created if r["id"] not in updated_results]
    trail = audit.bulk_deleted("result", [audit.row_content(r) for r in created if r["id"] not in updated_results],
                               "Import ångrad")
    for change in changes:
        if change.action == "link":
            continue
        model = _entity(change.entity)
        obj = _changed_row(session, model, change) if change.action == "update" else None
        if obj is not None:
            change.new_json = _row_json(obj)
            for key, value in _from_json(model, json.loads(change.old_json)).items():
                if key in ("value", "comment") and audit.differs(getattr(obj, key), value):
                    trail.append(audit.Change(AuditAction.UPDATE, change.entity, change.entity_id, key,
                                              getattr(obj, key), value, "Import ångrad"))
                setattr(obj, key, value)
    session.flush()
    if kept:
        gone = [k["entity_id"] for k in kept]
        for start in range(0, len(gone), 900):
            conn.execute(sa.delete(table).where(table.c.id.in_(gone[start:start + 900])))
        conn.execute(sa.insert(ImportChange.__table__), kept)
    for change in changes:
        if change.action == "link":
            table = Base.metadata.tables[change.entity]
            doc = json.loads(change.new_json)
            conn.execute(sa.delete(table).where(*(table.c[k] == v for k, v in doc.items())))
    created_rows = [c for c in changes if c.action == "create"]
    # Every created row as it is now, before any removal: removing a parent unit clears its
    # children's parent, and a redo must put the children back under it.
    found = {}
    for change in created_rows:
        obj = _changed_row(session, _entity(change.entity), change)
        if obj is not None:
            change.new_json = _row_json(obj)
            found[change.id] = obj
    for entity in DELETE_ORDER:
        for change in reversed([c for c in created_rows if c.entity == entity]):
            if change.id in found:
                trail.append(audit.Change(AuditAction.DELETE, change.entity, change.entity_id, None,
                                          change.new_json, None, "Import ångrad"))
                session.delete(found[change.id])
                session.flush()
    batch.undone_at = dt.datetime.now().replace(microsecond=0)
    audit.record_many(session, trail, user=user, batch_id=batch_id)
    audit.record(session, AuditAction.DELETE, "import_batch", batch_id, user=user, batch_id=batch_id,
                 summary=f"Import ångrad: {batch.file_name}")


def redo_batch(session: Session, batch_id: int, *, user: str | None = None) -> None:
    """Put an undone batch back exactly as it was written."""
    batch = session.get(ImportBatch, batch_id)
    if batch is None or batch.undone_at is None:
        raise StyrkortError("Importen är inte ångrad.", "The import is not undone.")
    changes = session.execute(sa.select(ImportChange).where(ImportChange.batch_id == batch_id)
                              .order_by(ImportChange.id)).scalars().all()
    later = []  # references within one table (a parent unit, a previous version): set once all exist
    for entity in reversed(DELETE_ORDER):
        model = _entity(entity)
        own = [c.key for c in model.__table__.columns
               if any(fk.column.table is model.__table__ for fk in c.foreign_keys)]
        for change in [c for c in changes if c.entity == entity and c.action == "create"]:
            values = _from_json(model, json.loads(change.new_json))
            refs = {k: values.pop(k) for k in own if values.get(k) is not None}
            obj = model(**values)
            session.add(obj)
            session.flush()
            if refs:
                later.append((obj, refs))
    for obj, refs in later:
        for key, value in refs.items():
            setattr(obj, key, value)
    session.flush()
    trail = [audit.Change(AuditAction.CREATE, c.entity, c.entity_id, summary="Import återställd")
             for c in changes if c.action == "create" and c.entity not in ("result", "target")]
    for change in changes:
        if change.action == "link":
            session.execute(sa.insert(Base.metadata.tables[change.entity]), json.loads(change.new_json))
        elif change.action == "update":
            model = _entity(change.entity)
            key = json.loads(change.new_json)
            obj = _changed_row(session, model, change)
            for name, value in _from_json(model, key).items():
                if name not in ("id", "version"):
                    if name in ("value", "comment") and audit.differs(getattr(obj, name), value):
                        trail.append(audit.Change(AuditAction.UPDATE, change.entity, change.entity_id, name,
                                                  getattr(obj, name), value, "Import återställd"))
                    setattr(obj, name, value)
        elif change.action == "create" and change.entity in ("result", "target"):
            trail.append(audit.Change(AuditAction.CREATE, change.entity, change.entity_id, "value", None,
                                      json.loads(change.new_json).get("value"), "Import återställd"))
    session.flush()
    undone = [c for c in changes if c.action == "undone"]
    trail += audit.bulk_created("result", [(c.entity_id, json.loads(c.new_json).get("value")) for c in undone],
                                "Import återställd")
    conn = session.connection()
    for start in range(0, len(undone), CHUNK):
        conn.execute(sa.insert(Result.__table__),
                     [_from_json(Result, json.loads(c.new_json)) for c in undone[start:start + CHUNK]])
    if undone:
        conn.execute(sa.delete(ImportChange.__table__).where(
            ImportChange.__table__.c.batch_id == batch_id, ImportChange.__table__.c.action == "undone"))
    batch.undone_at = None
    audit.record_many(session, trail, user=user, batch_id=batch_id)
    audit.record(session, AuditAction.IMPORT, "import_batch", batch_id, user=user, batch_id=batch_id,
                 summary=f"Import återställd: {batch.file_name}")


@dataclass
class BatchInfo:
    id: int
    file_name: str
    checksum: str
    imported_at: dt.datetime
    user: str
    rows_new: int
    rows_changed: int
    rows_unchanged: int
    rows_skipped: int
    undone: bool


def list_batches(session: Session) -> list[BatchInfo]:
    return [BatchInfo(b.id, b.file_name, b.checksum, b.imported_at, b.user, b.rows_new, b.rows_changed,
                      b.rows_unchanged, b.rows_skipped, b.undone_at is not None)
            for b in session.execute(sa.select(ImportBatch).order_by(ImportBatch.id.desc())).scalars()]


def gender_label(code: str) -> str:
    return Gender(code).sv
