"""The one way a value goes into a spreadsheet cell or a CSV field the officials open in Excel.

Names, notes and numbers typed by users (or imported from other lists) end up in these files.
A text starting with `= + - @`, a tab or a carriage return is a formula to a spreadsheet program
(OWASP "CSV injection": `=HYPERLINK(…)`, `=1+2+cmd|…`), and "#N/A" would be read as an error
value: in .xlsx such texts are stored as text with Excel's quote prefix (what typing a leading
apostrophe does: shown unchanged, never evaluated, still text after an edit); in CSV, which has
no types, they get a leading apostrophe. Characters an .xlsx cannot hold (C0 controls but tab,
newline and CR; lone surrogates; U+FFFE/U+FFFF) are dropped, so one bad name never fails a
report."""

import re
from datetime import date, datetime
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, Cell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# XML 1.0 has no place for these; openpyxl refuses the first range (IllegalCharacterError),
# and the writer cannot encode the others.
UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
EXCEL_MAX_TEXT = 32767


def sheet_text(text: str) -> str:
    """`text` without what a workbook cannot hold, within Excel's length for a cell."""
    return UNWRITABLE.sub("", text)[:EXCEL_MAX_TEXT]


def read_as_formula(text: str) -> bool:
    """Whether a spreadsheet program would evaluate `text` typed into a cell."""
    return text.startswith(FORMULA_STARTS) or text.strip().upper() in ERROR_CODES


def sheet_cell(sheet: Any, value: Any, **style: Any) -> Cell:
    """A cell holding `value` for `sheet` (write-only or not: both take it in `append`):
    texts always as text, dates as dd/mm/yyyy, `style` (font, fill, ...) applied."""
    if isinstance(value, str):
        value = sheet_text(value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
        if read_as_formula(value):
            cell.quotePrefix = True
    elif isinstance(value, date | datetime):
        cell.number_format = "DD/MM/YYYY"
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def csv_field(value: Any) -> Any:
    """`value` for a CSV file that Excel may open: a formula-like text keeps a leading
    apostrophe, so that it is shown and never run."""
    if isinstance(value, str):
        value = sheet_text(value)
        if read_as_formula(value):
            return "'" + value
    return value
