"""The yearly report a province sends the ministry, as sections of rows: one sheet each in the
.xlsx, one table each in the PDF (notices/yearly_pdf.py), beside the dashboard's stars chart."""

from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from notices.charts.bars import stars_chart
from notices.charts.shapes import Chart
from notices.sheet_cells import sheet_cell
from notices.spreadsheets import HEADER_FILL
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
    history = stars_chart(figures.history).table
    return [recognised,
            _by_stars("Công nhận theo nhóm sản phẩm", figures.by_group, stars, group_name),
            _by_stars("Công nhận theo đơn vị", figures.by_unit, stars, str), endings,
            Section("Công nhận theo năm (mọi năm)", history.headers, history.rows)]


def _reason(code: str) -> str:
    try:
        return label(RevocationReason(code))
    except ValueError:
        return code or "không ghi lý do"


def report_charts(figures: YearFigures) -> list[Chart]:
    """The report's pictures: the dashboard's stars per year (the whole history)."""
    return [stars_chart(figures.history)]


def yearly_workbook(figures: YearFigures, sections: list[Section]) -> bytes:
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for section in sections:
        sheet = book.create_sheet(section.title[:31])
        sheet.append([sheet_cell(sheet, f"{report_title(figures.year)}: {section.title.lower()}",
                                 font=Font(bold=True, size=13))])
        sheet.append([])
        sheet.append([sheet_cell(sheet, h, font=Font(bold=True), fill=HEADER_FILL,
                                 alignment=Alignment(wrap_text=True, vertical="top"))
                      for h in section.headers])
        for row in section.rows:
            sheet.append([sheet_cell(sheet, value) for value in row])
        for index, header in enumerate(section.headers, start=1):
            width = max([len(header), *(len(str(r[index - 1])) for r in section.rows)])
            sheet.column_dimensions[get_column_letter(index)].width = min(60, max(8, width + 2))
        sheet.freeze_panes = "A4"
    out = BytesIO()
    book.save(out)
    return out.getvalue()
