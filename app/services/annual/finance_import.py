"""Importing the ekonomisystem's export: budget, utfall and prognos per unit (and verksamhet,
drift or investering), long or wide, checked in full before anything is written.

Wide: one column per measure (`Budget`, `Utfall`, `Prognos`). Long: a `Mått` column naming the
measure and a `Belopp` column. Every problem is located FILE:SHEET:ROW:COLUMN; one problem and
nothing is written. A blank amount is skipped, never erases a stored figure. Amounts are tkr."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from app.models import FinanceKind, FinanceMeasure, FinancialFigure, OrgUnit, Period
from app.models.errors import StyrkortError
from app.models.store import Store
from app.services.exchange.shapes import column_letter
from app.services.exchange.values import CellError, cell_text, is_blank, parse_number, period_text
from app.services.followup.periods import parse_period
from app.services.platform.backups import backup_before

HEADERS = {
    "unit": ("enhet", "enhetskod", "ansvar", "ansvarskod", "nämnd", "unit", "kod"),
    "activity": ("verksamhet", "vht", "activity"),
    "kind": ("slag", "typ", "kind"),
    "period": ("period", "år", "ar", "year"),
    "measure": ("mått", "matt", "measure"),
    "amount": ("belopp", "belopp tkr", "tkr", "amount"),
    FinanceMeasure.BUDGET: ("budget", "årsbudget", "budget tkr"),
    FinanceMeasure.OUTCOME: ("utfall", "utfall ack", "ack utfall", "utfall tkr", "outcome"),
    FinanceMeasure.FORECAST: ("prognos", "helårsprognos", "prognos helår", "prognos tkr", "forecast"),
}


@dataclass
class FinanceProblem:
    file: str
    sheet: str
    row: int | None
    column: str | None
    sv: str

    def line(self) -> str:
        return f"{self.file}:{self.sheet}:{self.row or ''}:{self.column or ''}: {self.sv}"


@dataclass
class FinancePlan:
    figures: dict[tuple[int, str, str, FinanceKind, FinanceMeasure], float] = field(default_factory=dict)
    problems: list[FinanceProblem] = field(default_factory=list)
    rows_read: int = 0
    skipped_blank: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        return (f"{self.rows_read} rader lästa: {self.new} nya, {self.changed} ändrade, {self.unchanged} "
                f"oförändrade belopp; {self.skipped_blank} tomma celler hoppades över")


def _find_header(rows: list[list[object]]) -> tuple[int, dict[object, int]] | None:
    for number, row in enumerate(rows[:20]):
        found: dict[object, int] = {}
        for col, cell in enumerate(row):
            text = cell_text(cell).strip().casefold() if not is_blank(cell) else ""
            for key, names in HEADERS.items():
                if text in names and key not in found:
                    found[key] = col
        measures = [m for m in FinanceMeasure if m in found]
        if "unit" in found and "period" in found and (measures or ("measure" in found and "amount" in found)):
            return number, found
    return None


def plan_finance_import(store: Store, path: str | Path, period: str | None = None) -> FinancePlan:
    """Read and check the whole file; compare with the database. Nothing is written."""
    from app.services.exchange.reading import ReadError, read_file

    path = Path(path)
    plan = FinancePlan()
    try:
        data = read_file(path)
    except ReadError as exc:
        raise StyrkortError(f"{path.name}: {exc.sv}", f"{path.name}: {exc.en}") from None
    sheets = [s for s in data.sheets if not s.hidden and any(any(not is_blank(c) for c in r) for r in s.rows)]
    if not sheets:
        raise StyrkortError(f"{path.name}: filen innehåller inga rader.", f"{path.name}: the file has no rows.")
    sheet = sheets[0]
    header = _find_header(sheet.rows)
    where = lambda row, col, text: plan.problems.append(  # noqa: E731
        FinanceProblem(path.name, sheet.name, row, col, text))
    if header is None:
        where(1, None, "hittar ingen rubrikrad med Enhet, Period och Budget/Utfall/Prognos (eller Mått och Belopp)")
        return plan
    header_row, columns = header
    with store.session() as session:
        units = {}
        for unit in session.scalars(sa.select(OrgUnit)):
            units[unit.code.casefold()] = unit.id
            units.setdefault(unit.name.casefold(), unit.id)
        seen: dict[tuple, int] = {}
        for index in range(header_row + 1, len(sheet.rows)):
            row = sheet.rows[index]
            number = index + 1

            def cell(key, row=row):
                col = columns.get(key)
                return None if col is None or col >= len(row) else row[col]

            if all(is_blank(c) for c in row):
                continue
            plan.rows_read += 1
            unit_cell = cell("unit")
            unit_id = units.get(cell_text(unit_cell).strip().casefold()) if not is_blank(unit_cell) else None
            if unit_id is None:
                where(number, column_letter(columns["unit"]),
                      f"okänd enhet {cell_text(unit_cell)!r} i kolumnen Enhet (ange enhetens kod eller namn)")
                continue
            period_cell = cell("period")
            try:
                code = parse_period(period_text(period_cell) if not is_blank(period_cell) else (period or "")).code
            except Exception:  # noqa: BLE001 - any unreadable period is the same problem for the user
                where(number, column_letter(columns["period"]),
                      f"{cell_text(period_cell)!r} är ingen period (skriv 2026, 2026T2 eller 2026-08)")
                continue
            kind = FinanceKind.OPERATING
            if "kind" in columns and not is_blank(cell("kind")):
                try:
                    kind = FinanceKind.from_text(cell_text(cell("kind")))
                except ValueError:
                    where(number, column_letter(columns["kind"]),
                          f"{cell_text(cell('kind'))!r} är varken Drift eller Investering")
                    continue
            activity = cell_text(cell("activity")).strip() if "activity" in columns and not is_blank(
                cell("activity")) else ""
            if "measure" in columns:
                try:
                    measure = FinanceMeasure.from_text(cell_text(cell("measure")))
                except ValueError:
                    where(number, column_letter(columns["measure"]),
                          f"{cell_text(cell('measure'))!r} är inget mått (Budget, Utfall eller Prognos)")
                    continue
                pairs = [(measure, "amount")]
            else:
                pairs = [(m, m) for m in FinanceMeasure if m in columns]
            for measure, key in pairs:
                raw = cell(key)
                letter = column_letter(columns[key])
                if is_blank(raw):
                    plan.skipped_blank += 1
                    continue
                try:
                    amount = parse_number(raw)
                except CellError as exc:
                    where(number, letter, f"{exc.args[0]} (belopp i tkr)")
                    continue
                if amount is None:
                    plan.skipped_blank += 1
                    continue
                target = (unit_id, code, activity, kind, measure)
                if target in seen:
                    where(number, letter, f"samma belopp ({measure.sv}) finns redan på rad {seen[target]}")
                    continue
                seen[target] = number
                plan.figures[target] = amount
        stored = {}
        period_ids = dict(session.execute(sa.select(Period.code, Period.id)).all())
        for unit_id, code, activity, kind, measure in plan.figures:
            stored[(unit_id, period_ids.get(code), activity, kind, measure)] = None
        if stored:
            for figure in session.scalars(sa.select(FinancialFigure)):
                key = (figure.unit_id, figure.period_id, figure.activity, figure.kind, figure.measure)
                if key in stored:
                    stored[key] = figure.amount
        for (unit_id, code, activity, kind, measure), amount in plan.figures.items():
            old = stored.get((unit_id, period_ids.get(code), activity, kind, measure))
            if old is None:
                plan.new += 1
            elif old == amount:
                plan.unchanged += 1
            else:
                plan.changed += 1
    return plan


def run_finance_import(store: Store, path: str | Path, *, dry_run: bool = False,
                       period: str | None = None) -> FinancePlan:
    """Plan, and unless `dry_run` or a problem was found, back up and write every figure in one
    transaction (each change audited)."""
    from app.services.annual.finances import apply_figures

    plan = plan_finance_import(store, path, period)
    if not plan.ok or dry_run or not (plan.new or plan.changed):
        return plan
    backup_before(store, "import")
    with store.transaction() as session:
        apply_figures(session, plan.figures)
    return plan
