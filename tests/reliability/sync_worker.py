"""A syncing laptop to be killed: `python -m tests.reliability.sync_worker CHECKOUT [TRIAL]`.

Prints `ready`, then over and over: sets 300 results of the checkout to generation g and adds a
milestone "sync TRIAL.g" (a row created offline, which gets a server id at push) — `edited g` — and
synchronises — `synced g`. The sync kill test SIGKILLs it at a random moment (tests/domain/test_sync.py)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import sqlalchemy as sa

from app.models import Milestone, Result
from app.models.store import open_store
from app.services.sync.engine import sync

ROWS = 300


def say(text: str) -> None:
    print(text, flush=True)


def main(path: Path, trial: str = "0") -> None:
    store = open_store(path, create=False)
    with store.session() as session:
        ids = list(session.execute(sa.select(Result.id).order_by(Result.id).limit(ROWS)).scalars())
    say("ready")
    generation = 0
    while True:
        generation += 1
        with store.transaction() as session:
            for result_id in ids:
                session.get(Result, result_id).value = float(generation)
            session.add(Milestone(title=f"sync {trial}.{generation}", due_on=dt.date(2026, 1, 1)))
        say(f"edited {generation}")
        sync(path)
        say(f"synced {generation}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), *sys.argv[2:])
