"""The Department keeps its units true: a new unit (and what it succeeds), a rename."""

from datetime import date, timedelta

from sqlalchemy.orm import Session

from states.contacts import valid_emails
from states.db.models import AdministrativeUnit, UnitFormerName
from states.db.stored_text import length_of
from states.errors import InvalidInput
from states.permissions import authorize
from states.runtime import Runtime
from states.territory.lookups import find_unit, find_user
from states.territory.unit_book import UnitBook
from states.territory.unit_names import level_from_name, salutation_for
from states.territory.units import UnitView, unit_view
from states.typed_text import typed_name
from states.vocabulary import Action, UnitLevel, tier_of

MANUAL_PLAN = "thu-cong"  # successions typed with `unit add` and no --plan


def add_unit(rt: Runtime, session: Session, actor: str, *, code: str, name: str, level: UnitLevel,
             parent: str | None, valid_from: date | None = None, valid_until: date | None = None,
             contacts: list[str] | None = None, succeeds: list[str] | None = None,
             split: bool = False, basis: str | None = None, plan: str | None = None) -> UnitView:
    authorize(find_user(session, actor), Action.MANAGE_USERS)
    book = UnitBook.load(session)
    if not code.strip() or not name.strip():
        raise InvalidInput("Đơn vị cần có mã và tên.", fields=("code", "name"))
    code = typed_name(code, "Mã đơn vị", length_of(AdministrativeUnit.code))
    name = " ".join(typed_name(name, "Tên đơn vị", length_of(AdministrativeUnit.name)).split())
    if book.find(code) is not None:
        raise InvalidInput(f"Mã đơn vị '{code}' đã có.")
    if valid_from and valid_until and valid_until < valid_from:
        raise InvalidInput("Ngày hết hiệu lực phải sau ngày bắt đầu.")
    # The parent is named as it was during the unit's life (a unit of the past, of the future).
    day = valid_from or min(valid_until or date.max, rt.clock.today())
    parent_row = find_unit(session, parent, day) if parent else None
    if level != UnitLevel.PROVINCE and parent_row is None:
        raise InvalidInput("Đơn vị cấp dưới tỉnh cần có đơn vị cấp trên.", fields=("parent",))
    if succeeds and (valid_from is None or not basis):
        raise InvalidInput("Kế thừa đơn vị khác cần ngày bắt đầu và căn cứ.",
                           fields=("valid_from", "basis"))
    unit = book.ensure(code, name, level, parent_row, valid_emails(contacts or []), valid_from,
                       valid_until)
    for ref in succeeds or []:
        assert valid_from is not None and basis  # checked above
        predecessor = find_unit(session, ref, valid_from - timedelta(days=1))
        book.succeed(predecessor, unit, valid_from, split=split, basis=basis,
                     plan=plan or MANUAL_PLAN)
    book.flush()
    return unit_view(session, unit, day)


def rename_unit(rt: Runtime, session: Session, actor: str, unit: str, new_name: str, *,
                on: date | None = None, basis: str | None = None) -> UnitView:
    """A new name from `on` (same unit, code and dossiers); the old one stays for history.
    A new type word that keeps the tier changes the level too ("Xã …" → "Phường …")."""
    authorize(find_user(session, actor), Action.MANAGE_USERS)
    day = on or rt.clock.today()
    row = find_unit(session, unit, day - timedelta(days=1))
    name = " ".join(new_name.split())
    if name:
        name = " ".join(typed_name(name, "Tên mới", length_of(AdministrativeUnit.name)).split())
    if not name or name == row.name:
        raise InvalidInput(f"Tên mới của {row.name} phải khác tên hiện tại.")
    if row.valid_from is not None and day <= row.valid_from:
        raise InvalidInput(f"{row.name} chỉ có từ {row.valid_from:%d/%m/%Y}: ngày đổi tên phải sau.")
    if row.valid_until is not None and day > row.valid_until:
        raise InvalidInput(f"{row.name} đã hết hiệu lực sau ngày {row.valid_until:%d/%m/%Y}.")
    session.add(UnitFormerName(unit_id=row.id, name=row.name, level=row.level,
                               salutation=row.salutation, used_until=day - timedelta(days=1),
                               basis=basis))
    level = level_from_name(name)
    if level is not None and tier_of(level) == tier_of(row.level):
        row.level = level
    row.name, row.salutation = name, salutation_for(name)
    session.flush()
    return unit_view(session, row, day)
