"""A column of an import as data (its heading, the variants people write, how a cell is read),
and the readers of the cells that every import shares."""

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from states.choices import matching
from states.clock import out_of_range
from states.contacts import valid_email
from states.errors import InvalidInput
from states.vocabulary import label

DAY_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y")
EXCEL_EPOCH = date(1899, 12, 30)  # a date typed as a number: days since this day
EXCEL_SERIALS = range(32_874, 73_051)  # 1990..2099 as serial numbers
PHONE = re.compile(r"\+?[0-9][0-9 .()-]{6,18}[0-9]")


class CellError(ValueError):
    """A cell that cannot be read: the reason, in Vietnamese, without the row or column."""


@dataclass(frozen=True)
class Column:
    key: str  # the field the importer reads
    heading: str  # the heading the template writes
    read: Callable[[Any], Any]  # a cell's value → the field's, or CellError
    variants: tuple[str, ...] = ()  # other headings people write for it
    required: bool = True
    example: Any = None  # the template's example row
    hint: str = ""  # what the template's guide sheet says of it


@dataclass(frozen=True)
class UniqueKey:
    """Values no two rows of a file may share (case aside; a row missing one is not counted).
    `values` are keys of the row's values (a column's, or one its importer derived: the unit's
    id however the unit was written); `column` is where the report puts the duplicate."""

    values: tuple[str, ...]
    column: str
    what: str  # "số giấy chứng nhận"


@dataclass(frozen=True)
class TableSpec:
    name: str  # the template's sheet title
    columns: tuple[Column, ...]
    unique: tuple[UniqueKey, ...] = field(default=())
    template_command: str = "ocop import template"  # where a person gets the template

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value: Any) -> str:
    """A cell as text: numbers without a trailing .0 ("123", not "123.0"), NFC, one space."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        value = value.strftime("%d/%m/%Y")
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def text(max_length: int) -> Callable[[Any], str]:
    def read(value: Any) -> str:
        result = as_text(value)
        if not any(unicodedata.category(char)[0] in "LN" for char in result):
            raise CellError("cần có chữ hoặc số")
        if len(result) > max_length:
            raise CellError(f"dài {len(result)} ký tự, tối đa {max_length}")
        return result

    return read


def day(value: Any) -> date:
    """A date as Excel stores it, as an Excel serial number, or typed dd/mm/yyyy."""
    if isinstance(value, datetime):
        found = value.date()
    elif isinstance(value, date):
        found = value
    elif isinstance(value, int | float) and int(value) in EXCEL_SERIALS:
        found = EXCEL_EPOCH + timedelta(days=int(value))
    else:
        found = _typed_day(as_text(value))
    problem = out_of_range(found)
    if problem:
        raise CellError(problem)
    return found


def _typed_day(typed: str) -> date:
    for fmt in DAY_FORMATS:
        try:
            return datetime.strptime(typed, fmt).date()
        except ValueError:
            continue
    raise CellError(f"ngày '{typed}' không hợp lệ (dạng dd/mm/yyyy)")


def number(low: float, high: float) -> Callable[[Any], float]:
    """A number as stored, or typed with a decimal comma ("75,5") or point."""

    def read(value: Any) -> float:
        if isinstance(value, bool):
            raise CellError(f"'{value}' không phải là số")
        if isinstance(value, int | float):
            found = float(value)
        else:
            typed = as_text(value).replace(",", ".")
            try:
                found = float(typed)
            except ValueError:
                raise CellError(f"'{as_text(value)}' không phải là số") from None
        if not low <= found <= high:
            raise CellError(f"{found:g} nằm ngoài khoảng {low:g}–{high:g}")
        return found

    return read


def email(value: Any) -> str:
    try:
        return valid_email(as_text(value))
    except InvalidInput as error:
        raise CellError(error.message) from None


def phone(value: Any) -> str:
    typed = as_text(value)
    if not PHONE.fullmatch(typed):
        raise CellError(f"số điện thoại '{typed}' không hợp lệ (8–15 chữ số)")
    return typed


def choice(kind: type[StrEnum], aliases: Mapping[str, str]) -> Callable[[Any], str]:
    """One code of `kind`, written as people write it: the code, the label or its leading words
    (as the command line takes them, states.choices) or one of the `aliases` of spreadsheets."""
    choices = {code.value: label(code) for code in kind}

    def read(value: Any) -> str:
        found = matching(as_text(value), choices, aliases)
        if len(found) != 1:
            raise CellError(f"'{as_text(value)}' không hợp lệ; chọn một trong: "
                            f"{', '.join(choices.values())}")
        return found[0]

    return read
