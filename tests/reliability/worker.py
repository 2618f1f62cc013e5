"""A Styrkort process to be killed: `python -m tests.reliability.worker OPERATION DB`.

It prints `ready` once the file is open, then runs its operation (one transaction, or the same
kind of transaction over and over), printing each committed step. The kill harness SIGKILLs it
at a random moment and checks the file (see test_reliability_crash.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import sqlalchemy as sa

from app.models import AuditAction, Goal, GoalIndicator, GoalLevel, Indicator, Result
from app.models.store import open_store
from app.services.platform import audit

BATCH_ROWS = 300
SUBTREE_TITLE = "Kraschtest"
SUBTREE_SIZE = 40


def say(text: str) -> None:
    print(text, flush=True)


def run_demo(db: Path) -> None:
    from app.services.demo.builder import build_demo

    store = open_store(db)
    say("ready")
    with store.transaction() as session:
        build_demo(session)
    say("done")


def batch_result_ids(session) -> list[int]:
    return list(session.execute(sa.select(Result.id).order_by(Result.id).limit(BATCH_ROWS)).scalars())


def run_results(db: Path, checkpoints: bool = True) -> None:
    """Batches of result edits: batch g sets every value of the batch to g, with one audit entry."""
    store = open_store(db)
    if not checkpoints:
        # The WAL keeps every batch, so a power-cut test can cut it anywhere.
        sa.event.listen(store.engine, "connect", lambda c, _r: c.execute("PRAGMA wal_autocheckpoint=0"))
        store.engine.dispose()
    with store.session() as session:
        ids = batch_result_ids(session)
    say("ready")
    generation = 0
    while True:
        generation += 1
        with store.transaction() as session:
            for result_id in ids:
                row = session.get(Result, result_id)
                old = row.value
                row.value = float(generation)
                audit.record(session, AuditAction.UPDATE, "result", result_id, field="value", old=old,
                             new=row.value)
            audit.record(session, AuditAction.UPDATE, "result", None, summary=f"batch {generation}")
        say(f"committed {generation}")


def run_subtree(db: Path) -> None:
    """A goal subtree added in one transaction and removed in the next, over and over."""
    store = open_store(db)
    with store.session() as session:
        indicator_ids = list(session.execute(sa.select(Indicator.id).limit(3)).scalars())
    say("ready")
    while True:
        with store.transaction() as session:
            root = Goal(title=SUBTREE_TITLE, level=GoalLevel.GOAL)
            session.add(root)
            session.flush()
            audit.record(session, AuditAction.CREATE, "goal", root.id, summary=SUBTREE_TITLE)
            for n in range(SUBTREE_SIZE - 1):
                child = Goal(title=f"{SUBTREE_TITLE} {n}", level=GoalLevel.SUB_GOAL, parent_id=root.id)
                session.add(child)
                session.flush()
                for indicator_id in indicator_ids:
                    session.add(GoalIndicator(goal_id=child.id, indicator_id=indicator_id))
                audit.record(session, AuditAction.CREATE, "goal", child.id, summary=child.title)
        say("added")
        with store.transaction() as session:
            root = session.execute(sa.select(Goal).where(Goal.title == SUBTREE_TITLE)).scalar_one()
            session.execute(sa.delete(Goal).where(Goal.title.like(f"{SUBTREE_TITLE} %")))
            session.delete(root)
            audit.record(session, AuditAction.DELETE, "goal", root.id, summary=SUBTREE_TITLE)
        say("removed")


OPERATIONS = {
    "demo": run_demo,
    "results": run_results,
    "results-no-checkpoint": lambda path: run_results(path, checkpoints=False),
    "subtree": run_subtree,
}


def run_restore(db: Path) -> None:
    """Restoring two backups in turn: the file must always be one of them, whole."""
    from app.models.backup_files import make_backup
    from app.services.platform.backups import restore_backup

    store = open_store(db)
    first = make_backup(db, "manual")
    with store.transaction() as session:
        session.execute(sa.update(Indicator).values(name=RESTORED_NAME))
    second = make_backup(db, "manual")
    store.close()
    say("ready")
    while True:
        for backup in (first, second):
            restore_backup(db, backup)
            say("restored")


RESTORED_NAME = "Efter andra kopian"
OPERATIONS["restore"] = run_restore

IMPORT_PERIOD = "2030"
IMPORT_INDICATOR = "UB05"  # a share (0–100) measured at the schools


def import_file(folder: Path, generation: int, units: list[str]) -> Path:
    """A provider's long-format file: every school's value set to `generation`."""
    path = folder / f"import-{generation}.csv"
    lines = ["Indikator;Enhet;Period;Utfall"] + [f"{IMPORT_INDICATOR};{u};{IMPORT_PERIOD};{generation},0"
                                                  for u in units]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_import_loop(db: Path) -> None:
    """The real importer (read in a child process, validate, back up, write in one transaction),
    over and over with a new value each time."""
    from app.models import OrgUnit
    from app.services.exchange.importing import run_import

    store = open_store(db)
    with store.session() as session:
        units = list(session.execute(sa.select(OrgUnit.code).where(OrgUnit.service_area == "Grundskola",
                                                                   OrgUnit.provider_type.is_not(None))).scalars())
    say("ready")
    generation = 0
    while True:
        generation += 1
        plan = run_import(store, import_file(db.parent, generation, units))
        assert plan.ok, [p.line("en") for p in plan.problems]
        say(f"imported {generation}")


MOVED_GOAL = "2.1"
MOVE_BETWEEN = ("1", "2")


def run_move_loop(db: Path) -> None:
    """Goal 2.1 with its delmål moved between two målområden through the goal service."""
    from app.services.goals import editing as goals

    store = open_store(db)
    say("ready")
    turn = 0
    while True:
        with store.transaction() as session:
            goal = goals.goal_id_by_code(session, MOVED_GOAL)
            goals.move_goals(session, [goal], goals.goal_id_by_code(session, MOVE_BETWEEN[turn % 2]), 0)
        turn += 1
        say(f"moved {turn}")


OPERATIONS["import"] = run_import_loop
OPERATIONS["move"] = run_move_loop


if __name__ == "__main__":
    OPERATIONS[sys.argv[1]](Path(sys.argv[2]))
