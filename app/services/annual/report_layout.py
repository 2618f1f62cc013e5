"""The one reading order of a delårsrapport or årsredovisning, shared by the PDF and the .docx
writers: each yields the same blocks (headings, paragraphs, tables), so the two never drift.
Numbers are in the Swedish format; status by symbol and label, never colour alone."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from app.models import FinanceKind, ReportSection, Status
from app.services.annual.agenda2030 import SDG_NAMES
from app.services.annual.internal_control import CONSEQUENCE_TEXT, LIKELIHOOD_TEXT, risk_level, risk_value
from app.services.annual.report_content import GenderLine, Report, ReportKind, ScopeSection
from app.services.packs import format as fmt

DASH = fmt.DASH


@dataclass
class Heading:
    text: str
    level: int  # 0 chapter (new page, in the contents), 1 section, 2 sub-section


@dataclass
class Paragraph:
    text: str
    style: str = ""  # "", "I" (italic), "B"


@dataclass
class Table:
    headings: list[str]
    rows: list[list[str]]
    widths: list[float]  # relative
    align: list[str]  # "LEFT" / "RIGHT"
    status_column: int | None = None
    statuses: list[Status | None] = field(default_factory=list)
    bold_rows: set[int] = field(default_factory=set)


@dataclass
class Chart:
    """A figure: `kind` "finance" (rows) or "deviation" (series), drawn by report_charts."""

    kind: str
    caption: str
    data: object
    interim: bool = True


@dataclass
class RiskMatrix:
    title: str
    cells: dict[tuple[int, int], list[str]]  # (likelihood, consequence) → risk titles


Block = Heading | Paragraph | Table | RiskMatrix | Chart


def tkr(value: float | None) -> str:
    return fmt.number(value, 0)


def _text_or(texts: dict[ReportSection, str], section: ReportSection, empty: str) -> Paragraph:
    text = texts.get(section, "").strip()
    return Paragraph(text) if text else Paragraph(empty, "I")


def _goal_table(section: ScopeSection, interim: bool) -> Table:
    headings = ["Mål", "Status hittills" if interim else "Status"] + (["Prognos helår"] if interim else [])
    rows, statuses = [], []
    for line in section.goals:
        indent = "  " * max(0, line.depth - 1)
        row = [f"{indent}{line.code} {line.title}".rstrip(), fmt.status_text(line.status)]
        if interim:
            row.append(line.forecast.sv if line.forecast else DASH)
        rows.append(row)
        statuses.append(line.status)
    widths = [110, 35, 35] if interim else [130, 40]
    return Table(headings, rows, widths, ["LEFT"] * len(headings), 1, statuses)


def _analyses(section: ScopeSection) -> Iterator[Block]:
    for line in section.goals:
        texts = []
        if line.analysis.strip():
            texts.append(Paragraph(f"{section.judged_by}: {line.analysis.strip()}"))
        if line.actions.strip():
            texts.append(Paragraph(f"Åtgärder: {line.actions.strip()}"))
        for committee, analysis in line.analyses_below:
            texts.append(Paragraph(f"{committee} bedömer: {analysis.strip()}", "I"))
        if texts:
            yield Heading(f"{line.code} {line.title}".strip(), 2)
            yield from texts


def _finance_blocks(section: ScopeSection, interim: bool, period_text: str) -> Iterator[Block]:
    table = section.finance
    for kind, title in ((FinanceKind.OPERATING, "Driftredovisning"), (FinanceKind.INVESTMENT, "Investeringar")):
        rows = [r for r in table.rows if r.kind == kind]
        yield Heading(f"{title} (tkr)", 2)
        if not rows:
            yield Paragraph(f"Inga uppgifter om {title.lower()} för perioden.", "I")
            continue
        total = table.total(kind)
        headings = ["Enhet", "Budget helår", f"Utfall {period_text}"] + (
            ["Prognos helår", "Avvikelse"] if interim else ["Avvikelse", f"Utfall {table.year - 1}"])
        body = []
        for r in [*rows, total]:
            deviation = r.deviation if interim else (
                None if r.budget is None or r.outcome is None else r.budget - r.outcome)
            body.append([r.unit, tkr(r.budget), tkr(r.outcome)] + (
                [tkr(r.forecast), tkr(deviation)] if interim else [tkr(deviation), tkr(r.outcome_previous_year)]))
        yield Table(headings, body, [60, 25, 30, 25, 25], ["LEFT"] + ["RIGHT"] * 4, bold_rows={len(body) - 1})
        if kind is FinanceKind.OPERATING and len(rows) > 1:
            yield Chart("finance", f"Budget, {'prognos och ' if interim else ''}utfall {period_text} per enhet (mnkr)",
                        rows, interim)
    if any(sum(v is not None for _code, v in points) > 1 for points in section.deviation.values()):
        yield Chart("deviation", "Budgetavvikelse under året: budget − prognos vid varje tertial"
                    + ("" if interim else ", budget − utfall för helåret") + " (mnkr)", section.deviation)
    yield Paragraph("Avvikelse = budget − " + ("prognos" if interim else "utfall") +
                    "; ett positivt tal är ett överskott. Belopp i tusental kronor (tkr), nettokostnader.", "I")


def _gender_table(lines: list[GenderLine]) -> Table:
    rows, statuses = [], []
    for line in lines:
        gap = line.gap
        name = line.name if line.name.rstrip().endswith(")") else f"{line.name} ({line.unit_of_measure})"
        rows.append([name, fmt.number(line.total, line.decimals),
                     fmt.number(line.women, line.decimals), fmt.number(line.men, line.decimals),
                     fmt.number(gap, line.decimals) if gap is not None else DASH,
                     fmt.number(line.target, line.decimals), fmt.status_text(line.status)])
        statuses.append(line.status)
    return Table(["Indikator", "Totalt", "Kvinnor", "Män", "Skillnad K−M", "Målvärde", "Status"], rows,
                 [62, 16, 16, 16, 20, 18, 30], ["LEFT"] + ["RIGHT"] * 5 + ["LEFT"], 6, statuses)


def _assignment_blocks(section: ScopeSection, today) -> Iterator[Block]:
    if not section.assignments:
        yield Paragraph("Inga uppdrag att redovisa.", "I")
        return
    rows = []
    for a in section.assignments:
        state = a.state.sv + (" (försenat)" if a.overdue(today) else "")
        rows.append([f"{a.code} {a.title}", a.assignee, fmt.date(a.due_on) if a.due_on else DASH, state,
                     a.comment or DASH])
    yield Table(["Uppdrag", "Nämnd", "Klart senast", "Status", "Kommentar"], rows, [55, 30, 20, 22, 43],
                ["LEFT"] * 5)
    sources = sorted({a.decision_reference for a in section.assignments if a.decision_reference})
    if sources:
        yield Paragraph("Beslut: " + "; ".join(sources), "I")


def _internal_control_blocks(section: ScopeSection) -> Iterator[Block]:
    if not section.internal_control:
        yield Paragraph("Ingen internkontrollplan för året.", "I")
        return
    for plan in section.internal_control:
        yield Heading(plan.title, 2)
        state = "fastställd av nämnden" if plan.adopted else "ej fastställd"
        yield Paragraph(f"Planen är {state}. {plan.checked} av {len(plan.lines)} kontrollmoment är genomförda; "
                        f"{plan.deviations} med avvikelse.")
        yield RiskMatrix(f"Riskmatris {plan.year}", plan.matrix)
        rows = []
        for line in plan.lines:
            result = DASH if line.deviation is None else ("Avvikelse: " + line.finding if line.deviation
                                                           else "Utan avvikelse")
            if line.actions:
                result += f" Åtgärd: {line.actions}"
            rows.append([line.risk, f"{line.value} ({risk_level(line.value).lower()})", line.control or DASH,
                         line.owner or DASH, line.frequency or DASH, result])
        yield Table(["Risk", "Riskvärde", "Kontrollmoment", "Ansvarig", "Frekvens", "Resultat"], rows,
                    [36, 18, 40, 22, 18, 46], ["LEFT"] * 6)


def blocks(report: Report) -> Iterator[Block]:
    """The whole report, in reading order."""
    interim = report.kind is ReportKind.INTERIM
    main = report.main
    yield Heading("Sammanfattning", 0)
    yield _text_or(main.texts, ReportSection.SUMMARY, "Ingen sammanfattning är skriven ännu.")
    counted = sum(main.counts.values())
    yield Paragraph(f"Måluppfyllelse {report.period_text}: " + ", ".join(
        f"{main.counts[s]} av {counted} {s.sv.lower()}" for s in Status) + ".")

    yield Heading("Viktiga händelser", 0)
    yield _text_or(main.texts, ReportSection.EVENTS, "Inga viktiga händelser är beskrivna.")

    yield Heading("Måluppfyllelse", 0)
    yield Paragraph(("Status hittills under året och en bedömning av helåret per mål. " if interim else
                     "Måluppfyllelse för året per mål. ") + f"{main.judged_by} i analysen; nämndernas egna "
                    "bedömningar redovisas för sig.", "I")
    yield _goal_table(main, interim)
    yield from _analyses(main)

    yield Heading("Ekonomi", 0)
    yield _text_or(main.texts, ReportSection.ECONOMY, "Ingen ekonomisk kommentar är skriven.")
    yield from _finance_blocks(main, interim, report.period_text)
    yield Heading("Finansiella mål för god ekonomisk hushållning", 1)
    if report.financial_goals:
        yield _gender_table(report.financial_goals)
    else:
        yield Paragraph("Inga finansiella mål är angivna (Inställningar: reports.financial_indicators).", "I")
    if report.balance is not None and interim and report.balance.balance_result is None:
        yield Paragraph(f"Balanskravsutredningen för {report.balance.year} görs i årsredovisningen; prognosen "
                        "för årets resultat finns i sammanfattningen.", "I")
    elif report.balance is not None:
        yield Heading(f"Balanskravsutredning {report.balance.year} (mnkr)", 1)
        rows = [[line.label, fmt.number(line.amount, 1)] for line in report.balance.lines]
        bold = {i for i, line in enumerate(report.balance.lines) if line.subtotal}
        yield Table(["", "mnkr"], rows, [140, 30], ["LEFT", "RIGHT"], bold_rows=bold)
        if report.balance.to_restore:
            yield Paragraph(f"Balanskravsresultatet är negativt: {fmt.number(report.balance.to_restore, 1)} mnkr "
                            "ska återställas inom tre år (KL 11 kap. 12 §).", "B")
        elif report.balance.balance_result is None:
            yield Paragraph("Årets resultat är inte inlagt ännu.", "I")

    yield Heading("Personal", 0)
    yield _text_or(main.texts, ReportSection.PERSONNEL, "Ingen personalkommentar är skriven.")
    if report.personnel:
        yield Paragraph("Per kön där utfallet finns så redovisat (jämställdhet).", "I")
        yield _gender_table(report.personnel)

    yield Heading("Uppdrag", 0)
    yield from _assignment_blocks(main, report.generated_on)

    yield Heading("Intern kontroll", 0)
    yield from _internal_control_blocks(main)

    if report.sdg_groups:
        yield Heading("Agenda 2030", 0)
        for sdg, goals in report.sdg_groups.items():
            yield Heading(f"Mål {sdg}: {SDG_NAMES[sdg]}", 2)
            yield Table(["Mål", "Status"], [[f"{c} {t}", fmt.status_text(s)] for c, t, s in goals], [130, 40],
                        ["LEFT", "LEFT"], 1, [s for _, _, s in goals])

    yield Heading("Framtid", 0)
    yield _text_or(main.texts, ReportSection.FUTURE, "Inget om framtiden är skrivet.")

    for committee in report.committees:
        yield Heading(committee.name, 0)
        yield _text_or(committee.texts, ReportSection.SUMMARY, "Nämnden har inte skrivit någon sammanfattning.")
        yield Heading("Måluppfyllelse", 1)
        yield _goal_table(committee, interim)
        yield from _analyses(committee)
        yield Heading("Ekonomi", 1)
        yield _text_or(committee.texts, ReportSection.ECONOMY, "Ingen ekonomisk kommentar.")
        yield from _finance_blocks(committee, interim, report.period_text)
        yield Heading("Uppdrag", 1)
        yield from _assignment_blocks(committee, report.generated_on)
        yield Heading("Intern kontroll", 1)
        yield from _internal_control_blocks(committee)


MATRIX_LEGEND = ("Sannolikhet: " + ", ".join(f"{k} {v.lower()}" for k, v in LIKELIHOOD_TEXT.items()) +
                 ". Konsekvens: " + ", ".join(f"{k} {v.lower()}" for k, v in CONSEQUENCE_TEXT.items()) +
                 ". Riskvärde = sannolikhet × konsekvens: låg 1–3, medel 4–8, hög 9–16.")
__all__ = ["MATRIX_LEGEND", "Block", "Chart", "Heading", "Paragraph", "RiskMatrix", "Table", "blocks", "risk_value"]
