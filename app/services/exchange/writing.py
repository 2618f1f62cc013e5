"""Writing workbooks people open in Excel, safely.

* Text is always written as text: a cell starting with = + - @ tab or CR never becomes a formula
  (xlsxwriter with strings_to_formulas off; the value stays the user's text).
* Control characters are kept (xlsxwriter escapes them as _xHHHH_, which readers decode back).
* Excel holds at most 32 767 characters per cell: a longer text is written in parts on the sheet
  "Långa texter" and the cell says so — never cut silently. Imports put the parts back together.
* Sheet names longer than 31 characters or with / \\ ? * [ ] : are shortened or replaced, uniquely.
* The file is written under a temporary name and moved into place, so a full disk or a file open
  in Excel never destroys the previous export."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import secrets
from collections.abc import Iterator
from pathlib import Path

from app.models.errors import StyrkortError

EXCEL_CELL_LIMIT = 32_767
LONG_TEXT_SHEET = "Långa texter"
LONG_TEXT_MARK = "[fortsätter i bladet Långa texter, del "
_PART = 32_000
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
                    "constant_memory": True}


def safe_sheet_name(name: str, used: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub("-", name).strip("'") or "Blad"
    base = base[:31]
    candidate, counter = base, 2
    while candidate.casefold() in {u.casefold() for u in used}:
        suffix = f" ({counter})"
        candidate = base[:31 - len(suffix)] + suffix
        counter += 1
    used.add(candidate)
    return candidate


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary file beside `path`, moved over it only when the writing succeeded."""
    path = Path(path)
    tmp_path = path.with_name(f".{path.stem}-{secrets.token_hex(6)}{path.suffix}")
    # Created like any file the user saves (0666 less the umask), not private as mkstemp would.
    os.close(os.open(tmp_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
    try:
        yield tmp_path
        try:
            os.replace(tmp_path, path)
        except PermissionError as exc:
            raise StyrkortError(f"{path.name} kunde inte ersättas; är filen öppen i Excel? ({exc})",
                                f"{path.name} could not be replaced; is it open in Excel? ({exc})") from exc
    except OSError as exc:
        raise StyrkortError(f"{path.name} kunde inte skrivas ({exc}); den tidigare filen är orörd.",
                            f"{path.name} could not be written ({exc}); the previous file is untouched.") from exc
    finally:
        tmp_path.unlink(missing_ok=True)


class SheetWriter:
    """Rows onto one xlsxwriter sheet: headers frozen and filtered, widths and formats set."""

    def __init__(self, book, name: str, headers: list[str], widths: list[int] | None = None,
                 formats: dict[int, str] | None = None, long_texts: LongTexts | None = None) -> None:
        self.book = book
        self.sheet = book.add_worksheet(name)
        self.name = name
        self.header_format = book.add_format({"bold": True, "bg_color": "#DDE6F0", "border": 1,
                                              "text_wrap": True, "valign": "top"})
        self.date_format = book.add_format({"num_format": "yyyy-mm-dd"})
        self.formats = {col: book.add_format({"num_format": f}) for col, f in (formats or {}).items()}
        self.long_texts = long_texts
        for col, header in enumerate(headers):
            self.sheet.write_string(0, col, header, self.header_format)
            self.sheet.set_column(col, col, (widths or [])[col] if widths and col < len(widths) else 14)
        self.sheet.freeze_panes(1, 0)
        self.width = len(headers)
        self.row = 1

    def write(self, values: list[object], cell_format=None) -> None:
        for col, value in enumerate(values):
            self.cell(self.row, col, value, cell_format)
        self.row += 1

    def cell(self, row: int, col: int, value: object, cell_format=None) -> None:
        sheet = self.sheet
        if value is None:
            if cell_format is not None:
                sheet.write_blank(row, col, None, cell_format)
            return
        if isinstance(value, bool):
            sheet.write_string(row, col, "Ja" if value else "Nej", cell_format)
        elif isinstance(value, (int, float)):
            sheet.write_number(row, col, value, cell_format or self.formats.get(col))
        elif isinstance(value, (dt.date, dt.datetime)):
            sheet.write_datetime(row, col, value, cell_format or self.date_format)
        else:
            text = str(value)
            if len(text) > EXCEL_CELL_LIMIT and self.long_texts is not None:
                text = self.long_texts.park(self.name, row, col, text)
            sheet.write_string(row, col, text, cell_format)

    def finish(self) -> None:
        self.sheet.autofilter(0, 0, max(self.row - 1, 1), max(self.width - 1, 0))


class LongTexts:
    """Texts over Excel's cell limit, written in parts on their own sheet."""

    def __init__(self) -> None:
        self.parts: list[tuple[str, str, int, str]] = []

    def park(self, sheet: str, row: int, col: int, text: str) -> str:
        from app.services.exchange.shapes import column_letter

        cell = f"{column_letter(col)}{row + 1}"
        pieces = [text[i:i + _PART] for i in range(0, len(text), _PART)]
        for number, piece in enumerate(pieces, 1):
            self.parts.append((sheet, cell, number, piece))
        return pieces[0][:_PART - 80] + f"… {LONG_TEXT_MARK}1–{len(pieces)}, {len(text)} tecken]"

    def write(self, book, used: set[str]) -> None:
        if not self.parts:
            return
        writer = SheetWriter(book, safe_sheet_name(LONG_TEXT_SHEET, used), ["Blad", "Cell", "Del", "Text"],
                             [20, 8, 6, 100])
        for part in self.parts:
            writer.write(list(part))
        writer.finish()


def restore_long_texts(sheets) -> None:
    """Put texts written in parts back into their cells (the reverse of LongTexts)."""
    from app.services.exchange.shapes import column_letter

    store = next((s for s in sheets if s.name == LONG_TEXT_SHEET), None)
    if store is None:
        return
    texts: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for row in store.rows[1:]:
        if len(row) >= 4 and row[0]:
            texts.setdefault((str(row[0]), str(row[1])), []).append((int(float(row[2])), str(row[3] or "")))
    by_name = {s.name: s for s in sheets}
    for (sheet_name, cell), parts in texts.items():
        sheet = by_name.get(sheet_name)
        match = re.fullmatch(r"([A-Z]+)(\d+)", cell)
        if sheet is None or match is None:
            continue
        col = next(i for i in range(16384) if column_letter(i) == match.group(1))
        row = int(match.group(2)) - 1
        if row < len(sheet.rows) and col < len(sheet.rows[row]):
            sheet.rows[row][col] = "".join(p for _n, p in sorted(parts))
