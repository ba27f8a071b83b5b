"""Finding what a person names: a user, a unit (by code or the name officers use), a dossier."""

import unicodedata

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.db.models import AdministrativeUnit, Dossier, User
from states.errors import NotFound

UNIT_PREFIXES = ("huyện ", "thành phố ", "thị xã ", "xã ", "phường ")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip().casefold()


def find_unit(session: Session, ref: str) -> AdministrativeUnit:
    """A unit by code, by its name as `unit list` shows it, or by its name without the prefix."""
    wanted = _fold(ref)
    for unit in session.scalars(select(AdministrativeUnit)):
        short = _fold(unit.name)
        for prefix in UNIT_PREFIXES:
            short = short.removeprefix(prefix)
        if wanted in (_fold(unit.code), _fold(unit.name), short):
            return unit
    raise NotFound(f"Không có đơn vị '{ref}'. Xem danh sách bằng: ocop unit list")


def find_user(session: Session, name: str) -> User:
    user = session.scalar(select(User).where(User.name == name))
    if user is None:
        raise NotFound(f"Không có người dùng '{name}'. Thêm bằng: ocop user add {name} --role ...")
    return user


def dossier_not_found(dossier_id: int) -> NotFound:
    return NotFound(f"Không có hồ sơ số {dossier_id}.")


def find_dossier(session: Session, dossier_id: int) -> Dossier:
    dossier = session.get(Dossier, dossier_id)
    if dossier is None:
        raise dossier_not_found(dossier_id)
    return dossier
