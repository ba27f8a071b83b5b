"""The yearly report as a printable A4 PDF: the sections as tables and the dashboard's charts
drawn from the same SVG (fpdf2 reads SVG), in the fonts the certificate embeds."""

import logging
from datetime import date
from io import BytesIO

from fpdf import FPDF
from fpdf.fonts import FontFace

from notices.certificate_pdf import GREEN
from notices.charts.svg import chart_svg
from notices.pdf_fonts import FAMILY, embed_fonts
from notices.yearly_report import ReportChart, Section, chart_section, report_title
from states.clock import format_date

PAGE_WIDTH = 210 - 2 * 15  # A4 portrait less its margins, millimetres
HEADINGS = FontFace(emphasis="BOLD", fill_color=(232, 245, 233))
# fpdf2 says it skips each <title> (a pointer's tip) it meets: expected, not worth a line.
logging.getLogger("fpdf.svg").setLevel(logging.ERROR)


def _document(year: int) -> FPDF:
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_margins(15, 15, 15)
    embed_fonts(pdf)
    pdf.set_title(report_title(year))
    pdf.set_creator("OCOP Workflow")
    pdf.add_page()
    return pdf


def _heading(pdf: FPDF, text: str, size: float) -> None:
    pdf.set_font(FAMILY, "B", size)
    pdf.set_text_color(*GREEN)
    pdf.multi_cell(PAGE_WIDTH, size * 0.55, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(2)


def _section(pdf: FPDF, section: Section) -> None:
    _heading(pdf, section.title, 12)
    pdf.set_font(FAMILY, "", 9.5)
    first = 2.2 if len(section.headers) > 3 else 3.0
    widths = (first, *([1.0] * (len(section.headers) - 1)))
    with pdf.table(col_widths=widths, headings_style=HEADINGS, line_height=5.5,
                   text_align=("LEFT", *(["RIGHT"] * (len(widths) - 1)))) as table:
        table.row(section.headers)
        for row in section.rows:
            table.row([str(value) for value in row])
    pdf.ln(5)


def _chart(pdf: FPDF, drawn: ReportChart) -> None:
    chart = drawn.chart
    room = pdf.h - pdf.t_margin - pdf.b_margin - 60  # a page less the heading, words, legend
    # As wide as the page allows, less for a tall chart (the heat map's 99 units) so that the
    # picture stays on one page.
    width = min(PAGE_WIDTH, chart.width * 0.35, room * chart.width / chart.height)
    # The heading, its sentences and the picture on one page (the legend adds ~20 mm).
    if pdf.get_y() + 45 + width * chart.height / chart.width > pdf.h - pdf.b_margin:
        pdf.add_page()
    _heading(pdf, f"Biểu đồ: {chart.title}", 12)
    pdf.set_font(FAMILY, "B", 9)
    pdf.multi_cell(PAGE_WIDTH, 4.5, f"{drawn.as_of_text}.", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 9)
    pdf.multi_cell(PAGE_WIDTH, 4.5, f"{chart.description} Đơn vị: {chart.unit}.",
                   new_x="LMARGIN", new_y="NEXT")
    svg = chart_svg(chart, scale=1, fonts=FAMILY)
    pdf.image(BytesIO(svg.encode()), x=pdf.l_margin, w=width)
    pdf.ln(4)
    _section(pdf, chart_section(drawn))  # the chart's own numbers, right after it


def yearly_pdf(year: int, sections: list[Section], charts: list[ReportChart],
               made_on: date) -> bytes:
    pdf = _document(year)
    _heading(pdf, report_title(year).upper(), 14)
    pdf.set_font(FAMILY, "", 10)
    pdf.multi_cell(PAGE_WIDTH, 5, f"Số liệu đến ngày {format_date(made_on)}, gồm cả danh sách "
                   "sản phẩm đã nhập từ trước.", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for section in sections:
        _section(pdf, section)
    for drawn in charts:
        _chart(pdf, drawn)
    return bytes(pdf.output())
