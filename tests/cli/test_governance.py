"""The command line lists the register and writes the unreported decisions for the meeting."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from tests.cli.runner import styrkort

pytestmark = pytest.mark.slow  # real processes


def test_register_and_unreported_decisions_from_the_command_line(demo_path, tmp_path):
    listed = styrkort("directives", "--db", str(demo_path))
    assert listed.returncode == 0, listed.stderr
    assert "Delegationsordning" in listed.stdout and "Reglemente för omsorgsnämnden" in listed.stdout
    target = tmp_path / "anmalan.xlsx"
    exported = styrkort("delegation-decisions", "--db", str(demo_path), "--export", str(target))
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.startswith("7 delegationsbeslut")
    sheet = load_workbook(target).active
    assert sheet.max_row == 8 and sheet["E2"].value == "Tilldelning: trygghetslarm, 4 år"
    refused = styrkort("delegation-decisions", "--db", str(demo_path), "--export", str(tmp_path / "x.docx"))
    assert refused.returncode == 2 and ".xlsx" in refused.stderr
