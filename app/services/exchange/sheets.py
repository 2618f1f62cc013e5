"""Cells of the structure and record sheets converted to attribute values (codes, enums, dates,
periods read with the one period parser), and the change records an import batch keeps.
Shared by `structure` and `records`, below both: neither imports the other's helpers."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass

from app.models.errors import StyrkortError
from app.services.exchange.values import (
    CellError,
    cell_text,
    code_text,
    is_blank,
    parse_date,
    parse_number,
    period_text,
)
from app.services.followup.periods import parse_period


@dataclass(frozen=True)
class SheetSpec:
    name: str
    entity: str
    model: type
    key: tuple[str, ...]
    columns: tuple[Col, ...]
    aliases: tuple[str, ...] = ()


YES = {"ja", "yes", "sant", "true", "1", "x"}

@dataclass(frozen=True)
class Col:
    header: str
    attr: str
    kind: str = "text"  # text, code4, int, float, enum, date, bool, unit, goal, indicator, period
    enum: type | None = None
    required: bool = False
    width: int = 14

def _convert(col: Col, cell: object, pairs: bool = False) -> object:
    if is_blank(cell):
        return None
    if col.kind == "text" and isinstance(cell, str) and col.attr != "code":
        return cell  # free text exactly as written, spaces included
    if col.kind in ("text", "unit", "goal", "indicator"):
        return cell_text(cell)
    if col.kind == "code4":
        return code_text(cell, 4)
    if col.kind == "orgnr":  # checked (Luhn) and written 556677-8899
        from app.models.errors import RuleViolation
        from app.services.organisation.org_numbers import normalise_org_number

        try:
            return normalise_org_number(cell_text(cell))
        except RuleViolation as exc:
            raise CellError(exc.sv, exc.en) from None
    if col.kind == "int":
        number = parse_number(cell)
        if number is None or not float(number).is_integer():
            raise CellError(f"{cell_text(cell)!r} är inget heltal", f"{cell_text(cell)!r} is not a whole number")
        return int(number)
    if col.kind == "float":
        return parse_number(cell)
    if col.kind == "date":
        return parse_date(cell)
    if col.kind == "bool":
        return cell_text(cell).casefold() in YES
    if col.kind == "period":
        try:
            return parse_period(period_text(cell, pairs)).code
        except StyrkortError as exc:
            raise CellError(exc.sv, exc.en) from None
    if col.kind == "enum":
        try:
            return col.enum.from_text(cell_text(cell))
        except ValueError:
            allowed = ", ".join(m.sv for m in col.enum)
            raise CellError(f"{cell_text(cell)!r} är inte ett av: {allowed}",
                            f"{cell_text(cell)!r} is not one of: {allowed}") from None
    raise AssertionError(col.kind)

def convert_cells(sheet: str, number: int, row: list, positions: dict, convert: Callable,
                  problem: Callable) -> dict | None:
    """attr → the converted cell of `positions` (attr → (column spec, index)); None when a cell
    is wrong, each wrong cell reported where it is."""
    values, ok = {}, True
    for attr, (col, index) in positions.items():
        try:
            values[attr] = convert(col, row[index] if index < len(row) else None)
        except CellError as exc:
            problem(sheet, number, index, f"{col.header}: {exc.args[0]}", f"{col.header}: {exc.args[-1]}")
            ok = False
    return values if ok else None

def is_duplicate(seen: dict[tuple, int], key: tuple, sheet: str, number: int, problem: Callable) -> bool:
    if key in seen:
        problem(sheet, number, None, f"dubblett av rad {seen[key]}", f"duplicate of row {seen[key]}")
        return True
    seen[key] = number
    return False

def _plain(value: object) -> object:
    if hasattr(value, "value") and not isinstance(value, (int, float, str)):
        return value.value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value

def _change(entity: str, entity_id: int, action: str, old: dict | None, new: dict | None = None) -> dict:
    return {"entity": entity, "entity_id": entity_id, "action": action,
            "old_json": json.dumps({k: _plain(v) for k, v in old.items()}, ensure_ascii=False) if old else None,
            "new_json": json.dumps(new) if new else None}
