"""Offline checkouts against the real PostgreSQL server: two laptops (two local files) and the
regional database. Each test gets a database of its own (tests/postgres.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from app.cli import main
from app.models import Goal, OrgUnit, Result
from app.models.store import open_store
from app.services.sync.checkout import checkout
from app.services.sync.conflicts import list_conflicts, resolve
from app.services.sync.engine import SyncRefused, sync

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def region(demo_db):
    return demo_db[1]


def _some_results(url_or_path, count=3):
    store = open_store(url_or_path, create=False)
    try:
        with store.session() as session:
            found = session.execute(sa.select(Result.id, Result.value).order_by(Result.id).limit(count)).all()
            return [(r.id, r.value) for r in found]
    finally:
        store.close()


def _value(url_or_path, result_id):
    store = open_store(url_or_path, create=False)
    try:
        with store.session() as session:
            found = session.get(Result, result_id)
            return None if found is None else found.value
    finally:
        store.close()


def _edit(url_or_path, result_id, **fields):
    store = open_store(url_or_path, create=False)
    try:
        with store.transaction() as session:
            row = session.get(Result, result_id)
            for name, value in fields.items():
                setattr(row, name, value)
    finally:
        store.close()


def _laptops(region, tmp_path, n=2):
    paths = [tmp_path / f"laptop{i}.sqlite" for i in range(n)]
    for path in paths:
        checkout(region, path)
    return paths


def test_checkout_copies_the_region_and_remembers_where_from(region, tmp_path):
    path = tmp_path / "mine.sqlite"
    assert main(["checkout", "--db", region, str(path)]) == 0
    server = _some_results(region, 50)
    assert _some_results(path, 50) == server
    # Nothing changed yet: a sync moves nothing and exits 0.
    report = sync(path)
    assert (report.pushed, report.pulled, report.open_conflicts) == (0, 0, [])


def test_scope_checkout_holds_one_namnd(region, tmp_path):
    store = open_store(region, create=False)
    with store.session() as session:
        nämnd = session.execute(sa.select(OrgUnit).where(OrgUnit.parent_id.is_not(None))
                                .order_by(OrgUnit.id)).scalars().first()
        code, unit_id = nämnd.code, nämnd.id
        all_results = session.execute(sa.select(sa.func.count()).select_from(Result)).scalar_one()
        from app.services.sync.checkout import scope_units

        subtree = set(scope_units(session.connection(), code))
    store.close()
    path = tmp_path / "scope.sqlite"
    report = checkout(region, path, scope=code)
    local = open_store(path, create=False)
    with local.session() as session:
        units = set(session.execute(sa.select(Result.unit_id).distinct()).scalars())
        goals = session.execute(sa.select(sa.func.count()).select_from(Goal)).scalar_one()
    local.close()
    assert report.rows["result"] < all_results
    assert units and units <= subtree and unit_id in subtree
    assert goals == 34


def test_disjoint_edits_on_two_laptops_merge(region, tmp_path):
    anna, bo = _laptops(region, tmp_path)
    (r1, v1), (r2, v2), (r3, _v3) = _some_results(region)
    _edit(anna, r1, value=111.0)
    _edit(bo, r2, value=222.0)
    _edit(anna, r3, comment="Annas kommentar")
    _edit(bo, r3, value=333.0)  # the same row, another field: merges
    assert main(["sync", str(anna)]) == 0
    assert main(["sync", str(bo)]) == 0
    assert main(["sync", str(anna)]) == 0
    for where in (region, anna, bo):
        assert _value(where, r1) == 111.0
        assert _value(where, r2) == 222.0
        assert _value(where, r3) == 333.0
    store = open_store(anna, create=False)
    with store.session() as session:
        assert session.get(Result, r3).comment == "Annas kommentar"
    store.close()


def test_same_field_conflicts_and_is_resolved_audited(region, tmp_path, capsys):
    anna, bo = _laptops(region, tmp_path)
    (r1, _v1), *_ = _some_results(region)
    _edit(anna, r1, value=10.0)
    _edit(bo, r1, value=20.0)
    assert main(["sync", str(anna)]) == 0
    capsys.readouterr()
    assert main(["sync", str(bo)]) == 3
    out = capsys.readouterr().out
    assert "konflikt #1 result" in out and "value: min 20.0 / deras 10.0" in out
    # Both versions kept: the server still has Anna's, Bo's file still Bo's.
    assert _value(region, r1) == 10.0 and _value(bo, r1) == 20.0
    assert main(["conflicts", str(bo)]) == 3
    assert main(["resolve", str(bo), "1", "--keep", "mine"]) == 0
    assert list_conflicts(bo) == []
    assert main(["sync", str(bo)]) == 0
    assert main(["sync", str(anna)]) == 0
    assert _value(region, r1) == 20.0 and _value(anna, r1) == 20.0
    store = open_store(bo, create=False)
    with store.session() as session:
        from app.models import AuditEntry
        from app.services.platform.audit import verify_chain

        entry = session.execute(sa.select(AuditEntry).order_by(AuditEntry.id.desc())).scalars().first()
        assert "Synkkonflikt #1 avgjord: behåll min" in entry.summary
        assert verify_chain(session) == []
    store.close()


def test_delete_against_edit_is_a_conflict_not_a_loss(region, tmp_path, capsys):
    anna, bo = _laptops(region, tmp_path)
    (r1, _v1), *_ = _some_results(region)
    store = open_store(anna, create=False)
    with store.transaction() as session:
        session.delete(session.get(Result, r1))
    store.close()
    _edit(bo, r1, value=55.0)
    assert main(["sync", str(bo)]) == 0
    assert main(["sync", str(anna)]) == 3
    assert "borttagen här, ändrad på servern" in capsys.readouterr().out
    assert _value(region, r1) == 55.0
    conflict = list_conflicts(anna)[0]
    resolve(anna, conflict.id, "theirs")
    assert _value(anna, r1) == 55.0
    assert main(["sync", str(anna)]) == 0


def test_server_unreachable_exits_2_and_leaves_the_file(region, tmp_path, capsys):
    (anna,) = _laptops(region, tmp_path, 1)
    (r1, _v), *_ = _some_results(region)
    _edit(anna, r1, value=1.5)
    before = anna.read_bytes()
    assert main(["sync", str(anna), "--db", "postgresql://postgres@127.0.0.1:1/nowhere"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Kan inte nå" in err[0]
    assert anna.read_bytes() == before
    with pytest.raises(SyncRefused):
        sync(anna, "postgresql://postgres@127.0.0.1:1/nowhere")
