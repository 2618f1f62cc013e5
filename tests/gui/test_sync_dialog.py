"""The window's Synkronisera dialog on a checkout with a conflict, against the real server."""

from __future__ import annotations

from app.commands import EditContext
from app.models.store import open_store
from app.services.sync.checkout import checkout
from app.services.sync.engine import sync
from app.views.sync_dialog import SyncDialog
from tests.domain.test_sync import _edit, _some_results, _value


def test_conflict_side_by_side_keep_mine_then_synchronise(demo_db, tmp_path, qtbot):
    region = demo_db[1]
    anna, bo = tmp_path / "anna.sqlite", tmp_path / "bo.sqlite"
    checkout(region, anna)
    checkout(region, bo)
    (r1, _v), *_ = _some_results(region)
    _edit(anna, r1, value=10.0)
    _edit(bo, r1, value=20.0)
    sync(anna)
    sync(bo)
    store = open_store(bo, create=False)
    try:
        dialog = SyncDialog(EditContext(store))
        qtbot.addWidget(dialog)
        # English or Swedish (whichever translator the session installed): one change waits.
        assert dialog.status.text().endswith(": 1.") and dialog.sync_button.isEnabled()
        assert dialog.conflicts.count() == 1
        assert "value: min 20.0 / deras 10.0" in dialog.conflicts.item(0).text()
        rows = {dialog.versions.item(r, 0).text(): r for r in range(dialog.versions.rowCount())}
        at = rows["value"]
        assert (dialog.versions.item(at, 1).text(), dialog.versions.item(at, 2).text()) == ("20.0", "10.0")
        assert dialog.versions.item(at, 1).font().bold()
        assert not dialog.versions.item(rows["unit_id"], 1).font().bold()
        dialog.keep_mine.click()
        assert dialog.conflicts.count() == 0
        dialog.sync_button.click()
        qtbot.waitUntil(lambda: dialog.outcome.text()[:1].isdigit(), timeout=30_000)
        assert dialog.outcome.text().startswith("1 ")
        assert _value(region, r1) == 20.0
    finally:
        store.close()
