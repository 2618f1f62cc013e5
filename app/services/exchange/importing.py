"""Importing: the one function that runs an import for the window and the command line alike
(`run_import`), over a one-way pipeline, one module per stage, typed records between them:

    reading (child process) → shapes + mapping (recognise) → parsing (cells → CellRecord)
    → planning (diff against the database: ImportPlan) → applying / undoing

`structure` and `records` plan whole-database workbooks on the same stages. import-linter's
layers contract in pyproject.toml keeps every import pointing down this list.

The plan is computed from plain rows and the database's current state; nothing is written until
`apply_plan`, and `apply_plan` either writes everything or (on an error or a cancel) nothing."""

from __future__ import annotations

import contextlib
import gc
import sqlite3
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models.errors import StyrkortError
from app.models.store import Store
from app.services.exchange import matrix, structure
from app.services.exchange.applying import apply_plan
from app.services.exchange.mapping import Known, save_mapping, saved_mapping, sheet_mapping
from app.services.exchange.parsing import choose_sheet, load_file
from app.services.exchange.planning import plan_sheet
from app.services.exchange.plans import (
    CellRecord,
    ImportCancelled,
    ImportOptions,
    ImportPlan,
    PreviewRow,
    Problem,
    file_checksum,
)
from app.services.exchange.reading import FileData
from app.services.exchange.undoing import BatchInfo, gender_label, list_batches, redo_batch, undo_batch
from app.services.platform.backups import backup_before

Progress = Callable[[str, int, int], None]

__all__ = ["BatchInfo", "CellRecord", "ImportCancelled", "ImportOptions", "ImportPlan", "Known", "PreviewRow",
           "Problem", "apply_plan", "choose_sheet", "gender_label", "list_batches", "load_file", "plan_import",
           "redo_batch", "run_import", "save_mapping", "saved_mapping", "sheet_mapping", "undo_batch"]


def plan_import(session: Session, path: str | Path, options: ImportOptions | None = None, *,
                data: FileData | None = None, progress: Progress | None = None,
                cancelled: Callable[[], bool] | None = None, release: bool = False) -> ImportPlan:
    """Read, validate and plan. Writes nothing (a saved mapping is written only by apply)."""
    options = options or ImportOptions()
    path = Path(path)
    data = data or load_file(path, cancelled)
    if progress:
        progress("read", 0, 0)
    if options.sheet is None and not structure.is_structure_workbook(data) and matrix.is_goal_matrix(data):
        return _plan_matrix(session, path, data, options, progress, cancelled)
    if structure.is_structure_workbook(data) and options.sheet is None:
        return structure.plan_structure(session, path, data, options, file_checksum(path),
                                        progress=progress, cancelled=cancelled)
    return plan_sheet(session, path, options, data=data, progress=progress, cancelled=cancelled, release=release)


def _plan_matrix(session: Session, path: Path, data: FileData, options: ImportOptions, progress, cancelled):
    """A goal matrix is planned as the structure sheets it stands for; what it would create needs
    the user's choice (--create-missing / the dialog's checkbox), and every indicator given the
    direction 'higher is better' for want of a Riktning column is named."""
    reading = matrix.as_structure(session, data)
    plan = structure.plan_structure(session, path, reading.data, options, file_checksum(path),
                                    progress=progress, cancelled=cancelled)
    plan.source_kind = "goal-matrix"
    created = plan.created_names()
    if created and not options.create_missing:
        total = sum(len(v) for v in created.values())
        plan.problems.append(Problem(
            plan.file_name, data.sheets[0].name, None, None,
            f"målmatrisen skulle skapa {total} mål, indikatorer, enheter och perioder (se listan); välj "
            "--create-missing / ”Skapa saknade” för att skapa dem",
            f"the goal matrix would create {total} goals, indicators, units and periods (see the list); choose "
            "--create-missing / 'Create missing' to create them"))
    if reading.assumed_direction:
        names = ", ".join(reading.assumed_direction[:20])
        plan.notes.append((f"Riktning saknas i filen; högre är bättre antas för: {names} (ändra under Indikatorer "
                           "eller lägg till kolumnen Riktning)",
                           f"No direction in the file; higher is better is assumed for: {names} (change it under "
                           "Indicators or add a Riktning column)"))
    return plan


@contextlib.contextmanager
def _no_cyclic_gc():
    """Planning makes a million tuples that hold no cycles; the cyclic collector would rescan
    them again and again (import time grew faster than the file did). Reference counting still
    frees everything; the collector runs once at the end."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def run_import(store: Store, path: str | Path, options: ImportOptions | None = None, *, dry_run: bool = False,
               progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
               data: FileData | None = None) -> ImportPlan:
    """The one way an import runs, for the window and the command line alike: read (unless the
    caller has read the file already and passes `data`), plan, and unless there are problems or
    it is a dry run, take the backup and apply, all in one transaction. Without a backup there is
    no import. Rows the function read itself are released as soon as they are planned; rows the
    caller passed stay theirs (the dialog still shows them)."""
    options = options or ImportOptions()
    release = data is None
    if data is None:
        with _no_cyclic_gc():
            data = load_file(path, cancelled)
    try:
        return _run(store, path, options, dry_run, progress, cancelled, data, release)
    except (sa.exc.OperationalError, sqlite3.OperationalError) as exc:
        text = str(getattr(exc, "orig", None) or exc)
        if "full" not in text:
            raise
        # SQLite rolled the transaction back: the database is as it was.
        raise StyrkortError(f"Importen kunde inte skrivas: disken är full ({text}); ingenting ändrades.",
                            f"The import could not be written: the disk is full ({text}); nothing changed.") \
            from None


def _run(store: Store, path, options: ImportOptions, dry_run: bool, progress, cancelled, data: FileData,
         release: bool) -> ImportPlan:
    with _no_cyclic_gc(), store.transaction() as session:
        plan = plan_import(session, path, options, data=data, progress=progress, cancelled=cancelled,
                           release=release)
        del data
        if plan.ok and not dry_run:
            backup_before(store, "import")  # raises, and nothing is written, when it cannot be made
            apply_plan(session, plan, user=options.user, save_mapping_for=options.save_mapping,
                       progress=progress, cancelled=cancelled)
    return plan
