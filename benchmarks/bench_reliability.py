"""What the safety costs: a backup with SQLite's online backup API against a plain file copy, and
opening a file on the first start of the day (backup included) against a later open."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from common import heading, median_seconds, report


def main(repeat: int = 7) -> None:
    heading("Reliability (issue 8)")
    folder = Path(tempfile.mkdtemp(prefix="styrkort-bench-"))
    os.environ["STYRKORT_DATA_DIR"] = str(folder / "data")
    from app.models.backup_files import list_backups, make_backup
    from app.models.store import integrity_problems, open_store
    from app.services.demo.builder import build_demo

    db = folder / "region.sqlite"
    store = open_store(db)
    with store.transaction() as session:
        build_demo(session)
    store.close()
    size_kb = db.stat().st_size / 1024

    copy = median_seconds(lambda: shutil.copyfile(db, folder / "copy.sqlite"), repeat)
    report(f"plain file copy of Exempelregionen ({size_kb:.0f} kB)", copy, "copy", copy)
    backup = median_seconds(lambda: make_backup(db, "bench", keep=3), repeat)
    report("backup through SQLite's online backup API (+ rotation)", backup, "copy", copy)

    def later_open() -> None:
        open_store(db, lock=True).close()

    def first_open_of_day() -> None:
        for old in list_backups(db):
            old.path.unlink()
        open_store(db, lock=True).close()

    later = median_seconds(later_open, repeat)
    first = median_seconds(first_open_of_day, repeat)
    report("open (checks, lock file), backup already made today", later, "later open", later)
    report("open on the first start of the day (daily backup)", first, "later open", later)

    store = open_store(db)
    quick = median_seconds(lambda: integrity_problems(store.engine, quick=True), repeat)
    full = median_seconds(lambda: integrity_problems(store.engine, quick=False), repeat)
    store.close()
    report("quick_check + foreign_key_check (every open)", quick, "quick", quick)
    report("integrity_check + foreign_key_check (styrkort check)", full, "quick", quick)
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
