"""Workbooks out: the whole database (one sheet per entity, importable again), the follow-up
workbook for a period and scope (goal status with colour and text; indicators with target,
result and trend per unit, ready to print), and the empty, documented import template."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa
import xlsxwriter
from sqlalchemy.orm import Session

from app.models import Gender, Goal, GoalIndicator, Indicator, OrgUnit, Period, Result, Status, Target
from app.services.exchange.structure import RESULT_HEADERS, RESULTS_SHEET, SPECS, SheetSpec
from app.services.exchange.writing import (
    WORKBOOK_OPTIONS,
    LongTexts,
    SheetWriter,
    atomic_path,
    safe_sheet_name,
)

Progress = Callable[[str, int, int], None]
STATUS_COLOURS = {Status.MET: "#C6EFCE", Status.PARTLY_MET: "#FFEB9C", Status.NOT_MET: "#FFC7CE",
                  Status.NOT_ASSESSED: "#E7E6E6"}
TREND_TEXT = {"improving": "↑ bättre", "unchanged": "→ oförändrad", "worsening": "↓ sämre"}


def _cell_value(col, value, codes: dict[str, dict[int, str]]):
    if value is None:
        return None
    if col.kind in ("unit", "goal", "indicator", "period") and col.attr != "code":
        return codes[col.kind].get(value)
    if col.kind == "enum":
        return value.sv
    return value


def _spec_rows(session: Session, spec: SheetSpec):
    model = spec.model
    order = {"org_unit": (OrgUnit.parent_id.is_not(None), OrgUnit.position, OrgUnit.code),
             "goal": (Goal.position, Goal.code), "indicator": (Indicator.code,),
             "goal_indicator": (GoalIndicator.goal_id, GoalIndicator.position),
             "period": (Period.start_date, Period.end_date.desc()),
             "target": (Target.indicator_id, Target.period_id, Target.unit_id)}[spec.entity]
    return session.execute(sa.select(model).order_by(*order)).scalars()


def _audit_anchor(session: Session, book) -> None:
    """The audit chain's head in the file's properties (Arkiv → Egenskaper → Kommentarer), so that
    `styrkort check --ankare export.xlsx` can compare the log with what it was when exported."""
    from app.services.platform.anchors import anchor_text
    from app.services.platform.audit import chain_head

    head = chain_head(session)
    book.set_properties({"comments": anchor_text(head.length, head.hash)})


def export_database(session: Session, path: str | Path, *, progress: Progress | None = None) -> int:
    """The whole database to one workbook; returns the number of rows written."""
    path = Path(path)
    codes = {
        "unit": dict(session.execute(sa.select(OrgUnit.id, OrgUnit.code)).all()),
        "goal": dict(session.execute(sa.select(Goal.id, Goal.code)).all()),
        "indicator": dict(session.execute(sa.select(Indicator.id, Indicator.code)).all()),
        "period": dict(session.execute(sa.select(Period.id, Period.code)).all()),
    }
    total = 0
    with atomic_path(path) as tmp:
        book = xlsxwriter.Workbook(str(tmp), WORKBOOK_OPTIONS)
        _audit_anchor(session, book)
        used: set[str] = set()
        long_texts = LongTexts()
        for spec in SPECS:
            formats = {i: ("0" if c.kind == "int" else "General") for i, c in enumerate(spec.columns)
                       if c.kind in ("int", "float")}
            writer = SheetWriter(book, safe_sheet_name(spec.name, used), [c.header for c in spec.columns],
                                 [c.width for c in spec.columns], formats, long_texts)
            rows = _spec_rows(session, spec)
            if spec.entity == "goal":
                rows = _tree_order(list(rows))
            for obj in rows:
                writer.write([_cell_value(c, getattr(obj, c.attr), codes) for c in spec.columns])
                total += 1
            writer.finish()
        writer = SheetWriter(book, safe_sheet_name(RESULTS_SHEET, used), list(RESULT_HEADERS),
                             [11, 12, 10, 6, 11, 40, 6], {4: "General"}, long_texts)
        query = sa.select(Result.indicator_id, Result.unit_id, Result.period_id, Result.gender, Result.value,
                          Result.comment, Result.late).order_by(Result.indicator_id, Result.period_id,
                                                                 Result.unit_id, Result.gender)
        count = session.execute(sa.select(sa.func.count()).select_from(Result)).scalar_one()
        ind, unit, period = codes["indicator"], codes["unit"], codes["period"]
        for n, (i, u, p, g, value, comment, late) in enumerate(session.execute(query)):
            writer.write([ind[i], unit[u], period[p], g.value, value, comment or None, late])
            if progress and n % 20_000 == 0:
                progress("write", n, count)
        total += count
        writer.finish()
        total += _write_records(session, book, used, long_texts)
        long_texts.write(book, used)
        book.close()
    return total


def _write_records(session: Session, book, used: set[str], long_texts: LongTexts) -> int:
    """The register (styrdokument, delegation, plans, årshjul) and the follow-up records."""
    from app.services.exchange.records import ATTACHMENT_SHEET, follow_up_sheets
    from app.services.governance.register_export import register_sheets

    total = 0
    for spec in register_sheets(session) + follow_up_sheets(session):
        writer = SheetWriter(book, safe_sheet_name(spec.title, used), spec.header, list(spec.widths) or None,
                             long_texts=long_texts)
        for row in spec.rows:
            writer.write(row)
        total += len(spec.rows)
        writer.finish()
        if spec.title == ATTACHMENT_SHEET:
            writer.sheet.hide()  # bytes for the round trip, nothing to read
    return total


def _tree_order(goals: list[Goal]) -> list[Goal]:
    """Parents before children, so that the sheet reads as the goal tree."""
    children: dict[int | None, list[Goal]] = {}
    for goal in goals:
        children.setdefault(goal.parent_id, []).append(goal)
    ordered: list[Goal] = []

    def visit(parent_id):
        for goal in sorted(children.get(parent_id, []), key=lambda g: (g.position, g.code or "")):
            ordered.append(goal)
            visit(goal.id)

    visit(None)
    return ordered


def export_follow_up(session: Session, path: str | Path, period_code: str, scope_unit_id: int | None = None,
                     *, progress: Progress | None = None) -> int:
    """Goals with status (colour and text) and indicators with target, result and trend per unit."""
    from app.services.followup.periods import parse_period, previous_comparable
    from app.services.followup.status import compute_follow_up, result_status, trend, units_in_scope
    from app.services.followup.targets import targets_for

    path = Path(path)
    follow_up = compute_follow_up(session, period_code, scope_unit_id)
    goals = {g.id: g for g in session.execute(sa.select(Goal)).scalars()}
    spec = parse_period(period_code)
    period_ids = dict(session.execute(sa.select(Period.code, Period.id)).all())
    now_id, prev_id = period_ids.get(spec.code), period_ids.get(previous_comparable(spec).code)
    rows = 0
    with atomic_path(path) as tmp:
        book = xlsxwriter.Workbook(str(tmp), WORKBOOK_OPTIONS)
        _audit_anchor(session, book)
        used: set[str] = set()
        status_formats = {s: book.add_format({"bg_color": c, "border": 1}) for s, c in STATUS_COLOURS.items()}
        title = book.add_format({"bold": True, "font_size": 14})
        goal_sheet = SheetWriter(book, safe_sheet_name(f"Måluppfyllelse {spec.code}", used),
                                 ["Kod", "Mål", "Status", "Indikator", "Målvärde", "Utfall", "Föregående",
                                  "Trend", "Enheter"], [8, 48, 16, 50, 10, 10, 11, 14, 9],
                                 {4: "#,##0.0", 5: "#,##0.0", 6: "#,##0.0"})
        for goal in _tree_order(list(goals.values())):
            outcome = follow_up.goals.get(goal.id)
            if outcome is None:
                continue
            depth = _depth(goal, goals)
            fmt = status_formats[outcome.status]
            goal_sheet.write([goal.code, "  " * depth + goal.title, outcome.status.sv], None)
            goal_sheet.sheet.write_string(goal_sheet.row - 1, 2, outcome.status.sv, fmt)
            for ind in outcome.indicators:
                goal_sheet.write([None, None, ind.status.sv, f"{ind.code} {ind.name}", ind.target, ind.value,
                                  ind.previous, TREND_TEXT.get(ind.trend.value) if ind.trend else None,
                                  ind.units_reporting])
                goal_sheet.sheet.write_string(goal_sheet.row - 1, 2, ind.status.sv, status_formats[ind.status])
                rows += 1
            rows += 1
        goal_sheet.finish()
        _print_setup(goal_sheet.sheet, f"Uppföljning {spec.code}")
        unit_sheet = SheetWriter(book, safe_sheet_name(f"Per enhet {spec.code}", used),
                                 ["Indikator", "Namn", "Enhet", "Enhetens namn", "Regi", "Målvärde", "Utfall",
                                  "Föregående", "Trend", "Status"], [10, 44, 10, 32, 16, 10, 10, 11, 14, 16],
                                 {5: "#,##0.0", 6: "#,##0.0", 7: "#,##0.0"})
        indicators = {i.id: i for i in session.execute(sa.select(Indicator)).scalars()}
        units = {u.id: u for u in session.execute(sa.select(OrgUnit)).scalars()}
        in_scope = set(units_in_scope(session, scope_unit_id))
        values = {k: v for k, v in _values(session, now_id).items() if k[1] in in_scope}
        previous = _values(session, prev_id)
        targets = targets_for(session, now_id)
        for (ind_id, unit_id), value in sorted(values.items(), key=lambda kv: (indicators[kv[0][0]].code,
                                                                                units[kv[0][1]].code)):
            ind, unit = indicators[ind_id], units[unit_id]
            target = targets.of(ind_id, unit_id)
            status = result_status(value, target, ind.direction, ind.tolerance, ind.tolerance_kind)
            change = trend(value, previous.get((ind_id, unit_id)), ind.direction, ind.decimals)
            unit_sheet.write([ind.code, ind.name, unit.code, unit.name,
                              unit.provider_type.sv if unit.provider_type else None, target, value,
                              previous.get((ind_id, unit_id)), TREND_TEXT.get(change.value) if change else None,
                              None])
            unit_sheet.sheet.write_string(unit_sheet.row - 1, 9, status.sv, status_formats[status])
            rows += 1
        unit_sheet.finish()
        _print_setup(unit_sheet.sheet, f"Indikatorer per enhet {spec.code}")
        del title
        book.close()
    return rows


def scope_unit(session: Session, code: str | None) -> int | None:
    """The unit a follow-up is limited to, by its code; None is the whole organisation."""
    if not code:
        return None
    from app.services.organisation.units import unit_by_code

    return unit_by_code(session, code).id


def latest_year(session: Session) -> str:
    """The period a follow-up export is about when none is given: the shared default period."""
    from app.models.errors import StyrkortError
    from app.services.followup.periods import default_period

    code = default_period(session)
    if code is None:
        raise StyrkortError("Det finns inga utfall att följa upp; ange --period.",
                            "There are no results to follow up; give --period.")
    return code


def _depth(goal: Goal, goals: dict[int, Goal]) -> int:
    depth = 0
    while goal.parent_id is not None and depth < 50:
        goal = goals[goal.parent_id]
        depth += 1
    return depth


def _values(session: Session, period_id: int | None) -> dict[tuple[int, int], float]:
    if period_id is None:
        return {}
    rows = session.execute(sa.select(Result.indicator_id, Result.unit_id, Result.value).where(
        Result.period_id == period_id, Result.gender == Gender.TOTAL, Result.value.is_not(None)))
    return {(i, u): v for i, u, v in rows}


def _print_setup(sheet, header: str) -> None:
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)
    sheet.set_header(f"&L{header}&RSida &P av &N")


TEMPLATE_HELP = [
    ("Utfall", "Ett utfall per rad: indikator × enhet × period (× kön)."),
    ("Indikator", "Indikatorns kod i Styrkort (t.ex. UB01) eller Kolada-id (N15419)."),
    ("Enhet", "Enhetens kod (t.ex. GR01). Okända enheter kan skapas vid importen."),
    ("Period", "År 2025, tertial 2025T1, kvartal 2025K1 eller månad 2025-03."),
    ("Kön", "T (totalt, standard), K (kvinnor) eller M (män)."),
    ("Utfall", "Talet. Decimalkomma, mellanslag som tusentalsavgränsare och % går bra; "
               "'..', '-' och tom cell betyder att värde saknas."),
    ("Målvärde", "Valfritt: målvärdet för indikatorn, enheten och perioden."),
    ("Kommentar", "Valfri text."),
    ("Övriga blad", "Enheter, Mål, Indikatorer, Mål och indikatorer, Perioder och Målvärden läses som "
                    "struktur: koder binder ihop bladen. Mål kan numreras 1, 1.1, 1.1.2."),
]


def write_template(path: str | Path) -> None:
    """An empty, documented import template: results sheet, structure sheets and instructions."""
    path = Path(path)
    with atomic_path(path) as tmp:
        book = xlsxwriter.Workbook(str(tmp), {**WORKBOOK_OPTIONS, "constant_memory": False})
        used: set[str] = set()
        results = SheetWriter(book, safe_sheet_name(RESULTS_SHEET, used),
                              ["Indikator", "Enhet", "Period", "Kön", "Utfall", "Målvärde", "Kommentar"],
                              [12, 12, 10, 6, 10, 10, 40])
        results.sheet.data_validation(1, 3, 100_000, 3, {"validate": "list", "source": ["T", "K", "M"]})
        results.finish()
        for spec in SPECS:
            writer = SheetWriter(book, safe_sheet_name(spec.name, used), [c.header for c in spec.columns],
                                 [c.width for c in spec.columns])
            for col, column in enumerate(spec.columns):
                if column.enum is not None:
                    writer.sheet.data_validation(1, col, 10_000, col, {
                        "validate": "list", "source": [m.sv for m in column.enum]})
            writer.finish()
        help_sheet = SheetWriter(book, safe_sheet_name("Instruktioner", used), ["Kolumn", "Så fyller du i"],
                                 [18, 100])
        for row in TEMPLATE_HELP:
            help_sheet.write(list(row))
        book.close()
