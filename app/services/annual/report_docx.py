"""A delårsrapport or årsredovisning as .docx, for the kansli to edit further before the text
goes through the case system. python-docx writes real Word headings (so Word builds the table of
contents), tables and paragraphs from the same blocks as the PDF."""

from __future__ import annotations

import io
from pathlib import Path

from app.services.annual import report_layout as layout
from app.services.annual.report_content import Report
from app.services.packs import format as fmt


def render_report_docx(report: Report, target: Path | io.BytesIO) -> int:
    """Write the report; returns the number of chapters."""
    import datetime as dt

    from docx import Document
    from docx.shared import Pt

    document = Document()
    core = document.core_properties
    core.title = f"{report.title} {report.period_text} – {report.scope_name}"
    core.author = report.organisation or "Styrkort"
    core.language = "sv-SE"
    # Deterministic: the same data and date give the same document text and metadata.
    stamp = dt.datetime.combine(report.generated_on, dt.time())
    core.created = core.modified = stamp
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10.5)
    document.add_paragraph(report.organisation)
    document.add_heading(report.title, level=0)
    document.add_paragraph(f"{report.period_text.capitalize()} · {report.scope_name} · {fmt.date(report.generated_on)}")
    chapters = 0
    for block in layout.blocks(report):
        if isinstance(block, layout.Heading):
            document.add_heading(block.text, level=block.level + 1)
            chapters += block.level == 0
        elif isinstance(block, layout.Paragraph):
            paragraph = document.add_paragraph()
            run = paragraph.add_run(block.text)
            run.italic = block.style == "I"
            run.bold = block.style == "B"
        elif isinstance(block, layout.Table):
            table = document.add_table(rows=1, cols=len(block.headings))
            table.style = "Light Grid Accent 1"
            for cell, text in zip(table.rows[0].cells, block.headings, strict=True):
                cell.text = text
            for index, cells in enumerate(block.rows):
                row = table.add_row().cells
                for column, text in enumerate(cells):
                    row[column].text = text
                    if index in block.bold_rows:
                        for run in row[column].paragraphs[0].runs:
                            run.bold = True
        elif isinstance(block, layout.Chart):
            from docx.shared import Inches

            from app.services.annual import report_charts

            png = (report_charts.finance_chart(block.data, block.interim, "png") if block.kind == "finance"
                   else report_charts.deviation_chart(block.data, "png"))
            document.add_paragraph(block.caption).runs[0].italic = True
            document.add_picture(io.BytesIO(png), width=Inches(6.3))
        elif isinstance(block, layout.RiskMatrix):
            document.add_paragraph(block.title).runs[0].bold = True
            table = document.add_table(rows=5, cols=5)
            table.style = "Table Grid"
            table.rows[4].cells[0].text = ""
            for row, likelihood in enumerate((4, 3, 2, 1)):
                table.rows[row].cells[0].text = f"Sannolikhet {likelihood}"
                for col, consequence in enumerate((1, 2, 3, 4), start=1):
                    risks = block.cells.get((likelihood, consequence), [])
                    table.rows[row].cells[col].text = "\n".join(risks) if risks else ""
            for col, consequence in enumerate((1, 2, 3, 4), start=1):
                table.rows[4].cells[col].text = f"Konsekvens {consequence}"
            document.add_paragraph(layout.MATRIX_LEGEND)
    if isinstance(target, io.BytesIO):
        document.save(target)
    else:
        document.save(str(target))
    return chapters
