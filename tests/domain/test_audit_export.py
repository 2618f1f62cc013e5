"""The audit export for revisorer: .xlsx with filters and a frozen header, CSV with each entry's
hash that the documented script (tools/verify_audit_csv.py, standard library only) verifies."""

import csv
import sqlite3
import subprocess
import sys
from pathlib import Path

import openpyxl

from app.cli import main
from app.models import AuditAction
from app.services.followup.results import set_result
from app.services.platform import audit

ROOT = Path(__file__).resolve().parents[2]


def _edits(store):
    with store.transaction() as s:
        audit.record(s, AuditAction.UPDATE, "goal", 1, field="title", old="", new="=SUMMA(A1:A3)")
        audit.record(s, AuditAction.UPDATE, "goal", 1, field="description", old=None, new="rad 1\nrad 2; med semikolon")
    with store.transaction() as s:
        audit.record(s, AuditAction.DELETE, "goal", 2, old='{"title": "Borta"}', summary="Mål: Borta")


def test_csv_export_verifies_outside_styrkort(demo_store, demo_path, tmp_path, capsys):
    _edits(demo_store)
    target = tmp_path / "logg.csv"
    assert main(["audit-export", str(target), "--db", str(demo_path)]) == 0
    out = capsys.readouterr().out
    with demo_store.session() as s:
        head = audit.chain_head(s)
    assert "Ändringsloggens kontrollsumma" in out and f"{head.length} poster, {head.hash}" in out
    verified = subprocess.run([sys.executable, str(ROOT / "tools" / "verify_audit_csv.py"), str(target)],
                              capture_output=True, text=True, timeout=60)
    assert verified.returncode == 0, verified.stdout
    assert verified.stdout.strip() == f"{head.length} poster, sista hash {head.hash}: kedjan håller"

    conn = sqlite3.connect(demo_path)
    conn.execute("DROP TRIGGER audit_entry_no_update")
    conn.execute("UPDATE audit_entry SET new_value = 'Förfalskad' WHERE field = 'description'")
    conn.commit()
    conn.close()
    tampered = tmp_path / "ändrad.csv"
    assert main(["audit-export", str(tampered), "--db", str(demo_path)]) == 1
    verified = subprocess.run([sys.executable, str(ROOT / "tools" / "verify_audit_csv.py"), str(tampered)],
                              capture_output=True, text=True, timeout=60)
    assert verified.returncode == 1
    assert f"post nr {head.length - 1} (id {head.length - 1}): innehållet stämmer inte med hashen" in verified.stdout


def test_xlsx_export_has_filters_a_frozen_header_and_text_as_text(demo_store, demo_path, tmp_path, capsys):
    _edits(demo_store)
    target = tmp_path / "logg.xlsx"
    assert main(["audit-export", str(target), "--db", str(demo_path), "--ändring", "ändrad"]) == 0
    book = openpyxl.load_workbook(target)
    sheet = book["Ändringslogg"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:P3"
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["nr", "id", "tid", "användare"] and "hash" in header
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    assert [r[4] for r in rows] == ["update", "update"]
    assert rows[0][9] == "=SUMMA(A1:A3)" and sheet.cell(2, 10).data_type == "s"
    assert book.properties.description.startswith("Ändringsloggens kontrollsumma (")


def test_export_filters_by_user_and_date_and_refuses_bad_dates(demo_store, demo_path, tmp_path, capsys):
    with demo_store.session() as s:
        from tests.domain.test_audit_history import _result

        row = _result(s, "UB01", "GR01", "2025")
    audit.set_display_name("Revisorns testare")
    try:
        with demo_store.transaction() as s:
            set_result(s, row.indicator_id, row.unit_id, "2025", row.gender, row.value / 2)
    finally:
        audit.set_display_name("")
    target = tmp_path / "mina.csv"
    assert main(["audit-export", str(target), "--db", str(demo_path), "--användare", "Revisorns"]) == 0
    rows = list(csv.DictReader(target.open(encoding="utf-8-sig"), delimiter=";"))
    assert len(rows) == 1 and rows[0]["objekt"] == "result" and rows[0]["användare"].startswith("Revisorns testare (")
    assert main(["audit-export", str(target), "--db", str(demo_path), "--från", "31/1"]) == 2
    assert "'31/1' är inget datum" in capsys.readouterr().err
