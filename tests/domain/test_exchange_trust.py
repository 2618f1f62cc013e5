"""Issue 11: an import changes nothing the file did not mean. One regression test per defect;
each failed on the code before the fix."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa

from app.models import Indicator, OrgUnit, Period, Result
from app.services.exchange.importing import ImportOptions, plan_import, run_import
from app.services.exchange.values import COMMA, POINT, CellError, detect_decimal, parse_number


def csv_file(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def workbook(path: Path, rows: list[list], title: str = "Utfall") -> Path:
    book = openpyxl.Workbook()
    book.active.title = title
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def values(store, indicator_code: str) -> dict[str, float | None]:
    with store.session() as session:
        return dict(session.execute(
            sa.select(OrgUnit.code, Result.value).join(OrgUnit, OrgUnit.id == Result.unit_id)
            .join(Indicator, Indicator.id == Result.indicator_id).where(Indicator.code == indicator_code)).all())


# --- 1. number format per column -------------------------------------------------------------------

def test_english_thousands_are_read_per_column_not_as_decimals(empty_store, tmp_path):
    path = csv_file(tmp_path / "engelska.csv", 'Indikator,Enhet,År,Utfall\nA,U1,2025,"1,234.5"\nA,U2,2025,"14,100"\n'
                    'A,U3,2025,6.5\nA,U4,2025,"52,692,289"\n')
    plan = run_import(empty_store, path, ImportOptions(create_missing=True))
    assert plan.ok, [p.line() for p in plan.problems]
    assert values(empty_store, "A") == {"U1": 1234.5, "U2": 14100.0, "U3": 6.5, "U4": 52692289.0}
    assert "Talformat: Utfall: decimalpunkt" in plan.detail_lines("sv")


def test_a_swedish_file_keeps_working(empty_store, tmp_path):
    path = csv_file(tmp_path / "svenska.csv", "Indikator;Enhet;År;Utfall\nA;U1;2025;1 234,5\nA;U2;2025;14,1\n")
    assert run_import(empty_store, path, ImportOptions(create_missing=True)).ok
    assert values(empty_store, "A") == {"U1": 1234.5, "U2": 14.1}


def test_an_ambiguous_value_is_never_guessed_and_names_both_readings(empty_store, tmp_path):
    path = csv_file(tmp_path / "tvetydig.csv", 'Indikator,Enhet,År,Utfall\nA,U1,2025,"1,234"\n')
    plan = plan_import(empty_store.session().__enter__(), path, ImportOptions(create_missing=True))
    assert not plan.ok
    line = plan.problems[0].line("sv")
    assert line.startswith("tvetydig.csv:tvetydig:2:D:") and "1234" in line and "1.234" in line
    # The user's choice decides it.
    chosen = run_import(empty_store, path, ImportOptions(create_missing=True, decimal=COMMA))
    assert chosen.ok and values(empty_store, "A") == {"U1": 1.234}


def test_detect_decimal_from_all_cells():
    assert detect_decimal(["14,100", "1,234.5"]) == POINT
    assert detect_decimal(["14,100", "3,5"]) == COMMA
    assert detect_decimal(["14,100"]) is None
    assert parse_number("14,100", POINT) == 14100.0 and parse_number("14,100", COMMA) == 14.1
    with pytest.raises(CellError, match="talformat"):
        parse_number("1.234,5", POINT)


# --- 2. blanks never erase ---------------------------------------------------------------------------

@pytest.mark.parametrize("blank", [None, "..", "x"])
def test_a_blank_cell_never_erases_a_stored_value(demo_store, tmp_path, blank):
    first = workbook(tmp_path / "forst.xlsx", [["Indikator", "Enhet", "Period", "Utfall"], ["UB01", "GR01", 2026, 80]])
    assert run_import(demo_store, first).ok
    second = workbook(tmp_path / "tom.xlsx", [["Indikator", "Enhet", "Period", "Utfall"], ["UB01", "GR01", 2026, blank]])
    plan = run_import(demo_store, second)
    assert plan.ok and plan.result_counts()["changed"] == 0 and plan.skipped == 1
    assert "överhoppad (1 " in plan.summary("sv")
    assert values(demo_store, "UB01")["GR01"] == 80
    cleared = run_import(demo_store, second, ImportOptions(blank_clears=True))
    assert cleared.result_counts()["changed"] == 1 and values(demo_store, "UB01")["GR01"] is None


def test_blanks_follow_one_rule_in_csv_and_json(demo_store, tmp_path):
    first = csv_file(tmp_path / "a.csv", "Indikator;Enhet;Period;Utfall\nUB01;GR01;2026;80\n")
    assert run_import(demo_store, first).ok
    blank_csv = csv_file(tmp_path / "b.csv", "Indikator;Enhet;Period;Utfall\nUB01;GR01;2026;\n")
    plan = run_import(demo_store, blank_csv)
    assert plan.ok and plan.skipped == 1 and values(demo_store, "UB01")["GR01"] == 80


# --- 6. periods ---------------------------------------------------------------------------------------

def test_year_pairs_are_one_period_kind_per_column(empty_store, tmp_path):
    path = csv_file(tmp_path / "ar.csv", "Indikator;Enhet;År;Utfall\nA;U1;2010-11;1\nA;U1;2011-12;2\nA;U1;2012-13;3\n")
    plan = run_import(empty_store, path, ImportOptions(create_missing=True))
    assert plan.ok, [p.line() for p in plan.problems]
    with empty_store.session() as session:
        assert sorted(session.execute(sa.select(Period.code)).scalars()) == ["2011", "2012", "2013"]


def test_a_school_year_is_the_same_period_in_results_and_targets(empty_store, tmp_path):
    path = tmp_path / "struktur.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Indikatorer"
    book.active.append(["Kod", "Namn", "Riktning"])
    book.active.append(["A", "Andel", "Högre är bättre"])
    targets = book.create_sheet("Målvärden")
    targets.append(["Indikator", "Enhet", "Period", "Målvärde"])
    targets.append(["A", None, "2026/27", 80])
    results = book.create_sheet("Utfall")
    results.append(["Indikator", "Enhet", "Period", "Utfall"])
    results.append(["A", "U1", "2026/27", 70])
    units = book.create_sheet("Enheter")
    units.append(["Kod", "Namn", "Typ"])
    units.append(["U1", "Skolan", "Enhet"])
    book.save(path)
    plan = run_import(empty_store, path)
    assert plan.ok, [p.line() for p in plan.problems]
    with empty_store.session() as session:
        assert list(session.execute(sa.select(Period.code)).scalars()) == ["2027"]


# --- 7. closed periods --------------------------------------------------------------------------------

def test_results_for_a_closed_period_need_a_choice_and_are_flagged_late(demo_store, tmp_path):
    with demo_store.session() as session:
        closed = session.execute(sa.select(Period.code).where(Period.closed.is_(True))).scalars().first()
    path = workbook(tmp_path / "stangd.xlsx", [["Indikator", "Enhet", "Period", "Utfall"],
                                              ["UB01", "GR01", closed, 12.5]])
    refused = run_import(demo_store, path)
    assert not refused.ok
    assert f"perioden {closed} är stängd: 1 utfall (rad 2)" in refused.problems[0].line("sv")
    taken = run_import(demo_store, path, ImportOptions(closed_periods=True))
    assert taken.ok and taken.closed_rows == 1
    with demo_store.session() as session:
        late = session.execute(sa.select(Result.late).join(Period, Period.id == Result.period_id)
                               .join(OrgUnit, OrgUnit.id == Result.unit_id)
                               .join(Indicator, Indicator.id == Result.indicator_id)
                               .where(Period.code == closed, OrgUnit.code == "GR01",
                                      Indicator.code == "UB01", Result.gender == "T")).scalar_one()
    assert late is True


# --- 8. messages and counts ----------------------------------------------------------------------------

def test_singular_forms_and_counts_that_add_up(demo_store, tmp_path):
    path = workbook(tmp_path / "en.xlsx", [["Indikator", "Enhet", "Period", "Utfall"], ["UB01", "GR01", 2026, 80]])
    plan = run_import(demo_store, path)
    assert plan.summary("sv").startswith("1 rad läst: 1 ny, 0 ändrade, 0 oförändrade, 0 överhoppade")
    again = plan_import(demo_store.session().__enter__(), path)
    assert "1 oförändrad" in again.summary("sv")


# --- 4. ambiguous headers; previews name what they create ------------------------------------------

def test_an_english_unit_header_never_becomes_the_organisational_unit(empty_store, tmp_path):
    path = csv_file(tmp_path / "catalogue.csv", "Indicator,Unit,Year,Value\nA,Percentage,2025,5\nB,Index,2025,7\n")
    plan = run_import(empty_store, path, ImportOptions(create_missing=True))
    assert not plan.ok and "'Unit' kan vara måttenhet" in plan.problems[0].sv
    with empty_store.session() as session:
        assert session.execute(sa.select(sa.func.count()).select_from(OrgUnit)).scalar() == 0


def test_a_dry_run_lists_by_name_what_it_would_create(empty_store, tmp_path):
    path = csv_file(tmp_path / "ny.csv", "Indikator;Enhet;År;Utfall\nA;U1;2025;1\nB;U2;2026;2\n")
    plan = run_import(empty_store, path, ImportOptions(create_missing=True), dry_run=True)
    assert plan.created_names() == {"units": ["U1", "U2"], "indicators": ["A", "B"], "periods": ["2025", "2026"]}
    assert "Nya perioder (2): 2025, 2026" in plan.detail_lines("sv")


# --- 5. structure workbooks never silently rewrite existing goals ------------------------------------

def test_a_structure_workbook_does_not_rewrite_an_existing_goal_without_a_choice(demo_store, tmp_path):
    path = tmp_path / "annan_region.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Mål"
    book.active.append(["Kod", "Titel", "Nivå", "Överordnad"])
    book.active.append(["1", "Annat målområde", "Målområde", None])
    book.active.append(["1.1", "Annan region: kortare köer", "Mål", "1"])
    book.save(path)
    from app.models import Goal

    def title():
        with demo_store.session() as session:
            return session.execute(sa.select(Goal.title).where(Goal.code == "1.1")).scalar_one()

    refused = run_import(demo_store, path, ImportOptions(create_missing=True))
    assert not refused.ok and title() == "Vården ges i rätt tid"
    lines = [p.line("sv") for p in refused.problems]
    assert any("mål 1.1 finns redan och skulle ändras (Titel: 'Vården ges i rätt tid' → "
               "'Annan region: kortare köer'" in line for line in lines), lines
    assert any("Mål 1.1: Titel: 'Vården ges i rätt tid' → 'Annan region: kortare köer'" in line
               for line in refused.detail_lines("sv"))
    taken = run_import(demo_store, path, ImportOptions(update_existing=True))
    assert taken.ok and title() == "Annan region: kortare köer"


# --- 8. messages ------------------------------------------------------------------------------------

def test_an_unsupported_json_names_the_shapes_that_are(empty_store, tmp_path):
    path = tmp_path / "skola.json"
    path.write_text('{"meta": {"source": "x"}, "rows": {"a": 1}}', encoding="utf-8")
    with pytest.raises(Exception) as caught:
        plan_import(empty_store.session().__enter__(), path)
    text = getattr(caught.value, "sv", str(caught.value))
    assert "tomt" not in text and "stöds inte" in text and "Kolada" in text


def test_problems_in_every_sheet_are_found_in_one_pass(empty_store, tmp_path):
    path = tmp_path / "fel.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Indikatorer"
    book.active.append(["Kod", "Namn", "Riktning"])
    book.active.append(["A", "Andel", "åt sidan"])
    results = book.create_sheet("Utfall")
    results.append(["Indikator", "Enhet", "Period", "Utfall"])
    results.append(["A", "U1", 2025, "inget tal"])
    book.save(path)
    plan = run_import(empty_store, path, ImportOptions(create_missing=True))
    sheets = {p.sheet for p in plan.problems}
    assert sheets == {"Indikatorer", "Utfall"}, [p.line() for p in plan.problems]


def test_a_problem_in_json_names_its_json_path(demo_store, tmp_path):
    path = tmp_path / "kolada.json"
    path.write_text('{"values": [{"kpi": "N15419", "municipality": "0180", "period": 2024, "values": ['
                    '{"gender": "T", "value": 80}, {"gender": "Q", "value": 81}]}]}', encoding="utf-8")
    plan = plan_import(demo_store.session().__enter__(), path, ImportOptions(create_missing=True))
    assert any(p.line("sv").startswith("kolada.json:values[0].values[1].gender:") for p in plan.problems), \
        [p.line() for p in plan.problems]


# --- 9. direction: unknown stays unknown; "närmast målvärdet är bäst" ---------------------------------

def _indicator_book(path: Path, direction: str | None) -> Path:
    book = openpyxl.Workbook()
    book.active.title = "Indikatorer"
    book.active.append(["Kod", "Namn", "Riktning", "Tolerans"])
    book.active.append(["BB", "Budgetavvikelse (mnkr)", direction, 1])
    book.save(path)
    return path


def test_an_indicator_without_direction_is_refused_not_made_higher_is_better(empty_store, tmp_path):
    plan = run_import(empty_store, _indicator_book(tmp_path / "utan.xlsx", None))
    assert not plan.ok and "indikatorn BB har ingen riktning" in plan.problems[0].sv
    assert "närmast målvärdet är bäst" in plan.problems[0].sv
    with empty_store.session() as session:
        assert session.execute(sa.select(sa.func.count()).select_from(Indicator)).scalar() == 0


def test_closest_to_target_imports_exports_and_has_its_status_rule(empty_store, tmp_path):
    from app.models import Direction, Status, ToleranceKind
    from app.services.exchange.export import export_database
    from app.services.followup.status import result_status, trend

    assert run_import(empty_store, _indicator_book(tmp_path / "med.xlsx", "Närmast målvärdet är bäst")).ok
    with empty_store.session() as session:
        assert session.execute(sa.select(Indicator.direction)).scalar_one() is Direction.CLOSEST
        export_database(session, tmp_path / "ut.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "ut.xlsx")["Indikatorer"]
    assert "Närmast målvärdet är bäst" in [c.value for c in sheet[2]]
    closest, absolute = Direction.CLOSEST, ToleranceKind.ABSOLUTE
    assert result_status(0.5, 0, closest, 1, absolute) is Status.MET
    assert result_status(-0.5, 0, closest, 1, absolute) is Status.MET
    assert result_status(-1.5, 0, closest, 1, absolute) is Status.PARTLY_MET
    assert result_status(3, 0, closest, 1, absolute) is Status.NOT_MET
    assert result_status(-3, 0, closest, 1, absolute) is Status.NOT_MET
    assert trend(1, -3, closest, 1, target=0).name == "IMPROVING"


# --- the planner's goal matrix ------------------------------------------------------------------------

def _matrix(path: Path, tertial: bool = False) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Målmatris"
    sheet.append(["Målmatris Region Exempel 2025"])
    sheet.append([])
    if tertial:
        sheet.append(["Målområde", "Mål", "Delmål", "Indikator", "Enhet", "Målvärde 2025 T2", "Utfall 2025 T1",
                      "Utfall 2025 T2"])
        sheet.append(["God vård", "Vården ges i rätt tid", "Kortare väntan", "Andel besök inom tre dagar (%)",
                      "Vårdcentralen Norr", 85, "79,2", "81,1"])
    else:
        sheet.append(["Målområde", "Mål", "Indikator", "Enhet", "Målvärde 2025", "Utfall 2024", "Utfall 2025"])
        sheet.append(["God vård", "Vården ges i rätt tid", "Andel besök inom tre dagar (%)", "Vårdcentralen Norr",
                      85, "79,2", "81,1"])
        sheet.append(["God vård", "Vården ges i rätt tid", "Andel besök inom tre dagar (%)", "Vårdcentralen Syd",
                      85, "77,0", "80,4"])
        sheet.append(["God vård", "Jämlik vård", "Väntetid till operation (dagar)", "Lasarettet", 60, 75, 68])
        sheet.append(["Attraktiv arbetsgivare", "Friska medarbetare", "Sjukfrånvaro (%)", "Lasarettet", "6,0",
                      "7,1", "6,6"])
    book.save(path)
    return path


def test_a_goal_matrix_imports_into_an_empty_database(empty_store, tmp_path):
    from app.models import Goal, GoalIndicator, GoalLevel, Target

    path = _matrix(tmp_path / "malmatris.xlsx")
    refused = run_import(empty_store, path)
    assert not refused.ok and "--create-missing" in refused.problems[0].sv
    dry = run_import(empty_store, path, ImportOptions(create_missing=True), dry_run=True)
    assert dry.ok, [p.line() for p in dry.problems]
    lines = "\n".join(dry.detail_lines("sv"))
    assert "God vård" in lines and "Vårdcentralen Norr" in lines and "högre är bättre antas" in lines
    plan = run_import(empty_store, path, ImportOptions(create_missing=True))
    assert plan.ok and plan.batch_id is not None
    with empty_store.session() as session:
        goals = {g.title: g for g in session.execute(sa.select(Goal)).scalars()}
        vision = goals["Målmatris Region Exempel 2025"]
        assert vision.level is GoalLevel.VISION and vision.parent_id is None
        assert goals["God vård"].level is GoalLevel.GOAL_AREA and goals["God vård"].parent_id == vision.id
        timely = goals["Vården ges i rätt tid"]
        assert timely.level is GoalLevel.GOAL and timely.parent_id == goals["God vård"].id
        share = session.execute(sa.select(Indicator).where(
            Indicator.name == "Andel besök inom tre dagar (%)")).scalar_one()
        assert share.unit_of_measure == "%"
        assert session.get(GoalIndicator, (timely.id, share.id)) is not None
        assert session.execute(sa.select(sa.func.count()).select_from(Target)).scalar() == 4
    with empty_store.session() as session:
        found = dict(session.execute(
            sa.select(OrgUnit.name + " " + Period.code, Result.value).join(OrgUnit, OrgUnit.id == Result.unit_id)
            .join(Period, Period.id == Result.period_id).where(Result.indicator_id == share.id)).all())
    assert found == {"Vårdcentralen Norr 2024": 79.2, "Vårdcentralen Norr 2025": 81.1,
                     "Vårdcentralen Syd 2024": 77.0, "Vårdcentralen Syd 2025": 80.4}
    again = run_import(empty_store, path, ImportOptions(create_missing=True))
    assert again.ok and again.batch_id is None  # the same matrix again changes nothing


def test_a_goal_matrix_with_sub_goals_and_tertials(empty_store, tmp_path):
    from app.models import Goal, GoalLevel

    plan = run_import(empty_store, _matrix(tmp_path / "tertial.xlsx", tertial=True),
                      ImportOptions(create_missing=True))
    assert plan.ok, [p.line() for p in plan.problems]
    with empty_store.session() as session:
        sub = session.execute(sa.select(Goal).where(Goal.title == "Kortare väntan")).scalar_one()
        assert sub.level is GoalLevel.SUB_GOAL
        assert sorted(session.execute(sa.select(Period.code)).scalars()) == ["2025T1", "2025T2"]


# --- a full disk --------------------------------------------------------------------------------------

def test_a_full_database_is_one_clear_error_and_changes_nothing(demo_store, tmp_path):
    """SQLite's own "database or disk is full" (max_page_count on every connection stands in for
    the disk): one message, nothing written, no partial backup left behind."""
    from sqlalchemy import event

    from app.models.errors import StyrkortError

    rows = [["Indikator", "Enhet", "Period", "Utfall", "Kommentar"]]
    rows += [["UB01", "GR01", f"2026-{m:02d}", m, "x" * 2000] for m in range(1, 13)]
    rows += [["UB01", "GR02", f"2026-{m:02d}", m, "y" * 2000] for m in range(1, 13)]
    path = workbook(tmp_path / "stor.xlsx", rows)
    with demo_store.session() as session:
        pages = session.connection().exec_driver_sql("PRAGMA page_count").scalar()
        before = session.execute(sa.select(sa.func.count()).select_from(Result)).scalar()
    demo_store.engine.dispose()

    @event.listens_for(demo_store.engine, "connect")
    def limit(dbapi_connection, _record):
        dbapi_connection.execute(f"PRAGMA max_page_count={pages + 2}")

    with pytest.raises(StyrkortError, match="disken är full"):
        run_import(demo_store, path)
    with demo_store.session() as session:
        assert session.execute(sa.select(sa.func.count()).select_from(Result)).scalar() == before
    backups = Path(demo_store.path).parent / "backups"
    assert not [p for p in backups.iterdir() if p.name.endswith(".partial")]


def test_a_problem_in_a_goal_matrix_names_the_matrix_cell(empty_store, tmp_path):
    path = _matrix(tmp_path / "fel.xlsx")
    book = openpyxl.load_workbook(path)
    book["Målmatris"]["G5"] = "åtta"  # Utfall 2025 of the second indicator row
    book["Målmatris"]["E6"] = "många"  # Målvärde 2025 of the third
    book.save(path)
    plan = run_import(empty_store, path, ImportOptions(create_missing=True))
    lines = [p.line("sv") for p in plan.problems]
    assert any(line.startswith("fel.xlsx:Målmatris:5:G:") and "'åtta' är inget tal" in line for line in lines), lines
    assert any(line.startswith("fel.xlsx:Målmatris:6:E:") and "'många' är inget tal" in line for line in lines), lines


def test_a_null_in_kolada_json_never_erases_a_stored_value(empty_store, tmp_path):
    def kolada(value) -> Path:
        path = tmp_path / "kolada.json"
        path.write_text('{"values": [{"kpi": "N15419", "municipality": "0180", "period": 2024, "values": ['
                        f'{{"gender": "T", "value": {value}}}]}}]}}', encoding="utf-8")
        return path

    assert run_import(empty_store, kolada(80), ImportOptions(create_missing=True)).ok
    plan = run_import(empty_store, kolada("null"))
    assert plan.ok and plan.result_counts()["changed"] == 0 and plan.skip_reasons == {"blank": 1}
    assert values(empty_store, "N15419") == {"0180": 80.0}


# --- the bulk load path (secondary indexes built after the rows) -------------------------------------

def _result_indexes(store) -> set[str]:
    with store.session() as session:
        return set(session.connection().exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'result'").scalars())


def test_a_bulk_load_keeps_every_index_also_when_cancelled(empty_store, tmp_path):
    from app.services.exchange.importing import ImportCancelled

    lines = ["Indikator;Enhet;År;Utfall"] + [f"A;U{u};{year};{u % 97}" for u in range(2500) for year in range(2016, 2026)]
    path = csv_file(tmp_path / "stor.csv", "\n".join(lines) + "\n")
    indexes = _result_indexes(empty_store)
    assert "ix_result_period_indicator" in indexes and "ix_result_period_id" not in indexes
    writing = []

    def progress(stage, done, total):
        if stage == "write":
            writing.append(done)

    with pytest.raises(ImportCancelled):
        run_import(empty_store, path, ImportOptions(create_missing=True), progress=progress,
                   cancelled=lambda: bool(writing))
    assert _result_indexes(empty_store) == indexes
    with empty_store.session() as session:
        assert session.execute(sa.select(sa.func.count()).select_from(Result)).scalar() == 0
    plan = run_import(empty_store, path, ImportOptions(create_missing=True))
    assert plan.ok and len(plan.new) == 25_000
    assert _result_indexes(empty_store) == indexes
    with empty_store.session() as session:
        assert session.execute(sa.select(sa.func.count()).select_from(Result)).scalar() == 25_000
