"""`styrkort pack` as a user runs it: a real process, a real database, a real PDF."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from app.cli import main
from tests.cli.runner import styrkort

pytestmark = pytest.mark.slow  # real processes and PDFs


def test_pack_writes_a_pdf(demo_path, tmp_path):
    target = tmp_path / "sv01.pdf"
    result = styrkort("pack", str(target), "--db", str(demo_path), "--scope", "SV01", "--period", "2025T2",
                      "--date", "2026-01-31")
    assert result.returncode == 0, result.stderr
    assert "(Akutmottagningen Centrallasarettet, 2025T2)" in result.stdout
    cover = PdfReader(target).pages[0].extract_text()
    assert "Datum: 2026-01-31" in cover and "Tertial 2 2025" in cover


def test_unknown_scope_exits_2_with_a_message(demo_path, tmp_path):
    target = tmp_path / "x.pdf"
    result = styrkort("pack", str(target), "--db", str(demo_path), "--scope", "XYZ")
    assert result.returncode == 2
    assert "styrkort: Det finns ingen enhet med koden 'XYZ' i databasen." in result.stderr
    assert "Traceback" not in result.stderr
    assert not target.exists()


@pytest.mark.parametrize("args, message", [
    (["--period", "2031"], "Perioden 2031 finns inte i databasen"),
    (["--period", "hej"], "'hej' är ingen period"),
    (["--date", "31/1"], "är inget datum"),
])
def test_unknown_period_or_date_exits_2(demo_path, tmp_path, capsys, args, message):
    target = tmp_path / "x.pdf"
    assert main(["pack", str(target), "--db", str(demo_path), *args]) == 2
    assert message in capsys.readouterr().err
    assert not target.exists()
