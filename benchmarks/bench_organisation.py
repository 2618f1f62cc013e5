"""Reorganisation at scale (issue 13), on a 10 000-goal database.

1. Impact listing before moving a förvaltning with 500 units (and their 2 000 goals, 7 500 unit
   targets, 500 plans with 1 500 activities, 500 dialogue meetings, the nämnd's delegation order
   of 120 items and its styrdokument) under another nämnd. Goal: under 200 ms. Baseline: the floor
   — one COUNT per table over the same rows (what any listing must at least read).
2. Follow-up status for a period under a past organisation (after a dated move of the
   förvaltning from the next year, the period's line comes from the history table) against the
   same status before any reorganisation, measured in the same run. Goal: ≤ 1.2×.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa
from common import heading, median_seconds, report

from app.models import Goal, GoalIndicator, Indicator, OrgUnit, Period
from app.models.store import open_store
from app.services.followup.periods import parse_period
from app.services.followup.status import compute_follow_up
from app.services.organisation import reorganisation as reorg
from app.services.organisation.editing import move_units, subtree_ids

GOALS = 10_000
MOVED_UNITS = 500          # units under the förvaltning that moves
OTHER_UNITS = 200
INDICATORS = 100
YEARS = (2025, 2026)


def build(path: Path) -> dict:
    store = open_store(path)
    rng = random.Random(13)
    units: list[dict] = []

    def unit(code, name, kind, parent, **extra):
        units.append(dict(id=len(units) + 1, code=code, name=name, kind=kind, parent_id=parent,
                          position=len(units), version=1, description="", **extra))
        return len(units)

    council = unit("KF", "Fullmäktige", "council", None)
    committees = [unit(f"N{c}", f"Nämnd {c}", "committee", council) for c in range(3)]
    administrations = [unit(f"F{c}", f"Förvaltning {c}", "administration", committees[c]) for c in range(3)]
    moved_units: list[int] = []
    for a in range(10):
        area = unit(f"V{a}", f"Verksamhet {a}", "service_area", administrations[0], service_area=f"Område {a}")
        for u in range(MOVED_UNITS // 10 - 1):
            moved_units.append(unit(f"E{a}.{u}", f"Enhet {a}.{u}", "unit", area, service_area=f"Område {a}"))
        moved_units.append(area)
    other_units = [unit(f"X{u}", f"Enhet X{u}", "unit", administrations[1 + u % 2]) for u in range(OTHER_UNITS)]
    with store.engine.begin() as conn:
        conn.execute(OrgUnit.__table__.insert(), units)
        conn.execute(Period.__table__.insert(), [
            dict(id=i + 1, code=str(y), kind="year", year=y, number=1, start_date=parse_period(str(y)).start_date,
                 end_date=parse_period(str(y)).end_date, closed=False) for i, y in enumerate(YEARS)])
        goals = [dict(id=1, title="Vision", level="vision", parent_id=None, position=0, state="adopted",
                      description="", version=1, owner_unit_id=None)]
        next_parent = 0
        while len(goals) < GOALS:
            parent = goals[next_parent]
            for k in range(10):
                if len(goals) == GOALS:
                    break
                # 2 000 goals owned by the moving units, the rest by others or no one.
                owner = moved_units[len(goals) % MOVED_UNITS] if len(goals) % 5 == 0 else \
                    other_units[len(goals) % OTHER_UNITS] if len(goals) % 5 == 1 else None
                goals.append(dict(id=len(goals) + 1, title=f"Mål {len(goals) + 1}", level="goal",
                                  parent_id=parent["id"], position=k, state="adopted", description="",
                                  version=1, owner_unit_id=owner))
            next_parent += 1
        conn.execute(Goal.__table__.insert(), goals)
        conn.execute(Indicator.__table__.insert(), [
            dict(id=i + 1, code=f"I{i:03d}", name=f"Indikator {i}", unit_of_measure="%", direction="higher_better",
                 decimals=1, tolerance=5.0, tolerance_kind="absolute", source="", description="", version=1)
            for i in range(INDICATORS)])
        parents = {g["parent_id"] for g in goals}
        conn.execute(GoalIndicator.__table__.insert(), [
            dict(goal_id=g["id"], indicator_id=rng.randrange(INDICATORS) + 1, weight=1.0, position=0)
            for g in goals if g["id"] not in parents])
    store.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous=OFF")
    with conn:
        # 7 500 unit targets: 500 units × 5 indicators × 3 (two periods, one general row each).
        conn.executemany("INSERT INTO target (indicator_id, unit_id, period_id, value) VALUES (?, ?, ?, ?)", [
            (i + 1, u, p, 70.0) for u in moved_units for i in range(5) for p in (1, 2)]
            + [(i + 1, moved_units[0], p, 71.0) for i in range(5, 130) for p in (1, 2) if i < INDICATORS])
        conn.executemany("INSERT INTO target (indicator_id, unit_id, period_id, value) VALUES (?, NULL, ?, 70)",
                         [(i + 1, p) for i in range(INDICATORS) for p in (1, 2)])
        conn.executemany("INSERT INTO result (indicator_id, unit_id, period_id, gender, value, comment, late) "
                         "VALUES (?, ?, ?, 'T', ?, '', 0)",
                         [(i + 1, u, p, rng.uniform(40, 100)) for i in range(INDICATORS)
                          for u in moved_units + other_units for p in (1, 2)])
        conn.executemany("INSERT INTO operational_plan (id, unit_id, year, title, state, mission, goals_text, "
                         "resources, follow_up, version) VALUES (?, ?, 2026, ?, 'draft', '', '', '', '', 1)",
                         [(n + 1, u, f"Plan {u}") for n, u in enumerate(moved_units)])
        conn.executemany("INSERT INTO activity (plan_id, title, description, responsible, state, progress, position) "
                         "VALUES (?, ?, '', '', 'planned', 0, ?)",
                         [(p + 1, f"Aktivitet {p}.{k}", k) for p in range(MOVED_UNITS) for k in range(3)])
        conn.executemany("INSERT INTO dialogue_meeting (unit_id, held_on, participants, learnings, agreed_actions) "
                         "VALUES (?, '2026-03-01', '', '', '')", [(u,) for u in moved_units])
        conn.execute("INSERT INTO directive (id, doc_type, title, owner_unit_id, responsible, summary, body, state, "
                     "version_no, version) VALUES (1, 'delegation_order', 'Delegationsordning', ?, '', '', '', "
                     "'adopted', 1, 1)", (committees[0],))
        conn.executemany("INSERT INTO directive (doc_type, title, owner_unit_id, responsible, summary, body, state, "
                         "version_no, version) VALUES ('guideline', ?, ?, '', '', '', 'adopted', 1, 1)",
                         [(f"Riktlinje {n}", committees[0]) for n in range(20)])
        conn.executemany("INSERT INTO delegation_item (directive_id, chapter, number, matter, legal_reference, "
                         "delegate, deputy, limits, report_required, position) "
                         "VALUES (1, '', ?, ?, '', 'Förvaltningschef', '', '', 1, ?)",
                         [(f"{n // 10}.{n % 10}", f"Ärende {n}", n) for n in range(120)])
        conn.execute("ANALYZE")
    conn.close()
    return {"administration": administrations[0], "target_committee": committees[1], "scope": committees[0]}


def floor_counts(session, unit_ids: list[int]) -> int:
    """The least any listing must read: one COUNT per table over the same rows."""
    total = 0
    for chunk_start in range(0, len(unit_ids), 900):
        chunk = unit_ids[chunk_start:chunk_start + 900]
        marks = ",".join("?" * len(chunk))
        for sql in (f"select count(*) from goal where owner_unit_id in ({marks})",
                    f"select count(*) from target where unit_id in ({marks})",
                    f"select count(*) from operational_plan where unit_id in ({marks})",
                    f"select count(*) from activity join operational_plan p on p.id = activity.plan_id "
                    f"where p.unit_id in ({marks})",
                    f"select count(*) from dialogue_meeting where unit_id in ({marks})",
                    f"select count(*) from milestone where unit_id in ({marks})"):
            total += session.connection().exec_driver_sql(sql, tuple(chunk)).scalar()
    total += session.connection().exec_driver_sql("select count(*) from delegation_item").scalar()
    return total


def main(repeat: int = 5) -> None:
    heading(f"Reorganisation (issue 13): {GOALS} goals, a förvaltning of {MOVED_UNITS} units moved")
    folder = Path(tempfile.mkdtemp(prefix="styrkort-bench-organisation-"))
    try:
        path = folder / "region.sqlite"
        ids = build(path)
        store = open_store(path)
        with store.session() as session:
            moving = subtree_ids(session, [ids["administration"]])
            found = reorg.impact(session, [ids["administration"]], ids["target_committee"])
            counts = found.counts()
            print(f"  impact: {len(found.items)} items over {len(found.units)} units: "
                  + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())), flush=True)
            floor = median_seconds(lambda: floor_counts(session, moving), repeat)
            listing = median_seconds(lambda: reorg.impact(session, [ids["administration"]], ids["target_committee"]),
                                     repeat)
        report("impact listing, förvaltning of 500 units", listing, "COUNT floor", floor)
        print(f"  goal < 200 ms: {'met' if listing < 0.2 else 'NOT met'} ({listing * 1000:.0f} ms)", flush=True)

        store.close()
        # The same database twice: as built, and after a dated move of the förvaltning from
        # 2027-01-01 (so 2026's line comes from the history table). Measured alternately, so that
        # load on the machine falls on both alike.
        past_path = folder / "reorganised.sqlite"
        shutil.copyfile(path, past_path)
        store, past = open_store(path), open_store(past_path)
        with past.transaction() as session:
            move_units(session, [ids["administration"]], ids["target_committee"], effective_on=dt.date(2027, 1, 1))
        with past.session() as session:
            line_count = session.execute(sa.text("select count(*) from org_unit_line")).scalar()
            assert len(compute_follow_up(session, "2026", ids["scope"]).unit_ids) == len(moving) + 1

        def status(on) -> float:
            with on.session() as session:
                start = time.perf_counter()
                compute_follow_up(session, "2026", ids["scope"])
                return time.perf_counter() - start

        before_times, after_times = [], []
        for _ in range(repeat * 2):
            before_times.append(status(store))
            after_times.append(status(past))
        before, after = statistics.median(before_times), statistics.median(after_times)
        report(f"status 2026 under the past organisation ({line_count} line)", after,
               "status before any reorganisation", before, goal=1.2)
        past.close()
        store.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
