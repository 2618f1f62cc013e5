"""The year's cycle: balanskrav from hand-checked examples, uppdrag, internkontroll, the finance
import with located problems, and the delårsrapport/årsredovisning read back as text."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys

import openpyxl
import pytest
import sqlalchemy as sa

from app.cli import main
from app.models import (
    AssignmentState,
    AuditEntry,
    BalanceItem,
    FinanceKind,
    FinanceMeasure,
    FinancialFigure,
    OrgUnit,
)
from app.models.errors import RuleViolation, StyrkortError
from app.services.annual import assignments, internal_control
from app.services.annual.finance_import import run_finance_import
from app.services.annual.finances import balance_statement, finance_table, set_balance_entry
from app.services.annual.report_content import build_report
from app.services.annual.reports import write_report


def _pdf_text(path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


# --- Balanskrav ---------------------------------------------------------------------------

def test_balance_requirement_by_hand(empty_store):
    with empty_store.transaction() as session:
        for item, amount in ((BalanceItem.RESULT, 100.0), (BalanceItem.REALISED_GAINS, 10.0),
                             (BalanceItem.GAINS_EXCEPTION, 4.0), (BalanceItem.LOSSES_EXCEPTION, 3.0),
                             (BalanceItem.UNREALISED_LOSSES, 2.0), (BalanceItem.UNREALISED_REVERSAL, 1.0),
                             (BalanceItem.TO_RESERVE, 20.0), (BalanceItem.FROM_RESERVE, 5.0)):
            set_balance_entry(session, 2025, item, amount)
        statement = balance_statement(session, 2025)
    # 100 − 10 + 4 + 3 + 2 − 1 = 98; 98 − 20 + 5 = 83
    assert statement.result_after_adjustments == pytest.approx(98.0)
    assert statement.balance_result == pytest.approx(83.0)
    assert statement.to_restore == 0
    assert [line.label for line in statement.lines][-1] == "Årets balanskravsresultat"


def test_negative_balance_result_must_be_restored(empty_store):
    with empty_store.transaction() as session:
        set_balance_entry(session, 2024, BalanceItem.RESULT, -12.5)
        set_balance_entry(session, 2024, BalanceItem.FROM_RESERVE, 2.5)
        statement = balance_statement(session, 2024)
        assert statement.balance_result == pytest.approx(-10.0)
        assert statement.to_restore == pytest.approx(10.0)
        with pytest.raises(RuleViolation, match="utan minustecken"):
            set_balance_entry(session, 2024, BalanceItem.REALISED_GAINS, -3.0)
        assert balance_statement(session, 2023).balance_result is None


def test_demo_figures_agree(demo_store):
    with demo_store.session() as session:
        statement = balance_statement(session, 2025)
        assert statement.balance_result == pytest.approx(182.4 - 6.1 + 1.2 - 40.0)
        report = build_report(session, "årsredovisning", "2025")
        result_share = next(line for line in report.financial_goals if line.code == "EKR")
        assert result_share.total == pytest.approx(round(100 * 182.4 / 9120.0, 1))
        table = finance_table(session, "2026T2")
        total = table.total(FinanceKind.OPERATING)
        assert total.budget == sum(r.budget for r in table.rows if r.kind == FinanceKind.OPERATING)
        assert total.deviation == pytest.approx(total.budget - total.forecast)


# --- Uppdrag ------------------------------------------------------------------------------

def test_assignment_lifecycle_and_overdue(demo_store):
    with demo_store.transaction() as session:
        nämnd = session.scalar(sa.select(OrgUnit).where(OrgUnit.code == "ON"))
        values = {"code": "U-T1", "title": "Testuppdrag", "assignee_id": nämnd.id,
                  "decided_on": dt.date(2026, 1, 15), "due_on": dt.date(2026, 3, 31)}
        assignment_id = assignments.create_assignment(session, values)
        with pytest.raises(RuleViolation, match="redan ett uppdrag"):
            assignments.create_assignment(session, values)
        with pytest.raises(RuleViolation, match="slutdatum före beslutsdagen"):
            assignments.update_assignment(session, assignment_id, {"due_on": dt.date(2025, 12, 31)})
        assert assignments.report_assignment(session, assignment_id, "2026T1", AssignmentState.IN_PROGRESS,
                                             "Startat") is None
        assignments.report_assignment(session, assignment_id, "2026T2", AssignmentState.DONE, "Klart")
        by_t1 = {r.code: r for r in assignments.list_assignments(session, "2026T1")}
        by_t2 = {r.code: r for r in assignments.list_assignments(session, "2026T2")}
        assert by_t1["U-T1"].state is AssignmentState.IN_PROGRESS
        assert by_t2["U-T1"].state is AssignmentState.DONE
        overdue = {r.code for r in assignments.overdue_assignments(session, dt.date(2026, 11, 29))}
        assert "U2026-01" in overdue and "U-T1" not in overdue and "U2026-04" not in overdue
        logged = session.scalars(sa.select(AuditEntry).where(AuditEntry.entity == "assignment",
                                                             AuditEntry.entity_id == assignment_id)).all()
        assert any(e.new_value == "Genomfört" for e in logged)


# --- Internkontroll -----------------------------------------------------------------------

def test_internal_control_rules_and_matrix(demo_store):
    with demo_store.transaction() as session:
        summaries = internal_control.plan_summaries(session, 2026, "2026T2")
        assert len(summaries) == 1
        plan = summaries[0]
        assert plan.adopted and len(plan.lines) == 8
        assert sum(len(v) for v in plan.matrix.values()) == 8
        assert plan.deviations == 2 and plan.checked == 8
        # Adopted: the risks are fixed until a new version of the plan.
        with pytest.raises(RuleViolation, match="ny version"):
            internal_control.add_risk(session, plan.plan_id, "Ny risk", 2, 2)
        assert internal_control.risk_value(3, 4) == 12 and internal_control.risk_level(12) == "Hög"
        assert internal_control.risk_level(4) == "Medel" and internal_control.risk_level(3) == "Låg"
        unit = session.scalar(sa.select(OrgUnit).where(OrgUnit.code == "HSN"))
        new_plan = internal_control.create_plan(session, unit.id, 2026)
        with pytest.raises(RuleViolation, match="1–4"):
            internal_control.add_risk(session, new_plan, "Fel skala", 5, 1)
        risk = internal_control.add_risk(session, new_plan, "Risk", 2, 3)
        control = internal_control.add_control(session, risk, "Kontroll", "Controller", "Stickprov", "Tertial")
        with pytest.raises(RuleViolation, match="Beskriv avvikelsen"):
            internal_control.record_result(session, control, "2026T1", True, "")


# --- Finance import -----------------------------------------------------------------------

def _workbook(path, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Ekonomi"
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_finance_import_wide_then_unchanged(demo_store, tmp_path):
    path = _workbook(tmp_path / "ekonomi.xlsx", [
        ["Ekonomisystemet – export"], [],
        ["Enhet", "Verksamhet", "Slag", "Period", "Budget", "Utfall", "Prognos"],
        ["HSN", "Primärvård", "Drift", 2027, 1_200_000, None, None],
        ["HSN", "Primärvård", "Drift", "2027T1", None, "402 100,5", 1_210_000],
        ["Omsorgsnämnden", "", "Investering", "2027", 15_000, None, None],
    ])
    dry = run_finance_import(demo_store, path, dry_run=True)
    assert dry.ok and dry.new == 4 and dry.skipped_blank == 5
    with demo_store.session() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(FinancialFigure).where(
            FinancialFigure.activity == "Primärvård")) == 0
    done = run_finance_import(demo_store, path)
    assert done.new == 4
    with demo_store.session() as session:
        amounts = set(session.scalars(sa.select(FinancialFigure.amount).where(
            FinancialFigure.activity == "Primärvård", FinancialFigure.measure == FinanceMeasure.OUTCOME)))
        assert amounts == {402_100.5}
    again = run_finance_import(demo_store, path)
    assert again.unchanged == 4 and again.new == again.changed == 0


def test_finance_import_refuses_with_located_problems(demo_store, tmp_path, capsys):
    path = _workbook(tmp_path / "fel.xlsx", [
        ["Enhet", "Period", "Mått", "Belopp"],
        ["HSN", "2027", "Budget", 100],
        ["XYZ", "2027", "Budget", 100],
        ["HSN", "2027", "Budget", 5],
        ["HSN", "2027", "Utfall", "tolv"],
        ["HSN", "2027", "Skatt", 1],
        ["HSN", "år 27", "Budget", 1],
    ])
    code = main(["finance-import", str(path), "--db", str(demo_store.location)])
    err = capsys.readouterr().err.splitlines()
    assert code == 2
    assert "fel.xlsx:Ekonomi:3:A: okänd enhet 'XYZ' i kolumnen Enhet" in err[0]
    assert err[1].startswith("fel.xlsx:Ekonomi:4:D: samma belopp (Budget) finns redan på rad 2")
    assert err[2].startswith("fel.xlsx:Ekonomi:5:D:") and "tolv" in err[2]
    assert err[3].startswith("fel.xlsx:Ekonomi:6:C:")
    assert err[4].startswith("fel.xlsx:Ekonomi:7:B:")
    assert err[-1] == "styrkort: 5 fel; ingenting importerades."
    with demo_store.session() as session:
        assert not session.scalar(sa.select(FinancialFigure.id).join(OrgUnit).where(
            OrgUnit.code == "HSN", FinancialFigure.amount == 100))


# --- Reports ------------------------------------------------------------------------------

def test_interim_report_pdf_reads_back(demo_store, tmp_path):
    target = tmp_path / "delar.pdf"
    result = write_report(demo_store, "delårsrapport", "2026T2", None, target, dt.date(2026, 10, 1))
    text = _pdf_text(target)
    assert result.pages > 5 and "Sida 2 av" in text
    for expected in ("Delårsrapport", "Januari–augusti 2026", "Måluppfyllelse", "Prognos helår", "Ekonomi",
                     "Driftredovisning", "6 850 000", "−70 000", "Uppdrag", "U2026-01", "försenat",
                     "Intern kontroll", "Riskmatris 2026", "Hälso- och sjukvårdsnämnden bedömer att flertalet",
                     "Kvinnor", "Agenda 2030", "Framtid"):
        assert expected in text, expected
    # Deterministic: the same data and date give the same bytes.
    again = tmp_path / "again.pdf"
    write_report(demo_store, "delårsrapport", "2026T2", None, again, dt.date(2026, 10, 1))
    assert again.read_bytes() == target.read_bytes()


def test_annual_report_for_a_committee_as_docx(demo_store, tmp_path):
    from docx import Document

    target = tmp_path / "hsn.docx"
    write_report(demo_store, "årsredovisning", "2025", "HSN", target, dt.date(2026, 3, 1))
    document = Document(str(target))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Måluppfyllelse" in headings and "Ekonomi" in headings
    cells = {cell.text.replace("\u00a0", " ") for table in document.tables for row in table.rows
             for cell in row.cells}
    assert "Hälso- och sjukvårdsnämnden" in cells and "6 702 300" in cells
    assert not any("Omsorgsnämnden" == c for c in cells)  # another nämnd's finances stay out


def test_whole_organisation_annual_report_has_balance_requirement(demo_store, tmp_path):
    target = tmp_path / "ar.pdf"
    write_report(demo_store, "årsredovisning", "2025", None, target, dt.date(2026, 3, 1))
    text = _pdf_text(target)
    assert "Balanskravsutredning 2025" in text and "137,5" in text and "Årets balanskravsresultat" in text
    assert "Styrelsen bedömer" in text or "Måluppfyllelse för året" in text


@pytest.mark.parametrize("argv, message", [
    (["--kind", "budget", "--period", "2026T2"], "Okänd rapport"),
    (["--kind", "årsredovisning", "--period", "2026T2"], "gäller ett helt år"),
    (["--kind", "delårsrapport", "--period", "2025"], "gäller en del av året"),
    (["--kind", "delårsrapport", "--period", "2031T2"], "2031T2"),
    (["--kind", "delårsrapport", "--period", "2026T2", "--scope", "NOPE"], "NOPE"),
])
def test_report_refusals_are_one_line(demo_store, tmp_path, capsys, argv, message):
    code = main(["report", str(tmp_path / "r.pdf"), "--db", str(demo_store.location), *argv])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and message in err[0]
    assert not (tmp_path / "r.pdf").exists()


def test_report_target_must_be_writable(demo_store, tmp_path):
    with pytest.raises(StyrkortError, match="finns inte"):
        write_report(demo_store, "delårsrapport", "2026T2", None, tmp_path / "nej" / "r.pdf")
    with pytest.raises(StyrkortError, match=".pdf eller .docx"):
        write_report(demo_store, "delårsrapport", "2026T2", None, tmp_path / "r.txt")
    assert not (tmp_path / "nej").exists() and not (tmp_path / "r.txt").exists()
    assert not list(tmp_path.glob("*.partial")) and not list(tmp_path.glob(".*partial"))


def test_report_command_in_a_fresh_process(demo_path, tmp_path):
    target = tmp_path / "rapport.docx"
    done = subprocess.run([sys.executable, "-m", "app", "report", str(target), "--db", str(demo_path),
                           "--kind", "delårsrapport", "--period", "2026T1"], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "januari–april 2026" in done.stdout
    assert target.stat().st_size > 5000
    assert not list(tmp_path.glob(".*partial"))


def test_report_buffer_target_for_the_window(demo_store):
    from app.services.annual.report_content import build_report
    from app.services.annual.report_pdf import render_report_pdf

    with demo_store.session() as session:
        report = build_report(session, "delårsrapport", "2026T1", "ON", dt.date(2026, 5, 20))
    buffer = io.BytesIO()
    pages = render_report_pdf(report, buffer)
    assert pages >= 3 and buffer.getvalue().startswith(b"%PDF")


def test_goal_sdg_tags_through_the_command_line(demo_store, capsys):
    db = str(demo_store.location)
    assert main(["goal-sdg", "1.1", "--db", db, "--set", "10,3"]) == 0
    assert capsys.readouterr().out.splitlines() == [" 3  Hälsa och välbefinnande", "10  Minskad ojämlikhet"]
    assert main(["goal-sdg", "1.1", "--db", db, "--set", "3,18"]) == 2
    assert "1–17, inte 18" in capsys.readouterr().err
    with demo_store.session() as session:
        entry = session.scalars(sa.select(AuditEntry).where(AuditEntry.field == "Agenda 2030")
                                .order_by(AuditEntry.id.desc())).first()
        assert entry.new_value == "3, 10"
        report = build_report(session, "årsredovisning", "2025")
        assert "1.1" in {code for code, _t, _s in report.sdg_groups[10]}


def test_interim_report_shows_status_so_far_and_the_forecast_of_the_cumulative_period(demo_store):
    from app.models.enums import Forecast
    from app.services.followup.forecast import part_year_follow_up

    with demo_store.session() as session:
        report = build_report(session, "delårsrapport", "2025T2")
        same = build_report(session, "delårsrapport", "2025A8")
        expected = part_year_follow_up(session, "2025A8")
    assert report.period_text == same.period_text == "januari–augusti 2025"
    lines = {line.goal_id: line for line in report.main.goals}
    assert {line.forecast for line in lines.values()} >= {Forecast.MET, Forecast.NOT_MET}
    for goal_id, line in lines.items():
        assert line.status is expected.forecasts[goal_id].status_so_far
        assert line.forecast is expected.forecasts[goal_id].forecast
