"""The year's cycle page on Exempelregionen, driven as a planner would: uppdrag and their status,
report texts kept while typing, a report written off the GUI thread, the balanskrav edited, the
internkontroll's risk matrix and a result recorded — each edit undoable."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from PySide6.QtWidgets import QApplication, QDialog

from app.commands import EditContext
from app.models import Assignment, AssignmentState, BalanceEntry, BalanceItem, ReportSection, ReportText
from app.views.annual import annual_page
from app.views.annual.annual_page import AnnualPage, AssignmentDialog, ResultDialog, StatusDialog
from app.views.application import install_translators


@pytest.fixture
def page(qtbot, demo_store):
    install_translators(QApplication.instance(), "sv")
    context = EditContext(demo_store)
    page = AnnualPage(context)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitExposed(page)
    QApplication.processEvents()
    return page


def texts(model, column):
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_tabs_models_and_swedish_labels(page, qtmodeltester):
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "Rapporter", "Uppdrag", "Ekonomi", "Internkontroll"]
    for model in (page.assignments.model, page.control.model, page.finance.model):
        qtmodeltester.check(model)


def test_assignments_show_status_and_overdue(page):
    panel = page.assignments
    panel.period.setCurrentIndex(panel.period.findData("2026T2"))
    codes = texts(panel.model, 0)
    assert codes[:2] == ["U2026-04", "U2026-01"] and len(codes) == 5
    status = dict(zip(codes, texts(panel.model, 4), strict=True))
    assert status["U2026-01"] == "Pågår – försenat"  # due 2026-06-30, still in progress
    assert status["U2026-04"] == "Genomfört"
    panel.period.setCurrentIndex(panel.period.findData("2026T1"))
    assert dict(zip(texts(panel.model, 0), texts(panel.model, 4), strict=True))["U2026-04"] == "Pågår"


def test_a_refused_assignment_keeps_what_was_typed(page, monkeypatch):
    panel = page.assignments
    seen = []

    def fake_exec(dialog):
        seen.append((dialog.code.text(), dialog.title.text(), dialog.error.text()))
        if len(seen) == 1:
            dialog.code.setText("U2026-01")  # taken
            dialog.title.setText("Samordna lokalförsörjningen")
            dialog.reference.setText("KF 2026-10-27 § 140")
            return QDialog.DialogCode.Accepted
        if len(seen) == 2:
            dialog.code.setText("U2026-06")
            return QDialog.DialogCode.Accepted
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(AssignmentDialog, "exec", fake_exec)
    panel.new_assignment()
    # The second time the dialog opened, the title was still there and the reason shown beside it.
    assert seen[1][1] == "Samordna lokalförsörjningen"
    assert "U2026-01" in seen[1][2] and "redan" in seen[1][2]
    assert len(seen) == 2
    assert "U2026-06" in texts(panel.model, 0)
    with page.context.store.session() as session:
        created = session.scalar(sa.select(Assignment).where(Assignment.code == "U2026-06"))
        assert created.decision_reference == "KF 2026-10-27 § 140"
    page.context.undo_stack.undo()
    assert "U2026-06" not in texts(panel.model, 0)


def test_report_status_and_undo(page, monkeypatch):
    panel = page.assignments
    panel.period.setCurrentIndex(panel.period.findData("2026T2"))
    row = texts(panel.model, 0).index("U2026-05")
    panel.view.selectRow(row)

    def fake_exec(dialog):
        dialog.state_combo.setCurrentIndex(dialog.state_combo.findData(AssignmentState.IN_PROGRESS))
        dialog.comment_edit.setPlainText("Resepolicyn är reviderad; arbetet har börjat.")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(StatusDialog, "exec", fake_exec)
    panel.report_status()
    row = texts(panel.model, 0).index("U2026-05")
    assert panel.model.index(row, 4).data() == "Pågår"
    assert panel.model.index(row, 5).data() == "Resepolicyn är reviderad; arbetet har börjat."
    page.context.undo_stack.undo()
    assert panel.model.index(texts(panel.model, 0).index("U2026-05"), 4).data() == "Ej påbörjat"


def test_report_texts_save_undo_and_kept_while_typing(page):
    panel = page.reports
    panel.period.setCurrentIndex(panel.period.findData("2026T2"))
    events = panel.edits[ReportSection.EVENTS]
    assert events.toPlainText().startswith("Den nya socialtjänstlagen")
    future = panel.edits[ReportSection.FUTURE]
    future.setPlainText("Ny text om framtiden.")
    future.document().setModified(True)
    events.setPlainText("Ny händelse: vårdcentralen i Norrby öppnade.")
    events.document().setModified(True)
    assert panel.save_texts() == 2
    with page.context.store.session() as session:
        stored = dict(session.execute(sa.select(ReportText.section, ReportText.text)
                                      .where(ReportText.unit_id.is_(None))).all())
    assert stored[ReportSection.EVENTS] == "Ny händelse: vårdcentralen i Norrby öppnade."
    # Typing in one section is kept while another change reloads the panel.
    future.setPlainText("Halvskrivet…")
    future.document().setModified(True)
    page.context.undo_stack.undo()  # the macro: both sections back
    assert events.toPlainText().startswith("Den nya socialtjänstlagen")
    assert future.toPlainText() == "Halvskrivet…"


def test_write_report_off_the_gui_thread(page, qtbot, tmp_path):
    panel = page.reports
    panel.kind.setCurrentIndex(1)  # årsredovisning
    panel.period.setCurrentIndex(panel.period.findData("2025"))
    target = tmp_path / "Årsredovisning 2025.pdf"
    worker = panel.write_report(str(target))
    failures = []
    worker.signals.failed.connect(failures.append)
    qtbot.waitUntil(lambda: target.exists() or bool(failures), timeout=60_000)
    assert not failures
    qtbot.waitUntil(lambda: "sidor" in panel.message.text(), timeout=5_000)
    assert target.exists() and target.read_bytes().startswith(b"%PDF")
    assert panel.write_button.isEnabled()


def test_finance_table_and_balance_requirement_edit(page):
    panel = page.finance
    panel.period.setCurrentIndex(panel.period.findData("2026T2"))
    units = texts(panel.finance.model if hasattr(panel, "finance") else panel.model, 0)
    assert "Hälso- och sjukvårdsnämnden" in units and "Totalt" in units
    budgets = texts(panel.model, 2)
    assert budgets[units.index("Hälso- och sjukvårdsnämnden")].replace("\u00a0", " ") == "6 850 000"
    panel.balance_year.setValue(2025)
    last = panel.balance.rowCount() - 1
    assert panel.balance.item(last, 1).text() == "137,5"
    row = next(r for r in range(panel.balance.rowCount())
               if panel.balance.item(r, 0).text() == BalanceItem.GAINS_EXCEPTION.sv)
    panel.balance.item(row, 1).setText("2,5")
    assert panel.balance.item(last, 1).text() == "140,0"
    with page.context.store.session() as session:
        assert session.scalar(sa.select(BalanceEntry.amount).where(
            BalanceEntry.item == BalanceItem.GAINS_EXCEPTION)) == 2.5
    page.context.undo_stack.undo()
    assert panel.balance.item(last, 1).text() == "137,5"
    panel.balance.item(row, 1).setText("tjugo")
    assert "inget tal" in panel.message.text()


def test_internal_control_matrix_and_result(page, monkeypatch):
    panel = page.control
    panel.period.setCurrentIndex(panel.period.findData("2026T2"))
    cells = [panel.matrix.item(r, c).text() for r in range(4) for c in range(4)]
    assert sum(int(text.split()[0]) for text in cells if text.endswith(("risk", "risker"))) == 8
    assert "8 kontrollmoment" in panel.summary.text() and "2 med avvikelse" in panel.summary.text()
    panel.view.selectRow(0)

    def fake_exec(dialog):
        dialog.deviation.setChecked(True)
        dialog.finding.setPlainText("Två utbetalningar saknade beslut.")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ResultDialog, "exec", fake_exec)
    panel.record_result()
    assert "3 med avvikelse" in panel.summary.text()
    page.context.undo_stack.undo()
    assert "2 med avvikelse" in panel.summary.text()


def test_page_is_in_the_window(qtbot, demo_store):
    from app.views.pages import page_factories

    assert annual_page.AnnualPage in page_factories()


def test_overview_lists_overdue_assignments_and_opens_them(qtbot, demo_store):
    from app.views.main_window import MainWindow

    install_translators(QApplication.instance(), "sv")
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    window.show()
    overview = window.page("overviewPage")
    assert overview.wait_loaded()
    card = overview.cards["assignments"]
    assert any("U2026-01" in text for text in card.texts())
    overview.open_assignments(None)
    annual = window.pages.currentWidget()
    assert annual.objectName() == "annualPage" and annual.tabs.currentWidget() is annual.assignments
