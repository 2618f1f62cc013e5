"""Offline sync (issue 16) against the PostgreSQL server on 127.0.0.1:5432.

Exempelregionen grown to 20 000 results is copied to a server database; a laptop checks out the
whole region (and, separately, one nämnd). Then 10 000 result edits on the laptop and 10 000 on
the server (other results) are synchronised in one `sync`, and a day's work (2 000 + 2 000). The
baseline is the least any sync must do: the same 10 000 updates sent to the server with one
executemany, measured in the same run. Bytes are the row payloads sent and received (JSON)."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from common import heading, report

SERVER = os.environ.get("STYRKORT_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
RESULTS = 20_000
EDITS = 10_000
DAY = 2_000


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(SERVER, autocommit=True) as conn:
        conn.execute(sql)


def _url(name: str) -> str:
    return SERVER.rsplit("/", 1)[0] + "/" + name


def _grow(path: Path) -> None:
    """Add results (gender T, every indicator × unit × period not yet filled) up to RESULTS."""
    import sqlite3

    conn = sqlite3.connect(path)
    have = conn.execute("SELECT count(*) FROM result").fetchone()[0]
    conn.execute(f"""INSERT INTO result (indicator_id, unit_id, period_id, gender, value, comment, late, version)
        SELECT i.id, u.id, p.id, 'T', (i.id * 7 + u.id * 3 + p.id) % 100, '', 0, 1
        FROM indicator i, org_unit u, period p
        WHERE NOT EXISTS (SELECT 1 FROM result r WHERE r.indicator_id = i.id AND r.unit_id = u.id
                          AND r.period_id = p.id AND r.gender = 'T')
        LIMIT {max(RESULTS - have, 0)}""")
    conn.commit()
    conn.close()


def _local_edits(path: Path, ids: list[int]) -> None:
    import sqlite3

    conn = sqlite3.connect(path)
    conn.executemany("UPDATE result SET value = value + 0.5 WHERE id = ?", [(i,) for i in ids])
    conn.commit()
    conn.close()


def _remote_edits(url: str, ids: list[int]) -> float:
    import psycopg

    started = time.perf_counter()
    with psycopg.connect(url.replace("postgresql://", "postgresql://", 1)) as conn:
        conn.cursor().executemany("UPDATE result SET value = value + 0.25, version = version + 1 WHERE id = %s",
                                  [(i,) for i in ids])
    return time.perf_counter() - started


def main() -> None:
    from app.models.store import open_store
    from app.services.demo.builder import build_demo
    from app.services.platform.copying import copy_database
    from app.services.sync.checkout import checkout
    from app.services.sync.engine import sync

    heading("Offline sync: checkout, 10 000 + 10 000 result edits, a day's 2 000 + 2 000")
    folder = Path(tempfile.mkdtemp(prefix="styrkort-bench-sync-"))
    name = f"styrkort_bench_sync_{os.getpid()}"
    try:
        source = folder / "region.sqlite"
        store = open_store(source)
        with store.transaction() as session:
            build_demo(session)
        store.close()
        _grow(source)
        _admin(f'CREATE DATABASE "{name}"')
        url = _url(name)
        started = time.perf_counter()
        copy_database(source, url)
        print(f"region copied to the server: {time.perf_counter() - started:.1f} s", flush=True)

        laptop = folder / "laptop.sqlite"
        started = time.perf_counter()
        whole = checkout(url, laptop)
        print(f"checkout, whole region ({whole.total:,} rows): {time.perf_counter() - started:.2f} s", flush=True)
        started = time.perf_counter()
        import sqlalchemy as sa

        with open_store(url).engine.connect() as conn:
            namnd = conn.execute(sa.text("SELECT code FROM org_unit WHERE parent_id IS NOT NULL ORDER BY id")).first()[0]
            ids = list(conn.execute(sa.text("SELECT id FROM result ORDER BY id")).scalars())
        part = checkout(url, folder / "namnd.sqlite", scope=namnd)
        print(f"checkout, one nämnd {namnd} ({part.total:,} rows): {time.perf_counter() - started:.2f} s", flush=True)

        mine, theirs = ids[:EDITS], ids[EDITS:2 * EDITS]
        baseline = _remote_edits(url, theirs)  # also the server's side of the edits
        _local_edits(laptop, mine)
        result = sync(laptop)
        assert result.pushed >= EDITS and result.pulled >= len(theirs), (result.pushed, result.pulled)
        report(f"sync 10 000 local + {len(theirs):,} remote result edits", result.seconds,
               "10 000 plain UPDATEs (executemany)", baseline)
        print(f"  bytes sent {result.bytes_sent:,}, received {result.bytes_received:,}; rounds {result.rounds}",
              flush=True)

        day_mine, day_theirs = ids[:DAY], ids[EDITS:EDITS + DAY]
        day_baseline = _remote_edits(url, day_theirs)
        _local_edits(laptop, day_mine)
        result = sync(laptop)
        report("sync a day's work: 2 000 local + 2 000 remote edits", result.seconds,
               "2 000 plain UPDATEs (executemany)", day_baseline)
        print(f"  goal < 2 s: {'met' if result.seconds < 2 else 'NOT met'}; bytes sent {result.bytes_sent:,}, "
              f"received {result.bytes_received:,}", flush=True)
    finally:
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(folder, ignore_errors=True)
    if os.environ.get("STYRKORT_BENCH_SYNC_BIG"):
        big_scope()


def big_scope() -> None:
    """Opt-in (STYRKORT_BENCH_SYNC_BIG=1: building and copying two million results takes minutes):
    the 10 000-goal region of bench_followup on the server, one nämnd checked out."""
    import bench_followup

    from app.services.platform.copying import copy_database
    from app.services.sync.checkout import checkout

    heading("Checkout of one nämnd from the 10 000-goal region (2 000 000 results)")
    folder = Path(tempfile.mkdtemp(prefix="styrkort-bench-sync-big-"))
    name = f"styrkort_bench_sync_big_{os.getpid()}"
    try:
        path = folder / "big.sqlite"
        bench_followup.build(path)
        _admin(f'CREATE DATABASE "{name}"')
        started = time.perf_counter()
        copy_database(path, _url(name))
        print(f"copied to the server (COPY, verified, with the change sequence): "
              f"{time.perf_counter() - started:.1f} s", flush=True)
        started = time.perf_counter()
        part = checkout(_url(name), folder / "n0.sqlite", scope="N0")
        print(f"checkout of nämnd N0 ({part.total:,} rows, {part.rows.get('result', 0):,} results, "
              f"{part.rows.get('goal', 0):,} goals): {time.perf_counter() - started:.1f} s", flush=True)
    finally:
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
