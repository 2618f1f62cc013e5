"""A delårsrapport or årsredovisning as an A4 PDF, in the review pack's typography (cover,
contents with page numbers, running header, "Sida n av m"), deterministic for the same data and
date. The blocks come from report_layout, the same ones the .docx gets."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from app.services.annual import report_layout as layout
from app.services.annual.report_content import Report
from app.services.packs import format as fmt
from app.services.packs import pdf as house

FONT, GREY, INK, TEXT_WIDTH = house.FONT, house.GREY, house.INK, house.TEXT_WIDTH
RISK_COLOUR = {"Låg": (204, 235, 197), "Medel": (254, 230, 170), "Hög": (244, 180, 170)}


def render_report_pdf(report: Report, target: Path | io.BytesIO) -> int:
    """Write the report; returns the number of pages."""
    pdf = house._document_class()(report)
    pdf.running_title = report.running_title
    pdf.set_title(f"{report.title} {report.period_text} – {report.scope_name}")
    pdf.set_author(report.organisation)
    pdf.set_creator("Styrkort")
    pdf.set_lang("sv-SE")
    pdf.set_creation_date(dt.datetime.combine(report.generated_on, dt.time(), tzinfo=dt.UTC))
    _cover(pdf, report)
    items = list(layout.blocks(report))
    chapters = sum(1 for b in items if isinstance(b, layout.Heading) and b.level < 2)
    pdf.add_page()
    pdf.insert_toc_placeholder(house._render_toc, pages=max(1, -(-(chapters + 3) // house.TOC_LINES_PER_PAGE)))
    for block in items:
        _draw(pdf, block)
    data = pdf.output()
    if isinstance(target, io.BytesIO):
        target.write(data)
    else:
        Path(target).write_bytes(data)
    return pdf.pages_count


def _cover(pdf, report: Report) -> None:
    pdf.add_page()
    pdf.set_y(60)
    pdf.set_font(FONT, "", 12)
    pdf.set_text_color(*GREY)
    pdf.cell(TEXT_WIDTH, 8, report.organisation, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)
    pdf.ln(4)
    pdf.set_font(FONT, "B", 30)
    pdf.cell(TEXT_WIDTH, 14, report.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 16)
    pdf.cell(TEXT_WIDTH, 10, report.period_text.capitalize(), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font(FONT, "B", 18)
    pdf.multi_cell(TEXT_WIDTH, 9, report.scope_name, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font(FONT, "", 12)
    pdf.cell(TEXT_WIDTH, 7, f"Datum: {fmt.date(report.generated_on)}", new_x="LMARGIN", new_y="NEXT")


def _draw(pdf, block: layout.Block) -> None:
    if isinstance(block, layout.Heading):
        if block.level == 0:
            pdf.add_page()
            pdf.start_section(block.text, level=0)
            house._heading(pdf, block.text, 16)
        elif block.level == 1:
            pdf.ln(2)
            pdf.start_section(block.text, level=1)
            house._heading(pdf, block.text, 12.5, 1)
        else:
            pdf.ln(1)
            house._heading(pdf, block.text, 10.5, 1)
    elif isinstance(block, layout.Paragraph):
        house._paragraph(pdf, block.text, 9.5 if block.style != "I" else 9, block.style,
                         GREY if block.style == "I" else INK)
        pdf.ln(1.5)
    elif isinstance(block, layout.Table):
        _table(pdf, block)
    elif isinstance(block, layout.RiskMatrix):
        _matrix(pdf, block)
    elif isinstance(block, layout.Chart):
        from app.services.annual import report_charts

        if block.kind == "finance":
            svg = report_charts.finance_chart(block.data, block.interim)
            height = report_charts.finance_height(len(block.data))
        else:
            svg, height = report_charts.deviation_chart(block.data), 2.6
        house._figure(pdf, svg, height, block.caption)


def _table(pdf, block: layout.Table) -> None:
    from fpdf.fonts import FontFace

    scale = TEXT_WIDTH / sum(block.widths)
    widths = [w * scale for w in block.widths]
    pdf.set_font(FONT, "", 8.5)
    with house._table(pdf, widths, block.align) as table:
        heading = table.row()
        for text in block.headings:
            heading.cell(text)
        for index, cells in enumerate(block.rows):
            row = table.row()
            bold = FontFace(emphasis="BOLD") if index in block.bold_rows else None
            for column, text in enumerate(cells):
                if column == block.status_column and index < len(block.statuses) and block.statuses[index]:
                    row.cell(text, style=house._status_cell_style(block.statuses[index]))
                else:
                    row.cell(text, style=bold)
    pdf.ln(3)


def _matrix(pdf, block: layout.RiskMatrix) -> None:
    """A 4 × 4 grid: sannolikhet upwards, konsekvens to the right, the number of risks in each
    cell on the band's colour (low, medium, high) and the band's name: never colour alone."""
    from app.services.annual.internal_control import risk_level

    cell_w, cell_h, left = 28.0, 11.0, house.MARGIN_INNER + 22
    if pdf.get_y() + 4 * cell_h + 22 > 297 - house.MARGIN_BOTTOM:
        pdf.add_page()
    house._heading(pdf, block.title, 10.5, 1)
    top = pdf.get_y()
    pdf.set_font(FONT, "", 7.5)
    for row, likelihood in enumerate((4, 3, 2, 1)):
        pdf.set_xy(house.MARGIN_INNER, top + row * cell_h)
        pdf.cell(22, cell_h, f"S {likelihood}", align="C")
        for col, consequence in enumerate((1, 2, 3, 4)):
            level = risk_level(likelihood * consequence)
            risks = block.cells.get((likelihood, consequence), [])
            pdf.set_fill_color(*RISK_COLOUR[level])
            pdf.set_draw_color(255, 255, 255)
            pdf.set_xy(left + col * cell_w, top + row * cell_h)
            text = f"{len(risks)} risk{'er' if len(risks) != 1 else ''}" if risks else level.lower()
            pdf.set_font(FONT, "B" if risks else "", 8 if risks else 7)
            pdf.cell(cell_w, cell_h, text, border=1, fill=True, align="C")
    pdf.set_font(FONT, "", 7.5)
    pdf.set_xy(left, top + 4 * cell_h)
    for consequence in (1, 2, 3, 4):
        pdf.cell(cell_w, 5, f"K {consequence}", align="C")
    pdf.ln(6)
    house._paragraph(pdf, layout.MATRIX_LEGEND, 7.5, "", GREY)
    pdf.ln(2)
