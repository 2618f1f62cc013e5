"""The regional database on a real PostgreSQL server: migrations, commands on a URL, copying a
file in and out, roles enforced by the server itself, several processes at once, live
notifications. Each test makes its own database and drops it (tests/postgres.py)."""

from __future__ import annotations

import multiprocessing
import time

import psycopg
import pytest
import sqlalchemy as sa

from app.cli import main
from app.models import AuditEntry, Gender, Goal, Indicator, OrgUnit, Period, Result
from app.models.store import AccessDeniedError, ConcurrentEditError, alembic_config, head_revision, open_store
from app.services.platform.audit_check import verify_chain
from tests import postgres
from tests.domain.database_content import table_contents


@pytest.fixture
def server_db():
    """(name, url) of a new, empty database on the server."""
    postgres.require_server()
    name = postgres.new_name()
    url = postgres.create_database(name)
    yield name, url
    postgres.drop_database(name)


def _schema(url: str) -> dict:
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as conn:
        inspector = sa.inspect(conn)
        found = {}
        for table in inspector.get_table_names():
            found[table] = (
                sorted((c["name"], str(c["type"]), c["nullable"]) for c in inspector.get_columns(table)),
                sorted(i["name"] for i in inspector.get_indexes(table)),
                sorted(u["name"] for u in inspector.get_unique_constraints(table)),
                sorted(f["name"] for f in inspector.get_foreign_keys(table)),
                sorted(c["name"] for c in inspector.get_check_constraints(table)),
            )
        found["triggers"] = sorted(r[0] for r in conn.exec_driver_sql(
            "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"))
    engine.dispose()
    return found


def test_alembic_migrations_on_postgresql_build_the_schema_of_a_new_database(server_db):
    from alembic import command

    _name, migrated_url = server_db
    engine = sa.create_engine(migrated_url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    engine.dispose()
    fresh = postgres.new_name()
    fresh_url = postgres.create_database(fresh)
    try:
        open_store(fresh_url).close()
        assert _schema(migrated_url) == _schema(fresh_url)
        assert "audit_entry_append_only" in _schema(fresh_url)["triggers"]
    finally:
        postgres.drop_database(fresh)


def test_every_command_works_on_a_url(server_db, capsys, tmp_path):
    _name, url = server_db
    assert main(["demo", "--db", url]) == 0
    assert main(["check", "--db", url]) == 0
    out = capsys.readouterr().out
    assert f"OK: {url}" in out and "mål: 38" in out and f"schemaversion: {head_revision()}" in out
    assert main(["goal-find", "--db", url, "trygg"]) in (0, 1)
    # A URL that names no database, and a server that does not answer: one clear line, exit 2.
    assert main(["check", "--db", "postgresql://postgres@127.0.0.1:1/x"]) == 2
    assert "Kan inte ansluta till postgresql://postgres@127.0.0.1:1/x" in capsys.readouterr().err


def test_a_file_copied_to_the_server_and_back_is_the_same(demo_path, server_db, tmp_path, capsys):
    _name, url = server_db
    assert main(["copy", "--from", str(demo_path), "--to", url]) == 0
    assert "kopierade" in capsys.readouterr().out
    back = tmp_path / "tillbaka.sqlite"
    assert main(["copy", "--from", url, "--to", str(back)]) == 0
    assert table_contents(back) == table_contents(demo_path)
    assert main(["check", "--db", url]) == 0
    # Copying into a database that already holds data is refused.
    assert main(["copy", "--from", str(demo_path), "--to", url]) == 2
    assert "innehåller redan data" in capsys.readouterr().err
    # New rows get new ids after the copied ones (the sequences moved on).
    store = open_store(url)
    with store.transaction() as session:
        top = session.execute(sa.select(sa.func.max(Goal.id))).scalar()
        goal = Goal(title="Ny", level=session.get(Goal, top).level, parent_id=session.get(Goal, top).parent_id)
        session.add(goal)
        session.flush()
        assert goal.id == top + 1
    store.close()


def test_the_audit_log_is_append_only_on_the_server_and_names_the_database_user(demo_db):
    _name, url = demo_db
    store = open_store(url)
    with store.transaction() as session:
        from app.services.goals import editing

        goal_id = session.execute(sa.select(Goal.id).limit(1)).scalar_one()
        editing.update_goal(session, goal_id, {"title": "Ändrad på servern"})
    with store.session() as session:
        last = session.execute(sa.select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).scalar_one()
        assert last.user == "postgres" and last.new_value == "Ändrad på servern"
        assert verify_chain(session) == []
    with pytest.raises(sa.exc.IntegrityError, match="append-only"), store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE audit_entry SET summary = 'x'")
    store.close()


def test_the_loser_of_two_saves_sees_whose_change_won(demo_db):
    from app.services.goals import editing

    _name, url = demo_db
    mine, theirs = open_store(url), open_store(url)
    with pytest.raises(ConcurrentEditError) as refused, mine.transaction() as session:
        goal = session.execute(sa.select(Goal).order_by(Goal.id).limit(1)).scalar_one()
        goal.title  # read at the current version  # noqa: B018
        with theirs.transaction() as other:
            editing.update_goal(other, goal.id, {"title": "Deras rubrik"})
        editing.update_goal(session, goal.id, {"title": "Min rubrik"})
    assert "postgres ändrade goal" in refused.value.sv and "Deras rubrik" in refused.value.sv
    assert refused.value.conflict.changes[-1].new == "Deras rubrik"
    with theirs.session() as session:
        assert session.execute(sa.select(Goal.title).order_by(Goal.id).limit(1)).scalar_one() == "Deras rubrik"
    mine.close()
    theirs.close()


def _a_result_key(url: str) -> tuple[int, int, str, float]:
    store = open_store(url)
    with store.session() as session:
        row = session.execute(sa.select(Result.indicator_id, Result.unit_id, Period.code, Result.value)
                              .join(Period, Period.id == Result.period_id)
                              .where(Result.gender == Gender.TOTAL, Result.value.is_not(None))
                              .order_by(Result.id).limit(1)).one()
    store.close()
    return row[0], row[1], row[2], row[3]


def test_three_processes_editing_one_result_lose_nothing(demo_db):
    from tests.shared_workers import increment_result

    _name, url = demo_db
    indicator_id, unit_id, period, start = _a_result_key(url)
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    workers = [context.Process(target=increment_result, args=(url, (indicator_id, unit_id, period), 15, queue))
               for _ in range(3)]
    for w in workers:
        w.start()
    reports = [queue.get(timeout=120) for _ in workers]
    for w in workers:
        w.join(timeout=30)
    saved = sum(r[0] for r in reports)
    assert saved == 45
    store = open_store(url)
    with store.session() as session:
        value = session.execute(sa.select(Result.value).where(
            Result.indicator_id == indicator_id, Result.unit_id == unit_id,
            Result.gender == Gender.TOTAL, Result.period_id == sa.select(Period.id).where(
                Period.code == period).scalar_subquery())).scalar_one()
        assert value == start + 45 * 0.5  # every save counted: none lost, none doubled
        assert verify_chain(session) == []  # one chain, with three writers
    store.close()


def test_two_imports_at_once_both_land_whole(demo_db, tmp_path):
    from tests.shared_workers import import_file

    _name, url = demo_db
    store = open_store(url)
    with store.session() as session:
        keys = session.execute(
            sa.select(Indicator.code, OrgUnit.code, Period.code).join(Result, Result.indicator_id == Indicator.id)
            .join(OrgUnit, OrgUnit.id == Result.unit_id).join(Period, Period.id == Result.period_id)
            .where(Result.gender == Gender.TOTAL, Period.code.like("20__")).order_by(Result.id).limit(30)).all()
    files = []
    for number, value in ((1, 11), (2, 22)):
        import openpyxl

        book = openpyxl.Workbook()
        book.active.title = "Utfall"
        book.active.append(["Indikator", "Enhet", "År", "Kön", "Utfall"])
        for indicator, unit, period in keys:
            book.active.append([indicator, unit, period, "T", value])
        path = tmp_path / f"fil{number}.xlsx"
        book.save(path)
        files.append(str(path))
    context = multiprocessing.get_context("spawn")
    queue, start = context.Queue(), context.Event()
    workers = [context.Process(target=import_file, args=(url, f, start, queue)) for f in files]
    for w in workers:
        w.start()
    start.set()
    reports = [queue.get(timeout=120) for _ in workers]
    for w in workers:
        w.join(timeout=30)
    assert all(ok for _path, ok, _problems in reports), reports
    with store.session() as session:
        values = {session.execute(sa.select(Result.value).join(Indicator, Indicator.id == Result.indicator_id)
                                  .join(OrgUnit, OrgUnit.id == Result.unit_id)
                                  .join(Period, Period.id == Result.period_id)
                                  .where(Indicator.code == i, OrgUnit.code == u, Period.code == p,
                                         Result.gender == Gender.TOTAL)).scalar_one() for i, u, p in keys}
        from app.models import ImportBatch

        assert session.execute(sa.select(sa.func.count()).select_from(ImportBatch)).scalar_one() == 2
        assert verify_chain(session) == []
    assert values in ({11.0}, {22.0})  # one file's values throughout, never half of each
    store.close()


def test_a_commit_elsewhere_is_announced_within_a_second(demo_db):
    from app.models.live import ChangeListener
    from tests.shared_workers import set_goal_title

    _name, url = demo_db
    arrived = []
    listener = ChangeListener(url, lambda change: arrived.append((time.monotonic(), change))).start()
    try:
        context = multiprocessing.get_context("spawn")
        worker = context.Process(target=set_goal_title, args=(url, "Ändrad av en annan planerare"))
        worker.start()
        worker.join(timeout=60)
        committed = time.monotonic()
        deadline = committed + 5
        while not arrived and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        listener.stop()
    assert arrived, "no notification arrived"
    at, change = arrived[0]
    assert at - committed < 1.0
    assert {"goal", "audit_entry"} <= change.tables and change.users == {"postgres"}


# --- roles the database enforces -----------------------------------------------------------------

def _units(url: str) -> tuple[str, int, str, int]:
    """Two units that both have results: (code, id) of each."""
    store = open_store(url)
    with store.session() as session:
        rows = session.execute(sa.select(OrgUnit.code, OrgUnit.id).join(Result, Result.unit_id == OrgUnit.id)
                               .where(OrgUnit.kind == "unit").group_by(OrgUnit.code, OrgUnit.id)
                               .order_by(OrgUnit.id).limit(2)).all()
    store.close()
    (own_code, own_id), (other_code, other_id) = rows
    return own_code, own_id, other_code, other_id


def test_roles_are_enforced_by_the_server_even_through_a_plain_connection(demo_db, logins, capsys):
    name, url = demo_db
    own_code, own_id, _other_code, other_id = _units(url)
    reporter, auditor, planner = logins("rapportor"), logins("granskare"), logins("planerare")
    assert main(["roles-setup", "--db", url]) == 0
    assert main(["roles-grant", "--db", url, reporter, "rapportor", "--unit", own_code]) == 0
    assert main(["roles-grant", "--db", url, auditor, "granskare"]) == 0
    assert main(["roles-grant", "--db", url, planner, "planerare"]) == 0
    capsys.readouterr()

    def connect(user):
        return psycopg.connect(postgres.url_of(name, user), autocommit=True)

    with connect(reporter) as conn:
        # Another unit's results: readable, but not one of them can be changed or added.
        assert conn.execute("SELECT count(*) FROM result WHERE unit_id = %s", (other_id,)).fetchone()[0] > 0
        assert conn.execute("UPDATE result SET value = 0 WHERE unit_id = %s", (other_id,)).rowcount == 0
        assert conn.execute("DELETE FROM result WHERE unit_id = %s", (other_id,)).rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute("UPDATE result SET unit_id = %s WHERE unit_id = %s", (other_id, own_id))
        # Their own unit's: yes.
        assert conn.execute("UPDATE result SET value = value WHERE unit_id = %s", (own_id,)).rowcount > 0
        # Goals are the planners'.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE goal SET title = 'x'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE audit_entry SET summary = 'x'")
    with connect(auditor) as conn:
        assert conn.execute("SELECT count(*) FROM goal").fetchone()[0] == 38
        for statement in ("UPDATE goal SET title = 'x'", "DELETE FROM result", "INSERT INTO role_unit VALUES ('x', 1)"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
    with connect(planner) as conn:
        assert conn.execute("UPDATE goal SET title = title").rowcount == 38
        assert conn.execute("UPDATE result SET value = value WHERE unit_id = %s", (other_id,)).rowcount > 0


def test_styrkort_as_a_reporter_saves_own_results_and_is_refused_others(demo_db, logins):
    from app.services.followup import results
    from app.services.platform.roles import access_for

    name, url = demo_db
    own_code, own_id, _other_code, other_id = _units(url)
    reporter = logins("rapportor")
    assert main(["roles-setup", "--db", url]) == 0
    assert main(["roles-grant", "--db", url, reporter, "rapportor", "--unit", own_code]) == 0
    store = open_store(postgres.url_of(name, reporter))
    with store.session() as session:
        access = access_for(session)
        assert access.role == "rapportor" and own_id in access.unit_ids and other_id not in access.unit_ids
        assert access.may_edit_unit(own_id) and not access.may_edit_unit(other_id)
        keys = {unit: session.execute(sa.select(Result.indicator_id, Period.code)
                                      .join(Period, Period.id == Result.period_id)
                                      .where(Result.unit_id == unit, Result.gender == Gender.TOTAL)
                                      .limit(1)).one() for unit in (own_id, other_id)}
    indicator_id, period = keys[own_id]
    with store.transaction() as session:
        results.set_result(session, indicator_id, own_id, period, Gender.TOTAL, 42.0)
    indicator_id, period = keys[other_id]
    with pytest.raises(AccessDeniedError), store.transaction() as session:
        results.set_result(session, indicator_id, other_id, period, Gender.TOTAL, 1.0)
    with store.session() as session:
        last = session.execute(sa.select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).scalar_one()
        assert last.user == reporter and last.new_value == "42.0"
    store.close()


def test_check_finds_a_missing_server_rule(demo_db, capsys):
    _name, url = demo_db
    assert main(["check", "--db", url]) == 0
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP TRIGGER audit_entry_append_only ON audit_entry")
    assert main(["check", "--db", url]) == 1
    assert "problem: trigger audit_entry_append_only is missing" in capsys.readouterr().out


def test_an_adopted_document_stays_locked_even_through_a_plain_connection(demo_db):
    _name, url = demo_db
    with psycopg.connect(url, autocommit=True) as conn:
        adopted = conn.execute("SELECT id, title FROM directive WHERE state = 'adopted' ORDER BY id LIMIT 1").fetchone()
        assert adopted is not None
        with pytest.raises(psycopg.errors.IntegrityConstraintViolation, match="create a new version"):
            conn.execute("UPDATE directive SET body = 'ändrad' WHERE id = %s", (adopted[0],))
        # Its lifecycle may still move on: an adopted document can be repealed.
        assert conn.execute("UPDATE directive SET state = 'repealed' WHERE id = %s", (adopted[0],)).rowcount == 1
        assert conn.execute("SELECT title FROM directive WHERE id = %s", (adopted[0],)).fetchone()[0] == adopted[1]
