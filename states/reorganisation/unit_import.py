"""Units and producers' communes from a spreadsheet: every row is checked first, and one bad
row means nothing is written (the errors name their rows, in Vietnamese)."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from states.clock import checked_day
from states.contacts import valid_emails
from states.db.models import AdministrativeUnit
from states.errors import InvalidInput, OcopError
from states.permissions import authorize
from states.reorganisation.settling import set_producer_commune
from states.runtime import Runtime
from states.territory.lookups import find_unit, find_user
from states.territory.territory import CommuneFinder
from states.territory.unit_book import UnitBook
from states.territory.unit_names import fold
from states.vocabulary import Action, UnitLevel

Row = dict[str, object]
UNIT_COLUMNS = ("code", "name", "level")  # and, when known: parent, valid_from, valid_until, contacts
LEVEL_WORDS: dict[str, UnitLevel] = {
    **{fold(level): level for level in UnitLevel},
    "tỉnh": UnitLevel.PROVINCE, "tinh": UnitLevel.PROVINCE, "huyện": UnitLevel.DISTRICT,
    "huyen": UnitLevel.DISTRICT, "thị xã": UnitLevel.DISTRICT, "thành phố": UnitLevel.DISTRICT,
    "xã": UnitLevel.COMMUNE, "xa": UnitLevel.COMMUNE, "phường": UnitLevel.WARD,
    "phuong": UnitLevel.WARD, "thị trấn": UnitLevel.TOWN, "thi tran": UnitLevel.TOWN}
MAX_LISTED = 15


@dataclass(frozen=True)
class ImportResult:
    source: str
    added: int
    updated: int


def text(row: Row, column: str) -> str:
    value = row.get(column)
    return "" if value is None else str(value).strip()


def day_of(row: Row, column: str) -> date | None:
    value = row.get(column)
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return checked_day(value.date(), column)
    if isinstance(value, date):
        return checked_day(value, column)
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return checked_day(datetime.strptime(str(value).strip(), fmt).date(), column)
        except ValueError:
            continue
    raise InvalidInput(f"ngày '{value}' ({column}) không hợp lệ")


def checked_rows(source: str, rows: Sequence[Row], check: Callable[[Row], None],
                 first_line: int = 2) -> None:
    """Run `check` on every row; collect each row's error; refuse the file if any."""
    errors = []
    for number, row in enumerate(rows, start=first_line):
        try:
            check(row)
        except OcopError as error:
            errors.append(f"dòng {number}: {error.message.rstrip('.')}")
    if errors:
        listed = "; ".join(errors[:MAX_LISTED]) + ("; …" if len(errors) > MAX_LISTED else "")
        raise InvalidInput(f"Tệp {source} có {len(errors)} dòng lỗi, không ghi gì: {listed}.")


def import_units(rt: Runtime, session: Session, actor: str, source: str,
                 rows: Sequence[Row]) -> ImportResult:
    authorize(find_user(session, actor), Action.MANAGE_USERS)
    if not rows or any(c not in rows[0] for c in UNIT_COLUMNS):
        raise InvalidInput(f"Tệp {source} cần các cột: code, name, level (và parent, valid_from, "
                           "valid_until, contacts nếu có).")
    book = UnitBook.load(session)
    counts = {"added": 0, "updated": 0}
    seen: set[str] = set()

    def one(row: Row) -> None:
        code, name = text(row, "code"), " ".join(text(row, "name").split())
        if code in seen:
            raise InvalidInput(f"mã '{code}' đã có ở một dòng trên")
        seen.add(code)
        level = LEVEL_WORDS.get(fold(text(row, "level")))
        if not code or not name:
            raise InvalidInput("thiếu mã hoặc tên")
        if level is None:
            raise InvalidInput(f"cấp '{text(row, 'level')}' không rõ (xã, phường, thị trấn, "
                               "huyện, tỉnh)")
        start, until = day_of(row, "valid_from"), day_of(row, "valid_until")
        parent = _parent(session, book, text(row, "parent"), start or rt.clock.today())
        contacts = valid_emails([a for a in text(row, "contacts").replace(";", ",").split(",")
                                 if a.strip()])
        existing = book.find(code)
        unit = book.ensure(code, name, level, parent, contacts, start, until)
        if existing is not None:
            unit.name, unit.level, unit.valid_from, unit.valid_until = name, level, start, until
            unit.parent_id = book.id_of(parent) if parent is not None else unit.parent_id
            unit.contact_emails = contacts or unit.contact_emails
        counts["updated" if existing is not None else "added"] += 1

    checked_rows(source, rows, one)
    book.flush()
    return ImportResult(source, counts["added"], counts["updated"])


def _parent(session: Session, book: UnitBook, ref: str, day: date) -> AdministrativeUnit | None:
    """A parent by code (possibly a row above in the same file) or by name."""
    if not ref:
        return None
    return book.find(ref) or find_unit(session, ref, day)


def import_producer_communes(rt: Runtime, session: Session, actor: str, source: str,
                             rows: Sequence[Row]) -> ImportResult:
    """Rows `dossier, commune`: the address commune of each dossier's producer."""
    authorize(find_user(session, actor), Action.MANAGE_USERS)
    if not rows or any(c not in rows[0] for c in ("dossier", "commune")):
        raise InvalidInput(f"Tệp {source} cần các cột: dossier, commune.")
    counts = {"updated": 0}
    finder = CommuneFinder(session)

    def one(row: Row) -> None:
        try:
            dossier_id = int(text(row, "dossier"))
        except ValueError:
            raise InvalidInput(f"số hồ sơ '{text(row, 'dossier')}' không hợp lệ") from None
        set_producer_commune(rt, session, actor, dossier_id, text(row, "commune"), finder)
        counts["updated"] += 1

    checked_rows(source, rows, one)
    return ImportResult(source, 0, counts["updated"])
