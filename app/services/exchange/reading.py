"""Reading untrusted files into rows, in a child process with limits on time and memory.

A hostile or broken file must not take the app down: python-calamine aborts the whole process
on some malformed workbooks, and a small zip can unpack to gigabytes. So the archive's declared
sizes are checked first, and the parsing runs in `python -m app.services.exchange.reading` with
RLIMIT_AS set; a crash or a timeout there becomes a message, never a dead window.

This module imports nothing heavy at the top: it is what the child process runs."""

from __future__ import annotations

import csv
import io
import json
import os
import pickle
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

SUFFIXES = {".xlsx": "xlsx", ".xlsm": "xlsx", ".ods": "ods", ".csv": "csv", ".txt": "csv", ".json": "json"}
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 150  # real spreadsheets compress 5–30×; zip bombs 1000× and more
MAX_MEMBERS = 10_000
MAX_SHEETS = 1_000  # Excel workbooks in the wild hold tens; thousands are built to exhaust the reader
EXCEL_CELL_LIMIT = 32_767  # characters per cell: what Excel itself can hold
_XML_HEAD = 4096  # a DOCTYPE must come before the root element, so within the part's first bytes
# What a file starts with, for a clear word when it is not what its name says.
MAGIC = [(b"%PDF", "ett PDF-dokument", "a PDF document"), (b"\x89PNG", "en PNG-bild", "a PNG image"),
         (b"\xff\xd8\xff", "en JPEG-bild", "a JPEG image"), (b"GIF8", "en GIF-bild", "a GIF image"),
         (b"{\\rtf", "ett RTF-dokument", "an RTF document")]
CHILD_MEMORY_BYTES = 3 * 1024 * 1024 * 1024
CHILD_TIMEOUT = 180.0
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class ErrorCell(str):
    """An Excel error value such as #DIV/0!: not empty, not a number."""


class FormulaCell(str):
    """A formula whose workbook holds no calculated value (written by a program, never opened)."""


class ReadError(Exception):
    """The file cannot be read; `sv`/`en` say why. Raised in the parent, never leaves a half state."""

    def __init__(self, sv: str, en: str, where: tuple[str, int, str] | None = None) -> None:
        super().__init__(sv)
        self.sv, self.en = sv, en
        self.where = where  # (sheet, row, column letter) when the problem has a place


class ReadCancelled(Exception):
    pass


@dataclass
class SheetData:
    name: str
    rows: list[list[object]]
    hidden: bool = False
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1 (0-based)
    # For rows made from a JSON document: where each row came from (values[7].values[0]), so a
    # problem names the JSON path rather than a made-up sheet row and column.
    paths: list[str] = field(default_factory=list)


@dataclass
class FileData:
    path: str
    kind: str
    sheets: list[SheetData]
    # The JSON document (Kolada metadata) when the file is one; rows are derived from it too.
    json_kind: str | None = None
    encoding: str | None = None


def file_kind(path: Path) -> str:
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        if path.suffix.lower() == ".xls":
            raise ReadError(
                "Filen är i det gamla binära Excelformatet (.xls). Spara den som .xlsx i Excel och importera igen.",
                "The file is in the old binary Excel format (.xls). Save it as .xlsx in Excel and import again.")
        raise ReadError(f"Filtypen {path.suffix or '(ingen)'} kan inte importeras; använd .xlsx, .xlsm, .ods, "
                        ".csv eller .json.",
                        f"The file type {path.suffix or '(none)'} cannot be imported; use .xlsx, .xlsm, .ods, "
                        ".csv or .json.")
    return kind


def check_file(path: Path) -> str:
    """Refuse what must not be parsed at all; return the file's kind."""
    kind = file_kind(path)
    if not path.exists():
        raise ReadError(f"Filen {path} finns inte.", f"The file {path} does not exist.")
    if not path.is_file():
        # A folder, a pipe or a device: opening a pipe would wait for ever.
        raise ReadError(f"{path.name} är ingen vanlig fil (en mapp eller en enhet) och kan inte läsas.",
                        f"{path.name} is not an ordinary file (a folder or a device) and cannot be read.")
    size = path.stat().st_size
    if size == 0:
        raise ReadError("Filen är tom.", "The file is empty.")
    if size > MAX_FILE_BYTES:
        raise ReadError(f"Filen är för stor ({size // 2**20} MB; högst {MAX_FILE_BYTES // 2**20} MB).",
                        f"The file is too large ({size // 2**20} MB; at most {MAX_FILE_BYTES // 2**20} MB).")
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise ReadError(f"Filen kan inte öppnas; ett annat program kan ha låst den ({exc.strerror}).",
                        f"The file cannot be opened; another program may have it locked ({exc.strerror}).") \
            from None
    for magic, sv, en in MAGIC:
        if head.startswith(magic):
            raise ReadError(f"Filen är inte det namnet säger: den är {sv}.",
                            f"The file is not what its name says: it is {en}.")
    if kind in ("csv", "json") and head.startswith(b"PK\x03\x04"):
        raise ReadError(f"Filen är en Excelarbetsbok (.xlsx) med namnet {path.suffix}; byt namn till .xlsx.",
                        f"The file is an Excel workbook (.xlsx) named {path.suffix}; rename it to .xlsx.")
    if kind in ("csv", "json") and head == OLE_MAGIC:
        raise ReadError("Filen är i det gamla binära Excelformatet (.xls). Spara den som .xlsx i Excel.",
                        "The file is in the old binary Excel format (.xls). Save it as .xlsx in Excel.")
    if kind in ("xlsx", "ods"):
        if head == OLE_MAGIC:
            if path.suffix.lower() in (".xlsx", ".xlsm"):
                raise ReadError("Arbetsboken är lösenordsskyddad (krypterad). Ta bort lösenordet i Excel och "
                                "importera igen.",
                                "The workbook is password-protected (encrypted). Remove the password in Excel "
                                "and import again.")
            raise ReadError("Filen är i ett gammalt binärt format; spara den som .xlsx.",
                            "The file is in an old binary format; save it as .xlsx.")
        check_zip(path)
    return kind


def check_zip(path: Path) -> None:
    """Declared sizes and compression ratios, read from the zip directory without unpacking."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise ReadError(f"Filen är skadad eller ingen arbetsbok ({exc}).",
                        f"The file is damaged or not a workbook ({exc}).") from exc
    if len(members) > MAX_MEMBERS:
        raise ReadError("Arbetsboken innehåller orimligt många delar.", "The workbook has an unreasonable number of parts.")
    sheets = sum(1 for m in members if m.filename.startswith(("xl/worksheets/sheet", "xl/chartsheets/sheet")))
    if sheets > MAX_SHEETS:
        raise ReadError(f"Arbetsboken har {sheets} blad; högst {MAX_SHEETS} läses.",
                        f"The workbook has {sheets} sheets; at most {MAX_SHEETS} are read.")
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > 1024 * 1024 and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise ReadError(
                f"Arbetsboken packas upp {member.file_size // max(member.compress_size, 1)} gånger större "
                f"({member.filename}); det ser ut som en zip-bomb och läses inte.",
                f"The workbook unpacks {member.file_size // max(member.compress_size, 1)} times larger "
                f"({member.filename}); it looks like a zip bomb and is not read.")
    if total > MAX_UNPACKED_BYTES:
        raise ReadError(f"Arbetsboken packas upp till {total // 2**20} MB; gränsen är {MAX_UNPACKED_BYTES // 2**20} MB.",
                        f"The workbook unpacks to {total // 2**20} MB; the limit is {MAX_UNPACKED_BYTES // 2**20} MB.")
    _refuse_entities(path, members)


def _refuse_entities(path: Path, members) -> None:
    """Excel never writes a DOCTYPE; one with entities is the "billion laughs" XML bomb. Only the
    head of each part is unpacked to look."""
    with zipfile.ZipFile(path) as archive:
        for member in members:
            if not member.filename.endswith((".xml", ".rels")):
                continue
            try:
                with archive.open(member) as part:
                    head = part.read(_XML_HEAD)
            except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as exc:
                raise ReadError(f"Filen är skadad ({exc}).", f"The file is damaged ({exc}).") from None
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise ReadError(f"Arbetsboken innehåller XML-entitetsdeklarationer ({member.filename}), som Excel "
                                "aldrig skriver; den kan vara byggd för att fylla minnet och läses inte.",
                                f"The workbook contains XML entity declarations ({member.filename}), which Excel "
                                "never writes; it may be built to fill the memory and is not read.")


def read_file(path: str | Path, *, timeout: float = CHILD_TIMEOUT, memory_bytes: int = CHILD_MEMORY_BYTES,
              cancelled: Callable[[], bool] | None = None) -> FileData:
    """Parse the file in a child process. Raises ReadError (with a reason) or ReadCancelled."""
    path = Path(path)
    kind = check_file(path)
    env = {**os.environ, "STYRKORT_READ_MEMORY": str(memory_bytes)}
    root = str(Path(__file__).resolve().parents[3])
    env["PYTHONPATH"] = root + os.pathsep + env.get("PYTHONPATH", "")
    with open(os.devnull, "rb") as devnull:
        child = subprocess.Popen([sys.executable, "-m", "app.services.exchange.reading", str(path), kind],
                                 stdin=devnull, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    import threading

    def drain() -> None:
        chunks.append(child.stdout.read())

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    while reader.is_alive():
        reader.join(0.05)
        if cancelled is not None and cancelled():
            child.kill()
            child.wait()
            raise ReadCancelled()
        if time.monotonic() > deadline:
            child.kill()
            child.wait()
            raise ReadError(f"Läsningen tog mer än {timeout:.0f} s och avbröts.",
                            f"Reading took more than {timeout:.0f} s and was stopped.")
    stderr = child.stderr.read().decode("utf-8", "replace")
    code = child.wait()
    payload = b"".join(chunks)
    if code != 0 or not payload:
        last = stderr.strip().splitlines()[-1] if stderr.strip() else f"exit code {code}"
        if code < 0:
            import signal

            last = signal.Signals(-code).name
        elif "MemoryError" in stderr or "memory allocation" in stderr:
            last = "MemoryError"
        if code < 0 or "MemoryError" in stderr:
            raise ReadError(f"Filen kunde inte läsas: läsaren avbröts ({last}). Filen kan vara skadad eller "
                            "byggd för att krascha program.",
                            f"The file could not be read: the reader was stopped ({last}). The file may be "
                            "damaged or crafted to crash programs.")
        raise ReadError(f"Filen kunde inte läsas: {last}", f"The file could not be read: {last}")
    status, result = pickle.loads(payload)
    if status == "error":
        raise ReadError(*result)
    return result


def column_letter(index: int) -> str:
    """A 0-based column index as Excel's letters (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# --- the child side -------------------------------------------------------------------------------

def _limit_memory() -> None:
    try:
        import resource
    except ImportError:  # Windows: the timeout still holds
        return
    limit = int(os.environ.get("STYRKORT_READ_MEMORY", CHILD_MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _decode(raw: bytes) -> tuple[str, str]:
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Notepad's and Excel's "Unicode text"
        return raw.decode("utf-16"), "utf-16"
    if b"\0" in raw[:4000]:
        sample = raw[:4000]
        # UTF-16 without a byte order mark: every other byte of plain text is NUL.
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if max(even, odd) > len(sample) // 4 and min(even, odd) < len(sample) // 50:
            encoding = "utf-16-le" if odd > even else "utf-16-be"
            try:
                return raw.decode(encoding), encoding
            except UnicodeDecodeError:
                pass
        raise ReadError("Filen är ingen text (den innehåller nollbyte); är det verkligen en CSV-fil?",
                        "The file is not text (it holds NUL bytes); is it really a CSV file?")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1"), "latin-1"


def _read_csv(path: str) -> FileData:
    text, encoding = _decode(Path(path).read_bytes())
    sample = text[:20000].splitlines()[:60]
    # The delimiter that splits the most lines into the most fields; preambles have few.
    delimiter = max(";,\t", key=lambda d: sum(min(line.count(d), 50) for line in sample))
    rows = [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    return FileData(path, "csv", [SheetData(Path(path).stem, rows)], encoding=encoding)


KOLADA_COLUMNS = ["kpi", "municipality", "ou", "period", "gender", "value", "count", "status"]


def _read_json(path: str) -> FileData:
    text, encoding = _decode(Path(path).read_bytes())
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        return FileData(path, "json", [], json_kind=f"invalid:{exc}")
    if isinstance(doc, dict) and isinstance(doc.get("values"), list):
        values = doc["values"]
    elif isinstance(doc, list):
        values = doc
    else:
        return FileData(path, "json", [], json_kind="unknown")
    if values and isinstance(values[0], dict) and "title" in values[0] and "id" in values[0]:
        # Kolada /v2/kpi: the KPI catalogue.
        keys = ["id", "title", "description", "operating_area", "is_divided_by_gender", "municipality_type"]
        rows = [keys] + [[item.get(k) for k in keys] for item in values if isinstance(item, dict)]
        return FileData(path, "json", [SheetData("kpi", rows)], json_kind="kolada-kpi")
    items = [item for item in values if isinstance(item, dict)]
    if values and not any("kpi" in item and isinstance(item.get("values"), list) for item in items):
        return FileData(path, "json", [], json_kind="unknown")
    # /v2/data has 'municipality', /v2/oudata has 'ou': keep the key the document uses.
    keys = [k for k in KOLADA_COLUMNS[:3] if k == "kpi" or any(k in item for item in items)]
    rows = [keys + KOLADA_COLUMNS[3:]]
    paths = [""]
    top = "values" if isinstance(doc, dict) else ""
    for number, item in enumerate(values):
        if not isinstance(item, dict):
            continue
        for inner, entry in enumerate(item.get("values") or []):
            if not isinstance(entry, dict):
                continue
            rows.append([item.get(k) for k in keys] + [item.get("period"), entry.get("gender"),
                                                       entry.get("value"), entry.get("count"), entry.get("status")])
            paths.append(f"{top}[{number}].values[{inner}]")
    return FileData(path, "json", [SheetData("data", rows, paths=paths)], json_kind="kolada-data")


def _formula_or_error_sheets(path: str) -> set[str]:
    """Worksheet parts with formulas or error cells: calamine reads both as '' (empty)."""
    flagged = set()
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet") and name.endswith(".xml"):
                with archive.open(name) as part:
                    tail = b""
                    while chunk := part.read(1 << 20):
                        block = tail + chunk
                        if b"<f>" in block or b"<f " in block or b't="e"' in block:
                            flagged.add(name)
                            break
                        tail = block[-8:]
    return flagged


def _openpyxl_sheet(path: str, name: str) -> list[list[object]]:
    import openpyxl

    values = openpyxl.load_workbook(path, read_only=True, data_only=True)
    formulas = openpyxl.load_workbook(path, read_only=True, data_only=False)
    rows = []
    for value_row, formula_row in zip(values[name].iter_rows(), formulas[name].iter_rows()):
        row = []
        for cell, fcell in zip(value_row, formula_row):
            value = getattr(cell, "value", None)
            if getattr(cell, "data_type", None) == "e":
                value = ErrorCell(value)
            elif value is None and isinstance(fcell.value, str) and fcell.value.startswith("="):
                value = FormulaCell(fcell.value)
            elif isinstance(value, int) and not isinstance(value, bool):
                value = float(value)
            row.append(value)
        rows.append(row)
    return rows


def _read_workbook(path: str, kind: str) -> FileData:
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_path(path)
    except python_calamine.PasswordError:
        raise ReadError("Arbetsboken är lösenordsskyddad.", "The workbook is password-protected.") from None
    except Exception as exc:  # calamine raises several types for damaged files
        raise ReadError(f"Filen är skadad eller ingen arbetsbok ({exc}).",
                        f"The file is damaged or not a workbook ({exc}).") from None
    flagged = _formula_or_error_sheets(path) if kind == "xlsx" else set()
    sheets = []
    for index, meta in enumerate(book.sheets_metadata):
        if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
            continue
        sheet = book.get_sheet_by_name(meta.name)
        if f"xl/worksheets/sheet{index + 1}.xml" in flagged:
            rows = _openpyxl_sheet(path, meta.name)
        else:
            rows = sheet.to_python(skip_empty_area=False)
        merged = []
        for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or []:
            merged.append((r0, c0, r1, c1))
        hidden = meta.visible != python_calamine.SheetVisibleEnum.Visible
        sheets.append(SheetData(meta.name, rows, hidden=hidden, merged=merged))
    return FileData(path, kind, sheets)


def _share_strings(data: FileData) -> None:
    """One object per distinct text: codes repeat on every row, and each copy would be pickled,
    sent and kept by the parent. A text longer than Excel's cell limit is refused here, at its cell."""
    seen: dict[str, str] = {}
    for sheet in data.sheets:
        for number, row in enumerate(sheet.rows, 1):
            for index, cell in enumerate(row):
                if type(cell) is str:
                    if len(cell) > EXCEL_CELL_LIMIT:
                        raise ReadError(
                            f"cellen har {len(cell)} tecken; en cell rymmer högst {EXCEL_CELL_LIMIT}",
                            f"the cell has {len(cell)} characters; a cell holds at most {EXCEL_CELL_LIMIT}",
                            (sheet.name, number, column_letter(index)))
                    row[index] = seen.setdefault(cell, cell)


def _child_main(path: str, kind: str) -> None:
    import gc

    gc.disable()  # short-lived and cycle-free: the collector would only rescan the rows
    _limit_memory()
    try:
        if kind == "csv":
            data: object = ("ok", _read_csv(path))
        elif kind == "json":
            data = ("ok", _read_json(path))
        else:
            data = ("ok", _read_workbook(path, kind))
        _share_strings(data[1])
    except ReadError as exc:
        data = ("error", (exc.sv, exc.en, exc.where))
    sys.stdout.buffer.write(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    # Through the package's name, so that the pickled classes are found by the parent.
    from app.services.exchange import reading

    reading._child_main(sys.argv[1], sys.argv[2])
