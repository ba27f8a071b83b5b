"""Issue 22: the yearly report's charts are the dashboard's four, drawn by the same code from
the same reading: on its web page each chart says what its table says and the day its numbers
stand at; the PDF draws all four under their Vietnamese titles; the .xlsx holds each chart's
table (and Excel's own chart of it)."""

import subprocess
from datetime import date
from io import BytesIO
from pathlib import Path

from openpyxl import load_workbook

from notices.yearly_chart_sheets import CHART_SHEETS, FIRST_ROW
from tests.web.conftest import Site
from tests.web.test_dashboard_charts import CHARTS, a_year_of_work, parts, table_cells
from use_cases.dashboard import department_charts
from use_cases.yearly_report import yearly_report


def test_the_reports_charts_are_the_dashboards(site: Site) -> None:
    a_year_of_work(site)  # today is 20/09/2022
    board = [d.chart for d in department_charts(site.rt, "admin", None)]
    report = yearly_report(site.rt, "admin", 2022)
    assert [c.chart for c in report.charts] == board
    assert {c.as_of for c in report.charts} == {date(2022, 9, 20)}


def test_a_past_years_stars_stop_at_its_last_day(site: Site) -> None:
    a_year_of_work(site)
    stars, *live = yearly_report(site.rt, "admin", 2020).charts
    assert stars.as_of == date(2020, 12, 31) and [r[0] for r in stars.chart.table.rows] == [
        2019, 2020]
    assert {c.as_of for c in live} == {date(2022, 9, 20)}  # states and deadlines: today's
    assert [c.chart.code for c in live] == ["heatmap", "due", "renewals"]


def test_each_chart_on_the_report_page_says_what_its_table_says(site: Site) -> None:
    a_year_of_work(site)
    client = site.login("admin")
    assert 'href="/report/2022"' in client.get("/dashboard").text
    page = client.get("/report/2020").text
    for code in CHARTS:
        svg, table = parts(page, code)
        cells = table_cells(table)
        data = [g for g in svg.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "datum"]
        assert data, code
        for datum in data:
            key = (datum.get("data-row", ""), datum.get("data-column", ""))
            if datum.get("data-series") == "campaign":
                assert cells[key], key
            else:
                assert cells[key] == datum.get("data-value"), (code, key)
    assert page.count("Số liệu đến ngày 31/12/2020") == 1
    assert page.count("Số liệu đến ngày 20/09/2022") == 3
    assert "Công nhận theo đơn vị" in page
    assert {row for row, _ in table_cells(parts(page, "stars")[1])} == {"2019", "2020"}


def test_the_pdf_draws_the_four_charts_and_the_workbook_holds_their_tables(
        site: Site, tmp_path: Path) -> None:
    a_year_of_work(site)
    client = site.login("admin")
    report = yearly_report(site.rt, "admin", 2022)
    pdf = tmp_path / "bao-cao.pdf"
    pdf.write_bytes(client.get("/report/2022.pdf").content)
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    for drawn in report.charts:
        assert f"Biểu đồ: {drawn.chart.title}" in text, drawn.chart.title
    assert "Hồ sơ theo đơn vị và trạng thái" in text and "Lịch đến hạn 12 tuần tới" in text
    assert "Huyện Yên Thế" in text and "Hôm nay 20/09" in text  # the pictures' own words
    assert text.count("Số liệu đến ngày 20/09/2022") >= 4
    book = load_workbook(BytesIO(client.get("/report/2022.xlsx").content))
    for drawn in report.charts:
        sheet = book[CHART_SHEETS[drawn.chart.code]]
        assert "Số liệu đến ngày 20/09/2022" in str(sheet.cell(2, 1).value)
        headers = tuple(c.value for c in sheet[FIRST_ROW - 1])
        rows = tuple(tuple(c.value if c.value is not None else "" for c in row)
                     for row in sheet.iter_rows(min_row=FIRST_ROW))
        assert headers == drawn.chart.table.headers
        assert rows == tuple(tuple(str(v) if isinstance(v, str) else v for v in row)
                             for row in drawn.chart.table.rows), drawn.chart.code
        assert len(sheet._charts) == (0 if drawn.chart.code == "heatmap" else 1)
    assert book[CHART_SHEETS["heatmap"]].conditional_formatting
