"""Plan (stage 4): parsed cells against the database — new, changed (old → new), unchanged
or skipped (with the reason), what would be created by name. Writes nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import (
    Result,
    Target,
)
from app.services.exchange.mapping import Known, sheet_mapping
from app.services.exchange.metadata import indicator_info, kpi_metadata, municipality_names, unit_info
from app.services.exchange.parsing import cell_records, choose_sheet, load_file
from app.services.exchange.plans import (
    PREVIEW_LIMIT,
    ChangedResult,
    ImportCancelled,
    ImportOptions,
    ImportPlan,
    Located,
    NewResult,
    PlannedRow,
    PreviewRow,
    TargetChange,
    file_checksum,
    new_row,
    plural,
)
from app.services.exchange.reading import FileData, SheetData
from app.services.exchange.shapes import (
    with_columns,
)
from app.services.exchange.values import (
    cell_text,
)
from app.services.followup.periods import parse_period

Progress = Callable[[str, int, int], None]


def plan_sheet(session: Session, path: str | Path, options: ImportOptions | None = None, *,
                data: FileData | None = None, progress: Progress | None = None,
                cancelled: Callable[[], bool] | None = None, release: bool = False) -> ImportPlan:
    """Validate and plan one sheet of results (or Kolada's catalogue). Writes nothing."""
    options = options or ImportOptions()
    path = Path(path)
    data = data or load_file(path, cancelled)
    sheet = choose_sheet(data, options.sheet)
    plan = ImportPlan(str(path), path.name, file_checksum(path), sheet.name, data.json_kind or data.kind)
    plan.row_paths = sheet.paths
    if data.json_kind == "kolada-kpi":
        return _plan_catalogue(session, plan, sheet, options)
    mapping, plan.source_key = sheet_mapping(session, data, sheet, options.mapping)
    report = Located(plan)
    if options.column_map:
        mapping, not_found = with_columns(sheet.rows, mapping, options.column_map, Known.load(session).indicators)
        for text in not_found:
            report(None, None, f"--map: kolumnen {text!r} finns inte i rubrikraden",
                   f"--map: the column {text!r} is not in the header row")
        if not_found:
            return plan
    plan.mapping = mapping
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
    records = cell_records(plan, sheet, mapping, fixed_period, report, progress, cancelled, options.decimal)
    plan_records(session, plan, known, records, by_municipality, options, path, progress, cancelled,
                  after_reading=sheet.rows.clear if release else None)
    return plan


def plan_records(session, plan, known, records, by_municipality, options, path, progress, cancelled,
                  after_reading: Callable[[], None] | None = None) -> None:
    report = Located(plan)
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
    unit_cache: dict[str, int | None] = {}
    seen_get = seen.get
    for number, col, ind_ref, unit_ref, period, gender, value, comment, target, late, info, blank, count in records:
        if ind_ref in ind_cache:
            ind_id = ind_cache[ind_ref]
        else:
            ind_id = ind_cache[ind_ref] = known.indicators.find(ind_ref)
        if known.merged_into:  # a merged unit's Kolada id depends on the period (issue 13)
            unit_id = known.unit(unit_ref, by_municipality, period)
        elif unit_ref in unit_cache:
            unit_id = unit_cache[unit_ref]
        else:
            unit_id = unit_cache[unit_ref] = known.unit(unit_ref, by_municipality)
        # By the unit found, not the text: a merged unit's Kolada id and its successor's code may
        # name the same unit and period.
        key = (ind_ref, unit_ref if unit_id is None else unit_id, period, gender)
        first = seen_get(key)
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
        planned.append(new_row(PlannedRow, (number, ind_id if ind_id is not None else ind_ref,
                        unit_id if unit_id is not None else unit_ref, period, gender, value, comment,
                        target, late, blank, count)))
    if after_reading is not None:
        after_reading()
    if plan.problems:
        return
    if unknown_units or unknown_indicators:
        if options.create_missing:
            names = municipality_names(Path(plan.path)) if by_municipality else {}
            plan.missing_units = {ref: unit_info(ref, unit_infos.get(ref), by_municipality, names)
                                  for ref in unknown_units}
            metadata = kpi_metadata(Path(plan.path)) if unknown_indicators else {}
            plan.missing_indicators = {ref: indicator_info(ref, indicator_headers.get(ref), metadata)
                                       for ref in unknown_indicators}
        else:
            for kind_sv, kind_en, col, unknown in ((("okänd enhet", "okända enheter"), ("unknown unit", "unknown units"),
                                                    key_col, unknown_units),
                                                   (("okänd indikator", "okända indikatorer"),
                                                    ("unknown indicator", "unknown indicators"),
                                                    ind_col, unknown_indicators)):
                if not unknown:
                    continue
                listed = [f"{ref!r} (rad {rows[0]})" for ref, rows in list(unknown.items())[:20]]
                more = f" och {len(unknown) - 20} till" if len(unknown) > 20 else ""
                more_en = f" and {len(unknown) - 20} more" if len(unknown) > 20 else ""
                first = min(rows[0] for rows in unknown.values())
                # The column the references were read from: its header, or the indicator columns.
                where = (f"kolumnen {plan.header[col]!r}" if col is not None and col < len(plan.header)
                         else "kolumnrubrikerna")
                where_en = (f"column {plan.header[col]!r}" if col is not None and col < len(plan.header)
                            else "the column headers")
                report(first, col,
                       f"{plural(len(unknown), *kind_sv)} i {where}: {', '.join(listed)}{more}; skapa dem med "
                       "--create-missing / ”Skapa saknade”",
                       f"{plural(len(unknown), *kind_en)} in {where_en}: "
                       f"{', '.join(listed).replace('(rad', '(row')}{more_en}; "
                       "create them with --create-missing / 'Create missing'")
            return
    if plan.problems:
        return
    classify(session, plan, known, planned, progress, cancelled, options)


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def classify(session, plan, known, planned, progress, cancelled, options: ImportOptions | None = None) -> None:
    """Each planned row against the database: new, changed (old → new), unchanged or skipped.
    Blanks and suppression codes never replace a stored number unless `blank_clears`; a result
    for a closed period needs `closed_periods` and is then flagged late (unless the file's own
    late column says otherwise: one rule for new and changed rows alike)."""
    options = options or ImportOptions()
    ind_ids = {p.indicator for p in planned if isinstance(p.indicator, int)}
    period_ids = {known.periods[p.period][0] for p in planned if p.period in known.periods}
    existing: dict[tuple, tuple] = {}
    if ind_ids and period_ids:
        query = sa.select(Result.id, Result.indicator_id, Result.unit_id, Result.period_id, Result.gender,
                          Result.value, Result.comment, Result.import_batch_id, Result.late, Result.count).where(
            Result.indicator_id.in_(ind_ids), Result.period_id.in_(period_ids))
        for rid, ind, unit, period, gender, value, comment, batch, late, count in session.execute(query):
            existing[(ind, unit, period, gender.value)] = (rid, value, comment, batch, late, count)
    targets: dict[tuple, tuple] = {}
    if ind_ids and any(p.target is not None for p in planned):
        for tid, ind, unit, period, value in session.execute(sa.select(
                Target.id, Target.indicator_id, Target.unit_id, Target.period_id, Target.value).where(
                Target.indicator_id.in_(ind_ids))):
            targets[(ind, unit, period)] = (tid, value)
    seen_targets = set()
    closed_rows: dict[str, list[int]] = {}
    new_periods = {}
    planned.reverse()
    n = 0
    blank_clears, closed_periods = options.blank_clears, options.closed_periods
    periods_get, existing_get, new_append = known.periods.get, existing.get, plan.new.append
    shown = plan.preview_counts
    while planned:
        # Popped, not iterated: each planned row is freed as its plan entry is made.
        number, ind, unit, period, gender, value, comment, target, late, blank, count = planned.pop()
        n += 1
        if n % 50_000 == 0 and cancelled is not None and cancelled():
            raise ImportCancelled()
        pinfo = periods_get(period)
        period_id = pinfo[0] if pinfo else None
        if pinfo is None:
            new_periods[period] = None
        closed = bool(pinfo and pinfo[1])
        old = existing_get((ind, unit, period_id, gender)) if period_id else None
        if value is None and not (blank_clears and old is not None):
            if blank and target is None:
                plan.skip("blank")
                continue
            if old is not None and old[1] is not None:
                plan.skip("suppressed" if not blank else "blank")
                value = None
                if target is None:
                    continue
                old = False  # only the target is taken from this row
            elif blank:
                old = False
        new_late = closed if late is None else late
        if old is False:
            pass
        elif closed and not closed_periods and (
                old is None or not _same(old[1], value) or (comment is not None and comment != old[2])):
            closed_rows.setdefault(period, []).append(number)  # would change a closed period
        elif old is None:
            plan.closed_rows += closed
            new_append(new_row(NewResult, (ind, unit, period, gender, value, comment or "", new_late, count)))
            if shown.get("new", 0) < PREVIEW_LIMIT:
                _preview(plan, "new", ind, unit, period, gender, None, value, number, known)
        else:
            rid, old_value, old_comment, old_batch, old_late, old_count = old
            new_comment = old_comment if comment is None else comment
            # A file without a nämnare column keeps the nämnare stored.
            new_count = old_count if count is None else count
            if _same(old_value, value) and new_comment == old_comment and _same(old_count, new_count):
                plan.unchanged += 1
                _preview(plan, "unchanged", ind, unit, period, gender, old_value, value, number, known)
            else:
                plan.closed_rows += closed
                plan.changed.append(ChangedResult(rid, value, new_comment, new_late,
                                     old_value, old_comment, old_batch, old_late, new_count, old_count))
                _preview(plan, "changed", ind, unit, period, gender, old_value, value, number, known)
        if target is not None and (ind, unit, period) not in seen_targets:
            seen_targets.add((ind, unit, period))
            old_target = targets.get((ind, unit, period_id)) if period_id else None
            if old_target is None:
                plan.targets.append(TargetChange(ind, unit, period, target, None, None))
            elif not _same(old_target[1], target):
                plan.targets.append(TargetChange(ind, unit, period, target, old_target[0], old_target[1]))
    plan.new_periods = sorted(new_periods)
    report = Located(plan)
    for period, rows in closed_rows.items():
        listed = ", ".join(str(r) for r in rows[:20]) + (f" och {len(rows) - 20} till" if len(rows) > 20 else "")
        listed_en = ", ".join(str(r) for r in rows[:20]) + (f" and {len(rows) - 20} more" if len(rows) > 20 else "")
        report(rows[0], None,
               f"perioden {period} är stängd: {plural(len(rows), 'utfall', 'utfall')} (rad {listed}); importera "
               "till stängda perioder med --closed-periods / ”Importera till stängda perioder” (de markeras sena)",
               f"the period {period} is closed: {len(rows)} results (rows {listed_en}); import into closed periods "
               "with --closed-periods / 'Import into closed periods' (they are flagged late)")


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
            plan.skip("catalogue")
        elif kpi in known.indicators.by_kolada or kpi in known.indicators.by_code:
            plan.unchanged += 1
        elif options.create_missing:
            plan.missing_indicators[kpi] = indicator_info(kpi, None, {kpi: {
                "title": title, "description": cell_text(row[2]), "operating_area": cell_text(row[3])}})
        else:
            plan.skip("catalogue")
    return plan
