"""Reading a spreadsheet an officer prepared (.xlsx or .csv, first row = column names) into rows,
for the imports of both faces."""

import csv
from pathlib import Path

from states.errors import InvalidInput
from states.file_problems import why_unreadable

Row = dict[str, object]


def read_table(path: Path) -> list[Row]:
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise InvalidInput(f"Tệp {path.name}: chỉ nhận .xlsx hoặc .csv.")
    if not path.is_file():
        raise InvalidInput(f"Không có tệp {path}.")
    rows = _xlsx_rows(path) if suffix == ".xlsx" else _csv_rows(path)
    if not rows:
        return []
    header = [str(h).strip().lower() if h is not None else "" for h in rows[0]]
    return [dict(zip(header, values, strict=False)) for values in rows[1:]
            if any(v not in (None, "") for v in values)]


def _csv_rows(path: Path) -> list[list[object]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return [list(row) for row in csv.reader(handle)]
    except UnicodeDecodeError:
        raise InvalidInput(f"Tệp {path.name} không phải văn bản UTF-8: hãy lưu lại dạng "
                           "CSV UTF-8.") from None


def _xlsx_rows(path: Path) -> list[list[object]]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, OSError, KeyError) as error:
        raise InvalidInput(f"Không đọc được tệp Excel {path.name}: {why_unreadable(error)}.") from None
    sheet = book.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    book.close()
    return rows
