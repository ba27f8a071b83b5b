"""The province's units as `unit list` shows them."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.db.models import AdministrativeUnit
from states.vocabulary import UnitLevel


@dataclass(frozen=True)
class UnitView:
    code: str
    name: str
    level: UnitLevel
    contacts: list[str]


def list_units(session: Session, within: int | None = None) -> list[UnitView]:
    """Every unit, or the units directly under unit `within` (a province's districts)."""
    query = select(AdministrativeUnit).order_by(AdministrativeUnit.id)
    if within is not None:
        query = query.where(AdministrativeUnit.parent_id == within)
    units = session.scalars(query)
    return [UnitView(u.code, u.name, UnitLevel(u.level), list(u.contact_emails)) for u in units]
