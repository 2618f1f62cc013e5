"""Finding the header row, recognising columns by their usual Swedish and English names, and
telling the file's shape: long, wide by period, wide by indicator, or a structure sheet."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field

from app.services.exchange.reading import column_letter  # noqa: F401 - re-exported: where callers look for it
from app.services.exchange.values import cell_text, is_blank, period_text
from app.services.followup.periods import parse_period

LONG, WIDE_PERIOD, WIDE_INDICATOR = "long", "wide-period", "wide-indicator"

# Field → what people call that column (compared casefolded, without punctuation).
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "indicator": ("indikator", "nyckeltal", "kpi", "mått", "matt", "indikatorkod", "indicator", "kpi id",
                  "kpiid", "nyckeltalsid", "kod indikator"),
    "unit": ("enhet", "enhetskod", "utförare", "utforare", "verksamhet", "skolenhetskod", "skol enhetskod",
             "ou", "organisationsenhet", "enhets id", "unit code", "provider", "org unit", "organisational unit"),
    "municipality": ("kommun", "kommunkod", "kommun kod", "municipality", "geo", "kommun id"),
    "period": ("år", "ar", "period", "tertial", "year", "kvartal", "månad", "manad", "läsår"),
    "value": ("utfall", "värde", "varde", "resultat", "value", "result"),
    "target": ("målvärde", "malvarde", "target", "mål värde"),
    "gender": ("kön", "kon", "gender", "sex"),
    "comment": ("kommentar", "comment", "anmärkning", "not"),
    "late": ("sen", "late", "sent inrapporterad"),
    # The base of a share or rate, weighting it when units are aggregated. (Kolada's API "count" is
    # the number of observations behind a value, not its nämnare: it stays ignored.)
    "count": ("nämnare", "namnare", "denominator", "population", "befolkning"),
    "unit_name": ("skola", "enhetsnamn", "namn på enhet", "unit name", "skolenhet"),
    "provider_type": ("typ av huvudman", "huvudmannatyp", "regi", "utförartyp", "driftform", "provider type"),
    "provider_name": ("huvudman", "utförarens namn", "provider name", "vårdgivare"),
    "org_number": ("huvudman orgnr", "organisationsnummer", "orgnr", "org nr"),
    "ignore": ("antal elever", "skolkommun", "count", "status", "antal", "kommunnamn"),
}
# Skolverket's column titles and the Kolada KPIs they are published as.
# Headers that name more than one field ("unit" is a unit of measure as often as an organisational
# unit): never mapped automatically; the user maps them (dialog or --map COLUMN=FIELD).
AMBIGUOUS_HEADERS = {"unit", "units", "enheter"}
KNOWN_INDICATOR_TITLES = {
    "andel (%) elever som uppfyllt betygskriterierna i alla ämnen": "N15419",
    "andel (%) elever behöriga till yrkesprog.": "N15436",
    "genomsnittligt meritvärde (17 ämnen)": "N15505",
}
KPI_ID = re.compile(r"^[NUnu]\d{5}$")
_PREAMBLE_PERIOD = re.compile(r"(läsår|år|period|year)\s*:\s*(\d{4}(?:\s*/\s*\d{2,4}|[TtKk]\d|-\d{2})?)", re.I)


def normalise(text: str) -> str:
    return re.sub(r"[\s_\-:]+", " ", text.strip().casefold()).strip()


_LOOKUP = {normalise(name): key for key, names in FIELD_NAMES.items() for name in names}


@dataclass
class IndicatorIndex:
    """What the database knows about indicators, to recognise them in column headers and cells."""

    by_code: dict[str, int] = field(default_factory=dict)
    by_kolada: dict[str, int] = field(default_factory=dict)
    by_name: dict[str, int] = field(default_factory=dict)

    def find(self, ref: str) -> int | None:
        return (self.by_code.get(ref) or self.by_kolada.get(ref.upper())
                or self.by_name.get(ref.casefold().strip()))


def indicator_reference(header: str, index: IndicatorIndex) -> str | None:
    """The indicator a column header names (code, Kolada id, name or a known publisher title)."""
    text = header.strip()
    if not text:
        return None
    if KPI_ID.match(text):
        return text.upper()
    known = KNOWN_INDICATOR_TITLES.get(text.casefold())
    if known:
        return known
    if index.find(text) is not None:
        return text
    return None


def is_period(text: str) -> bool:
    try:
        parse_period(period_text(text))
    except Exception:
        return False
    return True


@dataclass
class Mapping:
    """How a sheet's columns are read. Saved per source (import_mapping) and reused."""

    header_row: int
    shape: str
    columns: dict[int, str] = field(default_factory=dict)          # column → field
    period_columns: dict[int, str] = field(default_factory=dict)   # wide by period: column → period
    indicator_columns: dict[int, str] = field(default_factory=dict)  # wide by indicator: column → ref
    fixed_period: str | None = None

    def field_column(self, name: str) -> int | None:
        return next((c for c, f in self.columns.items() if f == name), None)

    def to_json(self) -> str:
        return json.dumps({"header_row": self.header_row, "shape": self.shape,
                           "columns": self.columns, "period_columns": self.period_columns,
                           "indicator_columns": self.indicator_columns, "fixed_period": self.fixed_period},
                          ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Mapping:
        doc = json.loads(text)
        as_int = lambda d: {int(k): v for k, v in d.items()}  # noqa: E731
        return cls(doc["header_row"], doc["shape"], as_int(doc["columns"]), as_int(doc["period_columns"]),
                   as_int(doc["indicator_columns"]), doc.get("fixed_period"))


def recognise(cell: object, index: IndicatorIndex) -> tuple[str, str] | None:
    """('field', name) / ('period', code) / ('indicator', ref) for a header cell, or None."""
    text = cell_text(cell)
    if not text:
        return None
    key = _LOOKUP.get(normalise(text))
    if key:
        return "field", key
    if is_period(text):
        return "period", parse_period(period_text(text)).code
    ref = indicator_reference(text, index)
    if ref:
        return "indicator", ref
    return None


def find_header(rows: list[list[object]], index: IndicatorIndex, scan: int = 40) -> int | None:
    """The row (0-based) most like a header within the first rows, under titles and blank rows."""
    best, best_score = None, 0
    for number, row in enumerate(rows[:scan]):
        filled = [c for c in row if not is_blank(c)]
        if len(filled) < 2:
            continue
        score = sum(2 if (r := recognise(c, index)) and r[0] == "field" else 1 if r else 0 for c in filled)
        if score > best_score:
            best, best_score = number, score
    if best is not None and best_score >= 2:
        return best
    for number, row in enumerate(rows[:scan]):
        if sum(isinstance(c, str) and not is_blank(c) for c in row) >= 2:
            return number
    return None


def guess_mapping(rows: list[list[object]], index: IndicatorIndex) -> Mapping | None:
    header_row = find_header(rows, index)
    if header_row is None:
        return None
    columns, periods, indicators = {}, {}, {}
    for col, cell in enumerate(rows[header_row]):
        found = recognise(cell, index)
        if found is None:
            continue
        kind, value = found
        if kind == "field":
            if value in columns.values() and value != "ignore":
                continue  # first column of a name wins; a second is left for the user to map
            columns[col] = value
        elif kind == "period":
            periods[col] = value
        else:
            indicators[col] = value
    # A code column and a name column: 'Skola' names the unit when 'Skol-enhetskod' keys it.
    if "unit_name" in columns.values() and "unit" not in columns.values():
        col = next(c for c, f in columns.items() if f == "unit_name")
        columns[col] = "unit"
    shape = _shape(columns, periods, indicators)
    fixed = None
    for row in rows[:header_row]:
        for cell in row:
            match = _PREAMBLE_PERIOD.search(cell_text(cell))
            if match and is_period(match.group(2)):
                fixed = parse_period(period_text(match.group(2))).code
    return Mapping(header_row, shape, columns, periods if shape == WIDE_PERIOD else {},
                   indicators if shape == WIDE_INDICATOR else {}, fixed)


def _shape(columns: dict[int, str], periods: dict, indicators: dict) -> str:
    if "indicator" in columns.values() and "value" in columns.values():
        return LONG
    if "indicator" in columns.values() and periods:
        return WIDE_PERIOD
    if indicators:
        return WIDE_INDICATOR
    return LONG


def column_index(text: str, header: list[object]) -> int | None:
    """A column named by its header (compared like the recogniser does) or by its letter (D)."""
    wanted = normalise(text)
    for index, cell in enumerate(header):
        if normalise(cell_text(cell)) == wanted:
            return index
    if re.fullmatch(r"[A-Za-z]{1,3}", text.strip()):
        number = 0
        for ch in text.strip().upper():
            number = number * 26 + ord(ch) - 64
        return number - 1
    return None


def with_columns(rows: list[list[object]], mapping: Mapping | None, chosen: dict[str, str],
                 index: IndicatorIndex) -> tuple[Mapping | None, list[str]]:
    """The mapping with the user's own column → field choices (--map) laid over it; the columns
    that could not be found are returned by name."""
    if not chosen:
        return mapping, []
    if mapping is None:
        header_row = find_header(rows, index)
        if header_row is None:
            return None, list(chosen)
        mapping = Mapping(header_row, LONG)
    header = rows[mapping.header_row]
    columns = dict(mapping.columns)
    missing = []
    for text, name in chosen.items():
        col = column_index(text, header)
        if col is None:
            missing.append(text)
            continue
        if name != "ignore":
            columns = {c: f for c, f in columns.items() if f != name}
        columns[col] = name
        mapping.period_columns.pop(col, None)
        mapping.indicator_columns.pop(col, None)
    shape = _shape(columns, mapping.period_columns, mapping.indicator_columns)
    return Mapping(mapping.header_row, shape, columns, mapping.period_columns if shape == WIDE_PERIOD else {},
                   mapping.indicator_columns if shape == WIDE_INDICATOR else {}, mapping.fixed_period), missing


def ambiguous_headers(header: list[object]) -> list[str]:
    """Header cells left unmapped because they could name more than one field."""
    return [cell_text(c) for c in header if normalise(cell_text(c)) in AMBIGUOUS_HEADERS]


def source_key(kind: str, sheet: str, header: list[object]) -> str:
    """Identifies 'the same kind of file' across imports: its header, not its name or its data."""
    names = "|".join(normalise(cell_text(c)) for c in header)
    return f"{kind}:{hashlib.sha256(names.encode()).hexdigest()[:32]}"
