"""Reading a course's signed attendance sheet (.xlsx): a header row naming the columns for the
name, the unit and the signature, then one line per person. Both faces hand the file's bytes."""

import zipfile
from io import BytesIO
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from states.errors import InvalidInput
from states.folding import fold
from states.training.training_commands import SheetRow

# Folded headings each column may carry; a heading that starts with one of these matches.
HEADINGS: dict[str, tuple[str, ...]] = {
    "name": ("ho va ten", "ho ten", "ten can bo", "can bo", "name"),
    "unit": ("don vi", "co quan", "unit"),
    "signed": ("ky ten", "chu ky", "ky nhan", "ky", "co mat", "diem danh", "signature"),
}
HEADING_ROWS = 15  # the heading is near the top, under the course's title
# What a signature cell holds when the person did not come.
NOT_SIGNED = frozenset({"", "0", "khong", "vang", "vang mat", "no", "false", "-", "x vang"})


def _column_of(cells: tuple[Any, ...], wanted: tuple[str, ...]) -> int | None:
    for index, cell in enumerate(cells):
        text = fold(str(cell)) if cell is not None else ""
        if text and any(text == w or text.startswith(w + " ") for w in wanted):
            return index
    return None


def _header(rows: list[tuple[Any, ...]]) -> tuple[int, dict[str, int]]:
    for number, cells in enumerate(rows[:HEADING_ROWS], start=1):
        found = {key: _column_of(cells, wanted) for key, wanted in HEADINGS.items()}
        if all(v is not None for v in found.values()):
            return number, {k: v for k, v in found.items() if v is not None}
    raise InvalidInput("Không tìm thấy dòng tiêu đề của danh sách điểm danh: cần các cột "
                       "'Họ và tên', 'Đơn vị' và 'Ký tên' trong 15 dòng đầu của trang tính đầu tiên.")


def is_signed(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, bool | int | float):
        return bool(value)
    return fold(str(value)) not in NOT_SIGNED


def _cell(cells: tuple[Any, ...], index: int) -> Any:
    return cells[index] if index < len(cells) else None


def read_attendance_sheet(data: bytes, filename: str) -> list[SheetRow]:
    """The sheet's lines, or one sentence saying why the file cannot be read."""
    try:
        book = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise InvalidInput(f"Tệp '{filename}' không phải bảng tính Excel (.xlsx) đọc được.") from None
    try:
        sheet = book.worksheets[0]
        rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
    header, columns = _header(rows)
    lines = []
    for number, cells in enumerate(rows[header:], start=header + 1):
        name = str(_cell(cells, columns["name"]) or "").strip()
        unit = str(_cell(cells, columns["unit"]) or "").strip()
        if not name and not unit:
            continue
        lines.append(SheetRow(number, name, unit, is_signed(_cell(cells, columns["signed"]))))
    if not lines:
        raise InvalidInput(f"Tệp '{filename}' không có dòng nào dưới tiêu đề danh sách điểm danh.")
    return lines
