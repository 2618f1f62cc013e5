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


COMMA, POINT = "comma", "point"
DECIMAL_NAMES = {COMMA: ("decimalkomma", "decimal comma"), POINT: ("decimalpunkt", "decimal point")}
# Thousands written with a space, NBSP, thin space, figure space or an apostrophe: no evidence
# about the decimal sign, so they are removed before anything else.
_GROUPING = str.maketrans("", "", " \u00a0\u202f\u2009\u2007'\u2019")
_AMBIGUOUS = re.compile(r"^[+-]?[1-9]\d{0,2}[.,]\d{3}$")  # 1,234 or 1.234: thousands or decimals?
_GROUPED = {COMMA: re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d*)?$|^[+-]?\d+(,\d*)?$|^[+-]?,\d+$"),
            POINT: re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$|^[+-]?\d+(\.\d*)?$|^[+-]?\.\d+$")}


class AmbiguousNumber(CellError):
    """'1,234' in a column that says nothing else about its decimal sign: both readings named."""


def _number_text(text: str) -> str:
    cleaned = text.translate(_GROUPING).replace("\u2212", "-").replace("\u2012", "-")
    return cleaned[:-1] if cleaned.endswith("%") else cleaned


def decimal_evidence(cell: object) -> str | None:
    """What one text cell says about its column's decimal sign: COMMA, POINT or None (nothing)."""
    if type(cell) is not str:
        return None
    text = _number_text(cell.strip())
    if not text or text in MISSING_MARKERS:
        return None
    commas, points = text.count(","), text.count(".")
    if commas and points:
        return COMMA if text.rfind(",") > text.rfind(".") else POINT
    if not commas and not points or _AMBIGUOUS.match(text):
        return None
    if commas:
        return POINT if commas > 1 else COMMA  # 52,692,289: commas group thousands
    return COMMA if points > 1 else POINT


def detect_decimal(cells) -> str | None:
    """A column's decimal sign decided from all its cells (COMMA, POINT, or None when no cell
    tells); when cells disagree, the majority decides and the others are refused at their cell."""
    votes = {COMMA: 0, POINT: 0}
    for cell in cells:
        if type(cell) is str:
            found = decimal_evidence(cell)
            if found is not None:
                votes[found] += 1
    if not votes[COMMA] and not votes[POINT]:
        return None
    return COMMA if votes[COMMA] >= votes[POINT] else POINT


def parse_number(cell: object, decimal: str | None = None) -> float | None:
    """A number or None (missing); raise CellError for anything else. `decimal` is the column's
    decimal sign (COMMA or POINT, see `detect_decimal`); without it a value that could be read
    two ways (1,234) is refused with both readings rather than guessed."""
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
    cleaned = _number_text(text)
    if decimal is not COMMA and "," not in cleaned and _NUMBER.match(cleaned) and not (
            decimal is None and _AMBIGUOUS.match(cleaned)):
        return float(cleaned)  # 6.5, 1e3, 7: one reading only
    if decimal is None:
        decimal = decimal_evidence(text)
        if decimal is None and _AMBIGUOUS.match(cleaned):
            as_point = float(cleaned.replace(",", "."))
            as_thousands = float(cleaned.replace(",", "").replace(".", ""))
            raise AmbiguousNumber(
                f"{text!r} kan läsas som {as_thousands:g} (tusental) eller {as_point:g} (decimaler); "
                "välj kolumnens decimaltecken (--decimal comma|point)",
                f"{text!r} can be read as {as_thousands:g} (thousands) or {as_point:g} (decimals); "
                "choose the column's decimal sign (--decimal comma|point)")
        decimal = decimal or POINT
    if not _GROUPED[decimal].match(cleaned):
        if _NUMBER.match(cleaned.replace(",", ".")) or re.match(r"^[+-]?[\d.,]+$", cleaned):
            name_sv, name_en = DECIMAL_NAMES[decimal]
            raise CellError(f"{text!r} passar inte kolumnens talformat ({name_sv})",
                            f"{text!r} does not fit the column's number format ({name_en})")
        raise CellError(f"{text!r} är inget tal", f"{text!r} is not a number")
    if decimal == COMMA:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    else:
        cleaned = cleaned.replace(",", "")
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


def parse_value(cell: object, decimal: str | None = None) -> tuple[float | None, str | None]:
    """(number or None, suppression code or None). '~100' means 'about 100, exact value withheld'."""
    if type(cell) is float:  # the common case first: 500 000 of them in a big file
        return (None if cell != cell else cell), None
    code = suppression_code(cell)
    if code is not None:
        return None, code
    return parse_number(cell, decimal), None


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


_YEAR_PAIR = re.compile(r"^(\d{4})\s*([/-])\s*(\d{2}|\d{4})$")


def _pair_end(text: str) -> tuple[int, str, bool] | None:
    """(ending year, separator, could also be a month) for a year pair like 2012/13 or 2012-13."""
    match = _YEAR_PAIR.match(text)
    if not match:
        return None
    first, second = int(match.group(1)), match.group(3)
    end = first + 1
    if int(second) != (end if len(second) == 4 else end % 100):
        return None
    return end, match.group(2), match.group(2) == "-" and len(second) == 2 and 1 <= int(second) <= 12


def year_pairs(cells) -> bool:
    """Whether a column's `YYYY-YY` cells are year pairs (2012-13: the year ending 2013) rather
    than months, decided from all its cells: every such cell must be a pair of consecutive years,
    and either one of them cannot be a month (2012-13) or they cover different years (2010-11,
    2011-12). A lone 2010-11, or 2010-11 beside 2010-12, stays a month."""
    dashed = {cell_text(c) for c in cells if not is_blank(c) and "-" in cell_text(c)}
    dashed = {t for t in dashed if re.match(r"^\d{4}\s*-\s*\d{2}$", t)}
    if not dashed:
        return False
    pairs = [_pair_end(t) for t in dashed]
    if any(p is None for p in pairs):
        return False
    return any(not p[2] for p in pairs) or (len(pairs) > 1 and len({p[0] for p in pairs}) == len(pairs))


def period_text(cell: object, pairs: bool = False) -> str:
    """A period cell as a period code candidate: 2025.0 → 2025, a date → its month (2025-03), and a
    year pair (läsår or verksamhetsår: 2024/25, 2024/2025, and 2024-25 in a column of year pairs,
    see `year_pairs`) → the year it ends in (2025), as Skolverket and Kolada publish it."""
    _check_special(cell)
    if isinstance(cell, (dt.date, dt.datetime)):
        return f"{cell.year}-{cell.month:02d}"
    text = cell_text(cell)
    pair = _pair_end(text)
    if pair is not None and (pair[1] == "/" or pairs or not pair[2]):
        return str(pair[0])
    return text
