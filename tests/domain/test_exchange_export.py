"""Workbooks out: the whole database round-trips, the follow-up reads well, text stays text."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa

from app.cli import main
from app.models import Directive, Goal, OrgUnit
from app.models.errors import StyrkortError
from app.services.exchange.export import export_database, export_follow_up
from app.services.exchange.importing import run_import
from tests.domain.database_content import store_contents, table_contents


def content(path: Path) -> dict[str, list]:
    """The database by codes, not ids: what a round trip must keep."""
    db = sqlite3.connect(path)
    queries = {
        "units": "select u.code,u.name,u.kind,p.code,u.position,u.provider_type,u.provider_name,u.org_number,"
                 "u.service_area,u.contract_start,u.contract_end,u.municipality_code,u.kolada_ou_id,u.description "
                 "from org_unit u left join org_unit p on p.id=u.parent_id",
        "goals": "select g.code,g.title,g.level,p.code,g.position,g.horizon,g.start_year,g.end_year,o.code,"
                 "g.state,g.description from goal g left join goal p on p.id=g.parent_id "
                 "left join org_unit o on o.id=g.owner_unit_id",
        "indicators": "select code,name,unit_of_measure,direction,decimals,tolerance,tolerance_kind,min_value,"
                      "max_value,source,kolada_kpi_id,service_area,description from indicator",
        "links": "select g.code,i.code,l.weight,l.position from goal_indicator l join goal g on g.id=l.goal_id "
                 "join indicator i on i.id=l.indicator_id",
        "periods": "select code,kind,year,number,start_date,end_date,closed from period",
        "targets": "select i.code,u.code,p.code,t.value from target t join indicator i on i.id=t.indicator_id "
                   "left join org_unit u on u.id=t.unit_id join period p on p.id=t.period_id",
        "results": "select i.code,u.code,p.code,r.gender,r.value,r.comment,r.late from result r "
                   "join indicator i on i.id=r.indicator_id join org_unit u on u.id=r.unit_id "
                   "join period p on p.id=r.period_id",
    }
    found = {name: sorted(db.execute(sql), key=repr) for name, sql in queries.items()}
    db.close()
    return found


def test_export_then_import_into_an_empty_database_gives_the_same_database(demo_store, demo_path, tmp_path):
    hostile = "=HYPERLINK(\"http://evil\")"
    long_text = "Lång beskrivning. " * 2500  # 45 000 characters: over Excel's 32 767 per cell
    with demo_store.transaction() as session:
        unit = session.execute(sa.select(OrgUnit).where(OrgUnit.code == "GR04")).scalar_one()
        unit.name = hostile
        unit.description = "+46 70 123\tmed tabb\x01och styrtecken"
        goal = session.execute(sa.select(Goal).where(Goal.code == "2.1")).scalar_one()
        goal.description = long_text
    workbook = tmp_path / "allt.xlsx"
    with demo_store.session() as session:
        export_database(session, workbook)
    book = openpyxl.load_workbook(workbook)
    assert book.sheetnames[:7] == ["Enheter", "Mål", "Indikatorer", "Mål och indikatorer", "Perioder",
                                   "Målvärden", "Utfall"]
    units = book["Enheter"]
    assert units.freeze_panes == "A2" and units.auto_filter.ref
    cell = next(c for c in units["B"] if c.value == hostile)
    assert cell.data_type == "s"  # text, never a formula
    assert "Långa texter" in book.sheetnames
    target = tmp_path / "ny.sqlite"
    assert main(["new", "--db", str(target)]) == 0  # no command creates a database implicitly
    assert main(["import", str(workbook), "--db", str(target)]) == 0
    assert content(target) == content(demo_path)
    assert main(["import", str(workbook), "--db", str(target)]) == 0  # again: nothing changes
    assert content(target) == content(demo_path)


def test_the_whole_database_round_trips_every_table(demo_store, demo_path, tmp_path):
    """Directives (all versions, an attachment's bytes), delegation, plans, årshjul, assessments,
    dialogue meetings and settings too: every table the same, ids aside."""
    attachment = bytes(range(256)) * 300  # binary, and longer than one cell of base64
    with demo_store.transaction() as session:
        directive = session.execute(sa.select(Directive).where(Directive.title == "Personalpolicy")
                                    .order_by(Directive.version_no)).scalars().first()
        directive.attachment_name, directive.attachment_data = "policy.pdf", attachment
    workbook = tmp_path / "allt.xlsx"
    with demo_store.session() as session:
        export_database(session, workbook)
    book = openpyxl.load_workbook(workbook, read_only=False)
    for name in ("Styrdokument", "Delegationspunkter", "Delegationsbeslut", "Verksamhetsplaner", "Aktiviteter",
                 "Årshjul", "Dialogmöten", "Bedömningar", "Bilagor", "Inställningar"):
        assert book[name].max_row > 1, name
        assert book[name].freeze_panes == "A2"
    assert book["Bilagor"].sheet_state == "hidden"
    target = tmp_path / "ny.sqlite"
    assert main(["new", "--db", str(target)]) == 0  # no command creates a database implicitly
    assert main(["import", str(workbook), "--db", str(target)]) == 0
    before, after = table_contents(demo_path), table_contents(target)
    assert set(before) == set(after)
    for table in before:
        assert after[table] == before[table], table
    assert len(before["assessment"]) and len(before["delegation_decision"]) and len(before["activity_goal"])
    assert main(["import", str(workbook), "--db", str(target)]) == 0  # again: nothing changes
    assert table_contents(target) == before


def test_follow_up_workbook_shows_status_in_colour_and_text(demo_store, tmp_path):
    path = tmp_path / "uppfoljning.xlsx"
    with demo_store.session() as session:
        assert export_follow_up(session, path, "2025") > 0
    book = openpyxl.load_workbook(path)
    goals = book["Måluppfyllelse 2025"]
    assert [c.value for c in goals[1]][:3] == ["Kod", "Mål", "Status"]
    statuses = {c.value: c.fill.fgColor.rgb for c in goals["C"][1:] if c.value}
    assert set(statuses) <= {"Uppfyllt", "Delvis uppfyllt", "Ej uppfyllt", "Ej bedömt"}
    assert statuses.get("Uppfyllt", "FFC6EFCE").endswith("C6EFCE")
    per_unit = book["Per enhet 2025"]
    header = [c.value for c in per_unit[1]]
    assert header[5:9] == ["Målvärde", "Utfall", "Föregående", "Trend"]
    assert per_unit.max_row > 10
    assert goals.print_title_rows == "$1:$1"


def test_follow_up_for_an_unknown_period_is_refused(demo_store, tmp_path):
    with demo_store.session() as session, pytest.raises(StyrkortError):
        export_follow_up(session, tmp_path / "x.xlsx", "2031")
    assert not (tmp_path / "x.xlsx").exists()


def test_a_failed_write_leaves_the_previous_file_and_no_temporary(demo_store, tmp_path):
    out = tmp_path / "ut"
    out.mkdir()
    previous = out / "allt.xlsx"
    previous.mkdir()  # something that cannot be replaced, like a file Excel holds open on Windows
    (previous / "kvar.txt").write_text("previous")
    with demo_store.session() as session, pytest.raises(StyrkortError):
        export_database(session, previous)
    assert (previous / "kvar.txt").read_text() == "previous"
    assert [p.name for p in out.iterdir()] == ["allt.xlsx"]


def test_template_is_documented_and_importable(empty_store, tmp_path):
    path = tmp_path / "mall.xlsx"
    assert main(["template", str(path)]) == 0
    book = openpyxl.load_workbook(path)
    assert [c.value for c in book["Utfall"][1]] == ["Indikator", "Enhet", "Period", "Kön", "Utfall",
                                                    "Målvärde", "Kommentar"]
    assert book["Instruktioner"].max_row > 5
    plan = run_import(empty_store, path)
    assert plan.ok and plan.counts()["new"] == 0


def test_cli_reports_located_problems_and_exit_code(demo_path, tmp_path, capsys):
    path = tmp_path / "fel.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Utfall"
    book.active.append(["Indikator", "Enhet", "Period", "Utfall"])
    book.active.append(["UB01", "GR01", 2026, "x1"])
    book.save(path)
    assert main(["import", str(path), "--db", str(demo_path)]) == 2
    err = capsys.readouterr().err
    assert "fel.xlsx:Utfall:2:D: Utfall: 'x1' är inget tal" in err
    book.active["D2"] = 80
    book.save(path)
    assert main(["import", str(path), "--db", str(demo_path), "--dry-run"]) == 0
    assert "1 ny," in capsys.readouterr().out
    assert main(["import", str(path), "--db", str(demo_path)]) == 0
    out = tmp_path / "uppf.xlsx"
    assert main(["export", str(out), "--db", str(demo_path), "--what", "follow-up", "--period", "2025"]) == 0
    everything = openpyxl.load_workbook(out)["Per enhet 2025"].max_row
    assert main(["export", str(out), "--db", str(demo_path), "--what", "follow-up", "--period", "2025",
                 "--scope", "GR"]) == 0
    schools = {row[2] for row in openpyxl.load_workbook(out)["Per enhet 2025"].iter_rows(min_row=2, values_only=True)}
    assert schools and all(code.startswith("GR") for code in schools)
    assert openpyxl.load_workbook(out)["Per enhet 2025"].max_row < everything
    assert main(["export", str(out), "--db", str(demo_path), "--what", "follow-up", "--scope", "NIX"]) == 2


def test_a_whole_database_import_is_undone_and_redone_as_one_batch(demo_store, empty_store, tmp_path):
    from app.models import Assessment, DelegationDecision, ImportBatch, OperationalPlan
    from app.services.exchange.importing import redo_batch, undo_batch

    with demo_store.transaction() as session:
        # A draft: an adopted document is locked, on PostgreSQL by the server itself.
        directive = session.execute(sa.select(Directive).where(Directive.state == "draft").limit(1)).scalar_one()
        directive.attachment_name, directive.attachment_data = "bilaga.bin", b"\x00\xff" * 10
    workbook = tmp_path / "allt.xlsx"
    with demo_store.session() as session:
        export_database(session, workbook)
    assert run_import(empty_store, workbook).ok
    loaded = store_contents(empty_store)
    counted = (Directive, DelegationDecision, OperationalPlan, Assessment)

    def counts():
        with empty_store.session() as session:
            return [session.execute(sa.select(sa.func.count()).select_from(m)).scalar_one() for m in counted]

    assert all(counts())
    with empty_store.transaction() as session:
        undo_batch(session, session.execute(sa.select(ImportBatch.id)).scalar_one())
    assert counts() == [0, 0, 0, 0]
    with empty_store.transaction() as session:
        redo_batch(session, session.execute(sa.select(ImportBatch.id)).scalar_one())
    assert store_contents(empty_store) == loaded


def test_an_exported_file_is_readable_like_any_file_the_user_saves(tmp_path):
    import os
    import stat

    from app.services.exchange.export import write_template

    umask = os.umask(0o022)
    try:
        write_template(tmp_path / "mall.xlsx")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "mall.xlsx").stat().st_mode) == 0o644
