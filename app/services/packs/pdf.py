"""Laying a pack out as an A4 PDF with fpdf2: cover, table of contents with page numbers,
summary, one section per målområde and goal, appendix per provider.

Typography: A4 with a wider inner margin for binding, running header (scope, period) and
footer "Sida n av m", DejaVu Sans embedded (it ships with matplotlib, so no system font is
needed), charts as vector graphics (SVG from charts.py), Swedish number and date formats, and
status by symbol and label as well as colour. The creation date in the metadata is the pack's
generation date, so the same data and options give the same bytes."""

from __future__ import annotations

import datetime as dt
import io
import math
from pathlib import Path

from app.models import ProviderType, Status
from app.services.governance.directives import REVIEW_WINDOW_DAYS
from app.services.packs import charts
from app.services.packs import format as fmt
from app.services.packs.content import GoalSection, Pack, PackState

MARGIN_INNER, MARGIN_OUTER, MARGIN_TOP, MARGIN_BOTTOM = 25.0, 18.0, 22.0, 20.0
TEXT_WIDTH = 210.0 - MARGIN_INNER - MARGIN_OUTER
FONT = "DejaVu Sans"  # the family name matplotlib writes into chart SVG text
TOC_LINE = 6.0
TOC_LINES_PER_PAGE = 38
INK = (0, 0, 0)
GREY = (90, 90, 90)
RULE = (160, 160, 160)
STATUS_ORDER = (Status.MET, Status.PARTLY_MET, Status.NOT_MET, Status.NOT_ASSESSED)
GOVERNANCE_TITLE = "Styrdokument och delegation"
PROVIDER_TYPE_TEXT = {ProviderType.IN_HOUSE: "Egen regi", ProviderType.EXTERNAL: "Extern utförare",
                      ProviderType.NON_PROFIT: "Idéburen utförare"}


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))


def _light(hex_colour: str) -> tuple[int, int, int]:
    return tuple(round(c + (255 - c) * 0.7) for c in _rgb(hex_colour))


def font_path(style: str = "") -> Path:
    import matplotlib

    name = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf",
            "BI": "DejaVuSans-BoldOblique.ttf"}[style]
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name


def _document_class():
    from fpdf import FPDF

    class PackDocument(FPDF):
        def __init__(self, pack: Pack) -> None:
            super().__init__(orientation="P", unit="mm", format="A4")
            self.pack = pack
            for style in ("", "B", "I", "BI"):
                self.add_font(FONT, style, str(font_path(style)))
            self.set_margins(MARGIN_INNER, MARGIN_TOP, MARGIN_OUTER)
            self.set_auto_page_break(True, MARGIN_BOTTOM)
            self.alias_nb_pages("{nb}")
            self.running_title = f"{pack.scope_name} · {fmt.period_label(pack.period_code)}"

        def header(self) -> None:
            if self.page_no() == 1:
                return
            self.set_font(FONT, "", 8)
            self.set_text_color(*GREY)
            self.set_xy(MARGIN_INNER, 10)
            self.cell(TEXT_WIDTH / 2, 5, f"{self.pack.title} – {self.running_title}")
            self.cell(TEXT_WIDTH / 2, 5, self.pack.organisation, align="R")
            self.set_draw_color(*RULE)
            self.line(MARGIN_INNER, 15.5, 210 - MARGIN_OUTER, 15.5)
            self.set_text_color(*INK)
            self.set_y(MARGIN_TOP)

        def footer(self) -> None:
            if self.page_no() == 1:
                return
            self.set_y(-13)
            self.set_font(FONT, "", 8)
            self.set_text_color(*GREY)
            self.cell(TEXT_WIDTH / 2, 5, fmt.date(self.pack.generated_on))
            self.cell(TEXT_WIDTH / 2, 5, f"Sida {self.page_no()} av {{nb}}", align="R")
            self.set_text_color(*INK)

    return PackDocument


def toc_pages(pack: Pack) -> int:
    entries = (2 + len(pack.areas) + len(pack.goals()) + (1 if pack.governance else 0)
               + (1 + len(pack.providers) if pack.providers else 0))
    return max(1, math.ceil((entries + 3) / TOC_LINES_PER_PAGE))


def render_pdf(pack: Pack, target: Path | io.BytesIO, state: PackState | None = None,
               progress: tuple[float, float] = (0.0, 1.0)) -> int:
    """Write the pack to `target`; returns the number of pages."""
    state = state or PackState()
    start, span = progress
    pdf = _document_class()(pack)
    pdf.set_title(f"{pack.title} – {pack.scope_name} – {pack.period_code}")
    pdf.set_author(pack.organisation)
    pdf.set_subject(f"{pack.title} {fmt.period_label(pack.period_code)}")
    pdf.set_creator("Styrkort")
    pdf.set_lang("sv-SE")
    pdf.set_creation_date(dt.datetime.combine(pack.generated_on, dt.time(), tzinfo=dt.UTC))

    _cover(pdf, pack)
    pdf.add_page()
    pdf.insert_toc_placeholder(_render_toc, pages=toc_pages(pack))
    _summary(pdf, pack)
    goals = pack.goals()
    drawn: dict[str, str] = {}  # indicator code → SVG: a chart is the same wherever it appears
    done = 0
    for area in pack.areas:
        pdf.add_page()
        pdf.start_section(f"{area.code} {area.title}".strip(), level=0)
        _heading(pdf, f"{area.code} {area.title}".strip(), 16)
        _status_line(pdf, "Målområdets status", area.status, None)
        pdf.ln(3)
        for index, goal in enumerate(area.goals):
            state.check(start + span * done / max(1, len(goals)), f"Sida för mål {goal.code}")
            if index and goal.level.value == "goal":
                pdf.add_page()
            _goal(pdf, pack, goal, drawn)
            done += 1
    if pack.governance:
        _governance(pdf, pack)
    if pack.providers:
        _appendix(pdf, pack)
    state.check(start + span, "Skriver PDF")
    data = pdf.output()
    if isinstance(target, io.BytesIO):
        target.write(data)
    else:
        Path(target).write_bytes(data)
    return pdf.pages_count


def _heading(pdf, text: str, size: float, space_after: float = 2.0) -> None:
    pdf.set_font(FONT, "B", size)
    pdf.multi_cell(TEXT_WIDTH, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(space_after)


def _paragraph(pdf, text: str, size: float = 9.5, style: str = "", colour=INK) -> None:
    pdf.set_font(FONT, style, size)
    pdf.set_text_color(*colour)
    pdf.multi_cell(TEXT_WIDTH, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)


def _status_badge(pdf, status: Status, height: float = 6.0) -> None:
    """Symbol and label on a light tint of the status colour, with a border in the full colour."""
    colour = fmt.STATUS_COLOUR[status]
    pdf.set_font(FONT, "B", 9.5)
    text = fmt.status_text(status)
    width = pdf.get_string_width(text) + 5
    pdf.set_fill_color(*_light(colour))
    pdf.set_draw_color(*_rgb(colour))
    pdf.set_line_width(0.4)
    pdf.cell(width, height, text, border=1, fill=True, align="C")
    pdf.set_line_width(0.2)


def _status_line(pdf, label: str, status: Status, extra: str | None) -> None:
    pdf.set_font(FONT, "", 9.5)
    pdf.cell(pdf.get_string_width(label + ": ") + 1, 6, label + ":")
    _status_badge(pdf, status)
    if extra:
        pdf.set_font(FONT, "", 9)
        pdf.set_text_color(*GREY)
        pdf.cell(0, 6, "  " + extra)
        pdf.set_text_color(*INK)
    pdf.ln(8)


def _cover(pdf, pack: Pack) -> None:
    pdf.add_page()
    pdf.set_y(60)
    pdf.set_font(FONT, "", 12)
    pdf.set_text_color(*GREY)
    pdf.cell(TEXT_WIDTH, 8, pack.organisation, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)
    pdf.ln(4)
    pdf.set_font(FONT, "B", 30)
    pdf.cell(TEXT_WIDTH, 14, pack.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*INK)
    pdf.set_line_width(0.8)
    pdf.line(MARGIN_INNER, pdf.get_y() + 3, MARGIN_INNER + 60, pdf.get_y() + 3)
    pdf.set_line_width(0.2)
    pdf.ln(10)
    pdf.set_font(FONT, "B", 18)
    pdf.multi_cell(TEXT_WIDTH, 9, pack.scope_name, new_x="LMARGIN", new_y="NEXT")
    if pack.scope_kind:
        pdf.set_font(FONT, "", 11)
        pdf.set_text_color(*GREY)
        pdf.cell(TEXT_WIDTH, 7, f"{pack.scope_kind} · {pack.scope_code}", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*INK)
    pdf.ln(6)
    pdf.set_font(FONT, "", 12)
    pdf.cell(TEXT_WIDTH, 7, f"Period: {fmt.period_label(pack.period_code)} ({fmt.period_span(pack.period_code)})",
             new_x="LMARGIN", new_y="NEXT")
    pdf.cell(TEXT_WIDTH, 7, f"Datum: {fmt.date(pack.generated_on)}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(250)
    pdf.set_font(FONT, "", 8.5)
    pdf.set_text_color(*GREY)
    pdf.multi_cell(TEXT_WIDTH, 4.5, (
        "Statusen beräknas ur utfall mot målvärde och vägs samman uppåt i målhierarkin; en manuell "
        "bedömning med motivering ersätter den beräknade. Framställd med Styrkort."), new_x="LMARGIN", new_y="NEXT")
    if pack.audit_anchor:
        # One line, small: `styrkort check --ankare` reads it back to compare the log later.
        pdf.ln(1)
        pdf.set_font(FONT, "", 6)
        pdf.cell(TEXT_WIDTH, 3.5, pack.audit_anchor, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)


def _render_toc(pdf, outline) -> None:
    pdf.set_xy(MARGIN_INNER, MARGIN_TOP)
    _heading(pdf, "Innehåll", 16, 4)
    for section in outline:
        indent = 6.0 * section.level
        pdf.set_font(FONT, "B" if section.level == 0 else "", 10 if section.level == 0 else 9.5)
        page = str(section.page_number)
        link = pdf.add_link(page=section.page_number)
        name_width = TEXT_WIDTH - indent - 14
        name = section.name
        while pdf.get_string_width(name) > name_width - 4 and len(name) > 4:
            name = name[:-2].rstrip() + "…" if not name.endswith("…") else name[:-2].rstrip() + "…"
        pdf.set_x(MARGIN_INNER + indent)
        pdf.cell(pdf.get_string_width(name) + 1, TOC_LINE, name, link=link)
        dots_width = name_width - pdf.get_string_width(name) - 1
        dot = pdf.get_string_width(" .")
        pdf.set_text_color(*GREY)
        pdf.cell(dots_width, TOC_LINE, " ." * max(0, int(dots_width / dot)), align="R")
        pdf.set_text_color(*INK)
        pdf.cell(14, TOC_LINE, page, align="R", link=link, new_x="LMARGIN", new_y="NEXT")


def _summary(pdf, pack: Pack) -> None:
    pdf.start_section("Sammanfattning", level=0)
    _heading(pdf, "Sammanfattning", 16)
    counts = pack.counts()
    total = sum(counts.values())
    parts = ", ".join(f"{counts[s]} {s.sv.lower()}" for s in STATUS_ORDER if counts[s])
    scope = pack.scope_name if pack.scope_code else pack.scope_name.lower()
    if total:
        _paragraph(pdf, f"Rapporten omfattar {total} mål och delmål för {scope}, "
                        f"{fmt.period_label(pack.period_code).lower()}: {parts}.")
    else:
        _paragraph(pdf, f"Inga mål ägs av {scope} eller har utfall därifrån för "
                        f"{fmt.period_label(pack.period_code).lower()}.")
    pdf.ln(2)
    if pack.overall_status is not None:
        _status_line(pdf, "Samlad måluppfyllelse", pack.overall_status, None)
    _heading(pdf, "Måluppfyllelse per målområde", 12)
    from fpdf.fonts import FontFace

    widths = (63, 20, 22, 22, 20, 20)
    pdf.set_font(FONT, "", 9)
    with _table(pdf, widths, ("LEFT", "CENTER", "CENTER", "CENTER", "CENTER", "CENTER"), 5.2) as table:
        heading = table.row()
        heading.cell("Målområde")
        for status in STATUS_ORDER:
            heading.cell(fmt.status_text(status))
        heading.cell("Totalt")
        for area in pack.areas:
            row = table.row()
            row.cell(f"{area.code} {area.title}".strip())
            area_counts = area.counts()
            for status in STATUS_ORDER:
                row.cell(fmt.number(area_counts[status]))
            row.cell(fmt.number(sum(area_counts.values())))
        row = table.row(style=FontFace(emphasis="BOLD"))
        row.cell("Totalt")
        for status in STATUS_ORDER:
            row.cell(fmt.number(counts[status]))
        row.cell(fmt.number(total))
    pdf.ln(4)
    svg = charts.summary_svg([(f"{a.code} {a.title}".strip(), a.counts()) for a in pack.areas])
    _figure(pdf, svg, charts.summary_height(len(pack.areas)), "Figur: antal mål per status och målområde.")
    _heading(pdf, "Läsanvisning", 11)
    legend = [f"{fmt.status_text(s)}" for s in STATUS_ORDER]
    _paragraph(pdf, "Status: " + "   ".join(legend) + ". Symbolen bär statusen; färgen upprepar den.", 9)
    pdf.ln(1)
    _paragraph(pdf, "Trend jämfört med samma period föregående år: " + "   ".join(fmt.TREND_TEXT.values())
               + ". Bättre och sämre avser indikatorns riktning (högre eller lägre är bättre).", 9)
    pdf.ln(1)
    _paragraph(pdf, "Diagrammen visar varje enhets eget utfall. Streckad linje: målvärdet. Snedstreckad "
                    "stapel: extern eller idéburen utförare; hel stapel: egen regi. Ett kort lodrätt streck "
                    "visar ett eget målvärde för enheten.", 9)
    pdf.ln(1)
    _paragraph(pdf, f"Talen skrivs med decimalkomma; {fmt.DASH} betyder att värde saknas.", 9)


def _figure(pdf, svg: str, height_in: float, caption: str) -> None:
    height = TEXT_WIDTH * height_in / charts.WIDTH_IN
    if pdf.will_page_break(height + 8):
        pdf.add_page()
    pdf.set_font(FONT, "I", 8.5)
    pdf.multi_cell(TEXT_WIDTH, 4.2, caption, new_x="LMARGIN", new_y="NEXT")
    top = pdf.get_y()
    # SVG text without a fill is black; fpdf2 would take the page's current fill colour instead.
    pdf.set_fill_color(*INK)
    pdf.set_draw_color(*INK)
    pdf.image(io.BytesIO(svg.encode("utf-8")), x=MARGIN_INNER, y=top, w=TEXT_WIDTH, h=height)
    pdf.set_y(top + height + 3)


def _goal(pdf, pack: Pack, goal: GoalSection, drawn: dict[str, str]) -> None:
    title = f"{goal.code} {goal.title}".strip()
    if pdf.will_page_break(40):
        pdf.add_page()  # before the section starts, so that the contents point at the heading's page
    pdf.start_section(title, level=1)
    _heading(pdf, title, 13 if goal.level.value == "goal" else 11.5, 1)
    meta = [goal.level.sv]
    if goal.owner:
        meta.append(f"Ansvarig: {goal.owner}")
    _paragraph(pdf, " · ".join(meta), 8.5, colour=GREY)
    pdf.ln(1.5)
    extra = None
    if goal.manual:
        extra = "manuell bedömning"
    elif goal.score is not None:
        extra = f"viktad andel uppfyllt {fmt.number(goal.score * 100)}{fmt.NBSP}%"
    _status_line(pdf, "Status", goal.status, extra)
    if goal.manual:
        _paragraph(pdf, f"Motivering: {goal.justification}", 9)
        pdf.ln(1)
    if goal.description:
        _paragraph(pdf, goal.description, 9, "I")
        pdf.ln(2)
    if goal.indicators:
        _indicator_table(pdf, pack, goal)
    if goal.children:
        pdf.set_font(FONT, "B", 9.5)
        pdf.cell(TEXT_WIDTH, 6, "Delmål", new_x="LMARGIN", new_y="NEXT")
        for code, child_title, status in goal.children:
            pdf.set_font(FONT, "", 9)
            pdf.cell(TEXT_WIDTH - 38, 5.5, f"{code} {child_title}".strip())
            pdf.cell(38, 5.5, fmt.status_text(status), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    for chart in goal.charts:
        # An indicator linked to a goal and its delmål gives the same chart twice: draw it once.
        if chart.indicator_code not in drawn:
            drawn[chart.indicator_code] = charts.comparison_svg(chart)
        svg = drawn[chart.indicator_code]
        _figure(pdf, svg, charts.comparison_height(len(chart.bars)),
                f"Figur: {chart.indicator_code} {chart.title} – utfall per enhet, {pack.period_code}.")
    pdf.set_font(FONT, "B", 10)
    if pdf.will_page_break(20):
        pdf.add_page()
    pdf.cell(TEXT_WIDTH, 6, "Analys", new_x="LMARGIN", new_y="NEXT")
    _paragraph(pdf, goal.analysis or "Ingen skriftlig analys för perioden.", 9.5,
               "" if goal.analysis else "I")
    pdf.ln(1)
    pdf.set_font(FONT, "B", 10)
    pdf.cell(TEXT_WIDTH, 6, "Åtgärder", new_x="LMARGIN", new_y="NEXT")
    _paragraph(pdf, goal.actions or "Inga beslutade åtgärder för perioden.", 9.5, "" if goal.actions else "I")
    if goal.analysis_by:
        _paragraph(pdf, f"Bedömning av: {goal.analysis_by}", 8.5, colour=GREY)
    pdf.ln(5)


def _table(pdf, widths, align, line_height: float = 4.4):
    """The house table: rules between rows, bold headings repeated on each page."""
    from fpdf.fonts import FontFace

    # Cells without a style of their own are filled with the page's current colour if one leaks in.
    pdf.set_fill_color(255, 255, 255)
    pdf.set_draw_color(*RULE)
    return pdf.table(col_widths=widths, width=TEXT_WIDTH, align="LEFT", text_align=align, line_height=line_height,
                     padding=1.0, borders_layout="HORIZONTAL_LINES",
                     headings_style=FontFace(emphasis="BOLD", size_pt=8, fill_color=(238, 238, 238)))


def _status_cell_style(status: Status):
    from fpdf.fonts import FontFace

    return FontFace(fill_color=_light(fmt.STATUS_COLOUR[status]))


def _indicator_table(pdf, pack: Pack, goal: GoalSection) -> None:

    history_codes = [code for code, _ in goal.indicators[0].history]
    widths = [60] + [14] * len(history_codes) + [17, 17, 27, 22]
    widths[0] += TEXT_WIDTH - sum(widths)
    align = ["LEFT"] + ["RIGHT"] * (len(history_codes) + 2) + ["LEFT", "LEFT"]
    pdf.set_font(FONT, "", 8.5)
    with _table(pdf, widths, align) as table:
        heading = table.row()
        heading.cell("Indikator")
        for code in history_codes:
            heading.cell(code)
        heading.cell(f"Utfall {pack.period_code}")
        heading.cell("Målvärde")
        heading.cell("Status")
        heading.cell("Trend")
        for row_data in goal.indicators:
            row = table.row()
            row.cell(f"{row_data.name}\n{row_data.code} · {row_data.unit_of_measure} · "
                     f"{row_data.direction_text.lower()}")
            for _, value in row_data.history:
                row.cell(fmt.number(value, row_data.decimals))
            row.cell(fmt.number(row_data.value, row_data.decimals))
            row.cell(fmt.number(row_data.target, row_data.decimals))
            row.cell(fmt.status_text(row_data.status), style=_status_cell_style(row_data.status))
            row.cell(fmt.trend_text(row_data.trend))
    pdf.ln(3)


REVIEW_TEXT = {"overdue": "Försenad", "due_soon": f"Inom {REVIEW_WINDOW_DAYS} dagar"}


def _governance(pdf, pack: Pack) -> None:
    """Styrdokument to revise and delegationsbeslut to report: what the nämnd must act on."""
    gov = pack.governance
    pdf.add_page()
    pdf.start_section(GOVERNANCE_TITLE, level=0)
    _heading(pdf, GOVERNANCE_TITLE, 16)
    owner = f"som {gov.body_name} eller en enhet under den äger" if gov.body_name else "i hela organisationen"
    _paragraph(pdf, f"Styrdokument {owner} vars revideringsdatum har passerat eller infaller inom "
                    f"{REVIEW_WINDOW_DAYS} dagar från {fmt.date(pack.generated_on)}, och delegationsbeslut "
                    "som ska anmälas men ännu inte har anmälts till nämnden.", 9.5)
    pdf.ln(3)
    _listing(pdf, "Att revidera", (58, 25, 37, 22, 25),
             ("Styrdokument", "Typ", "Ägare", "Revideras senast", "Läge"),
             [(f"{d.title} ({d.case_number})" if d.case_number else d.title, d.doc_type.sv, d.owner_name,
               fmt.date(d.review_due), REVIEW_TEXT[d.review]) for d in gov.due],
             "Inga styrdokument att revidera.")
    _listing(pdf, "Delegationsbeslut att anmäla", (25, 12, 67, 37, 26),
             ("Beslutsdatum", "Punkt", "Beslut", "Beslutat av", "Diarienummer"),
             [(fmt.date(d.decided_on), d.item_number, d.summary or d.matter, d.decided_by, d.case_number)
              for d in gov.unreported],
             "Inga delegationsbeslut väntar på anmälan.")


def _listing(pdf, title: str, widths, headings, rows, empty: str) -> None:
    _heading(pdf, title, 11.5, 1)
    pdf.set_font(FONT, "", 8.5)
    if rows:
        with _table(pdf, widths, ("LEFT",) * len(widths)) as table:
            for cells in (headings, *rows):
                row = table.row()
                for text in cells:
                    row.cell(text)
    else:
        _paragraph(pdf, empty, 9, "I")
    pdf.ln(4)


def _appendix(pdf, pack: Pack) -> None:

    pdf.add_page()
    pdf.start_section("Bilaga: Resultat per utförare", level=0)
    _heading(pdf, "Bilaga: Resultat per utförare", 16)
    _paragraph(pdf, f"Varje utförares eget utfall för {fmt.period_label(pack.period_code).lower()} mot "
                    "målvärdet, egen regi och externa utförare på lika villkor.", 9.5)
    pdf.ln(3)
    for provider in pack.providers:
        if pdf.will_page_break(30):
            pdf.add_page()
        pdf.start_section(provider.name, level=1)
        _heading(pdf, provider.name, 11.5, 0.5)
        facts = [PROVIDER_TYPE_TEXT[provider.provider_type]]
        if provider.provider_type is not ProviderType.IN_HOUSE:
            facts += [p for p in (provider.provider_name, provider.org_number) if p]
        if provider.service_area:
            facts.append(provider.service_area)
        if provider.contract:
            facts.append(f"Avtal {provider.contract}")
        _paragraph(pdf, " · ".join(facts), 8.5, colour=GREY)
        pdf.ln(1)
        pdf.set_font(FONT, "", 8.5)
        with _table(pdf, (95, 20, 20, 32), ("LEFT", "RIGHT", "RIGHT", "LEFT")) as table:
            heading = table.row()
            for text in ("Indikator", "Utfall", "Målvärde", "Status"):
                heading.cell(text)
            for item in provider.rows:
                row = table.row()
                row.cell(f"{item.indicator_code} {item.indicator_name}")
                row.cell(fmt.number(item.value, item.decimals))
                row.cell(fmt.number(item.target, item.decimals))
                row.cell(fmt.status_text(item.status), style=_status_cell_style(item.status))
        pdf.ln(5)
