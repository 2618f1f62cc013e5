"""Processes that work on one regional database at once (the concurrency tests and the bench):
plain functions, so that multiprocessing's spawn can start them."""

from __future__ import annotations

import time


def increment_result(url: str, key: tuple, times: int, queue) -> None:
    """Add 1 to one result `times` times through the service layer, each in its own transaction
    (read, then write); a refused save (someone else's came first) is read again and retried.
    Reports (saved, refused, latencies)."""
    from app.models import Gender
    from app.models.store import ConcurrentEditError, StoreBusyError, open_store
    from app.services.followup import results

    store = open_store(url, create=False)
    indicator_id, unit_id, period = key
    saved = refused = 0
    latencies = []
    for _ in range(times):
        while True:
            started = time.perf_counter()
            try:
                with store.transaction() as session:
                    current = results.get_result(session, indicator_id, unit_id, period).value or 0
                    results.set_result(session, indicator_id, unit_id, period, Gender.TOTAL, current + 0.5,
                                       expected=current)
                latencies.append(time.perf_counter() - started)
                saved += 1
                break
            except (ConcurrentEditError, StoreBusyError):
                refused += 1
    store.close()
    queue.put((saved, refused, latencies))


def import_file(url: str, path: str, start, queue) -> None:
    from app.models.store import open_store
    from app.services.exchange.importing import ImportOptions, run_import

    store = open_store(url, create=False)
    start.wait()
    # The demo's early years are closed periods: importing into them is an explicit choice (issue 11).
    plan = run_import(store, path, ImportOptions(closed_periods=True))
    store.close()
    queue.put((path, plan.ok, [p.line("en") for p in plan.problems]))


def set_goal_title(url: str, title: str) -> None:
    import sqlalchemy as sa

    from app.models import Goal
    from app.models.store import open_store
    from app.services.goals import editing

    store = open_store(url, create=False)
    with store.transaction() as session:
        goal_id = session.execute(sa.select(Goal.id).order_by(Goal.id).limit(1)).scalar_one()
        editing.update_goal(session, goal_id, {"title": title})
    store.close()
