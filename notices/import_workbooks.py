"""The workbooks of an import: the template a Department fills (headings, one example row, a
guide sheet), and the check report (the file as it came, plus a "Lỗi" column naming each bad
cell and why). Both stream (openpyxl's write-only mode), whatever the file's length."""

from collections.abc import Iterable, Sequence
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from notices.sheet_cells import sheet_cell
from states.tables.checking import Candidate, CheckedTable
from states.tables.columns import TableSpec
from states.tables.headers import Layout

ERROR_HEADING = "Lỗi"
HEADER_FILL = PatternFill("solid", fgColor="E8F5E9")
ERROR_FONT = Font(color="B71C1C")


def _saved(book: Workbook) -> bytes:
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _row_problems(candidate: Candidate, layout: Layout) -> str:
    return "; ".join(f"{layout.heading(column)}: {reason}" if column else reason
                     for column, reason in candidate.problems)


def check_report(checked: CheckedTable) -> bytes:
    """Every row of the file, as it came, with a last column "Lỗi": empty for a good row, else
    each problem as "<heading as the file writes it>: <reason>"."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Kiểm tra")
    width = len(checked.layout.header)
    for _, above in checked.above:
        sheet.append([sheet_cell(sheet, v) for v in above])
    sheet.append([sheet_cell(sheet, v, font=Font(bold=True), fill=HEADER_FILL)
                  for v in (*checked.layout.header, ERROR_HEADING)])
    for candidate in checked.candidates():
        cells = list(candidate.cells[:width]) + [None] * (width - len(candidate.cells))
        problems = _row_problems(candidate, checked.layout)
        sheet.append([*(sheet_cell(sheet, v) for v in cells),
                      sheet_cell(sheet, problems or None, font=ERROR_FONT)])
    return _saved(book)


def template(spec: TableSpec, guide: Iterable[Sequence[str]] = (),
             rows: Sequence[Sequence[object]] | None = None) -> bytes:
    """The headings, one example row (or `rows`: a filled template, to be edited), and a guide
    sheet: each column, whether it must be filled, how to write it, the other headings
    accepted; then `guide`'s extra lines."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(spec.name[:31])
    for index, column in enumerate(spec.columns):
        sheet.column_dimensions[get_column_letter(index + 1)].width = max(14, len(column.heading) + 4)
    sheet.append([sheet_cell(sheet, c.heading, font=Font(bold=True), fill=HEADER_FILL)
                  for c in spec.columns])
    if rows is None:
        sheet.append([sheet_cell(sheet, c.example, font=Font(italic=True, color="616161"))
                      for c in spec.columns])
    for row in rows or ():  # a filled template: what there is today, to be edited
        sheet.append([sheet_cell(sheet, v) for v in row])
    notes = book.create_sheet("Hướng dẫn")
    notes.append([sheet_cell(notes, h, font=Font(bold=True), fill=HEADER_FILL)
                  for h in ("Cột", "Bắt buộc", "Cách ghi", "Tên cột khác cũng được nhận")])
    for column in spec.columns:
        notes.append([sheet_cell(notes, v) for v in (column.heading, "có" if column.required else "không",
                                                column.hint, ", ".join(column.variants))])
    notes.append([])
    example = () if rows is not None else (("Dòng 2 của trang đầu là dòng ví dụ (chữ nghiêng): "
                                            "hãy xoá hoặc ghi đè trước khi nhập.",),)
    for line in (*guide, *example):
        notes.append([sheet_cell(notes, v) for v in line])
    return _saved(book)
