"""Every way to tamper with the audit log that the issue names is found by `styrkort check`, with
a Swedish line that says where; exit 1 then, 0 when everything holds (and says it verified)."""

import re
import shutil
import sqlite3

import pytest
import sqlalchemy as sa

from app.cli import main
from app.models import AuditAction, AuditEntry
from app.services.platform import audit
from app.services.platform.anchors import anchor_files
from app.services.platform.audit_check import entries


def _edits(store, count=6):
    for i in range(count):
        with store.transaction() as s:
            audit.record(s, AuditAction.UPDATE, "goal", 1, field="title", old=f"Titel {i}", new=f"Titel {i + 1}")


def _check(capsys, path, *extra):
    code = main(["check", "--db", str(path), *extra])
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.fixture
def chained(empty_store):
    _edits(empty_store)
    path = empty_store.path
    empty_store.close()
    return path


def _tamper(path, *statements, params=()):
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER IF EXISTS audit_entry_no_update")
    conn.execute("DROP TRIGGER IF EXISTS audit_entry_no_delete")
    for statement in statements:
        conn.execute(statement, params) if "?" in statement else conn.execute(statement)
    conn.commit()
    # Put the triggers back so that only the tampering itself is left to find.
    conn.execute("CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry "
                 "BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END")
    conn.execute("CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry "
                 "BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END")
    conn.commit()
    conn.close()


def _recompute(path, from_id):
    """What a tamperer with SQL but without the installation key does: fix every hash after an edit."""
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER audit_entry_no_update")
    prev = conn.execute("SELECT entry_hash FROM audit_entry WHERE id < ? ORDER BY id DESC LIMIT 1",
                        (from_id,)).fetchone()
    prev = prev[0] if prev else audit.GENESIS_HASH
    import datetime as dt
    rows = conn.execute("SELECT id, at, user, action, entity, entity_id, field, old_value, new_value, summary, "
                        "batch_id FROM audit_entry WHERE id >= ? ORDER BY id", (from_id,)).fetchall()
    for row in rows:
        fields = audit.hashed_fields(dt.datetime.fromisoformat(row[1]), row[2], row[3], row[4], row[5], row[6],
                                     row[7], row[8], row[9], row[10])
        digest = audit._entry_hash(prev, fields)
        conn.execute("UPDATE audit_entry SET prev_hash = ?, entry_hash = ? WHERE id = ?", (prev, digest, row[0]))
        prev = digest
    conn.commit()
    conn.close()


def test_an_intact_chain_is_verified(capsys, chained):
    code, out = _check(capsys, chained)
    assert code == 0, out
    assert out.startswith("OK:")
    assert re.search(r"ändringsloggens kedja verifierad: 6 poster, jämförd med \d+ ankare utanför databasen", out)
    assert "problem" not in out


def test_an_edited_entry(capsys, chained):
    _tamper(chained, "UPDATE audit_entry SET new_value = 'Förfalskad' WHERE id = 3")
    code, out = _check(capsys, chained)
    assert code == 1
    assert "problem: Post nr 3 (id 3," in out and "har ändrats i efterhand" in out


def test_an_entry_removed_from_the_middle(capsys, chained):
    _tamper(chained, "DELETE FROM audit_entry WHERE id = 3")
    code, out = _check(capsys, chained)
    assert code == 1
    assert "Kedjan är bruten mellan post nr 2 (id 2," in out and "och post nr 3 (id 4," in out
    assert "1 post saknas sedan" in out


def test_the_newest_entry_removed(capsys, chained):
    _tamper(chained, "DELETE FROM audit_entry WHERE id = 6")
    code, out = _check(capsys, chained)
    assert code == 1
    assert f"problem: 1 post saknas sedan {chained.name}.anchors rad 6" in out
    assert "kedjan har bara 5 poster" in out


def test_the_newest_entries_removed_with_the_anchor_file_beside_it_deleted(capsys, chained):
    _tamper(chained, "DELETE FROM audit_entry WHERE id > 4")
    anchor_files(chained)[0].unlink()
    code, out = _check(capsys, chained)
    assert code == 1
    assert "2 poster saknas sedan" in out  # the copy in the data folder still knows


def test_an_entry_inserted_at_the_end_with_a_correct_hash(capsys, chained):
    conn = sqlite3.connect(chained)
    prev = conn.execute("SELECT entry_hash FROM audit_entry ORDER BY id DESC LIMIT 1").fetchone()[0]
    conn.close()
    import datetime as dt
    at = dt.datetime(2026, 1, 1, 12, 0)
    digest = audit._entry_hash(prev, audit.hashed_fields(at, "mallory", "update", "goal", 1, "title", "a", "b",
                                                          "", None))
    _tamper(chained, "INSERT INTO audit_entry (at, user, action, entity, entity_id, field, old_value, new_value, "
                     "summary, prev_hash, entry_hash) VALUES (?, 'mallory', 'update', 'goal', 1, 'title', 'a', 'b', "
                     "'', ?, ?)", params=(at.isoformat(sep=" "), prev, digest))
    code, out = _check(capsys, chained)
    assert code == 1
    assert "problem: Post nr 7 (id 7, 2026-01-01 12:00, mallory) saknar försegling" in out


def test_an_entry_inserted_in_the_middle(capsys, chained):
    _tamper(chained, "UPDATE audit_entry SET id = id + 10 WHERE id > 3",
            "INSERT INTO audit_entry (id, at, user, action, entity, entity_id, summary, prev_hash, entry_hash) "
            "SELECT 4, at, 'mallory', action, entity, entity_id, 'infogad', prev_hash, 'x' FROM audit_entry WHERE id = 3")
    code, out = _check(capsys, chained)
    assert code == 1
    assert "Kedjan är bruten mellan post nr 4 (id 4," in out
    assert "1 post har lagts till före den sista posten som" in out


def test_two_entries_swapped(capsys, chained):
    _tamper(chained, "UPDATE audit_entry SET id = 100 WHERE id = 3", "UPDATE audit_entry SET id = 3 WHERE id = 4",
            "UPDATE audit_entry SET id = 4 WHERE id = 100")
    code, out = _check(capsys, chained)
    assert code == 1
    assert "Kedjan är bruten mellan post nr 2 (id 2," in out and "och post nr 3 (id 3," in out


def test_the_whole_chain_recomputed_after_an_edit(capsys, chained):
    _tamper(chained, "UPDATE audit_entry SET new_value = 'Förfalskad' WHERE id = 3")
    _recompute(chained, 3)
    code, out = _check(capsys, chained)
    assert code == 1
    assert "problem: Post nr 3 (id 3," in out and "förseglingen stämmer inte" in out
    assert "Kedjan stämmer inte med" in out
    assert "har ändrats i efterhand" not in out  # the hashes themselves were made to match


def test_a_recomputed_chain_is_found_by_the_anchors_alone(capsys, chained, tmp_path):
    # A tamperer who also strips the seals: the anchors outside the database still disagree.
    _tamper(chained, "UPDATE audit_entry SET new_value = 'Förfalskad', seal = NULL, key_id = NULL WHERE id >= 3")
    _recompute(chained, 3)
    code, out = _check(capsys, chained)
    assert code == 1
    assert f"Kedjan stämmer inte med {chained.name}.anchors rad 3" in out


def test_the_triggers_dropped(capsys, chained):
    conn = sqlite3.connect(chained)
    conn.execute("DROP TRIGGER audit_entry_no_delete")
    conn.commit()
    conn.close()
    code, out = _check(capsys, chained)
    assert code == 1
    assert "problem: Skyddet mot ändringar i ändringsloggen saknas (triggern audit_entry_no_delete" in out


def test_an_anchor_line_forged(capsys, chained):
    path = anchor_files(chained)[0]
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[-1] = lines[-1].replace('"length": 6', '"length": 5')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out = _check(capsys, chained)
    assert code == 1
    assert f"Ankaret {chained.name}.anchors rad 6" in out and "förfalskat" in out


def test_a_backup_is_an_anchor(capsys, chained, tmp_path):
    from app.models.backup_files import make_backup

    make_backup(chained, "manual")
    for path in anchor_files(chained):
        path.unlink()
    _tamper(chained, "DELETE FROM audit_entry WHERE id = 6")
    code, out = _check(capsys, chained)
    assert code == 1
    assert "1 post saknas sedan säkerhetskopian" in out


def test_an_anchor_file_named_on_the_command_line(capsys, chained, tmp_path):
    copy = tmp_path / "ankare.txt"
    shutil.copy(anchor_files(chained)[0], tmp_path / "kept.anchors")
    copy.write_text("Ändringsloggens kontrollsumma (2026-04-15): 6 poster, " + "a" * 64, encoding="utf-8")
    code, out = _check(capsys, chained, "--ankare", str(copy))
    assert code == 1
    assert "Kedjan stämmer inte med ankare.txt (2026-04-15, 6 poster)" in out


def test_an_unreadable_anchor_file_means_could_not_check(capsys, chained, tmp_path):
    empty = tmp_path / "tom.txt"
    empty.write_text("ingenting här", encoding="utf-8")
    code, out = _check(capsys, chained, "--ankare", str(empty))
    assert code == 2
    assert "innehåller ingen kontrollsumma" in out


def test_a_review_pack_carries_the_anchor_and_check_compares_with_it(capsys, demo_path, tmp_path):
    from pypdf import PdfReader

    from app.models.store import open_store

    pack = tmp_path / "rapport.pdf"
    assert main(["pack", str(pack), "--db", str(demo_path), "--period", "2025T2", "--date", "2026-04-15"]) == 0
    store = open_store(demo_path)
    with store.session() as s:
        length = audit.chain_head(s).length
    store.close()
    cover = PdfReader(pack).pages[0].extract_text()
    assert f"Ändringsloggens kontrollsumma (2026-04-15): {length} poster," in cover
    for path in anchor_files(demo_path):  # only the pack is left to compare with
        path.unlink(missing_ok=True)
    _tamper(demo_path, "DELETE FROM audit_entry WHERE id = (SELECT max(id) FROM audit_entry)")
    capsys.readouterr()
    code, out = _check(capsys, demo_path, "--ankare", str(pack))
    assert code == 1
    assert f"1 post saknas sedan rapport.pdf (2026-04-15, {entries(length)})" in out


def test_an_export_carries_the_anchor(demo_store, tmp_path):
    from app.services.exchange.export import export_database
    from app.services.platform.anchors import anchors_in_file

    with demo_store.session() as s:
        export_database(s, tmp_path / "allt.xlsx")
        head = audit.chain_head(s)
    [anchor] = anchors_in_file(tmp_path / "allt.xlsx")
    assert (anchor.length, anchor.head) == (head.length, head.hash)


def test_a_restored_backup_is_recorded_and_checks_clean(capsys, chained):
    from app.models.backup_files import list_backups, make_backup
    from app.models.store import open_store
    from app.services.platform.backups import restore_backup

    make_backup(chained, "manual")
    store = open_store(chained)
    _edits(store, 2)  # later edits that the restore takes away
    store.close()
    restore_backup(chained, [b for b in list_backups(chained) if b.reason == "manual"][0].path)
    code, out = _check(capsys, chained)
    assert code == 0, out
    store = open_store(chained)
    with store.session() as s:
        last = s.execute(sa.select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).scalar_one()
    store.close()
    assert last.summary.startswith("Återställd från säkerhetskopian empty.") and last.field == "restored_from"


def test_the_issues_scenario_an_import_then_its_newest_entry_removed(capsys, tmp_path):
    """As the issue tried it: a demo database, an import that changes one result, the newest audit
    entry removed with the trigger dropped. `check` used to say OK."""
    import openpyxl

    db = tmp_path / "demo.sqlite"
    assert main(["demo", "--db", str(db)]) == 0
    book = openpyxl.Workbook()
    book.active.title = "Utfall"
    book.active.append(["Indikator", "Enhet", "Period", "Utfall"])
    book.active.append(["UB01", "GR01", 2025, 12.5])
    book.save(tmp_path / "rattelse.xlsx")
    assert main(["import", str(tmp_path / "rattelse.xlsx"), "--db", str(db)]) == 0
    capsys.readouterr()
    code, out = _check(capsys, db)
    assert code == 0 and "ändringsloggens kedja verifierad" in out
    conn = sqlite3.connect(db)
    conn.execute("DROP TRIGGER audit_entry_no_delete")
    conn.execute("DELETE FROM audit_entry WHERE id = (SELECT max(id) FROM audit_entry)")
    conn.commit()
    conn.close()
    code, out = _check(capsys, db)
    assert code == 1 and out.startswith("PROBLEM:")
    assert "problem: 1 post saknas sedan demo.sqlite.anchors rad" in out
    assert "problem: Skyddet mot ändringar i ändringsloggen saknas (triggern audit_entry_no_delete" in out

