"""`styrkort unit-move / unit-merge / unit-split`: the impact first, then the change; a refusal is
one line, exit 2, and nothing written."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from app.cli import main
from app.models import OrgUnit, OrgUnitLine
from app.models.store import open_store


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def unit_parent(path, code):
    store = open_store(path)
    with store.session() as s:
        parent = s.execute(sa.select(OrgUnit.parent_id).where(OrgUnit.code == code)).scalar()
        found = s.execute(sa.select(OrgUnit.code).where(OrgUnit.id == parent)).scalar()
    store.close()
    return found


def test_unit_move_dry_run_lists_the_impact_and_writes_nothing(demo_path, capsys):
    code, out, err = run(capsys, "unit-move", "HT", "--under", "HSF", "--from", "2027-01-01", "--dry-run",
                         "--db", str(demo_path))
    assert code == 0, err
    lines = out.splitlines()
    assert "Styrdokument\tDelegationsordning för omsorgsnämnden (Delegationsordning)\t→ markera "\
           "delegationsordningen för revidering" in lines
    assert any(line.startswith("Delegation\t4.1 Beslut om bistånd") for line in lines)
    assert lines[-1].startswith("5 enheter berörs;")
    assert unit_parent(demo_path, "HT") == "OF"


def test_unit_move_applies_a_dated_move(demo_path, capsys):
    code, out, err = run(capsys, "unit-move", "HT", "--under", "HSF", "--from", "2027-01-01", "--db", str(demo_path))
    assert code == 0, err
    assert out.splitlines()[-1] == "1 enhet flyttad under HSF från 2027-01-01"
    assert unit_parent(demo_path, "HT") == "HSF"
    store = open_store(demo_path)
    with store.session() as s:
        line = s.execute(sa.select(OrgUnitLine)).scalar_one()
        assert line.valid_until == dt.date(2027, 1, 1)
    store.close()


def test_refusals_are_one_line_exit_2_and_nothing_written(demo_path, capsys):
    for args in (["unit-move", "NOPE", "--under", "HSF"],
                 ["unit-move", "HSN", "--under", "GR01"],
                 ["unit-move", "HT", "--under", "HSF", "--from", "2027-13-01"],
                 ["unit-merge", "GR02", "--into", "GR", "--from", "2024-01-01"],
                 ["unit-split", "HT", "--into", "HTN=Norra", "--from", "2027-01-01"]):
        code, out, err = run(capsys, *args, "--db", str(demo_path))
        assert code == 2, args
        assert out == ""
        assert len(err.strip().splitlines()) == 1 and err.startswith("styrkort: ")
    assert unit_parent(demo_path, "HT") == "OF"
    store = open_store(demo_path)
    with store.session() as s:
        assert s.execute(sa.select(sa.func.count()).select_from(OrgUnitLine)).scalar() == 0
    store.close()


def test_merge_and_split(demo_path, capsys):
    code, out, err = run(capsys, "unit-merge", "GR02", "--into", "GR01", "--from", "2024-01-01", "--db", str(demo_path))
    assert code == 0, err
    assert out.splitlines()[-1] == "GR02 slogs ihop med GR01 från 2024-01-01"
    code, out, err = run(capsys, "unit-split", "HT", "--into", "HTN=Hemtjänst norra", "--into", "HTS=Hemtjänst södra",
                         "--from", "2027-01-01", "--db", str(demo_path))
    assert code == 0, err
    assert unit_parent(demo_path, "HT01") == "HTN"
    code, out, err = run(capsys, "unit-history", "GR01", "--db", str(demo_path))
    assert out.splitlines() == ["föregångare\tSöderbyskolan\tsammanslagen 2024-01-01"]
