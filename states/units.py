"""Finding a unit the way an officer names it."""

import unicodedata

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.errors import NotFound
from states.models import AdministrativeUnit

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
