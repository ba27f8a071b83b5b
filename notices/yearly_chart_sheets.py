"""The yearly report's sheets: each section a table, and each of the dashboard's charts as the
table it is drawn from, with Excel's own chart of the same numbers where one says it as well
(stacked bars, bars per week, two bars per month) and shades for the heat map."""

from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from notices.charts.shapes import HEAT_COLOURS, Chart
from notices.sheet_cells import sheet_cell
from notices.spreadsheets import HEADER_FILL

# A sheet's name holds at most 31 characters.
CHART_SHEETS = {"stars": "Biểu đồ số sao theo năm", "heatmap": "Biểu đồ đơn vị và trạng thái",
                "due": "Biểu đồ lịch đến hạn", "renewals": "Biểu đồ hết hạn, đánh giá lại"}
FIRST_ROW = 4  # the title, a note (or nothing), the headings, then the rows


def table_sheet(book: Workbook, name: str, title: str, headers: Sequence[str],
                rows: Sequence[Sequence[Any]], note: str = "") -> Worksheet:
    sheet = book.create_sheet(name[:31])
    sheet.append([sheet_cell(sheet, title, font=Font(bold=True, size=13))])
    sheet.append([sheet_cell(sheet, note, font=Font(italic=True))] if note else [])
    sheet.append([sheet_cell(sheet, h, font=Font(bold=True), fill=HEADER_FILL,
                             alignment=Alignment(wrap_text=True, vertical="top"))
                  for h in headers])
    for row in rows:
        sheet.append([sheet_cell(sheet, value) for value in row])
    for index, header in enumerate(headers, start=1):
        width = max([len(header), *(len(str(r[index - 1])) for r in rows)])
        sheet.column_dimensions[get_column_letter(index)].width = min(60, max(8, width + 2))
    sheet.freeze_panes = f"A{FIRST_ROW}"
    return sheet


def chart_sheet(book: Workbook, chart: Chart, heading: str) -> None:
    """The chart's table view on a sheet of its own, `heading` (the report, the day its
    numbers stand at) and the chart's sentence above it."""
    table = chart.table
    sheet = table_sheet(book, CHART_SHEETS.get(chart.code, chart.title), chart.title,
                        table.headers, table.rows,
                        f"{heading} {chart.description} Đơn vị: {chart.unit}.")
    last = FIRST_ROW + len(table.rows) - 1
    if not table.rows:
        return
    if chart.code == "heatmap":  # the state columns, not the overdue and total ones
        cells = f"B{FIRST_ROW}:{get_column_letter(len(table.headers) - 2)}{last}"
        sheet.conditional_formatting.add(cells, ColorScaleRule(
            start_type="num", start_value=0, start_color=HEAT_COLOURS[0][1:],
            end_type="max", end_color=HEAT_COLOURS[-1][1:]))
        return
    series = {"stars": (2, len(table.headers) - 1), "due": (2, 2), "renewals": (2, 3)}
    if chart.code in series:
        _bars(sheet, chart, *series[chart.code], last)


def _bars(sheet: Worksheet, chart: Chart, first: int, final: int, last: int) -> None:
    bars = BarChart()
    bars.type, bars.title = "col", chart.title
    bars.y_axis.title = chart.unit
    if chart.code == "stars":
        bars.grouping, bars.overlap = "stacked", 100
    bars.add_data(Reference(sheet, min_col=first, max_col=final, min_row=FIRST_ROW - 1,
                            max_row=last), titles_from_data=True)
    bars.set_categories(Reference(sheet, min_col=1, min_row=FIRST_ROW, max_row=last))
    bars.width, bars.height = 24, 10
    sheet.add_chart(bars, f"{get_column_letter(len(chart.table.headers) + 2)}{FIRST_ROW}")
