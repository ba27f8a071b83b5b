"""Checking every row of a table before anything is written: each cell read by its column,
each row by its importer (the rules, then the database in batches), duplicates found across
the whole file; then, if the caller agrees, the valid rows written batch by batch."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from states.tables.columns import CellError, TableSpec, UniqueKey, as_text, is_blank
from states.tables.headers import Layout, Row, find_layout
from states.tables.scratch import Scratch
from states.typed_text import name_key
from states.vocabulary import RowOutcome

BATCH = 2000  # rows per database round trip: 50 batches for 100,000 rows
LISTED = 1000  # problems kept for the screen and --json; the report .xlsx has every one


@dataclass
class Candidate:
    """One data row on its way in: its cells as written, the values read from them, and the
    problems found (column key, or "" for the whole row; reason)."""

    row: int
    cells: tuple[Any, ...]
    values: dict[str, Any] = field(default_factory=dict)
    problems: list[tuple[str, str]] = field(default_factory=list)
    outcome: RowOutcome = RowOutcome.NEW

    def refuse(self, column: str, reason: str) -> None:
        self.problems.append((column, reason))
        self.outcome = RowOutcome.INVALID


class RowImporter(Protocol):
    """What an import is, as data and three steps: its columns, the check of one row (rules,
    reference data loaded once), the check of a batch against the database (taken, or already
    there: `EXISTING`), and the writing of a batch of new rows."""

    spec: TableSpec

    def check_row(self, candidate: Candidate) -> None: ...

    def check_batch(self, batch: list[Candidate]) -> None: ...

    def write_batch(self, batch: list[Candidate]) -> None: ...


@dataclass(frozen=True)
class RowProblem:
    row: int
    column: str  # the heading as the file writes it; "" for the whole row
    reason: str


@dataclass
class CheckedTable:
    source: str
    layout: Layout
    above: list[Row]  # rows over the headings (titles), for the report
    scratch: Scratch
    counts: dict[RowOutcome, int] = field(default_factory=lambda: dict.fromkeys(RowOutcome, 0))
    problems: list[RowProblem] = field(default_factory=list)  # the first LISTED

    def candidates(self) -> Iterator[Candidate]:
        for batch in self.scratch.batches():
            yield from batch

    def note(self, candidate: Candidate) -> None:
        self.counts[candidate.outcome] += 1
        for column, reason in candidate.problems:
            if len(self.problems) < LISTED:
                self.problems.append(RowProblem(candidate.row, self.layout.heading(column)
                                                if column else "", reason))


def identity(value: Any) -> str:
    """How two cells name the same thing: case and composed/decomposed forms aside."""
    return name_key(as_text(value))


def check_table(importer: RowImporter, rows: Iterator[Row], source: str) -> CheckedTable:
    layout, above = find_layout(importer.spec, rows, source)
    checked = CheckedTable(source, layout, above, Scratch())
    try:
        batch: list[Candidate] = []
        for number, cells in rows:
            if all(is_blank(cell) for cell in cells):
                continue
            batch.append(_read(importer, layout, number, cells))
            if len(batch) >= BATCH:
                _finish(importer, checked, batch)
                batch = []
        _finish(importer, checked, batch)
    except BaseException:
        checked.scratch.close()
        raise
    return checked


def _read(importer: RowImporter, layout: Layout, number: int, cells: tuple[Any, ...]) -> Candidate:
    candidate = Candidate(number, cells)
    for index, column in layout.columns(importer.spec):
        key = column.key
        value = cells[index] if index < len(cells) else None
        if is_blank(value):
            if column.required:
                candidate.refuse(key, "bỏ trống")
            continue
        try:
            candidate.values[key] = column.read(value)
        except CellError as error:
            candidate.refuse(key, str(error))
    if candidate.outcome != RowOutcome.INVALID:
        importer.check_row(candidate)
    return candidate


def _finish(importer: RowImporter, checked: CheckedTable, batch: list[Candidate]) -> None:
    for kind, key in enumerate(importer.spec.unique):
        _duplicates(checked.scratch, kind, key, [c for c in batch if c.outcome != RowOutcome.INVALID])
    valid = [c for c in batch if c.outcome != RowOutcome.INVALID]
    if valid:
        importer.check_batch(valid)
    for candidate in batch:
        checked.note(candidate)
    if batch:
        checked.scratch.keep(batch)


def _duplicates(scratch: Scratch, kind: int, key: UniqueKey, batch: list[Candidate]) -> None:
    keyed = [(c, hash(tuple(identity(c.values[k]) for k in key.values))) for c in batch
             if all(not is_blank(c.values.get(k)) for k in key.values)]
    first = scratch.first_rows(kind, [(h, c.row) for c, h in keyed])
    for candidate, hashed in keyed:
        if first[hashed] != candidate.row:
            candidate.refuse(key.column, f"trùng {key.what} với dòng {first[hashed]}")


def write_table(importer: RowImporter, checked: CheckedTable) -> int:
    """Write every new row, batch by batch. Returns how many were written."""
    written = 0
    for batch in checked.scratch.batches():
        new = [c for c in batch if c.outcome == RowOutcome.NEW]
        if new:
            importer.write_batch(new)
            written += len(new)
    return written
