"""The planner's own goal matrix (målmatris): one row per indicator and unit, the goal hierarchy in
columns (Målområde, Mål, Delmål), targets and results per period in columns ("Målvärde 2025",
"Utfall 2024", "Utfall 2025T1"), a title above the header.

Recognised here and turned into the structure workbook's own sheets (Mål, Indikatorer, Enheter,
Mål och indikatorer, Målvärden, Utfall), so that it is planned, applied and undone exactly like
a structure workbook: one vision (the database's own, or one named by the title row), goals at
the right levels under it, indicators linked to the lowest goal of their row, units, targets and
results."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import Direction, Goal, GoalLevel, Indicator, OrgUnit
from app.services.exchange.reading import FileData, SheetData, column_letter
from app.services.exchange.shapes import normalise
from app.services.exchange.values import cell_text, is_blank

LEVEL_COLUMNS = {"målområde": GoalLevel.GOAL_AREA, "strategiskt område": GoalLevel.GOAL_AREA,
                 "mål": GoalLevel.GOAL, "delmål": GoalLevel.SUB_GOAL}
INDICATOR_HEADERS = {"indikator", "nyckeltal", "mått"}
UNIT_HEADERS = {"enhet", "verksamhet", "utförare"}
DIRECTION_HEADERS = {"riktning"}
UNIT_OF_MEASURE_HEADERS = {"måttenhet"}
_VALUE_HEADER = re.compile(r"^(målvärde|mål|utfall|resultat)\s+(.+)$", re.I)
_PERIOD_PARTS = re.compile(r"^(?:(\d{4})\s*([tk]\d)|([tk]\d)\s*(\d{4})|(\d{4})(?:\s*[-/]\s*(\d{2}))?)$", re.I)


@dataclass
class MatrixColumns:
    header_row: int
    levels: list[tuple[int, GoalLevel]] = field(default_factory=list)
    indicator: int | None = None
    unit: int | None = None
    direction: int | None = None
    unit_of_measure: int | None = None
    targets: dict[int, str] = field(default_factory=dict)  # column → period text
    results: dict[int, str] = field(default_factory=dict)


def _period(text: str) -> str | None:
    """'2025', '2025 T1', 'T1 2025', '2025K2' → a period text the period parser reads."""
    match = _PERIOD_PARTS.match(text.strip())
    if not match:
        return None
    if match.group(1):
        return f"{match.group(1)}{match.group(2).upper()}"
    if match.group(3):
        return f"{match.group(4)}{match.group(3).upper()}"
    return text.strip()


def matrix_columns(sheet: SheetData) -> MatrixColumns | None:
    """The goal matrix's columns when the sheet is one: a goal column, an indicator column and
    at least one 'Målvärde P' / 'Utfall P' column, in a header row under a title."""
    for number, row in enumerate(sheet.rows[:30]):
        found = MatrixColumns(number)
        for col, cell in enumerate(row):
            text = normalise(cell_text(cell))
            if text in LEVEL_COLUMNS:
                found.levels.append((col, LEVEL_COLUMNS[text]))
            elif text in INDICATOR_HEADERS:
                found.indicator = col
            elif text in UNIT_HEADERS:
                found.unit = col
            elif text in DIRECTION_HEADERS:
                found.direction = col
            elif text in UNIT_OF_MEASURE_HEADERS:
                found.unit_of_measure = col
            elif match := _VALUE_HEADER.match(cell_text(cell)):
                period = _period(match.group(2))
                if period is not None:
                    kind = match.group(1).casefold()
                    (found.results if kind in ("utfall", "resultat") else found.targets)[col] = period
        if found.levels and found.indicator is not None and (found.targets or found.results):
            found.levels.sort(key=lambda pair: list(GoalLevel).index(pair[1]))
            return found
    return None


def is_goal_matrix(data: FileData) -> bool:
    return any(not s.hidden and matrix_columns(s) is not None for s in data.sheets)


def _title(sheet: SheetData, header_row: int) -> str | None:
    for row in sheet.rows[:header_row]:
        texts = [cell_text(c) for c in row if not is_blank(c)]
        if texts:
            return texts[0][:300]
    return None


def _slug(text: str, used: set[str], width: int = 24) -> str:
    base = re.sub(r"[^A-Z0-9]+", "-", text.upper().translate(str.maketrans("ÅÄÖÉÜ", "AAOEU"))).strip("-")[:width]
    code, n = base or "X", 1
    while code in used:
        n += 1
        code = f"{base[:width - 3]}-{n}"
    used.add(code)
    return code


@dataclass
class MatrixReading:
    """The matrix as structure sheets, and what the preview must say about it."""

    data: FileData
    assumed_direction: list[str] = field(default_factory=list)  # indicators given 'higher is better'


def as_structure(session: Session, data: FileData) -> MatrixReading:
    """The goal matrix as the structure workbook's sheets. Goals, indicators and units already
    in the database are found by title/name and reused; new ones get codes."""
    sheet = next(s for s in data.sheets if not s.hidden and matrix_columns(s) is not None)
    cols = matrix_columns(sheet)
    goals_by_title = {(title.casefold(), level): code for code, title, level in session.execute(
        sa.select(Goal.code, Goal.title, Goal.level)) if code}
    used_goal_codes = {c for (c,) in session.execute(sa.select(Goal.code)) if c}
    indicators = {name.casefold(): code for code, name in session.execute(sa.select(Indicator.code, Indicator.name))}
    used_indicator_codes = set(indicators.values())
    units = {name.casefold(): code for code, name in session.execute(sa.select(OrgUnit.code, OrgUnit.name))}
    units.update({code.casefold(): code for code in units.values()})
    used_unit_codes = set(units.values())
    vision = session.execute(sa.select(Goal.code).where(Goal.level == GoalLevel.VISION, Goal.parent_id.is_(None))
                             .order_by(Goal.position)).scalars().first()
    numbers = [int(c) for c in used_goal_codes if c.isdigit()]
    next_top = max(numbers, default=0)

    goal_rows = [["Kod", "Titel", "Nivå", "Överordnad"]]
    indicator_rows = [["Kod", "Namn", "Riktning", "Måttenhet"]]
    unit_rows = [["Kod", "Namn", "Typ"]]
    link_rows = [["Mål", "Indikator"]]
    target_rows = [["Indikator", "Enhet", "Period", "Målvärde"]]
    result_rows = [["Indikator", "Enhet", "Period", "Utfall"]]
    # Where each made-up row came from (Målmatris:5:F), so that a problem names the matrix's cell.
    where = {id(rows): [""] for rows in (goal_rows, indicator_rows, unit_rows, link_rows, target_rows,
                                        result_rows)}

    def add(rows: list, values: list, row_number: int, col: int | None) -> None:
        rows.append(values)
        where[id(rows)].append(f"{sheet.name}:{row_number}:{column_letter(col) if col is not None else ''}")

    reading = MatrixReading(data)
    if vision is None:
        vision = _slug("VISION", used_goal_codes)
        add(goal_rows, [vision, _title(sheet, cols.header_row) or "Vision", GoalLevel.VISION.sv, None], 1, 0)
    made_goals: dict[tuple, str] = {}
    children: dict[str, int] = {}
    links = set()
    made_units: set[str] = set()
    made_indicators: set[str] = set()
    for number, row in enumerate(sheet.rows[cols.header_row + 1:], cols.header_row + 2):
        get = lambda c, row=row: row[c] if c is not None and c < len(row) else None  # noqa: E731
        if all(is_blank(c) for c in row):
            continue
        parent, path = vision, ()
        for col, level in cols.levels:
            title = cell_text(get(col))
            if not title:
                continue
            path = (*path, title.casefold())
            code = made_goals.get(path) or goals_by_title.get((title.casefold(), level))
            if code is None:
                if parent == vision and level is not GoalLevel.SUB_GOAL:
                    next_top += 1
                    code = str(next_top)
                else:
                    children[parent] = children.get(parent, 0) + 1
                    code = f"{parent}.{children[parent]}"
                while code in used_goal_codes:
                    code += "b"
                used_goal_codes.add(code)
                add(goal_rows, [code, title, level.sv, parent], number, col)
            made_goals[path] = code
            parent = code
        name = cell_text(get(cols.indicator))
        if not name:
            continue
        indicator = indicators.get(name.casefold())
        if indicator is None:
            indicator = indicators[name.casefold()] = _slug(name, used_indicator_codes, 20)
            direction = cell_text(get(cols.direction)) if cols.direction is not None else ""
            if not direction:
                direction = Direction.HIGHER_BETTER.sv
                reading.assumed_direction.append(name)
            measure = cell_text(get(cols.unit_of_measure)) if cols.unit_of_measure is not None else ""
            if not measure and ("(%)" in name or "andel" in name.casefold()):
                measure = "%"
            add(indicator_rows, [indicator, name, direction, measure], number, cols.indicator)
            made_indicators.add(indicator)
        if parent != vision and (parent, indicator) not in links:
            links.add((parent, indicator))
            add(link_rows, [parent, indicator], number, cols.indicator)
        unit_name = cell_text(get(cols.unit))
        unit = None
        if unit_name:
            unit = units.get(unit_name.casefold())
            if unit is None:
                unit = units[unit_name.casefold()] = _slug(unit_name, used_unit_codes)
                add(unit_rows, [unit, unit_name, "Enhet"], number, cols.unit)
                made_units.add(unit)
        for col, period in cols.targets.items():
            if not is_blank(get(col)):
                add(target_rows, [indicator, unit, period, get(col)], number, col)
        for col, period in cols.results.items():
            if not is_blank(get(col)) and unit is not None:
                add(result_rows, [indicator, unit, period, get(col)], number, col)
    made = [("Enheter", unit_rows), ("Mål", goal_rows), ("Indikatorer", indicator_rows),
            ("Mål och indikatorer", link_rows), ("Målvärden", target_rows)]
    if len(result_rows) > 1:
        made.append(("Utfall", result_rows))
    sheets = [SheetData(name, rows, paths=where[id(rows)]) for name, rows in made]
    reading.data = FileData(data.path, data.kind, sheets)
    return reading
