"""Finding what a person names: a user, a unit (by code or the name officers use), a dossier."""

import unicodedata
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.db.ids import storable_id
from states.db.models import AdministrativeUnit, Dossier, User
from states.errors import InvalidInput, NotFound
from states.territory.unit_names import fold, short_name
from states.territory.units import FormerNames


def find_unit(session: Session, ref: str, on: date | None = None) -> AdministrativeUnit:
    """A unit by code, by its name as `unit list` shows it, or by its name without the prefix
    ("Lục Ngạn"). Names are looked up among the units valid on `on` (the same name may come back
    in another period: "Yên Dũng" is a district in 2022 and a ward in 2026); when none was valid
    then, among all, so that a gone unit can still be named for its history."""
    wanted = fold(ref)
    units = list(session.scalars(select(AdministrativeUnit).order_by(AdministrativeUnit.id)))
    by_code = [u for u in units if fold(u.code) == wanted]
    if by_code:
        return by_code[0]
    names = FormerNames.load(session)
    for day in ([on, None] if on is not None else [None]):
        found = _named(units, names, wanted, day)
        if len(found) == 1:
            return found[0]
        if found:
            raise _ambiguous(ref, found, names, day)
    raise NotFound(f"Không có đơn vị '{ref}'. Xem danh sách bằng: ocop unit list")


def _named(units: list[AdministrativeUnit], names: FormerNames, wanted: str,
           day: date | None) -> list[AdministrativeUnit]:
    """The units called `wanted` on `day` (any day when None): full names first."""
    alive = [u for u in units if day is None or u.valid_on(day)]
    called = {u.id: [names.name_on(u, day)] if day else names.all_names(u) for u in alive}
    full = [u for u in alive if any(fold(n) == wanted for n in called[u.id])]
    return full or [u for u in alive if any(short_name(n) == wanted for n in called[u.id])]


def _ambiguous(ref: str, found: list[AdministrativeUnit], names: FormerNames,
               day: date | None) -> InvalidInput:
    listed = "; ".join(f"{names.name_on(u, day)} (mã {u.code})" for u in found[:6])
    return InvalidInput(f"Có {len(found)} đơn vị tên '{ref}': {listed}. Hãy dùng mã đơn vị.")


def find_user(session: Session, name: str) -> User:
    # Stored composed (NFC): a name typed with decomposed accents is the same name.
    user = session.scalar(select(User).where(User.name == unicodedata.normalize("NFC", name.strip())))
    if user is None:
        # Read on the web as well as in the terminal: both ways of adding a user are named.
        raise NotFound(f"Không có người dùng '{name}': quản trị viên thêm ở trang /admin/users "
                       f"hoặc bằng lệnh 'ocop user add {name} --role …'.")
    return user


def dossier_not_found(dossier_id: int) -> NotFound:
    return NotFound(f"Không có hồ sơ số {dossier_id}.")


def find_dossier(session: Session, dossier_id: int) -> Dossier:
    dossier = session.get(Dossier, dossier_id) if storable_id(dossier_id) else None
    if dossier is None:
        raise dossier_not_found(dossier_id)
    return dossier
