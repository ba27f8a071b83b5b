"""Streaming the rows of an .xlsx or .csv file: one row at a time, so that a file of 100,000
rows costs no more memory than one of 100 (openpyxl's read-only mode parses the sheet as it
goes; python-calamine would be 10× faster but holds the whole sheet in memory)."""

import csv
import io
import zipfile
from collections.abc import Iterator
from itertools import chain
from pathlib import PurePath
from typing import Any, BinaryIO

from states.errors import InvalidInput
from states.tables.headers import Row

SUFFIXES = (".xlsx", ".xlsm", ".csv")
DELIMITERS = (",", ";", "\t")  # Excel saves "CSV" with ';' where the decimal mark is ','


def table_rows(stream: BinaryIO, filename: str) -> Iterator[Row]:
    """Every row of the file's first sheet, numbered as the spreadsheet numbers them."""
    suffix = PurePath(filename).suffix.lower()
    if suffix not in SUFFIXES:
        raise InvalidInput(f"Tệp {filename}: chỉ nhận bảng tính .xlsx hoặc .csv (UTF-8).")
    return _csv_rows(stream, filename) if suffix == ".csv" else _xlsx_rows(stream, filename)


def _xlsx_rows(stream: BinaryIO, filename: str) -> Iterator[Row]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(stream, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise InvalidInput(f"Tệp {filename} không phải bảng tính Excel (.xlsx) đọc được.") from None
    return _sheet_rows(book)


def _sheet_rows(book: Any) -> Iterator[Row]:
    try:
        sheet = book.worksheets[0]
        # Some writers record a wrong used range; read what the sheet really holds.
        sheet.reset_dimensions()
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, tuple(cells)
    finally:
        book.close()


def _csv_rows(stream: BinaryIO, filename: str) -> Iterator[Row]:
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    try:
        first = text.readline()
        delimiter = max(DELIMITERS, key=first.count)
        reader = csv.reader(chain([first], text), delimiter=delimiter)
        for number, cells in enumerate(reader, start=1):
            yield number, tuple(cells)
    except (UnicodeDecodeError, csv.Error) as error:
        reason = ("không phải văn bản UTF-8: hãy lưu lại dạng 'CSV UTF-8'"
                  if isinstance(error, UnicodeDecodeError)
                  else "sai định dạng CSV (dấu ngoặc kép không đóng?)")
        raise InvalidInput(f"Tệp {filename} {reason}.") from None
    finally:
        text.detach()

