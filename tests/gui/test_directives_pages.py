"""The Styrdokument, Verksamhetsplaner and Årshjul pages on Exempelregionen, driven as a planner would."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.commands import EditContext
from app.models import Directive, DirectiveState, OrgUnit
from app.services.governance import directives as svc
from app.views.application import install_translators
from app.views.governance.annual_cycle_page import AnnualCyclePage
from app.views.governance.directive_models import IdRole
from app.views.governance.directives_page import DirectivesPage
from app.views.governance.plans_page import PlansPage


@pytest.fixture
def context(demo_store):
    install_translators(QApplication.instance(), "sv")
    return EditContext(demo_store)


def make(qtbot, page_class, context):
    page = page_class(context)
    qtbot.addWidget(page)
    page.resize(1300, 850)
    page.show()
    qtbot.waitExposed(page)
    QApplication.processEvents()  # pages build their content when first shown
    return page


def row_texts(model, column=0):
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_models_pass_the_model_tester(qtbot, qtmodeltester, context):
    page = make(qtbot, DirectivesPage, context)
    qtmodeltester.check(page.register_model)
    qtmodeltester.check(page.register_proxy)
    qtmodeltester.check(page.due_model)
    qtmodeltester.check(page.delegation.item_model)
    qtmodeltester.check(page.delegation.unreported_model)
    plans = make(qtbot, PlansPage, context)
    qtmodeltester.check(plans.plan.activity_model)
    assert not plans.programme.built  # generated only when its tab is opened
    cycle = make(qtbot, AnnualCyclePage, context)
    qtmodeltester.check(cycle.model)


def test_register_filters_and_highlights_documents_due_for_review(qtbot, context):
    page = make(qtbot, DirectivesPage, context)
    assert page.tabs.tabText(0) == "Register" and page.tabs.tabText(1) == "Att revidera"
    proxy = page.register_proxy
    assert proxy.rowCount() == 17  # 16 styrdokument and the internkontrollplan (an adopted plan)
    page.type_filter.setCurrentIndex(page.type_filter.findText("Reglemente"))
    assert sorted(row_texts(proxy)) == ["Reglemente för hälso- och sjukvårdsnämnden", "Reglemente för omsorgsnämnden",
                                        "Reglemente för regionstyrelsen", "Reglemente för utbildningsnämnden"]
    page.type_filter.setCurrentIndex(0)
    page.owner_filter.setCurrentIndex(page.owner_filter.findText("Omsorgsnämnden"))
    page.state_filter.setCurrentIndex(page.state_filter.findText("Remiss"))
    assert row_texts(proxy) == ["Riktlinjer för läkemedelshantering i särskilt boende"]
    page.state_filter.setCurrentIndex(0)
    page.owner_filter.setCurrentIndex(0)
    page.search.setText("rs 2021/145")
    assert row_texts(proxy) == ["Personalpolicy"]
    assert proxy.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    page.search.clear()
    page.due_filter.setChecked(True)
    due = row_texts(page.due_model, 1)
    assert sorted(row_texts(proxy)) == sorted(due)
    # Whether a document is due depends on today: move Personalpolicy's review date around today
    # and the list follows, whatever day the test runs.
    today = dt.date.today()

    def review_personalpolicy(days_from_today: int) -> list[str]:
        with context.store.transaction() as s:
            s.execute(sa.update(Directive).where(Directive.title == "Personalpolicy")
                      .values(review_due=today + dt.timedelta(days=days_from_today)))
        page.reload()
        return row_texts(page.due_model, 1)

    assert review_personalpolicy(-4000)[0] == "Personalpolicy"  # long overdue: first
    assert "Personalpolicy" in review_personalpolicy(60)  # within 90 days
    assert "Personalpolicy" not in review_personalpolicy(400)


def test_form_round_trip_keeps_typed_text_on_errors_and_is_undoable(qtbot, context, demo_store):
    page = make(qtbot, DirectivesPage, context)
    page.new_document()
    form = page.form
    form.inputs["title"].setText("Riktlinjer för digitala möten")
    form.inputs["case_number"].setText("ON 2025/12")  # the delegation order's number, same owner
    form.inputs["owner_unit_id"].setCurrentIndex(form.inputs["owner_unit_id"].findText("Omsorgsnämnden"))
    form.inputs["valid_from"].setText("2026-13-01")
    form.inputs["body"].setPlainText("Lång text som inte får försvinna.")
    assert form.save() is False
    assert form.errors["valid_from"].isVisible() and "ÅÅÅÅ-MM-DD" in form.errors["valid_from"].text()
    assert "Delegationsordning för omsorgsnämnden" in form.errors["case_number"].text()
    assert form.inputs["body"].toPlainText() == "Lång text som inte får försvinna."
    assert form.inputs["title"].text() == "Riktlinjer för digitala möten"
    form.inputs["valid_from"].setText("2026-12-01")
    form.inputs["case_number"].setText("ON 2026/300")
    form.goal_list.item(0).setCheckState(Qt.CheckState.Checked)
    assert form.save() is True
    assert not form.errors["case_number"].isVisible()
    new_id = form.directive_id
    assert "Riktlinjer för digitala möten" in row_texts(page.register_proxy)
    with demo_store.session() as s:
        values = svc.directive_values(s, new_id)
    assert values["valid_from"] == dt.date(2026, 12, 1) and values["state"] is DirectiveState.DRAFT
    assert len(values["goal_ids"]) == 1
    # Edit, then undo both steps.
    form.inputs["summary"].setPlainText("Hur vi håller möten digitalt.")
    assert form.save()
    context.undo_stack.undo()
    assert form.inputs["summary"].toPlainText() == ""
    context.undo_stack.undo()
    assert "Riktlinjer för digitala möten" not in row_texts(page.register_proxy)


def test_adopting_locks_the_form_and_a_new_version_shows_in_the_history(qtbot, context, demo_store, tmp_path):
    page = make(qtbot, DirectivesPage, context)
    with demo_store.session() as s:
        policy = s.execute(sa.select(Directive.id).where(Directive.title == "Miljöpolicy")).scalar_one()
    page.select_directive(policy)
    form = page.form
    assert form.inputs["title"].isReadOnly() and not form.save_button.isEnabled()
    assert form.version_button.isEnabled()
    assert form.new_version()
    assert form.directive_id != policy and not form.inputs["title"].isReadOnly()
    form.inputs["summary"].setPlainText("Skärpta klimatmål.")
    attachment = tmp_path / "miljopolicy.txt"
    attachment.write_text("bilaga")
    form.set_attachment_file(attachment)
    assert "miljopolicy.txt" in form.attachment_label.text()
    form.inputs["adopted_on"].setText("2026-12-01")
    assert form.set_state(DirectiveState.ADOPTED)
    assert form.inputs["summary"].isReadOnly()
    assert form.version_list.count() == 2
    assert form.version_list.item(0).text().startswith("Version 1 – Upphävd")
    assert form.version_list.item(1).text() == "Version 2 – Fastställd (2026-12-01)"
    fields = {form.diff_table.item(r, 0).text(): form.diff_table.item(r, 2).text()
              for r in range(form.diff_table.rowCount())}
    assert fields["Sammanfattning"] == "Skärpta klimatmål."
    assert fields["Fastställd datum"] == "2026-12-01" and "Bilaga" in fields
    with demo_store.session() as s:
        assert s.get(Directive, policy).state is DirectiveState.REPEALED
    context.undo_stack.undo()  # the adoption
    with demo_store.session() as s:
        assert s.get(Directive, policy).state is DirectiveState.ADOPTED


def test_delegation_items_decisions_and_reporting(qtbot, context, demo_store, tmp_path):
    page = make(qtbot, DirectivesPage, context)
    panel = page.delegation
    assert panel.order_combo.currentText().startswith("Delegationsordning för omsorgsnämnden")
    model = panel.item_model
    assert model.index(0, 0).data() == "1 Allmänna ärenden"  # chapter heading
    assert sum(1 for r in model.rows if not isinstance(r, str)) >= 20
    # The adopted order is read-only: editing an item explains why.
    row = next(i for i, r in enumerate(model.rows) if not isinstance(r, str) and r.number == "4.1")
    assert not model.setData(model.index(row, 3), "Enhetschef")
    assert "ny version" in panel.message.text()
    # Decisions are logged under the adopted order.
    panel.item_view.setCurrentIndex(model.index(row, 0))
    panel.decision_by.setText("Biståndshandläggare Eva")
    panel.decision_summary.setText("Beviljad hemtjänst")
    panel.decision_case.setText("ON 2026/300")
    assert panel.log_decision()
    assert row_texts(panel.decision_model, 3) == ["ON 2026/300"]
    panel.decision_view.setCurrentIndex(panel.decision_model.index(0, 0))
    assert panel.delete_decision() and panel.decision_model.rowCount() == 0
    context.undo_stack.undo()
    assert row_texts(panel.decision_model, 3) == ["ON 2026/300"]
    unreported = row_texts(panel.unreported_model, 4)
    assert len(unreported) == 7 and "ON 2026/300" not in unreported  # 4.1 needs no anmälan
    pdf = panel.export_to(tmp_path / "anmalan.pdf")
    from pypdf import PdfReader

    text = " ".join(PdfReader(pdf).pages[0].extract_text().split())
    assert "ON 2026/233" in text and "Anmälan lex Sarah" in text
    panel.meeting_date.setDate(panel.meeting_date.date().fromString("2026-11-25", "yyyy-MM-dd"))
    panel.unreported_view.selectRow(0)
    assert panel.mark_reported()
    assert len(row_texts(panel.unreported_model)) == 6
    panel.unreported_view.clearSelection()
    assert panel.mark_reported()
    assert panel.unreported_model.rowCount() == 0
    context.undo_stack.undo()
    assert panel.unreported_model.rowCount() == 6
    # A new version of the order can be edited in the table; a delegat is required.
    page.select_directive(panel.directive_id)
    assert page.form.new_version()
    assert panel.order_combo.currentText().endswith("version 2 (Utkast)")
    row = next(i for i, r in enumerate(model.rows) if not isinstance(r, str) and r.number == "4.1")
    assert not model.setData(model.index(row, 3), " ")
    assert "delegat" in panel.message.text()
    assert model.setData(model.index(row, 3), "Enhetschef myndighet")
    assert model.index(row, 3).data() == "Enhetschef myndighet"
    context.undo_stack.undo()
    assert model.index(row, 3).data() == "Biståndshandläggare"


def test_plan_copy_link_goals_and_uncovered_list(qtbot, context, demo_store):
    page = make(qtbot, PlansPage, context)
    panel = page.plan
    with demo_store.session() as s:
        unit = s.execute(sa.select(OrgUnit.id).where(OrgUnit.code == "HT01")).scalar_one()
    panel.unit_combo.setCurrentIndex(panel.unit_combo.findData(unit))
    panel.year.setValue(2027)
    assert not panel.body.isEnabled() and panel.copy_button.isEnabled()
    assert panel.copy_last_year()
    assert panel.plan_title.text() == "Verksamhetsplan 2027 – Hemtjänst Norr"
    assert row_texts(panel.activity_model)[0] == "Schemaläggning med kontinuitet som första prioritet"
    assert panel.activity_model.index(0, 4).data() == "Planerad"
    uncovered = [panel.uncovered.item(r).text() for r in range(panel.uncovered.count())]
    assert any(text.startswith("3.2 ") for text in uncovered)
    panel.activity_view.setCurrentIndex(panel.activity_model.index(0, 0))
    item = next(panel.link_list.item(r) for r in range(panel.link_list.count())
                if panel.link_list.item(r).text().startswith("3.2 "))
    item.setCheckState(Qt.CheckState.Checked)
    uncovered = [panel.uncovered.item(r).text() for r in range(panel.uncovered.count())]
    assert not any(text.startswith("3.2 ") for text in uncovered)
    assert panel.activity_model.setData(panel.activity_model.index(0, 5), 40)
    assert panel.activity_model.setData(panel.activity_model.index(0, 4), "Pågår")
    assert panel.activity_model.index(0, 4).data() == "Pågår"
    panel.sections["resources"].setPlainText("Två nya undersköterskor.")
    assert panel.save_text()
    panel.new_activity.setText("Nattpatrull i egen regi")
    assert panel.add_activity()
    assert "Nattpatrull i egen regi" in row_texts(panel.activity_model)
    for _ in range(6):
        context.undo_stack.undo()
    assert panel.copy_button.isEnabled() and panel.activity_model.rowCount() == 0


def test_programme_preview_edit_and_export(qtbot, context, tmp_path):
    page = make(qtbot, PlansPage, context)
    page.tabs.setCurrentIndex(1)
    panel = page.programme
    QApplication.processEvents()
    panel.term.setValue(2023)
    assert "Program med mål och riktlinjer för utförare 2023–2026" in panel.preview.toPlainText()
    assert "Ängsro vård- och omsorgsboende" in panel.preview.toPlainText()
    panel.texts["intro"].setPlainText("Regionfullmäktige antar detta program för mandatperioden.")
    assert panel.save_text()
    assert "antar detta program för mandatperioden" in panel.preview.toPlainText()
    markdown = panel.export_to(tmp_path / "program.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Program med mål och riktlinjer för utförare 2023–2026")
    assert "| Strandstadens Vårdcentral | Extern utförare |" in markdown
    pdf = panel.export_to(tmp_path / "program.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    context.undo_stack.undo()
    assert "antar detta program" not in panel.preview.toPlainText()


def test_annual_cycle_lists_data_and_own_milestones(qtbot, context):
    page = make(qtbot, AnnualCyclePage, context)
    page.year.setValue(2026)
    titles = row_texts(page.model, 1)
    assert "Delårsrapport jan–aug 2026" in titles and "Regionfullmäktige: Mål och budget 2027–2029" in titles
    assert len(page.wheel.events) == page.model.rowCount()
    page.new_date.setDate(page.new_date.date().fromString("2026-12-09", "yyyy-MM-dd"))
    page.new_title.setText("Internkontrollplan 2027")
    assert page.add_milestone()
    row = row_texts(page.model, 1).index("Internkontrollplan 2027")
    assert page.model.index(row, 0).data() == "2026-12-09" and page.model.index(row, 3).data() == "Tillagd"
    assert page.model.setData(page.model.index(row, 1), "Internkontrollplan 2027 i styrelsen")
    row = row_texts(page.model, 1).index("Internkontrollplan 2027 i styrelsen")
    derived = row_texts(page.model, 1).index("Delårsrapport jan–aug 2026")
    assert not page.model.flags(page.model.index(derived, 1)) & Qt.ItemFlag.ItemIsEditable
    assert not page.model.setData(page.model.index(derived, 1), "Ändrad")
    page.view.setCurrentIndex(page.model.index(derived, 0))
    assert not page.delete_milestone()
    page.view.setCurrentIndex(page.model.index(row, 0))
    assert page.delete_milestone()
    assert "Internkontrollplan 2027 i styrelsen" not in row_texts(page.model, 1)
    context.undo_stack.undo()
    assert "Internkontrollplan 2027 i styrelsen" in row_texts(page.model, 1)
    assert not page.wheel.grab().isNull()


def test_switching_documents_asks_before_dropping_typed_text(qtbot, context, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    page = make(qtbot, DirectivesPage, context)
    first = page.form.directive_id
    page.form.inputs["responsible"].setText("Ny handläggare")
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    monkeypatch.setattr(QMessageBox, "question", lambda *args: answers.pop(0))
    other = page.register_proxy.index(3, 0)
    page.register_view.setCurrentIndex(other)
    assert page.form.directive_id == first
    assert page.form.inputs["responsible"].text() == "Ny handläggare"
    assert page.register_view.currentIndex().data(IdRole) == first
    page.register_view.setCurrentIndex(page.register_proxy.index(3, 0))
    assert page.form.directive_id == other.data(IdRole) and not answers


def test_register_workbook_is_written_off_the_gui_thread(qtbot, context, tmp_path):
    from openpyxl import load_workbook

    page = make(qtbot, DirectivesPage, context)
    target = tmp_path / "register.xlsx"
    with qtbot.waitSignal(page.exportFinished, timeout=20000) as blocker:
        page.export_register(target)
    assert blocker.args == [str(target)]
    assert "register.xlsx" in page.export_message.text()
    book = load_workbook(target)
    assert book.sheetnames == ["Styrdokument", "Delegationspunkter", "Delegationsbeslut", "Verksamhetsplaner",
                               "Aktiviteter", "Årshjul"]
    documents = book["Styrdokument"]
    titles = [c.value for c in documents["B"][1:]]
    assert titles.count("Personalpolicy") == 2 and documents.max_row == 19
    assert book["Delegationspunkter"].max_row >= 21 and book["Delegationspunkter"]["G2"].value
    assert book["Delegationsbeslut"].max_row == 13
    assert book["Aktiviteter"]["H2"].value
