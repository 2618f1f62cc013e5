"""Offline checkouts against the real PostgreSQL server: two laptops (two local files) and the
regional database. Each test gets a database of its own (tests/postgres.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.cli import main
from app.models import Gender, Goal, Indicator, OrgUnit, Result
from app.models.store import open_store
from app.services.followup.results import set_result
from app.services.sync.checkout import checkout
from app.services.sync.conflicts import list_conflicts, resolve
from app.services.sync.engine import STALL_ENV, SyncRefused, sync

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
    assert goals == 38


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
        from app.services.platform.audit_check import verify_chain

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


def test_offline_import_and_rows_created_on_both_laptops_get_server_ids(region, tmp_path):
    from app.services.exchange.importing import run_import
    from tests.domain.test_exchange_import import result_value, workbook

    anna, bo = _laptops(region, tmp_path)
    path = workbook(tmp_path / "utforare.xlsx", [
        ["Nyckeltal", "Utförare", "År", "Kön", "Utfall", "Målvärde", "Kommentar"],
        ["UB01", "GR04", 2026, "Totalt", "81,5", "85", "Ny mätning"],
        ["UB02", "GR04", "2026", "K", "93,4 %", None, None],
    ])
    store = open_store(anna, create=False)
    plan = run_import(store, path)
    assert plan.ok
    store.close()
    # Bo creates a result offline too: both files hand out the same next id.
    store = open_store(bo, create=False)
    with store.transaction() as session:
        indicator = session.execute(sa.select(Indicator).where(Indicator.code == "UB03")).scalar_one()
        unit = session.execute(sa.select(OrgUnit).where(OrgUnit.code == "GR04")).scalar_one()
        set_result(session, indicator.id, unit.id, "2026", Gender.MEN, 231.5)
    store.close()
    assert main(["sync", str(anna)]) == 0
    assert main(["sync", str(bo)]) == 0
    assert main(["sync", str(anna)]) == 0
    for where in (region, anna, bo):
        store = open_store(where, create=False)
        assert result_value(store, "UB01", "GR04", "2026") == 81.5
        assert result_value(store, "UB02", "GR04", "2026", "K") == 93.4
        assert result_value(store, "UB03", "GR04", "2026", "M") == 231.5
        store.close()
    # The same ids everywhere, the import batch with them.
    assert _some_results(anna, 10_000) == _some_results(region, 10_000) == _some_results(bo, 10_000)


def test_permission_refused_on_push_is_reported_per_row_and_kept(region, tmp_path, logins, capsys):
    from app.services.platform import roles
    from tests import postgres

    store = open_store(region, create=False)
    with store.transaction() as session:
        roles.setup_roles(session)
        units = session.execute(sa.select(OrgUnit).where(OrgUnit.parent_id.is_not(None))
                                .order_by(OrgUnit.id)).scalars().all()
        mine_unit = units[-1]
        login = logins("rapportor")
        roles.grant_user(session, login, "rapportor", [mine_unit.code])
        own = session.execute(sa.select(Result.id).where(Result.unit_id == mine_unit.id)).scalars().first()
        other = session.execute(sa.select(Result.id).where(Result.unit_id != mine_unit.id)).scalars().first()
    store.close()
    assert own is not None and other is not None
    url = postgres.url_of(region.rsplit("/", 1)[1], login)
    path = tmp_path / "rapportor.sqlite"
    checkout(url, path)
    _edit(path, own, value=7.0)
    _edit(path, other, value=8.0)
    capsys.readouterr()
    assert main(["sync", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"nekad av servern: result {other}:" in out
    assert _value(region, own) == 7.0 and _value(region, other) != 8.0
    assert _value(path, other) == 8.0  # the local change is kept
    # Still pending: the next sync reports it again, nothing else moves.
    report = sync(path)
    assert [line.split(":")[0] for line in report.refused] == [f"result {other}"]


def _sync_process(path: Path, stage: str) -> subprocess.Popen:
    env = {**os.environ, STALL_ENV: stage}
    code = "import sys; from app.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.Popen([sys.executable, "-c", code, "sync", str(path)], cwd=ROOT, env=env,
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)


@pytest.mark.parametrize("stage", ["push", "after-push", "pull"])
def test_sync_killed_at_any_stage_is_finished_by_the_next(region, tmp_path, stage):
    anna, bo = _laptops(region, tmp_path)
    (r1, _v1), (r2, _v2), *_ = _some_results(region)
    _edit(bo, r2, value=42.0)
    assert sync(bo).pushed == 1
    _edit(anna, r1, value=99.0)
    # A row created offline: pushed twice it would be two rows.
    store = open_store(anna, create=False)
    with store.transaction() as session:
        indicator = session.execute(sa.select(Indicator).where(Indicator.code == "UB03")).scalar_one()
        unit = session.execute(sa.select(OrgUnit).where(OrgUnit.code == "GR04")).scalar_one()
        set_result(session, indicator.id, unit.id, "2026", Gender.WOMEN, 12.5)
    store.close()
    count_before = _count(region)
    process = _sync_process(anna, stage)
    line = process.stderr.readline()
    assert f"stalled at {stage}" in line
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    time.sleep(0.2)
    committed = stage != "push"
    assert _value(region, r1) == (99.0 if committed else _v1)
    report = sync(anna)
    assert report.resumed == committed
    assert _value(region, r1) == 99.0 and _value(anna, r2) == 42.0
    assert _count(region) == count_before + 1
    assert _some_results(anna, 10_000) == _some_results(region, 10_000)
    assert sync(anna).pushed == 0


def _count(where) -> int:
    store = open_store(where, create=False)
    try:
        with store.session() as session:
            return session.execute(sa.select(sa.func.count()).select_from(Result)).scalar_one()
    finally:
        store.close()


SOAK_TRIALS = int(os.environ.get("STYRKORT_SOAK_TRIALS", "1"))
SOAK_SEED = int(os.environ.get("STYRKORT_SOAK_SEED", str(int(time.time()))))


def test_kill_harness_a_sync_killed_at_a_random_moment_loses_nothing_and_doubles_nothing(region, tmp_path):
    """The kill harness for sync: a laptop editing and syncing in a loop is SIGKILLed at a random
    moment (calibrated on its own first edit-and-sync); the next sync finishes the job and the
    server and the checkout agree row for row, every offline row exactly once."""
    import random

    from app.models import Milestone
    from app.services.sync.local import pending

    rng = random.Random(SOAK_SEED)
    path = tmp_path / "soak.sqlite"
    checkout(region, path)
    for trial in range(SOAK_TRIALS):
        process = subprocess.Popen([sys.executable, "-m", "tests.reliability.sync_worker", str(path), str(trial)], cwd=ROOT,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert process.stdout.readline().strip() == "ready", process.stderr.read()
        started = time.perf_counter()
        while not (line := process.stdout.readline().strip()).startswith("synced"):
            assert line, f"seed {SOAK_SEED}: worker ended early: {process.stderr.read()}"
        step = time.perf_counter() - started
        time.sleep(rng.uniform(0.0, 2 * step))
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=30)
        sync(path)  # the next sync finishes whatever the killed one left
        local_store, server_store = open_store(path, create=False), open_store(region, create=False)
        try:
            with local_store.session() as mine, server_store.session() as theirs:
                query = sa.select(Result.id, Result.value).order_by(Result.id).limit(300)
                assert mine.execute(query).all() == theirs.execute(query).all(), f"seed {SOAK_SEED} trial {trial}"
                titles = sa.select(Milestone.id, Milestone.title).where(Milestone.title.like("sync %")).order_by(
                    Milestone.id)
                here, there = mine.execute(titles).all(), theirs.execute(titles).all()
                assert here == there, f"seed {SOAK_SEED} trial {trial}"
                names = [t for _i, t in there]
                assert len(names) == len(set(names)), f"seed {SOAK_SEED} trial {trial}: a row pushed twice"
            with local_store.engine.connect() as conn:
                assert pending(conn.connection.driver_connection) == []
        finally:
            local_store.close()
            server_store.close()


def test_undo_after_sync_is_an_edit_that_goes_out_with_the_next_sync(region, tmp_path):
    (anna,) = _laptops(region, tmp_path, 1)
    store = open_store(anna, create=False)
    with store.transaction() as session:
        indicator = session.execute(sa.select(Indicator).where(Indicator.code == "UB01")).scalar_one()
        unit = session.execute(sa.select(OrgUnit).where(OrgUnit.code == "GR04")).scalar_one()
        ids = (indicator.id, unit.id)
        old = set_result(session, *ids, "2026", Gender.TOTAL, 64.0)
    assert sync(anna).pushed == 1
    with store.transaction() as session:  # what the window's undo does: the service, restoring
        set_result(session, *ids, "2026", Gender.TOTAL, old.value, restore=old)
    store.close()
    assert old.value is None  # there was no result: the undo removes it, here and on the server
    count = _count(region)
    assert sync(anna).pushed == 1
    assert _count(region) == count - 1
    assert _some_results(anna, 10_000) == _some_results(region, 10_000)


def test_a_server_of_another_schema_version_is_refused_with_the_reason(region, tmp_path, capsys):
    (anna,) = _laptops(region, tmp_path, 1)
    import psycopg

    with psycopg.connect(region, autocommit=True) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '1501'")
    before = anna.read_bytes()
    assert main(["sync", str(anna)]) == 2
    err = capsys.readouterr().err.strip()
    assert "har schema 1501" in err and "uppgradera regionens databas" in err
    assert anna.read_bytes() == before


def test_a_checkout_keeps_the_role_so_the_window_keeps_other_units_read_only(region, tmp_path, logins):
    from app.services.platform import roles
    from tests import postgres

    store = open_store(region, create=False)
    with store.transaction() as session:
        roles.setup_roles(session)
        unit = session.execute(sa.select(OrgUnit).where(OrgUnit.code == "GR04")).scalar_one()
        login = logins("rapportor")
        roles.grant_user(session, login, "rapportor", ["GR04"])
        other = session.execute(sa.select(OrgUnit.id).where(OrgUnit.id != unit.id)).scalars().first()
        unit_id = unit.id
    store.close()
    path = tmp_path / "rapportor.sqlite"
    checkout(postgres.url_of(region.rsplit("/", 1)[1], login), path)
    local = open_store(path, create=False)
    with local.session() as session:
        access = roles.access_for(session)
    local.close()
    assert access.role == "rapportor" and access.may_edit_unit(unit_id) and not access.may_edit_unit(other)
    plain = open_store(tmp_path / "plain.sqlite")
    with plain.session() as session:
        assert roles.access_for(session).role is None
    plain.close()


@pytest.mark.parametrize("keep", ["mine", "theirs"])
def test_the_same_result_created_on_both_laptops_is_a_conflict(region, tmp_path, keep, capsys):
    anna, bo = _laptops(region, tmp_path)
    for path, value in ((anna, 1.0), (bo, 2.0)):
        store = open_store(path, create=False)
        with store.transaction() as session:
            indicator = session.execute(sa.select(Indicator).where(Indicator.code == "UB01")).scalar_one()
            unit = session.execute(sa.select(OrgUnit).where(OrgUnit.code == "GR04")).scalar_one()
            set_result(session, indicator.id, unit.id, "2026", Gender.TOTAL, value)
        store.close()
    assert main(["sync", str(anna)]) == 0
    capsys.readouterr()
    assert main(["sync", str(bo)]) == 3
    assert "value: min 2.0 / deras 1.0" in capsys.readouterr().out
    conflict = list_conflicts(bo)[0]
    resolve(bo, conflict.id, keep)
    assert main(["sync", str(bo)]) == 0
    assert main(["sync", str(anna)]) == 0
    expected = 2.0 if keep == "mine" else 1.0
    from tests.domain.test_exchange_import import result_value

    for where in (region, anna, bo):
        store = open_store(where, create=False)
        assert result_value(store, "UB01", "GR04", "2026") == expected
        store.close()
    assert _some_results(anna, 10_000) == _some_results(region, 10_000) == _some_results(bo, 10_000)


def test_a_scoped_checkout_pulls_its_own_units_only(region, tmp_path):
    from app.services.sync.checkout import scope_units

    store = open_store(region, create=False)
    with store.session() as session:
        code = session.execute(sa.select(OrgUnit.code).where(OrgUnit.parent_id.is_not(None))
                               .order_by(OrgUnit.id)).scalars().first()
        inside = set(scope_units(session.connection(), code))
        mine = session.execute(sa.select(Result.id).where(Result.unit_id.in_(inside))).scalars().first()
        other = session.execute(sa.select(Result.id).where(Result.unit_id.not_in(inside))).scalars().first()
    store.close()
    path = tmp_path / "scope.sqlite"
    checkout(region, path, scope=code)
    _edit(region, mine, value=123.0)
    _edit(region, other, value=321.0)
    report = sync(path)
    assert report.pulled == 1
    assert _value(path, mine) == 123.0 and _value(path, other) is None
