"""The lists officials open in Excel: stuck dossiers, renewal and revocation lists."""

from collections.abc import Sequence
from datetime import date
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from notifiers.message import Attachment

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FILL = PatternFill("solid", fgColor="E8F5E9")
DATE_FORMAT = "DD/MM/YYYY"


def workbook_bytes(title: str, headers: Sequence[str], rows: Sequence[Sequence[Any]],
                   heading: str) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append([heading])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    sheet.append(list(headers))
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append(list(row))
    for cells in sheet.iter_rows(min_row=4):
        for cell in cells:
            if isinstance(cell.value, date):  # a real date cell, sorted and filtered as dates
                cell.number_format = DATE_FORMAT
    sheet.auto_filter.ref = f"A3:{get_column_letter(max(1, len(headers)))}{max(3, sheet.max_row)}"
    for index, header in enumerate(headers, start=1):
        width = max([len(str(header)), *(len(str(r[index - 1] or "")) for r in rows)])
        sheet.column_dimensions[get_column_letter(index)].width = min(60, max(8, width + 2))
    sheet.freeze_panes = "A4"
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def attachment(filename: str, data: bytes) -> Attachment:
    return Attachment(filename=filename, content_type=XLSX, content=data)
