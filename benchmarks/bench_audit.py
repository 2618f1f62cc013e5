"""The audit trail at scale (issue 18).

1. `styrkort check`'s chain verification on 1 000 000 audit entries (content hash, link, seal with
   the installation key, every anchor kept beside the file). Baseline: the fastest honest way to
   verify the same hash chain — plain sqlite3 rows, json + sha256 per entry in one tight loop,
   no seals, no messages.
2. "Visa som det var den …": one goal's follow-up at a past date on the 10 000-goal database
   (bench_followup's region, 4 periods instead of 20 to keep the run short), after 1 000 later
   edits of its results. Baseline: today's follow-up of every goal
   (compute_follow_up, what the follow-up page computes). Goal: under 200 ms.
3. The history of one goal with 10 000 entries, opened in the window (dialog built, rows loaded,
   names resolved). Baseline: the same rows fetched with plain sqlite3. Goal: under 100 ms."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import random
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

FOLDER = Path(tempfile.mkdtemp(prefix="styrkort-bench-audit-"))
os.environ["STYRKORT_DATA_DIR"] = str(FOLDER / "data")  # the bench's own installation key and anchors
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import heading, median_seconds, report  # noqa: E402

ENTRIES = int(os.environ.get("BENCH_AUDIT_ENTRIES", 1_000_000))


def fill_chain(path: Path, count: int, entity: str = "result", entity_id=None) -> None:
    """`count` entries appended as the application appends them (same hashes, same seals), written
    with the DB-API's executemany (building them entry by entry through the ORM would take an hour)."""
    from app.services.platform import audit
    from app.services.platform.audit_key import installation_key

    key, key_id = installation_key()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-262144")  # the unique index on entry_hash takes random keys
    prev = conn.execute("SELECT entry_hash FROM audit_entry ORDER BY id DESC LIMIT 1").fetchone()
    prev = prev[0] if prev else audit.GENESIS_HASH
    start = dt.datetime(2025, 1, 1, 8, 0)
    rows = []
    users = ["Anna Berg (anna)", "Bo Ek (bo)", "Cecilia Ström (cecilia)"]
    with conn:
        for n in range(count):
            at = start + dt.timedelta(seconds=n)
            eid = entity_id if entity_id is not None else n % 50_000
            fields = audit.hashed_fields(at, users[n % 3], "update", entity, eid, "value", str(n % 97),
                                         str(n % 89), "", None)
            digest = audit._entry_hash(prev, fields)
            seal = hmac.new(key, digest.encode("ascii"), hashlib.sha256).hexdigest()
            rows.append((at.isoformat(sep=" "), users[n % 3], "update", entity, eid, "value", str(n % 97),
                         str(n % 89), "", prev, digest, seal, key_id))
            prev = digest
            if len(rows) == 50_000:
                conn.executemany(INSERT, rows)
                rows = []
        if rows:
            conn.executemany(INSERT, rows)
    conn.close()


INSERT = ("INSERT INTO audit_entry (at, user, action, entity, entity_id, field, old_value, new_value, summary, "
          "prev_hash, entry_hash, seal, key_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def plain_verify(path: Path) -> int:
    """The baseline: the same chain verified with nothing but sqlite3, json and hashlib."""
    conn = sqlite3.connect(path)
    prev, bad = "0" * 64, 0
    encode = json.JSONEncoder(ensure_ascii=False).encode  # fields built in sorted key order
    for (at, user, action, entity, eid, fld, old, new, summary, batch, prev_hash, digest) in conn.execute(
            "SELECT at, user, action, entity, entity_id, field, old_value, new_value, summary, batch_id, "
            "prev_hash, entry_hash FROM audit_entry ORDER BY id"):
        fields = {"action": action, "at": at.replace(" ", "T")}
        if batch is not None:
            fields["batch"] = batch
        fields.update(entity=entity, entity_id=eid, field=fld, new=new, old=old, summary=summary, user=user)
        payload = encode(fields)
        if prev_hash != prev or hashlib.sha256((prev_hash + payload).encode()).hexdigest() != digest:
            bad += 1
        prev = digest
    conn.close()
    return bad


def bench_check() -> None:
    from app.models.store import open_store
    from app.services.platform.anchors import anchors_for
    from app.services.platform.audit_check import verify

    heading(f"Audit chain check (issue 18): {ENTRIES:,} entries")
    path = FOLDER / "log.sqlite"
    open_store(path).close()
    start = time.perf_counter()
    fill_chain(path, ENTRIES)
    print(f"built {ENTRIES:,} sealed entries in {time.perf_counter() - start:.1f} s", flush=True)
    store = open_store(path)
    with store.transaction() as session:  # one entry through the application: an anchor beside the file
        from app.models import AuditAction
        from app.services.platform import audit

        audit.record(session, AuditAction.UPDATE, "goal", 1, field="title", old="a", new="b")
    baseline = median_seconds(lambda: plain_verify(path), repeat=1)
    anchors = anchors_for(path)
    with store.session() as session:
        start = time.perf_counter()
        result = verify(session, anchors)
        ours = time.perf_counter() - start
    store.close()
    assert result.ok, result.problems[:3]
    report("plain sqlite3 + sha256 chain walk (baseline)", baseline, "plain", baseline)
    report(f"check: hash, link, seal, {len(anchors)} anchors", ours, "plain", baseline)
    print(f"{'':<58} {ENTRIES / ours:,.0f} entries/s; verified: {'yes' if result.ok else 'NO'}")


def bench_point_in_time() -> None:
    import bench_followup

    from app.models import Gender
    from app.models.store import open_store
    from app.services.followup.results import set_result
    from app.services.followup.status import compute_follow_up
    from app.services.history.changes import goal_follow_up_at

    bench_followup.PERIODS = 4
    heading("Point-in-time follow-up of one goal (issue 18): 10 000 goals × 200 units × 4 periods")
    path = FOLDER / "region.sqlite"
    start = time.perf_counter()
    bench_followup.build(path)
    print(f"built the region in {time.perf_counter() - start:.1f} s", flush=True)
    period = str(bench_followup.FIRST_YEAR + bench_followup.PERIODS - 1)
    store = open_store(path)
    moment = dt.datetime.now().replace(microsecond=0)
    time.sleep(1.1)
    rng = random.Random(18)
    with store.session() as session:
        links = session.execute(sa_select_links()).all()
    # A goal with two levels beneath it (goal 12) and a leaf goal.
    area_goal, leaf_goal = 12, max(g for g, _i in links)
    with store.session() as session:
        from app.services.goals.editing import subtree_ids

        beneath = len(subtree_ids(session, [area_goal])) - 1
    edited = [i for g, i in links if g in range(120, 131)] + [i for g, i in links if g == leaf_goal]
    start = time.perf_counter()
    for n in range(1000):
        with store.transaction() as session:
            set_result(session, edited[n % len(edited)], 100 + rng.randrange(200), period, Gender.TOTAL,
                       rng.uniform(40, 100))
    print(f"1 000 later edits in {time.perf_counter() - start:.1f} s", flush=True)
    with store.session() as session:
        today = median_seconds(lambda: compute_follow_up(session, period), repeat=3)
        area = median_seconds(lambda: goal_follow_up_at(session, area_goal, period, moment), repeat=5)
        leaf = median_seconds(lambda: goal_follow_up_at(session, leaf_goal, period, moment), repeat=5)
    store.close()
    report("today's follow-up, every goal (baseline)", today, "today", today)
    report(f"as it was: goal {area_goal} and the {beneath} goals beneath it", area, "today", today)
    print(f"{'':<58} goal < 200 ms: {'met' if area < 0.2 else 'NOT met'}")
    report(f"as it was: one leaf goal ({leaf_goal})", leaf, "today", today)
    print(f"{'':<58} goal < 200 ms: {'met' if leaf < 0.2 else 'NOT met'}")


def sa_select_links():
    import sqlalchemy as sa

    from app.models import GoalIndicator

    return sa.select(GoalIndicator.goal_id, GoalIndicator.indicator_id)


def bench_goal_history() -> None:
    from PySide6.QtWidgets import QApplication

    from app.models.store import open_store
    from app.views.history.history_dialog import HistoryDialog

    heading("History of one goal with 10 000 entries (issue 18), opened in the window")
    path = FOLDER / "history.sqlite"
    open_store(path).close()
    fill_chain(path, 200_000)                          # the rest of the log
    fill_chain(path, 10_000, entity="goal", entity_id=7)  # the goal's own history
    app = QApplication.instance() or QApplication([])
    store = open_store(path)

    def plain():
        conn = sqlite3.connect(path)
        rows = conn.execute("SELECT * FROM audit_entry WHERE entity = 'goal' AND entity_id = 7 ORDER BY id").fetchall()
        conn.close()
        return rows

    def ours():
        dialog = HistoryDialog.for_object(store, "goal", 7, "Mål 7")
        assert dialog.view.model.rowCount() == 10_000
        dialog.deleteLater()
        app.processEvents()

    baseline = median_seconds(plain, repeat=5)
    opened = median_seconds(ours, repeat=5)
    store.close()
    report("plain sqlite3 fetch of the 10 000 rows (baseline)", baseline, "plain", baseline)
    report("history dialog opened with 10 000 entries", opened, "plain", baseline)
    print(f"{'':<58} goal < 100 ms: {'met' if opened < 0.1 else 'NOT met'}")


def main() -> None:
    try:
        bench_check()
        bench_point_in_time()
        bench_goal_history()
    finally:
        shutil.rmtree(FOLDER, ignore_errors=True)


if __name__ == "__main__":
    main()
