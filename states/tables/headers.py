"""Finding the heading row of a table and what each column holds, whatever the case, the
diacritics or the usual variants ("Sản phẩm" for "Tên sản phẩm", "Số QĐ" for "Số quyết định")."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from states.errors import InvalidInput
from states.folding import plain_words
from states.tables.columns import Column, TableSpec, as_text, is_blank

HEADING_ROWS = 15  # the headings are near the top, under a title or two
Row = tuple[int, tuple[Any, ...]]  # the row's number as the spreadsheet shows it, its cells


@dataclass(frozen=True)
class Layout:
    header_row: int
    header: tuple[Any, ...]  # the heading cells as written (the report repeats them)
    fields: dict[int, str]  # cell index → column key
    headings: dict[str, str]  # column key → its heading as the file writes it
    _columns: list[tuple[int, Column]] = field(default_factory=list, compare=False)

    def heading(self, key: str) -> str:
        return self.headings.get(key, key)

    def columns(self, spec: TableSpec) -> list[tuple[int, Column]]:
        """Each read cell's index and its column, in the file's order."""
        if not self._columns:
            self._columns.extend((i, spec.column(key)) for i, key in self.fields.items())
        return self._columns


def heading_words(spec: TableSpec) -> dict[str, str]:
    """Every accepted heading in `plain_words` form → the column it names (the key too)."""
    words: dict[str, str] = {}
    for column in spec.columns:
        for written in (column.heading, *column.variants, column.key):
            words[plain_words(written)] = column.key
    return words


def _fields(cells: tuple[Any, ...], words: dict[str, str]) -> dict[int, str]:
    return {i: words[plain_words(as_text(cell))] for i, cell in enumerate(cells)
            if not is_blank(cell) and plain_words(as_text(cell)) in words}


def _layout(number: int, cells: tuple[Any, ...], fields: dict[int, str]) -> Layout:
    headings: dict[str, str] = {}
    for index, key in fields.items():
        if key in headings:
            raise InvalidInput(f"Dòng tiêu đề {number}: hai cột '{headings[key]}' và "
                               f"'{as_text(cells[index])}' cùng là một cột; hãy bỏ một cột.")
        headings[key] = as_text(cells[index])
    return Layout(number, cells, fields, headings)


def find_layout(spec: TableSpec, rows: Iterator[Row], source: str) -> tuple[Layout, list[Row]]:
    """The heading row (the first, within the first rows, that names every required column)
    and the rows above it; or one sentence saying which columns were not found."""
    words = heading_words(spec)
    required = {c.key for c in spec.columns if c.required}
    above: list[Row] = []
    best: set[str] = set()
    for number, cells in rows:
        fields = _fields(cells, words)
        if required <= set(fields.values()):
            return _layout(number, cells, fields), above
        if len(set(fields.values())) > len(best):
            best = set(fields.values())
        above.append((number, cells))
        if len(above) >= HEADING_ROWS:
            break
    missing = ", ".join(f"'{c.heading}'" for c in spec.columns if c.required and c.key not in best)
    raise InvalidInput(f"Tệp {source}: không tìm thấy dòng tiêu đề trong {HEADING_ROWS} dòng đầu; "
                       f"thiếu cột {missing}. Lấy mẫu bằng: {spec.template_command}.")
