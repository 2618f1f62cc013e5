"""The register as a workbook: styrdokument, delegation items and decisions, verksamhetsplaner,
activities and the årshjul's own milestones, one sheet each. `register_sheets` is the piece a
whole-database export can reuse; `write_xlsx` writes any list of sheets."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session, aliased

from app.models import (
    Activity,
    DelegationDecision,
    DelegationItem,
    Directive,
    Goal,
    Milestone,
    OperationalPlan,
    OrgUnit,
    activity_goal,
    directive_goal,
)
from app.models.enums import milestone_kind_label
from app.models.errors import StyrkortError


class ExportCancelled(StyrkortError):
    def __init__(self) -> None:
        super().__init__("Exporten avbröts.", "The export was cancelled.")


@dataclass
class Sheet:
    title: str
    header: list[str]
    rows: list[list] = field(default_factory=list)
    widths: tuple[int, ...] = ()


def write_xlsx(path: Path, sheets: Iterable[Sheet], should_stop: Callable[[], bool] = lambda: False) -> Path:
    """One sheet per `Sheet`: a bold, frozen header, ISO dates, the given column widths.
    Written with xlsxwriter in constant-memory mode: a tenth of openpyxl's time on large registers."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "default_date_format": "yyyy-mm-dd"})
    try:
        bold = book.add_format({"bold": True})
        for spec in sheets:
            if should_stop():
                raise ExportCancelled()
            sheet = book.add_worksheet(spec.title[:31])
            for column, width in enumerate(spec.widths):
                sheet.set_column(column, column, width)
            sheet.write_row(0, 0, spec.header, bold)
            sheet.freeze_panes(1, 0)
            for number, row in enumerate(spec.rows, start=1):
                sheet.write_row(number, 0, ["" if v is None else v for v in row])
    finally:
        book.close()
    return path


def _label(member, language: str) -> str:
    return member.label(language) if member is not None else ""


def register_sheets(session: Session, language: str = "sv") -> list[Sheet]:
    """Every version of every document (with its state), the delegation items and decisions,
    the plans with their activities, and the planner's milestones. Complete enough (codes, ids
    within the file, texts) for the whole-database export to be imported again; only the
    attachments' bytes are left to the caller."""
    sv = language == "sv"
    owner, adopter = aliased(OrgUnit), aliased(OrgUnit)
    goal_codes: dict[int, list[str]] = {}
    for directive_id, code in session.execute(
            sa.select(directive_goal.c.directive_id, Goal.code).join(Goal, Goal.id == directive_goal.c.goal_id)
            .order_by(Goal.code)):
        goal_codes.setdefault(directive_id, []).append(code or "")
    documents = Sheet(
        "Styrdokument" if sv else "Directives",
        ["Id", "Titel", "Typ", "Diarienummer", "Ägare", "Fastställd av", "Fastställd", "Gäller från",
         "Gäller till", "Revideras senast", "Status", "Version", "Föregående version", "Ansvarig",
         "Sammanfattning", "Bilaga", "Kopplade mål", "Ägarkod", "Fastställd av (kod)", "Text", "Bilagans namn",
         "Bilagelänk"] if sv else
        ["Id", "Title", "Type", "Case number", "Owner", "Adopted by", "Adopted on", "Valid from", "Valid to",
         "Review due", "Status", "Version", "Previous version", "Responsible", "Summary", "Attachment",
         "Linked goals", "Owner code", "Adopted by (code)", "Text", "Attachment name", "Attachment link"],
        widths=(6, 45, 16, 14, 28, 24, 12, 12, 12, 14, 12, 8, 10, 28, 50, 24, 20, 10, 10, 50, 24, 24))
    for d, owner_name, adopter_name, owner_code, adopter_code in session.execute(
            sa.select(Directive, owner.name, adopter.name, owner.code, adopter.code)
            .outerjoin(owner, owner.id == Directive.owner_unit_id)
            .outerjoin(adopter, adopter.id == Directive.adopted_by_unit_id)
            .order_by(Directive.title, Directive.version_no)):
        documents.rows.append([
            d.id, d.title, _label(d.doc_type, language), d.case_number, owner_name, adopter_name, d.adopted_on,
            d.valid_from, d.valid_to, d.review_due, _label(d.state, language), d.version_no,
            d.previous_version_id, d.responsible, d.summary, d.attachment_name or d.attachment_link,
            ", ".join(goal_codes.get(d.id, [])), owner_code, adopter_code, d.body, d.attachment_name,
            d.attachment_link])

    items = Sheet("Delegationspunkter" if sv else "Delegation items",
                  ["Id", "Delegationsordning", "Version", "Kapitel", "Nr", "Ärende", "Lagrum", "Delegat",
                   "Ersättare", "Begränsningar", "Anmälan", "Dokument-id", "Ordning", "Lag", "SFS-nummer",
                   "Anmälningssätt"] if sv else
                  ["Id", "Delegation order", "Version", "Chapter", "No.", "Matter", "Legal reference", "Delegate",
                   "Deputy", "Limits", "Report", "Directive id", "Position", "Act", "SFS number", "Reporting"],
                  widths=(6, 36, 8, 26, 6, 50, 18, 24, 24, 30, 9, 11, 9, 24, 11, 30))
    for item, title, version in session.execute(
            sa.select(DelegationItem, Directive.title, Directive.version_no).join(Directive)
            .order_by(Directive.title, Directive.version_no, DelegationItem.position)):
        items.rows.append([item.id, title, version, item.chapter, item.number, item.matter, item.legal_reference,
                           item.delegate, item.deputy, item.limits,
                           ("ja" if sv else "yes") if item.report_required else ("nej" if sv else "no"),
                           item.directive_id, item.position, item.legal_act, item.sfs_number,
                           _label(item.reporting, language)])

    decisions = Sheet("Delegationsbeslut" if sv else "Delegated decisions",
                      ["Punkt-id", "Nr", "Beslutsdatum", "Beslutat av", "Beslut", "Diarienummer", "Anmält"] if sv
                      else ["Item id", "No.", "Decided on", "Decided by", "Decision", "Case number", "Reported on"],
                      widths=(8, 6, 13, 28, 50, 16, 13))
    # Plain columns, not entities: decisions run to tens of thousands of rows.
    decisions.rows = [list(r) for r in session.execute(
        sa.select(DelegationDecision.item_id, DelegationItem.number, DelegationDecision.decided_on,
                  DelegationDecision.decided_by, DelegationDecision.summary, DelegationDecision.case_number,
                  DelegationDecision.reported_on).join(DelegationItem)
        .order_by(DelegationDecision.decided_on, DelegationDecision.id))]

    plans = Sheet("Verksamhetsplaner" if sv else "Operational plans",
                  ["Id", "Enhet", "År", "Titel", "Status", "Uppdrag", "Mål", "Resurser", "Uppföljning", "Enhetskod",
                   "Kopierad från"] if sv else
                  ["Id", "Unit", "Year", "Title", "Status", "Mission", "Goals", "Resources", "Follow-up",
                   "Unit code", "Copied from"],
                  widths=(6, 30, 6, 45, 12, 40, 40, 40, 40, 10, 10))
    for plan, unit_name, unit_code in session.execute(
            sa.select(OperationalPlan, OrgUnit.name, OrgUnit.code).join(OrgUnit, OrgUnit.id == OperationalPlan.unit_id)
            .order_by(OperationalPlan.year, OrgUnit.name)):
        plans.rows.append([plan.id, unit_name, plan.year, plan.title, _label(plan.state, language), plan.mission,
                           plan.goals_text, plan.resources, plan.follow_up, unit_code, plan.copied_from_id])

    activity_goals: dict[int, list[str]] = {}
    for activity_id, code in session.execute(
            sa.select(activity_goal.c.activity_id, Goal.code).join(Goal, Goal.id == activity_goal.c.goal_id)
            .order_by(Goal.code)):
        activity_goals.setdefault(activity_id, []).append(code or "")
    activities = Sheet("Aktiviteter" if sv else "Activities",
                       ["Plan-id", "Aktivitet", "Ansvarig", "Start", "Slut", "Status", "Framsteg %", "Mål",
                        "Beskrivning", "Ordning"] if sv
                       else ["Plan id", "Activity", "Responsible", "Start", "End", "Status", "Progress %", "Goals",
                             "Description", "Position"],
                       widths=(8, 50, 28, 12, 12, 12, 11, 16, 40, 9))
    for a in session.execute(sa.select(Activity).order_by(Activity.plan_id, Activity.position)).scalars():
        activities.rows.append([a.plan_id, a.title, a.responsible, a.start_date, a.end_date,
                                _label(a.state, language), a.progress, ", ".join(activity_goals.get(a.id, [])),
                                a.description, a.position])

    milestones = Sheet("Årshjul" if sv else "Annual cycle",
                       ["Datum", "Händelse", "Slag", "Beskrivning", "Enhetskod"] if sv else
                       ["Date", "Milestone", "Kind", "Description", "Unit code"],
                       widths=(12, 50, 14, 40, 10))
    for m, unit_code in session.execute(sa.select(Milestone, OrgUnit.code).outerjoin(
            OrgUnit, OrgUnit.id == Milestone.unit_id).order_by(Milestone.due_on, Milestone.id)):
        milestones.rows.append([m.due_on, m.title, milestone_kind_label(m.kind, language), m.description,
                                unit_code])
    return [documents, items, decisions, plans, activities, milestones]
