"""Importing real files: every shape, the public samples, malformed files, undo and redo."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zipfile
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa
import xlsxwriter

from app.models import ImportBatch, Indicator, OrgUnit, ProviderType, Result, Target, UnitKind
from app.models.errors import StyrkortError
from app.services.exchange.importing import ImportOptions, plan_import, redo_batch, run_import, undo_batch

SKOLVERKET = "skolverket/grundskola_slutbetyg_ak9_2024-25_skolenhet.csv"


def table_digest(store) -> str:
    """A digest of the rows that an import may touch: equal digests mean an unchanged database."""
    with store.session() as session:
        rows = [session.execute(sa.select(model.__table__)).all()
                for model in (Result, Target, OrgUnit, Indicator, ImportBatch)]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def result_value(store, indicator: str, unit: str, period: str, gender: str = "T"):
    from app.models import Period

    with store.session() as session:
        return session.execute(
            sa.select(Result.value).join(Indicator, Indicator.id == Result.indicator_id)
            .join(OrgUnit, OrgUnit.id == Result.unit_id).join(Period, Period.id == Result.period_id)
            .where(Indicator.code == indicator, OrgUnit.code == unit, Period.code == period,
                   Result.gender == gender)).scalar_one()


def workbook(path: Path, rows: list[list], title: str = "Utfall") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def lines(plan) -> list[str]:
    return [p.line("en") for p in plan.problems]


# --- every shape -------------------------------------------------------------------------------

def test_long_file_with_title_rows_and_swedish_values_imports(demo_store, tmp_path):
    path = workbook(tmp_path / "utforare.xlsx", [
        ["Resultat från Kunskapsvägen Skolor AB"], [],
        ["Nyckeltal", "Utförare", "År", "Kön", "Utfall", "Målvärde", "Kommentar"],
        ["UB01", "GR04", 2026, "Totalt", "81,5", "85", "Ny mätning"],
        ["UB02", "GR04", "2026", "K", "1 234,5 %", None, None],
        ["UB03", "GR04", 2026.0, "M", "\u22123,5", None, ""],
    ])
    # Both are outside the indicators' ranges: refused, with where and why.
    plan = run_import(demo_store, path)
    assert lines(plan) == ["utforare.xlsx:Utfall:5:E: 1234.5 is outside the indicator's range 0–100 (UB02)",
                           "utforare.xlsx:Utfall:6:E: -3.5 is outside the indicator's range 0–340 (UB03)"]
    path = workbook(tmp_path / "utforare.xlsx", [
        ["Resultat från Kunskapsvägen Skolor AB"], [],
        ["Nyckeltal", "Utförare", "År", "Kön", "Utfall", "Målvärde", "Kommentar"],
        ["UB01", "GR04", 2026, "Totalt", "81,5", "85", "Ny mätning"],
        ["UB02", "GR04", "2026", "K", "93,4 %", None, None],
        ["UB03", "GR04", 2026.0, "M", "231,5", None, ""],
    ])
    plan = run_import(demo_store, path)
    assert plan.ok and plan.counts()["new"] == 4  # three results and one target
    assert result_value(demo_store, "UB01", "GR04", "2026") == 81.5
    assert result_value(demo_store, "UB02", "GR04", "2026", "K") == 93.4
    with demo_store.session() as session:
        batch = session.get(ImportBatch, plan.batch_id)
        assert batch.file_name == "utforare.xlsx" and len(batch.checksum) == 64 and batch.user


def test_wide_by_period_imports(demo_store, tmp_path):
    path = workbook(tmp_path / "tertial.xlsx", [
        ["Indikator", "Enhet", "2026T1", "2026T2", "2026T3"],
        ["OM02", "HT01", 14, "13,5", ".."],
    ])
    plan = run_import(demo_store, path)
    assert plan.ok, lines(plan)
    assert result_value(demo_store, "OM02", "HT01", "2026T2") == 13.5
    assert result_value(demo_store, "OM02", "HT01", "2026T3") is None


def test_kolada_api_csv_cp1252_and_json(demo_store, tmp_path):
    csv_path = tmp_path / "kolada.csv"
    csv_path.write_bytes("kpi,municipality,period,gender,value,count,status\n"
                         "N15419,0180,2026,T,77.5,1,\nN15419,0180,2026,K,,1,Inga uppgifter\n"
                         .encode("cp1252"))
    plan = run_import(demo_store, csv_path, ImportOptions(create_missing=True))
    assert plan.ok, lines(plan)
    assert result_value(demo_store, "UB01", "0180", "2026") == 77.5
    with demo_store.session() as session:
        unit = session.execute(sa.select(OrgUnit).where(OrgUnit.code == "0180")).scalar_one()
        assert unit.kind is UnitKind.REFERENCE and unit.municipality_code == "0180"
    doc = {"values": [{"kpi": "N15419", "municipality": "0180", "period": 2025,
                       "values": [{"gender": "T", "value": 70.25, "count": 1, "status": None}]}]}
    json_path = tmp_path / "kolada.json"
    json_path.write_text(json.dumps(doc), encoding="utf-8")
    plan = run_import(demo_store, json_path)
    assert plan.ok, lines(plan)
    assert result_value(demo_store, "UB01", "0180", "2025") == 70.25


# --- the public samples, unedited --------------------------------------------------------------

def test_skolverket_export_imports_as_it_is(empty_store, shared_data):
    path = shared_data / SKOLVERKET
    refused = run_import(empty_store, path)
    assert "1714 unknown units" in lines(refused)[0] and "create them with --create-missing" in lines(refused)[0]
    plan = run_import(empty_store, path, ImportOptions(create_missing=True))
    assert plan.ok and plan.rows_read == 1714
    with empty_store.session() as session:
        units = {u.code: u for u in session.execute(sa.select(OrgUnit)).scalars()}
        assert len(units) == 1714
        # Two schools called Gärdesskolan: keyed on Skol-enhetskod, both kept.
        assert sum(u.name == "Gärdesskolan" for u in units.values()) == 2
        assert units["41176931"].provider_type is ProviderType.IN_HOUSE  # Kommunal
        assert units["86758230"].provider_type is ProviderType.EXTERNAL  # Enskild
        assert units["86758230"].municipality_code == "0180"
        assert units["86758230"].org_number == "812000-5650"
    assert result_value(empty_store, "N15505", "24937512", "2025") == 288.5
    assert result_value(empty_store, "N15436", "86758230", "2025") is None  # '~100' is not a number
    assert result_value(empty_store, "N15419", "48000763", "2025") is None  # '.' no data
    before = table_digest(empty_store)
    again = run_import(empty_store, path, ImportOptions(create_missing=True))
    assert again.counts()["new"] == 0 and again.counts()["changed"] == 0 and again.batch_id is None
    assert table_digest(empty_store) == before


def test_kolada_gender_and_total_files_join_on_stored_kolada_ids(demo_store, shared_data):
    # The demo's 2022 is closed: results for it are refused until the user chooses to import them.
    refused = run_import(demo_store, shared_data / "kolada/kolada_u21468_by_kommun_gender_year.csv",
                         ImportOptions(create_missing=True))
    assert not refused.ok and "perioden 2022 är stängd" in refused.problems[0].sv
    gender = run_import(demo_store, shared_data / "kolada/kolada_u21468_by_kommun_gender_year.csv",
                        ImportOptions(create_missing=True, closed_periods=True))
    total = run_import(demo_store, shared_data / "kolada/kolada_u21468_by_kommun_year_total.csv",
                       ImportOptions(create_missing=True, closed_periods=True))
    assert gender.ok and total.ok
    # U21468 is OM01's Kolada id: no new indicator.
    assert not gender.missing_indicators
    assert result_value(demo_store, "OM01", "0180", "2022", "K") == 82.0
    assert result_value(demo_store, "OM01", "0000", "2013", "M") == 90.0
    assert result_value(demo_store, "OM01", "0114", "2012") == 87.0
    with demo_store.session() as session:
        riket = session.execute(sa.select(OrgUnit).where(OrgUnit.code == "0000")).scalar_one()
        assert riket.name == "Riket"
        assert session.execute(sa.select(OrgUnit.name).where(OrgUnit.code == "0180")).scalar() == "Stockholm"


def test_kolada_indicator_is_created_from_kpi_metadata(empty_store, shared_data):
    plan = run_import(empty_store, shared_data / "kolada/kolada_u21468_by_kommun_year_total.csv",
                      ImportOptions(create_missing=True))
    assert plan.ok
    with empty_store.session() as session:
        indicator = session.execute(sa.select(Indicator)).scalar_one()
        assert indicator.kolada_kpi_id == "U21468"
        assert indicator.name.startswith("Brukarbedömning hemtjänst äldreomsorg")


def test_kolada_kpi_catalogue_json_imports(empty_store, shared_data):
    path = shared_data / "kolada/kolada_api_kpi_metadata_K_2020.json"
    plan = run_import(empty_store, path, ImportOptions(create_missing=True))
    assert plan.ok and len(plan.missing_indicators) == 110
    with empty_store.session() as session:
        assert session.execute(sa.select(Indicator.name).where(Indicator.kolada_kpi_id == "N00002")).scalar() \
            == "Personalkostnader som andel av verksamhetens kostnader, andel (%)"


# --- malformed files: a located message and an unchanged database ------------------------------

def _assert_refused(store, path, *expected, options=None):
    before = table_digest(store)
    try:
        plan = run_import(store, path, options)
        found = lines(plan)
        assert found, "the file was accepted"
    except StyrkortError as exc:
        found = [exc.en]
    for text in expected:
        assert any(text in line for line in found), found
    assert table_digest(store) == before
    return found


def test_missing_header(demo_store, tmp_path):
    path = workbook(tmp_path / "utan.xlsx", [["Rapport"], ["UB01", "GR01", 2025, 1.0]])
    _assert_refused(demo_store, path, "utan.xlsx:Utfall:")


def test_wrong_types_are_located(demo_store, tmp_path):
    path = workbook(tmp_path / "typer.xlsx", [["Indikator", "Enhet", "Period", "Utfall"],
                                              ["UB01", "GR01", 2026, "många"], ["UB01", "GR02", "året", 3]])
    _assert_refused(demo_store, path, "typer.xlsx:Utfall:2:D: Utfall: 'många' is not a number",
                    "typer.xlsx:Utfall:3:C:")


def test_duplicates_are_flagged(demo_store, tmp_path):
    path = workbook(tmp_path / "dubbel.xlsx", [["Indikator", "Enhet", "Period", "Utfall"],
                                               ["UB01", "GR01", 2026, 80], ["UB01", "GR01", 2026, 81]])
    _assert_refused(demo_store, path, "dubbel.xlsx:Utfall:3:D: duplicate: same indicator, unit, period and "
                                      "gender as row 2")


def test_unknown_codes_are_listed_together(demo_store, tmp_path):
    path = workbook(tmp_path / "okand.xlsx", [["Indikator", "Enhet", "Period", "Utfall"],
                                              ["UB01", "X1", 2026, 80], ["UB01", "X2", 2026, 81],
                                              ["ZZ99", "GR01", 2026, 3]])
    found = _assert_refused(demo_store, path, "okand.xlsx:Utfall:2:B: 2 unknown units in column 'Enhet': 'X1' (row 2), 'X2' (row 3)",
                            "okand.xlsx:Utfall:4:A: 1 unknown indicator in column 'Indikator': 'ZZ99' (row 4)")
    assert len(found) == 2


def test_empty_sheet(demo_store, tmp_path):
    _assert_refused(demo_store, workbook(tmp_path / "tom.xlsx", []), "tom.xlsx:Utfall::: the sheet is empty")


def test_hidden_sheet_is_not_imported_unless_chosen(demo_store, tmp_path):
    path = tmp_path / "dold.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Tom"
    hidden = book.create_sheet("Data")
    for row in (["Indikator", "Enhet", "Period", "Utfall"], ["UB01", "GR01", 2026, 80]):
        hidden.append(row)
    hidden.sheet_state = "hidden"
    book.save(path)
    _assert_refused(demo_store, path, 'dold.xlsx:Data::: the sheet is hidden and is only imported when chosen')
    assert run_import(demo_store, path, ImportOptions(sheet="Data")).ok


def test_merged_header_cells(demo_store, tmp_path):
    path = tmp_path / "merged.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Utfall"
    sheet.append(["Indikator", "Enhet", "Period", "Utfall", None])
    sheet.append(["UB01", "GR01", 2026, 80, 1])
    sheet.merge_cells("D1:E1")
    book.save(path)
    _assert_refused(demo_store, path, "merged.xlsx:Utfall:1:D: merged header cells D–E")


def test_password_protected_corrupt_and_xls_files(demo_store, tmp_path):
    encrypted = tmp_path / "skyddad.xlsx"  # an encrypted workbook is an OLE container, not a zip
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    _assert_refused(demo_store, encrypted, "skyddad.xlsx", "password-protected")
    corrupt = tmp_path / "trasig.xlsx"
    corrupt.write_bytes(workbook(tmp_path / "hel.xlsx", [["a", "b"]]).read_bytes()[:300])
    _assert_refused(demo_store, corrupt, "trasig.xlsx", "damaged")
    old = tmp_path / "gammal.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    _assert_refused(demo_store, old, "gammal.xls", "old binary Excel format (.xls)")


def test_hostile_files_cannot_take_the_app_down(demo_store, tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (40 * 1024 * 1024))
    _assert_refused(demo_store, bomb, "zip bomb")
    # python-calamine aborts the process on cells at A1 and XFD1048576: only the child dies.
    huge = tmp_path / "huge.xlsx"
    book = xlsxwriter.Workbook(str(huge))
    sheet = book.add_worksheet()
    sheet.write(0, 0, "a")
    sheet.write(1048575, 16383, "b")
    book.close()
    _assert_refused(demo_store, huge, "huge.xlsx", "could not be read")


def test_formula_without_value_and_error_cell_are_not_taken_for_empty(demo_store, tmp_path):
    path = tmp_path / "formler.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Utfall"
    sheet.append(["Indikator", "Enhet", "Period", "Utfall"])
    sheet.append(["UB01", "GR01", 2026, "=B1/0"])
    sheet.append(["UB01", "GR02", 2026, "#DIV/0!"])
    sheet["D3"].data_type = "e"
    book.save(path)
    _assert_refused(demo_store, path, "formler.xlsx:Utfall:2:D: Utfall: formula without a calculated value",
                    "formler.xlsx:Utfall:3:D: Utfall: error value #DIV/0!")


# --- preview, mapping, undo ------------------------------------------------------------------

def test_preview_shows_old_and_new_and_reimport_changes_nothing(demo_store, tmp_path):
    old = result_value(demo_store, "UB01", "GR01", "2025")
    path = workbook(tmp_path / "rattelse.xlsx", [["Indikator", "Enhet", "Period", "Utfall"],
                                                 ["UB01", "GR01", 2025, old + 1], ["UB01", "GR02", 2025,
                                                                                   result_value(demo_store, "UB01", "GR02", "2025")]])
    with demo_store.session() as session:
        plan = plan_import(session, path)
    changed = [p for p in plan.preview if p.status == "changed"]
    assert [(p.unit, p.old, p.new) for p in changed] == [("GR01", old, old + 1)]
    assert plan.counts()["unchanged"] == 1
    assert run_import(demo_store, path).batch_id is not None
    assert run_import(demo_store, path).batch_id is None


def test_undo_and_redo_a_batch(demo_store, tmp_path):
    old = result_value(demo_store, "UB01", "GR01", "2025")
    before = table_digest(demo_store)
    path = workbook(tmp_path / "batch.xlsx", [["Indikator", "Enhet", "Period", "Utfall", "Målvärde"],
                                              ["UB01", "GR01", 2025, old + 5, None],
                                              ["UB01", "NY01", 2026, 50, 70]])
    plan = run_import(demo_store, path, ImportOptions(create_missing=True))
    assert plan.ok
    after = table_digest(demo_store)
    with demo_store.transaction() as session:
        undo_batch(session, plan.batch_id)
    assert result_value(demo_store, "UB01", "GR01", "2025") == old
    with demo_store.session() as session:
        assert session.execute(sa.select(OrgUnit).where(OrgUnit.code == "NY01")).scalar() is None
        assert session.get(ImportBatch, plan.batch_id).undone_at is not None
    with demo_store.transaction() as session:
        redo_batch(session, plan.batch_id)
    assert result_value(demo_store, "UB01", "GR01", "2025") == old + 5
    assert result_value(demo_store, "UB01", "NY01", "2026") == 50
    with demo_store.transaction() as session:
        undo_batch(session, plan.batch_id)
    assert result_value(demo_store, "UB01", "GR01", "2025") == old
    assert before != after


def test_a_saved_mapping_is_reused_for_the_same_source(demo_store, tmp_path):
    from app.services.exchange.shapes import LONG, Mapping

    rows = [["Mätetal", "Ställe", "Tid", "Siffra"], ["UB01", "GR01", 2026, 80]]
    path = workbook(tmp_path / "egen.xlsx", rows)
    refused = run_import(demo_store, path)
    assert not refused.ok
    mapping = Mapping(0, LONG, {0: "indicator", 1: "unit", 2: "period", 3: "value"})
    plan = run_import(demo_store, path, ImportOptions(mapping=mapping, save_mapping=True))
    assert plan.ok
    rows[1] = ["UB01", "GR02", 2026, 79]
    plan = run_import(demo_store, workbook(tmp_path / "egen2.xlsx", rows))
    assert plan.ok, lines(plan)
    assert result_value(demo_store, "UB01", "GR02", "2026") == 79


def test_cancel_writes_nothing(demo_store, tmp_path):
    from app.services.exchange.importing import ImportCancelled

    path = workbook(tmp_path / "avbryt.xlsx", [["Indikator", "Enhet", "Period", "Utfall"],
                                               ["UB01", "GR01", 2026, 80]])
    before = table_digest(demo_store)
    with pytest.raises(ImportCancelled):
        run_import(demo_store, path, cancelled=lambda: True)
    assert table_digest(demo_store) == before


def test_structure_workbook_with_outline_numbering(empty_store, tmp_path):
    from app.models import Goal, GoalIndicator, Target

    path = tmp_path / "plan.xlsx"
    book = openpyxl.Workbook()
    units = book.active
    units.title = "Enheter"
    for row in (["Kod", "Namn", "Typ", "Överordnad", "Utförartyp"], ["KF", "Kommunfullmäktige", "Fullmäktige"],
                ["BUN", "Barn- och utbildningsnämnden", "Nämnd", "KF"],
                ["S1", "Ekskolan", "Enhet", "BUN", "Egen regi"]):
        units.append(row)
    goals = book.create_sheet("Mål")
    for row in (["Kod", "Titel", "Nivå"], ["1", "Kunskap", "Målområde"], ["1.1", "Fler når målen", "Mål"],
                ["1.1.2", "Meritvärdet ökar", "Delmål"], ["2", "Trygghet", "Målområde"]):
        goals.append(row)
    indicators = book.create_sheet("Indikatorer")
    indicators.append(["Kod", "Namn", "Riktning", "Min", "Max"])
    indicators.append(["M1", "Meritvärde", "Högre är bättre", 0, 340])
    links = book.create_sheet("Mål och indikatorer")
    links.append(["Mål", "Indikator", "Vikt"])
    links.append(["1.1.2", "M1", 1])
    targets = book.create_sheet("Målvärden")
    targets.append(["Indikator", "Enhet", "Period", "Målvärde"])
    targets.append(["M1", None, "2026", "235,5"])
    book.save(path)
    plan = run_import(empty_store, path)
    assert plan.ok, lines(plan)
    with empty_store.session() as session:
        by_code = {g.code: g for g in session.execute(sa.select(Goal)).scalars()}
        assert by_code["1.1"].parent_id == by_code["1"].id
        assert by_code["1.1.2"].parent_id == by_code["1.1"].id
        assert by_code["2"].parent_id is None
        link = session.execute(sa.select(GoalIndicator)).scalar_one()
        assert link.goal_id == by_code["1.1.2"].id
        assert session.execute(sa.select(Target.value)).scalar_one() == 235.5
        school = session.execute(sa.select(OrgUnit).where(OrgUnit.code == "S1")).scalar_one()
        assert school.provider_type is ProviderType.IN_HOUSE and school.parent.code == "BUN"
    # A goal numbered under a parent that does not exist is refused with its place.
    goals.append(["3.1", "Föräldralös", "Mål"])
    book.save(path)
    refused = run_import(empty_store, path)
    assert "plan.xlsx:Mål:6:A: Överordnad: unknown code '3'" in lines(refused)


def test_an_import_takes_a_backup_before_it_writes(demo_store, tmp_path):
    if demo_store.path is None:
        pytest.skip("backup files are for SQLite files; a regional database is backed up with pg_dump")
    folder = demo_store.path.parent / "backups"

    def import_backups() -> set:
        return set(folder.glob("*before-import*"))

    before = import_backups()
    path = workbook(tmp_path / "utfall.xlsx", [
        ["Nyckeltal", "Utförare", "År", "Utfall"],
        ["UB01", "GR04", 2026, "81,5"],
    ])
    assert run_import(demo_store, path, dry_run=True).ok
    assert import_backups() == before, "a dry run writes nothing, not even a backup"
    assert run_import(demo_store, path).ok
    taken = import_backups() - before
    assert len(taken) == 1
    with sqlite3.connect(taken.pop()) as backup:
        assert backup.execute("SELECT count(*) FROM import_batch").fetchone()[0] == 0
