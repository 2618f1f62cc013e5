"""Status and roll-up at scale (issue 4): 10 000 goals × 200 units × 20 periods.

"Computes" here means what the follow-up view does when a planner picks a period: every goal's
status for ONE period over ALL 200 units (the whole organisation; each indicator's value is the
mean of the 200 units' results), including the previous comparable period's trend values. The
database holds all 20 periods (2 000 000 results), so the queries must pick one period out of
twenty. Goal: under one second. Also shown: the same for one nämnd's 20 units, and all 20
periods one after another.

Then one result is edited and `refresh_indicator` updates only the affected statuses; its time
is compared with a full recompute in the same run (and checked to give the same answer)."""

from __future__ import annotations

import random
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from common import heading, median_seconds, report

from app.models import Gender, Goal, GoalIndicator, Indicator, OrgUnit, Period, Target
from app.models.store import open_store
from app.services.followup.periods import parse_period
from app.services.followup.results import set_result
from app.services.followup.status import compute_follow_up, refresh_indicator

GOALS = 10_000
UNITS = 200
PERIODS = 20
INDICATORS = 500
FIRST_YEAR = 2006


def build(path: Path) -> dict:
    """The synthetic region, written with Core executemany (the ORM would dominate the setup)."""
    store = open_store(path)
    rng = random.Random(4)
    with store.engine.begin() as conn:
        units = [dict(id=1, code="KF", name="Fullmäktige", kind="council", parent_id=None, position=0, version=1)]
        for c in range(10):
            units.append(dict(id=2 + c, code=f"N{c}", name=f"Nämnd {c}", kind="committee", parent_id=1,
                              position=c, version=1))
        for u in range(UNITS):
            units.append(dict(id=100 + u, code=f"E{u}", name=f"Enhet {u}", kind="unit", parent_id=2 + u % 10,
                              position=u, version=1, service_area="Omsorg"))
        conn.execute(OrgUnit.__table__.insert(), units)
        periods = []
        for i in range(PERIODS):
            spec = parse_period(str(FIRST_YEAR + i))
            periods.append(dict(id=i + 1, code=spec.code, kind=spec.kind, year=spec.year, number=1,
                                start_date=spec.start_date, end_date=spec.end_date, closed=False))
        conn.execute(Period.__table__.insert(), periods)
        # A tree of 10 000 goals: ten children per goal, breadth first (depth 4).
        goals = [dict(id=1, title="Vision", level="vision", parent_id=None, position=0, state="adopted",
                      description="", version=1)]
        next_parent = 0
        while len(goals) < GOALS:
            parent = goals[next_parent]
            for k in range(10):
                if len(goals) == GOALS:
                    break
                goals.append(dict(id=len(goals) + 1, title=f"Mål {len(goals) + 1}", level="goal",
                                  parent_id=parent["id"], position=k, state="adopted", description="",
                                  version=1))
            next_parent += 1
        conn.execute(Goal.__table__.insert(), goals)
        parents = {g["parent_id"] for g in goals}
        leaves = [g["id"] for g in goals if g["id"] not in parents]
        conn.execute(Indicator.__table__.insert(), [
            dict(id=i + 1, code=f"I{i:04d}", name=f"Indikator {i}", unit_of_measure="%",
                 direction="higher_better" if i % 3 else "lower_better", decimals=1, tolerance=5.0,
                 tolerance_kind="absolute", source="", description="", version=1)
            for i in range(INDICATORS)])
        links = set()
        for leaf in leaves:
            for _ in range(rng.choice((1, 2))):
                links.add((leaf, rng.randrange(INDICATORS) + 1))
        conn.execute(GoalIndicator.__table__.insert(),
                     [dict(goal_id=g, indicator_id=i, weight=1.0, position=0) for g, i in links])
        conn.execute(Target.__table__.insert(), [
            dict(indicator_id=i + 1, unit_id=None, period_id=p + 1, value=70.0)
            for i in range(INDICATORS) for p in range(PERIODS)])
    store.close()
    # Two million results: the DB-API's executemany of plain tuples, in key order, without fsync;
    # SQLAlchemy's per-row dicts would triple the set-up time and measure nothing of ours.
    # The secondary indexes are dropped during the load and rebuilt after (sorted, much faster).
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous=OFF")
    indexes = conn.execute("SELECT name, sql FROM sqlite_master WHERE type='index' AND tbl_name='result' "
                           "AND sql IS NOT NULL").fetchall()
    columns = "indicator_id, unit_id, period_id, gender, value, comment, late"
    with conn:
        for name, _sql in indexes:
            conn.execute(f"DROP INDEX {name}")
        for i in range(INDICATORS):
            conn.executemany(f"INSERT INTO result ({columns}) VALUES (?, ?, ?, 'T', ?, '', 0)", [
                (i + 1, 100 + u, p + 1, rng.uniform(40, 100)) for u in range(UNITS) for p in range(PERIODS)])
        for _name, sql in indexes:
            conn.execute(sql)
        conn.execute("ANALYZE")
    conn.close()
    return {"goals": len(goals), "links": len(links), "results": INDICATORS * UNITS * PERIODS}


def main() -> None:
    heading(f"Follow-up status and roll-up (issue 4): {GOALS} goals × {UNITS} units × {PERIODS} periods")
    folder = Path(tempfile.mkdtemp(prefix="styrkort-bench-followup-"))
    path = folder / "big.sqlite"
    start = time.perf_counter()
    sizes = build(path)
    print(f"built {sizes['goals']} goals, {sizes['links']} goal–indicator links, {sizes['results']:,} results "
          f"in {time.perf_counter() - start:.1f} s", flush=True)
    store = open_store(path)
    period = str(FIRST_YEAR + PERIODS - 1)
    with store.session() as session:
        full = median_seconds(lambda: compute_follow_up(session, period), repeat=5)
        committee = median_seconds(lambda: compute_follow_up(session, period, scope_unit_id=2), repeat=5)
        start = time.perf_counter()
        for i in range(PERIODS):
            compute_follow_up(session, str(FIRST_YEAR + i))
        all_periods = time.perf_counter() - start
        follow_up = compute_follow_up(session, period)
    report("full recompute: one period, all 200 units (baseline)", full, "full", full)
    print(f"{'':<58} goal < 1 s: {'met' if full < 1.0 else 'NOT met'}")
    report("full recompute: one period, one nämnd (20 units)", committee, "full", full)
    report(f"full recompute: all {PERIODS} periods one by one", all_periods, "full", full)

    # One edited result: write it, then refresh only what it affects.
    indicator_id = next(iter(follow_up.goals_by_indicator))
    edits, refreshes, changed_counts = [], [], []
    for n in range(5):
        with store.transaction() as session:
            start = time.perf_counter()
            set_result(session, indicator_id, 100 + n, period, Gender.TOTAL, 1.0 + n)
            edits.append(time.perf_counter() - start)
        with store.session() as session:
            start = time.perf_counter()
            changed = refresh_indicator(session, follow_up, indicator_id)
            refreshes.append(time.perf_counter() - start)
            changed_counts.append(len(changed))
    with store.session() as session:
        same = compute_follow_up(session, period).goals == follow_up.goals
    refreshes.sort()
    edits.sort()
    report("edit one result (write + audit, one transaction)", edits[2], "full", full)
    report("incremental refresh after one edited result", refreshes[2], "full", full, goal=0.1)
    print(f"{'':<58} goals touched: {max(changed_counts)} of {sizes['goals']}; "
          f"equals full recompute: {'yes' if same else 'NO'}")
    store.close()
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
