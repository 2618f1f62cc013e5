"""Anmälan av delegationsbeslut: the document a nämnd receives at a meeting (KL 6 kap. 40 §).

Per nämnd, "beslut fattade under perioden …", grouped by the delegationsordning's items (in the
order's own order), with the meeting it goes to. Every delegationsbeslut is reported; an item
reported as a list from the case system is printed as that list; verkställighet is not a
delegationsbeslut and is left out. Printable (PDF) and exportable (Excel); it is not part of the
follow-up pack, which goes to fullmäktige about another period.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import (
    DelegationDecision,
    DelegationItem,
    Directive,
    DirectiveState,
    DirectiveType,
    OrgUnit,
    UnitKind,
)
from app.models.enums import ReportingMode
from app.models.errors import StyrkortError
from app.services.governance.delegation_law import lagrum_text
from app.services.platform import swedish
from app.services.platform.settings import ORGANISATION_NAME, get_setting

TITLE = "Anmälan av delegationsbeslut"


@dataclass(frozen=True)
class ReportedDecision:
    decided_on: dt.date
    decided_by: str
    summary: str
    case_number: str


@dataclass
class ReportGroup:
    """The decisions of one delegationsordning item."""

    number: str
    matter: str
    lagrum: str
    delegate: str
    reporting: ReportingMode
    decisions: list[ReportedDecision] = field(default_factory=list)


@dataclass
class DelegationReport:
    organisation: str
    committee: str
    start: dt.date
    end: dt.date
    meeting: dt.date | None
    orders: list[str]
    groups: list[ReportGroup] = field(default_factory=list)

    @property
    def decision_count(self) -> int:
        return sum(len(g.decisions) for g in self.groups)

    @property
    def heading(self) -> str:
        return f"Beslut fattade under perioden {swedish.date(self.start)} – {swedish.date(self.end)}"

    @property
    def meeting_text(self) -> str:
        if self.meeting is None:
            return "Anmäls vid nämndens nästa sammanträde."
        return f"Anmäls vid {self.committee.lower()}s sammanträde {swedish.date(self.meeting)}."


def committees(session: Session) -> list[tuple[str, str]]:
    """(code, name) of the nämnder and the styrelse: who receives an anmälan."""
    return [tuple(r) for r in session.execute(
        sa.select(OrgUnit.code, OrgUnit.name).where(OrgUnit.kind.in_((UnitKind.COMMITTEE, UnitKind.EXECUTIVE_BOARD)))
        .order_by(OrgUnit.position, OrgUnit.code))]


def delegation_report(session: Session, committee_code: str, start: dt.date, end: dt.date,
                      meeting: dt.date | None = None) -> DelegationReport:
    """The nämnd's decisions taken from `start` to `end` (inclusive) under its delegationsordningar
    (adopted or repealed versions alike: a decision stays under the item it was taken under)."""
    if end < start:
        raise StyrkortError("Periodens slut ligger före dess början.", "The period ends before it starts.")
    committee = session.execute(sa.select(OrgUnit).where(OrgUnit.code == committee_code)).scalar_one_or_none()
    if committee is None or committee.kind not in (UnitKind.COMMITTEE, UnitKind.EXECUTIVE_BOARD):
        raise StyrkortError(f"Ingen nämnd har koden {committee_code}.", f"No committee has the code {committee_code}.")
    orders = list(session.execute(
        sa.select(Directive).where(Directive.doc_type == DirectiveType.DELEGATION_ORDER,
                                   sa.or_(Directive.owner_unit_id == committee.id,
                                          Directive.adopted_by_unit_id == committee.id),
                                   Directive.state.in_((DirectiveState.ADOPTED, DirectiveState.REPEALED)))
        .order_by(Directive.title, Directive.version_no)).scalars())
    report = DelegationReport(get_setting(session, ORGANISATION_NAME, ""), committee.name, start, end, meeting,
                              sorted({o.title for o in orders}))
    rows = session.execute(
        sa.select(DelegationItem, DelegationDecision)
        .join(DelegationDecision, DelegationDecision.item_id == DelegationItem.id)
        .where(DelegationItem.directive_id.in_([o.id for o in orders]),
               DelegationItem.reporting != ReportingMode.ENFORCEMENT,
               DelegationDecision.decided_on.between(start, end))
        .order_by(DelegationItem.position, DelegationItem.number, DelegationDecision.decided_on,
                  DelegationDecision.id))
    groups: dict[str, ReportGroup] = {}
    for item, decision in rows:
        group = groups.get(item.number)
        if group is None:
            group = groups[item.number] = ReportGroup(
                item.number, item.matter, lagrum_text(item.legal_reference, item.legal_act, item.sfs_number),
                item.delegate, item.reporting)
        group.decisions.append(ReportedDecision(decision.decided_on, decision.decided_by, decision.summary,
                                                decision.case_number))
    report.groups = sorted(groups.values(), key=lambda g: _number_key(g.number))
    return report


def _number_key(number: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in number.replace("-", ".").split("."))


def to_text(report: DelegationReport) -> list[str]:
    """The document as lines: what the command line prints and the PDF lays out."""
    lines = [f"{TITLE} – {report.committee}", report.heading, report.meeting_text]
    if report.orders:
        lines.append("Enligt " + ", ".join(report.orders) + ".")
    if not report.groups:
        lines.append("Inga delegationsbeslut har fattats under perioden.")
    for group in report.groups:
        how = " (förteckning ur verksamhetssystemet)" if group.reporting is ReportingMode.LIST else ""
        lagrum = f" – {group.lagrum}" if group.lagrum else ""
        lines.append(f"{group.number} {group.matter}{lagrum}. Delegat: {group.delegate}{how}")
        for d in group.decisions:
            case = f" ({d.case_number})" if d.case_number else ""
            lines.append(f"  {swedish.date(d.decided_on)}  {d.summary}{case} – {d.decided_by}")
    lines.append(f"Antal beslut: {report.decision_count}")
    return lines


def write_xlsx(report: DelegationReport, path: Path) -> Path:
    """One sheet: a row per decision with its item, in the document's order."""
    from app.services.governance.register_export import Sheet
    from app.services.governance.register_export import write_xlsx as write_sheets

    sheet = Sheet("Anmälan", ["Punkt", "Ärende", "Lagrum", "Delegat", "Anmälningssätt", "Beslutsdatum",
                              "Beslut", "Diarienummer", "Beslutat av"],
                  widths=(7, 40, 28, 22, 26, 13, 50, 16, 28))
    for group in report.groups:
        for d in group.decisions:
            sheet.rows.append([group.number, group.matter, group.lagrum, group.delegate, group.reporting.sv,
                               d.decided_on, d.summary, d.case_number, d.decided_by])
    return write_sheets(Path(path), [sheet])


def write_pdf(report: DelegationReport, path: Path, generated_on: dt.date | None = None) -> int:
    """An A4 document for the nämnd's meeting; returns the number of pages. Same input, same bytes."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    from app.services.platform.typography import FONT, font_path

    pdf = FPDF(orientation="P", unit="mm", format="A4")
    for style in ("", "B", "I"):
        pdf.add_font(FONT, style, str(font_path(style)))
    pdf.set_margins(22, 20, 18)
    pdf.set_auto_page_break(True, 18)
    day = generated_on or report.meeting or report.end
    pdf.set_creation_date(dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC))
    pdf.set_title(f"{TITLE} – {report.committee}")
    pdf.set_author(report.organisation)
    pdf.set_creator("Styrkort")
    pdf.set_lang("sv-SE")
    pdf.add_page()
    width = 210 - 22 - 18
    pdf.set_font(FONT, "", 9)
    pdf.cell(width, 5, report.organisation, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "B", 16)
    pdf.multi_cell(width, 8, f"{TITLE}\n{report.committee}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)
    pdf.multi_cell(width, 5.5, f"{report.heading}. {report.meeting_text}", new_x="LMARGIN", new_y="NEXT")
    if report.orders:
        pdf.multi_cell(width, 5.5, "Enligt " + ", ".join(report.orders) + " (kommunallagen 6 kap. 40 §).",
                       new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    if not report.groups:
        pdf.set_font(FONT, "I", 10)
        pdf.cell(width, 6, "Inga delegationsbeslut har fattats under perioden.", new_x="LMARGIN", new_y="NEXT")
    for group in report.groups:
        pdf.set_font(FONT, "B", 10.5)
        lagrum = f" – {group.lagrum}" if group.lagrum else ""
        pdf.multi_cell(width, 5.5, f"{group.number} {group.matter}{lagrum}", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, "", 8.5)
        how = "; anmäls som förteckning ur verksamhetssystemet" if group.reporting is ReportingMode.LIST else ""
        pdf.cell(width, 5, f"Delegat: {group.delegate}{how}", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, "", 8.5)
        with pdf.table(col_widths=(22, 80, 28, 40), width=width, align="LEFT", line_height=4.4, padding=1.0,
                       borders_layout="HORIZONTAL_LINES",
                       headings_style=FontFace(emphasis="BOLD", size_pt=8)) as table:
            heading = table.row()
            for text in ("Beslutsdatum", "Beslut", "Diarienummer", "Beslutat av"):
                heading.cell(text)
            for d in group.decisions:
                row = table.row()
                row.cell(swedish.date(d.decided_on))
                row.cell(d.summary)
                row.cell(d.case_number)
                row.cell(d.decided_by)
        pdf.ln(3)
    pdf.set_font(FONT, "", 9.5)
    pdf.cell(width, 6, f"Antal beslut: {report.decision_count}", new_x="LMARGIN", new_y="NEXT")
    data = pdf.output()
    Path(path).write_bytes(data)
    return pdf.page_no()
