"""Typed records that move through the import pipeline: the user's options, one parsed cell
(CellRecord), a located problem, a preview row and the plan (ImportPlan) — what an import would
do. No stage reaches back into a later one; every stage imports its types from here."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from app.models.errors import StyrkortError
from app.services.exchange.shapes import (
    Mapping,
    column_letter,
)
from app.services.exchange.values import (
    COMMA,
    POINT,
)

Progress = Callable[[str, int, int], None]


PREVIEW_LIMIT = 500


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
    where: str | None = None  # a JSON path (values[7].values[0].value) for rows read from JSON

    def line(self, language: str = "sv") -> str:
        text = self.sv if language == "sv" else self.en
        if self.where:
            return f"{self.file}:{self.where}: {text}"
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
    """The user's choices. Nothing stored is overwritten by a blank (`blank_clears`), no existing
    goal, unit or indicator is changed (`update_existing`) and no result goes into a closed
    period (`closed_periods`) unless the user chose it."""

    sheet: str | None = None
    create_missing: bool = False
    mapping: Mapping | None = None
    period: str | None = None
    save_mapping: bool = False
    user: str | None = None
    decimal: str | None = None  # values.COMMA / values.POINT; None: decided per column from its cells
    blank_clears: bool = False
    update_existing: bool = False
    closed_periods: bool = False
    column_map: dict[str, str] = field(default_factory=dict)  # --map: column header or letter → field


class CellRecord(NamedTuple):
    """One value cell of the file, parsed: what planning compares with the database."""

    row: int
    column: int
    indicator: str
    unit: str
    period: str
    gender: str
    value: float | None
    comment: str | None
    target: float | None
    late: bool | None
    unit_info: dict | None
    blank: bool  # no value and no publisher's code: never overwrites a stored value by itself
    count: float | None  # nämnare (the share's base), when the file has the column


# A typed row built without the Python-level __new__ that NamedTuple generates: the same object,
# made in C. Three of them per row of a 500 000-row file (measured: 0.8 s of 5 s planning).
new_row = tuple.__new__


class PlannedRow(NamedTuple):
    """A parsed cell with its indicator and unit resolved: an id, or the code still to create."""

    row: int
    indicator: int | str
    unit: int | str
    period: str
    gender: str
    value: float | None
    comment: str | None
    target: float | None
    late: bool | None
    blank: bool
    count: float | None


class NewResult(NamedTuple):
    indicator: int | str  # id, or the code of an indicator the plan creates
    unit: int | str
    period: str  # code; created when missing
    gender: str
    value: float | None
    comment: str
    late: bool
    count: float | None  # nämnare


class ChangedResult(NamedTuple):
    result_id: int
    value: float | None
    comment: str | None
    late: bool
    old_value: float | None
    old_comment: str | None
    old_batch_id: int | None
    old_late: bool
    count: float | None
    old_count: float | None


class TargetChange(NamedTuple):
    indicator: int | str
    unit: int | str
    period: str
    value: float
    target_id: int | None  # None: a new target
    old_value: float | None


# Why a value was skipped: the summary names each reason with its count (Swedish one / many, English).
SKIP_REASONS = {
    "blank": ("tom cell", "tomma celler", "empty cells"),
    "suppressed": ("sekretesskod som skulle ersätta ett lagrat värde", "sekretesskoder som skulle ersätta lagrade "
                   "värden", "suppression codes that would replace stored values"),
    "catalogue": ("finns redan eller saknar kod", "finns redan eller saknar kod", "already there or without a code"),
}


def plural(count: int, one: str, many: str) -> str:
    """'1 oförändrad', '2 oförändrade'."""
    return f"{count} {one if count == 1 else many}"


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
    new: list[NewResult] = field(default_factory=list)
    changed: list[ChangedResult] = field(default_factory=list)
    targets: list[TargetChange] = field(default_factory=list)
    missing_units: dict[str, dict] = field(default_factory=dict)
    missing_indicators: dict[str, dict] = field(default_factory=dict)
    preview: list[PreviewRow] = field(default_factory=list)
    preview_counts: dict[str, int] = field(default_factory=dict)
    structure: object | None = None  # a structure.StructurePlan for structure workbooks
    batch_id: int | None = None
    skip_reasons: dict[str, int] = field(default_factory=dict)
    number_formats: dict[str, str] = field(default_factory=dict)  # column header → COMMA / POINT / ""
    new_periods: list[str] = field(default_factory=list)
    closed_rows: int = 0  # results written into closed periods (with --closed-periods), flagged late
    # Rows made from another document: row → where it came from, a JSON path (values[7].values[0];
    # the column's key is added) or a cell of a goal matrix (Målmatris:5:F, complete as it is).
    row_paths: list[str] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (sv, en) lines for the preview

    notes_rows: int = 0  # rows of notes below a table: not values, so not among the skipped values

    def skip(self, reason: str, count: int = 1) -> None:
        if reason == "notes":
            self.notes_rows += count
            return
        self.skipped += count
        self.skip_reasons[reason] = self.skip_reasons.get(reason, 0) + count

    def result_counts(self) -> dict[str, int]:
        """Results and targets only (rows of values), apart from the entities created."""
        return {"new": len(self.new) + sum(1 for t in self.targets if t.target_id is None),
                "changed": len(self.changed) + sum(1 for t in self.targets
                                                   if t.target_id is not None and t.old_value != t.value),
                "unchanged": self.unchanged, "skipped": self.skipped}

    def created_names(self) -> dict[str, list[str]]:
        """What the import would create, by name: units, indicators, periods (and goals …)."""
        names = {"units": [f"{ref} ({info.get('name') or ref})" if info.get("name") not in (None, ref) else ref
                           for ref, info in self.missing_units.items()],
                 "indicators": [f"{ref} ({info.get('name') or ref})" if info.get("name") not in (None, ref) else ref
                                for ref, info in self.missing_indicators.items()],
                 "periods": list(self.new_periods)}
        if self.structure is not None:
            for kind, listed in self.structure.created_names().items():
                names.setdefault(kind, [])
                names[kind] += [n for n in listed if n not in names[kind]]
        return {k: v for k, v in names.items() if v}

    def changed_entities(self) -> list[str]:
        """Existing goals, units and indicators the import would change: 'goal 1.1: Titel: old → new'."""
        return self.structure.change_lines() if self.structure is not None else []

    def detail_lines(self, language: str = "sv") -> list[str]:
        """The lines a preview or a dry run shows under the summary: number formats, what is
        created by name, what existing entities change (field: old → new)."""
        sv = language == "sv"
        lines = []
        if self.number_formats:
            names = {COMMA: ("decimalkomma", "decimal comma"), POINT: ("decimalpunkt", "decimal point"),
                     "": ("inga decimaler att avgöra av", "nothing to tell the decimal sign by")}
            shown = ", ".join(f"{header}: {names[fmt][0 if sv else 1]}" for header, fmt in self.number_formats.items())
            lines.append(("Talformat: " if sv else "Number format: ") + shown)
        labels = {"units": ("Nya enheter", "New units"), "indicators": ("Nya indikatorer", "New indicators"),
                  "periods": ("Nya perioder", "New periods"), "goals": ("Nya mål", "New goals")}
        for kind, listed in self.created_names().items():
            label = labels.get(kind, (kind, kind))[0 if sv else 1]
            more = len(listed) - 50
            text = ", ".join(listed[:50]) + ((f" och {more} till" if sv else f" and {more} more") if more > 0 else "")
            lines.append(f"{label} ({len(listed)}): {text}")
        changed = self.changed_entities()
        if changed:
            lines.append("Ändras:" if sv else "Changes:")
            lines += [f"  {line}" for line in changed]
        lines += [sv_text if sv else en_text for sv_text, en_text in self.notes]
        if self.closed_rows:
            lines.append(f"{plural(self.closed_rows, 'utfall', 'utfall')} i stängda perioder, markerade som sena"
                         if sv else f"{self.closed_rows} results in closed periods, flagged late")
        return lines

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
        counts["new"] += sum(1 for t in self.targets if t.target_id is None)
        counts["changed"] += sum(1 for t in self.targets if t.target_id is not None and t.old_value != t.value)
        counts["new"] += len(self.missing_units) + len(self.missing_indicators)
        if self.structure is not None:
            for key, value in self.structure.counts().items():
                counts[key] += value
        return counts

    def summary(self, language: str = "sv") -> str:
        """Rows read; values (results and targets) new/changed/unchanged/skipped with the reasons;
        entities created and changed apart, so that the value counts add up to the rows."""
        c = self.result_counts()
        sv = language == "sv"
        reasons = ", ".join(
            plural(n, *SKIP_REASONS.get(r, (r, r, r))[:2]) if sv else f"{n} {SKIP_REASONS.get(r, (r, r, r))[2]}"
            for r, n in sorted(self.skip_reasons.items()))
        if sv:
            text = (f"{plural(self.rows_read, 'rad läst', 'rader lästa')}: {plural(c['new'], 'ny', 'nya')}, "
                    f"{plural(c['changed'], 'ändrad', 'ändrade')}, {plural(c['unchanged'], 'oförändrad', 'oförändrade')}, "
                    f"{plural(c['skipped'], 'överhoppad', 'överhoppade')}")
        else:
            text = (f"{plural(self.rows_read, 'row read', 'rows read')}: {c['new']} new, {c['changed']} changed, "
                    f"{c['unchanged']} unchanged, {c['skipped']} skipped")
        if reasons:
            text += f" ({reasons})"
        values = c["new"] + c["changed"] + c["unchanged"] + c["skipped"]
        if values != self.rows_read and self.structure is None:
            # Wide files (several values a row) and target columns: say how many values the counts add up to.
            head, rest = text.split(": ", 1)
            text = f"{head} ({values} värden): {rest}" if sv else f"{head} ({values} values): {rest}"
        if self.notes_rows:
            text += (f"; {plural(self.notes_rows, 'rad', 'rader')} text under tabellen lästes inte" if sv
                     else f"; {self.notes_rows} rows of notes below the table were not read")
        made = len(self.missing_units) + len(self.missing_indicators) + len(self.new_periods)
        structure = self.structure.counts() if self.structure is not None else {}
        made += structure.get("new", 0)
        if made or structure.get("changed"):
            text += (f"; skapas: {made}" if sv else f"; created: {made}")
            if structure.get("changed"):
                text += (f", ändras: {structure['changed']}" if sv else f", changed: {structure['changed']}")
        return text


def file_checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


class Located:
    def __init__(self, plan: ImportPlan) -> None:
        self.plan = plan

    def __call__(self, row: int | None, col: int | None, sv: str, en: str) -> None:
        where = None
        paths = self.plan.row_paths
        if paths and row is not None and 1 < row <= len(paths):
            key = self.plan.header[col] if col is not None and col < len(self.plan.header) else ""
            where = paths[row - 1]
            if where and ":" not in where:
                where += f".{key}" if key else ""
            where = where or None
        self.plan.problems.append(Problem(self.plan.file_name, self.plan.sheet, row,
                                          column_letter(col) if col is not None else None, sv, en, where))
