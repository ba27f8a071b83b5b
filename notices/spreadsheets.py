"""The lists officials open in Excel: stuck dossiers, renewal and revocation lists."""

from collections.abc import Sequence
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from notices.sheet_cells import sheet_cell
from notifiers.message import Attachment

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FILL = PatternFill("solid", fgColor="E8F5E9")


def workbook_bytes(title: str, headers: Sequence[str], rows: Sequence[Sequence[Any]],
                   heading: str) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append([sheet_cell(sheet, heading, font=Font(bold=True, size=13))])
    sheet.append([])
    sheet.append([sheet_cell(sheet, header, font=Font(bold=True), fill=HEADER_FILL,
                             alignment=Alignment(wrap_text=True, vertical="top"))
                  for header in headers])
    for row in rows:
        sheet.append([sheet_cell(sheet, value) for value in row])
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
