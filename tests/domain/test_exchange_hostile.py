"""Hostile and malformed files: each is refused with a clear (where possible located) message,
the reading returns (the child process's time and memory limits bound it), and the database is
left exactly as it was. The files are written here, byte by byte where Excel would not."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from app.models.errors import StyrkortError
from app.services.exchange.importing import run_import
from tests.domain.database_content import digest

HEADER = ["Indikator", "Enhet", "Period", "Utfall", "Kommentar"]


def results_book(path: Path, rows: list[list] | None = None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Utfall"
    for row in [HEADER] + (rows if rows is not None else [["UB01", "GR01", 2026, 80, ""]]):
        sheet.append(row)
    book.save(path)
    return path


def rewrite_part(path: Path, name: str, change) -> Path:
    """Replace one part of a workbook (the sheet's XML) with `change(old bytes)`."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts[name] = change(parts[name])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for part, data in parts.items():
            target.writestr(part, data)
    return path


def billion_laughs(tmp: Path) -> Path:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";" if n > 1 else "&lol;") * 10}">' for n in range(1, 10))
    doctype = f"<!DOCTYPE worksheet [{entities}]>".encode()
    path = results_book(tmp / "skratt.xlsx")

    def poison(xml: bytes) -> bytes:
        xml = xml.replace(b"?>", b"?>" + doctype, 1) if xml.startswith(b"<?xml") else doctype + xml
        return xml.replace(b"<v>80</v>", b"<is><t>&lol9;</t></is>")

    return rewrite_part(path, "xl/worksheets/sheet1.xml", poison)


def zip_bomb(tmp: Path) -> Path:
    path = results_book(tmp / "bomb.xlsx")
    row = b'<row r="3"><c r="A3" t="inlineStr"><is><t>UB01</t></is></c></row>'
    return rewrite_part(path, "xl/worksheets/sheet1.xml",
                        lambda xml: xml.replace(b"</sheetData>", row * 800_000 + b"</sheetData>"))


def absurd_dimensions(tmp: Path) -> Path:
    path = results_book(tmp / "dimension.xlsx", [["UB01", "GR01", 2026, 80, ""]])
    return rewrite_part(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(
        b'<dimension ref="A1:E2"/>', b'<dimension ref="A1:XFD1048576"/>'))


def thousands_of_sheets(tmp: Path, count: int = 3000) -> Path:
    """A minimal, valid workbook of `count` sheets, zipped by hand (xlsxwriter takes 20 s for it)."""
    main = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    path = tmp / "blad.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{main}.sheet.main+xml"/>'
            + "".join(f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{main}.worksheet+xml"/>'
                      for n in range(1, count + 1)) + "</Types>"))
        z.writestr("_rels/.rels", f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                                  f'relationships"><Relationship Id="r1" Type="{rel}/officeDocument" '
                                  'Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", (
            f'<workbook xmlns="{main.replace("application/vnd.openxmlformats-officedocument.", "http://schemas.openxmlformats.org/")}/2006/main" '
            f'xmlns:r="{rel}"><sheets>'
            + "".join(f'<sheet name="Blad{n}" sheetId="{n}" r:id="r{n}"/>' for n in range(1, count + 1))
            + "</sheets></workbook>"))
        z.writestr("xl/_rels/workbook.xml.rels", (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="r{n}" Type="{rel}/worksheet" Target="worksheets/sheet{n}.xml"/>'
                      for n in range(1, count + 1)) + "</Relationships>"))
        for n in range(1, count + 1):
            z.writestr(f"xl/worksheets/sheet{n}.xml",
                       '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                       '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>')
    return path


def long_cell(tmp: Path) -> Path:
    """Written into the XML: openpyxl and xlsxwriter cut such a text at Excel's limit themselves."""
    text = "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(100_000))  # does not compress away
    path = results_book(tmp / "lang.xlsx", [["UB01", "GR01", 2026, 80, "LANGTEXT"]])
    with zipfile.ZipFile(path) as source:
        part = "xl/sharedStrings.xml" if "xl/sharedStrings.xml" in source.namelist() else "xl/worksheets/sheet1.xml"
    return rewrite_part(path, part, lambda xml: xml.replace(b"LANGTEXT", text.encode()))


def test_a_workbook_of_many_sheets_under_the_limit_reads(tmp_path):
    """The hand-made workbook above is a real one: under the limit it reads, sheet by sheet."""
    from app.services.exchange.reading import read_file

    data = read_file(thousands_of_sheets(tmp_path, 12))
    assert [s.name for s in data.sheets][-1] == "Blad12" and data.sheets[0].rows == [["x"]]


def formula_without_value(tmp: Path) -> Path:
    return results_book(tmp / "formel.xlsx", [["UB01", "GR01", 2026, "=1/0", ""]])


def control_characters(tmp: Path) -> Path:
    path = tmp / "styrtecken.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Utfall")
    sheet.write_row(0, 0, HEADER)
    sheet.write_row(1, 0, ["UB01", "GR\x0701", 2026, 80, "ok"])
    book.close()
    return path


def raw_control_byte(tmp: Path) -> Path:
    path = results_book(tmp / "rabyte.xlsx", [["UB01", "GR01", 2026, 80, "XXkommentar"]])
    with zipfile.ZipFile(path) as source:
        shared = "xl/sharedStrings.xml" in source.namelist()
    part = "xl/sharedStrings.xml" if shared else "xl/worksheets/sheet1.xml"
    return rewrite_part(path, part, lambda xml: xml.replace(b"XX", b"\x01\x02"))


def utf16_without_bom(tmp: Path) -> Path:
    return written(tmp / "utf16.csv", "Indikator;Enhet;Period;Utfall\nUB01;GR01;2026;8O\n".encode("utf-16-le"))


def binary_csv(tmp: Path) -> Path:
    return written(tmp / "binar.csv", bytes(range(256)) * 20)


def written(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def pdf_as_xlsx(tmp: Path) -> Path:
    return written(tmp / "rapport.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")


def png_as_xlsx(tmp: Path) -> Path:
    return written(tmp / "bild.xlsx", b"\x89PNG\r\n\x1a\n" + b"\0" * 200)


def xlsx_as_csv(tmp: Path) -> Path:
    path = results_book(tmp / "egentligen.xlsx")
    return path.rename(tmp / "egentligen.csv")


def empty_file(tmp: Path) -> Path:
    return written(tmp / "tom.xlsx", b"")


def folder(tmp: Path) -> Path:
    path = tmp / "mapp.xlsx"
    path.mkdir()
    return path


def fifo(tmp: Path) -> Path:
    """What a file held open by another program looks like to a root test run: it cannot be read
    like a file (chmod 000 does not stop root). Opening it would block forever."""
    path = tmp / "rör.csv"
    os.mkfifo(path)
    return path


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound document: .xls, or an encrypted .xlsx


def xls_binary(tmp: Path) -> Path:
    return written(tmp / "gammal.xls", OLE + b"\0" * 4000)


def password_protected(tmp: Path) -> Path:
    # Excel stores an encrypted .xlsx as an OLE compound file holding the encrypted package.
    return written(tmp / "skyddad.xlsx", OLE + b"\0" * 4000)


CATALOGUE = [
    (billion_laughs, "skratt.xlsx::::", "XML entity declarations"),
    (zip_bomb, "bomb.xlsx::::", "zip bomb"),
    (thousands_of_sheets, "blad.xlsx::::", "3000 sheets; at most"),
    (long_cell, "lang.xlsx:Utfall:2:E:", "100000 characters; a cell holds at most 32767"),
    (formula_without_value, "formel.xlsx:Utfall:2:D:", "formula without a calculated value"),
    (control_characters, "styrtecken.xlsx:Utfall:2:B:", "unknown unit in column 'Enhet': 'GR\\x0701'"),
    (utf16_without_bom, "utf16.csv:utf16:2:D:", "'8O' is not a number"),
    (binary_csv, "binar.csv::::", "not text"),
    (pdf_as_xlsx, "rapport.xlsx::::", "a PDF document"),
    (png_as_xlsx, "bild.xlsx::::", "a PNG image"),
    (xlsx_as_csv, "egentligen.csv::::", "an Excel workbook (.xlsx) named .csv"),
    (empty_file, "tom.xlsx::::", "The file is empty"),
    (folder, "mapp.xlsx::::", "not an ordinary file"),
    (fifo, "rör.csv::::", "not an ordinary file"),
    (xls_binary, "gammal.xls::::", "old binary Excel format (.xls)"),
    (password_protected, "skyddad.xlsx::::", "password-protected"),
]


@pytest.mark.parametrize(("build", "where", "message"), CATALOGUE, ids=[c[0].__name__ for c in CATALOGUE])
def test_hostile_file_is_refused_clearly_and_changes_nothing(build, where, message, demo_store, demo_path,
                                                             tmp_path):
    path = build(tmp_path)
    before = digest(demo_path)
    try:
        plan = run_import(demo_store, path)
        found = [p.line("en") for p in plan.problems]
    except StyrkortError as exc:
        found = [exc.en]
    assert found, "the file was accepted"
    assert any(line.startswith(where) and message in line for line in found), found
    assert digest(demo_path) == before


def test_a_utf16_csv_with_its_byte_order_mark_imports(demo_store, tmp_path):
    from tests.domain.test_exchange_import import result_value

    path = tmp_path / "utf16bom.csv"
    path.write_bytes("Indikator;Enhet;Period;Utfall;Kommentar\nUB01;GR01;2026;81,5;Skrivet i Anteckningar åäö\n"
                     .encode("utf-16"))
    plan = run_import(demo_store, path)
    assert plan.ok, [p.line("en") for p in plan.problems]
    assert result_value(demo_store, "UB01", "GR01", "2026") == 81.5


def test_an_absurd_declared_dimension_reads_only_the_cells_there_are(demo_store, tmp_path):
    """A1:XFD1048576 declared over two rows: sized by the cells, not by the declaration."""
    plan = run_import(demo_store, absurd_dimensions(tmp_path))
    assert plan.ok and plan.rows_read == 1, [p.line("en") for p in plan.problems]


def test_control_characters_are_kept_as_written(demo_store, tmp_path):
    """Raw control bytes in a cell (XML that Excel would not write) are data, kept exactly."""
    import sqlalchemy as sa

    from app.models import Result

    plan = run_import(demo_store, raw_control_byte(tmp_path))
    assert plan.ok, [p.line("en") for p in plan.problems]
    with demo_store.session() as session:
        comments = set(session.execute(sa.select(Result.comment)).scalars())
    assert "\x01\x02kommentar" in comments


def test_a_provider_sheet_named_like_an_export_sheet_is_still_a_results_file(demo_store, tmp_path):
    """Only a sheet with the export's own header counts as a whole-database sheet."""
    path = results_book(tmp_path / "rapport.xlsx")
    book = openpyxl.load_workbook(path)
    book.create_sheet("Aktiviteter").append(["Vad", "När"])
    book.save(path)
    plan = run_import(demo_store, path)
    assert plan.ok and len(plan.new) + len(plan.changed) + plan.unchanged == 1, [p.line("en") for p in plan.problems]
