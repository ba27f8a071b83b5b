"""Bringing a province's existing lists in (`ocop import products|users FILE`): every row checked
first, a report of the bad ones, and nothing written unless all are good (or the caller says
to skip them); the same file imported twice changes nothing. One transaction."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from notices.import_workbooks import check_report, template
from states.errors import Conflict
from states.people.user_import import UserImporter
from states.people.user_rows import USERS
from states.registry.product_import import ProductImporter
from states.registry.product_rows import PRODUCTS
from states.runtime import Runtime
from states.tables.checking import (
    CheckedTable,
    RowImporter,
    RowProblem,
    check_table,
    write_table,
)
from states.tables.columns import TableSpec
from states.tables.reading import table_rows
from states.vocabulary import ImportKind, RowOutcome, label

# The imports, as data: what each reads and who checks and writes its rows. (Units come from
# `ocop unit import`, which keeps its own reader for now.)
IMPORTERS: dict[ImportKind, Callable[[Runtime, Session, str, str], RowImporter]] = {
    ImportKind.PRODUCTS: ProductImporter,
    ImportKind.USERS: UserImporter,
}
SPECS: dict[ImportKind, TableSpec] = {ImportKind.PRODUCTS: PRODUCTS, ImportKind.USERS: USERS}
TEMPLATE_NAMES = {ImportKind.PRODUCTS: "mau-nhap-san-pham-ocop.xlsx",
                  ImportKind.USERS: "mau-nhap-nguoi-dung.xlsx"}


@dataclass(frozen=True)
class ImportResult:
    kind: ImportKind
    source: str
    rows: int  # data rows read (blank rows aside)
    new: int
    existing: int
    invalid: int
    written: int
    dry_run: bool
    skip_invalid: bool
    problems: list[RowProblem]  # the first 1,000; the report has every one
    report_name: str | None  # suggested name of the check report, when there is one

    @property
    def refused(self) -> bool:
        """Some rows are bad and the caller did not ask to skip them: nothing was written."""
        return self.invalid > 0 and not self.skip_invalid


def report_name(source: str) -> str:
    stem = source.rsplit(".", 1)[0] if "." in source else source
    return f"{stem}-kiem-tra.xlsx"


def import_table(rt: Runtime, actor: str, kind: ImportKind, stream: BinaryIO, filename: str, *,
                 dry_run: bool = False, skip_invalid: bool = False) -> tuple[ImportResult, bytes | None]:
    """Check every row of `stream` (an .xlsx or .csv called `filename`), then write the new
    ones unless `dry_run`, or some are bad and not `skip_invalid`. Returns what happened and,
    when some rows are bad, the check report (.xlsx)."""
    with rt.transaction() as session:
        importer = IMPORTERS[kind](rt, session, actor, filename)
        checked = check_table(importer, table_rows(stream, filename), filename)
        try:
            counts = checked.counts
            writes = not dry_run and (counts[RowOutcome.INVALID] == 0 or skip_invalid)
            written = _write(importer, checked) if writes else 0
            report = check_report(checked) if counts[RowOutcome.INVALID] else None
        finally:
            checked.scratch.close()
    result = ImportResult(kind, filename, sum(counts.values()), counts[RowOutcome.NEW],
                          counts[RowOutcome.EXISTING], counts[RowOutcome.INVALID], written,
                          dry_run, skip_invalid, checked.problems,
                          report_name(filename) if report is not None else None)
    return result, report


def _write(importer: RowImporter, checked: CheckedTable) -> int:
    try:
        return write_table(importer, checked)
    except IntegrityError:
        raise Conflict("Trong lúc nhập, dữ liệu vừa được người khác thay đổi (một số giấy chứng "
                       "nhận hoặc tên trùng). Không có gì được ghi; hãy chạy lại.") from None


def import_template(rt: Runtime, kind: ImportKind) -> tuple[str, bytes]:
    """The file name and content of the template of `kind`."""
    guide: list[tuple[str, ...]] = [(f"Mẫu nhập {label(kind)}.",)]
    if kind == ImportKind.PRODUCTS:
        for code in rt.rules.codes():
            rulebook = rt.rules.get(code)
            guide.append((f"Nhóm sản phẩm theo {rulebook.title}:", ", ".join(rulebook.groups.values())))
    return TEMPLATE_NAMES[kind], template(SPECS[kind], guide)
