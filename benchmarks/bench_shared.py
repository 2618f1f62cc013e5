"""The shared regional database (issue 15), on the PostgreSQL server at STYRKORT_TEST_PG
(default postgresql://postgres@127.0.0.1:5432/postgres).

1. 20 client processes each save 500 result edits through the service layer (read the value,
   `set_result` with the value read as `expected`, retry when someone else's save came first),
   all on the same 200 results, so they collide. Every write adds 1: at the end the values
   must have grown by exactly the number of saves the clients counted — zero lost updates.
   Figures: throughput, p95 latency of a save; baseline: ONE client making the same kind of
   saves alone on the server, and on a SQLite file (the embedded default), in the same run.
2. The follow-up roll-up (all 10 000 goals, one period, 200 units; bench_followup's database)
   on PostgreSQL against SQLite, as a ratio.

STYRKORT_BENCH_CLIENTS / STYRKORT_BENCH_EDITS change the load (defaults: the issue's 20 × 500,
about 80 s on a quiet two-core machine, much longer under load; 20 × 100 for a quick look).
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from common import heading, median_seconds, report

CLIENTS = int(os.environ.get("STYRKORT_BENCH_CLIENTS", 20))
EDITS = int(os.environ.get("STYRKORT_BENCH_EDITS", 500))
HOT_RESULTS = 200
SERVER = os.environ.get("STYRKORT_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(SERVER, autocommit=True) as conn:
        conn.execute(sql)


def _url(name: str) -> str:
    return SERVER.rsplit("/", 1)[0] + "/" + name


def client(url: str, keys: list, edits: int, seed: int, start, queue) -> None:
    """One planner's process: `edits` saves on random results out of `keys`."""
    import random

    from app.models import Gender
    from app.models.store import ConcurrentEditError, StoreBusyError, open_store
    from app.services.followup import results

    store = open_store(url, create=False)
    rng = random.Random(seed)
    latencies, refused = [], 0
    start.wait()
    for _ in range(edits):
        indicator_id, unit_id, period = rng.choice(keys)
        began = time.perf_counter()
        while True:
            try:
                with store.transaction() as session:
                    current = results.get_result(session, indicator_id, unit_id, period).value
                    results.set_result(session, indicator_id, unit_id, period, Gender.TOTAL, current + 1,
                                       expected=current)
                break
            except (ConcurrentEditError, StoreBusyError):
                refused += 1
        latencies.append(time.perf_counter() - began)
    store.close()
    queue.put((len(latencies), refused, latencies))


def _prepare(target) -> list:
    """Exempelregionen without range limits (values only grow here); the hot results' keys."""
    import sqlalchemy as sa

    from app.models import Gender, Indicator, Period, Result
    from app.models.store import open_store
    from app.services.demo.builder import build_demo

    store = open_store(target)
    with store.transaction() as session:
        build_demo(session)
        session.execute(sa.update(Indicator).values(min_value=None, max_value=None))
    with store.session() as session:
        keys = [tuple(r) for r in session.execute(
            sa.select(Result.indicator_id, Result.unit_id, Period.code).join(Period, Period.id == Result.period_id)
            .where(Result.gender == Gender.TOTAL, Result.value.is_not(None)).order_by(Result.id)
            .limit(HOT_RESULTS))]
    store.close()
    return keys


def _total(target, keys) -> float:
    import sqlalchemy as sa

    from app.models import Gender, Period, Result
    from app.models.store import open_store

    store = open_store(target)
    with store.session() as session:
        total = 0.0
        for indicator_id, unit_id, period in keys:
            total += session.execute(sa.select(Result.value).join(Period, Period.id == Result.period_id).where(
                Result.indicator_id == indicator_id, Result.unit_id == unit_id, Period.code == period,
                Result.gender == Gender.TOTAL)).scalar_one()
    store.close()
    return total


def _alone(target, keys, edits: int) -> list[float]:
    context = multiprocessing.get_context("spawn")
    queue, start = context.Queue(), context.Event()
    start.set()
    client(str(target), keys, edits, 99, start, queue)
    return queue.get()[2]


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 20 else max(values)


def concurrency() -> None:
    from app.services.platform.audit_check import verify_chain

    heading(f"Shared database (issue 15): {CLIENTS} clients × {EDITS} result edits, {HOT_RESULTS} results")
    name = f"styrkort_bench_{os.getpid()}"
    _admin(f'CREATE DATABASE "{name}"')
    folder = Path(tempfile.mkdtemp(prefix="styrkort-bench-shared-"))
    try:
        url = _url(name)
        keys = _prepare(url)
        before = _total(url, keys)
        context = multiprocessing.get_context("spawn")
        queue, start = context.Queue(), context.Event()
        workers = [context.Process(target=client, args=(url, keys, EDITS, n, start, queue)) for n in range(CLIENTS)]
        for w in workers:
            w.start()
        time.sleep(3)  # let every client import and connect before the clock starts
        began = time.perf_counter()
        start.set()
        reports = [queue.get(timeout=1800) for _ in workers]
        wall = time.perf_counter() - began
        for w in workers:
            w.join(timeout=30)
        saved = sum(r[0] for r in reports)
        refused = sum(r[1] for r in reports)
        latencies = [x for r in reports for x in r[2]]
        grown = _total(url, keys) - before
        from app.models.store import open_store

        store = open_store(url)
        with store.session() as session:
            chain = verify_chain(session)
        store.close()

        # Baselines, same run: one client alone on the server, and on a SQLite file.
        alone_pg = _alone(url, keys, EDITS)
        sqlite_path = folder / "alone.sqlite"
        sqlite_keys = _prepare(sqlite_path)
        alone_sqlite = _alone(sqlite_path, sqlite_keys, EDITS)

        per_save = wall / saved
        report(f"{CLIENTS} clients: wall time per save (throughput {saved / wall:.0f}/s)", per_save,
               "one client alone (server)", statistics.mean(alone_pg))
        report(f"{CLIENTS} clients: p95 latency of a save (incl. retries)", _p95(latencies),
               "one client alone (server)", _p95(alone_pg))
        report("one client alone on the server: mean save", statistics.mean(alone_pg),
               "one client alone (SQLite file)", statistics.mean(alone_sqlite))
        lost = saved - round(grown)
        print(f"{'':<58} saves counted {saved}, refused and retried {refused}, value grown {grown:.0f}: "
              f"lost updates {lost} ({'zero: met' if lost == 0 else 'NOT met'}); audit chain "
              f"{'intact' if not chain else 'BROKEN'}", flush=True)
    finally:
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(folder, ignore_errors=True)


def rollup() -> None:
    import bench_followup

    from app.models.store import open_store
    from app.services.followup.status import compute_follow_up
    from app.services.platform.copying import copy_database

    heading("Follow-up roll-up, 10 000 goals × 200 units: PostgreSQL against SQLite")
    folder = Path(tempfile.mkdtemp(prefix="styrkort-bench-shared-"))
    name = f"styrkort_bench_rollup_{os.getpid()}"
    try:
        path = folder / "big.sqlite"
        bench_followup.build(path)
        _admin(f'CREATE DATABASE "{name}"')
        started = time.perf_counter()
        copy_database(path, _url(name))
        print(f"copied {bench_followup.INDICATORS * bench_followup.UNITS * bench_followup.PERIODS:,} results "
              f"into PostgreSQL in {time.perf_counter() - started:.1f} s (COPY, verified)", flush=True)
        period = str(bench_followup.FIRST_YEAR + bench_followup.PERIODS - 1)
        timings = {}
        for label, target in (("SQLite", path), ("PostgreSQL", _url(name))):
            store = open_store(target)
            with store.session() as session:
                if label == "PostgreSQL":
                    session.connection().exec_driver_sql("ANALYZE")
                timings[label] = median_seconds(lambda s=session: compute_follow_up(s, period), repeat=3)
            store.close()
        report("roll-up, one period, all units: SQLite (baseline)", timings["SQLite"], "SQLite", timings["SQLite"])
        report("roll-up, one period, all units: PostgreSQL", timings["PostgreSQL"], "SQLite", timings["SQLite"])
    finally:
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    try:
        _admin("SELECT 1")
    except Exception as exc:  # noqa: BLE001 - no server: say so in one line
        print(f"\n== Shared database (issue 15): skipped, no PostgreSQL server at {SERVER} ({exc})")
        return
    concurrency()
    rollup()


if __name__ == "__main__":
    main()
