"""Complete history: imports per value linked to their batch, deletes with content, the user's
name; point-in-time follow-up equal to a saved copy of the database; changes since a report."""

import datetime as dt
import json
import time

import openpyxl
import pytest
import sqlalchemy as sa

from app.models import (
    AuditAction,
    AuditEntry,
    Gender,
    GoalIndicator,
    Indicator,
    OrgUnit,
    Period,
    Result,
    Status,
)
from app.models.backup_files import backup_copy
from app.models.store import open_store
from app.services.exchange.importing import redo_batch, run_import, undo_batch
from app.services.followup.assessment import AssessmentData, default_period, save_assessment
from app.services.followup.results import set_result
from app.services.followup.status import compute_follow_up
from app.services.followup.targets import set_target
from app.services.platform import audit, history


def _workbook(path, rows):
    book = openpyxl.Workbook()
    book.active.title = "Utfall"
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def _result(session, indicator, unit, period):
    return session.execute(
        sa.select(Result).join(Indicator, Indicator.id == Result.indicator_id)
        .join(OrgUnit, OrgUnit.id == Result.unit_id).join(Period, Period.id == Result.period_id)
        .where(Indicator.code == indicator, OrgUnit.code == unit, Period.code == period,
               Result.gender == Gender.TOTAL)).scalar_one()


def test_an_import_writes_one_entry_per_changed_value_linked_to_its_batch(demo_store, tmp_path):
    with demo_store.session() as s:
        old = _result(s, "UB01", "GR01", "2025").value
        rid = _result(s, "UB01", "GR01", "2025").id
    path = _workbook(tmp_path / "rattelse.xlsx", [["Indikator", "Enhet", "Period", "Utfall"],
                                                  ["UB01", "GR01", 2025, old + 1], ["UB01", "GR01", 2026, 42]])
    batch = run_import(demo_store, path).batch_id
    with demo_store.session() as s:
        rows = history.batch_history(s, batch)
        new_id = _result(s, "UB01", "GR01", "2026").id
        names = history.describe(s, rows)
    values = [(r.action, r.entity, r.entity_id, r.field, r.old, r.new) for r in rows if r.entity == "result"]
    assert (AuditAction.UPDATE, "result", rid, "value", str(old), str(old + 1)) in values
    assert (AuditAction.CREATE, "result", new_id, "value", None, "42.0") in values
    assert rows[-1].entity == "import_batch" and "rattelse.xlsx" in rows[-1].summary
    assert names[("result", rid)] == "UB01 · GR01 · 2025 · T"
    # Undo and redo are entries too, with the same values the other way round.
    with demo_store.transaction() as s:
        undo_batch(s, batch)
    with demo_store.transaction() as s:
        redo_batch(s, batch)
    with demo_store.session() as s:
        rows = history.batch_history(s, batch)
        mine = history.object_history(s, "result", rid)
    assert [(r.old, r.new) for r in mine if r.field == "value"] == [
        (str(old), str(old + 1)), (str(old + 1), str(old)), (str(old), str(old + 1))]
    undone = [r for r in rows if r.entity == "result" and r.entity_id == new_id and r.action is AuditAction.DELETE]
    assert json.loads(undone[0].old)["value"] == 42.0
    with demo_store.session() as s:
        created = history.object_history(s, "result", new_id)
        indicator = history.object_history(s, "indicator", _result(s, "UB01", "GR01", "2026").indicator_id)
    # Created, removed by the undo, created again by the redo: each with the batch it came with.
    assert [(r.action, r.old if r.action is not AuditAction.DELETE else "…", r.new, r.batch_id) for r in created] == [
        (AuditAction.CREATE, None, "42.0", batch), (AuditAction.DELETE, "…", None, batch),
        (AuditAction.CREATE, None, "42.0", batch)]
    assert {r.id for r in created} <= {r.id for r in indicator}


def test_a_delete_records_the_content_and_the_user_name(demo_store):
    audit.set_display_name("Anna Berg")
    try:
        with demo_store.session() as s:
            row = _result(s, "UB01", "GR01", "2025")
            rid, value = row.id, row.value
            ids = (row.indicator_id, row.unit_id)
        with demo_store.transaction() as s:
            set_result(s, ids[0], ids[1], "2025", Gender.TOTAL, None)
        with demo_store.session() as s:
            [entry] = [e for e in history.object_history(s, "result", rid) if e.action is AuditAction.DELETE]
            indicator_history = history.object_history(s, "indicator", ids[0])
    finally:
        audit.set_display_name("")
    content = json.loads(entry.old)
    assert content["value"] == value and content["indicator_id"] == ids[0] and content["gender"] == "T"
    assert entry.user == f"Anna Berg ({audit.os_user()})"
    assert entry.id in [e.id for e in indicator_history]


def _pick_goal(session, period):
    """A goal with indicators that have results in the period."""
    for goal_id, indicator_id in session.execute(sa.select(GoalIndicator.goal_id, GoalIndicator.indicator_id)):
        found = session.execute(sa.select(Result).join(Period, Period.id == Result.period_id).where(
            Result.indicator_id == indicator_id, Period.code == period, Result.gender == Gender.TOTAL)).scalars().all()
        if len(found) >= 2:
            return goal_id, indicator_id, found
    raise AssertionError("no goal with results")


def _same(then, saved):
    assert then.status == saved.status and then.computed_status == saved.computed_status
    assert [(i.indicator_id, i.status, i.units_reporting) for i in then.indicators] == [
        (i.indicator_id, i.status, i.units_reporting) for i in saved.indicators]
    for a, b in zip(then.indicators, saved.indicators, strict=True):
        assert a.value == pytest.approx(b.value) and a.target == pytest.approx(b.target)
        assert a.previous == pytest.approx(b.previous)


def test_point_in_time_equals_a_saved_copy_of_the_database(demo_store, demo_path, tmp_path):
    with demo_store.session() as s:
        period = default_period(s)
        goal_id, indicator_id, results = _pick_goal(s, period)
        indicator = s.get(Indicator, indicator_id)
        code, (first, second) = indicator.code, results[:2]
        unit_codes = [s.get(OrgUnit, r.unit_id).code for r in (first, second)]
    with demo_store.transaction() as s:  # a manual assessment the saved copy has, changed afterwards
        save_assessment(s, goal_id, None, period, AssessmentData(Status.PARTLY_MET, "Före rapporten"))
    copy = backup_copy(demo_path, tmp_path / "sparad.sqlite")
    at = dt.datetime.now().replace(microsecond=0)
    time.sleep(1.1)
    # Afterwards: an edit, a removal, an import and a new target.
    with demo_store.transaction() as s:
        set_result(s, indicator_id, first.unit_id, period, Gender.TOTAL, (first.value or 0) + 17)
    with demo_store.transaction() as s:
        set_result(s, indicator_id, second.unit_id, period, Gender.TOTAL, None)
    run_import(demo_store, _workbook(tmp_path / "ny.xlsx", [["Indikator", "Enhet", "Period", "Utfall"],
                                                           [code, unit_codes[1], period, 1.0]]))
    with demo_store.transaction() as s:
        set_target(s, indicator_id, period, None, 99.0)
    manual = Status.NOT_MET
    with demo_store.transaction() as s:
        save_assessment(s, goal_id, None, period, AssessmentData(manual, "Bedömt efteråt"))
    with demo_store.session() as s:
        now = compute_follow_up(s, period).goals[goal_id]
        then = history.goal_follow_up_at(s, goal_id, period, at)
    assert now.manual and now.status is manual
    saved = open_store(copy)
    with saved.session() as s:
        before = compute_follow_up(s, period).goals[goal_id]
    saved.close()
    _same(then.outcome, before)
    assert (then.outcome.status, then.outcome.justification) == (Status.PARTLY_MET, "Före rapporten")
    assert (before.status, before.justification) == (Status.PARTLY_MET, "Före rapporten")
    assert [i.value for i in now.indicators] != [i.value for i in before.indicators] or now.status != before.status
    # Today, rebuilt "as of now", is today's follow-up.
    with demo_store.session() as s:
        _same(history.goal_follow_up_at(s, goal_id, period, dt.datetime.now() + dt.timedelta(seconds=5)).outcome, now)


def test_changes_since_a_report(demo_store):
    with demo_store.session() as s:
        head = audit.chain_head(s)
        row = _result(s, "UB01", "GR01", "2025")
    with demo_store.transaction() as s:
        set_result(s, row.indicator_id, row.unit_id, "2025", Gender.TOTAL, row.value + 1)
    with demo_store.transaction() as s:
        set_result(s, row.indicator_id, row.unit_id, "2025", Gender.TOTAL, row.value + 2)
    with demo_store.session() as s:
        report = history.changes_since(s, head.length, head.hash, "2026-04-15")
        entries = s.execute(sa.select(AuditEntry.id).where(AuditEntry.entity == "result")
                            .order_by(AuditEntry.id.desc()).limit(2)).scalars().all()
    assert report.headline() == "1 värde har ändrats sedan rapporten 2026-04-15"
    [change] = report.changes
    assert (change.name, change.then, change.now) == ("UB01 · GR01 · 2025 · T", str(row.value), str(row.value + 2))
    assert sorted(change.entry_ids) == sorted(entries)
