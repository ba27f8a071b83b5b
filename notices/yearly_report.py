"""The yearly report a province sends the ministry, as sections of rows: one sheet each in the
.xlsx, one table each in the PDF (notices/yearly_pdf.py), beside the dashboard's four charts."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from typing import Any

from openpyxl import Workbook

from notices.charts.bars import stars_chart
from notices.charts.board import board_charts
from notices.charts.shapes import Chart
from notices.yearly_chart_sheets import chart_sheet, table_sheet
from states.clock import format_date
from states.oversight.dashboard import Dashboard
from states.oversight.yearly import YearFigures
from states.vocabulary import RevocationReason, label


@dataclass(frozen=True)
class Section:
    title: str  # also the sheet's name (at most 31 characters)
    headers: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


def report_title(year: int) -> str:
    return f"Báo cáo kết quả thực hiện Chương trình OCOP năm {year}"


def report_filename(year: int, extension: str) -> str:
    return f"bao-cao-ocop-{year}.{extension}"


def _stars(figures: YearFigures) -> list[int]:
    seen = {s for counts in (*figures.by_group.values(), *figures.by_unit.values())
            for s in counts}
    return sorted(seen | {3, 4, 5})


def _by_stars(name: str, grouped: dict[str, dict[int, int]], stars: list[int],
              shown: Callable[[str], str]) -> Section:
    rows = [(shown(key), *(counts.get(s, 0) for s in stars), sum(counts.values()))
            for key, counts in grouped.items()]
    totals = ("Tổng", *(sum(c.get(s, 0) for c in grouped.values()) for s in stars),
              sum(sum(c.values()) for c in grouped.values()))
    return Section(name, (name.split(" theo ")[-1].capitalize(), *(f"{s} sao" for s in stars),
                          "Tổng"), (*rows, totals))


def report_sections(figures: YearFigures, group_name: Callable[[str], str]) -> list[Section]:
    stars = _stars(figures)
    recognised = Section("Công nhận theo số sao", ("Số sao", "Sản phẩm được công nhận",
                                                  "Trong đó đánh giá lại"),
                         (*((f"{s} sao", figures.by_stars.get(s, 0), figures.renewed.get(s, 0))
                            for s in stars),
                          ("Tổng", figures.recognised, sum(figures.renewed.values()))))
    endings = Section("Đánh giá lại, hết hạn, thu hồi", ("Nội dung", "Số sản phẩm"), (
        ("Được công nhận lại sau đánh giá lại", sum(figures.renewed.values())),
        ("Giấy chứng nhận hết hạn, không đánh giá lại", figures.expired),
        *((f"Thu hồi: {_reason(code)}", n) for code, n in figures.revoked.items()),
        ("Tổng số thu hồi", sum(figures.revoked.values()))))
    return [recognised,
            _by_stars("Công nhận theo nhóm sản phẩm", figures.by_group, stars, group_name),
            _by_stars("Công nhận theo đơn vị", figures.by_unit, stars, str), endings]


def _reason(code: str) -> str:
    try:
        return label(RevocationReason(code))
    except ValueError:
        return code or "không ghi lý do"


@dataclass(frozen=True)
class ReportChart:
    """One of the dashboard's charts in the report, with the day its numbers stand at."""

    chart: Chart
    as_of: date

    @property
    def as_of_text(self) -> str:
        return f"Số liệu đến ngày {format_date(self.as_of)}"


def report_charts(year: int, board: Dashboard, today: date) -> list[ReportChart]:
    """The dashboard's four charts from the dashboard's own reading (`board`, read `today`).
    A past year's stars stop at its last day; the heat map and the two calendars count the
    dossiers' states and deadlines, which the database keeps only as they stand today."""
    as_of = min(today, date(year, 12, 31))
    stars, *live = board_charts(board, today, None)
    if as_of < today:
        stars = stars_chart({y: counts for y, counts in board.certified_by_year.items()
                             if y <= year})
    return [ReportChart(stars, as_of), *(ReportChart(chart, today) for chart in live)]


def chart_section(drawn: ReportChart) -> Section:
    """A chart's table view as a section: the numbers the picture draws."""
    return Section(f"Bảng số liệu: {drawn.chart.title}", drawn.chart.table.headers,
                   drawn.chart.table.rows)


def yearly_workbook(figures: YearFigures, sections: list[Section],
                    charts: list[ReportChart]) -> bytes:
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    _sheets(book, figures.year, sections)
    for drawn in charts:
        chart_sheet(book, drawn.chart, f"{report_title(figures.year)}. {drawn.as_of_text}.")
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _sheets(book: Workbook, year: int, sections: list[Section]) -> None:
    for section in sections:
        table_sheet(book, section.title, f"{report_title(year)}: {section.title.lower()}",
                    section.headers, section.rows)
