"""Cells as people write them: decimal comma, thousands separators, %, unicode minus, missing
markers, Excel date serials, numbers stored as text, codes with leading zeros."""

from __future__ import annotations

import datetime as dt
import math
import re

from app.services.exchange.reading import ErrorCell, FormulaCell

# Written instead of a number when there is none (Skolverket, SCB, Kolada and people alike).
MISSING_MARKERS = {"", "..", ".", "-", "–", "—", "x", "X", "n/a", "N/A", "NA"}
# Publishers' suppression codes: not a number, but worth keeping as the value's comment.
SUPPRESSION_CODES = {"..": "..", ".": ".", "x": "x", "X": "x"}
_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009\u2007")
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


class CellError(ValueError):
    """A cell that holds something other than what the column expects; the text says what."""


def is_blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not isinstance(cell, (ErrorCell, FormulaCell))
                            and not cell.strip())


def cell_text(cell: object) -> str:
    """A cell as text, with whole floats written without '.0' (calamine reads 2025 as 2025.0)."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime) and cell.time() == dt.time():
        return cell.date().isoformat()
    return str(cell).strip()


def code_text(cell: object, width: int = 0) -> str:
    """A code kept as text; a spreadsheet that stored '0180' as the number 180 gets its zeros back."""
    text = cell_text(cell)
    if width and text.isdigit() and len(text) < width:
        text = text.zfill(width)
    return text


def _check_special(cell: object) -> None:
    if isinstance(cell, ErrorCell):
        raise CellError(f"felvärde {cell} i stället för ett tal", f"error value {cell} instead of a number")
    if isinstance(cell, FormulaCell):
        raise CellError("formel utan beräknat värde (öppna och spara filen i Excel)",
                        "formula without a calculated value (open and save the file in Excel)")


def parse_number(cell: object) -> float | None:
    """A number or None (missing); raise CellError for anything else."""
    _check_special(cell)
    if cell is None:
        return None
    if isinstance(cell, bool):
        raise CellError("sant/falskt i stället för ett tal", "true/false instead of a number")
    if isinstance(cell, (int, float)):
        value = float(cell)
        if math.isnan(value) or math.isinf(value):
            return None
        return value
    if isinstance(cell, (dt.date, dt.datetime)):
        raise CellError(f"ett datum ({cell_text(cell)}) i stället för ett tal",
                        f"a date ({cell_text(cell)}) instead of a number")
    text = str(cell).strip()
    if text in MISSING_MARKERS:
        return None
    cleaned = text.translate(_SPACES).replace("\u2212", "-").replace("\u2012", "-")
    if cleaned.endswith("%"):
        cleaned = cleaned[:-1]
    if "," in cleaned and "." in cleaned:
        # The separator that comes last is the decimal one: 1.234,5 and 1,234.5 alike.
        if cleaned.rfind(",") > cleaned.rfind("."):
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
    elif cleaned.count(",") == 1:
        cleaned = cleaned.replace(",", ".")
    if not _NUMBER.match(cleaned):
        raise CellError(f"{text!r} är inget tal", f"{text!r} is not a number")
    return float(cleaned)


def suppression_code(cell: object) -> str | None:
    """The publisher's code when a cell says why a value is missing ('..', '~100'), else None."""
    if not isinstance(cell, str):
        return None
    text = cell.strip()
    if text.startswith("~"):
        return text
    return SUPPRESSION_CODES.get(text)


def parse_value(cell: object) -> tuple[float | None, str | None]:
    """(number or None, suppression code or None). '~100' means 'about 100, exact value withheld'."""
    if type(cell) is float:  # the common case first: 500 000 of them in a big file
        return (None if cell != cell else cell), None
    code = suppression_code(cell)
    if code is not None:
        return None, code
    return parse_number(cell), None


def excel_date(serial: float) -> dt.date:
    return _EXCEL_EPOCH + dt.timedelta(days=int(serial))


def parse_date(cell: object) -> dt.date | None:
    _check_special(cell)
    if is_blank(cell):
        return None
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return excel_date(cell)
    text = str(cell).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise CellError(f"{text!r} är inget datum (ÅÅÅÅ-MM-DD)", f"{text!r} is not a date (YYYY-MM-DD)") from None


def period_text(cell: object) -> str:
    """A period cell as a period code candidate: 2025.0 → 2025, a school year 2024/25 → 2025,
    a date → its month (2025-03)."""
    _check_special(cell)
    if isinstance(cell, (dt.date, dt.datetime)):
        return f"{cell.year}-{cell.month:02d}"
    text = cell_text(cell)
    school_year = re.fullmatch(r"(\d{4})\s*/\s*(\d{2}|\d{4})", text)
    if school_year:
        return str(int(school_year.group(1)) + 1)
    return text
