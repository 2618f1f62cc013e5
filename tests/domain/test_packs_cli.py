"""`styrkort pack` as a user runs it: a real process, a real database, a real PDF."""

from __future__ import annotations

from pypdf import PdfReader

from tests.test_cli import styrkort


def test_pack_writes_a_pdf(demo_path, tmp_path):
    target = tmp_path / "hsn.pdf"
    result = styrkort("pack", str(target), "--db", str(demo_path), "--scope", "PV06", "--period", "2025",
                      "--date", "2026-01-31")
    assert result.returncode == 0, result.stderr
    assert "Strandstadens Vårdcentral, 2025" in result.stdout
    assert "Datum: 2026-01-31" in PdfReader(target).pages[0].extract_text()


def test_pack_refuses_unknown_scope_period_and_date(demo_path, tmp_path):
    target = tmp_path / "x.pdf"
    for args, message in ((["--scope", "XYZ"], "ingen enhet med koden 'XYZ'"),
                          (["--period", "2031"], "Perioden 2031 finns inte i databasen"),
                          (["--period", "hej"], "'hej' är ingen period"),
                          (["--date", "31/1"], "är inget datum")):
        result = styrkort("pack", str(target), "--db", str(demo_path), *args)
        assert result.returncode == 2, args
        assert message in result.stderr
        assert "Traceback" not in result.stderr
    assert not target.exists()
