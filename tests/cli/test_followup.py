"""`styrkort status`: the follow-up on the command line, through the same services as the page."""

from __future__ import annotations

import pytest

from tests.cli.runner import styrkort

pytestmark = pytest.mark.slow  # real processes


def test_status_of_a_period_and_why(demo_path):
    shown = styrkort("status", "--db", str(demo_path), "2025")
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0].startswith("V Exempelregionen") and ": Delvis uppfyllt" in lines[0]
    assert any(line.startswith("    3.1 Brukarna är nöjda med hemtjänsten: ") for line in lines)
    assert lines[-1].startswith("Uppfyllt: ")
    why = styrkort("status", "--db", str(demo_path), "2025", "--rule", "worst", "--scope", "ON", "--why", "3.1")
    assert why.returncode == 0, why.stderr
    assert "OM01" in why.stdout and "Regel: sämsta underliggande status" in why.stdout
    missing = styrkort("status", "--db", str(demo_path), "2025", "--scope", "NOPE")
    assert missing.returncode == 2 and "NOPE" in missing.stderr
