"""Finances through the year: budget, utfall and prognos per nämnd and verksamhet (drift and
investeringar, tkr), and the balanskravsutredning (KL 11 kap. 5 §, LKBR 12 kap.).

Figures are cumulative from 1 January: utfall for 2026T2 is januari–augusti; a prognos made at
2026T2 is for the whole year; a budget is stored for the year (2026). Amounts are nettokostnader
in tkr; avvikelse = budget − prognos, so a positive avvikelse is an överskott."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import (
    AuditAction,
    BalanceEntry,
    BalanceItem,
    FinanceKind,
    FinanceMeasure,
    FinancialFigure,
    OrgUnit,
    Period,
)
from app.models.errors import RuleViolation
from app.services.followup.periods import parse_period, require_period
from app.services.platform import audit

# The sign each line of the balanskravsutredning carries in the computation.
BALANCE_SIGN = {
    BalanceItem.RESULT: 1, BalanceItem.REALISED_GAINS: -1, BalanceItem.GAINS_EXCEPTION: 1,
    BalanceItem.LOSSES_EXCEPTION: 1, BalanceItem.UNREALISED_LOSSES: 1, BalanceItem.UNREALISED_REVERSAL: -1,
    BalanceItem.TO_RESERVE: -1, BalanceItem.FROM_RESERVE: 1,
}
ADJUSTMENTS = (BalanceItem.REALISED_GAINS, BalanceItem.GAINS_EXCEPTION, BalanceItem.LOSSES_EXCEPTION,
               BalanceItem.UNREALISED_LOSSES, BalanceItem.UNREALISED_REVERSAL)
RESERVE = (BalanceItem.TO_RESERVE, BalanceItem.FROM_RESERVE)


def set_figure(session: Session, unit_id: int, period_code: str, measure: FinanceMeasure, amount: float | None,
               kind: FinanceKind = FinanceKind.OPERATING, activity: str = "") -> float | None:
    """Store one figure (None removes it); returns the previous amount (for undo), audited."""
    period = require_period(session, period_code)
    row = session.scalar(sa.select(FinancialFigure).where(
        FinancialFigure.unit_id == unit_id, FinancialFigure.period_id == period.id,
        FinancialFigure.activity == activity, FinancialFigure.kind == kind, FinancialFigure.measure == measure))
    old = row.amount if row else None
    if old == amount:
        return old
    if amount is None:
        session.delete(row)
    elif row is None:
        session.add(FinancialFigure(unit_id=unit_id, period_id=period.id, activity=activity, kind=kind,
                                    measure=measure, amount=float(amount)))
    else:
        row.amount = float(amount)
    session.flush()
    audit.record(session, AuditAction.UPDATE if old is not None else AuditAction.CREATE, "financial_figure",
                 unit_id, field=f"{measure.sv} {kind.sv} {activity} {period.code}".replace("  ", " "),
                 old=old, new=amount)
    return old


@dataclass
class FinanceRow:
    unit_id: int
    unit: str
    kind: FinanceKind
    budget: float | None = None
    outcome: float | None = None
    forecast: float | None = None
    outcome_previous_year: float | None = None

    @property
    def deviation(self) -> float | None:
        """Budgetavvikelse enligt prognos (positiv = överskott)."""
        if self.budget is None or self.forecast is None:
            return None
        return self.budget - self.forecast

    @property
    def used_share(self) -> float | None:
        """Share of the year's budget used so far (%)."""
        if not self.budget or self.outcome is None:
            return None
        return 100.0 * self.outcome / self.budget


@dataclass
class FinanceTable:
    period_code: str
    year: int
    rows: list[FinanceRow] = field(default_factory=list)

    def total(self, kind: FinanceKind) -> FinanceRow:
        rows = [row for row in self.rows if row.kind == kind]

        def add(name: str) -> float | None:
            values = [getattr(row, name) for row in rows if getattr(row, name) is not None]
            return sum(values) if values else None

        return FinanceRow(0, "Totalt", kind, add("budget"), add("outcome"), add("forecast"),
                          add("outcome_previous_year"))


def finance_table(session: Session, period_code: str, unit_ids: set[int] | None = None) -> FinanceTable:
    """Budget for the year, utfall for the period, the prognos made at the period and the
    utfall of the same period a year earlier, per unit and kind (verksamheter summed)."""
    spec = parse_period(period_code)
    table = FinanceTable(spec.code, spec.year)
    earlier = _same_period_previous_year(spec.code)
    codes = {spec.code, str(spec.year)} | ({earlier} if earlier else set())
    periods = dict(session.execute(sa.select(Period.id, Period.code).where(Period.code.in_(codes))).all())
    if not periods:
        return table
    units = {u.id: u for u in session.scalars(sa.select(OrgUnit))}
    order = {unit_id: index for index, unit_id in enumerate(_tree_order(units))}
    rows: dict[tuple[int, FinanceKind], FinanceRow] = {}
    query = sa.select(FinancialFigure).where(FinancialFigure.period_id.in_(periods))
    for figure in session.scalars(query):
        if unit_ids is not None and figure.unit_id not in unit_ids:
            continue
        code = periods[figure.period_id]
        key = (figure.unit_id, figure.kind)
        row = rows.setdefault(key, FinanceRow(figure.unit_id, units[figure.unit_id].name, figure.kind))
        if figure.measure == FinanceMeasure.BUDGET and code == str(spec.year):
            row.budget = (row.budget or 0.0) + figure.amount
        elif figure.measure == FinanceMeasure.OUTCOME and code == spec.code:
            row.outcome = (row.outcome or 0.0) + figure.amount
        elif figure.measure == FinanceMeasure.OUTCOME and code == earlier:
            row.outcome_previous_year = (row.outcome_previous_year or 0.0) + figure.amount
        elif figure.measure == FinanceMeasure.FORECAST and code == spec.code:
            row.forecast = (row.forecast or 0.0) + figure.amount
    table.rows = sorted(rows.values(), key=lambda r: (r.kind != FinanceKind.OPERATING, order.get(r.unit_id, 0)))
    return table


def periods_with_figures(session: Session) -> list[str]:
    """Codes of the periods that have utfall or prognos, latest first (a year before its tertials)."""
    query = (sa.select(Period.code).join(FinancialFigure, FinancialFigure.period_id == Period.id)
             .where(FinancialFigure.measure != FinanceMeasure.BUDGET).distinct()
             .order_by(Period.end_date.desc(), Period.start_date))
    return list(session.scalars(query))


def _same_period_previous_year(code: str) -> str | None:
    spec = parse_period(code)
    return code.replace(str(spec.year), str(spec.year - 1), 1)


def _tree_order(units: dict[int, OrgUnit]) -> list[int]:
    children: dict[int | None, list[OrgUnit]] = {}
    for unit in units.values():
        children.setdefault(unit.parent_id, []).append(unit)
    out: list[int] = []

    def walk(parent: int | None) -> None:
        for unit in sorted(children.get(parent, []), key=lambda u: (u.position, u.id)):
            out.append(unit.id)
            walk(unit.id)

    walk(None)
    return out


def deviation_through_year(session: Session, period_code: str, unit_ids: set[int] | None = None,
                           kind: FinanceKind = FinanceKind.OPERATING) -> dict[str, list[tuple[str, float | None]]]:
    """Each unit's budgetavvikelse at every tertial of the year up to `period_code`: budget −
    prognos at T1 and T2, budget − utfall for the whole year once it is closed."""
    spec = parse_period(period_code)
    codes = [f"{spec.year}T{n}" for n in (1, 2) if n <= (spec.number if spec.kind.value == "tertial" else 2)]
    if spec.kind.value == "year":
        codes.append(str(spec.year))
    series: dict[str, list[tuple[str, float | None]]] = {}
    for code in codes:
        table = finance_table(session, code, unit_ids)
        for row in table.rows:
            if row.kind != kind:
                continue
            if code == str(spec.year):
                value = None if row.budget is None or row.outcome is None else row.budget - row.outcome
            else:
                value = row.deviation
            series.setdefault(row.unit, []).append((code, value))
    return series


# --- Balanskrav -------------------------------------------------------------------------------

def set_balance_entry(session: Session, year: int, item: BalanceItem, amount: float | None) -> float | None:
    """One line of the year's balanskravsutredning; returns the previous amount (undo). Every line
    but årets resultat is an amount ≥ 0: its sign comes from the line itself."""
    if amount is not None and item != BalanceItem.RESULT and amount < 0:
        raise RuleViolation(f"{item.sv}: ange beloppet utan minustecken – raden dras av eller läggs till "
                            "enligt uppställningen.", f"{item.en}: enter the amount without a sign.")
    row = session.scalar(sa.select(BalanceEntry).where(BalanceEntry.year == year, BalanceEntry.item == item))
    old = row.amount if row else None
    if amount is None and row is not None:
        session.delete(row)
    elif row is None and amount is not None:
        session.add(BalanceEntry(year=year, item=item, amount=float(amount)))
    elif row is not None:
        row.amount = float(amount)
    session.flush()
    if old != amount:
        audit.record(session, AuditAction.UPDATE, "balance_entry", year, field=item.sv, old=old, new=amount)
    return old


@dataclass(frozen=True)
class BalanceLine:
    label: str
    amount: float | None
    subtotal: bool = False


@dataclass
class BalanceStatement:
    year: int
    lines: list[BalanceLine]
    result_after_adjustments: float | None
    balance_result: float | None

    @property
    def to_restore(self) -> float:
        """A negative balanskravsresultat must be restored within three years (KL 11 kap. 12 §)."""
        return -self.balance_result if self.balance_result is not None and self.balance_result < 0 else 0.0


def balance_statement(session: Session, year: int) -> BalanceStatement:
    """The balanskravsutredning in the usual layout; None amounts when årets resultat is missing."""
    entries = dict(session.execute(sa.select(BalanceEntry.item, BalanceEntry.amount)
                                   .where(BalanceEntry.year == year)).all())
    result = entries.get(BalanceItem.RESULT)
    lines = [BalanceLine("Årets resultat enligt resultaträkningen", result)]
    signed = lambda item: BALANCE_SIGN[item] * entries.get(item, 0.0)  # noqa: E731
    for item in ADJUSTMENTS:
        lines.append(BalanceLine(item.sv, signed(item)))
    after = None if result is None else result + sum(signed(item) for item in ADJUSTMENTS)
    lines.append(BalanceLine("Årets resultat efter balanskravsjusteringar", after, subtotal=True))
    for item in RESERVE:
        lines.append(BalanceLine(item.sv, signed(item)))
    balance = None if after is None else after + sum(signed(item) for item in RESERVE)
    lines.append(BalanceLine("Årets balanskravsresultat", balance, subtotal=True))
    return BalanceStatement(year, lines, after, balance)


FigureKey = tuple[int, str, str, FinanceKind, FinanceMeasure]  # unit id, period code, verksamhet, slag, mått


def apply_figures(session: Session, figures: dict[FigureKey, float | None]) -> dict[FigureKey, float | None]:
    """Set many figures in the caller's transaction (an import, or its undo); returns the previous
    amounts so that calling it again with them restores the database exactly."""
    from app.services.followup.periods import ensure_period

    previous = {}
    for (unit_id, code, activity, kind, measure), amount in figures.items():
        ensure_period(session, code)
        previous[(unit_id, code, activity, kind, measure)] = set_figure(
            session, unit_id, code, measure, amount, kind, activity)
    return previous
