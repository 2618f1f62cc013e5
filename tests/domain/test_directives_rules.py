"""Styrdokument rules: lifecycle and versions, review dates, validation, delegation decisions."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from app.models import AuditEntry, Directive, DirectiveState, DirectiveType, OrgUnit
from app.models.errors import RuleViolation
from app.services.governance import directives as svc

TODAY = dt.date(2026, 11, 27)


def unit_id(session, code):
    return session.execute(sa.select(OrgUnit.id).where(OrgUnit.code == code)).scalar_one()


def directive_id(session, title):
    return session.execute(sa.select(Directive.id).where(Directive.title == title, svc.current_versions())).scalar_one()


def draft_values(session, **extra):
    return {"title": "Riktlinjer för digitala möten", "doc_type": DirectiveType.GUIDELINE,
            "case_number": "RS 2026/500", "owner_unit_id": unit_id(session, "RS"),
            "adopted_by_unit_id": unit_id(session, "RS"), "responsible": "Anna", **extra}


def test_an_adopted_document_cannot_be_changed_in_place_but_gets_a_new_version(demo_store):
    with demo_store.transaction() as s:
        policy = directive_id(s, "Miljöpolicy")
        with pytest.raises(RuleViolation, match="Skapa en ny version"):
            svc.update_directive(s, policy, {"summary": "Ändrad"})
    with demo_store.transaction() as s:
        new = svc.new_version(s, policy)
        svc.update_directive(s, new, {"summary": "Skärpta mål för klimatpåverkan.", "review_due": dt.date(2030, 4, 30)})
        with pytest.raises(RuleViolation):
            svc.new_version(s, policy)  # one draft successor at a time
    with demo_store.transaction() as s:
        svc.set_state(s, new, DirectiveState.ADOPTED, dt.date(2026, 12, 1))
    with demo_store.session() as s:
        assert s.get(Directive, policy).state is DirectiveState.REPEALED
        assert s.get(Directive, policy).summary.startswith("Regionens miljöarbete")
        assert s.get(Directive, new).version_no == 2
        assert [v.id for v in svc.version_chain(s, policy)] == [policy, new]
        assert [r.id for r in svc.register(s, TODAY) if r.title == "Miljöpolicy"] == [new]
        diffs = {d.field: (d.old, d.new) for d in svc.compare(s, policy, new)}
        assert diffs["summary"][1] == "Skärpta mål för klimatpåverkan."
        assert diffs["review_due"] == (dt.date(2028, 4, 30), dt.date(2030, 4, 30))
        assert diffs["adopted_on"] == (dt.date(2024, 4, 15), dt.date(2026, 12, 1))
        assert "title" not in diffs
        states = s.execute(sa.select(AuditEntry.new_value).where(
            AuditEntry.entity == "directive", AuditEntry.entity_id == policy, AuditEntry.field == "state")).scalars()
        assert list(states) == ["repealed"]


def test_lifecycle_refuses_skipping_back_from_repealed(empty_store):
    with empty_store.transaction() as s:
        s.add(OrgUnit(code="RS", name="Regionstyrelsen", kind="executive_board"))
        s.flush()
        new = svc.create_directive(s, draft_values(s))
        svc.set_state(s, new, DirectiveState.CONSULTATION)
        svc.set_state(s, new, DirectiveState.ADOPTED)
        svc.set_state(s, new, DirectiveState.REPEALED)
        with pytest.raises(RuleViolation):
            svc.set_state(s, new, DirectiveState.DRAFT)


def test_review_due_is_past_or_within_ninety_days():
    assert svc.review_status(dt.date(2026, 11, 26), TODAY) == "overdue"
    assert svc.review_status(TODAY, TODAY) == "due_soon"
    assert svc.review_status(TODAY + dt.timedelta(days=90), TODAY) == "due_soon"
    assert svc.review_status(TODAY + dt.timedelta(days=91), TODAY) is None
    assert svc.review_status(None, TODAY) is None


def test_att_revidera_lists_adopted_documents_due_in_demo(demo_store):
    with demo_store.session() as s:
        due = svc.due_for_review(s, TODAY)
    titles = [r.title for r in due]
    assert titles[0] == "Personalpolicy"  # 2026-06-30, the most overdue first
    assert "Riktlinjer för biståndsbedömning inom äldreomsorgen" in titles
    assert "Reglemente för omsorgsnämnden" in titles  # 2026-12-31, within 90 days
    assert "Miljöpolicy" not in titles  # 2028
    assert "Riktlinjer för läkemedelshantering i särskilt boende" not in titles  # remiss, not adopted


def test_validation_reports_every_problem_per_field(demo_store):
    with demo_store.session() as s:
        values = draft_values(s, title=" ", case_number="ON 2025/12", owner_unit_id=unit_id(s, "ON"),
                              valid_from=dt.date(2026, 5, 1), valid_to=dt.date(2026, 1, 1))
        errors = {e.field: e.error for e in svc.validate(s, values)}
        assert set(errors) == {"title", "valid_to", "case_number"}
        assert "Delegationsordning för omsorgsnämnden" in errors["case_number"].sv
        # The same case number under another owner is fine; so is a new version of the same document.
        assert not svc.validate(s, {**values, "title": "X", "valid_to": None, "owner_unit_id": unit_id(s, "HSN")})
        order = directive_id(s, "Delegationsordning för omsorgsnämnden")
        assert not svc.validate(s, svc.directive_values(s, order), order)


def test_a_delegation_order_without_a_delegate_cannot_be_adopted(demo_store):
    with demo_store.transaction() as s:
        order = directive_id(s, "Delegationsordning för omsorgsnämnden")
        new = svc.new_version(s, order)
        with pytest.raises(RuleViolation, match="delegat"):
            svc.add_item(s, new, {"number": "6.1", "matter": "Ny punkt", "delegate": " "})
        assert len(svc.items(s, new)) == len(svc.items(s, order)) >= 20
        item = svc.items(s, new)[0]
        s.execute(sa.text("UPDATE delegation_item SET delegate = '' WHERE id = :i"), {"i": item.id})
        with pytest.raises(RuleViolation, match="1.1 saknar delegat"):
            svc.set_state(s, new, DirectiveState.ADOPTED)


def test_unreported_decisions_and_marking_them_reported(demo_store, tmp_path):
    with demo_store.session() as s:
        order = directive_id(s, "Delegationsordning för omsorgsnämnden")
        unreported = svc.unreported_decisions(s, order)
    assert [r.case_number for r in unreported] == [
        "ON 2026/233", "ON 2026/240", "ON 2026/251", "ON 2026/262", "ON 2026/270", "ON 2026/279", "ON 2026/281"]
    assert all(r.reported_on is None for r in unreported)
    meeting = dt.date(2026, 11, 25)
    with demo_store.transaction() as s:
        with pytest.raises(RuleViolation):
            svc.mark_reported(s, [unreported[-1].id], dt.date(2026, 1, 1))
    with demo_store.transaction() as s:
        old = svc.mark_reported(s, [r.id for r in unreported[:3]], meeting)
    with demo_store.session() as s:
        assert len(svc.unreported_decisions(s, order)) == 4
    with demo_store.transaction() as s:
        svc.restore_reported(s, old)
    with demo_store.session() as s:
        rows = svc.unreported_decisions(s, order)
    assert len(rows) == 7
    xlsx = svc.export_decisions(rows, tmp_path / "anmalan.xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(xlsx).active
    assert [c.value for c in sheet[1]][:3] == ["Punkt", "Ärende", "Beslutsdatum"]
    assert sheet.max_row == 8 and sheet["F2"].value == "ON 2026/233"
    text = svc.export_decisions(rows, tmp_path / "anmalan.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[1].startswith("2.2;Upphandling och tilldelningsbeslut över 5 prisbasbelopp;2026-09-30")


def test_adopting_checks_the_review_date_against_the_adoption_date(demo_store):
    with demo_store.transaction() as s:
        new = svc.create_directive(s, draft_values(s, review_due=dt.date(2026, 6, 30)))
        with pytest.raises(RuleViolation, match="Revideras senast"):
            svc.set_state(s, new, DirectiveState.ADOPTED, dt.date(2026, 12, 1))
        svc.set_state(s, new, DirectiveState.ADOPTED, dt.date(2026, 5, 1))
        assert s.get(Directive, new).adopted_on == dt.date(2026, 5, 1)
