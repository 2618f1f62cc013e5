"""Parse (stage 3): the file read in its child process, the sheet chosen, and each value
cell turned into a typed CellRecord — number format decided per column, periods read as one
kind per column, every problem located at its cell."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.models.errors import RuleViolation, StyrkortError
from app.services.exchange.plans import CellRecord, ImportCancelled, ImportPlan, Located, new_row
from app.services.exchange.reading import FileData, ReadCancelled, ReadError, SheetData, read_file
from app.services.exchange.shapes import (
    LONG,
    WIDE_PERIOD,
    Mapping,
    ambiguous_headers,
    column_letter,
)
from app.services.exchange.values import (
    CellError,
    cell_text,
    code_text,
    detect_decimal,
    is_blank,
    parse_number,
    parse_value,
    period_text,
    year_pairs,
)
from app.services.followup.periods import parse_period
from app.services.organisation.org_numbers import normalise_org_number

Progress = Callable[[str, int, int], None]


GENDERS = {"": "T", "t": "T", "totalt": "T", "total": "T", "alla": "T", "samtliga": "T",
           "k": "K", "kvinnor": "K", "kvinna": "K", "flickor": "K", "women": "K", "f": "K", "female": "K",
           "m": "M", "män": "M", "man": "M", "pojkar": "M", "men": "M", "male": "M"}


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
    if data.json_kind == "unknown":
        raise StyrkortError(
            f"{file_name}:::: JSON-filens form stöds inte. Styrkort läser Kolada-data (/v2/data och /v2/oudata: "
            "{\"values\": [{\"kpi\", \"municipality\" eller \"ou\", \"period\", \"values\": [...]}]}) och "
            "Kolada-katalogen (/v2/kpi); spara annan data som .xlsx eller .csv",
            f"{file_name}:::: the JSON file's shape is not supported. Styrkort reads Kolada data (/v2/data and "
            "/v2/oudata: {\"values\": [{\"kpi\", \"municipality\" or \"ou\", \"period\", \"values\": [...]}]}) and "
            "the Kolada catalogue (/v2/kpi); save other data as .xlsx or .csv")
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


_PERIOD_CACHE: dict[tuple[object, bool], str] = {}


def period_code(cell: object, pairs: bool = False) -> str:
    """The one period parser for every sheet and format (see values.period_text for year pairs)."""
    try:
        return _PERIOD_CACHE[cell, pairs]
    except (KeyError, TypeError):
        code = parse_period(period_text(cell, pairs)).code
        if len(_PERIOD_CACHE) < 10_000:
            _PERIOD_CACHE[cell, pairs] = code
        return code


def _gender(cell: object) -> str | None:
    return GENDERS.get(cell_text(cell).casefold())


def _column_formats(plan: ImportPlan, rows: list, start: int, columns: list[int], header: list[str],
                    decimal: str | None) -> dict[int, str | None]:
    """Each value column's decimal sign, from all its cells (or the user's choice)."""
    formats = {}
    for col in columns:
        texts = [r[col] for r in rows[start:] if len(r) > col and type(r[col]) is str]
        formats[col] = decimal or detect_decimal(texts)
        if texts:
            plan.number_formats[header[col] or column_letter(col)] = formats[col] or ""
    return formats


def cell_records(plan: ImportPlan, sheet: SheetData, mapping: Mapping, fixed_period: str | None,
             report: Located, progress: Progress | None, cancelled: Callable[[], bool] | None,
             decimal: str | None = None):
    """Yield a CellRecord per value cell; located problems go to `report`."""
    cols = mapping.columns
    col_of = {f: c for c, f in cols.items()}
    ind_col, unit_col, muni_col = col_of.get("indicator"), col_of.get("unit"), col_of.get("municipality")
    period_col, gender_col, value_col = col_of.get("period"), col_of.get("gender"), col_of.get("value")
    target_col, comment_col, late_col = col_of.get("target"), col_of.get("comment"), col_of.get("late")
    count_col = col_of.get("count")
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
        unclear = ambiguous_headers(rows[mapping.header_row])
        if unclear:
            report(mapping.header_row + 1, None,
                   f"ingen kolumn för enhet: {unclear[0]!r} kan vara måttenhet eller organisatorisk enhet och "
                   f"mappas inte automatiskt; ange den med --map \"{unclear[0]}=unit\" eller i dialogen",
                   f"no column for the unit: {unclear[0]!r} may be a unit of measure or an organisational unit "
                   f"and is not mapped automatically; map it with --map \"{unclear[0]}=unit\" or in the dialog")
        else:
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
    if mapping.shape == LONG:
        value_cols = [value_col]
    elif mapping.shape == WIDE_PERIOD:
        value_cols = list(mapping.period_columns)
    else:
        value_cols = list(mapping.indicator_columns)
    formats = _column_formats(plan, rows, start, value_cols + [c for c in (target_col, count_col) if c is not None],
                              header, decimal)
    pairs = period_col is not None and year_pairs(
        r[period_col] for r in rows[start:] if len(r) > period_col and type(r[period_col]) is str)
    blank_seen = False
    unit_memo: dict[object, str] = {}
    gender_memo: dict[object, str | None] = {}
    indicator_memo: dict[object, str] = {}
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
            plan.skip("notes", sum(1 for r in rows[index:] if any(not is_blank(c) for c in r)))
            break
        plan.rows_read += 1
        try:
            # Codes repeat on every row: each distinct cell is turned into text once.
            cell = row[key_col]
            unit_ref = unit_memo.get(cell)
            if unit_ref is None:
                unit_ref = unit_memo[cell] = code_text(cell, 4 if by_municipality else 0)
            if not unit_ref:
                report(number, key_col, "enhet saknas", "unit missing")
                continue
            gender = "T"
            if gender_col is not None:
                cell = row[gender_col]
                gender = gender_memo.get(cell, "")
                if gender == "":
                    gender = gender_memo[cell] = _gender(cell)
                if gender is None:
                    report(number, gender_col, f"{cell_text(row[gender_col])!r} är inget kön (T, K eller M)",
                           f"{cell_text(row[gender_col])!r} is not a gender (T, K or M)")
                    continue
            period = fixed_period
            if period_col is not None and not is_blank(row[period_col]):
                period = period_code(row[period_col], pairs)
            info = None
            if info_cols:
                info = {f: cell_text(row[c]) for f, c in info_cols.items()}
                if info.get("org_number"):
                    try:
                        info["org_number"] = normalise_org_number(info["org_number"])
                    except RuleViolation as exc:
                        report(number, info_cols["org_number"], exc.sv, exc.en)
                        continue
            comment = cell_text(row[comment_col]) if comment_col is not None else None
            late = None
            if late_col is not None:
                late = cell_text(row[late_col]).casefold() in ("ja", "yes", "1", "true", "sant")
            count = None
            if count_col is not None and not is_blank(row[count_col]):
                try:
                    count = parse_number(row[count_col], formats.get(count_col))
                except CellError as exc:
                    report(number, count_col, f"{header[count_col]}: {exc.args[0]}",
                           f"{header[count_col]}: {exc.args[-1]}")
                    continue
        except StyrkortError as exc:
            report(number, period_col, exc.sv, exc.en)
            continue
        except CellError as exc:
            report(number, period_col, exc.args[0], exc.args[-1])
            continue
        if ind_col is not None:
            cell = row[ind_col]
            ind_text = indicator_memo.get(cell)
            if ind_text is None:
                ind_text = indicator_memo[cell] = cell_text(cell)
        if mapping.shape == LONG:
            cells = [(value_col, ind_text, period)]
        elif mapping.shape == WIDE_PERIOD:
            cells = [(c, ind_text, p) for c, p in mapping.period_columns.items()]
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
                value, code = parse_value(row[col], formats[col])
                if target_col is not None:
                    target = parse_number(row[target_col], formats[target_col])
            except CellError as exc:
                bad = col if target is None and _invalid(row[col], formats[col]) else target_col
                report(number, bad, f"{header[bad]}: {exc.args[0]}", f"{header[bad]}: {exc.args[-1]}")
                continue
            blank = value is None and code is None
            row_comment = comment if comment is not None else code
            yield new_row(CellRecord, (number, col, ind_ref, unit_ref, cell_period, gender, value, row_comment, target, late,
                             info, blank, count))


def _invalid(cell: object, decimal: str | None = None) -> bool:
    try:
        parse_value(cell, decimal)
    except CellError:
        return True
    return False
